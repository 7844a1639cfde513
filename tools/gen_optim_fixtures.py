#!/usr/bin/python3
"""Generate packages/optim/test/fixtures/*.json: what torch.optim (PyTorch 1.13) does, for @x/optim's tests.

Run with Debian's python3-torch:  /usr/bin/python3 tools/gen_optim_fixtures.py

Deterministic (fixed seeds, one thread). Files:

  optimizers.json  every optimizer with its notable option combinations on fixed problems: the
                   parameters after each of 25 steps, the losses, and the final state_dict.
                   Problems (the tests rebuild the same losses with @x ops):
                     quadratic    x (5) and y (2x3): 0.5*sum(Q@x*x) - sum(b*x) + sum(c*(y-t)^2) + 0.05*sum(x^4),
                                  in float32 and in float64 (the float64 run checks the formulas tightly)
                     mlp          tanh MLP 4-8-3 on 16 fixed points, mean cross-entropy (float32)
                     embedding    rows idx_k = [k % 6, (k + 2) % 6] of a 6x3 table against targets,
                                  sum of squares, with a dense gradient (Adam)
                     embedding_sparse  rows idx_k = [k % 6, (k + 3) % 6, k % 6] (a repeat, so coalescing
                                  matters) looked up with F.embedding(sparse=True): the gradient is sparse
                                  (SparseAdam, SGD, Adagrad); sparse state (SGD's momentum buffer) is
                                  written in its dense form
  schedulers.json  every scheduler's get_last_lr() (and momentum / beta1 where cycled) over 120 steps,
                   and the state_dict keys.
  walkthrough.json the seed's SGD walkthrough (INVENTORY section 8).
  errors.json      PyTorch's messages for misuse (constructor checks, add_param_group, load_state_dict,
                   schedulers) and its warnings.

Encoding: a tensor is {"shape", "dtype", "data"} (data flat, row-major); numbers are JSON numbers;
a float that must stay distinguishable from an integer is never integral here (JavaScript cannot tell
2.0 from 2). Options are given twice: "torch" (PyTorch's keywords) and "ts" (camelCase, for @x).
"""
import json
import os
import warnings

import torch
import torch.nn.functional as F
from fixture_io import DTYPE_NAMES, enc_number, enc_values

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "packages", "optim", "test", "fixtures")
STEPS = 25


def camel(key):
    special = {"T_max": "TMax", "T_0": "T0", "T_mult": "TMult"}
    if key in special:
        return special[key]
    parts = key.split("_")
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def ts_options(kwargs):
    return {camel(k): (list(v) if isinstance(v, tuple) else v) for k, v in kwargs.items()}


def enc_tensor(t):
    return {"shape": list(t.shape), "dtype": DTYPE_NAMES[t.dtype], "data": enc_values(t, round_float32=True)}


def enc_value(v):
    if isinstance(v, torch.Tensor):
        return enc_tensor(v.to_dense() if v.is_sparse else v)
    if isinstance(v, (list, tuple)):
        return [enc_value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): enc_value(x) for k, x in v.items()}
    if isinstance(v, float):
        return enc_number(v)
    return v


# ---------------------------------------------------------------- problems


def quadratic_problem(dtype):
    g = torch.Generator().manual_seed(1)
    a = torch.randn(5, 5, generator=g, dtype=torch.float64)
    q = (a @ a.T / 5 + 0.5 * torch.eye(5, dtype=torch.float64)).to(dtype)
    data = {
        "Q": q,
        "b": torch.randn(5, generator=g, dtype=torch.float64).to(dtype),
        "t": torch.randn(2, 3, generator=g, dtype=torch.float64).to(dtype),
        "c": (torch.rand(2, 3, generator=g, dtype=torch.float64) + 0.5).to(dtype),
    }
    params = [(torch.randn(5, generator=g, dtype=torch.float64) * 0.5).to(dtype), torch.randn(2, 3, generator=g, dtype=torch.float64).to(dtype)]

    def loss(ps, step):
        x, y = ps
        d = data
        return (d["Q"].matmul(x).mul(x).sum().mul(0.5).sub(d["b"].mul(x).sum())
                .add(d["c"].mul(y.sub(d["t"]).pow(2)).sum()).add(x.pow(4).sum().mul(0.05)))

    return data, params, loss


