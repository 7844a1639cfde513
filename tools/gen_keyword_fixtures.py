#!/usr/bin/python3
"""Generate packages/torch/test/fixtures/keyword-arguments.json: what PyTorch 1.13 gives for calls
that pass their arguments by keyword, for @x's keyword-argument tests (issue 12).

Run with Debian's python3-torch:  /usr/bin/python3 tools/gen_keyword_fixtures.py

Each case names the PyTorch call and holds its result (tensors as {"shape", "dtype", "data"}),
so the tests make the same call with @x's options object and compare. "errors" holds PyTorch's own
TypeError texts for argument mistakes, which @x words the same way (with its camelCase names).
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
from fixture_io import DTYPE_NAMES, enc_values

torch.set_num_threads(1)


def enc(t):
    if isinstance(t, (list, tuple)):
        return [enc(x) for x in t]
    if isinstance(t, torch.Tensor):
        return {'shape': list(t.shape), 'dtype': DTYPE_NAMES[t.dtype], 'data': enc_values(t)}
    return t


def error_of(fn):
    try:
        fn()
    except TypeError as e:
        return str(e)
    raise AssertionError('expected a TypeError')


out = {}

# -- the calls of issue 12 --------------------------------------------------------------------
x = torch.arange(6.0).reshape(2, 3)
w = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
z = (w * w).sum()
z.backward(retain_graph=True)
z.backward()  # the retained graph runs again: the gradient accumulates
out['backward_retain_graph'] = {'input': enc(w), 'grad': enc(w.grad)}
out['cat_dim'] = enc(torch.cat([x, x], dim=1))
out['softmax_dim'] = enc(x.softmax(dim=1))
out['log_softmax_dim'] = enc(x.log_softmax(dim=1))
out['stack_dim'] = enc(torch.stack([x, x], dim=1))
out['unsqueeze_dim'] = enc(x.unsqueeze(dim=1))
out['cumsum_dim'] = enc(x.cumsum(dim=1))
out['transpose_dims'] = enc(x.transpose(dim0=0, dim1=1))
out['squeeze_dim'] = enc(torch.ones(1, 3).squeeze(dim=0))
out['linspace_steps'] = enc(torch.linspace(0, 1, steps=3))
out['arange_start_end'] = enc(torch.arange(start=1, end=4))
out['zeros_size'] = enc(torch.zeros(size=[2]))
out['full_size_fill_value'] = enc(torch.full(size=[2], fill_value=1))
r = torch.randint(low=0, high=10, size=[3])
out['randint_low_high_size'] = {'shape': list(r.shape), 'dtype': DTYPE_NAMES[r.dtype]}
out['x'] = enc(x)
out['w'] = enc(w)

# -- a representative of each package ---------------------------------------------------------
torch.manual_seed(0)
conv = nn.Conv2d(in_channels=1, out_channels=2, kernel_size=3, padding=1, bias=False)
lin = nn.Linear(in_features=3, out_features=2, bias=False)
out['nn'] = {
    'conv_repr': repr(conv),
    'linear_repr': repr(lin),
    'dropout_repr': repr(nn.Dropout(p=0.3)),
    'cross_entropy_repr': repr(nn.CrossEntropyLoss(reduction='sum', label_smoothing=0.1)),
    'leaky_relu': enc(F.leaky_relu(x - 2, negative_slope=0.2)),
    'cross_entropy': enc(F.cross_entropy(x, torch.tensor([0, 2]), reduction='sum', label_smoothing=0.1)),
}

# SGD by keyword on a fixed quadratic, 3 steps; CosineAnnealingLR(T_max=10) beside it.
p = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
sgd = torch.optim.SGD([p], lr=0.1, momentum=0.9, weight_decay=0.01, nesterov=True)
sched = torch.optim.lr_scheduler.CosineAnnealingLR(sgd, T_max=10, eta_min=0.001)
traj, lrs = [], []
for _ in range(3):
    sgd.zero_grad()
    (p * p * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
    sgd.step()
    sched.step()
    traj.append(p.detach().tolist())
    lrs.append(sched.get_last_lr()[0])
out['optim'] = {'sgd_trajectory': traj, 'cosine_lrs': lrs}

loader = torch.utils.data.DataLoader(dataset=list(range(10)), batch_size=4, drop_last=True)
out['data'] = {'batches': [b.tolist() for b in loader]}

# -- PyTorch's words for argument mistakes ----------------------------------------------------
out['errors'] = {
    'unsqueeze_dim_float': error_of(lambda: torch.unsqueeze(x, dim=1.5)),
    'unsqueeze_dim_str_positional': error_of(lambda: torch.unsqueeze(x, 'a')),
    'sum_unexpected_keyword': error_of(lambda: x.sum(keep_dim=True)),
    'softmax_too_many': error_of(lambda: torch.softmax(x, 1, None, 3)),
    'linear_missing': error_of(lambda: nn.Linear(3)),
    'sgd_unexpected': error_of(lambda: torch.optim.SGD([p], lr=0.1, weightDecay=0.1)),
    'scheduler_multiple': error_of(lambda: torch.optim.lr_scheduler.StepLR(sgd, 2, step_size=3)),
}

path = os.path.join(os.path.dirname(__file__), '..', 'packages', 'torch', 'test', 'fixtures', 'keyword-arguments.json')
with open(path, 'w') as f:
    json.dump(out, f, indent=1)
    f.write('\n')
print('wrote', os.path.normpath(path))
