#!/usr/bin/python3
"""Generate packages/nn/test/fixtures/losses.json: every loss of torch.nn, by real PyTorch (1.13).

Run with Debian's python3-torch:  /usr/bin/python3 tools/gen_loss_fixtures.py

Deterministic (torch.manual_seed(0), cases generated in a fixed order). Each case is

  { "name": unique id, "fn": the @x functional name (F.<fn>), "module": the nn class or null,
    "args": the positional tensors (a lengths list is {"list": [...]}),
    "options": camelCase keyword options, reduction included (tensors encoded),
    "out": the loss, "upstream": the gradient fed to backward (the output's shape),
    "grads": one per arg: the gradient of that input, or null where it is not differentiated }

"noGrad": true marks a case whose gradient is not compared (PyTorch's is NaN there).

A tensor is {"dtype", "shape", "data"} with non-finite values as "nan" / "inf" / "-inf", and
"requiresGrad": true on the differentiated inputs.

"seed" holds the seed text's printed loss examples (INVENTORY.md section 7), recomputed here;
"errors" maps an id to the message PyTorch raises for that bad call (loss.test.ts makes the same call).
"""
import json
import os
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F
from fixture_io import DTYPE_NAMES, enc_values

warnings.filterwarnings("ignore")
torch.manual_seed(0)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "nn", "test", "fixtures", "losses.json")


def enc(t, requires_grad=False):
    t = t.detach()
    out = {"dtype": DTYPE_NAMES[t.dtype], "shape": list(t.shape), "data": enc_values(t, round_float32=True)}
    if requires_grad:
        out["requiresGrad"] = True
    return out


class G:
    """A differentiated input."""

    def __init__(self, value):
        self.value = value


def camel(name):
    head, *rest = name.split("_")
    return head + "".join(w.capitalize() for w in rest)


CASES = []
NAMES = set()


def case(name, fn, module, pyfn, args, kw=None, reductions=("none", "sum", "mean"), no_grad=False):
    """Runs pyfn(*args, **kw, reduction=r) for each reduction; G(...) args are differentiated."""
    kw = kw or {}
    for r in reductions:
        built = []
        for a in args:
            if isinstance(a, G):
                built.append(a.value.detach().clone().requires_grad_(True))
            else:
                built.append(a)
        out = pyfn(*built, **kw, reduction=r)
        upstream = torch.randn(out.shape, dtype=out.dtype) if out.dim() > 0 else torch.tensor(0.5 + torch.rand(()).item(), dtype=out.dtype)
        grads = [None] * len(args)
        if not no_grad and any(isinstance(a, G) for a in args):
            out.backward(upstream)
            grads = [enc(b.grad) if isinstance(a, G) else None for a, b in zip(args, built)]
        enc_args = []
        for a, b in zip(args, built):
            if isinstance(b, torch.Tensor):
                enc_args.append(enc(b, isinstance(a, G)))
            elif isinstance(b, (list, tuple)):
                enc_args.append({"list": list(b)})
            else:
                enc_args.append(b)
        options = {}
        for k, v in kw.items():
            options[camel(k)] = enc(v) if isinstance(v, torch.Tensor) else v
        options["reduction"] = r
        full_name = f"{name} [{r}]"
        assert full_name not in NAMES, full_name
        NAMES.add(full_name)
        entry = {"name": full_name, "fn": fn, "module": module, "args": enc_args, "options": options, "out": enc(out), "upstream": enc(upstream), "grads": grads}
        if no_grad:
            entry["noGrad"] = True
        CASES.append(entry)


R = torch.randn
U = torch.rand
f64 = torch.float64


def pm1(*shape):
    return torch.randint(0, 2, shape).float() * 2 - 1


# ---- regression ----
for dt in (torch.float32, f64):
    sfx = "" if dt == torch.float32 else " f64"
    x, y = R(3, 5, dtype=dt), R(3, 5, dtype=dt)
    case("l1" + sfx, "l1Loss", "L1Loss", F.l1_loss, [G(x), G(y)])
    case("mse" + sfx, "mseLoss", "MSELoss", F.mse_loss, [G(x), G(y)])