def mlp_problem(dtype=torch.float32):
    g = torch.Generator().manual_seed(2)
    data = {
        "X": torch.randn(16, 4, generator=g).to(dtype),
        "labels": torch.randint(0, 3, (16,), generator=g),
    }
    params = [torch.randn(4, 8, generator=g) * 0.5, torch.randn(8, generator=g) * 0.1, torch.randn(8, 3, generator=g) * 0.5, torch.randn(3, generator=g) * 0.1]
    params = [p.to(dtype) for p in params]

    # The L2 term gives the problem a minimum (without it the labels are separable and the weights
    # grow without bound, where float32 rounding decides LBFGS's path).
    def loss(ps, step):
        w1, b1, w2, b2 = ps
        logp = data["X"].matmul(w1).add(b1).tanh().matmul(w2).add(b2).log_softmax(1)
        ce = logp.gather(1, data["labels"].unsqueeze(1)).mean().neg()
        return ce.add(w1.pow(2).sum().add(w2.pow(2).sum()).mul(0.01))

    return data, params, loss


def embedding_rows(step):
    return [step % 6, (step + 2) % 6]


def embedding_sparse_rows(step):
    return [step % 6, (step + 3) % 6, step % 6]


def embedding_problem(sparse):
    g = torch.Generator().manual_seed(3)
    data = {"target": torch.randn(6, 3, generator=g)}
    params = [torch.randn(6, 3, generator=g)]
    rows_of = embedding_sparse_rows if sparse else embedding_rows

    def loss(ps, step):
        idx = torch.tensor(rows_of(step))
        rows = F.embedding(idx, ps[0], sparse=sparse)
        return rows.sub(data["target"].index_select(0, idx)).pow(2).sum()

    return data, params, loss


# ---------------------------------------------------------------- optimizer cases

