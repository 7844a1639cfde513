import { describe, expect, it, vi } from 'vitest';
import * as torch from '@x/tensor';
import * as autograd from '../src/index';

describe("the seed's autograd chapter", () => {
  it('out = mean(3 * (x^2)^2) gives x.grad = 3, then accumulates, then zero_', () => {
    const x = torch.ones(2, 2, { requiresGrad: true });
    expect(String(x)).toBe('tensor([[1., 1.],\n        [1., 1.]], requires_grad=True)');
    const y = x.pow(2);
    expect(String(y)).toBe('tensor([[1., 1.],\n        [1., 1.]], grad_fn=<PowBackward0>)');
    const z = y.mul(y).mul(3);
    const out = z.mean();
    expect(String(out)).toBe('tensor(3., grad_fn=<MeanBackward0>)');
    out.backward();
    expect(x.grad!.tolist()).toEqual([[3, 3], [3, 3]]);
    x.sum().backward();
    expect(x.grad!.tolist()).toEqual([[4, 4], [4, 4]]);
    x.grad!.zero_();
    x.sum().backward();
    expect(x.grad!.tolist()).toEqual([[1, 1], [1, 1]]);
  });

  it('vector-Jacobian product: y.backward(v) gives v * 2^(k+1)', () => {
    torch.manualSeed(0);
    const x = torch.randn(3, { requiresGrad: true });
    let y = x.mul(2);
    let k = 0;
    while (y.norm().item() < 1000) {
      y = y.mul(2);
      k++;
    }
    const v = torch.tensor([0.1, 1.0, 0.0001], { dtype: torch.float32 });
    y.backward(v);
    const expected = [0.1, 1.0, 0.0001].map((e) => Math.fround(e) * 2 ** (k + 1));
    const got = x.grad!.tolist() as number[];
    got.forEach((g, i) => expect(g).toBeCloseTo(expected[i]!, 6));
  });

  it('x.data changes values without touching the graph', () => {
    const x = torch.ones(1, { requiresGrad: true });
    const y = x.mul(2);
    y.data.mul_(100);
    expect(y.tolist()).toEqual([200]);
    expect(y.requiresGrad).toBe(true);
    y.backward();
    expect(x.grad!.tolist()).toEqual([2]);
  });
});

describe('errors with PyTorch meaning', () => {
  it('non-scalar backward needs a gradient', () => {
    const x = torch.ones(2, { requiresGrad: true });
    expect(() => x.mul(2).backward()).toThrow('grad can be implicitly created only for scalar outputs');
  });
  it('a second backward through a freed graph', () => {
    const x = torch.ones(2, { requiresGrad: true });
    const out = x.mul(x).sum();
    out.backward();
    expect(() => out.backward()).toThrow('Trying to backward through the graph a second time');
    const out2 = x.mul(x).sum();
    out2.backward(undefined, { retainGraph: true });
    out2.backward();
    expect(x.grad!.tolist()).toEqual([6, 6]);
  });
  it('in-place modification of a saved tensor', () => {
    const x = torch.ones(2, { requiresGrad: true });
    const y = x.mul(2);
    const z = y.mul(y);
    y.add_(1);
    expect(() => z.sum().backward()).toThrow('one of the variables needed for gradient computation has been modified by an inplace operation');
  });
  it('in-place on a leaf that requires grad', () => {
    const x = torch.ones(2, { requiresGrad: true });
    expect(() => x.add_(1)).toThrow('a leaf Variable that requires grad is being used in an in-place operation.');
    autograd.noGrad(() => x.add_(1));
    expect(x.tolist()).toEqual([2, 2]);
  });
  it('requiresGrad only on floating point', () => {
    expect(() => torch.ones(2, { dtype: 'int64', requiresGrad: true })).toThrow('only Tensors of floating point');
  });
});

