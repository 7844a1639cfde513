/**
 * The seed's autograd chapter (INVENTORY §2), line by line. Where the seed draws random tensors, fixed
 * values stand in (the same values in tools/gen_quickstart_expected.py), so every line printed here is
 * the line PyTorch 1.13 prints.
 */
import * as torch from '@x/torch';
import { print } from './print';

export function autograd(): void {
  // A tensor the user made has no grad_fn
  let x = torch.tensor([[0.3, -1.2, 0.8], [1.1, 0.05, -0.4], [-0.7, 0.9, 2.0]], { requiresGrad: true });
  print(x.gradFn);

  // Tracking the history of a computation
  x = torch.ones(2, 2, { requiresGrad: true });
  print(x);
  const y = x.pow(2);
  print(y);
  print(y.gradFn);
  const z = y.mul(y).mul(3);
  const out = z.mean();
  print(z, out);

  // requires_grad_ changes the flag in place; it is False by default
  const a = torch.tensor([[0.5, -1.5], [2.0, 0.25]]);
  print(a.requiresGrad);
  a.requiresGrad_(true);
  print(a.requiresGrad);
  const b = a.mul(a).sum();
  print(b.gradFn);

  // Gradients: out is a scalar, so out.backward() is out.backward(torch.tensor(1.))
  out.backward();
  print(x.grad);

  // retain_graph keeps the graph for another backward
  const xs = torch.tensor([0.6], { requiresGrad: true });
  const bs = torch.tensor([-1.2], { requiresGrad: true });
  const ws = torch.tensor([2.0], { dtype: torch.float, requiresGrad: true }); // [2.0] alone would be int64 in JavaScript
  print('x:', xs);
  print('b:', bs);
  print('w:', ws);
  const ys = ws.mul(xs);
  const zs = ys.add(bs);
  zs.backward({ retainGraph: true });
  print();
  print('w_grad: ', ws.grad);
  print(bs.grad);
  print(ys.isLeaf, zs.gradFn);

  // Gradients accumulate: zero them before the next backward
  const out2 = x.sum();
  out2.backward();
  print(x.grad);
  const out3 = x.sum();
  x.grad!.data.zero_();
  out3.backward();
  print(x.grad);

  // A vector-Jacobian product: y is not a scalar, so backward takes the vector
  const v0 = torch.tensor([1.2, -0.9, 1.5], { requiresGrad: true });
  let yv = v0.mul(2);
  let i = 0;
  while (yv.data.norm().item() < 1000) { // plain JavaScript also takes `yv.data.norm() < 1000`; TypeScript wants the number
    yv = yv.mul(2);
    i = i + 1;
  }
  print(yv);
  print(i);
  const v = torch.tensor([0.1, 1.0, 0.0001], { dtype: torch.float });
  yv.backward(v);
  print(v0.grad);

  // no_grad stops the recording
  print(v0.requiresGrad);
  print(v0.pow(2).requiresGrad);
  torch.noGrad(() => {
    print(v0.pow(2).requiresGrad);
  });

  // .data changes values without the graph knowing
  const d = torch.ones(1, { requiresGrad: true });
  print(d.data);
  print(d.data.requiresGrad);
  const yd = d.mul(2);
  d.data.mul_(100);
  yd.backward();
  print(d);
  print(d.grad);
}
