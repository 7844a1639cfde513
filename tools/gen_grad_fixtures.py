#!/usr/bin/python3
"""Generate packages/autograd/test/fixtures/grads.json: gradients of @x's differentiable ops, by real PyTorch (1.13).

Run with Debian's python3-torch:  /usr/bin/python3 tools/gen_grad_fixtures.py

Deterministic (torch.manual_seed, fixed inputs). Each case is

  { "name": unique id, "op": a key both this file and packages/autograd/test/grad-fixtures.ts
    interpret (see CALLS), "args": [...], "kwargs": {...}, "gradFn": the name of the output's
    grad_fn, "upstream": the gradient fed to backward, "grads": [one per arg: tensor or null] }

Encoding (tools/fixture_io.py): a tensor is {"tensor": true, "dtype", "shape", "data"}, with
non-finite values as "nan" / "inf" / "-inf"; "requiresGrad": true marks the inputs differentiated;
"permute": p marks a non-contiguous leaf, built as contiguous(value.permute(inverse(p))).permute(p)
and then detached, so the leaf itself has permuted strides. Other args are numbers or null; a float
number argument must not be integral (JavaScript cannot tell 2.0 from 2).
"""
import json
import math
import os
import warnings

import torch
from fixture_io import DTYPES_BY_NAME, enc_tensor

warnings.filterwarnings("ignore")
torch.manual_seed(0)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "autograd", "test", "fixtures", "grads.json")

f32, f64 = torch.float32, torch.float64


class T:
    """A tensor argument: value, whether it requires grad, and an optional permutation (non-contiguous leaf)."""

    def __init__(self, value, grad=None, perm=None):
        self.value = value
        self.grad = value.dtype.is_floating_point if grad is None else grad
        self.perm = perm

    def build(self):
        v = self.value
        if self.perm is not None:
            inv = [0] * len(self.perm)
            for i, p in enumerate(self.perm):
                inv[p] = i
            v = v.permute(inv).contiguous().permute(self.perm)
            assert not v.is_contiguous()
        v = v.detach().clone() if self.perm is None else v.detach()
        return v.requires_grad_(True) if self.grad else v


def enc_arg(a):
    if isinstance(a, T):
        extra = {}
        if a.grad:
            extra["requiresGrad"] = True
        if a.perm is not None:
            extra["permute"] = a.perm
        return enc_tensor(a.value, extra=extra)
    if a is None:
        return None
    if isinstance(a, float):
        assert not math.isfinite(a) or a != int(a), f"integral float {a}"
        return a
    return a


def binary(op):
    def call(a, b):
        if isinstance(a, torch.Tensor):
            return getattr(torch, op)(a, b)
        # A number first: what Python code writes (`2 - x` is RsubBackward1, `2 / x` MulBackward0).
        if op == "add":
            return a + b
        if op == "sub":
            return a - b
        if op == "mul":
            return a * b
        if op == "div":
            return a / b
        if op == "pow":
            return torch.pow(a, b)
        return getattr(torch, op)(a, b)
    return call


def reduce_call(method):
    def call(x, dim=None, keepdim=False, dtype=None):
        kw = {}
        if dtype is not None:
            kw["dtype"] = DTYPES_BY_NAME[dtype]
        if dim is None:
            return getattr(x, method)(**kw)
        return getattr(x, method)(dim, keepdim=keepdim, **kw)
    return call


def var_call(method):
    def call(x, dim=None, correction=1, keepdim=False):
        if dim is None:
            assert correction in (0, 1) and not keepdim
            return getattr(x, method)(unbiased=bool(correction))
        return getattr(x, method)(dim=dim, correction=correction, keepdim=keepdim)
    return call


def norm_call(x, p=2, dim=None, keepdim=False):
    p = float(p) if isinstance(p, str) else p
    return x.norm(p=p, dim=dim, keepdim=keepdim)


def copy_call(dst, src):
    d = dst.clone()
    d.copy_(src)
    return d


def fill_call(x, value):
    d = x.clone()
    d.fill_(value)
    return d


def seed_call(x):
    y = x.pow(2)
    z = y.mul(y).mul(3)
    return z.mean()