case("l1 broadcast target", "l1Loss", "L1Loss", F.l1_loss, [G(R(3, 5)), R(1, 5)])
case("mse broadcast target", "mseLoss", "MSELoss", F.mse_loss, [G(R(4, 2)), R(2)])

x, y = R(4, 5) * 2, R(4, 5)
for beta in (1.0, 0.5, 0.0, 2.0):
    case(f"smoothL1 beta={beta}", "smoothL1Loss", "SmoothL1Loss", F.smooth_l1_loss, [G(x), G(y)], {"beta": beta})
for delta in (1.0, 0.5, 2.5):
    case(f"huber delta={delta}", "huberLoss", "HuberLoss", F.huber_loss, [G(x), G(y)], {"delta": delta})
case("huber f64", "huberLoss", "HuberLoss", F.huber_loss, [G(x.double()), y.double()], {"delta": 1.5})

counts = torch.poisson(U(3, 4) * 4)
counts[0, 0], counts[0, 1], counts[0, 2] = 0.0, 1.0, 2.0
lograte = R(3, 4)
rate = U(3, 4) + 0.05
for full in (False, True):
    case(f"poisson logInput full={full}", "poissonNllLoss", "PoissonNLLLoss", F.poisson_nll_loss, [G(lograte), counts], {"log_input": True, "full": full})
    case(f"poisson rate full={full}", "poissonNllLoss", "PoissonNLLLoss", F.poisson_nll_loss, [G(rate), counts], {"log_input": False, "full": full})
case("poisson rate eps=0.1", "poissonNllLoss", "PoissonNLLLoss", F.poisson_nll_loss, [G(rate), counts], {"log_input": False, "eps": 0.1})
case("poisson f64", "poissonNllLoss", "PoissonNLLLoss", F.poisson_nll_loss, [G(lograte.double()), counts.double()], {"full": True})

mu, obs = R(4, 3), R(4, 3)
var = U(4, 3) + 0.1
var[0, 0] = 0.01
case("gaussian", "gaussianNllLoss", "GaussianNLLLoss", F.gaussian_nll_loss, [G(mu), G(obs), G(var)])
case("gaussian full", "gaussianNllLoss", "GaussianNLLLoss", F.gaussian_nll_loss, [G(mu), G(obs), G(var)], {"full": True})
case("gaussian eps=0.05 clamps", "gaussianNllLoss", "GaussianNLLLoss", F.gaussian_nll_loss, [G(mu), G(obs), G(var)], {"eps": 0.05})
case("gaussian var one dim short", "gaussianNllLoss", "GaussianNLLLoss", F.gaussian_nll_loss, [G(mu), G(obs), G(U(4) + 0.2)])
case("gaussian var last dim 1", "gaussianNllLoss", "GaussianNLLLoss", F.gaussian_nll_loss, [G(mu), G(obs), G(U(4, 1) + 0.2)])

logp = R(3, 4).log_softmax(1)
probs = R(3, 4).softmax(1)
probs[1, 2] = 0.0
logq = R(3, 4).log_softmax(1)
KL_REDUCTIONS = ("none", "sum", "mean", "batchmean")
# target = 0 gets PyTorch's 0 loss; its target gradient there is NaN in PyTorch (xlogy's y/y), so the
# target is differentiated only where it is positive.
case("klDiv", "klDiv", "KLDivLoss", F.kl_div, [G(logp), probs], reductions=KL_REDUCTIONS)
case("klDiv target grad", "klDiv", "KLDivLoss", F.kl_div, [G(logp), G(R(3, 4).softmax(1))], reductions=KL_REDUCTIONS)
case("klDiv logTarget", "klDiv", "KLDivLoss", F.kl_div, [G(logp), G(logq)], {"log_target": True}, reductions=KL_REDUCTIONS)
case("klDiv f64", "klDiv", "KLDivLoss", F.kl_div, [G(logp.double()), probs.double()], reductions=KL_REDUCTIONS)

