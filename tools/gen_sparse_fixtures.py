#!/usr/bin/python3
"""Generate the sparse COO fixtures: what PyTorch 1.13 does with torch.sparse_coo_tensor and with the
sparse gradient of an embedding.

Run with Debian's python3-torch:  /usr/bin/python3 tools/gen_sparse_fixtures.py

Files:

  packages/tensor/test/fixtures/sparse.json
    tensors   sparse tensors built from (indices, values, size): str(t), layout, sparse_dim, dense_dim,
              nnz, is_coalesced, to_dense(), and the same for t.coalesce()
    adds      a + alpha * b for two sparse tensors (each coalesced first or not, values contiguous or
              a transposed view): the result's indices, values, is_coalesced and str
    dense     dense + alpha * sparse, dense.add_(sparse), dense.sparse_mask(coalesced sparse)
    scalars   sparse * k, k * sparse, sparse / k, -sparse, sparse.zero_()
    to_sparse dense.to_sparse() and to_sparse(1)
    errors    the messages of constructor misuse and of unsupported combinations

  packages/nn/test/fixtures/embedding_sparse.json
    cases     F.embedding(indices, weight, sparse=True, padding_idx=...) run backward with an upstream
              gradient (or via .sum()), once or twice: grad_fn name, str(weight.grad), its is_coalesced,
              and the coalesced indices/values; the dense gradient of the same lookups for comparison
    mixed     a dense gradient meeting a sparse one in .grad (in both orders) and in one backward

A tensor is {"shape", "dtype", "data"} (data flat, row-major).
"""
import json
import os

import torch
import torch.nn.functional as F
from fixture_io import DTYPE_NAMES, enc_values

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")


def enc(t):
    return {"shape": list(t.shape), "dtype": DTYPE_NAMES[t.dtype], "data": enc_values(t)}


def describe(s):
    return {
        "str": str(s),
        "indices": enc(s._indices()),
        "values": enc(s._values()),
        "is_coalesced": s.is_coalesced(),
        "nnz": s._nnz(),
    }


def error_of(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the message is the fixture
        return str(e).split("\n")[0]
    raise AssertionError("expected an error")


def make(indices, values, size=None, dtype=torch.float32):
    i = torch.tensor(indices, dtype=torch.int64)
    v = torch.tensor(values, dtype=dtype)
    return torch.sparse_coo_tensor(i, v, size) if size is not None else torch.sparse_coo_tensor(i, v)


TENSORS = [
    ("2d uncoalesced with a repeat", [[0, 2, 0], [1, 0, 1]], [3.0, 4.0, 5.0], [3, 4], torch.float32),
    ("2d inferred size", [[0, 2, 1], [1, 0, 3]], [3.5, -4.0, 0.25], None, torch.float32),
    ("hybrid rows", [[4, 1, 4, 0]], [[1.0, 2.0], [3.0, 4.0], [0.5, 0.5], [-1.0, 7.0]], [5, 2], torch.float32),
    ("float64", [[1, 0]], [1.5, 2.25], [3], torch.float64),
    ("int64 values", [[0, 1, 1], [2, 0, 0]], [7, 8, 9], [2, 3], torch.int64),
    ("one entry", [[1], [2]], [6.0], [2, 3], torch.float32),
    ("3d sparse", [[0, 1, 0, 1], [1, 0, 1, 1], [2, 2, 2, 0]], [1.0, 2.0, 3.0, 4.0], [2, 2, 3], torch.float32),
    ("hybrid 3d values", [[2, 0, 2]], [[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]], [[0.5, 0.25], [0.125, 1.0]]], [3, 2, 2], torch.float32),
]


def tensor_fixtures():
    out = []
    for name, indices, values, size, dtype in TENSORS:
        s = make(indices, values, size, dtype)
        c = s.coalesce()
        out.append({
            "name": name,
            "indices": indices,
            "values": enc(torch.tensor(values, dtype=dtype)),
            "size": size,
            "layout": str(s.layout),
            "shape": list(s.shape),
            "sparse_dim": s.sparse_dim(),
            "dense_dim": s.dense_dim(),
            "built": describe(s),
            "coalesced": describe(c),
            "dense": enc(s.to_dense()),
        })
    # An empty one, as an all-padding gradient is.
    e = torch.sparse_coo_tensor(torch.zeros(1, 0, dtype=torch.int64), torch.zeros(0, 3), (4, 3))
    out.append({"name": "empty hybrid", "indices": [[]], "values": enc(torch.zeros(0, 3)), "size": [4, 3],
                "layout": str(e.layout), "shape": [4, 3], "sparse_dim": 1, "dense_dim": 1,
                "built": describe(e), "coalesced": describe(e.coalesce()), "dense": enc(e.to_dense())})
    return out