def mlp_call(x, w1, b1, w2, b2):
    h = torch.relu(x.matmul(w1.t()).add(b1))
    return torch.log_softmax(torch.addmm(b2, h, w2.t()), 1)


def expr_call(a, b):
    return (a * b + a.exp()).div(b.abs() + 1.5).sum(1).sigmoid()


def attention_call(q, k, v):
    s = q.matmul(k.transpose(-1, -2)).mul(0.25)
    return s.softmax(-1).matmul(v)


CALLS = {
    **{op: (lambda op: lambda x: getattr(torch, op)(x))(op) for op in
       "neg abs sign exp exp2 log log2 log10 log1p expm1 sqrt rsqrt sin cos tan asin acos atan sinh cosh tanh "
       "asinh acosh atanh sigmoid relu floor ceil round trunc frac reciprocal square erf erfc".split()},
    **{op: binary(op) for op in "add sub mul div pow maximum minimum fmod remainder atan2".split()},
    "divFloor": lambda a, b: torch.div(a, b, rounding_mode="floor"),
    "where": lambda c, a, b: torch.where(c, a, b),
    "clamp": lambda x, lo, hi: torch.clamp(x, lo, hi),
    "maskedFill": lambda x, m, v: x.masked_fill(m, v),
    "to": lambda x, dtype: x.to(DTYPES_BY_NAME[dtype]),
    "clone": lambda x: x.clone(),
    "copy": copy_call,
    "fill": fill_call,
    "sum": reduce_call("sum"),
    "mean": reduce_call("mean"),
    "prod": reduce_call("prod"),
    "amax": lambda x, dim, keepdim=False: x.amax(dim, keepdim=keepdim),
    "amin": lambda x, dim, keepdim=False: x.amin(dim, keepdim=keepdim),
    "max": lambda x: x.max(),
    "min": lambda x: x.min(),
    "maxDim": lambda x, dim, keepdim=False: x.max(dim, keepdim=keepdim)[0],
    "minDim": lambda x, dim, keepdim=False: x.min(dim, keepdim=keepdim)[0],
    "var": var_call("var"),
    "std": var_call("std"),
    "norm": norm_call,
    "logsumexp": lambda x, dim, keepdim=False: x.logsumexp(dim, keepdim=keepdim),
    "cumsum": lambda x, dim: x.cumsum(dim),
    "cumprod": lambda x, dim: x.cumprod(dim),
    "softmax": lambda x, dim: x.softmax(dim),
    "logSoftmax": lambda x, dim: x.log_softmax(dim),
    "mm": torch.mm,
    "bmm": torch.bmm,
    "dot": torch.dot,
    "mv": torch.mv,
    "matmul": torch.matmul,
    "addmm": lambda i, a, b, beta=1, alpha=1: torch.addmm(i, a, b, beta=beta, alpha=alpha),
    "seed": seed_call,
    "mlp": mlp_call,
    "expr": expr_call,
    "attention": attention_call,
}

cases = []
names = set()


def case(name, op, args, kwargs=None, upstream=None):
    kwargs = kwargs or {}
    assert name not in names, name
    names.add(name)
    built = [a.build() if isinstance(a, T) else a for a in args]
    out = CALLS[op](*built, **kwargs)
    diff = [b for a, b in zip(args, built) if isinstance(a, T) and a.grad]
    if upstream is None:
        upstream = torch.randn(out.shape, dtype=torch.float64).to(out.dtype)
    grads = torch.autograd.grad(out, diff, upstream, allow_unused=True)
    it = iter(grads)
    enc_grads = []
    for a in args:
        if isinstance(a, T) and a.grad:
            g = next(it)
            enc_grads.append(None if g is None else enc_tensor(g))
        else:
            enc_grads.append(None)
    cases.append({
        "name": name,
        "op": op,
        "args": [enc_arg(a) for a in args],
        "kwargs": kwargs,
        "gradFn": out.grad_fn.name().replace("torch::autograd::", ""),
        "upstream": enc_tensor(upstream),
        "grads": enc_grads,
    })


