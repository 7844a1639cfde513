"""Fixtures for @x's CPU generator (issue #22): PyTorch 1.13's CPU random streams, bit for bit.

Writes packages/tensor/fixtures/rng.json. Each case names a call, the seed, and the expected
values as bit patterns (float32/float64 as hex of their IEEE bits, integers as decimal strings): all
of them for small tensors; for large ones the SHA-256 of the little-endian bytes, the sum, and a few
sampled positions, so the file stays small. Also a generator state saved by PyTorch (get_state, as
base64) with the draws that follow it, so the test loads PyTorch's state layout.

Run with /usr/bin/python3 (Debian's torch 1.13).
"""
import base64
import hashlib
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "packages", "tensor", "fixtures", "rng.json")
FULL = 64  # tensors up to this many elements are stored whole
SAMPLES = 16


def bits(t):
    if t.dtype in (torch.float16, torch.bfloat16):
        a = t.contiguous().view(torch.int16).numpy().reshape(-1).view(np.uint16)
        return a, [format(int(v), "04x") for v in a]
    a = t.contiguous().numpy().reshape(-1)
    if t.dtype == torch.float32:
        return a.view(np.uint32), [format(int(v), "08x") for v in a.view(np.uint32)]
    if t.dtype == torch.float64:
        return a.view(np.uint64), [format(int(v), "016x") for v in a.view(np.uint64)]
    return a, [str(int(v)) for v in a]


