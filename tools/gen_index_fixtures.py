#!/usr/bin/python3
"""Generate packages/tensor/test/fixtures/indexing.json from real PyTorch (1.13).

Each case names a TypeScript call (``fn`` with encoded ``args``) and records what PyTorch returns for
the same call: a tensor, a list of tensors, or the first line of the error it raises. The tests in
packages/tensor/test/{indexing,join,sort}.test.ts replay the calls (test/indexing-fixtures.ts) and compare
dtype, shape and values.

Run with Debian's python3-torch:  /usr/bin/python3 tools/gen_index_fixtures.py

Encoding of arguments (decoded by the tests):
  {"t": {dtype, shape, data}}   a tensor (data row-major; "nan"/"inf"/"-inf" for non-finite floats);
                                a non-contiguous one adds "base" (its storage, 1-D), "stride" and "offset"
  {"o": {...}}                  an options object (camelCase keys)
  "1:3", "::2", "...", null, numbers, booleans, lists: as written (index entries keep PyTorch's meaning)
"""
import json
import os

import torch
import torch.nn.functional as F
from fixture_io import DTYPE_NAMES, enc_values

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "tensor", "test", "fixtures", "indexing.json")

cases = []


def plain(t):
    return {"dtype": DTYPE_NAMES[t.dtype], "shape": list(t.shape), "data": enc_values(t, bool_as_int=True)}


def enc_tensor(t, layout=True):
    """A tensor's values; for a non-contiguous argument also its layout over its storage, so the test
    rebuilds the same strided view (asStrided over a 1-D base) and exercises the strided code paths."""
    t = t.detach()
    if not layout or (t.is_contiguous() and t.storage_offset() == 0):
        return {"t": plain(t)}
    storage = torch.as_strided(t, (t.storage().size(),), (1,), 0)
    return {"t": plain(t), "base": plain(storage), "stride": list(t.stride()), "offset": t.storage_offset()}


def enc(a):
    """A TypeScript argument: tensors and options objects tagged, everything else as is."""
    if isinstance(a, torch.Tensor):
        return enc_tensor(a)
    if isinstance(a, dict):
        return {"o": {k: enc(v) for k, v in a.items()}}
    if isinstance(a, (list, tuple)):
        return [enc(v) for v in a]
    return a


def enc_result(r):
    if isinstance(r, torch.Tensor):
        return enc_tensor(r, layout=False)
    if isinstance(r, (list, tuple)):
        return [enc_result(v) for v in r]
    raise TypeError(type(r))


def add(group, name, fn, args, compute, deviation=None):
    """One case: `fn(...args)` in TypeScript must give what `compute()` gives in PyTorch.

    `deviation` = (error text, reason) records a deliberate difference in an error message; the
    PyTorch text is kept alongside it as "torchError"."""
    assert not any(c["group"] == group and c["name"] == name for c in cases), (group, name)
    case = {"group": group, "name": name, "fn": fn, "args": enc(args)}
    try:
        case["expected"] = enc_result(compute())
    except Exception as e:  # the error PyTorch raises is the expected outcome
        case["error"] = str(e).split("\n")[0]
    if deviation is not None:
        assert "error" in case, name
        case["torchError"], case["error"] = case["error"], deviation[0]
        case["deviation"] = deviation[1]
    cases.append(case)


def py_entry(e):
    """A TypeScript index entry as Python writes it."""
    if isinstance(e, str):
        if e == "...":
            return Ellipsis
        parts = [int(p) if p.strip() else None for p in e.split(":")]
        return slice(*parts) if len(parts) > 1 else parts[0]
    return e


def py_index(entries):
    return tuple(py_entry(e) for e in entries)


T = torch.tensor
L = torch.int64
x3 = torch.arange(24.0).reshape(2, 3, 4)
y = torch.arange(12).reshape(3, 4)
yt = torch.arange(24.0).reshape(4, 6).t()  # non-contiguous [6, 4]
nanv = T([3.0, float("nan"), 1.0, float("nan"), -float("inf"), float("inf"), -0.0, 0.0])

# ================================================================ x.index(...)
def idx(name, x, *entries):
    # One entry is subscripted bare (x[0], not x[(0,)]), as x.index(0) reads.
    key = lambda: py_entry(entries[0]) if len(entries) == 1 else py_index(entries)
    add("index", name, "index", [x, *entries], lambda: x[key()].clone())

idx("int", y, 1)
idx("int_negative", y, -1)
idx("int_int", y, 1, 2)
idx("int_int_negative", y, -1, -4)
idx("int_to_0dim", x3, 0, 1, 2)
idx("slice_all", y, ":")
idx("slice_range", y, "1:3")
idx("slice_step", y, "::2")
idx("slice_negative_start", y, "-1:")
idx("slice_negative_stop_step", y, ":", "1:-1:2")
idx("slice_second_dim", y, ":", "1:3")
idx("slice_past_end", y, "5:")
idx("slice_clamped_start", y, "-10:2")
idx("slice_empty", y, "2:1")
idx("slice_step3_dim1", y, ":", "::3")
idx("slice_start_step_no_stop", y, "1::2")
idx("slice_trailing_colon", y, "1:3:")
idx("ellipsis_int", x3, "...", 1)
idx("ellipsis_slice", x3, "...", "1:")
idx("ellipsis_alone", x3, "...")
idx("no_entries", y)
idx("newaxis_front", x3, None)
idx("newaxis_middle", x3, ":", None, ":")
idx("newaxis_end", x3, "...", None)
idx("int_ellipsis_int", x3, 1, "...", 2)
idx("newaxis_int_slice", y, 0, None, "1:3")
idx("bool_true", x3, True)
idx("bool_false", x3, False)
idx("scalar_ellipsis", T(5.0), "...")
idx("scalar_newaxis", T(5.0), None)
idx("noncontiguous_int", yt, 2)
idx("noncontiguous_slices", yt, "1:5:2", "::3")
idx("int64_input", y, "::2", -1)
idx("bool_input", T([[True, False], [False, True]]), ":", 1)