def rn(*shape, dtype=f64):
    return torch.randn(shape, dtype=torch.float64).to(dtype)


def pos(*shape, dtype=f64, lo=0.2, hi=3.0):
    return (torch.rand(shape, dtype=torch.float64) * (hi - lo) + lo).to(dtype)


def unit(*shape, dtype=f64):
    return (torch.rand(shape, dtype=torch.float64) * 1.6 - 0.8).to(dtype)


def away_from_integers(*shape, dtype=f64):
    # Values whose floor/round are stable under small perturbations.
    return (torch.randint(-4, 4, shape).double() + torch.rand(shape, dtype=torch.float64) * 0.6 + 0.2).to(dtype)


DTYPES = [(f64, "f64"), (f32, "f32")]

# ---- unary ----
DOMAINS = {
    "log": pos, "log2": pos, "log10": pos, "log1p": pos, "sqrt": pos, "rsqrt": pos, "reciprocal": pos,
    "asin": unit, "acos": unit, "atanh": unit, "acosh": lambda *s, dtype=f64: pos(*s, dtype=dtype, lo=1.2, hi=3.0),
    "floor": away_from_integers, "ceil": away_from_integers, "round": away_from_integers, "trunc": away_from_integers,
    "frac": away_from_integers,
}
for op in [k for k, v in CALLS.items() if k in "neg abs sign exp exp2 log log2 log10 log1p expm1 sqrt rsqrt sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh sigmoid relu floor ceil round trunc frac reciprocal square erf erfc".split()]:
    for dt, dn in DTYPES:
        case(f"{op}/{dn}", op, [T(DOMAINS.get(op, rn)(2, 3, dtype=dt))])
    case(f"{op}/f64/noncontiguous", op, [T(DOMAINS.get(op, rn)(3, 4), perm=[1, 0])])
case("relu/f64/zeros", "relu", [T(torch.tensor([-1.0, 0.0, 2.0, 0.0], dtype=f64))])
case("abs/f64/zeros", "abs", [T(torch.tensor([-1.5, 0.0, 2.0], dtype=f64))])
case("sqrt/f64/zero", "sqrt", [T(torch.tensor([0.0, 4.0], dtype=f64))])

# ---- binary ----
SCALARS = {"add": 2.5, "sub": 2.5, "mul": 2.5, "div": 2.5, "pow": 2.5, "fmod": 1.5, "remainder": 1.5}
for op in "add sub mul div pow maximum minimum fmod remainder atan2".split():
    make_a = pos if op in ("pow",) else rn
    make_b = pos if op in ("div", "fmod", "remainder") else rn
    for dt, dn in DTYPES:
        case(f"{op}/{dn}/same", op, [T(make_a(2, 3, dtype=dt)), T(make_b(2, 3, dtype=dt))])
    case(f"{op}/f64/broadcast", op, [T(make_a(4, 1, 3)), T(make_b(2, 1))])
    case(f"{op}/f64/broadcast-left", op, [T(make_a(3)), T(make_b(2, 3))])
    case(f"{op}/f64/noncontiguous", op, [T(make_a(2, 3), perm=[1, 0]), T(make_b(2, 3))])
    case(f"{op}/mixed-dtypes", op, [T(make_a(2, 3, dtype=f32)), T(make_b(2, 3))])
    if op in SCALARS:
        for dt, dn in DTYPES:
            case(f"{op}/{dn}/tensor-scalar", op, [T(make_a(2, 3, dtype=dt)), SCALARS[op]])
    if op in ("add", "sub", "mul", "div", "pow"):
        for dt, dn in DTYPES:
            case(f"{op}/{dn}/scalar-tensor", op, [SCALARS[op], T(make_b(2, 3, dtype=dt))])
