"""Writes examples/quickstart/expected.txt: what PyTorch 1.13 prints for examples/quickstart/src/main.ts.

Run with Debian's python3-torch: /usr/bin/python3 tools/gen_quickstart_expected.py
"""
import contextlib
import io
import os

import torch

out = io.StringIO()
with contextlib.redirect_stdout(out):
    x = torch.tensor([[0.7569, 0.4281, 0.4722], [0.9513, 0.5168, 0.1659], [0.4493, 0.2846, 0.4363], [0.5043, 0.9637, 0.1469]])
    print(x)
    x = torch.zeros(4, 3, dtype=torch.long)
    print(x)
    x = torch.tensor([5.5, 3])
    print(x)
    x = x.new_ones(4, 3, dtype=torch.double)
    print(x)
    x = torch.tensor([[2.7311, -0.072, 0.2497], [-2.3141, 0.0666, -0.5934], [1.5253, 1.0336, 1.3859], [1.3806, -0.6965, -1.2255]])
    print(x.size())
    print(len(x.shape), x.size(0))

    y = torch.tensor([[0.1666, 0.7301, 0.3359], [0.9537, 0.099, 0.5111], [0.6134, 0.7623, 0.1416], [0.8621, 0.3865, 0.7429]])
    print(x + y)
    print(torch.add(x, y))
    y.add_(x)
    print(y)

    print(x[:, 1])
    row = x[0, :]
    row += 1
    print(row)
    print(x[0, :])

    x = torch.tensor([[0.7462, 0.3352, 0.6003, 0.6176], [0.4908, 0.8969, 0.0714, 0.4192], [0.5545, 0.2102, 0.8996, 0.6602], [0.1178, 0.7226, 0.1388, 0.0561]])
    flat = x.view(16)
    z = x.view(-1, 8)
    print(flat)
    print(z)
    print(x.size(), flat.size(), z.size())
    x += 1
    print(flat)
    copy = x.clone().view(16)
    x -= 1
    print(copy)

    print(torch.tensor([1.4424]).item())

    a = torch.arange(1, 3).view(1, 2)
    b = torch.arange(1, 4).view(3, 1)
    print(a)
    print(b)
    print(a + b)

    m = torch.tensor([[1, 2], [3, 4]], dtype=torch.float32)
    print(m.mm(m))
    print(m.sum(), m.mean(), m.max())
    print(m.sum(0), m.argmax(1))
    print(torch.cat([m, m], 1))
    print(len(m.unsqueeze(0).shape), m.norm())
    print(torch.linspace(0, 1, 3), torch.eye(2, 3))

path = os.path.join(os.path.dirname(__file__), "..", "examples", "quickstart", "expected.txt")
with open(path, "w") as f:
    f.write(out.getvalue())