idx("adv_1d", y, T([2, 0]))
idx("adv_2d_index", y, T([[0, 1], [2, 2]]))
idx("adv_two_tensors", y, T([0, 2]), T([1, 3]))
idx("adv_after_slice", y, ":", T([3, 0, 0]))
idx("adv_negative", y, T([-1]), ":")
idx("adv_separated_by_slice", x3, T([1, 0]), ":", T([0, 3]))
idx("adv_adjacent_after_slice", x3, ":", T([0, 2]), T([1, 3]))
idx("adv_int_then_adv", x3, 0, ":", T([1, 2]))
idx("adv_with_0dim_tensor", x3, T([1, 0]), T(1))
idx("adv_0dim_tensor_alone", x3, T(1))
idx("adv_broadcast", x3, ":", T([[0], [2]]), T([1, 3]))
idx("adv_separated_by_newaxis", x3, T([0, 1]), None, T([0, 1]))
idx("adv_true_and_tensor", x3, True, T([0]))
idx("adv_tensor_then_true", x3, T([0, 1]), True)
idx("adv_ellipsis_between", x3, T([[1]]), "...", T([2]))
idx("adv_empty_index", y, T([], dtype=L))
idx("adv_noncontiguous_input", yt, T([5, 0]), "1:3")
idx("adv_noncontiguous_input_slice_first", yt, "::2", T([3, 1]))
idx("adv_on_sliced_view", x3, ":", "1:", T([3, 0]))
idx("adv_noncontiguous_index", y, T([[0, 1, 2], [2, 1, 0]]).t())
idx("adv_float_input_dup", nanv, T([1, 1, 4, 5]))
idx("mask_full", y, y > 5)
idx("mask_1d_rows", y, T([True, False, True]))
idx("mask_after_slice", y, ":", T([True, False, True, False]))
idx("mask_2d_after_slice", x3, ":", T([[True, False, True, False]] * 3))
idx("mask_empty_result", y, y > 100)
idx("mask_uint8", y, T([1, 0, 1], dtype=torch.uint8))
idx("mask_0dim_true", y, T(True))
idx("mask_0dim_false", y, T(False))
idx("mask_and_tensor", x3, T([True, False]), ":", T([1, 2]))
idx("adv_float16_input", torch.arange(6.0).half(), T([5, 0]))
idx("adv_int64_input", y, T([2, 1]), T([0, 3]))
idx("adv_bool_input", T([True, False, True]), T([2, 1]))

idx("err_int_oob", y, 5)
idx("err_int_oob_negative", y, -4)
idx("err_int_oob_dim1", y, 0, 4)
idx("err_too_many", y, 0, 0, 0)
idx("err_too_many_slices", y, ":", ":", ":")
idx("err_step_zero", y, "::0")
idx("err_step_negative", y, "::-1")
idx("err_adv_oob_second", y, T([0]), T([5]))
idx("err_adv_oob", y, T([7]))
idx("err_adv_oob_negative", y, ":", T([-5]))
add("index", "err_float_index", "index", [y, T([0.0])], lambda: y[T([0.0])],
    deviation=("tensors used as indices must be long, int, byte or bool tensors", "int32 indices are accepted, as in PyTorch 2"))
idx("err_mask_shape", y, T([True, False]))
idx("err_mask_shape_dim1", y, ":", T([True, False]))
idx("err_broadcast", y, T([0, 1]), T([0, 1, 2]))
idx("err_scalar_int", T(5.0), 0)
idx("err_scalar_slice", T(5.0), ":")
idx("err_index_empty_dim", torch.ones(0, 3), T([0]))


# ================================================================ x.indexPut_(entries, value, accumulate)
def put(name, x, entries, value, accumulate=False):
    def compute():
        z = x.clone()
        if accumulate:
            z.index_put_(py_index(entries), value, accumulate=True)
        else:
            z[py_index(entries)] = value
        return z
    add("put", name, "indexPut_", [x, list(entries), value, accumulate], compute)

