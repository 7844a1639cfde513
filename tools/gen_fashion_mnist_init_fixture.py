"""The seed's Fashion-MNIST network (examples/fashion-mnist/src/net.ts) built in PyTorch 1.13 after
torch.manual_seed(0): each state_dict entry's SHA-256 (little-endian float32 bytes), sum and first
values, so the example's test checks @x's default initialisation bit for bit.

Writes examples/fashion-mnist/test/fixtures/init-seed0.json. Run with /usr/bin/python3.
"""
import hashlib
import json
import os

import sys

import torch

# The network as bench/fashion_torch.py defines it for PyTorch (the same as examples/fashion-mnist/src/net.ts).
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "bench"))
from fashion_torch import Net  # noqa: E402


torch.manual_seed(0)
net = Net()
entries = {}
for name, t in net.state_dict().items():
    a = t.contiguous().numpy()
    entries[name] = {
        "shape": list(t.shape),
        "sha256": hashlib.sha256(a.tobytes()).hexdigest(),
        "first": [format(int(v), "08x") for v in a.reshape(-1)[:8].view("uint32")],
        "sum": float(t.double().sum()),
    }
# the generator's state after construction, so the draws that follow (data order, dropout) start equal too
after = hashlib.sha256(bytes(torch.get_rng_state().numpy())).hexdigest()
out = os.path.join(os.path.dirname(__file__), "..", "examples", "fashion-mnist", "test", "fixtures", "init-seed0.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "seed": 0, "state_dict": entries, "rng_state_after_sha256": after}, f, indent=1)
    f.write("\n")
print("wrote", os.path.normpath(out))
