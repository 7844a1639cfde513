"""How the fixture generators (tools/gen_*.py) write PyTorch tensors and numbers as JSON.

JSON has no NaN or infinity and JavaScript numbers hold integers exactly only up to 2^53, so values
that JSON or JavaScript cannot carry are written as strings the TypeScript tests decode: "nan",
"inf", "-inf", and a decimal string for an int64 beyond 2^53 (read back as a BigInt).
"""
import math
import re

import torch

DTYPE_NAMES = {
    torch.float32: "float32",
    torch.float64: "float64",
    torch.float16: "float16",
    torch.bfloat16: "bfloat16",
    torch.int32: "int32",
    torch.int64: "int64",
    torch.uint8: "uint8",
    torch.bool: "bool",
}
"""@x's name of each dtype it supports (PyTorch's without the `torch.` prefix)."""

DTYPES_BY_NAME = {name: dtype for dtype, name in DTYPE_NAMES.items()}

JS_SAFE_INTEGER = 2 ** 53


def float32_digits(v):
    """A float32 value as the shortest decimal that reads back as the same float32 (9 significant digits)."""
    return float(f"{v:.9g}")


def enc_number(v, bool_as_int=False, big_int_as_str=False, float32=False):
    """One value: booleans and integers as they are (booleans as 0/1 with bool_as_int, integers beyond
    2^53 as decimal strings with big_int_as_str), NaN and infinities as strings, finite floats as
    numbers (rounded to float32's 9 digits with float32)."""
    if isinstance(v, bool):
        return int(v) if bool_as_int else v
    if isinstance(v, int):
        return str(v) if big_int_as_str and abs(v) > JS_SAFE_INTEGER else v
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return float32_digits(v) if float32 else v


def enc_values(t, bool_as_int=False, big_int_as_str=False, round_float32=False):
    """A tensor's values, flattened in row-major order, each encoded by enc_number; round_float32
    rounds a float32 tensor's values to 9 significant digits."""
    float32 = round_float32 and t.dtype == torch.float32
    return [enc_number(v, bool_as_int, big_int_as_str, float32) for v in t.detach().reshape(-1).tolist()]


def enc_tensor(t, requires_grad=False, extra=None, big_int_as_str=False):
    """A tensor the tests recognise by its "tensor" tag: dtype, shape, values, and requiresGrad when set."""
    out = {"tensor": True, "dtype": DTYPE_NAMES[t.dtype], "shape": list(t.shape), "data": enc_values(t, big_int_as_str=big_int_as_str)}
    if requires_grad:
        out["requiresGrad"] = True
    out.update(extra or {})
    return out


def camel(name):
    """A Python keyword name as @x's camelCase option name (leading underscores kept)."""
    if name.startswith("_"):
        return name
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), name)


def enc_arg(v, convert=None):
    """An argument of a recorded call: tensors tagged, dtypes by name, sequences as lists, floats by
    enc_number; `convert` first maps values a generator has its own form for (e.g. enums)."""
    if convert is not None:
        v = convert(v)
    if isinstance(v, torch.Tensor):
        return enc_tensor(v)
    if isinstance(v, torch.dtype):
        return DTYPE_NAMES[v]
    if isinstance(v, (list, tuple)):
        return [enc_arg(x, convert) for x in v]
    if isinstance(v, float):
        return enc_number(v)
    return v
