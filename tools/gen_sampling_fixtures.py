#!/usr/bin/python3
"""Generate packages/nn/test/fixtures/sampling.json: F.grid_sample, F.affine_grid and F.interpolate's
bicubic and antialiased modes, by real PyTorch (1.13).

Run with Debian's python3-torch:  /usr/bin/python3 tools/gen_sampling_fixtures.py

Same case forms as layers.json's `functional` and `errors` sections (tools/gen_nn_fixtures.py):
  functional: { name, fn, args, kwargs, output, upstream?, grads? (one per argument: tensor or null) }
  errors:     { kind: "functional", fn, args, kwargs, error }
"""
import json
import os
import warnings

import torch
import torch.nn.functional as F
from fixture_io import camel, enc_arg as enc_value, enc_tensor

warnings.filterwarnings("ignore")
torch.manual_seed(0)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "nn", "test", "fixtures", "sampling.json")


class G:
    """A tensor argument that requires grad."""

    def __init__(self, t):
        self.t = t


FUNCTIONAL = []
ERRORS = []


def functional_case(name, fn, args, kwargs=None, grad=True):
    kwargs = kwargs or {}
    built = [a.t.clone().requires_grad_(grad) if isinstance(a, G) else a for a in args]
    enc_args = [enc_tensor(b, isinstance(a, G) and grad) if isinstance(b, torch.Tensor) else enc_value(b) for a, b in zip(args, built)]
    y = getattr(F, fn)(*built, **kwargs)
    case = {"name": name, "fn": fn, "args": enc_args, "kwargs": {camel(k): enc_value(v) for k, v in kwargs.items()}, "output": enc_tensor(y)}
    if y.requires_grad:
        upstream = torch.randn(y.shape, dtype=y.dtype)
        y.backward(upstream)
        case["upstream"] = enc_tensor(upstream)
        case["grads"] = [enc_tensor(b.grad) if isinstance(a, G) and b.grad is not None else None for a, b in zip(args, built)]
    FUNCTIONAL.append(case)


def functional_error(fn, args, kwargs=None):
    kwargs = kwargs or {}
    try:
        getattr(F, fn)(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 - the message is the fixture
        ERRORS.append({"kind": "functional", "fn": fn, "args": enc_value(list(args)), "kwargs": {camel(k): enc_value(v) for k, v in kwargs.items()}, "error": str(e)})
        return
    raise AssertionError(f"{fn} did not fail")


def randn(*shape):
    return torch.randn(*shape)


def grid(n, h, w, spread=1.3):
    return (torch.rand(n, h, w, 2) * 2 - 1) * spread


# ---------------------------------------------------------------- grid_sample

for mode in ("bilinear", "nearest"):
    for padding in ("zeros", "border", "reflection"):
        for align in (False, True):
            functional_case(f"grid_sample {mode} {padding} align={align}", "grid_sample", [G(randn(2, 3, 5, 6)), G(grid(2, 4, 7))], {"mode": mode, "padding_mode": padding, "align_corners": align})
functional_case("grid_sample float64 far outside", "grid_sample", [G(randn(1, 2, 4, 4).double()), G(grid(1, 3, 3, spread=4.0).double())], {"align_corners": False})
exact = torch.tensor([[[[-1.0, -1.0], [1.0, 1.0], [0.0, 0.0], [-0.75, 0.25]]]])
functional_case("grid_sample nearest on pixel centres and ties", "grid_sample", [G(randn(1, 1, 4, 4)), exact], {"mode": "nearest", "align_corners": False})

# ---------------------------------------------------------------- affine_grid

theta = torch.tensor([[[0.8, -0.3, 0.1], [0.25, 1.1, -0.2]], [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]])
for align in (False, True):
    functional_case(f"affine_grid align={align}", "affine_grid", [G(theta), [2, 3, 4, 5]], {"align_corners": align})
functional_case("affine_grid 7x6 float64", "affine_grid", [G(theta[:1].double()), [1, 1, 7, 6]], {"align_corners": False})

# ---------------------------------------------------------------- interpolate: bicubic and antialias

functional_case("interpolate bilinear float64 weights in float64", "interpolate", [G(randn(1, 2, 3, 7).double())], {"size": (5, 11), "mode": "bilinear", "align_corners": False})
functional_case("interpolate bicubic float64", "interpolate", [G(randn(1, 1, 5, 4).double())], {"size": (3, 9), "mode": "bicubic", "align_corners": False})
functional_case("interpolate bicubic up", "interpolate", [G(randn(1, 2, 4, 5))], {"size": (7, 9), "mode": "bicubic"})
functional_case("interpolate bicubic up align", "interpolate", [G(randn(1, 2, 4, 5))], {"size": (7, 9), "mode": "bicubic", "align_corners": True})
functional_case("interpolate bicubic down scale", "interpolate", [G(randn(2, 1, 9, 8))], {"scale_factor": 0.6, "mode": "bicubic"})
functional_case("interpolate bicubic 1 row", "interpolate", [G(randn(1, 1, 1, 5))], {"size": (3, 4), "mode": "bicubic"})
for mode in ("bilinear", "bicubic"):
    functional_case(f"interpolate {mode} antialias down", "interpolate", [G(randn(1, 2, 11, 13))], {"size": (4, 5), "mode": mode, "antialias": True})
    functional_case(f"interpolate {mode} antialias up", "interpolate", [G(randn(1, 2, 3, 4))], {"size": (5, 7), "mode": mode, "antialias": True})
    functional_case(f"interpolate {mode} antialias mixed align", "interpolate", [G(randn(1, 1, 8, 3))], {"size": (3, 6), "mode": mode, "antialias": True, "align_corners": True})
    functional_case(f"interpolate {mode} antialias scale", "interpolate", [G(randn(1, 1, 10, 10))], {"scale_factor": 0.35, "mode": mode, "antialias": True})

# ---------------------------------------------------------------- errors

functional_error("grid_sample", [randn(1, 1, 3, 3), grid(1, 2, 2)], {"mode": "area"})
functional_error("grid_sample", [randn(1, 1, 3, 3), grid(1, 2, 2)], {"padding_mode": "wrap"})
functional_error("grid_sample", [randn(1, 3, 3), grid(1, 2, 2)], {"align_corners": False})
functional_error("grid_sample", [randn(2, 1, 3, 3), grid(1, 2, 2)], {"align_corners": False})
functional_error("grid_sample", [randn(1, 1, 3, 3), torch.rand(1, 2, 2, 3)], {"align_corners": False})
functional_error("affine_grid", [torch.rand(1, 3, 3), [1, 1, 4, 4]], {"align_corners": False})
functional_error("affine_grid", [theta, [2, 4, 4]], {"align_corners": False})
functional_error("affine_grid", [theta, [2, 1, 0, 4]], {"align_corners": False})

with open(OUT, "w") as f:
    json.dump({"torch": torch.__version__, "functional": FUNCTIONAL, "errors": ERRORS}, f)
    f.write("\n")
print(f"wrote {OUT}: {len(FUNCTIONAL)} functional cases, {len(ERRORS)} errors")