def encode(t):
    raw, enc = bits(t)
    out = {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", "")}
    n = t.numel()
    if n <= FULL:
        out["values"] = enc
        return out
    idx = sorted(set([0, 1, 15, 16, 17, n - 17, n - 16, n - 1] + [int(i) for i in np.linspace(0, n - 1, SAMPLES)]))
    out["samples"] = {str(i): enc[i] for i in idx}
    out["sha256"] = hashlib.sha256(raw.tobytes()).hexdigest()
    return out


SEEDS = [0, 1, 42, 2**40 + 7, -1]
cases = []


def case(name, seed, fn, **args):
    torch.manual_seed(seed)
    t = fn()
    cases.append({"name": name, "seed": str(seed), "args": args, "expected": encode(t)})


for seed in SEEDS:
    for dtype in ["float32", "float64"]:
        dt = getattr(torch, dtype)
        for n in [1, 15, 16, 17, 1000, 100003]:
            case("rand", seed, lambda: torch.rand(n, dtype=dt), size=[n], dtype=dtype)
        for n in [1, 2, 3, 15, 16, 17, 31, 33, 1000, 100003]:
            case("randn", seed, lambda: torch.randn(n, dtype=dt), size=[n], dtype=dtype)
        case("uniform_", seed, lambda: torch.empty(300, dtype=dt).uniform_(-3.3, 7.1), size=[300], dtype=dtype, a=-3.3, b=7.1)
        case("normal_", seed, lambda: torch.empty(300, dtype=dt).normal_(2, 0.5), size=[300], dtype=dtype, a=2, b=0.5)
        case("normal_", seed, lambda: torch.empty(7, dtype=dt).normal_(-1, 3), size=[7], dtype=dtype, a=-1, b=3)
        case("randn", seed, lambda: torch.randn(4, 8, dtype=dt).t(), size=[4, 8], dtype=dtype, transposed=True)
        # fills of non-contiguous tensors: PyTorch's TensorIterator walks them in memory order
        case("filled_view", seed, lambda: torch.empty(8, 5, dtype=dt).t().uniform_(-1, 2), size=[8, 5], dtype=dtype, fill="uniform_")
        case("filled_view", seed, lambda: torch.empty(6, 7, dtype=dt).t().normal_(), size=[6, 7], dtype=dtype, fill="normal_")
        case("filled_view", seed, lambda: torch.empty(4, 10, dtype=dt)[:, ::2].uniform_(), size=[4, 10], dtype=dtype, fill="uniform_", step=2)
    for dtype in ["float16", "bfloat16"]:
        for n in [7, 40, 1000]:
            case("rand", seed, lambda: torch.rand(n, dtype=getattr(torch, dtype)), size=[n], dtype=dtype)
        case("uniform_", seed, lambda: torch.empty(300, dtype=getattr(torch, dtype)).uniform_(-2, 3), size=[300], dtype=dtype, a=-2, b=3)
    for lo, hi, dtype in [(0, 10, "int64"), (-5, 2**33, "int64"), (0, 100, "float32"), (3, 2**35, "float64"), (0, 7, "int32"), (-2**31, 2**31 - 1, "int32")]:
        case("randint", seed, lambda: torch.randint(lo, hi, (300,), dtype=getattr(torch, dtype)), size=[300], dtype=dtype, low=lo, high=hi)
    for dtype in ["int64", "int32", "float32", "float64", "uint8"]:
        case("random_", seed, lambda: torch.empty(50, dtype=getattr(torch, dtype)).random_(), size=[50], dtype=dtype)
    for n in [1, 2, 5, 100, 1000, 30000]:
        case("randperm", seed, lambda: torch.randperm(n), n=n)
    for dtype in ["float32", "float64"]:
        case("bernoulli_", seed, lambda: torch.empty(1000, dtype=getattr(torch, dtype)).bernoulli_(0.3), size=[1000], dtype=dtype, p=0.3)
    for dtype in ["float32", "float64"]:
        for lam in [1.0, 2.5]:
            case("exponential_", seed, lambda: torch.empty(500, dtype=getattr(torch, dtype)).exponential_(lam), size=[500], dtype=dtype, lambd=lam)
    probs = torch.linspace(0, 1, 200)
    case("bernoulli", seed, lambda: torch.bernoulli(probs), n=200, dtype="float32")
    case("bernoulli", seed, lambda: torch.bernoulli(probs.double()), n=200, dtype="float64")
    case("bernoulli_", seed, lambda: torch.empty(4, 50, dtype=torch.float64).bernoulli_(probs[:50]), size=[4, 50], dtype="float64", tensorP=50)
    mp = torch.tensor([[0.1, 0.2, 0.3, 0.4, 0.0, 0.05], [1, 1, 1, 1, 1, 1.0], [0.0, 0.0, 3.0, 1.0, 0.5, 2.0]])
    for dtype in ["float32", "float64"]:
        # (no k beyond the nonzero probabilities: zero ratios tie, and topk orders ties its own way)
        for k, repl in [(1, False), (3, False), (4, False), (1, True), (25, True)]:
            case("multinomial", seed, lambda: torch.multinomial(mp.to(getattr(torch, dtype)), k, repl), dtype=dtype, k=k, replacement=repl)
        case("multinomial", seed, lambda: torch.multinomial(mp[0].to(getattr(torch, dtype)), 10, True), dtype=dtype, k=10, replacement=True, row=True)
    case("dropout", seed, lambda: F.dropout(torch.ones(1000), 0.2, training=True), size=[1000], p=0.2)

# Consecutive draws share the generator: the cached second normal carries from one call to the next.
torch.manual_seed(7)
seq = [torch.randn(3, dtype=torch.float64), torch.randn(1), torch.randn(2, dtype=torch.float64), torch.rand(3), torch.randn(20), torch.randn(5)]
cases.append({"name": "sequence", "seed": "7", "args": {}, "expected": [encode(t) for t in seq]})

# A state saved by PyTorch (after draws, with a cached normal) and what follows it.
torch.manual_seed(11)
torch.rand(1000)
torch.randn(3, dtype=torch.float64)
state = torch.get_rng_state()
after = torch.randn(5, dtype=torch.float64)
torch.manual_seed(3)
fresh = torch.get_rng_state()
torch.manual_seed(-1)
states = {
    "saved": base64.b64encode(bytes(state.numpy())).decode(),
    "after": encode(after),
    "seed3_sha256": hashlib.sha256(bytes(fresh.numpy())).hexdigest(),
    "initial_seed_minus_1": str(torch.initial_seed()),
}

with open(OUT, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases, "states": states}, f, separators=(",", ":"))
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)} ({os.path.getsize(OUT)} bytes)")
