#!/usr/bin/python3
"""Generate packages/tensor/fixtures/ops.json: every op of @x/tensor, run by real PyTorch (1.13).

Run with Debian's python3-torch:  /usr/bin/python3 tools/gen_op_fixtures.py

The output is deterministic (torch.manual_seed, fixed inputs) and committed, so the conformance suite
(packages/tensor/src/testing/, published with this file as @x/tensor/testing) runs without Python.
Each case is

  { "name": unique id, "op": PyTorch's name of the op, "args": [...], "kwargs": {...}, "out": ... }

Values inside args, kwargs and out are encoded as follows:
  tensor          {"tensor": true, "dtype": "float32", "shape": [2, 3], "data": [row-major values]}
                  non-finite values are the strings "nan", "inf", "-inf"; bool data is true/false;
                  int64 values beyond 2^53 are decimal strings ("9223372030926249001");
                  optional "permute": p means the argument is a non-contiguous view: the runner builds
                  it as contiguous(value.permute(inverse(p))).permute(p), exactly as done here.
  torch.dtype     {"dtype": "float64"}
  slice           {"slice": [start, stop, step]} (null for an omitted part)
  Ellipsis        {"ellipsis": true}
  None            null
  int / bool / str   themselves; a float scalar must not be integral (JavaScript cannot tell 2.0
                  from 2, so such a case could not be ported faithfully); non-finite floats are
                  {"number": "nan" | "inf" | "-inf"}
  tuple, list, torch.Size, torch.return_types.*    a JSON list
  an expected error   out = {"error": "substring of PyTorch's message"}

Op names: `torch.<op>` when torch has it, else the Tensor method `<op>`; "F.<op>" is
torch.nn.functional.<op>; "getitem" is x[index], "setitem" is x[index] = value (out: x after).
"""
import json
import math
import os
import sys
import warnings

import torch
import torch.nn.functional as F
import fixture_io
from fixture_io import DTYPE_NAMES, JS_SAFE_INTEGER

warnings.filterwarnings("ignore")
torch.manual_seed(0)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "tensor", "fixtures", "ops.json")

f32, f64, f16, bf16 = torch.float32, torch.float64, torch.float16, torch.bfloat16
i32, i64, u8, b8 = torch.int32, torch.int64, torch.uint8, torch.bool
FLOATS = [f32, f64, f16, bf16]
INTS = [i64, i32, u8]
ALL = [f32, f64, f16, bf16, i64, i32, u8, b8]
inf, nan = math.inf, math.nan

cases = []
names = set()


class NC:
    """A non-contiguous argument: the value `t`, passed as a permuted view of a contiguous base."""

    def __init__(self, t, perm=None):
        self.value = t
        self.perm = list(perm) if perm is not None else list(reversed(range(t.dim())))

    def build(self):
        inv = [0] * len(self.perm)
        for i, p in enumerate(self.perm):
            inv[p] = i
        v = self.value.permute(inv).contiguous().permute(self.perm)
        assert torch.equal(v, self.value) or v.dtype.is_floating_point
        if v.dim() > 1 and self.value.numel() > 1:
            assert not v.is_contiguous(), "NC argument should be non-contiguous"
        return v


def enc_number(v, where):
    """fixture_io's encoding, where an integer beyond 2^53 may only be tensor data (read as a BigInt)."""
    if isinstance(v, int) and not isinstance(v, bool):
        assert abs(v) <= JS_SAFE_INTEGER or where == "tensor data", f"{where}: integer {v} is not exact in JavaScript"
    return fixture_io.enc_number(v, big_int_as_str=True)


def enc_tensor(t, perm=None):
    return fixture_io.enc_tensor(t, extra=None if perm is None else {"permute": perm}, big_int_as_str=True)


def enc_arg(v):
    """Encodes an input argument (strict: integral float scalars are refused)."""
    if isinstance(v, NC):
        return enc_tensor(v.value, v.perm)
    if isinstance(v, torch.Tensor):
        return enc_tensor(v)
    if isinstance(v, torch.dtype):
        return {"dtype": DTYPE_NAMES[v]}
    if v is None:
        return None
    if v is Ellipsis:
        return {"ellipsis": True}
    if isinstance(v, slice):
        return {"slice": [v.start, v.stop, v.step]}
    if isinstance(v, bool) or isinstance(v, int):
        return enc_number(v, "arg")
    if isinstance(v, float):
        if math.isfinite(v):
            assert v != int(v), f"float scalar argument {v} is integral: JavaScript cannot express it, use an int or a non-integral float"
            return v
        return {"number": enc_number(v, "arg")}
    if isinstance(v, str):
        return v
    if isinstance(v, (list, tuple, torch.Size)):
        return [enc_arg(x) for x in v]
    raise TypeError(f"cannot encode argument {v!r}")


def enc_out(v):
    if isinstance(v, torch.Tensor):
        return enc_tensor(v)
    if isinstance(v, (bool, int, float)):
        return enc_number(v, "output")
    if isinstance(v, (list, tuple)):
        return [enc_out(x) for x in v]
    if isinstance(v, torch.Size):
        return list(v)
    raise TypeError(f"cannot encode output {v!r}")


def build(v):
    """The real argument passed to PyTorch: NC becomes its non-contiguous view; tensors are cloned."""
    if isinstance(v, NC):
        return v.build()
    if isinstance(v, torch.Tensor):
        return v.clone()
    if isinstance(v, list):
        return [build(x) for x in v]
    if isinstance(v, tuple):
        return tuple(build(x) for x in v)
    return v


def resolve(op):
    if op == "getitem":
        return lambda x, idx: x[tuple(idx)]
    if op == "setitem":
        def setitem(x, idx, value):
            x[tuple(idx)] = value
            return x
        return setitem
    if op == "index_put_":
        return lambda x, indices, values, accumulate=False: x.index_put_(tuple(indices), values, accumulate)
    if op.startswith("F."):
        return getattr(F, op[2:])
    if op.startswith("Tensor."):
        return getattr(torch.Tensor, op[7:])
    if hasattr(torch, op) and callable(getattr(torch, op)) and not op.endswith("_"):
        return getattr(torch, op)
    return getattr(torch.Tensor, op)


HALF_TYPES = (f16, bf16)


def has_half(v):
    if isinstance(v, NC):
        return v.value.dtype in HALF_TYPES
    if isinstance(v, torch.Tensor):
        return v.dtype in HALF_TYPES
    if isinstance(v, (list, tuple)):
        return any(has_half(x) for x in v)
    return False


def half_dtype(v):
    for x in (v if isinstance(v, (list, tuple)) else [v]):
        if isinstance(x, torch.Tensor) and x.dtype in HALF_TYPES:
            return x.dtype
        if isinstance(x, (list, tuple)):
            d = half_dtype(x)
            if d is not None:
                return d
    return None


def upcast(v):
    if isinstance(v, torch.Tensor) and v.dtype in HALF_TYPES:
        return v.float()
    if isinstance(v, list):
        return [upcast(x) for x in v]
    if isinstance(v, tuple):
        return tuple(upcast(x) for x in v)
    return v


def downcast(v, dtype):
    if isinstance(v, torch.Tensor) and v.dtype == f32:
        return v.to(dtype)
    if isinstance(v, (list, tuple)):
        return [downcast(x, dtype) for x in v]
    return v


def run_opmath(fn, args, kwargs):
    """float16/bfloat16 computed in float32 and rounded once to the input's half type: what @x specifies
    (PyTorch's "opmath" rule, as its CUDA and newer CPU kernels do). Used where PyTorch 1.13's CPU has
    no Half kernel, or (matmul) accumulates partly in bfloat16."""
    built = [build(a) for a in args]
    kw = {k: build(v) for k, v in kwargs.items()}
    dtype = half_dtype(built) or half_dtype(list(kw.values()))
    return downcast(fn(*upcast(built), **{k: upcast(v) for k, v in kw.items()}), dtype)


OPMATH_NOTE = ("PyTorch 1.13's CPU lacks this Half/BFloat16 kernel (or accumulates in it): expected = the op in "
               "float32, rounded once to the half type")


def case(name, op, args, kwargs=None, error=None, opmath=False, int32_index=False):
    kwargs = kwargs or {}
    base = name
    k = 2
    while name in names:
        name = f"{base}#{k}"
        k += 1
    names.add(name)
    fn = resolve(op)
    enc = {"name": name, "op": op, "args": [enc_arg(a) for a in args], "kwargs": {k2: enc_arg(v) for k2, v in kwargs.items()}}
    try:
        if int32_index:
            enc["note"] = "PyTorch 1.13 refuses int32 indices, PyTorch 2 accepts them: expected = the int64 index's result"
            result = fn(*[build(a) for a in args[:1]], [x.long() if isinstance(x, torch.Tensor) else x for x in args[1]])
        elif opmath:
            enc["note"] = OPMATH_NOTE
            result = run_opmath(fn, args, kwargs)
        else:
            result = fn(*[build(a) for a in args], **{k2: build(v) for k2, v in kwargs.items()})
    except Exception as e:  # noqa: BLE001 - PyTorch raises RuntimeError, IndexError, ValueError, TypeError
        msg = str(e)
        if error is None and not opmath and ("not implemented for 'Half'" in msg or "not implemented for 'BFloat16'" in msg) \
                and (has_half(args) or has_half(list(kwargs.values()))):
            names.discard(name)
            return case(name, op, args, kwargs, opmath=True)
        if error is None:
            error = auto_error(msg)
            if error is None:
                raise AssertionError(f"case {name}: unexpected error from PyTorch: {msg}") from e
        assert error in msg, f"case {name}: expected {error!r} in PyTorch's message {msg!r}"
        enc["out"] = {"error": error}
        cases.append(enc)
        return
    assert error is None, f"case {name}: PyTorch raised no error, expected {error!r}"
    enc["out"] = enc_out(result)
    cases.append(enc)


def auto_error(msg):
    """For dtype sweeps: the meaningful part of PyTorch's message for an unsupported dtype."""
    first = msg.splitlines()[0]
    if "not implemented for" in first:
        return first[first.index("not implemented for"):]
    for known in ("Boolean inputs not supported", "Negation, the `-` operator, on a bool tensor is not supported",
                  "Subtraction, the `-` operator, with two bool tensors is not supported",
                  "Subtraction, the `-` operator, with a bool tensor is not supported",
                  "Integers to negative integer powers are not allowed", "ZeroDivisionError",
                  "only supports floating-point dtypes", "only support floating point"):
        if known in first:
            return known
    return None


def tn(data, dtype):
    return torch.tensor(data, dtype=dtype)


def randn(*shape, dtype=f32):
    return torch.randn(shape, dtype=f64).to(dtype)


def randint(lo, hi, shape, dtype=i64):
    return torch.randint(lo, hi, shape, dtype=dtype)


# ------------------------------------------------------------------ unary elementwise
EDGE = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.7, -3.7, 0.25, 0.999, -0.999, 1e-30, -1e-30, 1e-40,
        1e30, -1e30, 80.0, -80.0, 100.0, inf, -inf, nan]
EDGE_HALF = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.7, -3.7, 0.25, 0.999, -0.999, 1e-3, 8.0, -8.0, 100.0,
             1000.0, inf, -inf, nan]
INT_VALUES = {i64: [-7, -5, -1, 0, 1, 2, 3, 7, 100, 12345], i32: [-7, -5, -1, 0, 1, 2, 3, 7, 100, 12345],
              u8: [0, 1, 2, 3, 7, 100, 200, 255], b8: [True, False, True, True]}

