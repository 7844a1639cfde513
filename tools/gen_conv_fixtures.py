#!/usr/bin/python3
"""Generate packages/tensor/test/fixtures/conv.json: convolution and pooling by real PyTorch (1.13).

Run with Debian's python3-torch:  /usr/bin/python3 tools/gen_conv_fixtures.py

Deterministic (torch.manual_seed per case, fixed configurations). Each case is

  { "name": unique id, "fn": the torch.nn.functional name, "args": positional arguments (tensors
    and the required ones: kernel_size, output_size, indices), "kwargs": the optional ones, by
    PyTorch's names, "out": a tensor, [values, indices], or {"error": PyTorch's message},
    "gradFn": the output's grad_fn name, "upstream": the gradient fed to backward (of the first
    output), "grads": one per tensor argument: its gradient, or null }

packages/tensor/test/conv-cases.ts calls the same functions of @x; the forward values are checked
by packages/tensor/test/conv.test.ts (reference backend) and packages/backend-wasm/test/conv.test.ts,
the gradients by packages/autograd/test/conv.test.ts.

Encoding (tools/fixture_io.py): a tensor is {"tensor": true, "dtype", "shape", "data"}, with
non-finite values as "nan" / "inf" / "-inf"; "requiresGrad": true marks the inputs differentiated.
"""
import json
import math
import os
import warnings

import torch
import torch.nn.functional as F
from fixture_io import enc_number, enc_tensor

warnings.filterwarnings("ignore")

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "tensor", "test", "fixtures", "conv.json")

f32, f64 = torch.float32, torch.float64


def enc(v):
    if isinstance(v, torch.Tensor):
        return enc_tensor(v, v.requires_grad)
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    if isinstance(v, float):
        return enc_number(v)
    return v


FNS = {
    "conv1d": F.conv1d,
    "conv2d": F.conv2d,
    "conv_transpose1d": F.conv_transpose1d,
    "conv_transpose2d": F.conv_transpose2d,
    "max_pool1d": F.max_pool1d,
    "max_pool2d": F.max_pool2d,
    "avg_pool1d": F.avg_pool1d,
    "avg_pool2d": F.avg_pool2d,
    "adaptive_avg_pool1d": F.adaptive_avg_pool1d,
    "adaptive_avg_pool2d": F.adaptive_avg_pool2d,
    "adaptive_max_pool2d": F.adaptive_max_pool2d,
    "max_unpool2d": F.max_unpool2d,
    "unfold": F.unfold,
    "fold": F.fold,
}

cases = []
names = set()


def leaf(shape, dtype=f32, grad=True, scale=1.0):
    t = (torch.randn(shape, dtype=dtype) * scale).detach()
    return t.requires_grad_(grad and dtype.is_floating_point)


def add(name, fn, args, kwargs=None, seed=None):
    """Runs fn(*args, **kwargs) once; records outputs, or the error; gradients of the first output."""
    assert name not in names, name
    names.add(name)
    kwargs = kwargs or {}
    case = {"name": name, "fn": fn, "args": enc(args), "kwargs": {k: enc(v) for k, v in kwargs.items()}}
    try:
        out = FNS[fn](*args, **kwargs)
    except Exception as e:  # noqa: BLE001 - the message is the fixture
        case["out"] = {"error": str(e).split("\n")[0]}
        cases.append(case)
        return
    first = out[0] if isinstance(out, tuple) else out
    case["out"] = enc(list(out)) if isinstance(out, tuple) else enc(out)
    tensors = [a for a in args if isinstance(a, torch.Tensor)] + [v for v in kwargs.values() if isinstance(v, torch.Tensor)]
    diff = [t for t in tensors if t.requires_grad]
    if diff and first.requires_grad:
        case["gradFn"] = first.grad_fn.name()
        upstream = torch.randn(first.shape, dtype=first.dtype)
        grads = torch.autograd.grad(first, diff, upstream, allow_unused=True)
        by_id = {id(t): g for t, g in zip(diff, grads)}
        case["upstream"] = enc_tensor(upstream)
        case["grads"] = [enc_tensor(by_id[id(t)]) if id(t) in by_id and by_id[id(t)] is not None else None for t in tensors]
    cases.append(case)


def seeded(i):
    torch.manual_seed(1000 + i)