ROWS_A = ([[4, 1, 4]], [[1.0, 2.0], [3.0, 4.0], [0.5, 0.5]])
ROWS_B = ([[2, 1]], [[10.0, 20.0], [30.0, 40.0]])
ROWS_C = ([[0, 3]], [[-1.0, 1.0], [2.0, -2.0]])


def rows(spec, coalesced, contiguous):
    i = torch.tensor(spec[0])
    v = torch.tensor(spec[1])
    if not contiguous:
        v = v.t().contiguous().t()  # the same values, column-major
    s = torch.sparse_coo_tensor(i, v, (5, 2))
    return s.coalesce() if coalesced else s


def add_fixtures():
    out = []
    for a_name, a_spec in (("A", ROWS_A), ("C", ROWS_C)):
        for b_name, b_spec in (("B", ROWS_B), ("C", ROWS_C), ("A", ROWS_A)):
            for a_coal in (False, True):
                for b_coal in (False, True):
                    for contiguous in (True, False):
                        for alpha in (1.0, -0.5):
                            a = rows(a_spec, a_coal, contiguous)
                            b = rows(b_spec, b_coal, True)
                            r = torch.add(a, b, alpha=alpha)
                            out.append({"a": a_name, "b": b_name, "a_coalesced": a_coal, "b_coalesced": b_coal,
                                        "a_contiguous": contiguous, "alpha": alpha, "result": describe(r)})
    # In place (grad accumulation's `variable_grad += new_grad`).
    for a_coal in (False, True):
        a = rows(ROWS_A, a_coal, True)
        a.add_(rows(ROWS_B, False, True))
        out.append({"a": "A", "b": "B", "a_coalesced": a_coal, "b_coalesced": False, "a_contiguous": True, "alpha": 1.0,
                    "inplace": True, "result": describe(a)})
    return out


def dense_fixtures():
    g = torch.Generator().manual_seed(5)
    d = torch.randn(5, 2, generator=g)
    s = rows(ROWS_A, False, True)
    out = {"dense": enc(d), "sparse": "A"}
    out["add"] = enc(d + s)
    out["add_alpha"] = enc(torch.add(d, s, alpha=-2.5))
    x = d.clone()
    x.add_(s, alpha=0.5)
    out["add_inplace"] = enc(x)
    out["sub"] = enc(d - s)
    out["sparse_mask"] = describe(d.sparse_mask(s.coalesce()))
    return out


def scalar_fixtures():
    s = rows(ROWS_A, False, True)
    z = s.clone()
    z.zero_()
    return {
        "mul": describe(s * 2.5),
        "rmul": describe(2.5 * s),
        "div": describe(s / 4),
        "neg": describe(-s),
        "mul_coalesced": describe(s.coalesce() * 3),
        "zero_": describe(z),
    }


def to_sparse_fixtures():
    x = torch.tensor([[0.0, 1.5, 0.0], [0.0, 0.0, 0.0], [2.0, 0.0, -3.0]])
    return {"dense": enc(x), "full": describe(x.to_sparse()), "rows": describe(x.to_sparse(1)),
            "zeros": describe(torch.zeros(2, 2).to_sparse()), "too_many_dims": error_of(lambda: x.to_sparse(3))}


def errors():
    s = rows(ROWS_A, False, True)
    i = torch.tensor([[0, 2, 0], [1, 0, 1]])
    v = torch.tensor([3.0, 4.0, 5.0])
    return {
        "sparse_plus_dense": error_of(lambda: s + torch.ones(5, 2)),
        "size_mismatch": error_of(lambda: s + torch.sparse_coo_tensor(torch.tensor([[0]]), torch.ones(1, 2), (6, 2))),
        "density_mismatch": error_of(lambda: s + torch.sparse_coo_tensor(torch.tensor([[0], [1]]), torch.ones(1), (5, 2))),
        "index_out_of_size": error_of(lambda: torch.sparse_coo_tensor(i, v, (1, 4))),
        "negative_index": error_of(lambda: torch.sparse_coo_tensor(torch.tensor([[0, -1]]), torch.ones(2), (3,))),
        "nnz_mismatch": error_of(lambda: torch.sparse_coo_tensor(i, torch.ones(2), (3, 4))),
        "indices_1d": error_of(lambda: torch.sparse_coo_tensor(torch.tensor([0, 1]), torch.ones(2), (3,))),
        "ndim_mismatch": error_of(lambda: torch.sparse_coo_tensor(i, v, (3, 4, 5))),
        "uncoalesced_indices": error_of(lambda: s.indices()),
        "uncoalesced_values": error_of(lambda: s.values()),
    }


# ---------------------------------------------------------------- embedding