UNARY = ["neg", "negative", "abs", "sign", "exp", "exp2", "log", "log2", "log10", "log1p", "expm1", "sqrt", "rsqrt",
         "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "sigmoid",
         "relu", "floor", "ceil", "round", "trunc", "frac", "reciprocal", "square", "erf", "erfc", "logical_not",
         "bitwise_not", "isnan", "isinf", "isfinite"]
HALF_UNARY = ["neg", "abs", "sign", "exp", "log", "sqrt", "rsqrt", "sin", "tanh", "sigmoid", "relu", "floor", "round",
              "trunc", "frac", "reciprocal", "square", "erf", "isnan", "isinf"]

for op in UNARY:
    for dt in (f32, f64):
        case(f"{op}/{DTYPE_NAMES[dt]}/edge", op, [tn(EDGE, dt)])
    for dt in (i64, i32, u8, b8):
        case(f"{op}/{DTYPE_NAMES[dt]}", op, [tn(INT_VALUES[dt], dt)])
    if op in HALF_UNARY:
        for dt in (f16, bf16):
            case(f"{op}/{DTYPE_NAMES[dt]}/edge", op, [tn(EDGE_HALF, dt)])
    case(f"{op}/float32/transposed", op, [NC(randn(3, 4))])

case("round/float32/halves", "round", [tn([-3.5, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, 4.5, 0.49999997, 8388609.0], f32)])
case("round/float64/halves", "round", [tn([-3.5, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, 4.5, 0.49999999999999994], f64)])
case("round/decimals=2", "round", [tn([1.2345, -1.2355, 0.125, 2.675, 100.5], f32)], {"decimals": 2})
case("round/decimals=-1", "round", [tn([12.0, 15.0, 25.0, -35.0, 144.0], f32)], {"decimals": -1})
case("round/decimals=1/float64", "round", [tn([0.25, 0.35, -0.45, 1.05], f64)], {"decimals": 1})
case("sign/float32/neg-zero", "sign", [tn([-0.0, 0.0, nan], f32)])
for dt in (f32, f64, f16):
    case(f"nan_to_num/{DTYPE_NAMES[dt]}", "nan_to_num", [tn([nan, inf, -inf, 1.5, -2.5], dt)])
case("nan_to_num/values", "nan_to_num", [tn([nan, inf, -inf, 1.5], f32)], {"nan": 0.5, "posinf": 1e3 + 0.5, "neginf": -7.5})
case("nan_to_num/int64", "nan_to_num", [tn([1, 2], i64)])

# ------------------------------------------------------------------ binary elementwise
ARITH = ["add", "sub", "mul", "div", "maximum", "minimum", "eq", "ne", "lt", "le", "gt", "ge"]
SAME_DTYPE_DATA = {
    f32: (tn([1.5, -2.25, 0.0, 3.0, -0.0, inf, nan, 7.0], f32), tn([0.5, 2.0, -0.0, 3.0, 1.0, inf, 1.0, -4.0], f32)),
    f64: (tn([1.5, -2.25, 0.0, 3.0, -0.0, inf, nan, 7.0], f64), tn([0.5, 2.0, -0.0, 3.0, 1.0, inf, 1.0, -4.0], f64)),
    f16: (tn([1.5, -2.25, 0.0, 3.0, 60000.0, inf, nan, 7.0], f16), tn([0.5, 2.0, 0.0, 3.0, 60000.0, 1.0, 1.0, -4.0], f16)),
    bf16: (tn([1.5, -2.25, 0.0, 3.0, 1e30, inf, nan, 7.0], bf16), tn([0.5, 2.0, 1.0, 3.0, 1e10, 1.0, 1.0, -4.0], bf16)),
    i64: (tn([7, -7, 0, 3, 100, -100, 5, 1], i64), tn([2, 2, -3, 3, -7, 7, -5, 1], i64)),
    i32: (tn([7, -7, 0, 3, 100, -100, 5, 1], i32), tn([2, 2, -3, 3, -7, 7, -5, 1], i32)),
    u8: (tn([7, 200, 0, 3, 100, 255, 5, 1], u8), tn([2, 100, 3, 3, 7, 1, 5, 1], u8)),
    b8: (tn([True, True, False, False, True, False, True, False], b8), tn([True, False, True, False, True, False, False, True], b8)),
}
for op in ARITH:
    for dt, (a, b) in SAME_DTYPE_DATA.items():
        case(f"{op}/{DTYPE_NAMES[dt]}", op, [a, b])
    case(f"{op}/broadcast/2x1+1x3", op, [randn(2, 1), randn(1, 3)])
    case(f"{op}/broadcast/2x3+3", op, [randn(2, 3), randn(3)])
    case(f"{op}/broadcast/0d", op, [randn(2, 3), randn()])
    if op not in ("maximum", "minimum"):  # PyTorch takes no scalar for these
        case(f"{op}/scalar-int", op, [randn(2, 3), 2])
        case(f"{op}/scalar-float", op, [randn(2, 3), 0.5])
        case(f"{op}/int64+scalar-float", op, [tn([1, 2, 3], i64), 0.5])
        case(f"{op}/int32+scalar-int", op, [tn([1, 2, 3], i32), 2])
        case(f"{op}/uint8+scalar-int", op, [tn([1, 2, 3], u8), 2])
        case(f"{op}/uint8+scalar-neg-int", op, [tn([1, 2, 3], u8), -2])
        case(f"{op}/bool+scalar-int", op, [tn([True, False], b8), 1])
    case(f"{op}/transposed", op, [NC(randn(3, 4)), randn(3, 4)])

MIXED = [(i32, f16), (i64, f32), (u8, i32), (u8, i64), (f16, bf16), (b8, f32), (i32, bf16), (f32, f64), (b8, i64),
         (u8, b8), (i64, f16), (f16, f32)]
for op in ["add", "mul", "sub", "div", "maximum", "lt"]:
    for da, db in MIXED:
        if op == "sub" and da == b8 and db == b8:
            continue
        a = tn([1, 2, 0, 5], da) if da != b8 else tn([True, False, True, True], b8)
        b = tn([3, 1, 4, 2], db) if db != b8 else tn([False, True, True, False], b8)
        case(f"{op}/mixed/{DTYPE_NAMES[da]}+{DTYPE_NAMES[db]}", op, [a, b])
    # a zero-dim tensor of a higher category decides; of the same category it does not
    case(f"{op}/mixed/int32[3]+float64[]", op, [tn([1, 2, 3], i32), tn(2.5, f64)])
    case(f"{op}/mixed/float16[3]+float64[]", op, [tn([1, 2, 3], f16), tn(2.5, f64)])
    case(f"{op}/mixed/int32[3]+int64[]", op, [tn([1, 2, 3], i32), tn(7, i64)])
    case(f"{op}/mixed/uint8[2]+int64[]-neg", op, [tn([1, 2], u8), tn(-3, i64)])

case("add/alpha", "add", [randn(2, 3), randn(2, 3)], {"alpha": 2})
case("add/alpha-float", "add", [randn(2, 3), randn(2, 3)], {"alpha": 0.5})
case("add/int+bool", "add", [tn([1, 2], i64), tn([True, False], b8)])
case("add/scalar-first", "add", [2.5, tn([1, 2], i64)])
case("mul/scalar-first", "mul", [3, tn([1.5, 2.5], f32)])
case("sub/alpha", "sub", [randn(3), randn(3)], {"alpha": 3})
case("sub/bool", "sub", [tn([True], b8), tn([False], b8)], error="Subtraction, the `-` operator, with two bool tensors is not supported")
case("subtract", "subtract", [randn(3), randn(3)])
case("multiply", "multiply", [randn(3), randn(3)])
case("divide", "divide", [randn(3), randn(3)])
case("rsub/tensor", "rsub", [randn(3), randn(3)])
case("rsub/scalar", "rsub", [randn(3), 2])
case("rsub/alpha", "rsub", [randn(3), randn(3)], {"alpha": 2})
case("true_divide/int", "true_divide", [tn([7, -7, 1], i64), tn([2, 2, 3], i64)])
case("div/by-zero/float", "div", [tn([1.0, -1.0, 0.0], f32), tn([0.0, 0.0, 0.0], f32)])
case("div/by-zero/int", "div", [tn([1, -1, 0], i64), tn([0, 0, 0], i64)])

NEG_A = [7.5, -7.5, 7.5, -7.5, 6.0, -6.0, 0.0, -0.0, 5.25, inf, 3.0]
NEG_B = [2.0, 2.0, -2.0, -2.0, 3.0, -3.0, 3.0, 3.0, 0.0, 2.0, inf]
NEG_AI = [7, -7, 7, -7, 6, -6, 0, 1, -1, 100]
NEG_BI = [2, 2, -2, -2, 3, -3, 3, -3, 3, -7]
for op in ["floor_divide", "remainder", "fmod"]:
    case(f"{op}/float32/signs", op, [tn(NEG_A, f32), tn(NEG_B, f32)])
    case(f"{op}/float64/signs", op, [tn(NEG_A, f64), tn(NEG_B, f64)])
    case(f"{op}/float16/signs", op, [tn(NEG_A[:9], f16), tn(NEG_B[:9], f16)])
    case(f"{op}/int64/signs", op, [tn(NEG_AI, i64), tn(NEG_BI, i64)])
    case(f"{op}/int32/signs", op, [tn(NEG_AI, i32), tn(NEG_BI, i32)])
    case(f"{op}/uint8", op, [tn([7, 200, 3], u8), tn([2, 7, 5], u8)])
    case(f"{op}/scalar-int", op, [tn(NEG_AI, i64), -3])
    case(f"{op}/scalar-float", op, [tn(NEG_A, f32), -2.5])
    case(f"{op}/int-by-float-scalar", op, [tn(NEG_AI, i64), 2.5])
    case(f"{op}/int/zero", op, [tn([1, 2], i64), tn([1, 0], i64)], error="ZeroDivisionError")
    case(f"{op}/int/zero-scalar", op, [tn([1, 2], i32), 0], error="ZeroDivisionError")
case("remainder/scalar-first", "remainder", [5, tn([3, -3, 2], i64)])
for mode in ["trunc", "floor"]:
    case(f"div/{mode}/float32", "div", [tn(NEG_A, f32), tn(NEG_B, f32)], {"rounding_mode": mode})
    case(f"div/{mode}/int64", "div", [tn(NEG_AI, i64), tn(NEG_BI, i64)], {"rounding_mode": mode})
    case(f"div/{mode}/int32-scalar", "div", [tn(NEG_AI, i32), -3], {"rounding_mode": mode})
    case(f"div/{mode}/uint8", "div", [tn([7, 200, 3], u8), tn([2, 7, 5], u8)], {"rounding_mode": mode})
    case(f"div/{mode}/int/zero", "div", [tn([1, 2], i64), tn([1, 0], i64)], {"rounding_mode": mode}, error="ZeroDivisionError")

