"""Writes packages/vision/test/fixtures/weights/: a small torchvision model's state dict saved by
PyTorch (torch.save), for the test that @x/vision's models load a .pth written by PyTorch.

densenet_tiny.pth: torchvision's DenseNet class with a few channels (a few kilobytes), initialised by
torchvision and with running statistics from one training-mode batch; densenet_tiny_old_keys.pth:
the same under the key names of torchvision's published DenseNet files ('denselayer1.norm.1.weight').
densenet_tiny.json: the DenseNet arguments, and the eval-mode logits on deterministic_input.

Run: /usr/bin/python3 tools/gen_vision_weights_fixtures.py
"""
import json
import os
import re
import sys
from collections import OrderedDict

import torch
from torchvision.models import DenseNet

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_io import enc_values  # noqa: E402
from vision_weights import deterministic_input  # noqa: E402

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "vision", "test", "fixtures", "weights")

KWARGS = {"growth_rate": 4, "block_config": [1, 2, 1, 1], "num_init_features": 8, "bn_size": 2, "num_classes": 5}
INPUT_SHAPE = [2, 3, 32, 32]


def old_key(k):
    """torchvision's published DenseNet key for a current one: norm1.weight -> norm.1.weight (the files
    predate num_batches_tracked, whose keys torchvision's renaming leaves as they are)."""
    return re.sub(r"(denselayer\d+\.(?:norm|relu|conv))([12])\.(weight|bias|running_mean|running_var)$", r"\1.\2.\3", k)


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    torch.manual_seed(0)
    model = DenseNet(**{**KWARGS, "block_config": tuple(KWARGS["block_config"])})
    model.train()
    with torch.no_grad():
        model(torch.randn(4, 3, 32, 32))
    model.eval()
    with torch.no_grad():
        logits = model(deterministic_input(INPUT_SHAPE))
    state = model.state_dict()
    torch.save(state, os.path.join(OUT_DIR, "densenet_tiny.pth"))
    torch.save(OrderedDict((old_key(k), v) for k, v in state.items()), os.path.join(OUT_DIR, "densenet_tiny_old_keys.pth"))
    with open(os.path.join(OUT_DIR, "densenet_tiny.json"), "w") as f:
        json.dump({"kwargs": KWARGS, "input_shape": INPUT_SHAPE, "logits": enc_values(logits, round_float32=True)}, f)
        f.write("\n")
    print("wrote", OUT_DIR)


if __name__ == "__main__":
    main()
