"""How the PyTorch peers time a call, as bench/src/timing.ts times @x's: the median of at least
`min_runs` runs and about `budget` seconds, after `warmup` calls, at most 200 runs."""
import time


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
