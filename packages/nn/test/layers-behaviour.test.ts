/**
 * What fixtures cannot pin down: dropout (random, so checked by its structure and statistics),
 * the calling convention (positional or options, PyTorch's TypeErrors), in-place layers, dtype
 * and device options, and the size of the graph a layer records.
 */
import { describe, expect, it, vi } from 'vitest';
import * as torch from '@x/tensor';
import type { GradFn, Tensor } from '@x/tensor';
import '@x/autograd';
import * as nn from '../src/index';

const F = nn.functional;

/** Distinct nodes of the backward graph behind t (AccumulateGrad included). */
function graphSize(t: Tensor): number {
  const seen = new Set<GradFn>();
  const stack: GradFn[] = t.gradFn ? [t.gradFn] : [];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const [next] of n.nextFunctions) if (next) stack.push(next);
  }
  return seen.size;
}

describe('Dropout', () => {
  it('zeroes a fraction p while training and scales the rest by 1/(1 − p); eval is the identity', () => {
    torch.manualSeed(0);
    const x = torch.rand(200, 500).add(1).requiresGrad_(true);
    const drop = new nn.Dropout(0.3);
    const y = drop.forward(x);
    const zeros = y.eq(0).float().mean().item();
    expect(Math.abs(zeros - 0.3)).toBeLessThan(0.006); // 6 standard errors of a 10⁵-draw Bernoulli mean
    const kept = y.ne(0);
    expect(y.maskedSelect(kept).sub(x.detach().maskedSelect(kept).div(0.7)).abs().max().item()).toBeLessThan(1e-6);
    y.sum().backward();
    // The gradient is the mask scaled the same way.
    expect(x.grad!.sub(kept.float().div(0.7)).abs().max().item()).toBeLessThan(1e-6);
    drop.eval();
    expect(drop.forward(x)).toBe(x);
  });

  it('is reproducible under manualSeed and follows PyTorch at p = 0 and p = 1', () => {
    const x = torch.randn(4, 6);
    torch.manualSeed(42);
    const a = F.dropout(x, 0.5).tolist();
    torch.manualSeed(42);
    expect(F.dropout(x, 0.5).tolist()).toEqual(a);
    expect(F.dropout(x, 0)).toBe(x);
    expect(F.dropout(x, 1).abs().sum().item()).toBe(0);
    expect(F.dropout(x, { p: 0.5, training: false })).toBe(x);
  });

  it('in place, writes into its (non-leaf) input and keeps gradients flowing', () => {
    const x = torch.ones(50, 50).requiresGrad_(true);
    const h = x.mul(2);
    const y = new nn.Dropout(0.5, true).forward(h);
    expect(y).toBe(h);
    y.sum().backward();
    const mask = h.detach().ne(0).float();
    expect(x.grad!.sub(mask.mul(4)).abs().max().item()).toBe(0);
  });

  it('Dropout2d zeroes whole channels', () => {
    torch.manualSeed(1);
    const x = torch.rand(40, 50, 3, 3).add(1);
    const y = new nn.Dropout2d(0.25).forward(x);
    const perMap = y.eq(0).float().mean([2, 3]);
    // Every feature map is either all zero or all kept.
    expect(perMap.mul(perMap.neg().add(1)).abs().max().item()).toBe(0);
    expect(Math.abs(perMap.mean().item() - 0.25)).toBeLessThan(0.04);
    const dropped1d = new nn.Dropout1d(0.5).forward(torch.ones(20, 30, 4)).eq(0).float().mean(2);
    expect(dropped1d.mul(dropped1d.neg().add(1)).abs().max().item()).toBe(0);
    expect(new nn.Dropout3d(0.5).forward(torch.ones(2, 3, 2, 2, 2)).shape).toEqual([2, 3, 2, 2, 2]);
  });
});

