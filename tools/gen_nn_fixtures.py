#!/usr/bin/python3
"""Generate packages/nn/test/fixtures/layers.json: @x/nn layers, functional ops and init, by real PyTorch (1.13).

Run with Debian's python3-torch:  /usr/bin/python3 tools/gen_nn_fixtures.py

Deterministic (torch.manual_seed(0), fixed inputs). Sections:

  modules:  { name, ctor, args, kwargs, dtype, state (the state_dict the test loads before running),
              nonleaf (run on input * 1, for in-place layers), steps: [{ train, inputs, output, upstream,
              grads: { input0.., <param name>.. } }], after (state_dict after the steps), repr }
            Each step zeroes the gradients, runs forward in train or eval mode and backward with
            `upstream`; gradients are those of that step alone.
  functional: { name, fn (torch.nn.functional name), args, kwargs, output, upstream, grads (one per
              argument: tensor or null), after (tensors of the arguments after the call, for the in-place
              running-stat updates) }
  reprs:    { ctor, args, kwargs, repr }
  errors:   { kind: module | ctor | functional | init, …the call…, error: str(exception) }
  init:     { fn, shape, args, kwargs, stats: { mean, std, min, max, zeros }, tol: { mean, std },
              bound (the exact bound of a uniform draw or a truncation, when there is one), exact
              (the whole tensor, for deterministic inits) }
  fresh:    statistics of freshly built layers' parameters, same form as init.
  gains:    [nonlinearity, param, calculate_gain]

Keyword names are converted to the camelCase @x uses; a tensor is {"tensor": true, "dtype",
"shape", "data", "requiresGrad"?}. JavaScript has one number type, so 2.0 arrives as 2: the layers
this file builds take integral floats only where @x prints them the same way.
"""
import json
import math
import os
import re
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F
from fixture_io import DTYPE_NAMES, enc_number, enc_tensor

warnings.filterwarnings("ignore")
torch.manual_seed(0)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "nn", "test", "fixtures", "layers.json")


def camel(name):
    if name.startswith("_"):
        return name
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), name)


def enc_value(v):
    if isinstance(v, torch.Tensor):
        return enc_tensor(v)
    if isinstance(v, torch.dtype):
        return DTYPE_NAMES[v]
    if isinstance(v, (list, tuple)):
        return [enc_value(x) for x in v]
    if isinstance(v, float):
        return enc_number(v)
    return v


def enc_kwargs(kw):
    return {camel(k): enc_value(v) for k, v in kw.items()}


def enc_state(m):
    return {k: enc_tensor(v) for k, v in m.state_dict().items()}


def with_specials(t, specials):
    """t with its first entries replaced by the given values (kinks and bounds of activations)."""
    flat = t.reshape(-1).clone()
    for i, v in enumerate(specials[: flat.numel()]):
        flat[i] = v
    return flat.reshape(t.shape)


# ---------------------------------------------------------------- modules

MODULES = []


def module_case(name, ctor, args=(), kwargs=None, inputs=(), steps=None, dtype=torch.float32, setup=None, nonleaf=False):
    """inputs: tensors for one train step, or steps: [(train, [tensors])]."""
    kwargs = kwargs or {}
    m = getattr(nn, ctor)(*args, **kwargs)
    if dtype == torch.float64:
        m = m.double()
    if setup is not None:
        with torch.no_grad():
            setup(m)
    state = enc_state(m)
    if steps is None:
        steps = [(True, list(inputs))]
    out_steps = []
    for train, xs in steps:
        m.train(train)
        m.zero_grad(set_to_none=True)
        leaves = [x.to(dtype).clone().requires_grad_(True) if x.is_floating_point() else x.clone() for x in xs]
        feed = [x * 1 if (nonleaf and x.is_floating_point()) else x for x in leaves]
        y = m(*feed)
        upstream = torch.randn(y.shape, dtype=y.dtype)
        grads = {}
        if y.requires_grad:
            y.backward(upstream)
            for i, x in enumerate(leaves):
                if x.is_floating_point():
                    grads[f"input{i}"] = enc_tensor(x.grad if x.grad is not None else torch.zeros_like(x))
            for pname, p in m.named_parameters():
                if p.requires_grad:
                    grads[pname] = enc_tensor(p.grad if p.grad is not None else torch.zeros_like(p))
        out_steps.append({
            "train": train,
            "inputs": [enc_tensor(x) for x in leaves],
            "output": enc_tensor(y),
            "upstream": enc_tensor(upstream),
            "grads": grads,
        })
    MODULES.append({
        "name": name, "ctor": ctor, "args": [enc_value(a) for a in args], "kwargs": enc_kwargs(kwargs),
        "dtype": DTYPE_NAMES[dtype], "nonleaf": nonleaf, "state": state, "steps": out_steps, "after": enc_state(m), "repr": repr(m),
    })


def randomize(*names, scale=1.0, positive=False):
    def setup(m):
        for n in names:
            t = getattr(m, n)
            v = torch.randn(t.shape, dtype=t.dtype) * scale
            t.copy_(v.abs() + 0.5 if positive else v)
    return setup


def bn_setup(m):
    if m.weight is not None:
        m.weight.copy_(torch.randn(m.weight.shape) * 0.5 + 1)
        m.bias.copy_(torch.randn(m.bias.shape) * 0.5)
    if m.running_mean is not None:
        m.running_mean.copy_(torch.randn(m.running_mean.shape) * 0.3)
        m.running_var.copy_(torch.rand(m.running_var.shape) + 0.5)


