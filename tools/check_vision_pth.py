"""Every torchvision builder @x/vision has, through a .pth file written by PyTorch: torchvision's model
(weights=None, then the deterministic weights of tools/vision_weights.py, which unlike a fresh
initialisation give every model logits of a useful size: ViT's zero head gives zeros; eval mode)
saves its state dict, an input and its logits; @x
builds the same model with `weights` set to that file (tools/check_vision_pth.mjs, on the built
packages) and compares its logits. One model at a time, in a temporary folder (the files of the big
models are hundreds of megabytes, which is why the committed fixtures use generated weights instead).

  /usr/bin/python3 tools/check_vision_pth.py [NAME ...]      (after `pnpm build`; no names: all)
"""
import json
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import torch
import torchvision

from vision_weights import deterministic_input, load_deterministic_weights

ROOT = Path(__file__).resolve().parent.parent
NAMES = [
    "resnet18", "resnet34", "resnet50", "resnet101", "resnet152", "resnext50_32x4d", "wide_resnet50_2",
    "alexnet", "vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16", "vgg16_bn", "vgg19", "vgg19_bn",
    "squeezenet1_0", "squeezenet1_1", "densenet121", "densenet161", "densenet169", "densenet201",
    "inception_v3", "googlenet", "shufflenet_v2_x0_5", "shufflenet_v2_x1_0", "mobilenet_v2",
    "mobilenet_v3_large", "mobilenet_v3_small", "mnasnet0_5", "mnasnet1_0", "efficientnet_b0",
    "efficientnet_b1", "efficientnet_b2", "efficientnet_b3", "regnet_y_400mf", "convnext_tiny", "vit_b_16",
]
TOLERANCE = 1e-4
# what torchvision's builders set when given weights, as @x's do: the file holds weights trained on
# inputs transformed that way
WITH_WEIGHTS = {"inception_v3": {"transform_input": True}, "googlenet": {"transform_input": True}}


def check(name, folder):
    model = getattr(torchvision.models, name)(weights=None, **WITH_WEIGHTS.get(name, {})).eval()
    load_deterministic_weights(model)
    size = 299 if name == "inception_v3" else 224
    x = deterministic_input((1, 3, size, size))
    with torch.no_grad():
        logits = model(x)
    torch.save(model.state_dict(), folder / f"{name}.pth")
    torch.save({"input": x, "logits": logits}, folder / f"{name}.check.pth")
    del model
    r = subprocess.run(["node", str(ROOT / "tools" / "check_vision_pth.mjs"), str(folder), name], capture_output=True, text=True)
    (folder / f"{name}.pth").unlink()
    if r.returncode != 0:
        return {"name": name, "error": (r.stderr or r.stdout).strip().splitlines()[-1]}
    return json.loads(r.stdout.strip().splitlines()[-1])


def main():
    # inception_v3's and googlenet's notice that their default initialisation will change
    warnings.filterwarnings("ignore", category=FutureWarning)
    names = sys.argv[1:] or NAMES
    failures = 0
    with tempfile.TemporaryDirectory(prefix="vision-pth-") as tmp:
        for name in names:
            res = check(name, Path(tmp))
            if "error" in res:
                failures += 1
                print(f"{name:22s} FAILED: {res['error']}", flush=True)
                continue
            ok = res["maxDiff"] <= TOLERANCE * max(1.0, res["maxAbs"])
            failures += not ok
            print(f"{name:22s} {'ok' if ok else 'FAILED'}  max |logits difference| {res['maxDiff']:.3e} (largest |logit| {res['maxAbs']:.3g}), "
                  f"argmax equal: {res['argmaxEqual']}", flush=True)
    print(f"{len(names) - failures} of {len(names)} models give torchvision's logits from PyTorch's .pth")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