# ---- binary classification ----
p = U(4, 3) * 0.9 + 0.05
soft = U(4, 3)
hard = torch.randint(0, 2, (4, 3)).float()
case("bce", "binaryCrossEntropy", "BCELoss", F.binary_cross_entropy, [G(p), soft])
case("bce hard targets", "binaryCrossEntropy", "BCELoss", F.binary_cross_entropy, [G(p), hard])
case("bce weight [3]", "binaryCrossEntropy", "BCELoss", F.binary_cross_entropy, [G(p), soft], {"weight": U(3)})
case("bce weight [4,3]", "binaryCrossEntropy", "BCELoss", F.binary_cross_entropy, [G(p), hard], {"weight": U(4, 3)})
case("bce f64", "binaryCrossEntropy", "BCELoss", F.binary_cross_entropy, [G(p.double()), soft.double()])
p_edge = p.clone()
p_edge[0, 0], p_edge[1, 1], p_edge[2, 2] = 0.0, 1.0, 1e-30
case("bce saturated inputs (log clamped at -100)", "binaryCrossEntropy", "BCELoss", F.binary_cross_entropy, [p_edge, hard], no_grad=True)

logits = R(4, 3) * 3
logits[0, 0] = 0.0
logits[1, 0], logits[2, 0] = 40.0, -40.0
case("bceLogits", "binaryCrossEntropyWithLogits", "BCEWithLogitsLoss", F.binary_cross_entropy_with_logits, [G(logits), G(soft)])
case("bceLogits weight", "binaryCrossEntropyWithLogits", "BCEWithLogitsLoss", F.binary_cross_entropy_with_logits, [G(logits), hard], {"weight": U(3)})
case("bceLogits posWeight", "binaryCrossEntropyWithLogits", "BCEWithLogitsLoss", F.binary_cross_entropy_with_logits, [G(logits), soft], {"pos_weight": U(3) * 3})
case(
    "bceLogits weight+posWeight",
    "binaryCrossEntropyWithLogits",
    "BCEWithLogitsLoss",
    F.binary_cross_entropy_with_logits,
    [G(logits), hard],
    {"weight": U(4, 3), "pos_weight": U(3) * 3},
)
case("bceLogits f64", "binaryCrossEntropyWithLogits", "BCEWithLogitsLoss", F.binary_cross_entropy_with_logits, [G(logits.double()), soft.double()], {"pos_weight": torch.tensor([2.0], dtype=f64)})

# ---- classes ----
C = 5
x2 = R(4, C)
t2 = torch.randint(0, C, (4,))
t2_ign = t2.clone()
t2_ign[1] = -100
t2_ign2 = t2.clone()
t2_ign2[2] = 2
t2_ign2[0] = 2
w = U(C) + 0.2
case("ce", "crossEntropy", "CrossEntropyLoss", F.cross_entropy, [G(x2), t2])
case("ce weight", "crossEntropy", "CrossEntropyLoss", F.cross_entropy, [G(x2), t2], {"weight": w})
case("ce ignore -100", "crossEntropy", "CrossEntropyLoss", F.cross_entropy, [G(x2), t2_ign])
case("ce ignoreIndex=2 weight", "crossEntropy", "CrossEntropyLoss", F.cross_entropy, [G(x2), t2_ign2], {"weight": w, "ignore_index": 2})
case("ce labelSmoothing", "crossEntropy", "CrossEntropyLoss", F.cross_entropy, [G(x2), t2], {"label_smoothing": 0.1})
case("ce labelSmoothing weight ignore", "crossEntropy", "CrossEntropyLoss", F.cross_entropy, [G(x2), t2_ign], {"label_smoothing": 0.2, "weight": w})
case("ce labelSmoothing ignoreIndex=2", "crossEntropy", "CrossEntropyLoss", F.cross_entropy, [G(x2), t2_ign2], {"label_smoothing": 0.3, "ignore_index": 2})
probs_t = R(4, C).softmax(1)
case("ce probabilities", "crossEntropy", "CrossEntropyLoss", F.cross_entropy, [G(x2), probs_t])
case("ce probabilities weight", "crossEntropy", "CrossEntropyLoss", F.cross_entropy, [G(x2), probs_t], {"weight": w})
case("ce probabilities labelSmoothing", "crossEntropy", "CrossEntropyLoss", F.cross_entropy, [G(x2), probs_t], {"label_smoothing": 0.25, "weight": w})
case("ce 1d input", "crossEntropy", "CrossEntropyLoss", F.cross_entropy, [G(R(C)), torch.tensor(3)])
case("ce 1d input labelSmoothing", "crossEntropy", "CrossEntropyLoss", F.cross_entropy, [G(R(C)), torch.tensor(1)], {"label_smoothing": 0.1})
x3, t3 = R(2, 3, 4), torch.randint(0, 3, (2, 4))
t3[0, 1] = -100
case("ce 3d [N,C,d]", "crossEntropy", "CrossEntropyLoss", F.cross_entropy, [G(x3), t3])
case("ce 3d weight labelSmoothing", "crossEntropy", "CrossEntropyLoss", F.cross_entropy, [G(x3), t3], {"weight": U(3) + 0.5, "label_smoothing": 0.15})
x4, t4 = R(2, 3, 2, 3), torch.randint(0, 3, (2, 2, 3))
t4[1, 0, 2] = 1
case("ce 4d weight ignoreIndex=1", "crossEntropy", "CrossEntropyLoss", F.cross_entropy, [G(x4), t4], {"weight": U(3) + 0.5, "ignore_index": 1})
x5, t5 = R(2, 3, 2, 2, 2), torch.randint(0, 3, (2, 2, 2, 2))
case("ce 5d", "crossEntropy", "CrossEntropyLoss", F.cross_entropy, [G(x5), t5])
case("ce 3d probabilities", "crossEntropy", "CrossEntropyLoss", F.cross_entropy, [G(x3), R(2, 3, 4).softmax(1)], {"label_smoothing": 0.1})
case("ce f64 weight", "crossEntropy", "CrossEntropyLoss", F.cross_entropy, [G(x2.double()), t2_ign], {"weight": w.double()})

