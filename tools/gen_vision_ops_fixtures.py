"""Writes packages/vision/test/fixtures/ops.json: torchvision 0.14's ops layers (Conv2dNormActivation,
SqueezeExcitation, MLP, Permute, StochasticDepth) built with the arguments of each case, their repr,
state_dict keys and shapes, and, with tools/vision_weights.py's deterministic weights, the eval-mode
output on the deterministic input. The TypeScript test builds the same case by name.

Run with Debian's PyTorch: /usr/bin/python3 tools/gen_vision_ops_fixtures.py
"""
import json
import os
import sys
from functools import partial

import torch
from torch import nn
from torchvision import ops

sys.path.insert(0, os.path.dirname(__file__))
from fixture_io import enc_tensor  # noqa: E402
from vision_weights import deterministic_input, load_deterministic_weights  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "packages", "vision", "test", "fixtures", "ops.json")

CASES = [
    ("conv_norm_act_default", lambda: ops.Conv2dNormActivation(3, 8), [2, 3, 9, 9]),
    ("conv_norm_act_strided_groups_no_norm", lambda: ops.Conv2dNormActivation(4, 8, 3, 2, groups=2, norm_layer=None, activation_layer=nn.Hardswish), [1, 4, 10, 10]),
    (
        "conv_norm_act_dilated_rect_partial_norm",
        lambda: ops.Conv2dNormActivation(4, 6, kernel_size=(3, 5), dilation=2, norm_layer=partial(nn.BatchNorm2d, eps=0.001, momentum=0.01), activation_layer=nn.SiLU),
        [1, 4, 11, 12],
    ),
    ("conv_norm_act_no_activation_bias", lambda: ops.Conv2dNormActivation(4, 6, 1, activation_layer=None, bias=True), [1, 4, 5, 5]),
    ("conv_norm_act_inplace_none_padding", lambda: ops.Conv2dNormActivation(3, 5, 5, padding=1, activation_layer=nn.ReLU6, inplace=None), [1, 3, 8, 8]),
    ("squeeze_excitation_default", lambda: ops.SqueezeExcitation(8, 4), [2, 8, 5, 5]),
    ("squeeze_excitation_hard", lambda: ops.SqueezeExcitation(8, 2, activation=nn.SiLU, scale_activation=nn.Hardsigmoid), [1, 8, 4, 6]),
    ("mlp_default", lambda: ops.MLP(6, [10, 4]), [3, 6]),
    (
        "mlp_norm_gelu_no_bias",
        lambda: ops.MLP(6, [10, 8, 4], norm_layer=nn.LayerNorm, activation_layer=nn.GELU, inplace=None, bias=False, dropout=0.1),
        [2, 5, 6],
    ),
    ("permute", lambda: ops.Permute([0, 2, 3, 1]), [2, 3, 4, 5]),
    ("stochastic_depth_row", lambda: ops.StochasticDepth(0.2, "row"), [4, 3, 2, 2]),
    ("stochastic_depth_batch", lambda: ops.StochasticDepth(0.0125, "batch"), [4, 3]),
]


def case(name, build, input_shape):
    torch.manual_seed(0)
    m = build()
    load_deterministic_weights(m)
    m.eval()
    with torch.no_grad():
        y = m(deterministic_input(input_shape))
    return {
        "name": name,
        "repr": repr(m),
        "state": [[k, list(v.shape)] for k, v in m.state_dict().items()],
        "input_shape": input_shape,
        "output": enc_tensor(y.contiguous()),
    }


def main():
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"cases": [case(*c) for c in CASES]}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
