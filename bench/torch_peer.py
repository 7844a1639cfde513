"""PyTorch side of the benchmarks: reads the cases (JSON) on stdin, prints median seconds per call."""
import json
import sys
import time

import torch

torch.set_num_threads(2)


def timed(fn, min_runs=7, budget=1.5, warmup=2):
    for _ in range(warmup):
        fn()
    samples = []
    start = time.perf_counter()
    while len(samples) < min_runs or time.perf_counter() - start < budget:
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
        if len(samples) >= 200:
            break
    samples.sort()
    return samples[len(samples) // 2]


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