case("pow/float-int-scalar", "pow", [tn([-2.0, -0.5, 0.0, 1.5, 3.0, nan], f32), 2])
case("pow/float-neg-int-scalar", "pow", [tn([-2.0, -0.5, 0.0, 1.5, 3.0], f32), -3])
case("pow/float-float-scalar", "pow", [tn([-2.0, 0.0, 0.5, 1.5, 3.0, inf], f32), 0.5])
case("pow/float-tensor", "pow", [tn([-2.0, -2.0, 0.0, 0.0, 1.0, 2.0, nan, 4.0], f32), tn([2.0, 0.5, 0.0, -1.0, nan, 10.0, 0.0, -0.5], f32)])
case("pow/float64", "pow", [tn([1.0001, 2.0, 10.0], f64), tn([10000.0, 0.5, -3.0], f64)])
case("pow/int64-tensor", "pow", [tn([2, -3, 0, 5, 1], i64), tn([3, 3, 0, 2, 10], i64)])
case("pow/int32-scalar", "pow", [tn([2, -3, 0, 5], i32), 3])
case("pow/int-float-scalar", "pow", [tn([1, 4, 9], i64), 0.5])
case("pow/scalar-base", "pow", [2, tn([0, 1, 3, 10], i64)])
case("pow/scalar-float-base", "pow", [2.5, tn([0.0, 1.0, -1.0], f32)])
case("pow/int-neg", "pow", [tn([1, 2], i64), -1], error="Integers to negative integer powers are not allowed")
case("pow/float16", "pow", [tn([1.5, -2.0, 300.0], f16), 2])
case("pow/uint8", "pow", [tn([2, 3, 16], u8), 2])
case("pow/broadcast", "pow", [randn(2, 1).abs(), tn([1.0, 2.0, 3.0], f32)])

case("atan2", "atan2", [tn([1.0, -1.0, 0.0, -0.0, 1.0, inf, nan], f32), tn([1.0, 1.0, -1.0, -1.0, 0.0, inf, 1.0], f32)])
case("atan2/int", "atan2", [tn([1, -1, 0], i64), tn([1, 2, 3], i64)])
case("atan2/float64", "atan2", [randn(3, dtype=f64), randn(3, dtype=f64)])

for op in ["logical_and", "logical_or", "logical_xor"]:
    case(f"{op}/bool", op, [tn([True, True, False, False], b8), tn([True, False, True, False], b8)])
    case(f"{op}/float", op, [tn([1.5, 0.0, -0.0, nan], f32), tn([0.0, 2.0, 1.0, 1.0], f32)])
    case(f"{op}/int-float", op, [tn([1, 0, 3, 0], i64), tn([0.0, 0.0, 1.0, 2.0], f32)])
    case(f"{op}/broadcast", op, [tn([[True], [False]], b8), tn([True, False], b8)])
for op in ["bitwise_and", "bitwise_or", "bitwise_xor"]:
    case(f"{op}/int64", op, [tn([12, -1, 0, 255, -100], i64), tn([10, 5, 7, 15, 3], i64)])
    case(f"{op}/int32", op, [tn([12, -1, 0, 255, -100], i32), tn([10, 5, 7, 15, 3], i32)])
    case(f"{op}/uint8", op, [tn([12, 255, 0, 128], u8), tn([10, 5, 7, 255], u8)])
    case(f"{op}/bool", op, [tn([True, True, False, False], b8), tn([True, False, True, False], b8)])
    case(f"{op}/scalar", op, [tn([12, -1, 0], i64), 6])
    case(f"{op}/float", op, [tn([1.5], f32), tn([1.5], f32)])
case("bitwise_not/int64-neg", "bitwise_not", [tn([0, -1, 5, -100, 2 ** 40], i64)])

for op in ["eq", "ne", "lt", "le", "gt", "ge"]:
    case(f"{op}/nan-inf", op, [tn([nan, nan, inf, -inf, 0.0, -0.0], f32), tn([nan, 1.0, inf, inf, -0.0, 0.0], f32)])
    case(f"{op}/int-float", op, [tn([1, 2, 3], i64), tn([1.5, 2.0, 2.5], f32)])
    case(f"{op}/int-scalar-float", op, [tn([1, 2, 3], i64), 2.5])

case("maximum/nan", "maximum", [tn([nan, 1.0, -inf], f32), tn([1.0, nan, 0.0], f32)])
case("minimum/nan", "minimum", [tn([nan, 1.0, -inf], f32), tn([1.0, nan, 0.0], f32)])
case("add/broadcast-error", "add", [randn(2, 3), randn(2, 4)], error="The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1")
case("mul/broadcast-error-3d", "mul", [randn(2, 3, 4), randn(5, 1, 4)], error="The size of tensor a (2) must match the size of tensor b (5) at non-singleton dimension 0")

case("lerp/scalar", "lerp", [randn(4), randn(4), 0.25])
case("lerp/scalar-high", "lerp", [randn(4), randn(4), 0.75])
case("lerp/tensor", "lerp", [randn(2, 3), randn(2, 3), tn([0.0, 0.5, 1.0], f32)])
case("addcmul", "addcmul", [randn(3), randn(3), randn(3)], {"value": 0.5})
case("addcdiv", "addcdiv", [randn(3), randn(3), randn(3).abs() + 0.5], {"value": 2})
case("isclose", "isclose", [tn([1.0, 1.0, nan, inf, 1e-9], f32), tn([1.000001, 1.1, nan, inf, 0.0], f32)])
case("isclose/equal_nan", "isclose", [tn([1.0, nan], f32), tn([1.0, nan], f32)], {"equal_nan": True})
case("isclose/tolerances", "isclose", [tn([1.0, 2.0, 3.0], f64), tn([1.05, 2.3, 3.0], f64)], {"rtol": 0.1, "atol": 0.01})
case("equal/true", "equal", [tn([1.0, 2.0], f32), tn([1.0, 2.0], f32)])
case("equal/false", "equal", [tn([1.0, 2.0], f32), tn([1.0, 2.5], f32)])
case("equal/shape", "equal", [tn([1.0, 2.0], f32), tn([[1.0, 2.0]], f32)])
case("allclose", "allclose", [tn([1.0, 2.0], f32), tn([1.0000001, 2.0], f32)])
case("allclose/false", "allclose", [tn([1.0, 2.0], f32), tn([1.01, 2.0], f32)])

# in-place variants: result written into self (castable dtypes only)
case("add_/float", "add_", [randn(2, 3), randn(3)])
case("add_/int-scalar", "add_", [tn([1, 2], i64), 3])
case("add_/int-float", "add_", [tn([1, 2], i64), 0.5], error="result type Float can't be cast to the desired output type Long")
case("add_/broadcast-self", "add_", [randn(3), randn(2, 3)], error="doesn't match the broadcast shape")
case("mul_/int32-int64", "mul_", [tn([1, 2], i32), tn([3, 4], i64)])
case("sub_/alpha", "sub_", [randn(3), randn(3)], {"alpha": 2})
case("div_/float", "div_", [randn(3), tn([2.0, -4.0, 0.5], f32)])
case("div_/int", "div_", [tn([1, 2], i64), tn([3, 4], i64)], error="result type Float can't be cast to the desired output type Long")
case("pow_", "pow_", [tn([1.5, 2.0], f32), 2])
case("clamp_", "clamp_", [randn(5)], {"min": -0.5, "max": 0.5})
case("neg_", "neg_", [randn(3)])
case("exp_/int", "exp_", [tn([1, 2], i64)], error="result type Float can't be cast to the desired output type Long")
case("sqrt_", "sqrt_", [tn([4.0, 2.0], f64)])
case("floor_divide_", "floor_divide_", [tn([7, -7], i64), 2])
case("remainder_", "remainder_", [tn([7.5, -7.5], f32), 2])
case("fill_", "fill_", [randn(2, 2), 1.5])
case("fill_/int-trunc", "fill_", [tn([1, 2], i64), 2.75])
case("zero_", "zero_", [randn(2, 2)])
case("copy_/broadcast-cast", "copy_", [torch.zeros(2, 3, dtype=f64), tn([1, 2, 3], i32)])
case("masked_fill_", "masked_fill_", [randn(2, 3), tn([[True, False, True], [False, False, True]], b8), -1.5])

# ------------------------------------------------------------------ where / clamp
cond = tn([[True, False, True], [False, True, False]], b8)
case("where/same", "where", [cond, randn(2, 3), randn(2, 3)])
case("where/broadcast", "where", [tn([True, False, True], b8), randn(2, 1), randn(2, 3)])
case("where/scalars", "where", [cond, 1.5, -2.5])
case("where/scalar-int-tensor-float", "where", [cond, 1, randn(2, 3)])
case("where/int-scalar-int64", "where", [cond, tn([[1, 2, 3]], i64), 0])
case("where/promote", "where", [cond, tn([1, 2, 3], i32), randn(2, 3, dtype=f64)])
case("where/float16-int", "where", [cond, tn([1, 2, 3], i64), tn([0.5, 1.5, 2.5], f16)])
case("where/non-bool", "where", [randn(3), randn(3), randn(3)], error="where expected condition to be a boolean tensor, but got a tensor with dtype Float")
x = tn([-3.5, -1.0, -0.5, 0.0, 0.5, 1.0, 3.5, nan, inf, -inf], f32)
case("clamp/both", "clamp", [x], {"min": -1, "max": 1})
case("clamp/float-bounds", "clamp", [x], {"min": -0.75, "max": 0.25})
case("clamp/min-only", "clamp", [x], {"min": -0.75})
case("clamp/max-only", "clamp", [x], {"max": 0.75})
case("clamp/min>max", "clamp", [x], {"min": 2, "max": 1})
case("clamp/tensors", "clamp", [randn(2, 3)], {"min": randn(3) - 1, "max": randn(2, 1) + 1})
case("clamp/tensor-min", "clamp", [randn(2, 3)], {"min": randn(3)})
case("clamp/int", "clamp", [tn([-5, 0, 5, 10], i64)], {"min": 0, "max": 6})
case("clamp/int-float-bound", "clamp", [tn([-5, 0, 5, 10], i64)], {"min": 0.5})
case("clamp/uint8", "clamp", [tn([0, 5, 200], u8)], {"min": 3, "max": 100})
case("clamp/positional", "clamp", [x, -0.5, 0.5])
case("clamp/none", "clamp", [x], error="At least one of 'min' or 'max' must not be None")
case("clip", "clip", [x], {"min": -0.5, "max": 0.5})

# ------------------------------------------------------------------ reductions
X234 = randn(2, 3, 4)
XI = randint(-5, 6, (2, 3, 4))
XNAN = tn([[1.0, nan, 3.0], [4.0, 5.0, 6.0]], f32)
XB = tn([[True, False, True], [True, True, True]], b8)
for op in ["sum", "mean", "prod", "amax", "amin", "nansum", "nanmean", "logsumexp", "all", "any"]:
    needs_dim = op == "logsumexp"
    if not needs_dim:
        case(f"{op}/all", op, [X234])
    case(f"{op}/dim1", op, [X234, 1])
    case(f"{op}/dim-neg", op, [X234, -1])
    case(f"{op}/keepdim", op, [X234, 1], {"keepdim": True})
    if op not in ("prod", "all", "any"):  # PyTorch 1.13 takes one int dim for these
        case(f"{op}/dims-list", op, [X234, [0, 2]])
        case(f"{op}/dims-list-neg-keepdim", op, [X234, [-1, 0]], {"keepdim": True})
    case(f"{op}/transposed", op, [NC(randn(3, 4)), 0])
    case(f"{op}/nan", op, [XNAN, 1])
    if op not in ("mean", "nanmean", "logsumexp"):
        case(f"{op}/int64", op, [XI, 1])
        case(f"{op}/bool", op, [XB, 0])
        case(f"{op}/uint8", op, [tn([[200, 100], [3, 4]], u8), 0])
    case(f"{op}/float16", op, [tn([[1.5, 2.5, 1000.0], [0.1, 0.2, -3.0]], f16), 1])
    case(f"{op}/bfloat16", op, [tn([[1.5, 2.5, 1000.0], [0.1, 0.2, -3.0]], bf16), 1])
    case(f"{op}/float64", op, [randn(3, 5, dtype=f64), 1])
    case(f"{op}/0d", op, [tn(2.5, f32), 0] if op != "logsumexp" else [tn(2.5, f32), 0])
    case(f"{op}/dim-out-of-range", op, [X234, 3], error="Dimension out of range (expected to be in range of [-3, 2], but got 3)")
