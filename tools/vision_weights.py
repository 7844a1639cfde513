"""Weights both sides can make without a weight file (the TypeScript twin is
packages/vision/test/helpers/deterministic-weights.ts; see it for the scheme).

Element i of the k-th state_dict entry gets u = hash(i, k) / 2^32; weights of rank >= 2 are uniform
in +-sqrt(6 / fan_in), norm scales near 1, biases and running means near 0, running variances in
[0.5, 1.5). Computed in float64 with numpy's wrapping uint32 arithmetic, as JavaScript's Math.imul.
"""
import numpy as np
import torch

M32 = np.uint64(0xFFFFFFFF)


def _mul32(a, b):
    return (a.astype(np.uint64) * np.uint64(b)) & M32


def hash32(i, k):
    """The 32-bit hash of elements i (a uint64 array) of entry k."""
    h = _mul32(i, 0x9E3779B1) ^ ((np.uint64(k + 1) * np.uint64(0x85EBCA6B)) & M32)
    h = _mul32(h ^ (h >> np.uint64(16)), 0x7FEB352D)
    h = _mul32(h ^ (h >> np.uint64(15)), 0x846CA68B)
    return h ^ (h >> np.uint64(16))


def deterministic_values(name, shape, k):
    n = int(np.prod(shape)) if len(shape) else 1
    u = hash32(np.arange(n, dtype=np.uint64), k).astype(np.float64) / 4294967296.0
    leaf = name.rsplit(".", 1)[-1]
    if leaf == "running_var":
        v = 0.5 + u
    elif len(shape) >= 2:
        v = (2 * u - 1) * np.sqrt(6 / (n / shape[0]))
    elif leaf == "weight":
        v = 0.8 + 0.4 * u
    else:
        v = (u - 0.5) * 0.2
    return v.reshape(shape)


def load_deterministic_weights(model):
    """Writes the values into every floating-point entry of model.state_dict(), in order."""
    with torch.no_grad():
        for k, (name, t) in enumerate(model.state_dict().items()):
            if t.is_floating_point():
                t.copy_(torch.from_numpy(deterministic_values(name, tuple(t.shape), k)))


def deterministic_input(shape):
    n = int(np.prod(shape))
    u = hash32(np.arange(n, dtype=np.uint64), 1000).astype(np.float64) / 4294967296.0
    return torch.from_numpy((2 * u - 1).astype(np.float32).reshape(shape))
