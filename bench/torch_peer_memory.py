"""PyTorch's side of the memory benchmark (bench/src/memory/main.ts runs it): the same loops as
bench/src/memory/side.ts, 2 threads, one JSON line with the RSS every few steps, the peak RSS and
the mean step time after the warm-up steps.

    /usr/bin/python3 bench/torch_peer_memory.py --loop cnn --batch 64 --steps 2000
    /usr/bin/python3 bench/torch_peer_memory.py --loop ops --steps 100000
"""
import argparse
import json
import resource
import time

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

from fashion_torch import Net  # the seed's CNN, one definition for both PyTorch peers


class RandomImages(Dataset):
    """Random uint8 28x28 images made into tensors per item as transforms.ToTensor() does."""

    def __init__(self, count):
        self.images = torch.randint(0, 256, (count, 28, 28), dtype=torch.uint8)
        self.labels = [(i * 7919) % 10 for i in range(count)]

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return self.images[i].float().div(255).unsqueeze(0), self.labels[i]


def rss_mib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--loop", default="cnn")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--steps", type=int, default=2000)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    steps = a.steps
    warmup = min(50, steps // 4)
    every = max(1, steps // 400)
    rss = []
    losses = []
    t0 = time.perf_counter()
    if a.loop == "cnn":
        loader = DataLoader(RandomImages(min(60000, max(a.batch * 64, 8192))), batch_size=a.batch, shuffle=True, drop_last=True)
        model = Net()
        criterion = nn.CrossEntropyLoss()
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        model.train()
        step = 0
        train_loss = 0.0
        while step < steps:
            for data, label in loader:
                optimizer.zero_grad()
                loss = criterion(model(data), label)
                loss.backward()
                optimizer.step()
                value = loss.item()
                train_loss += value * data.size(0)
                losses.append(value)
                step += 1
                if step % every == 0 or step == steps or step == warmup:
                    rss.append([step, rss_mib()])
                if step == warmup:
                    t0 = time.perf_counter()
                if step >= steps:
                    break
    else:
        x = torch.randn(64, 64)
        y = torch.randn(64, 64)
        for step in range(1, steps + 1):
            x.add(y).mul(0.5).relu().sum()
            if step % every == 0 or step == steps or step == warmup:
                rss.append([step, rss_mib()])
            if step == warmup:
                t0 = time.perf_counter()
        losses.append(float(x.add(y).mul(0.5).relu().sum()))
    mean_ms = (time.perf_counter() - t0) * 1000 / (steps - warmup)
    tail = losses[-50:]
    print(json.dumps({
        "side": f"PyTorch {torch.__version__} ({a.threads} threads)",
        "loop": a.loop, "mode": "plain", "batch": a.batch, "steps": steps, "warmup": warmup,
        "rss": rss, "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "meanStepMs": mean_ms, "loss": sum(tail) / len(tail),
    }))


if __name__ == "__main__":
    main()