def randn(*shape, scale=1.0):
    return torch.randn(*shape) * scale


ACT_SPECIALS = [0.0, -1.0, 1.0, 3.0, -3.0, 6.0, 20.0, -20.0, 0.5, -0.5, 2.0, -2.0, 25.0, -25.0]


def act_input(*shape):
    return with_specials(torch.randn(*shape) * 3, ACT_SPECIALS)


# Linear, Bilinear, Identity, Flatten, Unflatten
module_case("Linear 2d", "Linear", (5, 3), inputs=[randn(4, 5)])
module_case("Linear 3d", "Linear", (5, 3), inputs=[randn(2, 4, 5)])
module_case("Linear 1d", "Linear", (5, 3), inputs=[randn(5)])
module_case("Linear no bias", "Linear", (5, 3), {"bias": False}, inputs=[randn(4, 5)])
module_case("Linear float64", "Linear", (6, 2), inputs=[randn(3, 6)], dtype=torch.float64)
module_case("Bilinear", "Bilinear", (3, 4, 5), inputs=[randn(6, 3), randn(6, 4)])
module_case("Bilinear 3d no bias", "Bilinear", (3, 2, 4), {"bias": False}, inputs=[randn(2, 3, 3), randn(2, 3, 2)])
module_case("Bilinear float64", "Bilinear", (3, 4, 2), inputs=[randn(5, 3), randn(5, 4)], dtype=torch.float64)
module_case("Identity", "Identity", (54,), {"unused": "argument"}, inputs=[randn(2, 3)])
module_case("Flatten", "Flatten", (), inputs=[randn(2, 3, 4, 5)])
module_case("Flatten 0..2", "Flatten", (0, 2), inputs=[randn(2, 3, 4, 5)])
module_case("Unflatten", "Unflatten", (1, (2, 5)), inputs=[randn(3, 10)])

# Normalization
for dt in (torch.float32, torch.float64):
    sfx = "" if dt == torch.float32 else " float64"
    module_case("BatchNorm2d train/eval" + sfx, "BatchNorm2d", (3,), setup=bn_setup, dtype=dt,
                steps=[(True, [randn(4, 3, 5, 5, scale=2) + 1]), (True, [randn(4, 3, 5, 5)]), (False, [randn(2, 3, 5, 5)])])
module_case("BatchNorm2d momentum None", "BatchNorm2d", (3,), {"momentum": None}, setup=bn_setup,
            steps=[(True, [randn(2, 3, 4, 4)]), (True, [randn(2, 3, 4, 4) * 2]), (True, [randn(2, 3, 4, 4) - 1]), (False, [randn(2, 3, 4, 4)])])
module_case("BatchNorm2d momentum 0.3 eps 1e-3", "BatchNorm2d", (2, 1e-3, 0.3), setup=bn_setup,
            steps=[(True, [randn(3, 2, 3, 3)]), (False, [randn(3, 2, 3, 3)])])
module_case("BatchNorm2d no affine", "BatchNorm2d", (3,), {"affine": False}, setup=bn_setup,
            steps=[(True, [randn(2, 3, 4, 4)]), (False, [randn(2, 3, 4, 4)])])
module_case("BatchNorm2d no running stats", "BatchNorm2d", (3,), {"track_running_stats": False}, setup=bn_setup,
            steps=[(True, [randn(2, 3, 4, 4)]), (False, [randn(2, 3, 4, 4)])])
module_case("BatchNorm1d 2d input", "BatchNorm1d", (4,), setup=bn_setup, steps=[(True, [randn(8, 4)]), (False, [randn(3, 4)])])
module_case("BatchNorm1d 3d input", "BatchNorm1d", (4,), setup=bn_setup, steps=[(True, [randn(3, 4, 6)]), (False, [randn(2, 4, 6)])])
module_case("BatchNorm3d", "BatchNorm3d", (2,), setup=bn_setup, steps=[(True, [randn(2, 2, 3, 3, 3)]), (False, [randn(1, 2, 3, 3, 3)])])
module_case("LayerNorm last dim", "LayerNorm", (5,), setup=randomize("weight", "bias"), inputs=[randn(2, 3, 5, scale=2) + 1])
module_case("LayerNorm two dims", "LayerNorm", ([3, 5],), setup=randomize("weight", "bias"), inputs=[randn(2, 3, 5)])
module_case("LayerNorm no affine eps", "LayerNorm", (4,), {"elementwise_affine": False, "eps": 1e-3}, inputs=[randn(3, 4)])
module_case("LayerNorm float64", "LayerNorm", (6,), setup=randomize("weight", "bias"), inputs=[randn(4, 6)], dtype=torch.float64)
module_case("GroupNorm", "GroupNorm", (2, 6), setup=randomize("weight", "bias"), inputs=[randn(2, 6, 3, 3)])
module_case("GroupNorm no affine", "GroupNorm", (3, 6), {"affine": False}, inputs=[randn(2, 6, 4)])
module_case("GroupNorm one group", "GroupNorm", (1, 4), setup=randomize("weight", "bias"), inputs=[randn(3, 4, 5)])
module_case("GroupNorm float64", "GroupNorm", (4, 4), setup=randomize("weight", "bias"), inputs=[randn(2, 4, 2, 3)], dtype=torch.float64)
module_case("InstanceNorm2d", "InstanceNorm2d", (3,), inputs=[randn(2, 3, 4, 4) + 1])
module_case("InstanceNorm2d affine tracked", "InstanceNorm2d", (3,), {"affine": True, "track_running_stats": True}, setup=bn_setup,
            steps=[(True, [randn(2, 3, 4, 4)]), (True, [randn(2, 3, 4, 4) * 2]), (False, [randn(2, 3, 4, 4)])])
