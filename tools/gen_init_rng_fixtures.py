"""nn.init functions and layers' default initialisation after torch.manual_seed(seed), from PyTorch 1.13
(issue #22): each result's SHA-256 (little-endian float32 bytes) and first values as hex bits, so
@x's nn tests check them bit for bit. Writes packages/nn/test/fixtures/init-rng.json.
Run with /usr/bin/python3."""
import hashlib
import json
import os

import torch
from torch import nn


def enc(t):
    a = t.detach().contiguous().numpy()
    return {"shape": list(t.shape), "sha256": hashlib.sha256(a.tobytes()).hexdigest(),
            "first": [format(int(v), "08x") for v in a.reshape(-1)[:6].view("uint32")]}


INITS = {
    "uniform_": lambda w: nn.init.uniform_(w, -0.3, 0.7),
    "normal_": lambda w: nn.init.normal_(w, 0.1, 0.02),
    "xavierUniform_": lambda w: nn.init.xavier_uniform_(w),
    "xavierNormal_": lambda w: nn.init.xavier_normal_(w, gain=1.5),
    "kaimingUniform_": lambda w: nn.init.kaiming_uniform_(w, a=5 ** 0.5),
    "kaimingNormal_": lambda w: nn.init.kaiming_normal_(w, mode="fan_out", nonlinearity="relu"),
    "truncNormal_": lambda w: nn.init.trunc_normal_(w, std=0.02),
    "orthogonal_": lambda w: nn.init.orthogonal_(w),
    "sparse_": lambda w: nn.init.sparse_(w, 0.3),
}
cases = []
for seed in [0, 3]:
    for name, f in INITS.items():
        for shape in [[64, 32], [16, 8, 3, 3]] if name != "sparse_" else [[64, 32]]:
            torch.manual_seed(seed)
            w = torch.empty(shape)
            f(w)
            cases.append({"kind": "init", "name": name, "seed": seed, "shape": shape, "expected": enc(w)})
LAYERS = {
    "Linear(20, 30)": lambda: nn.Linear(20, 30),
    "Conv2d(3, 8, 3)": lambda: nn.Conv2d(3, 8, 3),
    "Conv1d(4, 6, 5, bias=False)": lambda: nn.Conv1d(4, 6, 5, bias=False),
    "ConvTranspose2d(4, 6, 3)": lambda: nn.ConvTranspose2d(4, 6, 3),
    "Embedding(50, 16)": lambda: nn.Embedding(50, 16),
    "BatchNorm2d(8)": lambda: nn.BatchNorm2d(8),
    "LayerNorm(12)": lambda: nn.LayerNorm(12),
    "LSTM(10, 20)": lambda: nn.LSTM(10, 20),
    "GRU(8, 16, 2)": lambda: nn.GRU(8, 16, 2),
    "MultiheadAttention(16, 4)": lambda: nn.MultiheadAttention(16, 4),
}
for seed in [0, 3]:
    for name, f in LAYERS.items():
        torch.manual_seed(seed)
        m = f()
        cases.append({"kind": "layer", "name": name, "seed": seed, "expected": {k: enc(v) for k, v in m.state_dict().items()}})

out = os.path.join(os.path.dirname(__file__), "..", "packages", "nn", "test", "fixtures", "init-rng.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
    f.write("\n")
print("wrote", len(cases), "cases to", os.path.normpath(out))
