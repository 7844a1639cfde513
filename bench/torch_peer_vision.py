"""PyTorch side of `pnpm bench vision` (2 threads), one measurement per call, as JSON on stdout.

  prepare DIR       torchvision's resnet18 (seed 0) as DIR/resnet18.pth (its state dict, which @x
                    loads) and DIR/resnet18.onnx (the same model for ONNX Runtime)
  forward DIR       median seconds of one eval-mode forward, batch 8, 224x224, under no_grad
  train DIR         median seconds of one training step (forward, cross-entropy, backward, SGD)
  loader DIR        seconds to decode and transform the JPEG folder DIR with torchvision's
                    ImageFolder (PIL) and a DataLoader with 2 workers, batch 32
"""
import json
import sys
import time

import torch
import torchvision
from torchvision import transforms

from peer_timing import timed

torch.set_num_threads(2)


def model(d):
    m = torchvision.models.resnet18()
    m.load_state_dict(torch.load(f"{d}/resnet18.pth"))
    return m


def prepare(d):
    torch.manual_seed(0)
    m = torchvision.models.resnet18().eval()
    torch.save(m.state_dict(), f"{d}/resnet18.pth")
    torch.onnx.export(m, torch.zeros(8, 3, 224, 224), f"{d}/resnet18.onnx", input_names=["input"], output_names=["logits"], opset_version=13)
    return {"ok": True}


def forward(d):
    m = model(d).eval()
    x = torch.rand(8, 3, 224, 224)
    with torch.no_grad():
        return timed(lambda: m(x), min_runs=5, budget=4.0)


def train(d):
    m = model(d).train()
    x = torch.rand(8, 3, 224, 224)
    y = torch.randint(0, 1000, (8,))
    opt = torch.optim.SGD(m.parameters(), lr=0.01, momentum=0.9)
    loss_fn = torch.nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        loss_fn(m(x), y).backward()
        opt.step()

    return timed(step, min_runs=3, budget=4.0)


def loader(d):
    tf = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
                             transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    ds = torchvision.datasets.ImageFolder(d, transform=tf)
    dl = torch.utils.data.DataLoader(ds, batch_size=32, num_workers=2)
    t0 = time.perf_counter()
    n = sum(x.shape[0] for x, _ in dl)
    assert n == len(ds)
    return time.perf_counter() - t0


if __name__ == "__main__":
    mode, d = sys.argv[1], sys.argv[2]
    print(json.dumps({"prepare": prepare, "forward": forward, "train": train, "loader": loader}[mode](d)))
