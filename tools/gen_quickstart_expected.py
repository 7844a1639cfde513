"""Writes examples/quickstart/expected.txt: what PyTorch 1.13 prints for examples/quickstart/src/main.ts
(the tensors chapter, the autograd chapter and the optimizer walkthrough, with the same fixed values).

Run with Debian's python3-torch: /usr/bin/python3 tools/gen_quickstart_expected.py
"""
import contextlib
import io
import os
import tempfile

import torch

captured = io.StringIO()
with contextlib.redirect_stdout(captured):
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

    # autograd (examples/quickstart/src/autograd.ts)
    x = torch.tensor([[0.3, -1.2, 0.8], [1.1, 0.05, -0.4], [-0.7, 0.9, 2.0]], requires_grad=True)
    print(x.grad_fn)
    x = torch.ones(2, 2, requires_grad=True)
    print(x)
    y = x ** 2
    print(y)
    print(y.grad_fn)
    z = y * y * 3
    out = z.mean()
    print(z, out)
    a = torch.tensor([[0.5, -1.5], [2.0, 0.25]])
    print(a.requires_grad)
    a.requires_grad_(True)
    print(a.requires_grad)
    b = (a * a).sum()
    print(b.grad_fn)
    out.backward()
    print(x.grad)
    xs = torch.tensor([0.6], requires_grad=True)
    bs = torch.tensor([-1.2], requires_grad=True)
    ws = torch.tensor([2.0], requires_grad=True)
    print("x:", xs)
    print("b:", bs)
    print("w:", ws)
    ys = ws * xs
    zs = ys + bs
    zs.backward(retain_graph=True)
    print()
    print("w_grad: ", ws.grad)
    print(bs.grad)
    print(ys.is_leaf, zs.grad_fn)
    out2 = x.sum()
    out2.backward()
    print(x.grad)
    out3 = x.sum()
    x.grad.data.zero_()
    out3.backward()
    print(x.grad)
    v0 = torch.tensor([1.2, -0.9, 1.5], requires_grad=True)
    yv = v0 * 2
    i = 0
    while yv.data.norm() < 1000:
        yv = yv * 2
        i = i + 1
    print(yv)
    print(i)
    v = torch.tensor([0.1, 1.0, 0.0001], dtype=torch.float)
    yv.backward(v)
    print(v0.grad)
    print(v0.requires_grad)
    print((v0 ** 2).requires_grad)
    with torch.no_grad():
        print((v0 ** 2).requires_grad)
    d = torch.ones(1, requires_grad=True)
    print(d.data)
    print(d.data.requires_grad)
    yd = 2 * d
    d.data *= 100
    yd.backward()
    print(d)
    print(d.grad)

    # the optimizer walkthrough (examples/quickstart/src/optimizer.ts)
    weight = torch.tensor([[-0.3077, -0.1808], [-0.7462, -1.5556]], requires_grad=True)
    weight.grad = torch.ones((2, 2))
    print("The data of weight before step:\n{}".format(weight.data))
    print("The grad of weight before step:\n{}".format(weight.grad))
    optimizer = torch.optim.SGD([weight], lr=0.1, momentum=0.9)
    optimizer.step()
    print("The data of weight after step:\n{}".format(weight.data))
    print("The grad of weight after step:\n{}".format(weight.grad))
    optimizer.zero_grad()
    print("The grad of weight after optimizer.zero_grad():\n{}".format(weight.grad))
    print("optimizer.params_group is \n", optimizer.param_groups)
    print("weight in optimizer is weight:", id(optimizer.param_groups[0]['params'][0]) == id(weight))
    weight2 = torch.tensor([[0.4539, -2.1901, -0.6662], [0.663, -1.5178, -0.8708], [-2.0222, 1.4573, 0.8657]], requires_grad=True)
    optimizer.add_param_group({"params": weight2, 'lr': 0.0001, 'nesterov': True})
    print("optimizer.param_groups is\n", optimizer.param_groups)
    opt_state_dict = optimizer.state_dict()
    print("state_dict before step:\n", opt_state_dict)
    for _ in range(50):
        optimizer.step()
    print("state_dict after step:\n", optimizer.state_dict())
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "optimizer_state_dict.pkl")
        torch.save(optimizer.state_dict(), path)
        print("----------done-----------")
        state_dict = torch.load(path)
        optimizer.load_state_dict(state_dict)
        print("load state_dict successfully\n", state_dict)
    print("\n", optimizer.defaults)
    print("\n", optimizer.state[weight])
    print("\n", optimizer.param_groups)

path = os.path.join(os.path.dirname(__file__), "..", "examples", "quickstart", "expected.txt")
with open(path, "w") as f:
    f.write(captured.getvalue())