case("pow/f64/zero-base", "pow", [T(torch.tensor([0.0, 0.0, 2.0, 1.5], dtype=f64)), T(torch.tensor([2.5, 0.0, 0.0, -1.5], dtype=f64))])
case("pow/f64/zero-exponent", "pow", [T(rn(3)), 0])
case("pow/f64/int-exponent", "pow", [T(rn(3)), 3])
case("pow/f64/zero-base-scalar", "pow", [0, T(torch.tensor([0.0, 1.5, 2.5], dtype=f64))])
case("pow/f64/negative-base", "pow", [T(torch.tensor([-2.0, -0.5], dtype=f64)), 2])
ties = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype=f64)
case("maximum/f64/ties", "maximum", [T(ties), T(torch.tensor([[1.0, 3.0, 2.0], [4.0, 5.0, 7.0]], dtype=f64))])
case("minimum/f64/ties", "minimum", [T(ties), T(torch.tensor([[1.0, 3.0, 2.0], [4.0, 5.0, 7.0]], dtype=f64))])
case("divFloor/f64", "divFloor", [T(rn(2, 3)), T(pos(2, 3))])
case("divFloor/f64/scalar", "divFloor", [T(rn(2, 3)), 1.5])

# ---- where, clamp, maskedFill ----
cond = torch.tensor([[True, False, True], [False, False, True]])
for dt, dn in DTYPES:
    case(f"where/{dn}", "where", [T(cond), T(rn(2, 3, dtype=dt)), T(rn(2, 3, dtype=dt))])
case("where/f64/broadcast", "where", [T(torch.tensor([True, False, True])), T(rn(2, 1)), T(rn(2, 3))])
case("where/f64/scalar-other", "where", [T(cond), T(rn(2, 3)), 0.5])
case("where/f64/scalar-self", "where", [T(cond), -0.5, T(rn(3))])
bounded = torch.tensor([-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0], dtype=f64)
for dt, dn in DTYPES:
    case(f"clamp/{dn}/scalars-inclusive", "clamp", [T(bounded.to(dt)), -0.5, 0.5])
case("clamp/f64/bounds-hit", "clamp", [T(torch.tensor([-1.5, -0.5, 0.5, 1.5], dtype=f64)), -0.5, 0.5])
case("clamp/f64/min-only", "clamp", [T(bounded), -0.5, None])
case("clamp/f64/max-only", "clamp", [T(bounded), None, 0.5])
case("clamp/f64/min-greater-than-max", "clamp", [T(bounded), 0.5, -0.5])
case("clamp/f64/tensor-bounds", "clamp", [T(bounded), T(torch.full((7,), -0.5, dtype=f64)), T(rn(7) + 1.0)])
case("clamp/f64/tensor-bounds-broadcast", "clamp", [T(rn(2, 3)), T(rn(3) - 0.5), T(rn(2, 1) + 0.5)])
case("clamp/f64/tensor-min-only", "clamp", [T(rn(2, 3)), T(rn(2, 3)), None])
case("clamp/f64/tensor-crossed", "clamp", [T(rn(4)), T(torch.full((4,), 0.5, dtype=f64)), T(torch.full((4,), -0.5, dtype=f64))])
mask = torch.tensor([[True, False, True], [False, False, True]])
for dt, dn in DTYPES:
    case(f"maskedFill/{dn}", "maskedFill", [T(rn(2, 3, dtype=dt)), T(mask), 0.5])
case("maskedFill/f64/broadcast-mask", "maskedFill", [T(rn(2, 3)), T(torch.tensor([True, False, True])), -1.5])
case("maskedFill/f64/tensor-value", "maskedFill", [T(rn(2, 3)), T(mask), T(torch.tensor(0.5, dtype=f64))])

# ---- casts and copies ----
case("to/f32-to-f64", "to", [T(rn(2, 3, dtype=f32))], {"dtype": "float64"})
case("to/f64-to-f32", "to", [T(rn(2, 3))], {"dtype": "float32"})
case("to/f32-to-f16", "to", [T(rn(2, 3, dtype=f32))], {"dtype": "float16"})
for dt, dn in DTYPES:
    case(f"clone/{dn}", "clone", [T(rn(2, 3, dtype=dt))])
case("clone/f64/noncontiguous", "clone", [T(rn(2, 3), perm=[1, 0])])
case("copy/f64", "copy", [T(rn(2, 3)), T(rn(2, 3))])
case("copy/f64/broadcast", "copy", [T(rn(2, 3)), T(rn(3))])
case("copy/mixed-dtypes", "copy", [T(rn(2, 3)), T(rn(2, 3, dtype=f32))])
case("fill/f64", "fill", [T(rn(2, 3)), 1.5])

