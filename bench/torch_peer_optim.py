"""PyTorch side of the optimizer benchmark: one torch.optim.Adam step over the 582,026 float32
parameters of the seed's Fashion-MNIST CNN (conv1 32x1x5x5+32, conv2 64x32x5x5+64, fc1 512x1024+512,
fc2 10x512+10) with random gradients. Prints the median seconds per step.

Run with Debian's python3-torch:  /usr/bin/python3 bench/torch_peer_optim.py [threads]
(2 threads by default, as bench/torch_peer.py).
"""
import sys

import torch

from peer_timing import timed

SHAPES = [(32, 1, 5, 5), (32,), (64, 32, 5, 5), (64,), (512, 1024), (512,), (10, 512), (10,)]


def main():
    torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
    torch.manual_seed(0)
    params = [(torch.randn(s) * 0.05).requires_grad_() for s in SHAPES]
    assert sum(p.numel() for p in params) == 582026
    for p in params:
        p.grad = torch.randn(p.shape)
    opt = torch.optim.Adam(params, lr=1e-3)
    print(timed(opt.step, min_runs=20, warmup=3))


if __name__ == "__main__":
    main()
