#!/usr/bin/python3
"""Generate packages/tensor/test/fixtures/print.json from real PyTorch (1.13).

Each case records a tensor's dtype, shape and full row-major data together with
``str(t)`` as PyTorch prints it, so that the TypeScript formatter
(packages/tensor/src/format.ts) can be checked character for character.

Run with Debian's python3-torch:  /usr/bin/python3 tools/gen_print_fixtures.py

Optional per-case fields:
  printOptions  torch.set_printoptions arguments (camelCase keys, as setPrintOptions takes them);
                defaults are restored after the case, in Python and in the TS test.
  suffixes      suffixes the caller appends after the formatter's own (requires_grad / grad_fn).
"""
import json
import os

import torch
from fixture_io import DTYPE_NAMES, enc_values

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "tensor", "test", "fixtures", "print.json")

SNAKE = {"precision": "precision", "threshold": "threshold", "edgeitems": "edgeitems",
         "linewidth": "linewidth", "sciMode": "sci_mode", "profile": "profile"}

cases = []


def add(name, t, print_options=None, suffixes=None):
    assert not any(c["name"] == name for c in cases), name
    if print_options:
        torch.set_printoptions(**{SNAKE[k]: v for k, v in print_options.items()})
    try:
        text = str(t)
    finally:
        torch.set_printoptions(profile="default")  # also resets sci_mode to None
    data = t.detach()
    case = {
        "name": name,
        "dtype": DTYPE_NAMES[data.dtype],
        "shape": list(data.shape),
        "data": enc_values(data, bool_as_int=True),
        "repr": text,
    }
    if print_options:
        case["printOptions"] = print_options
    if suffixes:
        case["suffixes"] = suffixes
    cases.append(case)


torch.manual_seed(0)

# ---- 0-d scalars
add("scalar_float_randn", torch.randn(()))
add("scalar_negative", -torch.rand(()))
add("scalar_whole_float", torch.tensor(3.0))
add("scalar_zero_float", torch.tensor(0.0))
add("scalar_negative_zero", torch.tensor(-0.0))
add("scalar_tiny", torch.tensor(2.001e-06))
add("scalar_large", torch.tensor(1.5e10))
add("scalar_large_whole", torch.tensor(123456789.0))
add("scalar_nan", torch.tensor(float("nan")))
add("scalar_neg_inf", torch.tensor(float("-inf")))
add("scalar_int", torch.tensor(7))
add("scalar_int_negative", torch.tensor(-42))
add("scalar_int32", torch.tensor(5, dtype=torch.int32))
add("scalar_bool", torch.tensor(True))
add("scalar_float64", torch.randn((), dtype=torch.float64))
add("scalar_float16", torch.randn(()).half())
w = torch.ones(2, 2, requires_grad=True)
add("scalar_grad_fn_mean", (w * 3).mean(), suffixes=["grad_fn=<MeanBackward0>"])

# ---- 1-D
add("1d_short_randn", torch.randn(5))
add("1d_16_rand_wrap", torch.rand(16))
add("1d_16_randn_negative_wrap", torch.randn(16))
add("1d_40_randn", torch.randn(40))
add("1d_whole_floats", torch.arange(-2.0, 3.0))
add("1d_zeros", torch.zeros(3))
add("1d_ones_float64", torch.ones(4, dtype=torch.float64))
add("1d_nan_inf_mixed", torch.tensor([float("nan"), 1.5, float("inf"), -float("inf"), -2.25]))
add("1d_nan_first", torch.tensor([float("nan"), 1.5]))
add("1d_only_nonfinite", torch.tensor([float("nan"), float("inf"), -float("inf")]))
add("1d_whole_with_nan_inf", torch.tensor([1.0, float("nan"), -3.0, float("inf")]))
add("1d_negative_zero_whole", torch.tensor([-0.0, 1.0]))
add("1d_negative_zero_frac", torch.tensor([-0.0, 1.5]))
add("1d_zeros_signed", torch.tensor([-0.0, 0.0]))
add("1d_sci_ratio", torch.tensor([51.2, 512.0, 0.0512]))
add("1d_sci_max_gt_1e8", torch.tensor([1.5e9, 2.5]))
add("1d_sci_min_lt_1e-4", torch.tensor([3.0e-5, 0.5]))
add("1d_1e-5_and_1", torch.tensor([1e-5, 1.0]))
add("1d_whole_sci_ratio", torch.tensor([1.0, 2000.0, -7.0]))
add("1d_whole_sci_large", torch.tensor([1.0e9, 3.0]))
add("1d_whole_boundary_no_sci", torch.tensor([1.0e8, 1.0e5]))
add("1d_sci_with_zero_nan", torch.tensor([0.0, 1e-6, float("nan"), -2.5]))
add("1d_round_half_even_fixed", torch.arange(1.0, 17.0) / 32)
add("1d_round_half_even_sci", torch.cat([torch.arange(1.0, 9.0) / 32 + 1, torch.tensor([1e-5])]))
add("1d_float64_precision", torch.tensor([1.0, 2.0, 4.0], dtype=torch.float64) / 3)
add("1d_float64_randn", torch.randn(7, dtype=torch.float64))
add("1d_float16", torch.randn(8).half())
add("1d_float16_whole", torch.arange(5).half())
add("1d_bfloat16", torch.randn(8).bfloat16())
add("1d_bfloat16_sci", (torch.randn(6) * 1e5).bfloat16())
add("1d_int64_arange", torch.arange(10))
add("1d_int64_negative", torch.randint(-1000, 1000, (12,)))
add("1d_int64_large", torch.tensor([2**62, -(2**63), 2**40, 0, -5]))
add("1d_int32", torch.randint(-50, 50, (8,), dtype=torch.int32))
add("1d_int32_ones", torch.ones(2, dtype=torch.int32))
add("1d_uint8", torch.randint(0, 256, (30,), dtype=torch.uint8))
add("1d_bool", torch.rand(12) > 0.5)
add("1d_int64_long_wrap", torch.randint(0, 10**9, (25,)))