O = torch.optim
CASES = [
    ("SGD", {"lr": 0.05}),
    ("SGD", {"lr": 0.05, "momentum": 0.9}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
    ("SGD", {"lr": 0.05, "momentum": 0.8, "dampening": 0.25, "weight_decay": 0.01}),
    ("SGD", {"lr": 0.01, "momentum": 0.5, "maximize": True}),
    ("Adam", {"lr": 0.05}),
    ("Adam", {"lr": 0.05, "amsgrad": True}),
    ("Adam", {"lr": 0.05, "weight_decay": 0.1}),
    ("Adam", {"lr": 0.03, "betas": (0.8, 0.99), "eps": 1e-6, "maximize": True}),
    ("AdamW", {"lr": 0.05}),
    ("AdamW", {"lr": 0.05, "weight_decay": 0.1, "amsgrad": True}),
    ("Adamax", {"lr": 0.05}),
    ("Adamax", {"lr": 0.05, "weight_decay": 0.1, "betas": (0.8, 0.99)}),
    ("Adamax", {"lr": 0.02, "maximize": True}),
    ("NAdam", {"lr": 0.05}),
    ("NAdam", {"lr": 0.05, "weight_decay": 0.1, "momentum_decay": 0.01}),
    ("RAdam", {"lr": 0.05}),
    ("RAdam", {"lr": 0.05, "weight_decay": 0.1, "betas": (0.9, 0.99)}),
    ("Adagrad", {"lr": 0.1}),
    ("Adagrad", {"lr": 0.1, "lr_decay": 0.01, "weight_decay": 0.1, "initial_accumulator_value": 0.1}),
    ("Adagrad", {"lr": 0.05, "maximize": True}),
    ("Adadelta", {"lr": 1.0}),
    ("Adadelta", {"lr": 0.5, "rho": 0.5, "weight_decay": 0.1, "eps": 1e-4}),
    ("Adadelta", {"lr": 0.5, "maximize": True}),
    ("RMSprop", {"lr": 0.01}),
    ("RMSprop", {"lr": 0.01, "momentum": 0.9}),
    ("RMSprop", {"lr": 0.01, "centered": True}),
    ("RMSprop", {"lr": 0.01, "centered": True, "momentum": 0.5, "weight_decay": 0.1, "alpha": 0.9}),
    ("RMSprop", {"lr": 0.005, "maximize": True}),
    ("Rprop", {"lr": 0.01}),
    ("Rprop", {"lr": 0.02, "etas": (0.3, 1.5), "step_sizes": (1e-3, 0.05)}),
    ("Rprop", {"lr": 0.01, "maximize": True}),
    ("ASGD", {"lr": 0.05}),
    ("ASGD", {"lr": 0.05, "lambd": 0.01, "alpha": 0.5, "t0": 5, "weight_decay": 0.1}),
    ("ASGD", {"lr": 0.01, "maximize": True}),
    ("LBFGS", {"lr": 1, "max_iter": 4}),
    ("LBFGS", {"lr": 0.5, "max_iter": 3, "history_size": 3}),
    ("LBFGS", {"lr": 1, "max_iter": 5, "history_size": 4, "line_search_fn": "strong_wolfe"}),
    ("LBFGS", {"lr": 1, "max_iter": 20, "line_search_fn": "strong_wolfe", "tolerance_grad": 1e-5, "tolerance_change": 1e-7}),
]
EMBEDDING_CASES = [
    ("Adam", {"lr": 0.05}),
]
SPARSE_EMBEDDING_CASES = [
    ("SparseAdam", {"lr": 0.05}),
    ("SparseAdam", {"lr": 0.05, "betas": (0.8, 0.9), "eps": 1e-6, "maximize": True}),
    ("SGD", {"lr": 0.05}),
    ("SGD", {"lr": 0.05, "momentum": 0.9}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
    ("SGD", {"lr": 0.02, "momentum": 0.5, "dampening": 0.3, "maximize": True}),
    ("Adagrad", {"lr": 0.1}),
    ("Adagrad", {"lr": 0.1, "lr_decay": 0.01, "initial_accumulator_value": 0.1, "maximize": True}),
]


def run_case(name, kwargs, problem, sparse=False):
    data, init, loss_fn = problem
    params = [p.clone().requires_grad_(True) for p in init]
    opt = getattr(O, name)(params, **kwargs)
    trajectory, losses = [], []
    for step in range(STEPS):
        if name == "LBFGS":
            def closure():
                opt.zero_grad()
                l = loss_fn(params, step)
                l.backward()
                return l
            losses.append(float(opt.step(closure)))
        else:
            opt.zero_grad()
            l = loss_fn(params, step)
            l.backward()
            opt.step()
            losses.append(float(l))
        trajectory.append([enc_tensor(p) for p in params])
    sd = opt.state_dict()
    state = enc_value(sd["state"])
    if name == "LBFGS":
        # The history is large; the trajectory checks it. Keep its layout: keys, list lengths, scalars.
        state = {k: {key: ({"length": len(v)} if isinstance(v, list) else v) for key, v in s.items()} for k, s in state.items()}
    return {
        "optimizer": name,
        "torch": {k: (list(v) if isinstance(v, tuple) else v) for k, v in kwargs.items()},
        "ts": ts_options(kwargs),
        "init": [enc_tensor(p) for p in init],
        "losses": losses,
        "trajectory": trajectory,
        "state": state,
        "param_groups": enc_value(sd["param_groups"]),
    }


def optimizer_fixtures():
    problems = {
        "quadratic32": quadratic_problem(torch.float32),
        "quadratic64": quadratic_problem(torch.float64),
        "mlp": mlp_problem(),
    }
    out = {"steps": STEPS, "problems": {}, "cases": []}
    for key, (data, init, _) in problems.items():
        out["problems"][key] = {"data": {k: enc_tensor(v) for k, v in data.items()}, "init": [enc_tensor(p) for p in init]}
    emb = embedding_problem(sparse=False)
    out["problems"]["embedding"] = {"data": {k: enc_tensor(v) for k, v in emb[0].items()}, "init": [enc_tensor(p) for p in emb[1]],
                                    "rows": [embedding_rows(s) for s in range(STEPS)]}
    # LBFGS also runs the MLP in float64, where its line search is checked to 1e-9.
    problems64 = dict(problems, mlp64=mlp_problem(torch.float64))
    out["problems"]["mlp64"] = {"data": {k: enc_tensor(v) for k, v in problems64["mlp64"][0].items()},
                                "init": [enc_tensor(p) for p in problems64["mlp64"][1]]}
    for name, kwargs in CASES:
        for key, problem in (problems64 if name == "LBFGS" else problems).items():
            case = run_case(name, kwargs, problem)
            case["problem"] = key
            out["cases"].append(case)
    for name, kwargs in EMBEDDING_CASES:
        case = run_case(name, kwargs, embedding_problem(sparse=False))
        case["problem"] = "embedding"
        out["cases"].append(case)
    emb = embedding_problem(sparse=True)
    out["problems"]["embedding_sparse"] = {"data": {k: enc_tensor(v) for k, v in emb[0].items()}, "init": [enc_tensor(p) for p in emb[1]],
                                           "rows": [embedding_sparse_rows(s) for s in range(STEPS)]}
    for name, kwargs in SPARSE_EMBEDDING_CASES:
        case = run_case(name, kwargs, embedding_problem(sparse=True))
        case["problem"] = "embedding_sparse"
        out["cases"].append(case)
    return out


# ---------------------------------------------------------------- schedulers

S = torch.optim.lr_scheduler
SCHED_STEPS = 120


def two_group_sgd():
    w1 = torch.zeros(2, requires_grad=True)
    w2 = torch.zeros(3, requires_grad=True)
    return torch.optim.SGD([{"params": [w1]}, {"params": [w2], "lr": 0.05}], lr=0.1, momentum=0.9)


def two_group_adam():
    w1 = torch.zeros(2, requires_grad=True)
    w2 = torch.zeros(3, requires_grad=True)
    return torch.optim.Adam([{"params": [w1]}, {"params": [w2], "lr": 0.05}], lr=0.1)


# Lambdas the tests define identically (by name).
LAMBDAS = {
    "pow95": lambda e: 0.95 ** e,
    "inv": lambda e: 1.0 / (1 + e),
    "const97": lambda e: 0.97,
    "alt": lambda e: 0.9 if e % 2 == 0 else 1.05,
    "poly": lambda x: 1.0 / (1.0 + 0.1 * x),
}
PLATEAU_METRICS = [1.0 / (1 + i) if i < 20 else (0.05 + 0.0001 * ((i * 7) % 5) if i < 70 else 0.01 * ((i % 3) + 1)) for i in range(SCHED_STEPS)]

SCHEDULERS = [
    # (id, builder(optimizer) -> scheduler, optimizer kind, stepping)
    ("LambdaLR", lambda o: S.LambdaLR(o, LAMBDAS["pow95"]), "sgd", None),
    ("LambdaLR-list", lambda o: S.LambdaLR(o, [LAMBDAS["pow95"], LAMBDAS["inv"]]), "sgd", None),
    ("MultiplicativeLR", lambda o: S.MultiplicativeLR(o, LAMBDAS["const97"]), "sgd", None),
    ("MultiplicativeLR-alt", lambda o: S.MultiplicativeLR(o, LAMBDAS["alt"]), "sgd", None),
    ("StepLR", lambda o: S.StepLR(o, 30), "sgd", None),
    ("StepLR-gamma", lambda o: S.StepLR(o, step_size=7, gamma=0.5), "sgd", None),
    ("MultiStepLR", lambda o: S.MultiStepLR(o, [30, 80], gamma=0.1), "sgd", None),
    ("MultiStepLR-repeat", lambda o: S.MultiStepLR(o, [10, 10, 50, 90], gamma=0.5), "sgd", None),
    ("ConstantLR", lambda o: S.ConstantLR(o), "sgd", None),
    ("ConstantLR-factor", lambda o: S.ConstantLR(o, factor=0.5, total_iters=40), "sgd", None),
    ("LinearLR", lambda o: S.LinearLR(o), "sgd", None),
    ("LinearLR-long", lambda o: S.LinearLR(o, start_factor=0.1, end_factor=0.9, total_iters=60), "sgd", None),
    ("ExponentialLR", lambda o: S.ExponentialLR(o, 0.95), "sgd", None),
    ("PolynomialLR", lambda o: S.PolynomialLR(o), "sgd", None),
    ("PolynomialLR-power", lambda o: S.PolynomialLR(o, total_iters=90, power=2.5), "sgd", None),
    ("CosineAnnealingLR", lambda o: S.CosineAnnealingLR(o, 50), "sgd", None),
    ("CosineAnnealingLR-etamin", lambda o: S.CosineAnnealingLR(o, T_max=30, eta_min=0.001), "sgd", None),
    ("ReduceLROnPlateau", lambda o: S.ReduceLROnPlateau(o, patience=3), "sgd", "metric"),
    ("ReduceLROnPlateau-max-abs", lambda o: S.ReduceLROnPlateau(o, mode="max", factor=0.5, patience=2, threshold=0.01, threshold_mode="abs", cooldown=3, min_lr=[0.01, 0.001]), "sgd", "negmetric"),
    ("CyclicLR", lambda o: S.CyclicLR(o, 0.01, 0.1, step_size_up=10), "sgd", None),
    ("CyclicLR-triangular2", lambda o: S.CyclicLR(o, [0.01, 0.02], 0.1, step_size_up=7, step_size_down=13, mode="triangular2"), "sgd", None),
    ("CyclicLR-exp_range", lambda o: S.CyclicLR(o, 0.01, 0.1, step_size_up=9, mode="exp_range", gamma=0.99, base_momentum=0.7, max_momentum=0.95), "sgd", None),
    ("CyclicLR-scale_fn", lambda o: S.CyclicLR(o, 0.01, 0.1, step_size_up=5, scale_fn=LAMBDAS["poly"], scale_mode="iterations", cycle_momentum=False), "sgd", None),
    ("OneCycleLR", lambda o: S.OneCycleLR(o, 0.1, total_steps=SCHED_STEPS), "sgd", None),
    ("OneCycleLR-linear-3phase", lambda o: S.OneCycleLR(o, [0.1, 0.2], epochs=10, steps_per_epoch=12, pct_start=0.25, anneal_strategy="linear", three_phase=True, div_factor=10.0, final_div_factor=100.0), "sgd", None),
    ("OneCycleLR-adam", lambda o: S.OneCycleLR(o, 0.01, total_steps=SCHED_STEPS, base_momentum=0.8, max_momentum=0.9), "adam", None),
    ("CosineAnnealingWarmRestarts", lambda o: S.CosineAnnealingWarmRestarts(o, 10), "sgd", None),
    ("CosineAnnealingWarmRestarts-mult", lambda o: S.CosineAnnealingWarmRestarts(o, 5, T_mult=2, eta_min=0.001), "sgd", None),
    ("CosineAnnealingWarmRestarts-fractional", lambda o: S.CosineAnnealingWarmRestarts(o, 3, T_mult=2, eta_min=0.0005), "sgd", "fractional"),
    ("SequentialLR", lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, total_iters=10), S.ExponentialLR(o, 0.97)], milestones=[10]), "sgd", None),
    ("SequentialLR-three", lambda o: S.SequentialLR(o, [S.ConstantLR(o, factor=0.5, total_iters=5), S.StepLR(o, 10, gamma=0.5), S.CosineAnnealingLR(o, 40)], milestones=[20, 60]), "sgd", None),
    ("ChainedScheduler", lambda o: S.ChainedScheduler([S.ConstantLR(o, factor=0.1, total_iters=4), S.ExponentialLR(o, 0.98)]), "sgd", None),
    ("ChainedScheduler-step-cos", lambda o: S.ChainedScheduler([S.StepLR(o, 25, gamma=0.5), S.CosineAnnealingLR(o, 60, eta_min=0.0001)]), "sgd", None),
    ("StepLR-epoch", lambda o: S.StepLR(o, 9, gamma=0.5), "sgd", "epoch"),
    ("MultiStepLR-epoch", lambda o: S.MultiStepLR(o, [20, 50, 50], gamma=0.3), "sgd", "epoch"),
    ("CosineAnnealingLR-epoch", lambda o: S.CosineAnnealingLR(o, 40, eta_min=0.001), "sgd", "epoch"),
]