module_case("InstanceNorm2d unbatched", "InstanceNorm2d", (3,), {"affine": True}, setup=bn_setup, inputs=[randn(3, 4, 5)])
module_case("InstanceNorm1d", "InstanceNorm1d", (2,), inputs=[randn(3, 2, 7)])

# Activations
module_case("ReLU", "ReLU", (), inputs=[act_input(4, 5)])
module_case("ReLU inplace", "ReLU", (True,), inputs=[act_input(4, 5)], nonleaf=True)
module_case("ReLU6", "ReLU6", (), inputs=[act_input(4, 5)])
module_case("ReLU6 inplace", "ReLU6", (True,), inputs=[act_input(4, 5)], nonleaf=True)
module_case("LeakyReLU", "LeakyReLU", (), inputs=[act_input(4, 5)])
module_case("LeakyReLU 0.2 inplace", "LeakyReLU", (0.2, True), inputs=[act_input(4, 5)], nonleaf=True)
module_case("PReLU", "PReLU", (), setup=randomize("weight", scale=0.3), inputs=[act_input(2, 3, 4)])
module_case("PReLU per channel", "PReLU", (3,), setup=randomize("weight", scale=0.3), inputs=[act_input(2, 3, 4)])
module_case("PReLU per channel 2d", "PReLU", (3, 0.1), inputs=[act_input(5, 3)])
module_case("ELU", "ELU", (), inputs=[act_input(4, 5)])
module_case("ELU 0.5 inplace", "ELU", (0.5, True), inputs=[act_input(4, 5)], nonleaf=True)
module_case("CELU", "CELU", (1.5,), inputs=[act_input(4, 5)])
module_case("SELU", "SELU", (), inputs=[act_input(4, 5)])
module_case("GELU", "GELU", (), inputs=[act_input(4, 5)])
module_case("GELU tanh", "GELU", ("tanh",), inputs=[act_input(4, 5)])
module_case("GELU float64", "GELU", (), inputs=[act_input(4, 5)], dtype=torch.float64)
module_case("SiLU", "SiLU", (), inputs=[act_input(4, 5)])
module_case("SiLU inplace", "SiLU", (True,), inputs=[act_input(4, 5)], nonleaf=True)
module_case("Mish", "Mish", (), inputs=[act_input(4, 5)])
module_case("Mish float64", "Mish", (), inputs=[act_input(4, 5)], dtype=torch.float64)
module_case("Sigmoid", "Sigmoid", (), inputs=[act_input(4, 5)])
module_case("Tanh", "Tanh", (), inputs=[act_input(4, 5)])
module_case("Hardtanh", "Hardtanh", (), inputs=[act_input(4, 5)])
module_case("Hardtanh -2 2", "Hardtanh", (-2, 2), inputs=[act_input(4, 5)])
module_case("Hardswish", "Hardswish", (), inputs=[act_input(4, 5)])
module_case("Hardswish inplace", "Hardswish", (True,), inputs=[act_input(4, 5)], nonleaf=True)
module_case("Hardsigmoid", "Hardsigmoid", (), inputs=[act_input(4, 5)])
module_case("Softplus", "Softplus", (), inputs=[act_input(4, 5)])
module_case("Softplus beta 2 threshold 10", "Softplus", (2, 10), inputs=[act_input(4, 5)])
module_case("Softplus float64", "Softplus", (0.5, 5), inputs=[act_input(4, 5)], dtype=torch.float64)
module_case("LogSigmoid", "LogSigmoid", (), inputs=[act_input(4, 5)])
module_case("Softsign", "Softsign", (), inputs=[act_input(4, 5)])
module_case("Tanhshrink", "Tanhshrink", (), inputs=[act_input(4, 5)])
module_case("Threshold", "Threshold", (0.5, -2), inputs=[act_input(4, 5)])
module_case("GLU", "GLU", (), inputs=[act_input(3, 6)])
module_case("GLU dim 0", "GLU", (0,), inputs=[act_input(4, 3)])
module_case("Softmax dim 1", "Softmax", (1,), inputs=[act_input(3, 5)])
module_case("Softmax dim -1 3d", "Softmax", (-1,), inputs=[act_input(2, 3, 4)])
module_case("Softmax dim 0", "Softmax", (0,), inputs=[act_input(3, 4)])
module_case("LogSoftmax dim 1", "LogSoftmax", (1,), inputs=[act_input(3, 5)])
module_case("LogSoftmax float64", "LogSoftmax", (-1,), inputs=[act_input(2, 3, 4)], dtype=torch.float64)
module_case("Softmin", "Softmin", (1,), inputs=[act_input(3, 5)])
module_case("Softmax2d", "Softmax2d", (), inputs=[act_input(2, 3, 2, 2)])