# ---- reductions ----
for op in ("sum", "mean"):
    for dt, dn in DTYPES:
        case(f"{op}/{dn}/all", op, [T(rn(3, 4, dtype=dt))])
        case(f"{op}/{dn}/dim", op, [T(rn(3, 4, dtype=dt))], {"dim": 1})
    case(f"{op}/f64/negative-dim-keepdim", op, [T(rn(2, 3, 4))], {"dim": -2, "keepdim": True})
    case(f"{op}/f64/dims", op, [T(rn(2, 3, 4))], {"dim": [0, 2]})
    case(f"{op}/f64/dims-keepdim", op, [T(rn(2, 3, 4))], {"dim": [0, -1], "keepdim": True})
    case(f"{op}/f64/noncontiguous", op, [T(rn(3, 4), perm=[1, 0])], {"dim": 0})
    case(f"{op}/f64/scalar", op, [T(rn())])
case("sum/f32/dtype-f64", "sum", [T(rn(2, 3, dtype=f32))], {"dim": 1, "dtype": "float64"})
for dt, dn in DTYPES:
    case(f"prod/{dn}/all", "prod", [T(pos(2, 3, dtype=dt))])
    case(f"prod/{dn}/dim", "prod", [T(rn(3, 4, dtype=dt))], {"dim": 1})
case("prod/f64/dim-keepdim", "prod", [T(rn(3, 4))], {"dim": -1, "keepdim": True})
case("prod/f64/one-zero", "prod", [T(torch.tensor([[1.5, 0.0, 2.0], [0.5, 3.0, -1.0]], dtype=f64))], {"dim": 1})
case("prod/f64/two-zeros", "prod", [T(torch.tensor([[0.0, 0.0, 2.0], [0.5, 0.0, -1.0]], dtype=f64))], {"dim": 1})
case("prod/f64/all-one-zero", "prod", [T(torch.tensor([[1.5, 0.0, 2.0], [0.5, 3.0, -1.0]], dtype=f64))])
case("prod/f64/all-two-zeros", "prod", [T(torch.tensor([[1.5, 0.0, 2.0], [0.5, 0.0, -1.0]], dtype=f64))])
case("prod/f64/noncontiguous", "prod", [T(rn(3, 4), perm=[1, 0])], {"dim": 0})
tie_data = torch.tensor([[1.0, 3.0, 3.0, 0.5], [2.0, 2.0, 2.0, -1.0], [-4.0, 0.0, 5.0, 5.0]], dtype=f64)
for op in ("amax", "amin"):
    for dt, dn in DTYPES:
        case(f"{op}/{dn}/dim", op, [T(rn(3, 4, dtype=dt))], {"dim": 1})
    case(f"{op}/f64/ties", op, [T(tie_data)], {"dim": 1})
    case(f"{op}/f64/ties-dims-keepdim", op, [T(tie_data)], {"dim": [0, 1], "keepdim": True})
    case(f"{op}/f64/ties-all", op, [T(tie_data)], {"dim": []})
    case(f"{op}/f64/negative-dim", op, [T(rn(2, 3, 4))], {"dim": -1})
for op in ("max", "min"):
    for dt, dn in DTYPES:
        case(f"{op}/{dn}/all", op, [T(rn(3, 4, dtype=dt))])
    case(f"{op}/f64/ties-all", op, [T(torch.tensor([[5.0, -4.0], [5.0, -4.0], [5.0, 1.0]], dtype=f64))])
    for dt, dn in DTYPES:
        case(f"{op}Dim/{dn}/dim", f"{op}Dim", [T(rn(3, 4, dtype=dt))], {"dim": 1})
    case(f"{op}Dim/f64/keepdim", f"{op}Dim", [T(rn(3, 4))], {"dim": 0, "keepdim": True})
    case(f"{op}Dim/f64/negative-dim", f"{op}Dim", [T(rn(2, 3, 4))], {"dim": -2})
    case(f"{op}Dim/f64/ties", f"{op}Dim", [T(tie_data)], {"dim": 1})
    case(f"{op}Dim/f64/noncontiguous", f"{op}Dim", [T(rn(3, 4), perm=[1, 0])], {"dim": 1})
