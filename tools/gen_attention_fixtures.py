"""Writes packages/nn/test/fixtures/attention.json: nn.MultiheadAttention of PyTorch 1.13 on fixed
weights and inputs (self- and cross-attention, batch_first, kdim/vdim, bias off, bias_k/bias_v,
zero attention, boolean and additive masks, unbatched inputs, per-head weights), with the output,
the attention weights, the gradients of the inputs and parameters for a fixed upstream gradient,
the state_dict keys and shapes, and the repr.

Run with Debian's PyTorch: /usr/bin/python3 tools/gen_attention_fixtures.py
"""
import json
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(__file__))
from fixture_io import enc_tensor  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "packages", "nn", "test", "fixtures", "attention.json")


def rand(g, *shape):
    return torch.randn(*shape, generator=g, dtype=torch.float64)


# name, constructor kwargs, query/key/value shapes ("self" reuses the query tensor), forward kwargs
CASES = [
    ("self_attention_seq_first", {"embed_dim": 8, "num_heads": 2}, ([5, 3, 8], "self", "self"), {}),
    (
        "cross_attention_batch_first_kdim_vdim",
        {"embed_dim": 8, "num_heads": 2, "batch_first": True, "kdim": 6, "vdim": 5},
        ([3, 4, 8], [3, 7, 6], [3, 7, 5]),
        {"key_padding_mask": ("bool", [3, 7]), "average_attn_weights": False},
    ),
    (
        "bias_kv_zero_attn_no_bias_float_mask",
        {"embed_dim": 8, "num_heads": 4, "bias": False, "add_bias_kv": True, "add_zero_attn": True},
        ([4, 2, 8], [6, 2, 8], [6, 2, 8]),
        {"attn_mask": ("float", [4, 6]), "key_padding_mask": ("bool", [2, 6])},
    ),
    ("unbatched_3d_bool_mask", {"embed_dim": 6, "num_heads": 3}, ([4, 6], [5, 6], "key"), {"attn_mask": ("bool", [3, 4, 5])}),
    ("no_weights", {"embed_dim": 8, "num_heads": 2, "batch_first": True}, ([2, 3, 8], "self", "self"), {"need_weights": False}),
    ("key_is_value", {"embed_dim": 8, "num_heads": 2}, ([3, 2, 8], [4, 2, 8], "key"), {"key_padding_mask": ("float", [2, 4])}),
]


def mask(g, kind, shape):
    if kind == "bool":
        m = torch.rand(*shape, generator=g) < 0.3
        # never mask a whole row: softmax over nothing but -inf is NaN in both
        m[..., 0] = False
        return m
    return rand(g, *shape).float()


def case(name, ctor, shapes, fwd):
    g = torch.Generator().manual_seed(len(name))
    torch.manual_seed(0)
    m = nn.MultiheadAttention(**ctor)
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(rand(g, *p.shape) * 0.5)
    q = rand(g, *shapes[0]).float().requires_grad_(True)
    k = q if shapes[1] == "self" else rand(g, *shapes[1]).float().requires_grad_(True)
    v = q if shapes[2] == "self" else k if shapes[2] == "key" else rand(g, *shapes[2]).float().requires_grad_(True)
    kwargs = {key: mask(g, *val) if isinstance(val, tuple) else val for key, val in fwd.items()}
    out, weights = m(q, k, v, **kwargs)
    upstream = rand(g, *out.shape).float()
    out.backward(upstream)
    inputs = {"query": q}
    if k is not q:
        inputs["key"] = k
    if v is not q and v is not k:
        inputs["value"] = v
    return {
        "name": name,
        "ctor": ctor,
        "inputs": {key: enc_tensor(t.detach()) for key, t in inputs.items()},
        "key_is": "query" if k is q else "key",
        "value_is": "query" if v is q else "key" if v is k else "value",
        "forward_kwargs": {key: enc_tensor(val) if torch.is_tensor(val) else val for key, val in kwargs.items()},
        "state": {key: enc_tensor(t) for key, t in m.state_dict().items()},
        "output": enc_tensor(out.detach()),
        "weights": None if weights is None else enc_tensor(weights.detach()),
        "upstream": enc_tensor(upstream),
        "input_grads": {key: enc_tensor(t.grad) for key, t in inputs.items()},
        "param_grads": {key: enc_tensor(p.grad) for key, p in m.named_parameters()},
        "repr": repr(m),
    }


def main():
    with open(OUT, "w") as f:
        json.dump({"cases": [case(*c) for c in CASES]}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