case("sum/dtype", "sum", [XI, 1], {"dtype": f64})
case("sum/int32", "sum", [tn([1, 2, 3], i32)])
case("sum/float16-accumulate", "sum", [torch.full((100,), 0.1, dtype=f16)])
case("sum/empty", "sum", [torch.zeros(0, 3), 0])
case("sum/keepdim-all", "sum", [X234, [0, 1, 2]], {"keepdim": True})
case("mean/dtype", "mean", [X234, 1], {"dtype": f64})
case("mean/int", "mean", [XI], error="mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long")
case("mean/empty", "mean", [torch.zeros(0)])
case("prod/dtype", "prod", [XI, 2], {"dtype": f32})
case("prod/zeros", "prod", [tn([[0.0, 2.0], [inf, 0.0]], f32), 1])
case("logsumexp/inf", "logsumexp", [tn([[-inf, -inf], [inf, 1.0], [1000.0, 1000.0]], f32), 1])
case("logsumexp/int", "logsumexp", [tn([[1, 2], [3, 4]], i64), 1])
case("nansum/all-nan", "nansum", [tn([nan, nan], f32)])
case("nanmean/all-nan-row", "nanmean", [tn([[nan, nan], [1.0, 2.0]], f32), 1])
case("amax/empty-other-dim", "amax", [torch.zeros(0, 2), 1])
case("amax/empty-error", "amax", [torch.zeros(2, 0), 1], error="amax(): Expected reduction dim 1 to have non-zero size")
case("all/float", "all", [tn([[1.0, 0.0], [nan, 2.0]], f32), 1])
case("any/float", "any", [tn([[0.0, 0.0], [nan, 0.0]], f32), 1])
case("all/empty", "all", [torch.zeros(0)])
case("any/empty", "any", [torch.zeros(0)])

for op in ["max", "min"]:
    case(f"{op}/all", op, [X234])
    case(f"{op}/dim", op, [X234, 1])
    case(f"{op}/dim-keepdim", op, [X234, -1], {"keepdim": True})
    case(f"{op}/ties", op, [tn([[1.0, 3.0, 3.0, 1.0], [2.0, 2.0, 0.0, 0.0]], f32), 1])
    case(f"{op}/nan", op, [XNAN, 1])
    case(f"{op}/nan-all", op, [XNAN])
    case(f"{op}/int64", op, [XI, 0])
    case(f"{op}/bool", op, [XB, 1])
    case(f"{op}/uint8", op, [tn([[200, 100], [3, 4]], u8)])
    case(f"{op}/float16", op, [tn([[1.5, -2.5], [65504.0, -inf]], f16), 0])
    case(f"{op}/binary", op, [tn([1.0, nan, 3.0], f32), tn([2.0, 2.0, nan], f32)])
    case(f"{op}/0d", op, [tn(1.5, f32), 0])
    case(f"{op}/empty", op, [torch.zeros(0)], error=f"{op}(): Expected reduction dim to be specified for input.numel() == 0")
    case(f"{op}/transposed", op, [NC(randn(3, 4)), 1])
for op in ["argmax", "argmin"]:
    case(f"{op}/all", op, [X234])
    case(f"{op}/dim", op, [X234, 1])
    case(f"{op}/keepdim", op, [X234, 2], {"keepdim": True})
    case(f"{op}/keepdim-all", op, [X234], {"keepdim": True})
    case(f"{op}/ties", op, [tn([[1.0, 3.0, 3.0, 1.0], [2.0, 2.0, 0.0, 0.0]], f32), 1])
    case(f"{op}/nan", op, [tn([[1.0, nan, 3.0, nan], [4.0, 5.0, 6.0, 0.0]], f32), 1])
    case(f"{op}/int64", op, [XI, 0])
    case(f"{op}/uint8", op, [tn([[200, 100], [3, 4]], u8), 1])
    case(f"{op}/transposed", op, [NC(randn(3, 4)), 0])
    case(f"{op}/empty", op, [torch.zeros(0)], error=f"{op}(): Expected reduction dim to be specified for input.numel() == 0")

for op in ["var", "std"]:
    case(f"{op}/all", op, [X234])
    case(f"{op}/all-biased", op, [X234], {"unbiased": False})
    case(f"{op}/dim", op, [X234, 1])
    case(f"{op}/dim-biased-keepdim", op, [X234, 1], {"unbiased": False, "keepdim": True})
    case(f"{op}/dims-list", op, [X234, [0, 2]])
    case(f"{op}/correction", op, [X234, [1]], {"correction": 2})
    case(f"{op}/single", op, [tn([1.5], f32)])
    case(f"{op}/float64", op, [randn(4, 5, dtype=f64), 0])
    case(f"{op}/float16", op, [tn([1.5, 2.5, 100.0], f16)])
    case(f"{op}/nan", op, [XNAN, 1])
    case(f"{op}/int", op, [XI], error="std and var only support floating point and complex dtypes")
    case(f"{op}/transposed", op, [NC(randn(3, 4)), 1])

XN = tn([[1.0, -2.0, 0.0, 3.5], [0.0, 0.0, -4.0, 0.5], [2.5, 1.0, -1.0, 0.0]], f32)
for p in [1, 2, inf, -inf, 0, 3, 0.5, "fro"]:
    pn = {inf: "inf", -inf: "-inf"}.get(p, str(p))
    case(f"norm/p={pn}", "norm", [XN], {"p": p})
    case(f"norm/p={pn}/dim1", "norm", [XN], {"p": p, "dim": 1})
    if p != "fro":
        case(f"norm/p={pn}/dim0-keepdim", "norm", [XN], {"p": p, "dim": 0, "keepdim": True})
case("norm/default", "norm", [XN])
case("norm/fro-dims", "norm", [X234], {"p": "fro", "dim": [0, 2]})
case("norm/float64", "norm", [randn(3, 4, dtype=f64)], {"p": 2, "dim": 1})
case("norm/positional", "norm", [XN, 1, 1])
case("norm/int", "norm", [XI], error="input dtype should be either floating point or complex. Got Long instead.")

for op in ["cumsum", "cumprod"]:
    case(f"{op}/dim0", op, [randn(3, 4), 0])
    case(f"{op}/dim-neg", op, [randn(3, 4), -1])
    case(f"{op}/int64", op, [randint(-3, 4, (2, 5)), 1])
    case(f"{op}/int32", op, [tn([1, 2, 3, -4], i32), 0])
    case(f"{op}/uint8", op, [tn([100, 100, 100], u8), 0])
    case(f"{op}/bool", op, [tn([True, True, False, True], b8), 0])
    case(f"{op}/dtype", op, [tn([1, 2, 3], i64), 0], {"dtype": f64})
    case(f"{op}/nan-inf", op, [tn([1.0, nan, 2.0, inf, -inf], f32), 0])
    case(f"{op}/float16", op, [tn([1.5, 2.5, 3.5, 100.0], f16), 0])
    case(f"{op}/transposed", op, [NC(randn(3, 4)), 1])
    case(f"{op}/0d", op, [tn(2.5, f32), 0])
    case(f"{op}/dim-out-of-range", op, [randn(3, 4), 2], error="Dimension out of range (expected to be in range of [-2, 1], but got 2)")
case("count_nonzero/all", "count_nonzero", [tn([[0.0, 1.0, nan], [-0.0, 2.0, 0.0]], f32)])
case("count_nonzero/dim", "count_nonzero", [tn([[0, 1, 3], [0, 0, 5]], i64), 1])
case("count_nonzero/dims", "count_nonzero", [X234.round(), [0, 2]])
case("count_nonzero/bool", "count_nonzero", [XB, 0])

# ------------------------------------------------------------------ linear algebra
A23, B34 = randn(2, 3), randn(3, 4)
case("matmul/1d-1d", "matmul", [randn(3), randn(3)])
case("matmul/2d-2d", "matmul", [A23, B34])
case("matmul/1d-2d", "matmul", [randn(3), B34])
case("matmul/2d-1d", "matmul", [A23, randn(3)])
case("matmul/batched", "matmul", [randn(2, 2, 3), randn(2, 3, 4)])
case("matmul/broadcast-batch", "matmul", [randn(2, 1, 2, 3), randn(3, 3, 4)])
case("matmul/batched-1d", "matmul", [randn(2, 2, 3), randn(3)])
case("matmul/1d-batched", "matmul", [randn(3), randn(2, 3, 4)])
case("matmul/transposed-a", "matmul", [NC(randn(2, 3)), B34])
case("matmul/transposed-both", "matmul", [NC(randn(2, 3)), NC(randn(3, 4))])
case("matmul/transposed-batched", "matmul", [NC(randn(2, 2, 3), [0, 2, 1]), NC(randn(2, 3, 4), [2, 0, 1])])
case("matmul/int64", "matmul", [randint(-5, 5, (2, 3)), randint(-5, 5, (3, 2))])
case("matmul/int32", "matmul", [randint(-5, 5, (2, 3), i32), randint(-5, 5, (3, 2), i32)])
case("matmul/float64", "matmul", [randn(3, 5, dtype=f64), randn(5, 2, dtype=f64)])
case("matmul/float16", "matmul", [randn(2, 8).half(), randn(8, 3).half()], opmath=True)
case("matmul/bfloat16", "matmul", [randn(2, 8).bfloat16(), randn(8, 3).bfloat16()], opmath=True)
case("matmul/k=0", "matmul", [torch.zeros(2, 0), torch.zeros(0, 3)])
case("matmul/nan-inf", "matmul", [tn([[1.0, nan], [inf, 1.0]], f32), tn([[1.0, 0.0], [0.0, 1.0]], f32)])
case("matmul/shape-error", "matmul", [randn(2, 3), randn(4, 5)], error="mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)")
case("matmul/batched-shape-error", "matmul", [randn(2, 2, 3), randn(2, 4, 5)], error="Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4].")
case("matmul/0d-error", "matmul", [tn(1.5, f32), randn(3)], error="both arguments to matmul need to be at least 1D, but they are 0D and 1D")
case("matmul/batched-broadcast-shape-error", "matmul", [randn(2, 1, 2, 3), randn(3, 4, 5)], error="Expected size for first two dimensions of batch2 tensor to be: [6, 3] but got: [6, 4].")
case("matmul/2d-batched-shape-error", "matmul", [randn(2, 3), randn(2, 4, 5)], error="shapes cannot be multiplied")
case("matmul/dtype-error", "matmul", [randn(2, 3), randn(3, 2, dtype=f64)], error="expected scalar type Float but found Double")
case("mm", "mm", [A23, B34])
case("mm/transposed", "mm", [NC(randn(2, 3)), NC(randn(3, 4))])
case("mm/shape-error", "mm", [randn(2, 3), randn(4, 5)], error="mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)")
case("mm/not-matrix", "mm", [randn(3), randn(3, 2)], error="self must be a matrix")
case("bmm", "bmm", [randn(3, 2, 4), randn(3, 4, 2)])
case("bmm/transposed", "bmm", [NC(randn(3, 2, 4), [0, 2, 1]), randn(3, 4, 2)])
case("bmm/batch-error", "bmm", [randn(3, 2, 4), randn(2, 4, 2)], error="Expected size for first two dimensions of batch2 tensor to be: [3, 4] but got: [2, 4].")
case("bmm/not-3d", "bmm", [randn(2, 4), randn(4, 2)], error="batch1 must be a 3D tensor")
case("mv", "mv", [A23, randn(3)])
case("mv/transposed", "mv", [NC(randn(2, 3)), randn(3)])
case("mv/size-error", "mv", [A23, randn(4)], error="size mismatch")
case("dot", "dot", [randn(5), randn(5)])
case("dot/int", "dot", [tn([1, 2, 3], i64), tn([4, -5, 6], i64)])
case("dot/size-error", "dot", [randn(3), randn(4)], error="inconsistent tensor size")
case("dot/dtype-error", "dot", [randn(3), randn(3, dtype=f64)], error="dot : expected both vectors to have same dtype, but found Float and Double")
case("outer", "outer", [randn(3), randn(4)])
case("outer/int-float", "outer", [tn([1, 2], i64), tn([0.5, 1.5], f32)])
case("addmm", "addmm", [randn(2, 4), A23, B34])
case("addmm/beta-alpha", "addmm", [randn(2, 4), A23, B34], {"beta": 0.5, "alpha": 2})
case("addmm/broadcast-input", "addmm", [randn(4), A23, B34], {"alpha": 0.5})
case("addmm/beta0-nan", "addmm", [torch.full((2, 4), nan), A23, B34], {"beta": 0})