for op in ("var", "std"):
    for dt, dn in DTYPES:
        case(f"{op}/{dn}/all", op, [T(rn(3, 4, dtype=dt))])
        case(f"{op}/{dn}/dim", op, [T(rn(3, 4, dtype=dt))], {"dim": [1]})
    case(f"{op}/f64/biased", op, [T(rn(3, 4))], {"correction": 0})
    case(f"{op}/f64/dims-keepdim", op, [T(rn(2, 3, 4))], {"dim": [0, -1], "keepdim": True})
    case(f"{op}/f64/correction-2", op, [T(rn(2, 5))], {"dim": [1], "correction": 2})
    case(f"{op}/f64/noncontiguous", op, [T(rn(3, 4), perm=[1, 0])], {"dim": [0]})
case("std/f64/constant-slice", "std", [T(torch.tensor([[1.5, 1.5, 1.5], [1.0, 2.0, 4.0]], dtype=f64))], {"dim": [1]})
norm_data = torch.tensor([[1.5, -2.0, 0.0, 0.5], [0.0, 0.0, 0.0, 0.0], [-3.0, 3.0, 1.0, -1.0]], dtype=f64)
for p in (2, 1, "inf", "-inf", 0, 3, 1.5, 0.5):
    pn = str(p)
    case(f"norm/f64/p={pn}/all", "norm", [T(rn(3, 4))], {"p": p})
    case(f"norm/f64/p={pn}/dim-with-zeros", "norm", [T(norm_data)], {"p": p, "dim": 1})
    case(f"norm/f32/p={pn}/dim-keepdim", "norm", [T(rn(3, 4, dtype=f32))], {"p": p, "dim": 0, "keepdim": True})
case("norm/f64/zero-vector", "norm", [T(torch.zeros(3, dtype=f64))], {"p": 2})
case("norm/f64/noncontiguous", "norm", [T(rn(3, 4), perm=[1, 0])], {"p": 2, "dim": 1})
for dt, dn in DTYPES:
    case(f"logsumexp/{dn}/dim", "logsumexp", [T(rn(3, 4, dtype=dt))], {"dim": 1})
case("logsumexp/f64/dims-keepdim", "logsumexp", [T(rn(2, 3, 4))], {"dim": [0, -1], "keepdim": True})
case("logsumexp/f64/large", "logsumexp", [T(rn(2, 3) * 300)], {"dim": 1})
for op in ("cumsum", "cumprod"):
    for dt, dn in DTYPES:
        case(f"{op}/{dn}/dim", op, [T(rn(3, 4, dtype=dt))], {"dim": 1})
    case(f"{op}/f64/negative-dim", op, [T(rn(2, 3, 4))], {"dim": -2})
    case(f"{op}/f64/noncontiguous", op, [T(rn(3, 4), perm=[1, 0])], {"dim": 1})
    case(f"{op}/f64/scalar", op, [T(rn())], {"dim": 0})
cz = torch.tensor([[1.5, 0.0, 2.0, -1.0, 0.5], [0.0, 2.0, 0.0, 3.0, 0.5], [2.0, 0.5, -1.5, 3.0, 0.0], [0.0, 0.0, 0.0, 2.0, 1.0]], dtype=f64)
case("cumprod/f64/zeros", "cumprod", [T(cz)], {"dim": 1})
case("cumprod/f32/zeros", "cumprod", [T(cz.float())], {"dim": 1})
case("cumprod/f64/zeros-dim0", "cumprod", [T(cz.t().contiguous())], {"dim": 0})
for op in ("softmax", "logSoftmax"):
    for dt, dn in DTYPES:
        case(f"{op}/{dn}/last", op, [T(rn(3, 4, dtype=dt))], {"dim": -1})
    case(f"{op}/f64/dim0", op, [T(rn(3, 4))], {"dim": 0})
    case(f"{op}/f64/middle", op, [T(rn(2, 3, 4))], {"dim": 1})
    case(f"{op}/f64/noncontiguous", op, [T(rn(3, 4), perm=[1, 0])], {"dim": 1})

