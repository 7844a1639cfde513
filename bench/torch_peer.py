"""PyTorch side of the benchmarks: reads the cases (JSON) on stdin, prints median seconds per call."""
import json
import sys

import torch

from peer_timing import timed

torch.set_num_threads(2)


def run(case):
    kind, dims = case["kind"], case["dims"]
    torch.manual_seed(0)
    if kind == "matmul":
        m, k, n = dims
        a, b = torch.rand(m, k), torch.rand(k, n)
        return timed(lambda: torch.matmul(a, b))
    if kind == "add":
        a, b = torch.rand(dims[0]), torch.rand(dims[0])
        return timed(lambda: a.add(b))
    if kind == "sum":
        a = torch.rand(dims[0])
        return timed(lambda: a.sum())
    if kind == "mlpStep":
        b, d, h1, h2, c = dims
        x = torch.randn(b, d)
        target = torch.randint(0, c, (b,))
        params = [torch.randn(d, h1) * 0.05, torch.zeros(h1), torch.randn(h1, h2) * 0.06, torch.zeros(h2), torch.randn(h2, c) * 0.06, torch.zeros(c)]
        for p in params:
            p.requires_grad_()
        w1, b1, w2, b2, w3, b3 = params

        def step():
            h = x.matmul(w1).add(b1).relu()
            h = h.matmul(w2).add(b2).relu()
            logp = h.matmul(w3).add(b3).log_softmax(1)
            loss = logp.gather(1, target.unsqueeze(1)).mean().neg()
            loss.backward()
            for p in params:
                p.grad = None

        return timed(step, min_runs=10)
    if kind == "scalarChain":
        (n,) = dims
        a = torch.tensor(1.0, requires_grad=True)

        def chain():
            y = a
            for _ in range(n):
                y = y.mul(1.0001).add(0.0001)
            y.backward()
            a.grad = None

        return timed(chain, min_runs=5)
    if kind == "convStep":
        n, c, h, w, o, k = dims
        conv = torch.nn.Conv2d(c, o, k)
        x = torch.randn(n, c, h, w)

        def step():
            conv(x).sum().backward()
            conv.zero_grad()

        return timed(step, min_runs=5)
    if kind == "cnnStep":
        nn = torch.nn
        net = nn.Sequential(
            nn.Conv2d(1, 32, 5), nn.ReLU(), nn.MaxPool2d(2, 2), nn.Dropout(0.3),
            nn.Conv2d(32, 64, 5), nn.ReLU(), nn.MaxPool2d(2, 2), nn.Dropout(0.3),
            nn.Flatten(), nn.Linear(64 * 4 * 4, 512), nn.ReLU(), nn.Linear(512, 10))
        x = torch.randn(dims[0], 1, 28, 28)
        y = torch.randint(0, 10, (dims[0],))
        loss_fn = nn.CrossEntropyLoss()

        def step():
            loss_fn(net(x), y).backward()
            net.zero_grad()

        return timed(step, min_runs=5)
    if kind == "tinyAdd":
        count, size = dims
        a, b = torch.rand(size), torch.rand(size)

        def loop():
            for _ in range(count):
                a.add(b)

        return timed(loop, min_runs=5)
    raise ValueError(kind)


def blas():
    with open("/proc/self/maps") as f:
        libs = {line.split()[-1] for line in f if "blas" in line.split()[-1]}
    return ", ".join(sorted(libs)) or "unknown"


times = [run(c) for c in json.load(sys.stdin)]
print(json.dumps({"times": times, "blas": blas()}))
