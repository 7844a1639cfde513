import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { grad, gradcheck } from '../src/index';
import { casesFor, fixtureTests } from './grad-fixtures';
import { gradgradcheck, input } from './check';

const OPS = ['sum', 'mean', 'prod', 'amax', 'amin', 'max', 'min', 'maxDim', 'minDim', 'var', 'std', 'norm', 'logsumexp', 'cumsum', 'cumprod', 'softmax', 'logSoftmax', 'seed', 'expr'];

describe('reduction gradients match PyTorch 1.13 (fixtures/grads.json)', () => {
  fixtureTests(casesFor(OPS));
});

/** Distinct values (no ties), so max/min/amax are differentiable. */
function distinct(shape: number[], seed = 1): Tensor {
  torch.manualSeed(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return torch.randperm(n).double().sub(n / 2 - 0.3).mul(0.37).reshape(shape).requiresGrad_();
}

type Case = [string, (x: Tensor) => Tensor, () => Tensor];
const x234 = (): Tensor => input([2, 3, 4]);
const CASES: Case[] = [
  ['sum all', (x) => x.sum(), x234],
  ['sum dims keepdim', (x) => x.sum({ dim: [0, -1], keepdim: true }), x234],
  ['sum dtype', (x) => x.sum({ dim: 1, dtype: 'float64' }), x234],
  ['mean all', (x) => x.mean(), x234],
  ['mean dim', (x) => x.mean(-2), x234],
  ['prod all', (x) => x.prod(), () => input([2, 3], 0.5, 1.5)],
  ['prod dim', (x) => x.prod(1), x234],
  ['prod dim keepdim', (x) => x.prod({ dim: 0, keepdim: true }), x234],
  ['amax dims', (x) => x.amax([0, 2]), () => distinct([2, 3, 4])],
  ['amin dim keepdim', (x) => x.amin({ dim: 1, keepdim: true }), () => distinct([2, 3, 4])],
  ['max', (x) => x.max(), () => distinct([3, 4])],
  ['min', (x) => x.min(), () => distinct([3, 4])],
  ['max(dim)', (x) => x.max(1)[0], () => distinct([2, 3, 4])],
  ['min(dim, keepdim)', (x) => x.min(-1, { keepdim: true })[0], () => distinct([2, 3, 4])],
  ['var all', (x) => x.var(), x234],
  ['var dims biased', (x) => x.var({ dim: [0, 2], unbiased: false }), x234],
  ['var correction 2 keepdim', (x) => x.var({ dim: 2, correction: 2, keepdim: true }), x234],
  ['std all', (x) => x.std(), x234],
  ['std dim', (x) => x.std(1), x234],
  ['norm 2', (x) => x.norm(), x234],
  ['norm 2 dim', (x) => x.norm(2, 1), x234],
  ['norm 1', (x) => x.norm(1, -1), x234],
  ['norm inf', (x) => x.norm(Infinity, 1), () => distinct([2, 3, 4])],
  ['norm -inf', (x) => x.norm(-Infinity), () => distinct([2, 3, 4])],
  ['norm 0', (x) => x.norm(0, 1), x234],
  ['norm 3', (x) => x.norm(3, [0, 2], { keepdim: true }), x234],
  ['norm 1.5', (x) => x.norm(1.5, 1), x234],
  ['norm 0.5', (x) => x.norm(0.5), () => input([2, 3], 0.3, 2)],
  ['logsumexp', (x) => x.logsumexp(1), x234],
  ['logsumexp dims keepdim', (x) => x.logsumexp([0, 2], { keepdim: true }), x234],
  ['cumsum', (x) => x.cumsum(1), x234],
  ['cumsum last', (x) => x.cumsum(-1), x234],
  ['cumprod', (x) => x.cumprod(1), x234],
  ['cumprod first', (x) => x.cumprod(0), x234],
  ['softmax', (x) => x.softmax(-1), x234],
  ['softmax middle', (x) => x.softmax(1), x234],
  ['logSoftmax', (x) => x.logSoftmax(-1), x234],
  ['logSoftmax first', (x) => x.logSoftmax(0), x234],
];

describe('gradcheck (float64 finite differences)', () => {
  it.each(CASES)('%s', (_name, fn, make) => {
    expect(gradcheck(fn, [make()])).toBe(true);
  });
  it.each(CASES.filter(([n]) => !n.startsWith('norm 0') && !n.startsWith('norm 1')))('%s, second order', (_name, fn, make) => {
    expect(gradgradcheck(fn, [make()])).toBe(true);
  });
});

describe('zeros and ties, as PyTorch', () => {
  const zeros2 = (): Tensor => torch.tensor([[1.5, 0, 2, -1, 0.5], [0, 2, 0, 3, 0.5], [2, 0.5, -1.5, 3, 0], [0, 0, 0, 2, 1]], { dtype: 'float64', requiresGrad: true });

  it('cumprod with zeros: gradcheck of first and second order', () => {
    expect(gradcheck((x) => x.cumprod(1), [zeros2()])).toBe(true);
    expect(gradgradcheck((x) => x.cumprod(1), [zeros2()])).toBe(true);
    expect(gradgradcheck((x) => x.cumprod(0), [zeros2()])).toBe(true);
  });

  it('prod with zeros: gradcheck of first and second order', () => {
    expect(gradcheck((x) => x.prod(1), [zeros2()])).toBe(true);
    expect(gradgradcheck((x) => x.prod(1), [zeros2()])).toBe(true);
    expect(gradgradcheck((x) => x.prod(0), [zeros2()])).toBe(true);
    const oneZero = torch.tensor([[1.5, 0, 2], [0.5, 3, -1]], { dtype: 'float64', requiresGrad: true });
    expect(gradgradcheck((x) => x.prod(), [oneZero])).toBe(true);
  });

  it('max over all elements splits the gradient evenly among ties (MaxBackward1)', () => {
    const x = torch.tensor([[5, -4], [5, -4], [5, 1]], { dtype: 'float64', requiresGrad: true });
    const y = x.max();
    expect(y.gradFn!.name).toBe('MaxBackward1');
    y.backward();
    expect(x.grad!.tolist()).toEqual([[1 / 3, 0], [1 / 3, 0], [1 / 3, 0]]);
    const z = x.min();
    const [g] = grad(z, [x]);
    expect(g!.tolist()).toEqual([[0, 0.5], [0, 0.5], [0, 0]]);
  });

  it('max(dim) sends the gradient to the index it returned only', () => {
    const x = torch.tensor([[1, 3, 3], [2, 2, 2]], { dtype: 'float64', requiresGrad: true });
    const [v, i] = x.max(1);
    expect(v.gradFn!.name).toBe('MaxBackward0');
    v.sum().backward();
    const idx = i.tolist() as number[];
    const expected = [0, 1].map((r) => [0, 1, 2].map((c) => (c === idx[r] ? 1 : 0)));
    expect(x.grad!.tolist()).toEqual(expected);
  });

  it('norm 2 of a zero vector has gradient 0, not NaN', () => {
    const x = torch.zeros(3, { dtype: 'float64', requiresGrad: true });
    x.norm().backward();
    expect(x.grad!.tolist()).toEqual([0, 0, 0]);
  });
});

describe('node names PyTorch 1.13 reports', () => {
  const x = (): Tensor => torch.ones(2, 3, { requiresGrad: true });
  it.each([
    [(t: Tensor) => t.sum(), 'SumBackward0'],
    [(t: Tensor) => t.sum(1), 'SumBackward1'],
    [(t: Tensor) => t.mean(), 'MeanBackward0'],
    [(t: Tensor) => t.mean(0), 'MeanBackward1'],
    [(t: Tensor) => t.prod(), 'ProdBackward0'],
    [(t: Tensor) => t.prod(1), 'ProdBackward1'],
    [(t: Tensor) => t.amax(1), 'AmaxBackward0'],
    [(t: Tensor) => t.amin(), 'AminBackward0'],
    [(t: Tensor) => t.max(), 'MaxBackward1'],
    [(t: Tensor) => t.min(0)[0], 'MinBackward0'],
    [(t: Tensor) => t.var(), 'VarBackward0'],
    [(t: Tensor) => t.std(1), 'StdBackward0'],
    [(t: Tensor) => t.norm(), 'NormBackward1'],
    [(t: Tensor) => t.logsumexp(1), 'LogsumexpBackward0'],
    [(t: Tensor) => t.cumsum(1), 'CumsumBackward0'],
    [(t: Tensor) => t.cumprod(0), 'CumprodBackward0'],
    [(t: Tensor) => t.softmax(1), 'SoftmaxBackward0'],
    [(t: Tensor) => t.logSoftmax(1), 'LogSoftmaxBackward0'],
  ] as const)('%#: %s', (fn, name) => {
    expect(fn(x()).gradFn!.name).toBe(name);
  });
});