# Upsampling
module_case("Upsample nearest x2", "Upsample", (), {"scale_factor": 2}, inputs=[randn(2, 2, 3, 4)])
module_case("Upsample nearest size", "Upsample", (), {"size": (5, 7)}, inputs=[randn(1, 2, 3, 4)])
module_case("Upsample nearest down", "Upsample", (), {"size": (2, 3)}, inputs=[randn(1, 2, 5, 7)])
module_case("Upsample nearest x1.5", "Upsample", (), {"scale_factor": 1.5}, inputs=[randn(1, 1, 4, 5)])
module_case("Upsample nearest 1d", "Upsample", (), {"scale_factor": 3}, inputs=[randn(2, 3, 4)])
module_case("Upsample nearest-exact", "Upsample", (), {"size": (5, 7), "mode": "nearest-exact"}, inputs=[randn(1, 2, 3, 4)])
module_case("Upsample bilinear x2", "Upsample", (), {"scale_factor": 2, "mode": "bilinear"}, inputs=[randn(2, 2, 3, 4)])
module_case("Upsample bilinear align x2", "Upsample", (), {"scale_factor": 2, "mode": "bilinear", "align_corners": True}, inputs=[randn(2, 2, 3, 4)])
module_case("Upsample bilinear size", "Upsample", (), {"size": (5, 7), "mode": "bilinear"}, inputs=[randn(1, 2, 3, 4)])
module_case("Upsample bilinear align size", "Upsample", (), {"size": (5, 7), "mode": "bilinear", "align_corners": True}, inputs=[randn(1, 2, 3, 4)])
module_case("Upsample bilinear x1.5", "Upsample", (), {"scale_factor": 1.5, "mode": "bilinear"}, inputs=[randn(1, 2, 4, 5)])
module_case("Upsample bilinear down", "Upsample", (), {"size": (3, 2), "mode": "bilinear"}, inputs=[randn(1, 1, 6, 5)])
module_case("Upsample bilinear scale tuple", "Upsample", (), {"scale_factor": (2, 3), "mode": "bilinear"}, inputs=[randn(1, 1, 2, 3)])
module_case("Upsample bilinear float64", "Upsample", (), {"scale_factor": 2, "mode": "bilinear"}, inputs=[randn(1, 2, 3, 3)], dtype=torch.float64)
module_case("Upsample linear", "Upsample", (), {"size": 7, "mode": "linear"}, inputs=[randn(2, 2, 4)])
module_case("Upsample linear align", "Upsample", (), {"scale_factor": 2.5, "mode": "linear", "align_corners": True}, inputs=[randn(2, 2, 4)])
module_case("Upsample trilinear", "Upsample", (), {"scale_factor": 2, "mode": "trilinear"}, inputs=[randn(1, 1, 2, 2, 3)])
module_case("Upsample recompute scale", "Upsample", (), {"scale_factor": 1.7, "mode": "bilinear", "recompute_scale_factor": True}, inputs=[randn(1, 1, 3, 4)])
module_case("UpsamplingNearest2d", "UpsamplingNearest2d", (), {"scale_factor": 2}, inputs=[randn(1, 2, 2, 3)])
module_case("UpsamplingBilinear2d", "UpsamplingBilinear2d", (), {"scale_factor": 2}, inputs=[randn(1, 2, 2, 3)])

# Embedding
IDX = torch.tensor([[1, 2, 4, 5], [4, 3, 2, 9]])
module_case("Embedding", "Embedding", (10, 3), inputs=[IDX])
module_case("Embedding padding", "Embedding", (10, 3), {"padding_idx": 2}, inputs=[IDX])
module_case("Embedding negative padding", "Embedding", (10, 3), {"padding_idx": -1}, inputs=[IDX])
module_case("Embedding scale grad by freq", "Embedding", (10, 3), {"scale_grad_by_freq": True, "padding_idx": 0},
            inputs=[torch.tensor([[1, 1, 0, 4], [4, 1, 0, 3]])])
module_case("Embedding max_norm", "Embedding", (10, 3), {"max_norm": 1.0}, inputs=[IDX])
module_case("Embedding max_norm L1", "Embedding", (10, 4), {"max_norm": 1.5, "norm_type": 1.0}, inputs=[torch.tensor([0, 3, 3, 7])])
module_case("Embedding 1d input", "Embedding", (6, 2), inputs=[torch.tensor([5, 0, 5])])
module_case("Embedding sparse", "Embedding", (10, 3), {"sparse": False}, inputs=[IDX])
module_case("CosineSimilarity", "CosineSimilarity", (), inputs=[randn(4, 5), randn(4, 5)])
module_case("PairwiseDistance", "PairwiseDistance", (), inputs=[randn(4, 5), randn(4, 5)])

# ---------------------------------------------------------------- functional

FUNCTIONAL = []


class G:
    """A tensor argument that requires grad."""

    def __init__(self, t):
        self.t = t