def scheduler_fixtures():
    out = {"steps": SCHED_STEPS, "plateauMetrics": PLATEAU_METRICS, "cases": []}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for sid, build, kind, stepping in SCHEDULERS:
            opt = two_group_sgd() if kind == "sgd" else two_group_adam()
            sched = build(opt)
            lrs = [list(sched._last_lr) if hasattr(sched, "_last_lr") else [g["lr"] for g in opt.param_groups]]
            moms = [[g.get("momentum", g.get("betas", [None])[0]) for g in opt.param_groups]]
            for i in range(SCHED_STEPS):
                opt.step()
                if stepping == "metric":
                    sched.step(PLATEAU_METRICS[i])
                elif stepping == "negmetric":
                    sched.step(-PLATEAU_METRICS[i])
                elif stepping == "fractional":
                    sched.step(i / 4)
                elif stepping == "epoch":
                    sched.step(i + 1)
                else:
                    sched.step()
                lrs.append([g["lr"] for g in opt.param_groups])
                moms.append([g.get("momentum", g.get("betas", [None])[0]) for g in opt.param_groups])
            sd = sched.state_dict()
            keys = sorted(k for k, v in sd.items() if not callable(v) and k not in ("_scale_fn_ref", "anneal_func", "_scale_fn_custom"))
            out["cases"].append({"id": sid, "optimizer": kind, "stepping": stepping, "lrs": lrs, "momentums": moms, "stateDictKeys": keys})
    return out