lp2 = R(4, C).log_softmax(1)
case("nll", "nllLoss", "NLLLoss", F.nll_loss, [G(lp2), t2])
case("nll weight ignore", "nllLoss", "NLLLoss", F.nll_loss, [G(lp2), t2_ign], {"weight": w})
case("nll ignoreIndex=2", "nllLoss", "NLLLoss", F.nll_loss, [G(lp2), t2_ign2], {"ignore_index": 2})
case("nll 4d weight", "nllLoss", "NLLLoss", F.nll_loss, [G(x4.log_softmax(1)), t4], {"weight": U(3) + 0.5})
case("nll 3d", "nllLoss", "NLLLoss", F.nll_loss, [G(x3.log_softmax(1)), t3])
case("nll 1d input", "nllLoss", "NLLLoss", F.nll_loss, [G(R(C).log_softmax(0)), torch.tensor(4)])
case("nll all ignored (nan mean)", "nllLoss", "NLLLoss", F.nll_loss, [lp2, torch.full((4,), -100)], no_grad=True)

# ---- margins ----
a1, a2 = R(6), R(6)
ys = pm1(6)
for m in (0.0, 0.3):
    case(f"marginRanking margin={m}", "marginRankingLoss", "MarginRankingLoss", F.margin_ranking_loss, [G(a1), G(a2), ys], {"margin": m})
dist = U(2, 5) * 2
yh = pm1(2, 5)
for m in (1.0, 0.7):
    case(f"hingeEmbedding margin={m}", "hingeEmbeddingLoss", "HingeEmbeddingLoss", F.hinge_embedding_loss, [G(dist), yh], {"margin": m})
case("hingeEmbedding int target", "hingeEmbeddingLoss", "HingeEmbeddingLoss", F.hinge_embedding_loss, [G(dist), yh.long()])
case("softMargin", "softMarginLoss", "SoftMarginLoss", F.soft_margin_loss, [G(R(3, 4) * 2), pm1(3, 4)])
case("softMargin f64", "softMarginLoss", "SoftMarginLoss", F.soft_margin_loss, [G(R(3, 4, dtype=f64)), pm1(3, 4).double()])
xm = R(3, 5) * 2
xm[0, 0] = 0.0
multi_hot = torch.randint(0, 2, (3, 5)).float()
case("multilabelSoftMargin", "multilabelSoftMarginLoss", "MultiLabelSoftMarginLoss", F.multilabel_soft_margin_loss, [G(xm), multi_hot])
case("multilabelSoftMargin weight", "multilabelSoftMarginLoss", "MultiLabelSoftMarginLoss", F.multilabel_soft_margin_loss, [G(xm), multi_hot], {"weight": U(5)})
case("multilabelSoftMargin 1d", "multilabelSoftMarginLoss", "MultiLabelSoftMarginLoss", F.multilabel_soft_margin_loss, [G(R(5)), U(5)])