def functional_case(name, fn, args, kwargs=None, after=False):
    kwargs = kwargs or {}
    built = []
    for a in args:
        if isinstance(a, G):
            built.append(a.t.clone().requires_grad_(True))
        elif isinstance(a, torch.Tensor):
            built.append(a.clone())
        else:
            built.append(a)
    enc_args = []
    for a, b in zip(args, built):
        enc_args.append(enc_tensor(b, isinstance(a, G)) if isinstance(b, torch.Tensor) else enc_value(b))
    y = getattr(F, fn)(*built, **kwargs)
    case = {"name": name, "fn": fn, "args": enc_args, "kwargs": enc_kwargs(kwargs), "output": enc_tensor(y)}
    if y.requires_grad:
        upstream = torch.randn(y.shape, dtype=y.dtype)
        y.backward(upstream)
        case["upstream"] = enc_tensor(upstream)
        case["grads"] = [enc_tensor(b.grad) if isinstance(a, G) and b.grad is not None else None for a, b in zip(args, built)]
    if after:
        case["after"] = [enc_tensor(b) if isinstance(b, torch.Tensor) else None for b in built]
    FUNCTIONAL.append(case)


functional_case("one_hot", "one_hot", [torch.tensor([0, 2, 1, 4])])
functional_case("one_hot num_classes 2d", "one_hot", [torch.tensor([[0, 2], [1, 1]]), 5])
functional_case("normalize", "normalize", [G(randn(3, 4))])
functional_case("normalize p1 dim0 zero", "normalize", [G(torch.cat([randn(3, 4), torch.zeros(3, 1)], 1))], {"p": 1.0, "dim": 0})
functional_case("normalize eps", "normalize", [G(randn(4, 3) * 1e-3)], {"eps": 1e-2})
functional_case("cosine_similarity", "cosine_similarity", [G(randn(4, 5)), G(randn(4, 5))])
functional_case("cosine_similarity dim0 broadcast", "cosine_similarity", [G(randn(5, 3)), G(randn(5, 1))], {"dim": 0})
x1 = randn(4, 5)
x1[0] = 0
x2 = randn(4, 5)
x2[1] *= 1e-4
functional_case("cosine_similarity eps regime", "cosine_similarity", [G(x1), G(x2)], {"eps": 1e-3})
functional_case("pairwise_distance", "pairwise_distance", [G(randn(4, 5)), G(randn(4, 5))])
functional_case("pairwise_distance p1 keepdim", "pairwise_distance", [G(randn(4, 5)), G(randn(1, 5))], {"p": 1.0, "keepdim": True})
functional_case("pairwise_distance p3", "pairwise_distance", [G(randn(3, 4)), G(randn(3, 4))], {"p": 3.0})
functional_case("linear", "linear", [G(randn(3, 4)), G(randn(2, 4)), G(randn(2))])
functional_case("linear no bias 3d", "linear", [G(randn(2, 3, 4)), G(randn(5, 4))])
functional_case("bilinear", "bilinear", [G(randn(3, 2)), G(randn(3, 4)), G(randn(5, 2, 4)), G(randn(5))])
rm, rv = torch.randn(3) * 0.1, torch.rand(3) + 0.5
functional_case("batch_norm training", "batch_norm", [G(randn(4, 3, 2)), rm, rv, G(randn(3)), G(randn(3))], {"training": True, "momentum": 0.2}, after=True)
functional_case("batch_norm eval", "batch_norm", [G(randn(4, 3)), rm, rv], {"eps": 1e-3})
functional_case("batch_norm no stats", "batch_norm", [G(randn(5, 2, 3)), None, None], {"training": True})
functional_case("instance_norm", "instance_norm", [G(randn(2, 3, 5))])
functional_case("instance_norm running", "instance_norm", [G(randn(2, 3, 5)), rm.clone(), rv.clone()], {"momentum": 0.5}, after=True)
functional_case("layer_norm", "layer_norm", [G(randn(3, 4)), [4], G(randn(4)), G(randn(4))])
functional_case("group_norm", "group_norm", [G(randn(2, 4, 3)), 2, G(randn(4)), G(randn(4))], {"eps": 1e-4})
functional_case("embedding padding", "embedding", [IDX, G(randn(10, 3))], {"padding_idx": 4})
functional_case("interpolate nearest", "interpolate", [G(randn(1, 2, 3, 3))], {"scale_factor": 2})
functional_case("interpolate bilinear size", "interpolate", [G(randn(1, 2, 3, 5))], {"size": (4, 4), "mode": "bilinear"})
functional_case("interpolate bilinear align", "interpolate", [G(randn(1, 2, 3, 5))], {"size": 6, "mode": "bilinear", "align_corners": True})
functional_case("interpolate bilinear 0.6", "interpolate", [G(randn(1, 1, 7, 6))], {"scale_factor": 0.6, "mode": "bilinear"})
functional_case("gelu tanh", "gelu", [G(act_input(3, 4))], {"approximate": "tanh"})
functional_case("softplus", "softplus", [G(act_input(3, 4))], {"beta": 3.0, "threshold": 5.0})
functional_case("hardtanh", "hardtanh", [G(act_input(3, 4))], {"min_val": -0.5, "max_val": 2.5})
functional_case("elu", "elu", [G(act_input(3, 4))], {"alpha": 0.7})
functional_case("leaky_relu", "leaky_relu", [G(act_input(3, 4)), 0.3])
functional_case("relu6", "relu6", [G(act_input(3, 4))])
functional_case("softmax dtype", "softmax", [G(act_input(3, 4))], {"dim": 1, "dtype": torch.float64})
functional_case("log_softmax", "log_softmax", [G(act_input(3, 4)), 0])
functional_case("glu", "glu", [G(act_input(2, 4))])
functional_case("pad reflect", "pad", [G(randn(1, 2, 3, 3)), (1, 1, 2, 0)], {"mode": "reflect"})
functional_case("pad constant", "pad", [G(randn(2, 3)), (1, 2)], {"value": -1.5})
functional_case("dropout eval", "dropout", [G(randn(3, 4))], {"p": 0.4, "training": False})