describe('calling convention', () => {
  it('takes PyTorch positional arguments or one options object, in any mix', () => {
    expect(new nn.Dropout({ p: 0.3 }).p).toBe(0.3);
    expect(new nn.Dropout(0.3, { inplace: true }).inplace).toBe(true);
    const fc = new nn.Linear({ inFeatures: 3, outFeatures: 2, bias: false });
    expect(fc.bias).toBeNull();
    expect(String(new nn.LeakyReLU({ negativeSlope: 0.2 }))).toBe('LeakyReLU(negative_slope=0.2)');
    expect(String(new nn.BatchNorm2d(8, 1e-3, null))).toBe('BatchNorm2d(8, eps=0.001, momentum=None, affine=True, track_running_stats=True)');
    expect(String(new nn.Softmax({ dim: -1 }))).toBe('Softmax(dim=-1)');
  });

  it("raises Python's TypeErrors", () => {
    expect(() => new nn.Dropout(0.3, { p: 0.2 })).toThrow("Dropout() got multiple values for argument 'p'");
    expect(() => new (nn.Linear as unknown as new (...a: unknown[]) => nn.Linear)()).toThrow(
      "Linear() missing 2 required positional arguments: 'inFeatures' and 'outFeatures'",
    );
    expect(() => F.leakyRelu(torch.ones(2), { slope: 0.1 } as never)).toThrow("leakyRelu() got an unexpected keyword argument 'slope'");
  });

  it('creates parameters with the dtype and device asked for', () => {
    const fc = new nn.Linear(3, 2, { dtype: 'float64' });
    expect(fc.weight.dtype).toBe('float64');
    expect(fc.forward(torch.ones(1, 3, { dtype: 'float64' })).dtype).toBe('float64');
    const bn = new nn.BatchNorm1d(4, { dtype: 'float64' });
    expect(bn.runningVar!.dtype).toBe('float64');
    expect(bn.numBatchesTracked!.dtype).toBe('int64');
    expect(new nn.Embedding(4, 2, { dtype: 'float64' }).weight.dtype).toBe('float64');
  });
});

describe('in-place activations', () => {
  it('write into a non-leaf input and differentiate as the out-of-place form', () => {
    for (const make of [() => new nn.ReLU(true), () => new nn.LeakyReLU(0.1, true), () => new nn.ELU(1, true), () => new nn.Hardtanh(-1, 1, true), () => new nn.SiLU(true)]) {
      const x1 = torch.randn(3, 4).requiresGrad_(true);
      const h = x1.mul(1);
      const y = make().forward(h);
      expect(y).toBe(h);
      y.sum().backward();
      const x2 = x1.detach().clone().requiresGrad_(true);
      const expected = outOfPlace(make(), x2);
      expected.sum().backward();
      expect(x1.grad!.sub(x2.grad!).abs().max().item()).toBeLessThan(1e-6);
      expect(y.sub(expected).abs().max().item()).toBeLessThan(1e-6);
    }
  });

  it("refuse a leaf that requires grad, with PyTorch's error", () => {
    expect(() => new nn.ReLU(true).forward(torch.ones(2).requiresGrad_(true))).toThrow('a leaf Variable that requires grad is being used in an in-place operation.');
    expect(() => new nn.LeakyReLU(0.1, true).forward(torch.ones(2).requiresGrad_(true))).toThrow(
      'a leaf Variable that requires grad is being used in an in-place operation.',
    );
  });
});

/** The same activation computed out of place (a copy of the layer with inplace off). */
function outOfPlace(layer: nn.Module, x: Tensor): Tensor {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(layer) as object) as nn.Module, layer, { inplace: false });
  const forward = Object.getPrototypeOf(layer).forward as (this: nn.Module, t: Tensor) => Tensor;
  return forward.call(copy, x);
}

