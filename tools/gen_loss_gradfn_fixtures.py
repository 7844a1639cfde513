#!/usr/bin/python3
"""Generate packages/nn/test/fixtures/loss_grad_fns.json: the autograd node each loss of PyTorch 1.13
records, per reduction, and how it prints.

Run with Debian's python3-torch:  /usr/bin/python3 tools/gen_loss_gradfn_fixtures.py

Some losses are one ATen op with a derivative of its own (MseLossBackward0, NllLossBackward0, ...);
others are compositions (L1Loss is MeanBackward0 over AbsBackward0; CrossEntropyLoss is
NllLossBackward0 over LogSoftmaxBackward0). Each case:

  { "name", "fn" (the @x functional name), "args" (tensors, "requiresGrad" on differentiated ones),
    "options" (camelCase, reduction included), "grad_fn", "next" (names of grad_fn.next_functions,
    null for an empty slot), "str" (str(loss) with 4 decimals, for the grad_fn suffix),
    "target_grad_error" (where a float target that also requires grad makes the call or backward
    fail: the message) }

A tensor is {"dtype", "shape", "data"}.
"""
import json
import os
import re
import warnings

import torch
import torch.nn.functional as F
from fixture_io import DTYPE_NAMES, enc_values

warnings.filterwarnings("ignore")
torch.manual_seed(0)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "nn", "test", "fixtures", "loss_grad_fns.json")


def enc(t, grad=False):
    e = {"dtype": DTYPE_NAMES[t.dtype], "shape": list(t.shape), "data": enc_values(t)}
    if grad:
        e["requiresGrad"] = True
    return e


def camel(name):
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), name)


x = torch.randn(4, 5)
p = torch.rand(4, 5) * 0.9 + 0.05
t01 = torch.rand(4, 5)
ti = torch.tensor([1, 0, 4, 2])
pm = torch.tensor([1.0, -1.0, 1.0, -1.0])

CASES = [
    # name, F name, args [(tensor, differentiated)], kwargs
    ("l1", "l1_loss", [(x, True), (t01, False)], {}),
    ("mse", "mse_loss", [(x, True), (t01, False)], {}),
    ("smooth_l1", "smooth_l1_loss", [(x, True), (t01, False)], {"beta": 0.5}),
    ("smooth_l1 beta 0", "smooth_l1_loss", [(x, True), (t01, False)], {"beta": 0.0}),
    ("huber", "huber_loss", [(x, True), (t01, False)], {"delta": 0.7}),
    ("bce", "binary_cross_entropy", [(p, True), (t01, False)], {}),
    ("bce weight", "binary_cross_entropy", [(p, True), (t01, False)], {"weight": torch.rand(5)}),
    ("bce with logits", "binary_cross_entropy_with_logits", [(x, True), (t01, False)], {}),
    ("bce with logits pos_weight", "binary_cross_entropy_with_logits", [(x, True), (t01, False)], {"pos_weight": torch.rand(5) + 0.5}),
    ("nll", "nll_loss", [(x.log_softmax(1), True), (ti, False)], {}),
    ("nll 1d", "nll_loss", [(x[0].log_softmax(0), True), (torch.tensor(3), False)], {}),
    ("nll weight ignore", "nll_loss", [(x.log_softmax(1), True), (ti, False)], {"weight": torch.rand(5), "ignore_index": 0}),
    ("nll 3d", "nll_loss", [(torch.randn(2, 3, 4).log_softmax(1), True), (torch.randint(0, 3, (2, 4)), False)], {}),
    ("nll 4d", "nll_loss", [(torch.randn(2, 3, 2, 2).log_softmax(1), True), (torch.randint(0, 3, (2, 2, 2)), False)], {}),
    ("nll 5d", "nll_loss", [(torch.randn(2, 3, 2, 1, 2).log_softmax(1), True), (torch.randint(0, 3, (2, 2, 1, 2)), False)], {}),
    ("cross entropy", "cross_entropy", [(x, True), (ti, False)], {}),
    ("cross entropy 4d", "cross_entropy", [(torch.randn(2, 3, 2, 2), True), (torch.randint(0, 3, (2, 2, 2)), False)], {}),
    ("cross entropy probabilities", "cross_entropy", [(x, True), (t01.softmax(1), False)], {}),
    ("cross entropy smoothing", "cross_entropy", [(x, True), (ti, False)], {"label_smoothing": 0.1}),
    ("kl div", "kl_div", [(x.log_softmax(1), True), (t01.softmax(1), False)], {}),
    ("poisson nll", "poisson_nll_loss", [(x, True), (t01, False)], {}),
    ("gaussian nll", "gaussian_nll_loss", [(x, True), (t01, False), (p, True)], {}),
    ("margin ranking", "margin_ranking_loss", [(x[:, 0], True), (x[:, 1], True), (pm, False)], {}),
    ("hinge embedding", "hinge_embedding_loss", [(x, True), (torch.ones(4, 5), False)], {}),
    ("soft margin", "soft_margin_loss", [(x, True), (torch.ones(4, 5), False)], {}),
    ("multilabel margin", "multilabel_margin_loss", [(x, True), (torch.tensor([[3, 0, -1, 1, 1]] * 4), False)], {}),
    ("multilabel soft margin", "multilabel_soft_margin_loss", [(x, True), (t01.round(), False)], {}),
    ("multi margin", "multi_margin_loss", [(x, True), (ti, False)], {}),
    ("multi margin p2 weight", "multi_margin_loss", [(x, True), (ti, False)], {"p": 2, "margin": 0.7, "weight": torch.rand(5)}),
    ("cosine embedding", "cosine_embedding_loss", [(x, True), (p, True), (pm, False)], {}),
    ("triplet margin", "triplet_margin_loss", [(x, True), (p, True), (t01, True)], {}),
]

PASCAL = {"l1_loss": "l1Loss", "mse_loss": "mseLoss", "kl_div": "klDiv", "nll_loss": "nllLoss"}


def run(name, fn, args, kwargs, reduction, target_grad=False):
    built = [a.detach().clone().requires_grad_(g or (target_grad and a.is_floating_point())) for a, g in args]
    out = getattr(F, fn)(*built, **kwargs, reduction=reduction)
    return built, out


def main():
    cases = []
    for name, fn, args, kwargs in CASES:
        for reduction in ("none", "sum", "mean"):
            built, out = run(name, fn, args, kwargs, reduction)
            g = out.grad_fn
            entry = {
                "name": f"{name} [{reduction}]",
                "fn": camel(fn),
                "args": [enc(a, gr) for a, gr in args],
                "options": {**{camel(k): (enc(v) if isinstance(v, torch.Tensor) else v) for k, v in kwargs.items()}, "reduction": reduction},
                "grad_fn": type(g).__name__,
                "next": [type(n[0]).__name__ if n[0] is not None else None for n in g.next_functions],
                "str": str(out) if out.dim() == 0 else None,
            }
            # A float target that requires grad: does the op differentiate it?
            float_targets = [i for i, (a, gr) in enumerate(args) if not gr and a.is_floating_point()]
            if float_targets:
                try:
                    built, out = run(name, fn, args, kwargs, reduction, target_grad=True)
                    out.sum().backward()
                except RuntimeError as e:
                    entry["target_grad_error"] = str(e).split("\n")[0]
            cases.append(entry)
    with open(OUT, "w") as f:
        json.dump({"cases": cases}, f, indent=1)
        f.write("\n")
    print("wrote", os.path.relpath(OUT), len(cases), "cases")


if __name__ == "__main__":
    main()