describe('graph and modes', () => {
  it('gradFn names and nextFunctions walk the graph', () => {
    const a = torch.ones(2, { requiresGrad: true });
    const b = a.mul(3).add(a);
    expect(b.gradFn!.name).toBe('AddBackward0');
    const names = b.gradFn!.nextFunctions.map(([n]) => n?.name ?? null);
    expect(names).toEqual(['MulBackward0', 'AccumulateGrad']);
    expect(a.isLeaf).toBe(true);
    expect(b.isLeaf).toBe(false);
  });
  it('noGrad, enableGrad and setGradEnabled, also across await', async () => {
    const x = torch.ones(2, { requiresGrad: true });
    expect(autograd.noGrad(() => x.mul(2)).requiresGrad).toBe(false);
    expect(autograd.noGrad(() => autograd.enableGrad(() => x.mul(2))).requiresGrad).toBe(true);
    const y = await autograd.noGrad(async () => {
      await new Promise((r) => setTimeout(r, 1));
      return x.mul(2);
    });
    expect(y.requiresGrad).toBe(false);
    expect(autograd.isGradEnabled()).toBe(true);
  });
  it('in-place on a non-leaf rebases its history', () => {
    const x = torch.ones(2, { requiresGrad: true });
    const y = x.mul(2);
    y.mul_(3);
    expect(y.gradFn!.name).toBe('MulBackward0');
    y.sum().backward();
    expect(x.grad!.tolist()).toEqual([6, 6]);
  });
  it('retainGrad and the non-leaf .grad warning', () => {
    const x = torch.ones(2, { requiresGrad: true });
    const y = x.mul(2);
    const z = x.mul(3);
    y.retainGrad();
    y.add(z).sum().backward();
    expect(y.grad!.tolist()).toEqual([1, 1]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(z.grad).toBeNull();
    warn.mockRestore();
  });
  it('tensor hooks see and can replace the gradient', () => {
    const x = torch.ones(2, { requiresGrad: true });
    const seen: number[][] = [];
    x.registerHook((g) => void seen.push(g.tolist() as number[]));
    const y = x.mul(2);
    y.registerHook((g) => g.mul(10));
    y.sum().backward();
    expect(seen).toEqual([[20, 20]]);
    expect(x.grad!.tolist()).toEqual([20, 20]);
  });
  it('backward({ inputs }) accumulates only into the given tensors', () => {
    const a = torch.ones(2, { requiresGrad: true });
    const b = torch.ones(2, { requiresGrad: true });
    a.mul(b).sum().backward(undefined, { inputs: [a] });
    expect(a.grad!.tolist()).toEqual([1, 1]);
    expect(b.grad).toBeNull();
  });
});

describe('autograd.grad and higher order', () => {
  it('returns gradients without accumulating', () => {
    const x = torch.tensor([1, 2, 3], { dtype: torch.float32, requiresGrad: true });
    const [g] = autograd.grad(x.mul(x).sum(), [x]);
    expect(g!.tolist()).toEqual([2, 4, 6]);
    expect(x.grad).toBeNull();
  });
  it('gradient of a gradient with createGraph', () => {
    const x = torch.tensor([1, 2, 3], { dtype: torch.float64, requiresGrad: true });
    const y = x.pow(3).sum();
    const [g] = autograd.grad(y, [x], { createGraph: true }); // 3x^2
    const [gg] = autograd.grad(g!.sum(), [x]); // 6x
    expect(gg!.tolist()).toEqual([6, 12, 18]);
  });
  it('allowUnused', () => {
    const x = torch.ones(2, { requiresGrad: true });
    const w = torch.ones(2, { requiresGrad: true });
    expect(() => autograd.grad(x.mul(2).sum(), [x, w])).toThrow('appears to not have been used in the graph');
    const [, gw] = autograd.grad(x.mul(2).sum(), [x, w], { allowUnused: true });
    expect(gw).toBeNull();
  });
});

describe('custom Function', () => {
  class MyExp extends autograd.Function {
    static override forward(ctx: autograd.FunctionCtx, x: torch.Tensor): torch.Tensor {
      const y = x.exp();
      ctx.saveForBackward(y);
      return y;
    }
    static override backward(ctx: autograd.FunctionCtx, g: torch.Tensor): torch.Tensor {
      const [y] = ctx.savedTensors;
      return g.mul(y!);
    }
  }
  it('apply records a node that runs the user backward', () => {
    const x = torch.tensor([0, 1], { dtype: torch.float64, requiresGrad: true });
    const y = MyExp.apply(x) as torch.Tensor;
    expect(y.gradFn!.name).toBe('MyExpBackward');
    y.sum().backward();
    expect(x.grad!.tolist()).toEqual([1, Math.E]);
    expect(autograd.gradcheck((t) => MyExp.apply(t) as torch.Tensor, [torch.rand(3, { dtype: torch.float64, requiresGrad: true })])).toBe(true);
  });
});

describe('functional', () => {
  it('jacobian and vjp', () => {
    const x = torch.tensor([1, 2], { dtype: torch.float64 });
    const J = autograd.functional.jacobian((t) => t.mul(t), x) as torch.Tensor;
    expect(J.tolist()).toEqual([[2, 0], [0, 4]]);
    const [out, g] = autograd.functional.vjp((t) => t.mul(t), x, torch.tensor([1, 1], { dtype: torch.float64 }));
    expect(out.tolist()).toEqual([1, 4]);
    expect((g as torch.Tensor).tolist()).toEqual([2, 4]);
  });
});

describe('leaf roots', () => {
  it('x.backward(g) on a leaf sets x.grad, as PyTorch', () => {
    const x = torch.ones(3, { requiresGrad: true });
    x.backward(torch.tensor([1, 2, 3], { dtype: torch.float32 }));
    expect(x.grad!.tolist()).toEqual([1, 2, 3]);
  });
});