describe('graph size does not grow with the number of channels', () => {
  it.each([
    ['BatchNorm2d', (c: number) => new nn.BatchNorm2d(c), (c: number) => [4, c, 3, 3]],
    ['LayerNorm', (c: number) => new nn.LayerNorm([c, 3]), (c: number) => [4, c, 3]],
    ['GroupNorm', (c: number) => new nn.GroupNorm(2, c), (c: number) => [4, c, 3]],
    ['InstanceNorm2d', (c: number) => new nn.InstanceNorm2d(c, { affine: true }), (c: number) => [4, c, 3, 3]],
    ['Upsample bilinear', (_c: number) => new nn.Upsample({ scaleFactor: 2, mode: 'bilinear' }), (c: number) => [2, c, 3, 3]],
  ] as const)('%s', (_name, make, shape) => {
    const sizes = [2, 64].map((c) => graphSize((make(c) as unknown as { forward(t: Tensor): Tensor }).forward(torch.randn(shape(c)).requiresGrad_(true))));
    expect(sizes[0]).toBe(sizes[1]);
    expect(sizes[0]).toBeLessThanOrEqual(16);
  });
});

describe('misc', () => {
  it('Embedding with sparse: true gives a sparse gradient whose dense form is the dense gradient', () => {
    const e = new nn.Embedding(6, 2, { sparse: true });
    e.forward(torch.tensor([1, 1, 3])).sum().backward();
    const g = e.weight.grad!;
    expect(g.isSparse).toBe(true);
    expect(g.layout).toBe('sparse_coo');
    expect(g.shape).toEqual([6, 2]);
    expect(g.toDense().tolist()).toEqual([[0, 0], [2, 2], [0, 0], [1, 1], [0, 0], [0, 0]]);
  });

  it('Embedding.fromPretrained freezes by default', () => {
    const w = torch.randn(4, 3);
    expect(nn.Embedding.fromPretrained(w).weight.requiresGrad).toBe(false);
    const e = nn.Embedding.fromPretrained(w, { freeze: false, paddingIdx: 0 });
    expect(e.weight.requiresGrad).toBe(true);
    expect(String(e)).toBe('Embedding(4, 3, padding_idx=0)');
  });

  it('softmax without dim picks PyTorch\'s legacy dim and warns', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const x = torch.randn(2, 3);
    expect((new nn.Softmax().forward(x).sum(1).tolist() as number[]).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([1, 1]);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('BatchNorm counts batches; eval() uses the running statistics', () => {
    const bn = new nn.BatchNorm1d(3);
    bn.forward(torch.randn(8, 3));
    bn.forward(torch.randn(8, 3));
    expect(bn.numBatchesTracked!.item()).toBe(2);
    bn.eval();
    const x = torch.randn(5, 3);
    const expected = x.sub(bn.runningMean!).div(bn.runningVar!.add(1e-5).sqrt());
    expect(bn.forward(x).sub(expected).abs().max().item()).toBeLessThan(1e-5);
    expect(bn.numBatchesTracked!.item()).toBe(2);
  });

  it('interpolate: output sizes, and modes not written yet say so', () => {
    const x = torch.randn(1, 2, 5, 7);
    expect(F.interpolate(x, { scaleFactor: 0.5 }).shape).toEqual([1, 2, 2, 3]);
    expect(F.interpolate(x, [8, 9], null, 'bilinear').shape).toEqual([1, 2, 8, 9]);
    expect(F.upsampleBilinear(x, { scaleFactor: 2 }).shape).toEqual([1, 2, 10, 14]);
    expect(F.interpolate(x, { scaleFactor: 2, mode: 'bicubic' }).shape).toEqual([1, 2, 10, 14]);
    expect(() => F.interpolate(x, { scaleFactor: 2, mode: 'area' })).toThrow("mode 'area' is not implemented in @x yet");
  });

  it('oneHot infers the class count; cosineSimilarity and pairwiseDistance layers', () => {
    expect(F.oneHot(torch.tensor([0, 2])).tolist()).toEqual([[1, 0, 0], [0, 0, 1]]);
    const a = torch.tensor([[1, 0], [0, 1]], { dtype: 'float32' });
    expect(new nn.CosineSimilarity().forward(a, a).tolist()).toEqual([1, 1]);
    expect((new nn.PairwiseDistance().forward(a, a).tolist() as number[]).every((v) => Math.abs(v - Math.sqrt(2) * 1e-6) < 1e-9)).toBe(true);
  });
});