def embedding_case(name, lookups, padding_idx=None, upstream="random", num=6, dim=3):
    """lookups: the index lists of successive forward/backward passes into the same .grad."""
    g = torch.Generator().manual_seed(11)
    weight = torch.randn(num, dim, generator=g)
    w = weight.clone().requires_grad_(True)
    wd = weight.clone().requires_grad_(True)
    grad_fn = None
    passes = []
    for idx in lookups:
        index = torch.tensor(idx)
        out = F.embedding(index, w, padding_idx=padding_idx, sparse=True)
        outd = F.embedding(index, wd, padding_idx=padding_idx)
        grad_fn = type(out.grad_fn).__name__
        if upstream == "sum":
            out.sum().backward()
            outd.sum().backward()
            up = None
        else:
            up = torch.randn(out.shape, generator=g)
            out.backward(up)
            outd.backward(up)
        passes.append({"indices": idx, "upstream": enc(up) if up is not None else None, "grad": describe(w.grad)})
    return {"name": name, "weight": enc(weight), "padding_idx": padding_idx, "upstream": upstream, "grad_fn": grad_fn,
            "passes": passes, "coalesced": describe(w.grad.coalesce()), "dense_grad": enc(wd.grad)}


def embedding_fixtures():
    cases = [
        embedding_case("batch of pairs", [[[1, 2], [1, 4]]]),
        embedding_case("sum upstream", [[[1, 2], [1, 4]]], upstream="sum"),
        embedding_case("padding", [[1, 2, 1, 5, 2]], padding_idx=2),
        embedding_case("negative padding", [[[0, 5], [5, 3]]], padding_idx=-1),
        embedding_case("all padding", [[2, 2]], padding_idx=2),
        embedding_case("single index", [[3]]),
        embedding_case("two passes", [[3, 1], [2]], upstream="sum"),
        embedding_case("two passes random", [[3, 1, 3], [0, 3]]),
        embedding_case("three passes", [[4], [4, 0], [1]], upstream="sum"),
    ]
    g = torch.Generator().manual_seed(12)
    weight = torch.randn(6, 3, generator=g)
    mixed = {"weight": enc(weight)}
    # sparse .grad, then a dense gradient: .grad becomes dense (new_grad + variable_grad)
    w = weight.clone().requires_grad_(True)
    F.embedding(torch.tensor([1, 3]), w, sparse=True).sum().backward()
    (w * 2).sum().backward()
    mixed["sparse_then_dense"] = enc(w.grad)
    # dense .grad, then a sparse gradient: added in place
    w = weight.clone().requires_grad_(True)
    (w * 2).sum().backward()
    F.embedding(torch.tensor([1, 3]), w, sparse=True).sum().backward()
    mixed["dense_then_sparse"] = enc(w.grad)
    # both in one backward
    w = weight.clone().requires_grad_(True)
    (F.embedding(torch.tensor([1, 3]), w, sparse=True).sum() + (w * 2).sum()).backward()
    mixed["one_backward"] = enc(w.grad)
    # two sparse lookups in one backward: the input buffer adds them
    w = weight.clone().requires_grad_(True)
    (F.embedding(torch.tensor([1, 3]), w, sparse=True).sum() + F.embedding(torch.tensor([4]), w, sparse=True).sum()).backward()
    mixed["two_sparse_one_backward"] = {"is_sparse": w.grad.is_sparse, "coalesced": describe(w.grad.coalesce())}
    mixed["scale_grad_by_freq_error"] = error_of(
        lambda: F.embedding(torch.tensor([1, 3]), weight.clone().requires_grad_(True), sparse=True, scale_grad_by_freq=True).sum().backward())
    # zero_grad(set_to_none=False) on a sparse .grad, then another backward
    w = weight.clone().requires_grad_(True)
    opt = torch.optim.SGD([w], lr=0.1)
    F.embedding(torch.tensor([1, 3]), w, sparse=True).sum().backward()
    opt.zero_grad(set_to_none=False)
    mixed["zeroed"] = describe(w.grad)
    F.embedding(torch.tensor([2]), w, sparse=True).sum().backward()
    mixed["after_zeroed"] = describe(w.grad)
    m = torch.nn.Embedding(5, 2, sparse=True, padding_idx=0)
    return {"cases": cases, "mixed": mixed, "module_repr": repr(m)}


def write(path, data):
    with open(path, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print("wrote", os.path.relpath(path, ROOT))


def main():
    write(os.path.join(ROOT, "packages", "tensor", "test", "fixtures", "sparse.json"), {
        "tensors": tensor_fixtures(),
        "rows": {"A": ROWS_A, "B": ROWS_B, "C": ROWS_C, "size": [5, 2]},
        "adds": add_fixtures(),
        "dense": dense_fixtures(),
        "scalars": scalar_fixtures(),
        "to_sparse": to_sparse_fixtures(),
        "errors": errors(),
    })
    write(os.path.join(ROOT, "packages", "nn", "test", "fixtures", "embedding_sparse.json"), embedding_fixtures())


if __name__ == "__main__":
    main()