# ---------------------------------------------------------------- the seed's walkthrough


def walkthrough_fixture():
    weight = torch.tensor([[-0.3077, -0.1808], [-0.7462, -1.5556]], requires_grad=True)
    weight.grad = torch.ones((2, 2))
    optimizer = torch.optim.SGD([weight], lr=0.1, momentum=0.9)
    before = enc_tensor(weight)
    optimizer.step()
    after_step = enc_tensor(weight)
    optimizer.zero_grad(set_to_none=False)
    grad_after_zero = enc_tensor(weight.grad)
    weight2 = torch.tensor([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6], [0.7, -0.8, 0.9]], requires_grad=True)
    optimizer.add_param_group({"params": weight2, "lr": 0.0001, "nesterov": True})
    group_keys = [list(g.keys()) for g in optimizer.param_groups]
    sd_before = optimizer.state_dict()
    sd_before_enc = {"state": enc_value(sd_before["state"]), "param_groups": enc_value(sd_before["param_groups"])}
    for _ in range(50):
        optimizer.step()
    after_loop = enc_tensor(weight)
    after_loop_repr = repr(weight)
    buf = enc_tensor(optimizer.state[weight]["momentum_buffer"])
    sd = optimizer.state_dict()
    sd_enc = {"state": enc_value(sd["state"]), "param_groups": enc_value(sd["param_groups"])}
    # Continue 10 steps with a gradient again, from the live optimizer.
    weight.grad = torch.full((2, 2), 0.5)
    weight2.grad = torch.full((3, 3), -0.25)
    cont = []
    for _ in range(10):
        optimizer.step()
        cont.append([enc_tensor(weight), enc_tensor(weight2)])
    return {
        "before": before, "afterStep": after_step, "gradAfterZero": grad_after_zero, "groupKeys": group_keys,
        "stateDictBefore": sd_before_enc, "afterLoop": after_loop, "afterLoopRepr": after_loop_repr, "momentumBuffer": buf, "stateDict": sd_enc,
        "weight2": enc_tensor(torch.tensor([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6], [0.7, -0.8, 0.9]])),
        "continued": cont,
        "repr": repr(optimizer),
    }


