import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { gradcheck } from '../src/index';
import { casesFor, fixtureTests } from './grad-fixtures';
import { gradgradcheck, input } from './check';

const UNARY = 'neg abs sign exp exp2 log log2 log10 log1p expm1 sqrt rsqrt sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh sigmoid relu floor ceil round trunc frac reciprocal square erf erfc'.split(' ');
const OPS = [...UNARY, 'add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'fmod', 'remainder', 'atan2', 'divFloor', 'where', 'clamp', 'maskedFill', 'to', 'clone', 'copy', 'fill'];

describe('pointwise gradients match PyTorch 1.13 (fixtures/grads.json)', () => {
  fixtureTests(casesFor(OPS));
});

/** Values kept 0.2 away from integers, where floor/round/… are differentiable. */
function offIntegers(shape: number[]): Tensor {
  torch.manualSeed(3);
  return torch.randint(-3, 3, shape).double().add(torch.rand(shape, { dtype: 'float64' }).mul(0.6).add(0.2)).requiresGrad_();
}

const DOMAIN: Record<string, () => Tensor> = {
  log: () => input([2, 3], 0.3, 3),
  log2: () => input([2, 3], 0.3, 3),
  log10: () => input([2, 3], 0.3, 3),
  log1p: () => input([2, 3], 0.3, 3),
  sqrt: () => input([2, 3], 0.3, 3),
  rsqrt: () => input([2, 3], 0.3, 3),
  reciprocal: () => input([2, 3], 0.3, 3),
  asin: () => input([2, 3], -0.8, 0.8),
  acos: () => input([2, 3], -0.8, 0.8),
  atanh: () => input([2, 3], -0.8, 0.8),
  acosh: () => input([2, 3], 1.2, 3),
  floor: () => offIntegers([2, 3]),
  ceil: () => offIntegers([2, 3]),
  round: () => offIntegers([2, 3]),
  trunc: () => offIntegers([2, 3]),
  frac: () => offIntegers([2, 3]),
  abs: () => offIntegers([2, 3]),
  sign: () => offIntegers([2, 3]),
  relu: () => offIntegers([2, 3]),
};

const call = (op: string) => (x: Tensor): Tensor => (torch as unknown as Record<string, (t: Tensor) => Tensor>)[op]!(x);

describe('gradcheck (float64 finite differences)', () => {
  it.each(UNARY)('%s', (op) => {
    const x = (DOMAIN[op] ?? (() => input([2, 3])))();
    expect(gradcheck(call(op), [x])).toBe(true);
  });

  it.each(UNARY.filter((op) => !['sign', 'floor', 'ceil', 'round', 'trunc'].includes(op)))('%s, second order', (op) => {
    const x = (DOMAIN[op] ?? (() => input([2, 3])))();
    expect(gradgradcheck(call(op), [x])).toBe(true);
  });

  const binaries: [string, (a: Tensor, b: Tensor) => Tensor, [number, number], [number, number]][] = [
    ['add', (a, b) => a.add(b), [-2, 2], [-2, 2]],
    ['add alpha', (a, b) => a.add(b, { alpha: 2.5 }), [-2, 2], [-2, 2]],
    ['sub', (a, b) => a.sub(b), [-2, 2], [-2, 2]],
    ['mul', (a, b) => a.mul(b), [-2, 2], [-2, 2]],
    ['div', (a, b) => a.div(b), [-2, 2], [0.5, 2]],
    ['pow', (a, b) => a.pow(b), [0.5, 2], [-2, 2]],
    ['maximum', (a, b) => a.maximum(b), [-2, 2], [-2, 2]],
    ['minimum', (a, b) => a.minimum(b), [-2, 2], [-2, 2]],
    ['fmod', (a, b) => a.fmod(b), [-2, 2], [0.7, 0.9]],
    ['remainder', (a, b) => a.remainder(b), [-2, 2], [0.7, 0.9]],
    ['atan2', (a, b) => torch.atan2(a, b), [-2, 2], [-2, 2]],
  ];
  it.each(binaries)('%s, broadcast', (_name, fn, ra, rb) => {
    const a = input([2, 3], ...ra, 1);
    const b = input([3], ...rb, 2);
    expect(gradcheck(fn, [a, b])).toBe(true);
  });
  it.each(binaries.filter(([n]) => !['fmod', 'remainder'].includes(n)))('%s, second order', (_name, fn, ra, rb) => {
    expect(gradgradcheck(fn, [input([2, 3], ...ra, 1), input([2, 1], ...rb, 2)])).toBe(true);
  });

  it.each([
    ['x + s', (x: Tensor) => torch.add(x, 2.5)],
    ['s + x', (x: Tensor) => torch.add(2.5, x)],
    ['x - s', (x: Tensor) => torch.sub(x, 2.5)],
    ['s - x', (x: Tensor) => torch.sub(2.5, x)],
    ['x * s', (x: Tensor) => torch.mul(x, 2.5)],
    ['x / s', (x: Tensor) => torch.div(x, 2.5)],
    ['s / x', (x: Tensor) => torch.div(2.5, x)],
    ['x ** s', (x: Tensor) => torch.pow(x, 2.5)],
    ['s ** x', (x: Tensor) => torch.pow(2.5, x)],
    ['fmod(x, s)', (x: Tensor) => torch.fmod(x, 0.7)],
    ['remainder(x, s)', (x: Tensor) => torch.remainder(x, 0.7)],
  ] as const)('scalar operand: %s', (_name, fn) => {
    const x = input([2, 3], 0.3, 2.9);
    expect(gradcheck(fn, [x])).toBe(true);
    expect(gradgradcheck(fn, [x])).toBe(true);
  });

  it('where, with broadcasting and a number branch', () => {
    const cond = torch.tensor([true, false, true]);
    expect(gradcheck((a, b) => torch.where(cond, a, b), [input([2, 3], -2, 2, 1), input([2, 1], -2, 2, 2)])).toBe(true);
    expect(gradcheck((a) => torch.where(cond, a, 0.5), [input([2, 3])])).toBe(true);
  });

  it('clamp with number and tensor bounds', () => {
    const x = input([2, 3], -2, 2, 1);
    expect(gradcheck((t) => t.clamp(-0.7, 0.9), [x])).toBe(true);
    expect(gradcheck((t) => t.clamp({ min: -0.7 }), [x])).toBe(true);
    const lo = input([3], -1, 0, 2);
    const hi = input([2, 1], 0.1, 1, 3);
    expect(gradcheck((t, l, h) => t.clamp(l, h), [x, lo, hi])).toBe(true);
  });

  it('maskedFill with a number and with a 0-d tensor value', () => {
    const mask = torch.tensor([[true, false, true], [false, false, true]]);
    expect(gradcheck((t) => t.maskedFill(mask, 0.5), [input([2, 3])])).toBe(true);
    expect(gradcheck((t, v) => t.maskedFill(mask, v), [input([2, 3]), input([], -1, 1, 5)])).toBe(true);
  });

  it('to, clone, copy_, fill_', () => {
    // Through float32: a coarse step and tolerance, exact for this quadratic.
    expect(gradcheck((t) => t.to('float32').to('float64').mul(t), [input([2, 3])], { eps: 1e-3, atol: 1e-4 })).toBe(true);
    expect(gradcheck((t) => t.clone().mul(2), [input([2, 3])])).toBe(true);
    expect(gradcheck((d, s) => d.mul(1).copy_(s).mul(d), [input([2, 3], -2, 2, 1), input([3], -2, 2, 2)])).toBe(true);
    expect(gradcheck((t) => t.mul(1).fill_(2.5).add(t), [input([2, 3])])).toBe(true);
  });
});

describe('gradients reduced and cast back to each input', () => {
  it('a float32 input combined with float64 gets a float32 gradient', () => {
    const a = torch.randn(2, 3, { requiresGrad: true });
    const b = torch.randn(3, { dtype: 'float64', requiresGrad: true });
    a.mul(b).sum().backward();
    expect(a.grad!.dtype).toBe('float32');
    expect(a.grad!.shape).toEqual([2, 3]);
    expect(b.grad!.dtype).toBe('float64');
    expect(b.grad!.shape).toEqual([3]);
  });

  it('formulas do not modify the saved inputs', () => {
    const x = torch.tensor([1.5, -2, 3], { dtype: 'float64', requiresGrad: true });
    const before = x.tolist();
    const y = x.pow(3).clamp(-1, 10).maximum(x).mul(x);
    y.sum().backward();
    expect(x.tolist()).toEqual(before);
  });
});

describe('node names PyTorch 1.13 reports', () => {
  it.each([
    [(x: Tensor) => x.add(2.5), 'AddBackward0'],
    [(x: Tensor) => torch.add(2.5, x), 'AddBackward0'],
    [(x: Tensor) => x.sub(2.5), 'SubBackward0'],
    [(x: Tensor) => torch.sub(2.5, x), 'RsubBackward1'],
    [(x: Tensor) => x.rsub(2.5), 'RsubBackward1'],
    [(x: Tensor) => x.mul(2.5), 'MulBackward0'],
    [(x: Tensor) => torch.div(2.5, x), 'MulBackward0'],
    [(x: Tensor) => x.pow(2), 'PowBackward0'],
    [(x: Tensor) => x.pow(x), 'PowBackward1'],
    [(x: Tensor) => torch.pow(2.5, x), 'PowBackward2'],
    [(x: Tensor) => x.square(), 'PowBackward0'],
    [(x: Tensor) => x.clamp(0, 1), 'ClampBackward1'],
    [(x: Tensor) => x.clamp(x.mul(0), null), 'ClampBackward0'],
    [(x: Tensor) => x.to('float32'), 'ToCopyBackward0'],
    [(x: Tensor) => x.clone(), 'CloneBackward0'],
    [(x: Tensor) => x.fmod(1.5), 'FmodBackward0'],
    [(x: Tensor) => x.fmod(x), 'FmodBackward1'],
  ] as const)('%#: %s', (fn, name) => {
    const x = torch.tensor([0.5, 1.5], { dtype: 'float64', requiresGrad: true });
    expect(fn(x).gradFn!.name).toBe(name);
  });
});

describe('ops PyTorch does not differentiate', () => {
  it('floor_divide raises in backward, as PyTorch', () => {
    const x = torch.tensor([1.5, 2.5], { requiresGrad: true });
    const y = x.floorDivide(0.7);
    expect(y.gradFn!.name).toBe('NotImplemented');
    expect(() => y.sum().backward()).toThrow('derivative for aten::floor_divide is not implemented');
  });
  it('remainder(number, tensor) raises in backward, as PyTorch', () => {
    const x = torch.tensor([1.5, 2.5], { requiresGrad: true });
    const y = torch.remainder(2.5, x);
    expect(y.gradFn!.name).toBe('NotImplemented');
    expect(() => y.sum().backward()).toThrow('derivative for aten::remainder is not implemented');
  });
});