# ------------------------------------------------------------------ softmax
XS = randn(2, 3, 4) * 3
for op in ["softmax", "log_softmax"]:
    for d in [0, 1, 2, -1]:
        case(f"{op}/dim{d}", op, [XS, d])
    case(f"{op}/large", op, [tn([[1000.0, 1001.0, 999.0], [-1000.0, -1001.0, -999.0]], f32), 1])
    case(f"{op}/inf", op, [tn([[-inf, 0.0, 1.0], [-inf, -inf, 2.0]], f32), 1])
    case(f"{op}/dtype", op, [XS, 1], {"dtype": f64})
    case(f"{op}/float64", op, [randn(3, 5, dtype=f64), 1])
    case(f"{op}/float16", op, [tn([[1.5, 2.5, -3.0]], f16), 1])
    case(f"{op}/transposed", op, [NC(randn(3, 4)), 1])
    case(f"{op}/0d", op, [tn(2.5, f32), 0])
    case(f"{op}/int", op, [tn([1, 2], i64), 0], error="not implemented for 'Long'")

# ------------------------------------------------------------------ views
X = torch.arange(24, dtype=f32).reshape(2, 3, 4)
case("view/-1", "view", [X, [6, -1]])
case("view/varargs", "view", [X, 4, 6])
case("view/0d", "view", [tn([1.5], f32), []])
case("view/incompatible", "view", [NC(randn(3, 4)), [12]], error="view size is not compatible with input tensor's size and stride")
case("view/bad-size", "view", [X, [5, -1]], error="shape '[5, -1]' is invalid for input of size 24")
case("view/two-inferred", "view", [X, [-1, -1]], error="only one dimension can be inferred")
case("reshape/-1", "reshape", [X, [-1, 4]])
case("reshape/transposed", "reshape", [NC(randn(3, 4)), [12]])
case("reshape/bad-size", "reshape", [X, [7, 3]], error="shape '[7, 3]' is invalid for input of size 24")
case("permute", "permute", [X, [2, 0, 1]])
case("permute/neg", "permute", [X, [-1, -3, -2]])
case("permute/wrong-len", "permute", [X, [0, 1]], error="number of dimensions in the tensor input does not match the length of the desired ordering of dimensions")
case("permute/dup", "permute", [X, [0, 1, 1]], error="permute(): duplicate dims are not allowed.")
case("transpose", "transpose", [X, 0, 2])
case("transpose/neg", "transpose", [X, -1, 1])
case("transpose/out-of-range", "transpose", [X, 0, 3], error="Dimension out of range (expected to be in range of [-3, 2], but got 3)")
case("swapaxes", "swapaxes", [X, 0, 1])
case("t/2d", "t", [randn(2, 3)])
case("t/1d", "t", [randn(3)])
case("t/3d", "t", [X], error="t() expects a tensor with <= 2 dimensions, but self is 3D")
case("expand", "expand", [randn(3, 1), [3, 4]])
case("expand/-1-new-dim", "expand", [randn(3, 1), [2, -1, 4]])
case("expand/varargs", "expand", [randn(1), 3])
case("expand/error", "expand", [randn(3), [2, 4]], error="The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [3]")
case("squeeze/all", "squeeze", [randn(1, 3, 1, 2)])
case("squeeze/dim", "squeeze", [randn(1, 3, 1, 2), 2])
case("squeeze/dim-not-1", "squeeze", [randn(1, 3, 1, 2), 1])
case("squeeze/neg", "squeeze", [randn(1, 3, 1, 2), -2])
case("unsqueeze/0", "unsqueeze", [randn(2, 3), 0])
case("unsqueeze/end", "unsqueeze", [randn(2, 3), 2])
case("unsqueeze/neg", "unsqueeze", [randn(2, 3), -1])
case("unsqueeze/out-of-range", "unsqueeze", [randn(2, 3), 3], error="Dimension out of range (expected to be in range of [-3, 2], but got 3)")
case("flatten/all", "flatten", [X])
case("flatten/range", "flatten", [X, 1, 2])
case("flatten/kw", "flatten", [X], {"start_dim": 0, "end_dim": 1})
case("flatten/0d", "flatten", [tn(1.5, f32)])
case("flatten/transposed", "flatten", [NC(randn(3, 4))])
case("unflatten", "unflatten", [X, 2, [2, 2]])
case("unflatten/-1", "unflatten", [X, -1, [2, -1]])
case("unflatten/error", "unflatten", [X, 1, [2, 2]], error="unflatten: Provided sizes [2, 2] don't multiply up to the size of dim 1 (3) in the input tensor")
case("narrow", "narrow", [X, 2, 1, 2])
case("narrow/neg-start", "narrow", [X, 1, -2, 2])
case("narrow/error", "narrow", [X, 2, 2, 3], error="start (2) + length (3) exceeds dimension size (4).")
case("select", "select", [X, 1, 2])
case("select/neg", "select", [X, -1, -1])
case("select/error", "select", [X, 1, 3], error="index 3 out of range for tensor of size [2, 3, 4] at dimension 1")
case("movedim", "movedim", [X, 0, 2])
case("movedim/list", "movedim", [X, [0, 1], [2, 0]])
case("unfold", "unfold", [torch.arange(7, dtype=f32), 0, 3, 2])
case("unfold/2d", "unfold", [X[0], 1, 2, 1])
case("unfold/error", "unfold", [torch.arange(3, dtype=f32), 0, 4, 1], error="maximum size for tensor at dimension 0 is 3 but size is 4")
case("contiguous", "contiguous", [NC(randn(3, 4))])
case("clone", "clone", [NC(randn(3, 4))])
case("detach", "detach", [randn(3)])

# ------------------------------------------------------------------ indexing
S = slice
E = Ellipsis
X = torch.arange(24, dtype=f32).reshape(2, 3, 4)
case("getitem/int", "getitem", [X, [1]])
case("getitem/neg-int", "getitem", [X, [-1, -2]])
case("getitem/ints-scalar", "getitem", [X, [1, 2, 3]])
case("getitem/slice", "getitem", [X, [S(None), S(1, 3)]])
case("getitem/slice-step", "getitem", [X, [S(None), S(None), S(None, None, 2)]])
case("getitem/slice-neg", "getitem", [X, [S(None), S(-2, None)]])
case("getitem/slice-neg-stop", "getitem", [X, [S(None), S(None), S(1, -1)]])
case("getitem/slice-out-of-range", "getitem", [X, [S(1, 100)]])
case("getitem/slice-empty", "getitem", [X, [S(None), S(2, 1)]])
case("getitem/ellipsis", "getitem", [X, [E, 0]])
case("getitem/ellipsis-middle", "getitem", [X, [0, E, 1]])
case("getitem/none", "getitem", [X, [None, S(None), 1]])
case("getitem/none-end", "getitem", [X, [E, None]])
case("getitem/int-tensor", "getitem", [X, [tn([1, 0, 1], i64)]])
case("getitem/int-tensor-neg", "getitem", [X, [S(None), tn([-1, 0], i64)]])
case("getitem/int-tensor-2d", "getitem", [X, [S(None), S(None), tn([[0, 3], [1, 2]], i64)]])
case("getitem/two-tensors-broadcast", "getitem", [X, [tn([[0], [1]], i64), tn([0, 2], i64)]])
case("getitem/tensors-adjacent", "getitem", [X, [S(None), tn([0, 2], i64), tn([1, 3], i64)]])
case("getitem/tensors-separated", "getitem", [X, [tn([0, 1], i64), S(None), tn([1, 3], i64)]])
case("getitem/int-and-tensor", "getitem", [X, [1, S(None), tn([0, 3], i64)]])
case("getitem/bool-mask", "getitem", [X, [X > 10]])
case("getitem/bool-mask-dim0", "getitem", [X, [tn([False, True], b8)]])
case("getitem/bool-mask-dim1", "getitem", [X, [S(None), tn([True, False, True], b8)]])
# PyTorch 1.13 refuses int32 index tensors ("tensors used as indices must be long, byte or bool tensors");
# PyTorch 2 and @x accept them, with int64's meaning: the expected output is computed with the int64 index.
case("getitem/int32-index", "getitem", [X, [tn([1, 0], i32)]], int32_index=True)
case("getitem/transposed", "getitem", [NC(randn(3, 4)), [S(1, None), tn([0, 2], i64)]])
case("getitem/out-of-bounds", "getitem", [X, [2]], error="index 2 is out of bounds for dimension 0 with size 2")
case("getitem/tensor-out-of-bounds", "getitem", [X, [S(None), tn([0, 3], i64)]], error="index 3 is out of bounds for dimension")
case("getitem/too-many", "getitem", [X, [0, 0, 0, 0]], error="too many indices for tensor of dimension 3")
case("getitem/neg-step", "getitem", [X, [S(None, None, -1)]], error="step must be greater than zero")
case("getitem/mask-shape", "getitem", [X, [tn([True, False, True], b8)]], error="The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [2, 3, 4] at index 0")
case("setitem/int-scalar", "setitem", [X, [1], 5.5])
case("setitem/slice-tensor", "setitem", [X, [S(None), 0], tn([-1.0, -2.0, -3.0, -4.0], f32)])
case("setitem/step", "setitem", [X, [E, S(None, None, 2)], 0])
case("setitem/mask", "setitem", [X, [X > 15], -1.5])
case("setitem/int-tensor", "setitem", [X, [S(None), tn([2, 0], i64)], tn([[1.5], [2.5]], f32)])
case("setitem/cast", "setitem", [tn([1, 2, 3], i64), [tn([0, 2], i64)], tn([7.9, -7.9], f32)], error="Index put requires the source and destination dtypes match, got Long for the destination and Float for the source.")
case("setitem/slice-cast", "setitem", [tn([1, 2, 3], i64), [S(0, 2)], tn([7.9, -7.9], f32)])
case("index_put_/set", "index_put_", [torch.zeros(5), [tn([0, 2, 4], i64)], tn([1.5, 2.5, 3.5], f32)])
case("index_put_/accumulate-dups", "index_put_", [torch.zeros(5), [tn([0, 2, 0, 0], i64)], tn([1.5, 2.5, 3.5, 1.0], f32), True])
case("index_put_/2d-accumulate", "index_put_", [torch.ones(3, 3), [tn([0, 2, 0], i64), tn([1, 1, 1], i64)], tn(2.5, f32), True])
case("index_put_/row-broadcast", "index_put_", [torch.zeros(3, 2), [tn([2, 0], i64)], tn([1.5, -1.5], f32)])
case("index_put_/bool", "index_put_", [torch.zeros(2, 2), [tn([[True, False], [False, True]], b8)], tn(7.5, f32)])
case("index_put_/int64", "index_put_", [torch.zeros(4, dtype=i64), [tn([1, 1, 3], i64)], tn([5, 6, 7], i64), True])