# ---------------------------------------------------------------- errors and warnings


def message(fn):
    try:
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            fn()
        return {"warnings": [str(x.message) for x in w]}
    except Exception as e:  # noqa: BLE001
        return {"error": type(e).__name__, "message": str(e.args[0]) if e.args else str(e)}


def error_fixtures():
    p = lambda: [torch.zeros(2, requires_grad=True)]  # noqa: E731
    out = {}

    def add(key, fn):
        out[key] = message(fn)

    add("sgd-lr", lambda: O.SGD(p(), lr=-1))
    add("sgd-momentum", lambda: O.SGD(p(), lr=0.1, momentum=-0.5))
    add("sgd-weight-decay", lambda: O.SGD(p(), lr=0.1, weight_decay=-0.25))
    add("sgd-nesterov", lambda: O.SGD(p(), lr=0.1, nesterov=True))
    add("sgd-no-lr", lambda: O.SGD(p()))
    add("adam-lr", lambda: O.Adam(p(), lr=-0.5))
    add("adam-nan-lr", lambda: O.Adam(p(), lr=float("nan")))
    add("adam-eps", lambda: O.Adam(p(), eps=-0.5))
    add("adam-beta0", lambda: O.Adam(p(), betas=(1.5, 0.999)))
    add("adam-beta1", lambda: O.Adam(p(), betas=(0.9, -0.5)))
    add("adam-weight-decay", lambda: O.Adam(p(), weight_decay=-0.1))
    add("adamw-beta1", lambda: O.AdamW(p(), betas=(0.9, 1.5)))
    add("adamax-eps", lambda: O.Adamax(p(), eps=-0.5))
    add("nadam-momentum-decay", lambda: O.NAdam(p(), momentum_decay=-0.5))
    add("radam-weight-decay", lambda: O.RAdam(p(), weight_decay=-0.5))
    add("adagrad-lr-decay", lambda: O.Adagrad(p(), lr_decay=-0.5))
    add("adagrad-initial-accumulator", lambda: O.Adagrad(p(), initial_accumulator_value=-0.5))
    add("adadelta-rho", lambda: O.Adadelta(p(), rho=1.5))
    add("rmsprop-alpha", lambda: O.RMSprop(p(), alpha=-0.5))
    add("rmsprop-momentum", lambda: O.RMSprop(p(), momentum=-0.5))
    add("rprop-etas", lambda: O.Rprop(p(), etas=(1.5, 2.5)))
    add("asgd-weight-decay", lambda: O.ASGD(p(), weight_decay=-0.5))
    add("sparse-adam-lr", lambda: O.SparseAdam(p(), lr=0))
    add("sparse-adam-eps", lambda: O.SparseAdam(p(), eps=0))

    def sparse_step(name, **kwargs):
        def go():
            w = torch.randn(6, 3, requires_grad=True)
            opt = getattr(O, name)([w], **kwargs)
            F.embedding(torch.tensor([1, 3, 1]), w, sparse=True).sum().backward()
            opt.step()
        return go
    for name in ["Adam", "AdamW", "Adamax", "NAdam", "RAdam", "RMSprop", "Adadelta", "Rprop", "ASGD"]:
        add(f"sparse-grad-{name}", sparse_step(name))
    add("sparse-grad-SGD-weight-decay", sparse_step("SGD", lr=0.1, weight_decay=0.1))
    add("sparse-grad-Adagrad-weight-decay", sparse_step("Adagrad", weight_decay=0.1))

    def sparse_adam_dense():
        w = torch.randn(6, 3, requires_grad=True)
        opt = O.SparseAdam([w])
        w.mul(2).sum().backward()
        opt.step()
    add("sparse-adam-dense-grad", sparse_adam_dense)
    sparse_param = lambda: torch.sparse_coo_tensor(torch.tensor([[0]]), torch.ones(1), (3,))  # noqa: E731
    add("sparse-adam-sparse-params", lambda: O.SparseAdam([torch.zeros(2, requires_grad=True), sparse_param()]))
    add("sparse-adam-sparse-params-groups", lambda: O.SparseAdam([{"params": [torch.zeros(2, requires_grad=True)]}, {"params": [torch.zeros(2, requires_grad=True), sparse_param()]}]))
    add("params-tensor", lambda: O.SGD(torch.zeros(2, requires_grad=True), lr=0.1))
    add("params-empty", lambda: O.SGD([], lr=0.1))
    add("group-not-dict", lambda: O.SGD(p(), lr=0.1).add_param_group([torch.zeros(2, requires_grad=True)]))
    add("group-set", lambda: O.SGD(p(), lr=0.1).add_param_group({"params": {torch.zeros(2, requires_grad=True)}}))
    add("group-not-tensor", lambda: O.SGD(p(), lr=0.1).add_param_group({"params": [1]}))
    add("group-not-tensor-str", lambda: O.SGD(p(), lr=0.1).add_param_group({"params": ["w"]}))

    def non_leaf():
        w = torch.zeros(2, requires_grad=True)
        O.SGD(p(), lr=0.1).add_param_group({"params": [w * 2]})
    add("group-non-leaf", non_leaf)

    def overlap():
        w = torch.zeros(2, requires_grad=True)
        O.SGD([w], lr=0.1).add_param_group({"params": [w], "lr": 0.01})
    add("group-overlap", overlap)

    def duplicate():
        w = torch.zeros(2, requires_grad=True)
        O.SGD([w, w], lr=0.1)
    add("group-duplicate", duplicate)

    def load_groups():
        a, b = torch.zeros(2, requires_grad=True), torch.zeros(2, requires_grad=True)
        src = O.SGD([{"params": [a]}, {"params": [b]}], lr=0.1)
        O.SGD([torch.zeros(2, requires_grad=True)], lr=0.1).load_state_dict(src.state_dict())
    add("load-group-count", load_groups)

    def load_sizes():
        src = O.SGD([torch.zeros(2, requires_grad=True), torch.zeros(2, requires_grad=True)], lr=0.1)
        O.SGD([torch.zeros(2, requires_grad=True)], lr=0.1).load_state_dict(src.state_dict())
    add("load-group-size", load_sizes)

    add("lbfgs-groups", lambda: O.LBFGS([{"params": p()}, {"params": p()}]))

    def lbfgs_line_search():
        w = torch.ones(2, requires_grad=True)
        opt = O.LBFGS([w], line_search_fn="foo")

        def closure():
            opt.zero_grad()
            l = (w * w).sum()
            l.backward()
            return l
        opt.step(closure)
    add("lbfgs-line-search", lbfgs_line_search)

    sgd = lambda: O.SGD(p(), lr=0.1)  # noqa: E731
    add("sched-not-optimizer", lambda: S.StepLR({}, 3))
    add("sched-resume", lambda: S.StepLR(sgd(), 3, last_epoch=5))
    add("lambda-count", lambda: S.LambdaLR(O.SGD([{"params": p()}, {"params": p()}], lr=0.1), [lambda e: 1.0]))
    add("constant-factor", lambda: S.ConstantLR(sgd(), factor=1.5))
    add("linear-start", lambda: S.LinearLR(sgd(), start_factor=1.5))
    add("linear-end", lambda: S.LinearLR(sgd(), end_factor=-0.5))
    add("plateau-factor", lambda: S.ReduceLROnPlateau(sgd(), factor=1.5))
    add("plateau-mode", lambda: S.ReduceLROnPlateau(sgd(), mode="foo"))
    add("plateau-threshold-mode", lambda: S.ReduceLROnPlateau(sgd(), threshold_mode="foo"))
    add("plateau-min-lr", lambda: S.ReduceLROnPlateau(sgd(), min_lr=[0.1, 0.2]))
    add("cyclic-mode", lambda: S.CyclicLR(sgd(), 0.01, 0.1, mode="foo"))
    add("cyclic-momentum", lambda: S.CyclicLR(O.Adam(p()), 0.01, 0.1))
    add("cyclic-base-lr", lambda: S.CyclicLR(sgd(), [0.01, 0.02], 0.1))
    add("onecycle-steps", lambda: S.OneCycleLR(sgd(), 0.1))
    add("onecycle-total", lambda: S.OneCycleLR(sgd(), 0.1, total_steps=0))
    add("onecycle-epochs", lambda: S.OneCycleLR(sgd(), 0.1, epochs=-1, steps_per_epoch=3))
    add("onecycle-pct", lambda: S.OneCycleLR(sgd(), 0.1, total_steps=10, pct_start=1.5))
    add("onecycle-anneal", lambda: S.OneCycleLR(sgd(), 0.1, total_steps=10, anneal_strategy="foo"))

    def onecycle_past():
        o = sgd()
        s = S.OneCycleLR(o, 0.1, total_steps=10)
        for _ in range(11):
            o.step()
            s.step()
    add("onecycle-past", onecycle_past)
    add("warm-restarts-t0", lambda: S.CosineAnnealingWarmRestarts(sgd(), 0))
    add("warm-restarts-tmult", lambda: S.CosineAnnealingWarmRestarts(sgd(), 5, T_mult=0))

    def warm_negative():
        S.CosineAnnealingWarmRestarts(sgd(), 5).step(-1)
    add("warm-restarts-epoch", warm_negative)

    def seq_milestones():
        o = sgd()
        S.SequentialLR(o, [S.ConstantLR(o), S.ExponentialLR(o, 0.9)], milestones=[3, 6])
    add("sequential-milestones", seq_milestones)

    def seq_optimizer():
        o, o2 = sgd(), sgd()
        S.SequentialLR(o, [S.ConstantLR(o), S.ExponentialLR(o2, 0.9)], milestones=[3])
    add("sequential-optimizer", seq_optimizer)

    def chained_optimizer():
        S.ChainedScheduler([S.ConstantLR(sgd()), S.ExponentialLR(sgd(), 0.9)])
    add("chained-optimizer", chained_optimizer)

    def order():
        o = sgd()
        s = S.StepLR(o, 3)
        s.step()
        o.step()
    add("warn-order", order)

    def get_lr_outside():
        S.StepLR(sgd(), 3).get_lr()
    add("warn-get-lr", get_lr_outside)
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    files = {
        "optimizers.json": optimizer_fixtures(),
        "schedulers.json": scheduler_fixtures(),
        "walkthrough.json": walkthrough_fixture(),
        "errors.json": error_fixtures(),
    }
    for name, data in files.items():
        with open(os.path.join(OUT, name), "w") as f:
            json.dump(data, f, separators=(",", ":"))
            f.write("\n")
        print(name, os.path.getsize(os.path.join(OUT, name)), "bytes")


if __name__ == "__main__":
    main()