ml_t = torch.tensor([[3, 0, -1, 1, 2], [1, -1, 0, 0, 0], [0, 1, 2, 3, 4], [-1, 2, 2, 2, 2], [4, 4, -1, 0, 0]])
case("multilabelMargin", "multilabelMarginLoss", "MultiLabelMarginLoss", F.multilabel_margin_loss, [G(R(5, 5)), ml_t])
case("multilabelMargin 1d", "multilabelMarginLoss", "MultiLabelMarginLoss", F.multilabel_margin_loss, [G(R(4)), torch.tensor([2, 0, -1, 3])])
case("multilabelMargin f64", "multilabelMarginLoss", "MultiLabelMarginLoss", F.multilabel_margin_loss, [G(R(5, 5, dtype=f64)), ml_t])

xmm, tmm = R(4, 5), torch.randint(0, 5, (4,))
for pp in (1, 2):
    for m in (1.0, 0.5):
        case(f"multiMargin p={pp} margin={m}", "multiMarginLoss", "MultiMarginLoss", F.multi_margin_loss, [G(xmm), tmm], {"p": pp, "margin": m})
    case(f"multiMargin p={pp} weight", "multiMarginLoss", "MultiMarginLoss", F.multi_margin_loss, [G(xmm), tmm], {"p": pp, "weight": U(5) + 0.1})
case("multiMargin 1d input, target [1]", "multiMarginLoss", "MultiMarginLoss", F.multi_margin_loss, [G(R(5)), torch.tensor([2])])
case("multiMargin 1d input, 0-dim target", "multiMarginLoss", "MultiMarginLoss", F.multi_margin_loss, [G(R(5)), torch.tensor(2)])

anc, pos, neg = R(5, 4), R(5, 4), R(5, 4)
for kw in ({}, {"margin": 0.5}, {"p": 1.0}, {"p": 3.0, "eps": 1e-3}, {"swap": True}, {"margin": 2.0, "swap": True, "p": 1.0}):
    label = " ".join(f"{k}={v}" for k, v in kw.items()) or "default"
    case(f"tripletMargin {label}", "tripletMarginLoss", "TripletMarginLoss", F.triplet_margin_loss, [G(anc), G(pos), G(neg)], kw)
case("tripletMargin 1d", "tripletMarginLoss", "TripletMarginLoss", F.triplet_margin_loss, [G(R(4)), G(R(4)), G(R(4))])
case("tripletMarginWithDistance", "tripletMarginWithDistanceLoss", None, F.triplet_margin_with_distance_loss, [G(anc), G(pos), G(neg)])
case("tripletMarginWithDistance swap margin", "tripletMarginWithDistanceLoss", None, F.triplet_margin_with_distance_loss, [G(anc), G(pos), G(neg)], {"swap": True, "margin": 0.5})

c1, c2 = R(4, 3), R(4, 3)
yc = torch.tensor([1, -1, 1, -1])
for m in (0.0, 0.2, -0.3):
    case(f"cosineEmbedding margin={m}", "cosineEmbeddingLoss", "CosineEmbeddingLoss", F.cosine_embedding_loss, [G(c1), G(c2), yc], {"margin": m})
case("cosineEmbedding float target", "cosineEmbeddingLoss", "CosineEmbeddingLoss", F.cosine_embedding_loss, [G(c1), G(c2), yc.float()])
case("cosineEmbedding 1d", "cosineEmbeddingLoss", "CosineEmbeddingLoss", F.cosine_embedding_loss, [G(R(3)), G(R(3)), torch.tensor(-1)])