# ------------------------------------------------------------------ joining, gathering, moving
A, B = randn(2, 3), randn(2, 3)
case("cat/dim0", "cat", [[A, B]])
case("cat/dim1", "cat", [[A, randn(2, 2)], 1])
case("cat/neg-dim", "cat", [[A, B, A], -1])
case("cat/promote", "cat", [[tn([1, 2], i64), tn([1.5], f32)]])
case("cat/promote-int", "cat", [[tn([1, 2], i32), tn([3], i64), tn([True], b8)]])
case("cat/empty-1d-skipped", "cat", [[A, torch.zeros(0)], 0])
case("cat/transposed", "cat", [[NC(randn(3, 2)), randn(3, 2)], 1])
case("cat/size-error", "cat", [[randn(2, 3), randn(2, 4)]], error="Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.")
case("cat/empty-list", "cat", [[]], error="expected a non-empty list of Tensors")
case("cat/dim-error", "cat", [[A, B], 2], error="Dimension out of range (expected to be in range of [-2, 1], but got 2)")
case("concat", "concat", [[A, B], 1])
case("stack/dim0", "stack", [[A, B]])
case("stack/dim-last", "stack", [[A, B], 2])
case("stack/neg", "stack", [[A, B, A], -2])
case("stack/promote", "stack", [[tn([1, 2], i64), tn([1.5, 2.5], f32)]])
case("stack/size-error", "stack", [[randn(2), randn(3)]], error="stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1")
Y = torch.arange(10, dtype=f32).reshape(5, 2)
case("split/int", "split", [Y, 2])
case("split/sections", "split", [Y, [1, 4]])
case("split/dim1", "split", [Y, 1, 1])
case("split/kw-dim", "split", [Y.t(), 2], {"dim": 1})
case("split/sections-error", "split", [Y, [1, 2]], error="split_with_sizes expects split_sizes to sum exactly to 5 (input tensor's size at dimension 0), but got split_sizes=[1, 2]")
case("chunk/even", "chunk", [Y, 5])
case("chunk/uneven", "chunk", [Y, 3])
case("chunk/more-than-size", "chunk", [torch.arange(3, dtype=f32), 5])
case("chunk/dim1", "chunk", [Y, 2, 1])
case("chunk/6of5", "chunk", [torch.arange(6, dtype=f32), 4])
case("chunk/zero", "chunk", [Y, 0], error="chunk expects `chunks` to be greater than 0, got: 0")
case("unbind", "unbind", [Y])
case("unbind/dim1", "unbind", [Y, 1])
G = randn(3, 4)
case("gather/dim1", "gather", [G, 1, tn([[0, 3], [1, 1], [2, 0]], i64)])
case("gather/dim0", "gather", [G, 0, tn([[0, 1, 2, 0]], i64)])
case("gather/neg-dim", "gather", [G, -1, tn([[3], [2], [1]], i64)])
case("gather/transposed", "gather", [NC(randn(4, 3)), 1, tn([[0, 0], [1, 2], [2, 1]], i64)])
case("gather/out-of-bounds", "gather", [G, 1, tn([[4]], i64)], error="index 4 is out of bounds for dimension 1 with size 4")
case("gather/index-dtype", "gather", [G, 1, tn([[0]], i32)], error="gather(): Expected dtype int64 for index")
case("scatter/src", "scatter", [torch.zeros(3, 4), 1, tn([[0, 3], [1, 1], [2, 0]], i64), randn(3, 2)])
case("scatter/value", "scatter", [torch.zeros(3, 4), 0, tn([[0, 1, 2, 0]], i64), 1.5])
case("scatter/reduce-add", "scatter", [torch.ones(3, 4), 1, tn([[0, 0], [1, 1], [2, 3]], i64), randn(3, 2)], {"reduce": "add"})
case("scatter/reduce-multiply", "scatter", [torch.full((3, 4), 2.0 + 0.5), 1, tn([[0, 0], [1, 1], [2, 3]], i64), randn(3, 2)], {"reduce": "multiply"})
case("scatter/int64", "scatter", [torch.zeros(2, 3, dtype=i64), 1, tn([[2], [0]], i64), tn([[7], [8]], i64)])
case("scatter/out-of-bounds", "scatter", [torch.zeros(3, 4), 1, tn([[4]], i64), randn(1, 1)], error="index 4 is out of bounds for dimension 1 with size 4")
case("scatter_add", "scatter_add", [torch.zeros(3, 4), 1, tn([[0, 0, 3], [1, 1, 1], [2, 3, 2]], i64), randn(3, 3)])
case("scatter_add/dim0", "scatter_add", [torch.ones(2, 3), 0, tn([[1, 0, 1], [1, 1, 0]], i64), randn(2, 3)])
case("scatter_add_", "scatter_add_", [torch.zeros(4), 0, tn([0, 1, 0, 3, 0], i64), tn([1.5, 2.5, 3.5, 4.5, 5.5], f32)])
case("scatter_", "scatter_", [torch.zeros(4), 0, tn([2, 0], i64), tn([1.5, 2.5], f32)])
case("index_select/dim0", "index_select", [G, 0, tn([2, 0, 2], i64)])
case("index_select/dim1", "index_select", [G, 1, tn([3, 1], i64)])
case("index_select/int32-index", "index_select", [G, 1, tn([3, 1], i32)])
case("index_select/transposed", "index_select", [NC(randn(4, 3)), 1, tn([2, 0], i64)])
case("index_select/error", "index_select", [G, 0, tn([5], i64)], error="index out of range in self")
case("take", "take", [G, tn([[0, 11], [5, -1]], i64)])
case("take/transposed", "take", [NC(randn(4, 3)), tn([0, 1, 2, 5], i64)])
case("take/error", "take", [G, tn([12], i64)], error="out of range")
M = tn([[True, False, True, False], [False, False, True, True], [True, True, True, True]], b8)
case("masked_fill/scalar", "masked_fill", [G, M, -1.5])
case("masked_fill/broadcast-mask", "masked_fill", [G, tn([True, False, False, True], b8), 0])
case("masked_fill/int-value-float-tensor", "masked_fill", [G, M, 3])
case("masked_fill/float-value-int-tensor", "masked_fill", [tn([1, 2, 3], i64), tn([True, False, True], b8), 2.5])
case("masked_fill/0d-tensor", "masked_fill", [G, M, tn(9.5, f32)])
case("masked_fill/nan", "masked_fill", [G, M, nan])
case("masked_select", "masked_select", [G, M])
case("masked_select/broadcast", "masked_select", [G, tn([True, False, False, True], b8)])
case("masked_select/int", "masked_select", [tn([[1, 2], [3, 4]], i64), tn([[True, False], [False, True]], b8)])
case("nonzero/2d", "nonzero", [tn([[0.0, 1.0, 0.0], [nan, 0.0, -0.0]], f32)])
case("nonzero/1d-int", "nonzero", [tn([0, 3, 0, -1], i64)])
case("nonzero/bool-3d", "nonzero", [X > 20])
case("nonzero/none", "nonzero", [torch.zeros(2, 2)])
case("nonzero/0d", "nonzero", [tn(1.5, f32)])
case("repeat", "repeat", [tn([[1, 2], [3, 4]], i64), 2, 3])
case("repeat/more-dims", "repeat", [tn([1.5, 2.5], f32), [2, 1, 2]])
case("repeat/error", "repeat", [randn(2, 2), [2]], error="Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")
case("tile", "tile", [tn([[1, 2], [3, 4]], i64), [2]])
case("tile/more-dims", "tile", [tn([1.5, 2.5], f32), [2, 2]])
case("repeat_interleave/int", "repeat_interleave", [tn([[1, 2], [3, 4]], i64), 2])
case("repeat_interleave/dim", "repeat_interleave", [tn([[1, 2], [3, 4]], i64), 3, 1])
case("repeat_interleave/dim0", "repeat_interleave", [randn(2, 3), 2], {"dim": 0})
case("flip/one", "flip", [X, [0]])
case("flip/two", "flip", [X, [0, 2]])
case("flip/neg", "flip", [X, [-1]])
case("flip/transposed", "flip", [NC(randn(3, 4)), [1]])
case("roll/flat", "roll", [torch.arange(10, dtype=f32).reshape(2, 5), 3])
case("roll/dim", "roll", [torch.arange(10, dtype=f32).reshape(2, 5), 2, 1])
case("roll/neg", "roll", [torch.arange(10, dtype=f32).reshape(2, 5), -1, 1])
case("roll/multi", "roll", [torch.arange(10, dtype=f32).reshape(2, 5), [1, -7], [0, 1]])
case("roll/large", "roll", [torch.arange(5, dtype=i64), 12])
T44 = randn(4, 4)
for op in ["triu", "tril"]:
    case(f"{op}", op, [T44])
    case(f"{op}/k=1", op, [T44, 1])
    case(f"{op}/k=-2", op, [T44, -2])
    case(f"{op}/rect", op, [randn(3, 5), 1])
    case(f"{op}/batched", op, [randn(2, 3, 3)])
    case(f"{op}/int", op, [randint(1, 9, (3, 3))])
    case(f"{op}/1d", op, [randn(3)], error="Dimension out of range (expected to be in range of [-1, 0], but got -2)")
case("diag/vector", "diag", [tn([1.5, 2.5, 3.5], f32)])
case("diag/vector-k", "diag", [tn([1, 2], i64), 1])
case("diag/vector-neg-k", "diag", [tn([1.5, 2.5], f32), -2])
case("diag/matrix", "diag", [T44])
case("diag/matrix-k", "diag", [randn(3, 5), 2])
case("diag/matrix-neg-k", "diag", [randn(3, 5), -1])
case("diag/3d", "diag", [X], error="matrix or a vector expected")

P3 = torch.arange(1 * 2 * 5, dtype=f32).reshape(1, 2, 5)
P4 = torch.arange(1 * 2 * 3 * 4, dtype=f32).reshape(1, 2, 3, 4)
case("F.pad/constant-1d", "F.pad", [randn(3), [1, 2]])
case("F.pad/constant-value", "F.pad", [randn(2, 3), [1, 1, 2, 0]], {"value": 1.5})
case("F.pad/constant-negative", "F.pad", [randn(2, 5), [-1, -2]])
case("F.pad/constant-int", "F.pad", [tn([[1, 2], [3, 4]], i64), [1, 0]], {"value": 7})
case("F.pad/constant-mode-positional", "F.pad", [randn(2, 3), [0, 1], "constant", -0.5])
for mode in ["reflect", "replicate", "circular"]:
    case(f"F.pad/{mode}-3d", "F.pad", [P3, [2, 1]], {"mode": mode})
    case(f"F.pad/{mode}-4d", "F.pad", [P4, [1, 2, 2, 1]], {"mode": mode})
