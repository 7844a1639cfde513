"""Writes the fixtures of packages/hub/test/pretrained.test.ts: what timm's create_model(pretrained=True)
makes of a local checkpoint file (pretrained_cfg_overlay=dict(file=...)), with inChans and numClasses
adapted.

- weights/test_resnet.pth: timm's test_resnet with its own random initialisation (seed 0), written
  by torch.save; and pretrained-test_resnet.json: for the default head and for in_chans=1 /
  num_classes=10, the first convolution timm loads, and the eval output (logits; pre-logits where
  the head is new) on deterministic_input.
- pretrained-resnet34.json: the seed's call, createModel('resnet34', { numClasses: 10, pretrained:
  true, inChans: 1 }), from a file of resnet34's deterministic weights (tools/vision_weights.py; the
  test writes the same file): the adapted conv1 and the pre-logits features.

Run: /usr/bin/python3 tools/gen_hub_pretrained_fixtures.py   (see tools/hub_timm.py for the timm it imports)
"""
import json
import os
import sys
import tempfile

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_io import enc_values  # noqa: E402
from hub_timm import timm  # noqa: E402
from vision_weights import deterministic_input, load_deterministic_weights  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "hub", "test", "fixtures")


def run(model, shape, pre_logits):
    model.eval()
    with torch.no_grad():
        x = deterministic_input(shape)
        return model.forward_head(model.forward_features(x), pre_logits=True) if pre_logits else model(x)


def loaded(name, path, **kw):
    return timm.create_model(name, pretrained=True, pretrained_cfg_overlay=dict(file=path), **kw)


def main():
    torch.set_num_threads(2)
    torch.manual_seed(0)
    src = timm.create_model("test_resnet")
    pth = os.path.join(OUT, "weights", "test_resnet.pth")
    torch.save(src.state_dict(), pth)
    cases = {}
    for key, kw, shape, pre in [("default", {}, [1, 3, 64, 64], False), ("in_chans_1_num_classes_10", {"in_chans": 1, "num_classes": 10}, [1, 1, 64, 64], True), ("in_chans_5", {"in_chans": 5}, [1, 5, 64, 64], False)]:
        m = loaded("test_resnet", pth, **kw)
        cases[key] = {"kwargs": kw, "input_shape": shape, "pre_logits": pre, "conv1": enc_values(m.state_dict()["conv1.0.weight"]), "conv1_shape": list(m.conv1[0].weight.shape), "output": enc_values(run(m, shape, pre))}
    with open(os.path.join(OUT, "pretrained-test_resnet.json"), "w") as f:
        json.dump(cases, f, separators=(",", ":"))

    det = timm.create_model("resnet34")
    load_deterministic_weights(det)
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "resnet34.pth")
        torch.save(det.state_dict(), path)
        m = loaded("resnet34", path, num_classes=10, in_chans=1)
    out = {"conv1": enc_values(m.conv1.weight), "conv1_shape": list(m.conv1.weight.shape), "fc_shape": list(m.fc.weight.shape), "input_shape": [1, 1, 64, 64], "pre_logits": enc_values(run(m, [1, 1, 64, 64], True))}
    with open(os.path.join(OUT, "pretrained-resnet34.json"), "w") as f:
        json.dump(out, f, separators=(",", ":"))
    print("wrote test_resnet.pth, pretrained-test_resnet.json, pretrained-resnet34.json")


if __name__ == "__main__":
    main()