# ---------------------------------------------------------------- conv2d
CONV2D = [
    # (name, N, C, H, W, O, kernel, kwargs, bias)
    ("basic", 2, 3, 7, 6, 4, (3, 3), {}, True),
    ("no bias", 2, 3, 6, 6, 2, (3, 3), {}, False),
    ("stride 2 padding 1", 2, 3, 8, 7, 4, (3, 3), {"stride": 2, "padding": 1}, True),
    ("rect kernel stride tuple", 1, 2, 9, 8, 3, (2, 4), {"stride": (2, 1), "padding": (1, 2)}, True),
    ("dilation 2", 2, 2, 9, 9, 3, (3, 3), {"dilation": 2}, True),
    ("dilation tuple padding", 1, 2, 8, 10, 2, (3, 2), {"dilation": (2, 3), "padding": (2, 1)}, True),
    ("groups 2", 2, 4, 6, 6, 6, (3, 3), {"groups": 2}, True),
    ("groups depthwise", 2, 3, 7, 7, 3, (3, 3), {"groups": 3, "padding": 1}, True),
    ("groups depthwise multiplier", 1, 2, 6, 5, 4, (3, 2), {"groups": 2, "stride": 2}, False),
    ("padding same odd", 2, 3, 6, 7, 4, (3, 3), {"padding": "same"}, True),
    ("padding same even kernel", 1, 2, 5, 6, 3, (2, 4), {"padding": "same"}, True),
    ("padding same dilation", 1, 2, 7, 7, 2, (3, 2), {"padding": "same", "dilation": 2}, True),
    ("padding valid", 2, 2, 5, 5, 3, (3, 3), {"padding": "valid"}, True),
    ("1x1 kernel", 2, 5, 4, 4, 3, (1, 1), {}, True),
    ("kernel covers input", 2, 3, 4, 4, 2, (4, 4), {}, True),
    ("stride larger than kernel", 1, 2, 9, 9, 2, (2, 2), {"stride": 3}, True),
    ("lenet conv1", 4, 1, 12, 12, 6, (5, 5), {}, True),
    ("all options", 2, 4, 9, 8, 4, (3, 2), {"stride": (2, 1), "padding": (1, 0), "dilation": (1, 2), "groups": 2}, True),
]
for i, (name, N, C, H, W, O, k, kw, bias) in enumerate(CONV2D):
    seeded(i)
    g = kw.get("groups", 1)
    x = leaf((N, C, H, W))
    w = leaf((O, C // g) + k)
    b = leaf((O,)) if bias else None
    add(f"conv2d {name}", "conv2d", [x, w], dict(kw, bias=b) if bias else kw)
seeded(100)
add("conv2d float64", "conv2d", [leaf((2, 3, 6, 5), f64), leaf((4, 3, 3, 2), f64)], {"bias": leaf((4,), f64), "stride": 2, "padding": 1})
seeded(101)
add("conv2d unbatched", "conv2d", [leaf((3, 6, 6)), leaf((2, 3, 3, 3))], {"bias": leaf((2,)), "padding": 1})
seeded(102)
add("conv2d weight only grad", "conv2d", [leaf((2, 2, 5, 5), grad=False), leaf((3, 2, 3, 3))])

# ---------------------------------------------------------------- conv1d
CONV1D = [
    ("basic", 2, 3, 10, 4, 3, {}, True),
    ("stride padding", 2, 2, 11, 3, 4, {"stride": 2, "padding": 2}, True),
    ("dilation", 1, 2, 12, 2, 3, {"dilation": 3}, False),
    ("groups", 2, 4, 9, 4, 3, {"groups": 2}, True),
    ("same", 2, 3, 8, 2, 4, {"padding": "same"}, True),
    ("same dilation", 1, 2, 9, 3, 4, {"padding": "same", "dilation": 2}, True),
    ("valid", 2, 2, 7, 3, 3, {"padding": "valid"}, True),
]
for i, (name, N, C, L, O, k, kw, bias) in enumerate(CONV1D):
    seeded(200 + i)
    g = kw.get("groups", 1)
    b = leaf((O,)) if bias else None
    add(f"conv1d {name}", "conv1d", [leaf((N, C, L)), leaf((O, C // g, k))], dict(kw, bias=b) if bias else kw)
seeded(210)
add("conv1d float64", "conv1d", [leaf((2, 3, 9), f64), leaf((2, 3, 4), f64)], {"bias": leaf((2,), f64), "stride": 2})
seeded(211)
add("conv1d unbatched", "conv1d", [leaf((2, 7)), leaf((3, 2, 3))], {"padding": 1})

# ---------------------------------------------------------------- transposed
CONVT2D = [
    ("basic", 2, 3, 4, 5, 2, (3, 3), {}, True),
    ("stride 2", 2, 3, 4, 4, 2, (3, 3), {"stride": 2}, True),
    ("stride 2 padding 1 output_padding 1", 2, 2, 5, 4, 3, (3, 3), {"stride": 2, "padding": 1, "output_padding": 1}, True),
    ("rect stride tuple output_padding tuple", 1, 2, 3, 4, 2, (2, 3), {"stride": (3, 2), "output_padding": (2, 1)}, True),
    ("dilation", 1, 2, 4, 4, 3, (3, 2), {"dilation": 2, "padding": 1}, False),
    ("dilation output_padding", 1, 2, 3, 3, 2, (2, 2), {"stride": 2, "dilation": 3, "output_padding": 2}, True),
    ("groups", 2, 4, 3, 4, 3, (3, 3), {"groups": 2, "stride": 2}, True),
    ("unet up", 2, 4, 3, 3, 2, (2, 2), {"stride": 2}, True),
]
for i, (name, N, Cin, H, W, Cout_g, k, kw, bias) in enumerate(CONVT2D):
    seeded(300 + i)
    g = kw.get("groups", 1)
    b = leaf((Cout_g * g,)) if bias else None
    add(f"conv_transpose2d {name}", "conv_transpose2d", [leaf((N, Cin, H, W)), leaf((Cin, Cout_g) + k)], dict(kw, bias=b) if bias else kw)
seeded(320)
add("conv_transpose2d float64", "conv_transpose2d", [leaf((1, 2, 3, 4), f64), leaf((2, 3, 3, 3), f64)], {"bias": leaf((3,), f64), "stride": 2, "padding": 1})
CONVT1D = [
    ("basic", 2, 3, 5, 2, 3, {}, True),
    ("stride output_padding", 2, 2, 4, 3, 3, {"stride": 3, "output_padding": 2}, True),
    ("padding dilation", 1, 2, 6, 2, 3, {"padding": 2, "dilation": 2}, False),
    ("groups", 1, 4, 5, 1, 2, {"groups": 2, "stride": 2, "output_padding": 1}, True),
]
for i, (name, N, Cin, L, Cout_g, k, kw, bias) in enumerate(CONVT1D):
    seeded(330 + i)
    g = kw.get("groups", 1)
    b = leaf((Cout_g * g,)) if bias else None
    add(f"conv_transpose1d {name}", "conv_transpose1d", [leaf((N, Cin, L)), leaf((Cin, Cout_g, k))], dict(kw, bias=b) if bias else kw)

# ---------------------------------------------------------------- conv errors (forward only)
seeded(400)
x4 = torch.randn(2, 3, 8, 8)
add("conv2d error channels", "conv2d", [x4, torch.randn(4, 1, 3, 3)])
add("conv2d error groups channels", "conv2d", [x4, torch.randn(4, 3, 3, 3)], {"groups": 3})
add("conv2d error groups divisible", "conv2d", [torch.randn(2, 2, 8, 8), torch.randn(3, 1, 3, 3)], {"groups": 2})
add("conv2d error bias", "conv2d", [x4, torch.randn(4, 3, 3, 3)], {"bias": torch.randn(3)})
add("conv2d error kernel too large", "conv2d", [torch.randn(1, 3, 2, 2), torch.randn(4, 3, 3, 3)])
add("conv2d error weight dims", "conv2d", [x4, torch.randn(4, 3, 3)])
add("conv2d error input dims", "conv2d", [torch.randn(3, 8), torch.randn(4, 3, 3, 3)])
add("conv2d error negative padding", "conv2d", [x4, torch.randn(4, 3, 3, 3)], {"padding": -1})
add("conv2d error zero stride", "conv2d", [x4, torch.randn(4, 3, 3, 3)], {"stride": 0})
add("conv2d error same strided", "conv2d", [x4, torch.randn(4, 3, 3, 3)], {"padding": "same", "stride": 2})
add("conv2d error padding string", "conv2d", [x4, torch.randn(4, 3, 3, 3)], {"padding": "full"})
add("conv2d error stride length", "conv2d", [x4, torch.randn(4, 3, 3, 3)], {"stride": [1, 1, 1]})
add("conv2d error dtype", "conv2d", [x4, torch.randn(4, 3, 3, 3, dtype=f64)])
add("conv2d error bias dtype", "conv2d", [x4, torch.randn(4, 3, 3, 3)], {"bias": torch.randn(4, dtype=f64)})
add("conv1d error channels", "conv1d", [torch.randn(2, 3, 8), torch.randn(4, 2, 3)])
add("conv1d error input dims", "conv1d", [torch.randn(2, 3, 8, 8), torch.randn(4, 3, 3)])
add("conv_transpose2d error channels", "conv_transpose2d", [x4, torch.randn(4, 2, 3, 3)])
add("conv_transpose2d error bias", "conv_transpose2d", [x4, torch.randn(3, 2, 3, 3)], {"bias": torch.randn(3)})
add("conv_transpose2d error output_padding", "conv_transpose2d", [torch.randn(1, 2, 4, 4), torch.randn(2, 3, 3, 3)], {"stride": 2, "output_padding": 2})
add("conv_transpose1d error output_padding", "conv_transpose1d", [torch.randn(1, 2, 4), torch.randn(2, 3, 3)], {"stride": 2, "output_padding": 2})
add("conv2d error groups zero", "conv2d", [torch.randn(1, 2, 4, 4), torch.randn(2, 2, 3, 3)], {"groups": 0})
add("conv2d error dilation zero", "conv2d", [torch.randn(1, 2, 4, 4), torch.randn(2, 2, 3, 3)], {"dilation": 0})
add("conv1d error dilation zero", "conv1d", [torch.randn(1, 2, 8), torch.randn(2, 2, 3)], {"dilation": 0})
add("conv2d error half", "conv2d", [torch.randn(1, 2, 4, 4).half(), torch.randn(2, 2, 3, 3).half()])
add("conv1d error same strided", "conv1d", [torch.randn(1, 2, 8), torch.randn(2, 2, 3)], {"padding": "same", "stride": 2})

# ---------------------------------------------------------------- max pooling
MAXPOOL2D = [
    ("k2", (2, 3, 6, 6), 2, {}),
    ("k3 s2", (2, 2, 7, 7), 3, {"stride": 2}),
    ("k3 s2 p1", (2, 2, 8, 7), 3, {"stride": 2, "padding": 1}),
    ("rect", (1, 3, 7, 9), (2, 3), {"stride": (2, 1), "padding": (1, 1)}),
    ("dilation", (1, 2, 9, 9), 3, {"stride": 2, "dilation": 2}),
    ("dilation padding", (1, 2, 8, 9), (2, 3), {"dilation": (2, 1), "padding": (1, 1)}),
    ("ceil", (2, 2, 7, 7), 2, {"ceil_mode": True}),
    ("ceil s2 k3", (1, 2, 8, 8), 3, {"stride": 2, "ceil_mode": True}),
    ("ceil padding drops last", (1, 2, 5, 5), 2, {"stride": 2, "padding": 1, "ceil_mode": True}),
    ("ceil stride 3", (1, 1, 10, 11), 2, {"stride": 3, "ceil_mode": True}),
    ("unbatched", (3, 6, 5), 2, {}),
    ("stride 1", (1, 2, 5, 5), 3, {"stride": 1, "padding": 1}),
]
for i, (name, shape, k, kw) in enumerate(MAXPOOL2D):
    seeded(500 + i)
    add(f"max_pool2d {name}", "max_pool2d", [leaf(shape), k], kw)
    seeded(500 + i)
    add(f"max_pool2d {name} indices", "max_pool2d", [leaf(shape), k], dict(kw, return_indices=True))
seeded(520)
add("max_pool2d float64", "max_pool2d", [leaf((2, 2, 6, 6), f64), 3], {"stride": 2, "padding": 1, "return_indices": True})
seeded(521)
xi = leaf((1, 2, 6, 6))
with torch.no_grad():
    xi[0, 0, :2, :2] = -math.inf
    xi[0, 1, 0, 0] = math.inf
add("max_pool2d infinities", "max_pool2d", [xi, 3], {"stride": 2, "padding": 1, "return_indices": True})
MAXPOOL1D = [
    ("k2", (2, 3, 8), 2, {}),
    ("k3 s2 p1", (2, 2, 9), 3, {"stride": 2, "padding": 1}),
    ("dilation", (1, 2, 11), 3, {"dilation": 2}),
    ("ceil", (1, 2, 9), 2, {"ceil_mode": True}),
    ("unbatched", (3, 7), 3, {"stride": 2}),
]
for i, (name, shape, k, kw) in enumerate(MAXPOOL1D):
    seeded(530 + i)
    add(f"max_pool1d {name}", "max_pool1d", [leaf(shape), k], kw)
    seeded(530 + i)
    add(f"max_pool1d {name} indices", "max_pool1d", [leaf(shape), k], dict(kw, return_indices=True))
seeded(540)
add("max_pool2d error pad", "max_pool2d", [torch.randn(1, 2, 6, 6), 2], {"padding": 2})
add("max_pool2d error output small", "max_pool2d", [torch.randn(1, 2, 2, 2), 3])
add("max_pool2d error kernel tuple", "max_pool2d", [torch.randn(1, 2, 6, 6), (2, 2, 2)])
add("max_pool2d error dims", "max_pool2d", [torch.randn(2, 6), 2])
add("max_pool2d error dtype", "max_pool2d", [torch.randn(1, 2, 6, 6).to(torch.int64), 2])
add("max_pool2d error stride zero", "max_pool2d", [torch.randn(1, 2, 6, 6), 2], {"stride": 0})
add("max_pool2d error kernel zero", "max_pool2d", [torch.randn(1, 2, 6, 6), 0], {"stride": 1})
add("max_pool2d error dilation zero", "max_pool2d", [torch.randn(1, 2, 6, 6), 2], {"dilation": 0})
add("max_pool1d error dims", "max_pool1d", [torch.randn(1, 2, 3, 8), 2])
add("max_pool1d error kernel tuple", "max_pool1d", [torch.randn(1, 2, 8), (2, 2)])
add("max_pool1d error pad", "max_pool1d", [torch.randn(1, 2, 8), 2], {"padding": 2})
add("max_pool1d error stride zero", "max_pool1d", [torch.randn(1, 2, 8), 2], {"stride": 0})

# ---------------------------------------------------------------- average pooling
AVGPOOL2D = [
    ("k2", (2, 3, 6, 6), 2, {}),
    ("k3 s2 p1", (2, 2, 7, 8), 3, {"stride": 2, "padding": 1}),
    ("k3 s2 p1 exclude pad", (2, 2, 7, 8), 3, {"stride": 2, "padding": 1, "count_include_pad": False}),
    ("rect", (1, 2, 7, 9), (2, 3), {"stride": (1, 2), "padding": (1, 1)}),
    ("ceil", (1, 2, 7, 7), 2, {"ceil_mode": True}),
    ("ceil padding", (1, 2, 6, 7), 3, {"stride": 2, "padding": 1, "ceil_mode": True}),
    ("ceil padding exclude pad", (1, 2, 6, 7), 3, {"stride": 2, "padding": 1, "ceil_mode": True, "count_include_pad": False}),
    ("ceil past the padding", (1, 1, 5, 6), 2, {"stride": 3, "padding": 1, "ceil_mode": True}),
    ("divisor override", (2, 2, 6, 6), 3, {"stride": 2, "padding": 1, "divisor_override": 5}),
    ("unbatched", (2, 5, 6), 2, {}),
]
for i, (name, shape, k, kw) in enumerate(AVGPOOL2D):
    seeded(600 + i)
    add(f"avg_pool2d {name}", "avg_pool2d", [leaf(shape), k], kw)
seeded(620)
add("avg_pool2d float64", "avg_pool2d", [leaf((1, 2, 6, 7), f64), 3], {"stride": 2, "padding": 1, "count_include_pad": False})
AVGPOOL1D = [
    ("k2", (2, 3, 8), 2, {}),
    ("k3 s2 p1", (2, 2, 9), 3, {"stride": 2, "padding": 1}),
    ("exclude pad ceil", (1, 2, 8), 3, {"stride": 2, "padding": 1, "count_include_pad": False, "ceil_mode": True}),
    ("unbatched", (3, 7), 3, {"stride": 2}),
]
for i, (name, shape, k, kw) in enumerate(AVGPOOL1D):
    seeded(630 + i)
    add(f"avg_pool1d {name}", "avg_pool1d", [leaf(shape), k], kw)
add("avg_pool2d error pad", "avg_pool2d", [torch.randn(1, 2, 6, 6), 2], {"padding": 2})
add("avg_pool2d error divisor", "avg_pool2d", [torch.randn(1, 2, 6, 6), 2], {"divisor_override": 0})
add("avg_pool2d error kernel zero", "avg_pool2d", [torch.randn(1, 2, 6, 6), 0])
add("avg_pool1d error dims", "avg_pool1d", [torch.randn(1, 2, 3, 8), 2])
add("avg_pool1d error pad", "avg_pool1d", [torch.randn(1, 2, 8), 2], {"padding": 2})

# ---------------------------------------------------------------- adaptive pooling
ADAPTIVE2D = [
    ("divisible", (2, 3, 8, 6), (4, 3)),
    ("non-divisible", (2, 2, 7, 5), (3, 4)),
    ("upsampling", (1, 2, 3, 2), (5, 4)),
    ("int size", (1, 3, 9, 10), 4),
    ("None keeps size", (1, 2, 6, 5), (None, 3)),
    ("global", (2, 3, 5, 4), 1),
    ("unbatched", (3, 7, 6), (2, 4)),
]
for i, (name, shape, size) in enumerate(ADAPTIVE2D):
    seeded(700 + i)
    add(f"adaptive_avg_pool2d {name}", "adaptive_avg_pool2d", [leaf(shape), size])
    seeded(700 + i)
    add(f"adaptive_max_pool2d {name}", "adaptive_max_pool2d", [leaf(shape), size])
    seeded(700 + i)
    add(f"adaptive_max_pool2d {name} indices", "adaptive_max_pool2d", [leaf(shape), size], {"return_indices": True})
add("adaptive_avg_pool2d error dims", "adaptive_avg_pool2d", [torch.randn(2, 8), 2])
add("adaptive_max_pool2d error dims", "adaptive_max_pool2d", [torch.randn(2, 8), 2])
add("adaptive_avg_pool1d error dims", "adaptive_avg_pool1d", [torch.randn(1, 2, 3, 8), 2])
add("adaptive_max_pool2d error negative size", "adaptive_max_pool2d", [torch.randn(1, 2, 8, 8), -1])
seeded(721)
add("adaptive_avg_pool2d empty output", "adaptive_avg_pool2d", [leaf((1, 2, 5, 5), grad=False), 0])
seeded(722)
add("adaptive_max_pool2d empty output", "adaptive_max_pool2d", [leaf((1, 2, 5, 5), grad=False), (0, 3)])
seeded(720)
add("adaptive_avg_pool2d float64", "adaptive_avg_pool2d", [leaf((1, 2, 7, 5), f64), (3, 2)])
for i, (name, shape, size) in enumerate([("divisible", (2, 3, 8), 4), ("non-divisible", (2, 2, 7), 3), ("global", (1, 3, 5), 1), ("unbatched", (2, 9), 4)]):
    seeded(730 + i)
    add(f"adaptive_avg_pool1d {name}", "adaptive_avg_pool1d", [leaf(shape), size])

# ---------------------------------------------------------------- max_unpool2d
for i, (name, shape, k, kw, out_size) in enumerate([
    ("k2", (2, 2, 6, 6), 2, {}, None),
    ("k2 odd size", (1, 2, 7, 7), 2, {}, (7, 7)),
    ("k3 s2 p1", (1, 2, 7, 8), 3, {"stride": 2, "padding": 1}, (7, 8)),
    ("output_size with batch dims", (1, 2, 5, 5), 2, {}, [1, 2, 5, 5]),
]):
    seeded(800 + i)
    x = torch.randn(shape)
    v, idx = F.max_pool2d(x, k, return_indices=True, **kw)
    kw2 = dict(kw)
    if out_size is not None:
        kw2["output_size"] = out_size
    add(f"max_unpool2d {name}", "max_unpool2d", [v.detach().requires_grad_(), idx, k], kw2)
add("max_unpool2d error index", "max_unpool2d", [torch.randn(1, 1, 2, 2), torch.tensor([[[[0, 1], [2, 99]]]]), 2])
add("max_unpool2d error output_size", "max_unpool2d", [torch.randn(1, 1, 2, 2), torch.zeros(1, 1, 2, 2, dtype=torch.int64), 2], {"output_size": [9, 9]})
add("max_unpool2d error indices shape", "max_unpool2d", [torch.randn(1, 1, 2, 2), torch.zeros(1, 1, 2, 3, dtype=torch.int64), 2])

# ---------------------------------------------------------------- unfold / fold
UNFOLD = [
    ("k2", (2, 3, 4, 5), 2, {}),
    ("k3 p1 s2", (1, 2, 6, 7), 3, {"padding": 1, "stride": 2}),
    ("rect dilation", (1, 2, 7, 8), (2, 3), {"dilation": (2, 1)}),
    ("all", (2, 2, 8, 9), (3, 2), {"dilation": 2, "padding": (1, 2), "stride": (2, 3)}),
]
for i, (name, shape, k, kw) in enumerate(UNFOLD):
    seeded(900 + i)
    add(f"unfold {name}", "unfold", [leaf(shape), k], kw)
FOLD = [
    ("k2", (2, 12, 12), (4, 5), 2, {}),
    ("k3 p1 s2", (1, 18, 12), (6, 7), 3, {"padding": 1, "stride": 2}),
    ("overlap dilation", (1, 8, 35), (7, 8), (2, 2), {"dilation": (2, 1)}),
    ("unbatched", (12, 12), (4, 5), 2, {}),
]
for i, (name, shape, size, k, kw) in enumerate(FOLD):
    seeded(920 + i)
    add(f"fold {name}", "fold", [leaf(shape), size, k], kw)
seeded(930)
add("unfold unbatched", "unfold", [leaf((2, 5, 6)), (2, 3)], {"padding": 1})
add("unfold error blocks", "unfold", [torch.randn(1, 2, 2, 2), 3])
add("unfold error dims", "unfold", [torch.randn(8, 8), 2])
add("fold error dims", "fold", [torch.randn(1, 2, 8, 8), (3, 3), 2])
add("fold error divisible", "fold", [torch.randn(1, 10, 4), (3, 3), 2])
add("fold error blocks", "fold", [torch.randn(1, 8, 5), (3, 3), 2])

# ---------------------------------------------------------------- integer convolutions (forward only)
# PyTorch 1.13's CPU slow_conv2d convolves integers, wrapping on overflow (uint8 here); bool and half it refuses.
g_int = torch.Generator().manual_seed(900)


def ints(shape, lo, hi, dtype=torch.int64):
    return torch.randint(lo, hi, shape, generator=g_int).to(dtype)


add("conv2d int64", "conv2d", [ints((2, 3, 6, 5), -9, 10), ints((4, 3, 3, 3), -5, 6)], {"bias": ints((4,), -20, 20)})
add("conv2d int64 stride padding groups", "conv2d", [ints((1, 4, 7, 7), -50, 50), ints((6, 2, 3, 2), -7, 8)], {"stride": 2, "padding": 1, "groups": 2})
add("conv2d int32", "conv2d", [ints((2, 2, 8, 8), -9, 10, torch.int32), ints((3, 2, 3, 3), -4, 5, torch.int32)], {"padding": 1})
add("conv2d int64 dilation", "conv2d", [ints((2, 2, 8, 8), -9, 10), ints((3, 2, 3, 3), -4, 5)], {"dilation": 2})
add("conv2d error int32 dilation", "conv2d", [ints((2, 2, 8, 8), -9, 10, torch.int32), ints((3, 2, 3, 3), -4, 5, torch.int32)], {"dilation": 2})
add("conv2d error uint8 dilation", "conv2d", [ints((1, 2, 8, 8), 0, 9, torch.uint8), ints((3, 2, 3, 3), 0, 4, torch.uint8)], {"dilation": (1, 2)})
add("conv2d uint8 wraps", "conv2d", [ints((1, 3, 5, 5), 0, 256, torch.uint8), ints((2, 3, 3, 3), 0, 256, torch.uint8)])
add("conv1d int64", "conv1d", [ints((2, 3, 9), -9, 10), ints((2, 3, 4), -3, 4)], {"padding": 2})
add("conv_transpose2d int64", "conv_transpose2d", [ints((1, 2, 4, 4), -9, 10), ints((2, 3, 3, 3), -3, 4)], {"bias": ints((3,), -5, 5), "stride": 2})
g_bf = torch.Generator().manual_seed(901)
add("conv2d bfloat16", "conv2d", [torch.randn(2, 3, 6, 6, generator=g_bf).bfloat16(), torch.randn(4, 3, 3, 3, generator=g_bf).bfloat16()])
add("conv2d error bool", "conv2d", [torch.ones(1, 2, 4, 4, dtype=torch.bool), torch.ones(2, 2, 3, 3, dtype=torch.bool)])


with open(OUT, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.relpath(OUT)}")