case("F.pad/reflect-2d", "F.pad", [P3[0], [2, 2]], {"mode": "reflect"})
case("F.pad/replicate-5d", "F.pad", [torch.arange(8, dtype=f32).reshape(1, 1, 2, 2, 2), [1, 0, 0, 1, 1, 1]], {"mode": "replicate"})
case("F.pad/circular-negative", "F.pad", [P3, [-1, 2]], {"mode": "circular"})
case("F.pad/reflect-too-large", "F.pad", [torch.ones(1, 2, 3), [3, 3]], {"mode": "reflect"}, error="Padding size should be less than the corresponding input dimension")
case("F.pad/odd-length", "F.pad", [randn(2, 3), [1]], error="Padding length must be divisible by 2")

# ------------------------------------------------------------------ sort, topk, unique
V = tn([3.0, 1.0, nan, 2.0, 1.0, -inf, inf, 2.0, -0.0, 0.0], f32)
case("sort/stable", "sort", [V], {"stable": True})
case("sort/stable-descending", "sort", [V], {"stable": True, "descending": True})
case("sort/2d-dim0-stable", "sort", [tn([[3, 1, 2], [1, 1, 2], [3, 0, 2]], i64)], {"dim": 0, "stable": True})
case("sort/2d-dim1", "sort", [randn(3, 5), 1])
case("sort/descending-positional", "sort", [randn(3, 5), 1, True])
case("sort/transposed", "sort", [NC(randn(4, 3)), 0])
case("sort/bool", "sort", [tn([True, False, True, False], b8)], {"stable": True})
case("sort/uint8", "sort", [tn([200, 3, 100, 3], u8)], {"stable": True, "descending": True})
case("sort/float16", "sort", [tn([1.5, -2.5, nan, 0.5], f16)])
case("sort/0d", "sort", [tn(1.5, f32)])
case("argsort/stable", "argsort", [V], {"stable": True})
case("argsort/descending", "argsort", [randn(2, 4)], {"dim": 1, "descending": True})
case("argsort/dim0", "argsort", [randn(3, 2), 0])
W = tn([[0.5, 3.25, -1.0, 7.5, 2.0], [9.0, -3.5, 4.25, 0.0, 1.0]], f32)
case("topk/k2", "topk", [W, 2])
case("topk/smallest", "topk", [W, 3], {"largest": False})
case("topk/dim0", "topk", [W, 1], {"dim": 0})
case("topk/positional", "topk", [W, 2, 0, False])
case("topk/nan", "topk", [tn([1.0, nan, 3.0, 2.0], f32), 2])
case("topk/int", "topk", [tn([5, 1, 9, -3], i64), 3])
case("topk/k=0", "topk", [W, 0])
case("topk/transposed", "topk", [NC(randn(5, 2)), 2])
case("topk/too-large", "topk", [W, 6], error="selected index k out of range")
U = tn([3, 1, 2, 3, 1, 5, 1], i64)
case("unique/sorted", "unique", [U])
case("unique/inverse", "unique", [U], {"return_inverse": True})
case("unique/counts", "unique", [U], {"return_counts": True})
case("unique/both", "unique", [U], {"return_inverse": True, "return_counts": True})
case("unique/float-2d", "unique", [tn([[1.5, -0.5], [1.5, 2.5]], f32), True, True])
case("unique/bool", "unique", [tn([True, False, True], b8)])
case("unique/dim0", "unique", [tn([[1, 2], [3, 4], [1, 2]], i64)], {"dim": 0})
case("unique/dim1-inverse", "unique", [tn([[1, 2, 1], [3, 4, 3]], i64)], {"dim": 1, "return_inverse": True})

# ------------------------------------------------------------------ casts
CAST_FLOAT = [0.0, -0.0, 1.5, -1.5, 2.7, -2.7, 0.5, -0.5, 100.25, 1e-8, 1e20, -1e20, inf, -inf, nan]
CAST_SRC = {
    f32: tn(CAST_FLOAT, f32),
    f64: tn(CAST_FLOAT + [1e300, 1 + 2 ** -11 + 2 ** -40], f64),
    f16: tn([0.0, -0.0, 1.5, -1.5, 2.7, -2.7, 65504.0, 1e-4, 6e-8, inf, -inf, nan], f16),
    bf16: tn([0.0, -0.0, 1.5, -1.5, 2.7, -2.7, 3e38, 1e-30, inf, -inf, nan], bf16),
    i64: tn([0, 1, -1, 127, 128, 255, 256, -129, 65504, 65520, 16777217, 2 ** 31, -(2 ** 31) - 1, 2 ** 40 + 1], i64),
    i32: tn([0, 1, -1, 127, 128, 255, 256, -129, 65519, 2049, 16777217, 2 ** 31 - 1, -(2 ** 31)], i32),
    u8: tn([0, 1, 2, 127, 128, 254, 255], u8),
    b8: tn([True, False, True], b8),
}
for src, value in CAST_SRC.items():
    for dst in ALL:
        if dst == src:
            continue
        v = value
        if src.is_floating_point and not dst.is_floating_point and dst != b8:
            # float -> int of NaN, inf, out-of-range or (for uint8) negative values is undefined in C and
            # differs between platforms: only in-range values are compared.
            lo, hi = {i64: (-2.0 ** 62, 2.0 ** 62), i32: (-2.0 ** 31, 2.0 ** 31 - 1), u8: (0.0, 255.0)}[dst]
            keep = [x for x in v.tolist() if math.isfinite(x) and lo <= x <= hi]
            v = tn(keep, src)
        if not src.is_floating_point and src != b8 and dst in (i32, u8):
            # integer narrowing wraps (two's complement), as in C and PyTorch
            pass
        case(f"to/{DTYPE_NAMES[src]}->{DTYPE_NAMES[dst]}", "to", [v, dst])
# float -> half rounding: ties to even and overflow
F16_ROUND = [1 + 2 ** -11, 1 + 3 * 2 ** -11, 1 + 2 ** -11 + 2 ** -20, 2049.0, 2051.0, 65504.0, 65519.0, 65520.0, 70000.0,
             -65520.0, 2 ** -24, 2 ** -25, 3 * 2 ** -26, 2 ** -26, 1e-9, 0.1, 0.2, 0.3, 1 / 3]
BF16_ROUND = [1 + 2 ** -8, 1 + 3 * 2 ** -8, 1 + 2 ** -8 + 2 ** -20, 257.0, 259.0, 3.3895313892515355e38, 3.4e38,
              -3.4e38, 1e-40, 0.1, 1 / 3]
case("to/float32->float16/rounding", "to", [tn(F16_ROUND, f32), f16])
case("to/float64->float16/rounding", "to", [tn(F16_ROUND + [1 + 2 ** -11 + 2 ** -40], f64), f16])
case("to/float32->bfloat16/rounding", "to", [tn(BF16_ROUND, f32), bf16])
case("to/float64->bfloat16/rounding", "to", [tn(BF16_ROUND + [1 + 2 ** -8 + 2 ** -40], f64), bf16])
case("to/float64->float32/rounding", "to", [tn([1 + 2 ** -24, 1 + 3 * 2 ** -24, 0.1, 1e39, -1e39, 1e-46, 3.4028235e38], f64), f32])
case("to/int64->float32/rounding", "to", [tn([16777217, 16777219, 2 ** 53 - 1], i64), f32])
case("to/int64->float16/overflow", "to", [tn([65519, 65520, 100000, -70000], i64), f16])
case("to/transposed", "to", [NC(randn(3, 4)), f64])
for m, dt in [("float", f32), ("double", f64), ("half", f16), ("bfloat16", bf16), ("int", i32), ("long", i64), ("byte", u8), ("bool", b8)]:
    case(f"Tensor.{m}", f"Tensor.{m}", [tn([0.0, 1.5, 2.5, 100.75], f32)])
case("type", "Tensor.type", [tn([1.5, -2.5], f32), i64])

# ------------------------------------------------------------------ creation
case("arange/end", "arange", [5])
case("arange/start-end", "arange", [2, 7])
case("arange/step", "arange", [0, 10, 3])
case("arange/neg-step", "arange", [5, -3, -2])
case("arange/float-step", "arange", [0, 1, 0.25])
case("arange/float-step-inexact", "arange", [0, 1, 0.1])
case("arange/float-start", "arange", [-1.5, 2.5])
case("arange/float-step-neg", "arange", [1.5, -1, -0.5])
case("arange/dtype", "arange", [5], {"dtype": f64})
case("arange/int-dtype-float-args", "arange", [0.5, 4.5], {"dtype": i64})
case("arange/float32-dtype", "arange", [1, 4], {"dtype": f32})
case("arange/empty", "arange", [3, 3])
case("arange/bad-sign", "arange", [0, 5, -1], error="upper bound and larger bound inconsistent with step sign")
case("arange/zero-step", "arange", [0, 5, 0], error="step must be nonzero")
case("linspace", "linspace", [0, 1, 5])
case("linspace/neg", "linspace", [-2.5, 7.5, 7])
case("linspace/one", "linspace", [3, 10, 1])
case("linspace/zero", "linspace", [3, 10, 0])
case("linspace/float64", "linspace", [0, 1, 11], {"dtype": f64})
case("linspace/int", "linspace", [0, 10, 4], {"dtype": i64})
case("linspace/descending", "linspace", [1, -1, 6])
case("linspace/neg-steps", "linspace", [0, 1, -1], error="number of steps must be non-negative")
case("logspace", "logspace", [0, 2, 3])
case("logspace/base2", "logspace", [0, 4, 5], {"base": 2})
case("logspace/neg", "logspace", [-2, 1, 4])
case("logspace/float64", "logspace", [0, 1, 5], {"dtype": f64})
case("eye/n", "eye", [3])
case("eye/n-m", "eye", [2, 4])
case("eye/dtype", "eye", [3], {"dtype": i64})
case("eye/bool", "eye", [2, 3], {"dtype": b8})
case("full/int", "full", [[2, 3], 7])
case("full/float", "full", [[2, 2], 1.5])
case("full/bool", "full", [[2], True])
case("full/dtype", "full", [[3], 2], {"dtype": f16})
case("full/nan", "full", [[2], nan])
case("full/neg-size", "full", [[-1], 2], error="negative dimension")
case("zeros", "zeros", [2, 3])
case("zeros/list", "zeros", [[2, 3]])
case("zeros/dtype", "zeros", [2], {"dtype": i32})
case("zeros/empty", "zeros", [0, 3])
case("ones", "ones", [3, 1])
case("ones/dtype", "ones", [[2]], {"dtype": b8})
case("ones/bfloat16", "ones", [2], {"dtype": bf16})
case("zeros_like", "zeros_like", [tn([[1, 2]], i32)])
case("ones_like/dtype", "ones_like", [randn(2)], {"dtype": f64})
case("full_like", "full_like", [tn([1, 2, 3], i64), 4])
case("full_like/float-into-int", "full_like", [tn([1, 2, 3], i64), 4.5])
case("tensor/int", "tensor", [[[1, 2], [3, 4]]])
case("tensor/float", "tensor", [[1.5, 2, 3]])
case("tensor/bool", "tensor", [[True, False]])
case("tensor/dtype", "tensor", [[1, 2]], {"dtype": f16})
case("tensor/scalar", "tensor", [2.5])
case("tensor/ragged", "tensor", [[[1, 2], [3]]], error="expected sequence of length 2 at dim 1 (got 1)")