# ---- CTC ----
T, N, Cc = 8, 3, 5
lp_ctc = R(T, N, Cc).log_softmax(2)
tg_pad = torch.tensor([[1, 1, 2, 3], [2, 4, 0, 0], [3, 3, 3, 1]])
il = torch.tensor([8, 6, 7])
tl = torch.tensor([4, 2, 3])
case("ctc padded", "ctcLoss", "CTCLoss", F.ctc_loss, [G(lp_ctc), tg_pad, il, tl])
tg_cat = torch.cat([tg_pad[i, : tl[i]] for i in range(N)])
case("ctc concatenated", "ctcLoss", "CTCLoss", F.ctc_loss, [G(lp_ctc), tg_cat, il, tl])
case("ctc lengths as lists", "ctcLoss", "CTCLoss", F.ctc_loss, [G(lp_ctc), tg_pad, [8, 6, 7], [4, 2, 3]])
tg_b4 = torch.tensor([[0, 0, 1, 3], [2, 1, 0, 0], [3, 2, 3, 0]])
case("ctc blank=4", "ctcLoss", "CTCLoss", F.ctc_loss, [G(lp_ctc), tg_b4, il, tl], {"blank": 4})
case("ctc empty target", "ctcLoss", "CTCLoss", F.ctc_loss, [G(lp_ctc), tg_pad, il, torch.tensor([4, 0, 3])])
case("ctc int32 targets", "ctcLoss", "CTCLoss", F.ctc_loss, [G(lp_ctc), tg_pad.int(), il.int(), tl.int()])
il_inf = torch.tensor([8, 2, 7])
case("ctc infeasible zeroInfinity", "ctcLoss", "CTCLoss", F.ctc_loss, [G(lp_ctc), tg_pad, il_inf, tl], {"zero_infinity": True})
case("ctc infeasible (inf)", "ctcLoss", "CTCLoss", F.ctc_loss, [lp_ctc, tg_pad, il_inf, tl], no_grad=True)
case("ctc f64", "ctcLoss", "CTCLoss", F.ctc_loss, [G(lp_ctc.double()), tg_pad, il, tl])
case("ctc unbatched", "ctcLoss", "CTCLoss", F.ctc_loss, [G(lp_ctc[:, 0]), tg_pad[0], torch.tensor(8), torch.tensor(4)])
T2, N2, C2, S2 = 50, 16, 20, 30
lp_big = R(T2, N2, C2).log_softmax(2)
tl_big = torch.randint(10, S2, (N2,))
case("ctc seed-sized (T=50, N=16, C=20, S=30)", "ctcLoss", "CTCLoss", F.ctc_loss, [G(lp_big), torch.randint(1, C2, (N2, S2)), torch.full((N2,), T2), tl_big], reductions=("mean",))

# ---- the seed's printed examples (INVENTORY.md section 7) ----
SEED = {}
kl_in = torch.tensor([[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]])
kl_t = torch.tensor([[0.9, 0.05, 0.05], [0.1, 0.7, 0.2]])
SEED["KLDivLoss mean"] = nn.KLDivLoss()(kl_in, kl_t).item()
SEED["KLDivLoss batchmean"] = nn.KLDivLoss(reduction="batchmean")(kl_in, kl_t).item()
SEED["KLDivLoss sum"] = nn.KLDivLoss(reduction="sum")(kl_in, kl_t).item()
SEED["MultiLabelMarginLoss"] = nn.MultiLabelMarginLoss()(torch.FloatTensor([[0.9, 0.2, 0.4, 0.8]]), torch.LongTensor([[3, 0, -1, 1]])).item()
sm_in = torch.tensor([[0.3, 0.7], [0.5, 0.5]])
SEED["SoftMarginLoss"] = nn.SoftMarginLoss()(sm_in, torch.tensor([[-1.0, 1.0], [1.0, -1.0]])).item()
SEED["MultiMarginLoss"] = nn.MultiMarginLoss()(sm_in, torch.tensor([0, 1], dtype=torch.long)).item()
SEED["HingeEmbeddingLoss"] = nn.HingeEmbeddingLoss()(torch.tensor([[1.0, 0.8, 0.5]]), torch.tensor([[1, 1, -1]])).item()
cos_1 = torch.tensor([[0.3, 0.5, 0.7], [0.3, 0.5, 0.7]])
cos_2 = torch.tensor([[0.1, 0.3, 0.5], [0.1, 0.3, 0.5]])
SEED["CosineEmbeddingLoss"] = nn.CosineEmbeddingLoss()(cos_1, cos_2, torch.tensor([1, -1])).item()
try:
    nn.CosineEmbeddingLoss()(cos_1, cos_2, torch.tensor([[1, -1]], dtype=torch.float))