zf = torch.zeros(3, 4)
put("int_scalar", y, [0], 7)
put("int_float_scalar_into_int", y, [0], 2.7)
put("column_tensor", y, [":", 1], T([10, 20, 30]))
put("slices_broadcast", y, ["1:", "::2"], T([[1], [2]]))
put("leading_ones_stripped", y, [0], torch.ones(1, 1, 4, dtype=L))
put("cast_float_value_basic", y, [1], T([1.5, 2.5, -3.5, 4.0]))
put("ellipsis_scalar", x3, ["...", 1], -1.0)
put("newaxis", zf, [None, 1], T([1.0, 2.0, 3.0, 4.0]))
put("scalar_0dim", T(1.0), [], 3.0)
put("adv_rows", zf, [T([0, 2])], T([[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]]))
put("adv_scalar", zf, [T([0, 2]), T([1, 3])], 9.0)
put("adv_after_slice", torch.zeros(2, 3), [":", T([0, 2])], T([[1.0, 2.0], [3.0, 4.0]]))
put("adv_duplicate_last_wins", torch.zeros(2, 3), [T([0, 0])], T([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
put("adv_broadcast_index", torch.zeros(2, 3), [T([1, 0]), T([[0], [2]])], T(7.0))
put("adv_leading_ones", torch.zeros(2, 3), [T([0])], torch.ones(1, 1, 3))
put("adv_value_broadcast", torch.zeros(3, 4), [T([2, 0])], T([1.0, 2.0, 3.0, 4.0]))
put("adv_separated", torch.zeros(2, 3, 4), [T([1, 0]), ":", T([0, 3])], T([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
put("adv_noncontiguous_target_view", torch.zeros(4, 6).t(), [T([5, 0]), "1:3"], T([[1.0, 2.0], [3.0, 4.0]]))
put("mask_scalar", torch.zeros(2, 2), [T([[True, False], [False, True]])], 5.0)
put("mask_values", torch.zeros(2, 2), [T([[True, False], [False, True]])], T([5.0, 6.0]))
put("accumulate_duplicates", torch.zeros(3), [T([0, 0, 1])], T([1.0, 2.0, 3.0]), True)
put("accumulate_rows", torch.ones(3, 2), [T([2, 2, 0])], T([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), True)
put("accumulate_int64", torch.zeros(4, dtype=L), [T([3, 3, 3])], T([1, 2, 3]), True)
put("int64_target_adv", y, [T([1]), T([2])], T([100]))
put("bool_target_adv", torch.zeros(4, dtype=torch.bool), [T([1, 3])], True)
put("err_adv_dtype_mismatch", torch.zeros(2, 3), [T([0])], torch.ones(3, dtype=torch.float64))
put("err_adv_shape_mismatch", torch.zeros(2, 3), [T([0])], torch.ones(2))
put("err_basic_shape_mismatch", y, [0], T([1, 2, 3]))
put("err_adv_oob", torch.zeros(2, 3), [T([5])], 1.0)

# ================================================================ maskedSelect, nonzero
add("index", "masked_select", "maskedSelect", [y, y > 4], lambda: y.masked_select(y > 4))
add("index", "masked_select_broadcast", "maskedSelect", [torch.arange(3), T([[True], [False]])], lambda: torch.arange(3).masked_select(T([[True], [False]])))
add("index", "masked_select_broadcast_both", "maskedSelect", [T([[1.0], [2.0]]), T([True, False, True])], lambda: T([[1.0], [2.0]]).masked_select(T([True, False, True])))
add("index", "masked_select_0dim", "maskedSelect", [T(4.0), T(True)], lambda: T(4.0).masked_select(T(True)))
add("index", "err_masked_select_shape", "maskedSelect", [torch.arange(3), T([True, False])], lambda: torch.arange(3).masked_select(T([True, False])))
add("index", "nonzero_2d", "nonzero", [T([[1, 0, 2], [0, 0, 3]])], lambda: T([[1, 0, 2], [0, 0, 3]]).nonzero())
add("index", "nonzero_nan", "nonzero", [T([float("nan"), 0.0, -0.0, 1.0])], lambda: T([float("nan"), 0.0, -0.0, 1.0]).nonzero())
add("index", "nonzero_0dim", "nonzero", [T(3.0)], lambda: T(3.0).nonzero())
add("index", "nonzero_0dim_zero", "nonzero", [T(0.0)], lambda: T(0.0).nonzero())
add("index", "nonzero_none", "nonzero", [torch.zeros(2, 2)], lambda: torch.zeros(2, 2).nonzero())
add("index", "nonzero_as_tuple", "nonzero", [T([[1, 0], [0, 1]]), {"asTuple": True}], lambda: T([[1, 0], [0, 1]]).nonzero(as_tuple=True))

# ================================================================ cat / stack
a23 = torch.arange(6.0).reshape(2, 3)
b22 = torch.arange(4.0).reshape(2, 2) + 10
add("join", "cat_dim1", "cat", [[a23, b22], 1], lambda: torch.cat([a23, b22], 1))
add("join", "cat_dim0_three", "cat", [[a23, a23 * 2, a23[:1]], 0], lambda: torch.cat([a23, a23 * 2, a23[:1]], 0))
add("join", "cat_negative_dim", "cat", [[a23, b22], -1], lambda: torch.cat([a23, b22], -1))
add("join", "cat_noncontiguous", "cat", [[a23.t(), b22.t()], 0], lambda: torch.cat([a23.t(), b22.t()], 0))
add("join", "cat_promote", "cat", [[T([1, 2], dtype=torch.int32), T([True]), T([0.5], dtype=torch.float16)]], lambda: torch.cat([T([1, 2], dtype=torch.int32), T([True]), T([0.5], dtype=torch.float16)]))
add("join", "cat_promote_uint8_bool", "cat", [[T([1, 2], dtype=torch.uint8), T([True])]], lambda: torch.cat([T([1, 2], dtype=torch.uint8), T([True])]))
add("join", "cat_promote_int_float", "cat", [[T([1, 2]), T([0.5])]], lambda: torch.cat([T([1, 2]), T([0.5])]))
add("join", "cat_legacy_empty_skipped", "cat", [[T([], dtype=torch.float64), b22]], lambda: torch.cat([T([], dtype=torch.float64), b22]))
add("join", "cat_legacy_empty_dim1", "cat", [[T([]), b22, T([])], 1], lambda: torch.cat([T([]), b22, T([])], 1))
add("join", "cat_all_empty", "cat", [[T([]), T([], dtype=torch.float64)], 5], lambda: torch.cat([T([]), T([], dtype=torch.float64)], 5))
add("join", "cat_2d_empty", "cat", [[b22, torch.zeros(0, 2)], 0], lambda: torch.cat([b22, torch.zeros(0, 2)], 0))
add("join", "cat_single", "cat", [[a23], 0], lambda: torch.cat([a23], 0))
add("join", "cat_bool", "cat", [[T([True]), T([False, True])]], lambda: torch.cat([T([True]), T([False, True])]))
add("join", "err_cat_empty_list", "cat", [[]], lambda: torch.cat([]))
add("join", "err_cat_ndim", "cat", [[b22, torch.ones(2)]], lambda: torch.cat([b22, torch.ones(2)]))
add("join", "err_cat_sizes", "cat", [[torch.ones(2, 2), torch.ones(3, 2)], 1], lambda: torch.cat([torch.ones(2, 2), torch.ones(3, 2)], 1))
add("join", "err_cat_sizes_skip_middle", "cat", [[torch.ones(2, 2), T([]), torch.ones(3, 3)], 1], lambda: torch.cat([torch.ones(2, 2), T([]), torch.ones(3, 3)], 1))
add("join", "err_cat_zero_dim", "cat", [[torch.ones(2), T(1.0)]], lambda: torch.cat([torch.ones(2), T(1.0)]))
add("join", "err_cat_dim", "cat", [[b22, b22], 2], lambda: torch.cat([b22, b22], 2))

add("join", "stack_dim0", "stack", [[a23, a23 + 10]], lambda: torch.stack([a23, a23 + 10]))
add("join", "stack_dim1", "stack", [[a23, a23 + 10], 1], lambda: torch.stack([a23, a23 + 10], 1))
add("join", "stack_dim_last", "stack", [[a23, a23.t().contiguous().t() + 10], -1], lambda: torch.stack([a23, a23 + 10], -1))
add("join", "stack_0dim_promote", "stack", [[T(1), T(2.5)]], lambda: torch.stack([T(1), T(2.5)]))
add("join", "err_stack_empty", "stack", [[]], lambda: torch.stack([]))
add("join", "err_stack_sizes", "stack", [[torch.ones(2), torch.ones(3)]], lambda: torch.stack([torch.ones(2), torch.ones(3)]))
add("join", "err_stack_dim", "stack", [[torch.ones(2), torch.ones(2)], 2], lambda: torch.stack([torch.ones(2), torch.ones(2)], 2))
add("join", "hstack", "hstack", [[T(1), T([2, 3])]], lambda: torch.hstack([T(1), T([2, 3])]))
add("join", "hstack_2d", "hstack", [[a23, b22]], lambda: torch.hstack([a23, b22]))
add("join", "vstack", "vstack", [[T(1), T([2])]], lambda: torch.vstack([T(1), T([2])]))
add("join", "vstack_1d", "vstack", [[T([1, 2]), T([3, 4])]], lambda: torch.vstack([T([1, 2]), T([3, 4])]))
add("join", "dstack", "dstack", [[T([1, 2]), T([3, 4])]], lambda: torch.dstack([T([1, 2]), T([3, 4])]))
add("join", "dstack_2d", "dstack", [[a23, a23]], lambda: torch.dstack([a23, a23]))
add("join", "err_hstack_empty", "hstack", [[]], lambda: torch.hstack([]))

# ================================================================ split / chunk / unbind
v10 = torch.arange(10.0)
m45 = torch.arange(20).reshape(4, 5)
add("join", "split_size", "split", [v10, 3], lambda: v10.split(3))
add("join", "split_size_exact", "split", [v10, 5], lambda: v10.split(5))
add("join", "split_size_larger", "split", [v10, 20], lambda: v10.split(20))
add("join", "split_sizes", "split", [v10, [1, 6, 0, 3]], lambda: v10.split([1, 6, 0, 3]))
add("join", "split_dim1", "split", [m45, 2, 1], lambda: m45.split(2, 1))
add("join", "split_sizes_dim_negative", "split", [m45, [3, 2], -1], lambda: m45.split([3, 2], -1))
add("join", "split_empty_dim_zero", "split", [torch.zeros(0, 2), 0], lambda: torch.zeros(0, 2).split(0))
add("join", "err_split_negative", "split", [torch.ones(5), -1], lambda: torch.ones(5).split(-1))
add("join", "err_split_zero", "split", [torch.ones(5), 0], lambda: torch.ones(5).split(0))
add("join", "err_split_sizes_sum", "split", [torch.ones(5), [2, 2]], lambda: torch.ones(5).split([2, 2]))
add("join", "err_split_sizes_negative", "split", [torch.ones(5), [6, -1]], lambda: torch.ones(5).split([6, -1]))
add("join", "err_split_0dim", "split", [T(1.0), 1], lambda: T(1.0).split(1))
add("join", "chunk_uneven", "chunk", [v10, 3], lambda: v10.chunk(3))
add("join", "chunk_fewer", "chunk", [torch.arange(6), 4], lambda: torch.arange(6).chunk(4))
add("join", "chunk_dim1", "chunk", [m45, 2, 1], lambda: m45.chunk(2, 1))
add("join", "chunk_empty", "chunk", [torch.zeros(0), 3], lambda: torch.zeros(0).chunk(3))
add("join", "err_chunk_zero", "chunk", [torch.ones(5), 0], lambda: torch.ones(5).chunk(0))
add("join", "err_chunk_0dim", "chunk", [T(1.0), 1], lambda: T(1.0).chunk(1))
add("join", "unbind", "unbind", [m45], lambda: m45.unbind())
add("join", "unbind_dim1", "unbind", [a23, 1], lambda: a23.unbind(1))
add("join", "err_unbind_0dim", "unbind", [T(1.0), 0], lambda: T(1.0).unbind(0))

# ================================================================ gather / scatter / indexSelect / take
g = torch.arange(12.0).reshape(3, 4)
add("join", "gather_dim1", "gather", [g, 1, T([[0, 0], [3, 1], [2, 2]])], lambda: g.gather(1, T([[0, 0], [3, 1], [2, 2]])))
add("join", "gather_dim0", "gather", [g, 0, T([[2, 1, 0, 0]])], lambda: g.gather(0, T([[2, 1, 0, 0]])))
add("join", "gather_larger_along_dim", "gather", [g, 0, T([[0], [1], [2], [2], [0]])], lambda: g.gather(0, T([[0], [1], [2], [2], [0]])))
add("join", "gather_noncontiguous", "gather", [g.t(), 0, T([[3, 0], [1, 2]])], lambda: g.t().gather(0, T([[3, 0], [1, 2]])))
add("join", "gather_0dim", "gather", [T(3.0), 0, T(0)], lambda: T(3.0).gather(0, T(0)))
add("join", "gather_0dim_1d_index", "gather", [T(3.0), 0, T([0, 0])], lambda: T(3.0).gather(0, T([0, 0])))
add("join", "gather_empty_index", "gather", [torch.zeros(2, 2), 0, torch.zeros(0, 5, dtype=L)], lambda: torch.zeros(2, 2).gather(0, torch.zeros(0, 5, dtype=L)))
add("join", "gather_int64", "gather", [y, 1, T([[3], [2], [0]])], lambda: y.gather(1, T([[3], [2], [0]])))
add("join", "err_gather_dtype", "gather", [v10, 0, T([0], dtype=torch.int32)], lambda: v10.gather(0, T([0], dtype=torch.int32)))
add("join", "err_gather_ndim", "gather", [v10, 0, T([[0]])], lambda: v10.gather(0, T([[0]])))
add("join", "err_gather_size", "gather", [torch.zeros(2, 2), 0, torch.zeros(2, 3, dtype=L)], lambda: torch.zeros(2, 2).gather(0, torch.zeros(2, 3, dtype=L)))
add("join", "err_gather_oob", "gather", [torch.zeros(2, 2), 1, T([[0, 2]])], lambda: torch.zeros(2, 2).gather(1, T([[0, 2]])))
add("join", "err_gather_negative", "gather", [torch.zeros(2, 2), 1, T([[0, -1]])], lambda: torch.zeros(2, 2).gather(1, T([[0, -1]])))

s_idx = T([[0, 1, 2, 0], [2, 0, 0, 1]])
s_src = torch.arange(1.0, 13.0).reshape(3, 4)
z34 = torch.zeros(3, 4)
add("join", "scatter_src", "scatter", [z34, 0, s_idx, s_src], lambda: z34.scatter(0, s_idx, s_src))
add("join", "scatter_dim1", "scatter", [z34, 1, T([[3], [0], [1]]), s_src], lambda: z34.scatter(1, T([[3], [0], [1]]), s_src))
add("join", "scatter_value", "scatter", [z34, 1, T([[3], [0], [1]]), 1.5], lambda: z34.scatter(1, T([[3], [0], [1]]), 1.5))
add("join", "scatter_value_int_truncates", "scatter", [torch.zeros(3, dtype=L), 0, T([1]), 2.7], lambda: torch.zeros(3, dtype=L).scatter(0, T([1]), 2.7))
add("join", "scatter_reduce_add", "scatter", [torch.ones(3, 4), 0, s_idx, s_src, {"reduce": "add"}], lambda: torch.ones(3, 4).scatter(0, s_idx, s_src, reduce="add"))
add("join", "scatter_reduce_multiply", "scatter", [torch.full((3, 4), 2.0), 0, s_idx, s_src, {"reduce": "multiply"}], lambda: torch.full((3, 4), 2.0).scatter(0, s_idx, s_src, reduce="multiply"))
add("join", "scatter_reduce_multiply_dim1", "scatter", [torch.full((2, 3), 2.0), 1, T([[0, 0, 2], [1, 1, 1]]), torch.arange(1.0, 7.0).reshape(2, 3), {"reduce": "multiply"}], lambda: torch.full((2, 3), 2.0).scatter(1, T([[0, 0, 2], [1, 1, 1]]), torch.arange(1.0, 7.0).reshape(2, 3), reduce="multiply"))
add("join", "scatter_value_reduce_add", "scatter", [torch.full((2, 2), 2.0), 0, torch.zeros(2, 2, dtype=L), 5.0, {"reduce": "add"}], lambda: torch.full((2, 2), 2.0).scatter(0, torch.zeros(2, 2, dtype=L), 5.0, reduce="add"))
add("join", "scatter_value_reduce_multiply", "scatter", [torch.full((2, 2), 2.0), 0, torch.zeros(2, 2, dtype=L), 3.0, {"reduce": "multiply"}], lambda: torch.full((2, 2), 2.0).scatter(0, torch.zeros(2, 2, dtype=L), 3.0, reduce="multiply"))
add("join", "scatter_0dim", "scatter", [T(1.0), 0, T(0), T(5.0)], lambda: T(1.0).scatter(0, T(0), T(5.0)))
add("join", "scatter_negative_index", "scatter", [torch.zeros(4), 0, T([-1, -4]), T([1.0, 2.0])], lambda: torch.zeros(4).scatter(0, T([-1, -4]), T([1.0, 2.0])))
add("join", "scatter_add", "scatterAdd", [torch.zeros(3), 0, T([0, 0, 2, 0]), T([1.0, 2.0, 3.0, 4.0])], lambda: torch.zeros(3).scatter_add(0, T([0, 0, 2, 0]), T([1.0, 2.0, 3.0, 4.0])))
add("join", "scatter_add_2d", "scatterAdd", [torch.ones(3, 4), 0, s_idx, s_src], lambda: torch.ones(3, 4).scatter_add(0, s_idx, s_src))
add("join", "scatter_add_int64", "scatterAdd", [torch.zeros(2, dtype=L), 0, T([1, 1, 1]), T([5, 6, 7])], lambda: torch.zeros(2, dtype=L).scatter_add(0, T([1, 1, 1]), T([5, 6, 7])))
add("join", "scatter_add_inplace", "scatterAdd_", [torch.ones(3, 4), 0, s_idx, s_src], lambda: torch.ones(3, 4).scatter_add_(0, s_idx, s_src))
add("join", "err_scatter_index_dtype", "scatter", [torch.zeros(3), 0, T([0], dtype=torch.int32), torch.ones(1)], lambda: torch.zeros(3).scatter(0, T([0], dtype=torch.int32), torch.ones(1)))
add("join", "err_scatter_src_dtype", "scatter", [torch.zeros(3), 0, T([0]), torch.ones(1, dtype=torch.float64)], lambda: torch.zeros(3).scatter(0, T([0]), torch.ones(1, dtype=torch.float64)))
add("join", "err_scatter_add_src_dtype", "scatterAdd", [torch.zeros(3), 0, T([0]), torch.ones(1, dtype=torch.float64)], lambda: torch.zeros(3).scatter_add(0, T([0]), torch.ones(1, dtype=torch.float64)))
add("join", "err_scatter_size", "scatter", [torch.zeros(2, 2), 0, torch.zeros(3, 2, dtype=L), torch.ones(2, 2)], lambda: torch.zeros(2, 2).scatter(0, torch.zeros(3, 2, dtype=L), torch.ones(2, 2)))
add("join", "err_scatter_size_self", "scatter", [torch.zeros(2, 2), 0, torch.zeros(2, 3, dtype=L), torch.ones(2, 3)], lambda: torch.zeros(2, 2).scatter(0, torch.zeros(2, 3, dtype=L), torch.ones(2, 3)))
add("join", "err_scatter_ndim", "scatter", [torch.zeros(2, 2), 0, torch.zeros(2, dtype=L), torch.ones(2)], lambda: torch.zeros(2, 2).scatter(0, torch.zeros(2, dtype=L), torch.ones(2)))
add("join", "err_scatter_src_ndim", "scatter", [torch.zeros(2, 2), 0, torch.zeros(2, 2, dtype=L), torch.ones(2)], lambda: torch.zeros(2, 2).scatter(0, torch.zeros(2, 2, dtype=L), torch.ones(2)))
add("join", "err_scatter_oob", "scatter", [torch.zeros(2, 2), 0, T([[0, 2]]), torch.ones(2, 2)], lambda: torch.zeros(2, 2).scatter(0, T([[0, 2]]), torch.ones(2, 2)))
add("join", "err_scatter_reduce", "scatter", [torch.zeros(2, 2), 0, torch.zeros(2, 2, dtype=L), torch.ones(2, 2), {"reduce": "max"}], lambda: torch.zeros(2, 2).scatter(0, torch.zeros(2, 2, dtype=L), torch.ones(2, 2), reduce="max"))
add("join", "err_scatter_add_size", "scatterAdd", [torch.zeros(2, 2), 0, torch.zeros(3, 2, dtype=L), torch.ones(2, 2)], lambda: torch.zeros(2, 2).scatter_add(0, torch.zeros(3, 2, dtype=L), torch.ones(2, 2)))

add("join", "index_select_dim0", "indexSelect", [g, 0, T([2, 0, 2])], lambda: g.index_select(0, T([2, 0, 2])))
add("join", "index_select_dim1", "indexSelect", [g, 1, T([3, 1])], lambda: g.index_select(1, T([3, 1])))
add("join", "index_select_negative_dim", "indexSelect", [x3, -1, T([0, 3])], lambda: x3.index_select(-1, T([0, 3])))
add("join", "index_select_int32", "indexSelect", [g, 0, T([1], dtype=torch.int32)], lambda: g.index_select(0, T([1], dtype=torch.int32)))
add("join", "index_select_0dim_index", "indexSelect", [v10, 0, T(2)], lambda: v10.index_select(0, T(2)))
add("join", "index_select_0dim_input", "indexSelect", [T(5.0), 0, T([0])], lambda: T(5.0).index_select(0, T([0])))
add("join", "index_select_empty_index", "indexSelect", [g, 1, T([], dtype=L)], lambda: g.index_select(1, T([], dtype=L)))
add("join", "index_select_noncontiguous", "indexSelect", [g.t(), 1, T([2, 0])], lambda: g.t().index_select(1, T([2, 0])))
add("join", "err_index_select_dtype", "indexSelect", [v10, 0, T([0.0])], lambda: v10.index_select(0, T([0.0])))
add("join", "err_index_select_2d", "indexSelect", [v10, 0, T([[0]])], lambda: v10.index_select(0, T([[0]])))
add("join", "err_index_select_oob", "indexSelect", [v10, 0, T([10])], lambda: v10.index_select(0, T([10])))
add("join", "err_index_select_negative", "indexSelect", [v10, 0, T([-1])], lambda: v10.index_select(0, T([-1])))
add("join", "err_index_select_empty_dim", "indexSelect", [torch.zeros(0, 2), 0, T([0])], lambda: torch.zeros(0, 2).index_select(0, T([0])))

add("join", "take", "take", [g, T([[0, 11], [5, 5]])], lambda: g.take(T([[0, 11], [5, 5]])))
add("join", "take_negative", "take", [g, T([-1, -12])], lambda: g.take(T([-1, -12])))
add("join", "take_noncontiguous", "take", [g.t(), T([1, 4])], lambda: g.t().take(T([1, 4])))
add("join", "take_0dim_index", "take", [g, T(7)], lambda: g.take(T(7)))
add("join", "err_take_dtype", "take", [v10, T([0], dtype=torch.int32)], lambda: v10.take(T([0], dtype=torch.int32)))
add("join", "err_take_oob", "take", [torch.arange(6.0), T([10])], lambda: torch.arange(6.0).take(T([10])))
add("join", "err_take_oob_negative", "take", [torch.arange(6.0), T([-7])], lambda: torch.arange(6.0).take(T([-7])))
add("join", "err_take_empty", "take", [torch.zeros(0), T([0])], lambda: torch.zeros(0).take(T([0])))

# ================================================================ repeat / tile / repeatInterleave
r2 = T([[1, 2], [3, 4]])
add("join", "repeat", "repeat", [r2, [2, 3]], lambda: r2.repeat(2, 3))
add("join", "repeat_new_dims", "repeat", [T([1, 2, 3]), [2, 1, 2]], lambda: T([1, 2, 3]).repeat(2, 1, 2))
add("join", "repeat_noncontiguous", "repeat", [r2.t(), [1, 2]], lambda: r2.t().repeat(1, 2))
add("join", "repeat_zero", "repeat", [r2, [2, 0]], lambda: r2.repeat(2, 0))
add("join", "repeat_0dim", "repeat", [T(3), [2, 2]], lambda: T(3).repeat(2, 2))
add("join", "repeat_0dim_empty", "repeat", [T(3), []], lambda: T(3).repeat(()))
add("join", "err_repeat_few", "repeat", [r2, [2]], lambda: r2.repeat(2))
add("join", "err_repeat_negative", "repeat", [r2, [2, -1]], lambda: r2.repeat(2, -1))
add("join", "tile_short", "tile", [r2, [2]], lambda: r2.tile(2))
add("join", "tile_long", "tile", [T([1, 2]), [2, 2]], lambda: T([1, 2]).tile(2, 2))
add("join", "repeat_interleave", "repeatInterleave", [r2, 2], lambda: r2.repeat_interleave(2))
add("join", "repeat_interleave_dim0", "repeatInterleave", [r2, 2, 0], lambda: r2.repeat_interleave(2, dim=0))
add("join", "repeat_interleave_dim1", "repeatInterleave", [r2, 3, 1], lambda: r2.repeat_interleave(3, dim=1))
add("join", "repeat_interleave_tensor", "repeatInterleave", [r2, T([1, 2]), 0], lambda: r2.repeat_interleave(T([1, 2]), dim=0))
add("join", "repeat_interleave_tensor_single", "repeatInterleave", [r2, T([2]), 1], lambda: r2.repeat_interleave(T([2]), dim=1))
add("join", "repeat_interleave_tensor_flat", "repeatInterleave", [T([5, 6, 7]), T([0, 1, 3])], lambda: T([5, 6, 7]).repeat_interleave(T([0, 1, 3])))
add("join", "repeat_interleave_only_repeats", "repeatInterleave", [T([1, 2, 0, 3])], lambda: torch.repeat_interleave(T([1, 2, 0, 3])))
add("join", "repeat_interleave_0dim", "repeatInterleave", [T(3), 2], lambda: T(3).repeat_interleave(2))
add("join", "repeat_interleave_zero", "repeatInterleave", [r2, 0, 1], lambda: r2.repeat_interleave(0, dim=1))
add("join", "err_repeat_interleave_negative", "repeatInterleave", [r2, -1], lambda: r2.repeat_interleave(-1))
add("join", "err_repeat_interleave_tensor_size", "repeatInterleave", [r2, T([1, 2, 3]), 0], lambda: r2.repeat_interleave(T([1, 2, 3]), dim=0))
add("join", "err_repeat_interleave_tensor_negative", "repeatInterleave", [r2, T([1, -2]), 0], lambda: r2.repeat_interleave(T([1, -2]), dim=0))

# ================================================================ flip / roll
add("join", "flip_0", "flip", [x3, [0]], lambda: x3.flip(0))
add("join", "flip_multi", "flip", [x3, [0, 2]], lambda: x3.flip(0, 2))
add("join", "flip_negative_dim", "flip", [x3, [-1]], lambda: x3.flip(-1))
add("join", "flip_noncontiguous", "flip", [g.t(), [1]], lambda: g.t().flip(1))
add("join", "flip_none", "flip", [g, []], lambda: g.flip([]))
add("join", "flip_0dim", "flip", [T(3.0), [0]], lambda: T(3.0).flip(0))
add("join", "flip_bool", "flip", [T([True, False, False]), [0]], lambda: T([True, False, False]).flip(0))
add("join", "err_flip_duplicate", "flip", [v10, [0, 0]], lambda: v10.flip(0, 0))
add("join", "roll_flat", "roll", [g, 1], lambda: g.roll(1))
add("join", "roll_flat_negative", "roll", [g, -5], lambda: g.roll(-5))
add("join", "roll_dim", "roll", [g, 1, 0], lambda: g.roll(1, 0))
add("join", "roll_dims", "roll", [g, [1, -1], [0, 1]], lambda: g.roll((1, -1), (0, 1)))
add("join", "roll_large", "roll", [g, 7, 1], lambda: g.roll(7, 1))
add("join", "roll_duplicate_dims", "roll", [torch.arange(6), [1, 1], [0, 0]], lambda: torch.arange(6).roll((1, 1), (0, 0)))
add("join", "roll_noncontiguous_flat", "roll", [g.t(), 2], lambda: g.t().roll(2))
add("join", "roll_0dim", "roll", [T(3.0), 1], lambda: T(3.0).roll(1))
add("join", "roll_empty", "roll", [torch.zeros(0), 1], lambda: torch.zeros(0).roll(1))
add("join", "err_roll_mismatch", "roll", [v10, [1, 2], [0]], lambda: v10.roll((1, 2), (0,)))
add("join", "err_roll_no_dims_multi", "roll", [v10, [1, 2]], lambda: v10.roll((1, 2)))

# ================================================================ triu / tril / diag / diagonal
sq = torch.arange(1.0, 13.0).reshape(3, 4)
add("join", "triu", "triu", [sq], lambda: sq.triu())
add("join", "triu_k1", "triu", [sq, 1], lambda: sq.triu(1))
add("join", "triu_k_negative", "triu", [sq, -1], lambda: sq.triu(-1))
add("join", "tril", "tril", [sq], lambda: sq.tril())
add("join", "tril_k2", "tril", [sq, 2], lambda: sq.tril(2))
add("join", "tril_batched", "tril", [x3, -1], lambda: x3.tril(-1))
add("join", "triu_bool", "triu", [torch.ones(2, 2, dtype=torch.bool)], lambda: torch.ones(2, 2, dtype=torch.bool).triu())
add("join", "triu_int64", "triu", [y], lambda: y.triu())
add("join", "tril_noncontiguous", "tril", [sq.t()], lambda: sq.t().tril())
add("join", "err_triu_1d", "triu", [v10], lambda: v10.triu())
add("join", "err_tril_0dim", "tril", [T(5.0)], lambda: T(5.0).tril())
add("join", "diag_1d", "diag", [T([1, 2, 3])], lambda: T([1, 2, 3]).diag())
add("join", "diag_1d_k1", "diag", [T([1.0, 2.0]), 1], lambda: T([1.0, 2.0]).diag(1))
add("join", "diag_1d_k_negative", "diag", [T([1, 2]), -1], lambda: T([1, 2]).diag(-1))
add("join", "diag_2d", "diag", [sq], lambda: sq.diag())
add("join", "diag_2d_k1", "diag", [sq, 1], lambda: sq.diag(1))
add("join", "diag_2d_k_negative", "diag", [sq, -2], lambda: sq.diag(-2))
add("join", "diag_2d_noncontiguous", "diag", [sq.t(), 1], lambda: sq.t().diag(1))
add("join", "err_diag_3d", "diag", [torch.zeros(2, 2, 2)], lambda: torch.zeros(2, 2, 2).diag())
add("join", "err_diag_0dim", "diag", [T(1.0)], lambda: T(1.0).diag())
add("join", "diagonal", "diagonal", [sq, 1], lambda: sq.diagonal(1))
add("join", "diagonal_dims", "diagonal", [x3, 0, 1, 2], lambda: x3.diagonal(0, 1, 2))
add("join", "diagonal_negative", "diagonal", [sq, -1], lambda: sq.diagonal(-1))

# ================================================================ pad
p23 = torch.arange(6.0).reshape(2, 3)
img = torch.arange(1.0, 13.0).reshape(1, 1, 3, 4)
vol = torch.arange(24.0).reshape(1, 1, 2, 3, 4)
def padc(name, x, pad, mode="constant", value=None):
    ts_args = [x, list(pad)] + ([mode] if mode != "constant" or value is not None else []) + ([value] if value is not None else [])
    add("pad", name, "pad", ts_args, lambda: F.pad(x, pad, mode=mode, value=value) if value is not None else F.pad(x, pad, mode=mode))

padc("constant_last", p23, (1, 2))
padc("constant_two_dims", p23, (1, 0, 0, 2))
padc("constant_value", p23, (1, 1), "constant", 2.5)
padc("constant_int_value_truncates", torch.arange(4).reshape(1, 4), (1, 2), "constant", 2.5)
padc("constant_bool", T([True, False]), (1, 2))
padc("constant_negative", p23, (-1, 0, 1, 1))
padc("constant_negative_to_empty", p23, (-1, -2))
padc("constant_empty_input", torch.ones(2, 0), (1, 1))
padc("constant_noncontiguous", p23.t(), (1, 1, 1, 0))
padc("constant_3d_all", x3, (1, 1, 0, 1, 1, 0))
padc("reflect_1d", p23, (2, 1), "reflect")
padc("reflect_1d_batched", x3, (3, 3), "reflect")
padc("reflect_2d", img, (1, 2, 2, 1), "reflect")
padc("reflect_2d_unbatched", img[0], (3, 0, 0, 2), "reflect")
padc("reflect_3d", vol, (1, 1, 2, 0, 1, 1), "reflect")
padc("reflect_negative", T([[0.0, 1.0, 2.0, 3.0]]), (-1, 2), "reflect")
padc("replicate_1d", p23, (2, 3), "replicate")
padc("replicate_2d", img, (2, 1, 0, 3), "replicate")
padc("replicate_3d", vol, (1, 0, 1, 2, 2, 1), "replicate")
padc("replicate_negative", T([[0.0, 1.0, 2.0, 3.0]]), (-1, 2), "replicate")
padc("circular_1d", torch.arange(4.0).reshape(1, 1, 4), (2, 3), "circular")
padc("circular_2d", img, (1, 2, 3, 1), "circular")
padc("circular_3d", vol, (1, 1, 1, 0, 0, 1), "circular")
padc("circular_negative", torch.arange(4.0).reshape(1, 1, 4), (-1, 2), "circular")
padc("circular_negative_right", torch.arange(5.0).reshape(1, 1, 5), (2, -1), "circular")
padc("err_odd", p23, (1,))
padc("err_too_large", torch.ones(2), (1, 1, 1, 1))
padc("err_negative_crop", torch.ones(2, 3), (-2, -2))
padc("err_reflect_too_big", torch.ones(1, 3), (3, 3), "reflect")
padc("err_reflect_too_big_h", torch.ones(1, 3, 3), (1, 1, 3, 3), "reflect")
padc("err_reflect_too_big_d", torch.ones(1, 3, 3, 3), (1, 1, 1, 1, 3, 1), "reflect")
padc("err_reflect_1d_input", torch.arange(3.0), (2, 1), "reflect")
padc("err_reflect_value", torch.ones(1, 4), (1, 2), "reflect", 1.0)
padc("err_replicate_too_small", torch.ones(1, 3), (-3, 0), "replicate")
padc("err_circular_wraps", torch.ones(1, 1, 4), (5, 2), "circular")
padc("err_circular_empty", torch.ones(1, 1, 3), (-3, -1), "circular")
padc("err_circular_dims", p23, (1, 2), "circular")
padc("err_mode", torch.ones(1, 4), (1, 2), "foo")

# ================================================================ sort / argsort / topk / unique
s2 = T([[3.0, 1.0, 2.0, 1.0], [0.5, -1.0, 0.5, 9.0], [4.0, 4.0, -4.0, 0.0]])
ties = T([1, 2, 1, 2, 1, 0, 2])
add("sort", "sort_1d", "sort", [T([3.0, 1.0, 2.0])], lambda: T([3.0, 1.0, 2.0]).sort())
add("sort", "sort_nan", "sort", [nanv], lambda: nanv.sort())
add("sort", "sort_nan_descending", "sort", [nanv, {"descending": True}], lambda: nanv.sort(descending=True))
add("sort", "sort_ties_stable", "sort", [ties, {"stable": True}], lambda: ties.sort(stable=True))
add("sort", "sort_ties_descending_stable", "sort", [ties, {"descending": True, "stable": True}], lambda: ties.sort(descending=True, stable=True))
add("sort", "sort_dim0", "sort", [s2, 0], lambda: s2.sort(dim=0, stable=True))
add("sort", "sort_dim1_positional_descending", "sort", [s2, 1, True], lambda: s2.sort(dim=1, descending=True, stable=True))
add("sort", "sort_3d_dim1", "sort", [torch.tensor([[[3, 1], [2, 5], [0, 4]], [[9, 9], [8, 1], [7, 0]]]), {"dim": 1}], lambda: torch.tensor([[[3, 1], [2, 5], [0, 4]], [[9, 9], [8, 1], [7, 0]]]).sort(dim=1, stable=True))
add("sort", "sort_noncontiguous", "sort", [s2.t(), -1], lambda: s2.t().sort(dim=-1, stable=True))
add("sort", "sort_bool", "sort", [T([True, False, True])], lambda: T([True, False, True]).sort(stable=True))
add("sort", "sort_float16", "sort", [T([1.5, -2.0, 0.25], dtype=torch.float16)], lambda: T([1.5, -2.0, 0.25], dtype=torch.float16).sort())
add("sort", "sort_int64_big", "sort", [T([2 ** 40, -(2 ** 45), 3])], lambda: T([2 ** 40, -(2 ** 45), 3]).sort())
add("sort", "sort_0dim", "sort", [T(3.0)], lambda: T(3.0).sort())
add("sort", "sort_empty", "sort", [torch.zeros(0, 3), 0], lambda: torch.zeros(0, 3).sort(0))
add("sort", "err_sort_dim", "sort", [s2, 2], lambda: s2.sort(2))
add("sort", "argsort", "argsort", [T([3, 1, 2])], lambda: torch.argsort(T([3, 1, 2])))
add("sort", "argsort_descending", "argsort", [T([3, 1, 2]), {"descending": True}], lambda: torch.argsort(T([3, 1, 2]), descending=True))
add("sort", "argsort_dim0", "argsort", [s2, 0], lambda: torch.sort(s2, dim=0, stable=True)[1])
add("sort", "msort", "msort", [s2], lambda: torch.msort(s2))

tk = T([[1.0, 5.0, 3.0, 9.0, -2.0], [0.0, 7.0, 8.0, -1.0, 4.0]])
add("sort", "topk", "topk", [tk, 2], lambda: tk.topk(2))
add("sort", "topk_smallest", "topk", [tk, 3, {"largest": False}], lambda: tk.topk(3, largest=False))
add("sort", "topk_positional", "topk", [tk, 1, 0, False], lambda: tk.topk(1, 0, False))
add("sort", "topk_dim0", "topk", [tk, 2, {"dim": 0}], lambda: tk.topk(2, dim=0))
add("sort", "topk_all", "topk", [tk, 5], lambda: tk.topk(5))
add("sort", "topk_zero", "topk", [tk, 0], lambda: tk.topk(0))
add("sort", "topk_nan", "topk", [T([1.0, float("nan"), 3.0]), 2], lambda: T([1.0, float("nan"), 3.0]).topk(2))
add("sort", "topk_nan_smallest", "topk", [T([1.0, float("nan"), 3.0]), 2, {"largest": False}], lambda: T([1.0, float("nan"), 3.0]).topk(2, largest=False))
add("sort", "topk_int64", "topk", [T([4, -3, 10, 7]), 3], lambda: T([4, -3, 10, 7]).topk(3))
add("sort", "topk_noncontiguous", "topk", [tk.t(), 1], lambda: tk.t().topk(1))
add("sort", "topk_0dim", "topk", [T(3.0), 1], lambda: T(3.0).topk(1))
add("sort", "err_topk_big", "topk", [torch.arange(3.0), 4], lambda: torch.arange(3.0).topk(4))
add("sort", "err_topk_negative", "topk", [torch.arange(3.0), -1], lambda: torch.arange(3.0).topk(-1))

def uniq(name, x, **kw):
    ts = {{"return_inverse": "returnInverse", "return_counts": "returnCounts"}.get(k, k): v for k, v in kw.items()}
    add("sort", name, "unique", [x, ts] if ts else [x], lambda: torch.unique(x, **kw))

uniq("unique", T([3, 1, 2, 3, 1]))
uniq("unique_inverse_counts", T([[3, 1], [2, 3]]), return_inverse=True, return_counts=True)
uniq("unique_inverse", T([2.5, -1.0, 2.5, 0.0]), return_inverse=True)
uniq("unique_counts", T([2.5, -1.0, 2.5, 0.0, 2.5]), return_counts=True)
uniq("unique_nan_values", T([float("nan"), 1.0, float("nan")]))
uniq("unique_bool", T([True, False, True]))
uniq("unique_0dim", T(3), return_inverse=True)
uniq("unique_empty", torch.zeros(0), return_inverse=True, return_counts=True)
uniq("unique_dim0", T([[1, 2], [0, 5], [1, 2]]), dim=0, return_inverse=True, return_counts=True)
uniq("unique_dim1", T([[1, 2, 1], [0, 5, 0]]), dim=1, return_inverse=True, return_counts=True)
uniq("unique_dim0_lexicographic", T([[2.0, 0.0], [1.0, 9.0], [1.0, 3.0], [2.0, 0.0]]), dim=0, return_inverse=True)
uniq("unique_dim_empty", torch.zeros(0, 2), dim=0)
uniq("err_unique_dim_0dim", T(3), dim=0)

with open(OUT, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.relpath(OUT)}")