# ------------------------------------------------------------------ scalar reads
case("item/float", "Tensor.item", [tn([2.5], f32)])
case("item/int", "Tensor.item", [tn(7, i64)])
case("item/bool", "Tensor.item", [tn(True, b8)])
case("item/error", "Tensor.item", [randn(2)], error="only one element tensors can be converted to Python scalars")
case("numel", "numel", [randn(2, 3)])
case("dim", "Tensor.dim", [randn(2, 3)])
case("size", "Tensor.size", [randn(2, 3)])
case("size/dim", "Tensor.size", [randn(2, 3), -1])
case("is_contiguous/transposed", "Tensor.is_contiguous", [NC(randn(3, 4))])
case("is_floating_point/int", "is_floating_point", [tn([1], i64)])
case("is_floating_point/float16", "is_floating_point", [tn([1.5], f16)])


# ------------------------------------------------------------------ more edges: int64 beyond 2^53, scalars, empties
BIG = tn([2 ** 62 + 1, -(2 ** 62) - 3, 2 ** 53 + 1, 3037000499, -(2 ** 63), 2 ** 63 - 1], i64)
case("add/int64-large", "add", [BIG, tn([2 ** 62, 1, 1, 3037000499, -1, 1], i64)])
case("mul/int64-large", "mul", [BIG, tn([4, 3, 3, 3037000499, 1, 2], i64)])
case("sub/int64-large", "sub", [BIG, tn([1, 1, 2, 1, 1, -1], i64)])
case("neg/int64-large", "neg", [BIG])
case("abs/int64-large", "abs", [BIG])
case("floor_divide/int64-large", "floor_divide", [BIG, 3])
case("remainder/int64-large", "remainder", [BIG, 7])
case("bitwise_xor/int64-large", "bitwise_xor", [BIG, tn([2 ** 61, 5, 2 ** 53 + 7, 1, -1, 2 ** 62], i64)])
case("eq/int64-large", "eq", [BIG, tn([2 ** 62 + 1, -(2 ** 62) - 2, 2 ** 53, 3037000499, -(2 ** 63), 2 ** 63 - 2], i64)])
case("sum/int64-large", "sum", [tn([2 ** 62, 2 ** 62, 3, -(2 ** 53)], i64)])
case("cumsum/int64-large", "cumsum", [tn([2 ** 60, 2 ** 60 + 1, 7, 2 ** 53 + 1], i64), 0])
case("max/int64-large", "max", [tn([2 ** 62 + 1, 2 ** 62, 2 ** 62 + 3, 2 ** 62 + 2], i64), 0])
case("sort/int64-large", "sort", [tn([2 ** 62 + 1, 2 ** 62, 2 ** 62 + 3, 2 ** 53 + 1, 2 ** 53], i64)])
case("to/int64-large->float64", "to", [BIG, f64])
case("to/int64-large->int32", "to", [BIG, i32])
case("to/float64->int64-large", "to", [tn([1e18, -4.5e18, 2.0 ** 62], f64), i64])
case("matmul/int64-large", "matmul", [tn([[2 ** 40, 3], [1, 2 ** 31]], i64), tn([[2 ** 20 + 1, 1], [5, 2 ** 31]], i64)])
case("arange/int64-large", "arange", [2 ** 52, 2 ** 52 + 3])

case("eq/float16-scalar", "eq", [tn([0.1, 0.5], f16), 0.1])
case("lt/float16-scalar", "lt", [tn([0.1, 0.5], f16), 0.1])
case("add/float16-scalar-overflow", "add", [tn([1.0, -1.0], f16), 1e5 + 0.5])
case("mul/bfloat16-scalar", "mul", [tn([1.5, 3.0], bf16), 0.1])
case("eq/float32-scalar", "eq", [tn([0.1, 0.2], f32), 0.1])
case("eq/float64-scalar", "eq", [tn([0.1, 0.2], f64), 0.1])
case("eq/int32-scalar-wraps", "eq", [tn([300, 7], i32), 2 ** 40 + 300])

case("add/bool+float-scalar", "add", [tn([True, False], b8), 0.5])
case("add/bool+bool", "add", [tn([True, False, True], b8), tn([True, True, False], b8)])
case("mul/bool+bool-scalar", "mul", [tn([True, False], b8), True])
case("add/int32-0d-int64", "add", [tn([1, 2], i32), tn(2 ** 40, i64)])
case("div/scalar-first", "div", [1, tn([2.0, 4.0], f32)])
case("sub/scalar-first", "sub", [1, tn([2.0, 4.0], f32)])
case("sub/scalar-first-int", "sub", [1, tn([2, 4], i64)])
case("add/empty", "add", [torch.zeros(0, 3), torch.zeros(3)])
case("exp/empty", "exp", [torch.zeros(2, 0)])
case("exp/0d", "exp", [tn(1.5, f32)])
case("add/0d+0d", "add", [tn(1.5, f32), tn(2, i64)])
case("mul/0d-broadcast-empty", "mul", [tn(1.5, f32), torch.zeros(0)])
case("prod/empty", "prod", [torch.zeros(0)])
case("sum/bool-all", "sum", [tn([True, True, False], b8)])
case("mean/float16-accumulate", "mean", [torch.full((64,), 0.1, dtype=f16)])
case("var/correction>n", "var", [randn(3), [0]], {"correction": 5})
case("std/dims-keepdim", "std", [X234, [0, -1]], {"keepdim": True})
case("norm/dims-keepdim", "norm", [X234], {"p": 2, "dim": [1, 2], "keepdim": True})
case("count_nonzero/neg-dim", "count_nonzero", [XI, -1])
case("argmax/bool", "argmax", [tn([True, False], b8)])
case("topk/smallest-nan", "topk", [tn([1.0, nan, 0.0], f32), 2], {"largest": False})
case("topk/dim-out-of-range", "topk", [W, 1], {"dim": 2}, error="Dimension out of range (expected to be in range of [-2, 1], but got 2)")
case("sort/descending-int-stable", "sort", [tn([3, 1, 3, 2, 1], i64)], {"descending": True, "stable": True})
case("sort/dim-out-of-range", "sort", [randn(2, 3), 2], error="Dimension out of range (expected to be in range of [-2, 1], but got 2)")
case("softmax/dim-out-of-range", "softmax", [randn(2, 3), 2], error="Dimension out of range (expected to be in range of [-2, 1], but got 2)")
case("where/0d-cond", "where", [tn(True, b8), randn(2), randn(2)])
case("where/broadcast-error", "where", [tn([[True] * 3] * 2, b8), randn(2, 3), randn(4)], error="The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1")
case("clamp/int-float-tensor", "clamp", [tn([1, 5], i64)], {"min": tn([2.5, 2.5], f32)})
case("add_/transposed", "add_", [NC(randn(3, 4)), randn(4)])
case("mul_/transposed-other", "mul_", [randn(3, 4), NC(randn(3, 4))])
case("copy_/transposed-src", "copy_", [torch.zeros(4, 3), NC(randn(4, 3))])
case("getitem/true", "getitem", [X, [True]])
case("getitem/false", "getitem", [X, [False]])
case("getitem/0d-none", "getitem", [tn(1.5, f32), [None]])
case("getitem/0d-ellipsis", "getitem", [tn(1.5, f32), [E]])
case("getitem/none-ellipsis-none", "getitem", [X, [None, E, None]])
case("getitem/neg-tensor-and-slice", "getitem", [X, [tn([-1], i64), S(None, None, 2), tn([-1, 0], i64)]])
case("setitem/broadcast-row", "setitem", [torch.zeros(2, 3), [S(None)], tn([1.5, 2.5, 3.5], f32)])
case("setitem/shape-error", "setitem", [torch.zeros(2, 3), [S(None)], torch.ones(2)], error="The expanded size of the tensor (3) must match the existing size (2) at non-singleton dimension 1")
case("index_put_/neg-index", "index_put_", [torch.zeros(4), [tn([-1, -4], i64)], tn([1.5, 2.5], f32)])
case("index_put_/shape-error", "index_put_", [torch.zeros(5), [tn([0, 1, 2], i64)], tn([1.0, 2.5], f32)], error="shape mismatch: value tensor of shape [2] cannot be broadcast to indexing result of shape [3]")
case("expand/fewer-sizes", "expand", [torch.ones(2, 3), [3]], error="the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)")
case("expand/0d", "expand", [tn(1.5, f32), [2, 2]])
case("flatten/start>end", "flatten", [X, 2, 1], error="flatten() has invalid args: start_dim cannot come after end_dim")
case("movedim/neg", "movedim", [X, -1, 0])
case("movedim/repeated", "movedim", [X, [0, 0], [1, 2]], error="movedim: repeated dim in `source` ([0, 0])")
case("roll/mismatch", "roll", [randn(2, 3), [1, 2], [0]], error="shifts and dimensions must align. shifts: 2, dims:1")
case("roll/neg-dim", "roll", [torch.arange(6, dtype=f32).reshape(2, 3), 1, -1])
case("gather/ndim-error", "gather", [randn(2, 3), 1, tn([0], i64)], error="Index tensor must have the same number of dimensions as input tensor")
case("scatter_add/index-error", "scatter_add", [torch.zeros(3, 4), 1, tn([[0, 1, 2, 3, 0]], i64), torch.ones(1, 4)], error="Expected index [1, 5] to be smaller than self [3, 4] apart from dimension 1 and to be smaller size than src [1, 4]")
case("masked_select/non-bool", "masked_select", [randn(3), randn(3)], error="masked_select: expected BoolTensor")
case("narrow/neg-length", "narrow", [randn(3), 0, 0, -1], error="start (0) + length (-1) exceeds dimension size (3).")
case("unfold/step0", "unfold", [randn(3), 0, 2, 0], error="step is 0 but must be > 0")
case("stack/empty", "stack", [[]], error="stack expects a non-empty TensorList")
case("stack/0d", "stack", [[tn(1.5, f32), tn(2.5, f32)]])
case("eye/negative", "eye", [-1], error="n must be greater or equal to 0, got -1")
case("repeat_interleave/negative", "repeat_interleave", [tn([1, 2], i64), -1], error="repeats can not be negative")
case("repeat_interleave/tensor-repeats", "repeat_interleave", [tn([1, 2, 3], i64), tn([1, 0, 2], i64)])
case("repeat_interleave/tensor-repeats-dim", "repeat_interleave", [tn([[1, 2], [3, 4]], i64), tn([2, 1], i64)], {"dim": 0})
case("squeeze/out-of-range", "squeeze", [randn(2, 1), 2], error="Dimension out of range (expected to be in range of [-2, 1], but got 2)")
case("flip/0d", "flip", [tn(1.5, f32), [0]])
case("chunk/transposed", "chunk", [NC(randn(4, 6)), 4, 1])
case("split/transposed", "split", [NC(randn(5, 3)), [2, 3], 0])
case("triu/transposed", "triu", [NC(randn(4, 3))])
case("cumsum/bool-all-true", "cumsum", [tn([True] * 5, b8), 0])
case("logsumexp/dims-keepdim", "logsumexp", [X234, [0, 2]], {"keepdim": True})
case("nansum/int", "nansum", [XI, 1])
case("linspace/float64-precision", "linspace", [0.1, 1000.3, 7], {"dtype": f64})
case("arange/float64-precision", "arange", [0.1, 1.05, 0.3], {"dtype": f64})

os.makedirs(os.path.dirname(OUT), exist_ok=True)
text = json.dumps({"torch": torch.__version__, "generator": "tools/gen_op_fixtures.py", "cases": cases}, allow_nan=False, separators=(",", ":"))
with open(OUT, "w") as f:
    f.write(text)
    f.write("\n")
print(f"wrote {len(cases)} cases, {len(text) / 1e6:.2f} MB to {os.path.relpath(OUT)}", file=sys.stderr)