# ---------------------------------------------------------------- reprs

REPRS = []


def repr_case(ctor, args=(), kwargs=None):
    kwargs = kwargs or {}
    m = getattr(nn, ctor)(*args, **kwargs)
    REPRS.append({"ctor": ctor, "args": [enc_value(a) for a in args], "kwargs": enc_kwargs(kwargs), "repr": repr(m)})


for ctor, args, kwargs in [
    ("Linear", (784, 256), {}), ("Linear", (3, 2), {"bias": False}), ("Bilinear", (3, 4, 5), {}), ("Identity", (), {}),
    ("Flatten", (), {}), ("Flatten", (0, 2), {}), ("Unflatten", (1, (2, 5)), {}),
    ("BatchNorm1d", (32,), {}), ("BatchNorm2d", (32,), {}), ("BatchNorm2d", (32,), {"momentum": None, "affine": False}),
    ("BatchNorm2d", (3,), {"eps": 1e-3, "track_running_stats": False}), ("BatchNorm1d", (4,), {"eps": 1e-7, "momentum": 0.01}),
    ("BatchNorm3d", (2,), {}), ("LayerNorm", (10,), {}), ("LayerNorm", ((4, 5),), {"elementwise_affine": False}),
    ("LayerNorm", ((4, 5),), {"eps": 1e-6}), ("GroupNorm", (2, 6), {}), ("GroupNorm", (3, 6), {"affine": False}),
    ("InstanceNorm2d", (3,), {}), ("InstanceNorm2d", (3,), {"affine": True, "track_running_stats": True}), ("InstanceNorm1d", (3,), {}),
    ("InstanceNorm3d", (3,), {}),
    ("Dropout", (), {}), ("Dropout", (0.3,), {}), ("Dropout2d", (0.2, True), {}), ("Dropout1d", (), {}), ("Dropout3d", (0.1,), {}),
    ("Dropout", (), {"p": 1e-5}),
    ("ReLU", (), {}), ("ReLU", (True,), {}), ("ReLU6", (), {}), ("ReLU6", (True,), {}), ("LeakyReLU", (), {}),
    ("LeakyReLU", (0.2, True), {}), ("LeakyReLU", (1e-5,), {}), ("PReLU", (), {}), ("PReLU", (3, 0.1), {}),
    ("ELU", (), {}), ("ELU", (0.5, True), {}), ("CELU", (), {}), ("SELU", (), {}), ("SELU", (True,), {}), ("GELU", (), {}),
    ("GELU", ("tanh",), {}), ("SiLU", (), {}), ("SiLU", (True,), {}), ("Mish", (), {}), ("Mish", (True,), {}), ("Sigmoid", (), {}),
    ("Tanh", (), {}), ("Hardtanh", (), {}), ("Hardtanh", (-2, 2, True), {}), ("Hardtanh", (0, 6), {}), ("Hardswish", (True,), {}),
    ("Hardsigmoid", (), {}), ("Softplus", (), {}), ("Softplus", (2, 10), {}), ("Softplus", (1.5, 20), {}), ("Softmax", (), {}),
    ("Softmax", (), {"dim": 1}), ("LogSoftmax", (), {"dim": -1}), ("Softmin", (1,), {}), ("Softmax2d", (), {}),
    ("LogSigmoid", (), {}), ("Softsign", (), {}), ("Tanhshrink", (), {}), ("Threshold", (0.1, 20), {}), ("GLU", (), {}),
    ("Upsample", (), {"scale_factor": 2}), ("Upsample", (), {"size": 4, "mode": "bilinear"}),
    ("Upsample", (), {"size": (4, 6), "mode": "bilinear", "align_corners": True}),
    ("Upsample", (), {"scale_factor": 1.5, "mode": "bilinear", "align_corners": False}), ("Upsample", (), {"scale_factor": (2, 3)}),
    ("Upsample", (), {"size": (4,), "mode": "linear"}), ("UpsamplingNearest2d", (), {"scale_factor": 2}),
    ("UpsamplingBilinear2d", (), {"scale_factor": 2}), ("UpsamplingNearest2d", (), {"size": 3}),
    ("Embedding", (10, 3), {}), ("Embedding", (10, 3), {"padding_idx": 0}), ("Embedding", (10, 3), {"padding_idx": -1}),
    ("Embedding", (10, 3), {"max_norm": 1.0, "sparse": True}), ("Embedding", (10, 3), {"scale_grad_by_freq": True, "norm_type": 1.5}),
    ("CosineSimilarity", (), {}), ("PairwiseDistance", (), {}),
]:
    repr_case(ctor, args, kwargs)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(784, 256)
        self.act = nn.ReLU()
        self.output = nn.Linear(256, 10)


REPRS.append({"ctor": "MLP", "args": [], "kwargs": {}, "repr": repr(MLP())})
REPRS.append({"ctor": "Sequential", "args": [], "kwargs": {}, "repr": repr(nn.Sequential(
    nn.Flatten(), nn.Linear(784, 256), nn.BatchNorm1d(256), nn.LeakyReLU(0.2, True), nn.Dropout(0.3), nn.Linear(256, 10), nn.LogSoftmax(dim=1)))})