# ---- linalg ----
for dt, dn in DTYPES:
    case(f"mm/{dn}", "mm", [T(rn(2, 3, dtype=dt)), T(rn(3, 4, dtype=dt))])
    case(f"bmm/{dn}", "bmm", [T(rn(2, 2, 3, dtype=dt)), T(rn(2, 3, 4, dtype=dt))])
    case(f"dot/{dn}", "dot", [T(rn(5, dtype=dt)), T(rn(5, dtype=dt))])
    case(f"mv/{dn}", "mv", [T(rn(3, 4, dtype=dt)), T(rn(4, dtype=dt))])
    case(f"addmm/{dn}", "addmm", [T(rn(2, 4, dtype=dt)), T(rn(2, 3, dtype=dt)), T(rn(3, 4, dtype=dt))])
case("mm/f64/noncontiguous", "mm", [T(rn(2, 3), perm=[1, 0]), T(rn(3, 4), perm=[1, 0])])
case("mm/f64/one-side", "mm", [T(rn(2, 3)), T(rn(3, 4), grad=False)])
case("bmm/f64/noncontiguous", "bmm", [T(rn(2, 2, 3), perm=[0, 2, 1]), T(rn(2, 3, 4))])
case("addmm/f64/beta-alpha", "addmm", [T(rn(2, 4)), T(rn(2, 3)), T(rn(3, 4))], {"beta": 0.5, "alpha": -1.5})
case("addmm/f64/broadcast-input", "addmm", [T(rn(4)), T(rn(2, 3)), T(rn(3, 4))], {"beta": 2.5})
case("addmm/f64/row-input", "addmm", [T(rn(1, 4)), T(rn(2, 3)), T(rn(3, 4))])
case("addmm/f64/beta-zero", "addmm", [T(rn(2, 4)), T(rn(2, 3)), T(rn(3, 4))], {"beta": 0})
MATMUL_SHAPES = [
    ((4,), (4, 5)), ((2, 3, 4), (4, 5)), ((2, 3, 4), (4,)), ((4,), (2, 4, 5)), ((3, 4), (2, 4, 5)),
    ((2, 3, 4), (2, 4, 5)), ((2, 1, 3, 4), (5, 4, 3)), ((1, 3, 4), (2, 4, 5)), ((3,), (2, 2, 3, 4)),
    ((4,), (4,)), ((3, 4), (4,)), ((3, 4), (4, 2)),
]
for sa, sb in MATMUL_SHAPES:
    tag = "x".join(map(str, sa)) + "@" + "x".join(map(str, sb))
    case(f"matmul/f64/{tag}", "matmul", [T(rn(*sa)), T(rn(*sb))])
case("matmul/f32/2x3x4@4x5", "matmul", [T(rn(2, 3, 4, dtype=f32)), T(rn(4, 5, dtype=f32))])
case("matmul/f64/noncontiguous", "matmul", [T(rn(2, 3, 4), perm=[0, 2, 1]), T(rn(4, 5))])

# ---- composite expressions ----
case("seed/f64", "seed", [T(torch.ones(2, 2, dtype=f64))], upstream=torch.tensor(1.0, dtype=f64))
for dt, dn in DTYPES:
    case(f"mlp/{dn}", "mlp", [T(rn(4, 6, dtype=dt), grad=False), T(rn(5, 6, dtype=dt)), T(rn(5, dtype=dt)), T(rn(3, 5, dtype=dt)), T(rn(3, dtype=dt))])
    case(f"expr/{dn}", "expr", [T(rn(2, 3, dtype=dt)), T(rn(1, 3, dtype=dt))])
    case(f"attention/{dn}", "attention", [T(rn(2, 3, 4, dtype=dt)), T(rn(2, 5, 4, dtype=dt)), T(rn(2, 5, 4, dtype=dt))])

with open(OUT, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.relpath(OUT)}")
