"""The data order PyTorch 1.13 gives for a seed (issue #22): DataLoader shuffling (the base seed, then
RandomSampler's own seed and randperm, all from the global generator), RandomSampler with replacement,
random_split, each after torch.manual_seed(seed). Writes packages/data/test/fixtures/rng-order.json.
Run with /usr/bin/python3."""
import json
import os

import torch
from torch.utils.data import DataLoader, RandomSampler, TensorDataset, random_split

cases = []
for seed in [0, 1, 42]:
    for n, batch in [(10, 3), (100, 16), (1000, 64)]:
        torch.manual_seed(seed)
        loader = DataLoader(TensorDataset(torch.arange(n)), batch_size=batch, shuffle=True)
        epochs = [[int(v) for (x,) in loader for v in x] for _ in range(2)]
        after = torch.rand(3).tolist()
        cases.append({"kind": "loader", "seed": seed, "n": n, "batchSize": batch, "epochs": epochs, "randAfter": after})
    torch.manual_seed(seed)
    cases.append({"kind": "replacement", "seed": seed, "n": 50, "order": [int(i) for i in RandomSampler(range(50), replacement=True, num_samples=70)]})
    torch.manual_seed(seed)
    parts = random_split(range(20), [5, 7, 8])
    cases.append({"kind": "randomSplit", "seed": seed, "n": 20, "lengths": [5, 7, 8], "indices": [list(p.indices) for p in parts]})

out = os.path.join(os.path.dirname(__file__), "..", "packages", "data", "test", "fixtures", "rng-order.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
    f.write("\n")
print("wrote", os.path.normpath(out))