# ---------------------------------------------------------------- errors

ERRORS = []


def error_case(kind, call, **spec):
    try:
        call()
    except Exception as e:  # noqa: BLE001
        ERRORS.append({"kind": kind, **spec, "error": str(e)})
        return
    raise AssertionError(f"no error for {spec}")


def module_error(ctor, args, kwargs, inputs, train=True):
    def call():
        m = getattr(nn, ctor)(*args, **kwargs)
        m.train(train)
        m(*inputs)
    error_case("module", call, ctor=ctor, args=[enc_value(a) for a in args], kwargs=enc_kwargs(kwargs), inputs=[enc_tensor(x) for x in inputs], train=train)


def ctor_error(ctor, args, kwargs):
    error_case("ctor", lambda: getattr(nn, ctor)(*args, **kwargs), ctor=ctor, args=[enc_value(a) for a in args], kwargs=enc_kwargs(kwargs))


def functional_error(fn, args, kwargs=None):
    kwargs = kwargs or {}
    error_case("functional", lambda: getattr(F, fn)(*args, **kwargs), fn=fn, args=[enc_value(a) for a in args], kwargs=enc_kwargs(kwargs))


def init_error(fn, shape, args=(), kwargs=None):
    kwargs = kwargs or {}
    error_case("init", lambda: getattr(nn.init, fn)(torch.empty(*shape), *args, **kwargs), fn=fn, shape=list(shape), args=list(args), kwargs=enc_kwargs(kwargs))


module_error("BatchNorm2d", (3,), {}, [randn(2, 3)])
module_error("BatchNorm1d", (3,), {}, [randn(2, 3, 4, 4)])
module_error("BatchNorm3d", (3,), {}, [randn(2, 3, 4, 4)])
module_error("BatchNorm1d", (3,), {}, [randn(1, 3)])
module_error("BatchNorm2d", (4,), {}, [randn(2, 3, 2, 2)])
module_error("LayerNorm", (5,), {}, [randn(2, 3)])
module_error("LayerNorm", ((3, 4),), {}, [randn(2, 4, 3)])
module_error("InstanceNorm2d", (3,), {}, [randn(2, 3)])
module_error("InstanceNorm2d", (4,), {"affine": True}, [randn(2, 3, 4, 4)])
module_error("PReLU", (4,), {}, [randn(2, 3)])
module_error("Embedding", (10, 3), {}, [randn(2, 3)])
module_error("Softmax2d", (), {}, [randn(2, 3)])
module_error("GLU", (), {}, [randn(2, 3)])
ctor_error("GroupNorm", (4, 6), {})
ctor_error("Dropout", (1.5,), {})
ctor_error("Linear", (3,), {})
ctor_error("Linear", (3, 4, True, None, None, 5), {})
ctor_error("Linear", (3, 4), {"bais": False})
ctor_error("Embedding", (10, 3), {"padding_idx": 10})
functional_error("one_hot", [torch.tensor([1.0, 2.0])])
functional_error("one_hot", [torch.tensor([-1, 2])])
functional_error("one_hot", [torch.tensor([1, 3])], {"num_classes": 3})
functional_error("group_norm", [randn(2, 5, 3), 2])
functional_error("interpolate", [randn(1, 1, 2, 2)], {"size": 4, "scale_factor": 2})
functional_error("interpolate", [randn(1, 1, 2, 2)])
functional_error("interpolate", [randn(1, 1, 2, 2)], {"scale_factor": 2, "align_corners": True})
functional_error("interpolate", [randn(1, 1, 2)], {"scale_factor": 2, "mode": "bilinear"})
functional_error("interpolate", [randn(1, 1, 2, 2)], {"size": (3, 3, 3)})
functional_error("dropout", [randn(2, 2)], {"p": -0.1})
functional_error("batch_norm", [randn(1, 3), None, None], {"training": True})
functional_error("embedding", [torch.tensor([[0, 1]]), randn(5, 2)], {"padding_idx": 7})
init_error("kaiming_uniform_", (3, 4), (), {"mode": "fan_avg"})
init_error("kaiming_normal_", (3, 4), (), {"nonlinearity": "softmax"})
init_error("xavier_uniform_", (3,))
init_error("eye_", (3, 4, 5))
init_error("dirac_", (3, 4))
init_error("dirac_", (3, 4, 5), (2,))
init_error("orthogonal_", (3,))
init_error("sparse_", (3, 4, 5), (0.1,))

# ---------------------------------------------------------------- init statistics

INIT = []


def stats_of(t):
    t = t.detach().double().reshape(-1)
    return {"mean": t.mean().item(), "std": t.std().item(), "min": t.min().item(), "max": t.max().item(),
            "zeros": (t == 0).double().mean().item()}


def tolerances(t):
    """Agreement expected between two independent draws of n values with this spread: 6 sigma of
    the difference of their sample means, and of their sample standard deviations (a normal
    sample's std has standard error std/sqrt(2n); a uniform one's is smaller)."""
    n = t.numel()
    std = t.detach().double().std().item()
    return {"mean": 6 * math.sqrt(2) * std / math.sqrt(n) + 1e-12, "std": 6 * math.sqrt(2) * std / math.sqrt(2 * n) + 1e-12}