# ---- 2-D
add("2d_randn_4x3", torch.randn(4, 3))
add("2d_rand_4x4", torch.rand(4, 4))
add("2d_int_arange_3x4", torch.arange(12).view(3, 4))
add("2d_ones_float64_4x3", torch.ones(4, 3, dtype=torch.float64))
add("2d_randn_1x10_wrap", torch.randn(1, 10))
add("2d_full_1x10_wrap", torch.full((1, 10), 0.3))
add("2d_randn_3x20_wrap", torch.randn(3, 20))
add("2d_int_negative", torch.randint(-100, 100, (3, 5)))
add("2d_bool", torch.rand(3, 4) > 0.5)
add("2d_int32", torch.randint(0, 10, (2, 3), dtype=torch.int32))
add("2d_broadcast_sum", torch.arange(1, 3).view(1, 2) + torch.arange(1, 4).view(3, 1))

# ---- 3-D and more (blank line rules)
add("3d_randn_2x3x4", torch.randn(2, 3, 4))
add("3d_int_2x2x2", torch.arange(8).view(2, 2, 2))
add("4d_randn_2x2x2x3", torch.randn(2, 2, 2, 3))
add("4d_conv_weight_3x1x3x3", torch.randn(3, 1, 3, 3))
add("4d_full_wrap_1x1x1x10", torch.full((1, 1, 1, 10), 0.3))
add("5d_randn_2x1x2x1x2", torch.randn(2, 1, 2, 1, 2))

# ---- empty tensors
add("empty_0", torch.zeros(0))
add("empty_2x0", torch.zeros(2, 0))
add("empty_0x3", torch.zeros(0, 3))
add("empty_int64_0", torch.zeros(0, dtype=torch.int64))
add("empty_float64_0x3", torch.zeros(0, 3, dtype=torch.float64))
add("empty_bool_2x0", torch.zeros(2, 0, dtype=torch.bool))
add("empty_int32_1x0x2", torch.zeros(1, 0, 2, dtype=torch.int32))

# ---- summarised (> threshold elements)
add("summ_arange_2000_float", torch.arange(2000.0))
add("summ_randn_2000", torch.randn(2000))
add("summ_int_arange_1200", torch.arange(1200))
add("summ_randn_50x50", torch.randn(50, 50))
add("summ_randn_200x6_rows_only", torch.randn(200, 6))
add("summ_randn_12x10x10", torch.randn(12, 10, 10))
add("summ_randn_8x2x8x10", torch.randn(8, 2, 8, 10))
add("summ_int_40x40", torch.randint(-5000, 5000, (40, 40)))
add("summ_bool_1100", torch.rand(1100) > 0.5)
hidden = torch.rand(1500) + 0.5
hidden[700] = 1e-8  # hidden by summarisation: must not switch on sci mode
hidden[701] = float("nan")
add("summ_hidden_tiny_value", hidden)
add("summ_float64_1001", torch.randn(1001, dtype=torch.float64))

# ---- print options
add("opt_precision_2", torch.randn(5), print_options={"precision": 2})
add("opt_precision_2_2d", torch.randn(3, 3) * 100, print_options={"precision": 2})
add("opt_precision_6_float64", torch.randn(4, dtype=torch.float64), print_options={"precision": 6})
add("opt_sci_false", torch.tensor([1e-5, 1.0, 12345.678]), print_options={"sciMode": False})
add("opt_sci_true", torch.randn(3), print_options={"sciMode": True})
add("opt_sci_true_whole", torch.tensor([1.0, 2.0]), print_options={"sciMode": True})
add("opt_sci_true_all_zero", torch.zeros(2), print_options={"sciMode": True})
add("opt_threshold_5", torch.arange(10), print_options={"threshold": 5})
add("opt_threshold_edgeitems_2", torch.randn(6, 7), print_options={"threshold": 10, "edgeitems": 2})
add("opt_linewidth_40", torch.randn(12), print_options={"linewidth": 40})
add("opt_profile_short", torch.randn(20, 60), print_options={"profile": "short"})
add("opt_profile_full", torch.arange(1001), print_options={"profile": "full"})

# ---- caller suffixes (requires_grad / grad_fn), including the line-break rule of _add_suffixes
add("suffix_requires_grad_1d", torch.randn(3, requires_grad=True), suffixes=["requires_grad=True"])
add("suffix_requires_grad_2x2", torch.ones(2, 2, requires_grad=True), suffixes=["requires_grad=True"])
add("suffix_requires_grad_wrap_3x8", torch.randn(3, 8, requires_grad=True), suffixes=["requires_grad=True"])
add("suffix_requires_grad_8_wide", torch.randn(8, requires_grad=True), suffixes=["requires_grad=True"])
add("suffix_float64_requires_grad", torch.randn(2, 7, dtype=torch.float64, requires_grad=True),
    suffixes=["requires_grad=True"])
a = torch.randn(2, 2, requires_grad=True)
b = torch.randn(2, 2)
add("suffix_grad_fn_add", a + b, suffixes=["grad_fn=<AddBackward0>"])
add("suffix_grad_fn_pow_float64", (torch.randn(3, 6, dtype=torch.float64, requires_grad=True) ** 2),
    suffixes=["grad_fn=<PowBackward0>"])

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    f.write("[\n" + ",\n".join(json.dumps(c, allow_nan=False) for c in cases) + "\n]\n")
print(f"wrote {len(cases)} cases, {os.path.getsize(OUT)} bytes to {os.path.normpath(OUT)}")