except RuntimeError as e:
    SEED["CosineEmbeddingLoss (1,2) target error"] = str(e)
SEED["SmoothL1Loss none"] = nn.SmoothL1Loss(reduction="none")(torch.tensor([0.5, 1.0, 2.0]), torch.zeros(3)).tolist()

# ---- PyTorch's messages for bad input: each id is reproduced by the same call in loss.test.ts ----
ERRORS = {}


def error(eid, f):
    try:
        f()
    except Exception as e:  # noqa: BLE001 - the message is what is recorded
        ERRORS[eid] = str(e)
        return
    raise AssertionError(f"{eid} did not raise")


x35 = R(3, 5)
t3 = torch.tensor([1, 2, 3])
error("ce batch size", lambda: F.cross_entropy(x35, torch.tensor([1, 2, 3, 4])))
error("ce int32 target", lambda: F.cross_entropy(x35, t3.int()))
error("ce float target", lambda: F.cross_entropy(x35, t3.float()))
error("ce target out of bounds", lambda: F.cross_entropy(x35, torch.tensor([1, 2, 7])))
error("ce negative target", lambda: F.cross_entropy(x35, torch.tensor([1, 2, -3])))
error("ce 2d target", lambda: F.cross_entropy(x35, t3.reshape(3, 1)))
error("ce weight size", lambda: F.cross_entropy(x35, t3, weight=torch.ones(4)))
error("ce probabilities weight size", lambda: F.cross_entropy(x35, U(3, 5), weight=torch.ones(4)))
error("ce probabilities ignore_index", lambda: F.cross_entropy(x35, U(3, 5), ignore_index=1))
error("ce probabilities long", lambda: F.cross_entropy(x35, torch.ones(3, 5, dtype=torch.long)))
error("ce label_smoothing > 1", lambda: F.cross_entropy(x35, t3, label_smoothing=1.5))
error("ce 3d target size", lambda: F.cross_entropy(R(2, 3, 4), torch.zeros(2, 5, dtype=torch.long)))
error("ce 4d target size", lambda: F.cross_entropy(R(2, 3, 4, 4), torch.zeros(2, 5, 4, dtype=torch.long)))
error("ce 4d target dims", lambda: F.cross_entropy(R(2, 3, 4, 4), torch.zeros(2, 4, dtype=torch.long)))
error("ce 5d target size", lambda: F.cross_entropy(R(2, 3, 4, 4, 2), torch.zeros(2, 4, 4, 3, dtype=torch.long)))
error("ce 0d input", lambda: F.cross_entropy(torch.tensor(1.0), torch.tensor(0)))
error("ce 1d input, target [1]", lambda: F.cross_entropy(R(5), torch.tensor([2])))
error("nll weight size", lambda: F.nll_loss(x35, t3, weight=torch.ones(6)))
error("bce size", lambda: F.binary_cross_entropy(U(3), U(3, 1)))
error("bce range", lambda: F.binary_cross_entropy(torch.tensor([1.5]), U(1)))
error("bce weight broadcast", lambda: F.binary_cross_entropy(U(3, 2), U(3, 2), weight=U(3)))
error("bceLogits size", lambda: F.binary_cross_entropy_with_logits(U(3), U(3, 1)))
error("mse broadcast", lambda: F.mse_loss(U(3), U(4)))
error("reduction", lambda: F.mse_loss(U(3), U(3), reduction="sun"))
error("smoothL1 beta", lambda: F.smooth_l1_loss(U(3), U(3), beta=-1.0))
error("huber delta", lambda: F.huber_loss(U(3), U(3), delta=0.0))
error("multiMargin p", lambda: F.multi_margin_loss(x35, t3, p=3))
error("multiMargin weight dims", lambda: F.multi_margin_loss(x35, t3, weight=torch.ones(1, 5)))
error("multiMargin target size", lambda: F.multi_margin_loss(x35, torch.tensor([1, 2, 3, 4])))
error("multiMargin target range", lambda: F.multi_margin_loss(x35, torch.tensor([1, 2, 5])))
error("multiMargin float target", lambda: F.multi_margin_loss(x35, t3.float()))
error("multiMargin 3d input", lambda: F.multi_margin_loss(R(2, 3, 4), torch.tensor([1, 2])))
error("multilabelMargin target size", lambda: F.multilabel_margin_loss(x35, t3))
error("multilabelMargin target range", lambda: F.multilabel_margin_loss(x35, torch.full((3, 5), 7)))
error("multilabelMargin target -2", lambda: F.multilabel_margin_loss(x35, torch.full((3, 5), -2)))
error("multilabelMargin float target", lambda: F.multilabel_margin_loss(x35, torch.full((3, 5), -1.0)))
error("cosineEmbedding 2d target", lambda: F.cosine_embedding_loss(x35, x35, torch.ones(1, 3)))
error("cosineEmbedding 1d target, 1d input", lambda: F.cosine_embedding_loss(R(3), x35, torch.ones(3)))
error("cosineEmbedding 0d target, 2d inputs", lambda: F.cosine_embedding_loss(x35, x35, torch.tensor(1.0)))
error("marginRanking dims", lambda: F.margin_ranking_loss(R(3), R(3), torch.ones(1, 3)))
error("tripletMargin dims", lambda: F.triplet_margin_loss(R(3, 4), R(3, 4), R(4)))
error("gaussian var size", lambda: F.gaussian_nll_loss(x35, x35, torch.ones(3, 4)))
error("gaussian negative var", lambda: F.gaussian_nll_loss(x35, x35, -torch.ones(3, 5)))
error("gaussian reduction", lambda: F.gaussian_nll_loss(x35, x35, torch.ones(3, 5), reduction="x"))
error("klDiv reduction", lambda: F.kl_div(x35, x35, reduction="x"))
error("poisson reduction", lambda: F.poisson_nll_loss(x35, x35, reduction="x"))
error("multilabelSoftMargin reduction", lambda: F.multilabel_soft_margin_loss(x35, x35, reduction="x"))
error("MultiMarginLoss p", lambda: nn.MultiMarginLoss(p=3))
lp6 = R(6, 3, 4).log_softmax(2)
tg6, il6, tl6 = torch.randint(1, 4, (3, 3)), torch.tensor([6, 5, 4]), torch.tensor([3, 2, 0])
error("ctc log_probs dims", lambda: F.ctc_loss(R(2, 3, 4, 5), tg6, il6, tl6))
error("ctc blank", lambda: F.ctc_loss(lp6, tg6, il6, tl6, blank=4))
error("ctc input_lengths size", lambda: F.ctc_loss(lp6, tg6, torch.tensor([6, 6]), tl6))
error("ctc target_lengths size", lambda: F.ctc_loss(lp6, tg6, il6, torch.tensor([1, 1])))
error("ctc input_lengths too long", lambda: F.ctc_loss(lp6, tg6, torch.tensor([7, 1, 1]), tl6))
error("ctc padded targets too short", lambda: F.ctc_loss(lp6, tg6[:, :2], il6, tl6))
error("ctc padded targets rows", lambda: F.ctc_loss(lp6, tg6[:2], il6, tl6))
error("ctc concatenated targets size", lambda: F.ctc_loss(lp6, torch.tensor([1, 2, 3]), il6, tl6))
error("ctc float input_lengths", lambda: F.ctc_loss(lp6, tg6, il6.float(), tl6))
error("ctc float target_lengths", lambda: F.ctc_loss(lp6, tg6, il6, tl6.float()))

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump({"torch": torch.__version__, "cases": CASES, "seed": SEED, "errors": ERRORS}, f, separators=(",", ":"))
    f.write("\n")
print(f"{len(CASES)} cases, {len(ERRORS)} errors -> {os.path.relpath(OUT)}")