def init_case(fn, shape, args=(), kwargs=None, bound=None, exact=False):
    kwargs = kwargs or {}
    t = torch.empty(*shape)
    getattr(nn.init, fn)(t, *args, **kwargs)
    case = {"fn": fn, "shape": list(shape), "args": [enc_value(a) for a in args], "kwargs": enc_kwargs(kwargs), "stats": stats_of(t), "tol": tolerances(t)}
    if bound is not None:
        case["bound"] = bound
    if exact:
        case["exact"] = enc_tensor(t)
    INIT.append(case)


def kaiming_bound(fan, a=0.0, nonlinearity="leaky_relu"):
    return nn.init.calculate_gain(nonlinearity, a) * math.sqrt(3.0 / fan)


init_case("uniform_", (500, 400), (-0.3, 0.7), bound=[-0.3, 0.7])
init_case("normal_", (500, 400), (0.5, 2.0))
init_case("trunc_normal_", (500, 400), (), bound=[-2.0, 2.0])
init_case("trunc_normal_", (500, 400), (0.1, 0.02, -0.01, 0.15), bound=[-0.01, 0.15])
init_case("constant_", (30, 20), (0.25,), exact=True)
init_case("ones_", (3, 4), exact=True)
init_case("zeros_", (3, 4), exact=True)
init_case("eye_", (3, 5), exact=True)
init_case("dirac_", (4, 3, 3, 3), exact=True)
init_case("dirac_", (6, 2, 3), (2,), exact=True)
init_case("dirac_", (2, 2, 3, 3, 3), exact=True)
fan_in, fan_out = 400 * 9, 200 * 9
b = math.sqrt(6.0 / (fan_in + fan_out))
init_case("xavier_uniform_", (200, 400, 3, 3), bound=[-b, b])
init_case("xavier_uniform_", (200, 400, 3, 3), (nn.init.calculate_gain("tanh"),), bound=[-b * 5 / 3, b * 5 / 3])
init_case("xavier_normal_", (200, 400, 3, 3))
kb = kaiming_bound(400 * 9)
init_case("kaiming_uniform_", (200, 400, 3, 3), bound=[-kb, kb])
kb = kaiming_bound(400, math.sqrt(5))
init_case("kaiming_uniform_", (600, 400), (), {"a": math.sqrt(5)}, bound=[-kb, kb])
kb = kaiming_bound(600, 0, "relu")
init_case("kaiming_uniform_", (600, 400), (), {"mode": "fan_out", "nonlinearity": "relu"}, bound=[-kb, kb])
init_case("kaiming_normal_", (600, 400))
init_case("kaiming_normal_", (200, 400, 3, 3), (), {"mode": "fan_out", "nonlinearity": "relu"})
init_case("kaiming_normal_", (600, 400), (0.2,), {"nonlinearity": "leaky_relu"})
init_case("orthogonal_", (300, 200))
init_case("orthogonal_", (200, 300), (2.0,))
init_case("orthogonal_", (64, 8, 3, 3))
init_case("sparse_", (400, 300), (0.3,))
init_case("sparse_", (400, 300), (0.1, 0.5))

FRESH = []


def fresh_case(ctor, args, kwargs=None, params=("weight", "bias"), bounds=None):
    kwargs = kwargs or {}
    m = getattr(nn, ctor)(*args, **kwargs)
    for p in params:
        t = getattr(m, p)
        case = {"ctor": ctor, "args": list(args), "kwargs": enc_kwargs(kwargs), "param": p, "shape": list(t.shape), "stats": stats_of(t), "tol": tolerances(t)}
        if bounds and p in bounds:
            case["bound"] = bounds[p]
        FRESH.append(case)


lb = 1 / math.sqrt(784)
fresh_case("Linear", (784, 256), bounds={"weight": [-lb, lb], "bias": [-lb, lb]})
lb = 1 / math.sqrt(30)
fresh_case("Linear", (30, 5000), bounds={"weight": [-lb, lb], "bias": [-lb, lb]})
lb = 1 / math.sqrt(20)
fresh_case("Bilinear", (20, 30, 40), bounds={"weight": [-lb, lb], "bias": [-lb, lb]})
fresh_case("Embedding", (1000, 64), params=("weight",))
fresh_case("BatchNorm2d", (64,))
fresh_case("LayerNorm", (64,))
fresh_case("GroupNorm", (4, 64))
fresh_case("PReLU", (8,), params=("weight",))

GAINS = []
for nl, param in [("linear", None), ("conv1d", None), ("conv2d", None), ("conv3d", None), ("conv_transpose1d", None),
                  ("conv_transpose2d", None), ("conv_transpose3d", None), ("sigmoid", None), ("tanh", None), ("relu", None),
                  ("leaky_relu", None), ("leaky_relu", 0.2), ("leaky_relu", 0), ("selu", None)]:
    GAINS.append([nl, param, nn.init.calculate_gain(nl, param)])

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump({"torch": torch.__version__, "modules": MODULES, "functional": FUNCTIONAL, "reprs": REPRS, "errors": ERRORS,
               "init": INIT, "fresh": FRESH, "gains": GAINS}, f, separators=(",", ":"))
    f.write("\n")
print(f"wrote {OUT}: {len(MODULES)} module cases, {len(FUNCTIONAL)} functional, {len(REPRS)} reprs, {len(ERRORS)} errors, "
      f"{len(INIT)} init, {len(FRESH)} fresh, {len(GAINS)} gains")
