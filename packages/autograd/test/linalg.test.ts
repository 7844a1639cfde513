import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { gradcheck } from '../src/index';
import { casesFor, fixtureTests } from './grad-fixtures';
import { gradgradcheck, input } from './check';

describe('matrix product gradients match PyTorch 1.13 (fixtures/grads.json)', () => {
  fixtureTests(casesFor(['mm', 'bmm', 'dot', 'mv', 'matmul', 'addmm', 'mlp', 'attention']));
});

type Case = [string, (a: Tensor, b: Tensor) => Tensor, number[], number[]];
const PRODUCTS: Case[] = [
  ['mm', (a, b) => a.mm(b), [2, 3], [3, 4]],
  ['bmm', (a, b) => a.bmm(b), [2, 2, 3], [2, 3, 4]],
  ['dot', (a, b) => a.dot(b), [5], [5]],
  ['mv', (a, b) => a.mv(b), [3, 4], [4]],
  ['matmul 1-D @ 2-D', (a, b) => a.matmul(b), [4], [4, 5]],
  ['matmul 3-D @ 2-D', (a, b) => a.matmul(b), [2, 3, 4], [4, 5]],
  ['matmul 3-D @ 1-D', (a, b) => a.matmul(b), [2, 3, 4], [4]],
  ['matmul 1-D @ 3-D', (a, b) => a.matmul(b), [4], [2, 4, 5]],
  ['matmul 2-D @ 3-D', (a, b) => a.matmul(b), [3, 4], [2, 4, 5]],
  ['matmul batch broadcast', (a, b) => a.matmul(b), [2, 1, 3, 4], [5, 4, 3]],
  ['matmul 1-D @ 4-D', (a, b) => a.matmul(b), [3], [2, 2, 3, 4]],
];

describe('gradcheck (float64 finite differences)', () => {
  it.each(PRODUCTS)('%s', (_name, fn, sa, sb) => {
    expect(gradcheck(fn, [input(sa, -2, 2, 1), input(sb, -2, 2, 2)])).toBe(true);
  });
  it.each(PRODUCTS)('%s, second order', (_name, fn, sa, sb) => {
    expect(gradgradcheck(fn, [input(sa, -2, 2, 1), input(sb, -2, 2, 2)])).toBe(true);
  });
  it('addmm with beta and alpha, broadcast input', () => {
    const fn = (i: Tensor, a: Tensor, b: Tensor): Tensor => torch.addmm(i, a, b, { beta: 0.5, alpha: -1.5 });
    const args = (): Tensor[] => [input([4], -2, 2, 1), input([2, 3], -2, 2, 2), input([3, 4], -2, 2, 3)];
    expect(gradcheck(fn, args())).toBe(true);
    expect(gradgradcheck(fn, args())).toBe(true);
  });
  it('only the operand that requires grad gets one', () => {
    const a = input([2, 3]);
    const b = torch.randn(3, 4, { dtype: 'float64' });
    a.mm(b).sum().backward();
    expect(a.grad!.shape).toEqual([2, 3]);
    expect(b.grad).toBeNull();
  });
});

describe('node names PyTorch 1.13 reports', () => {
  it.each([
    ['mm', [2, 3], [3, 4], 'MmBackward0'],
    ['bmm', [2, 2, 3], [2, 3, 4], 'BmmBackward0'],
    ['dot', [3], [3], 'DotBackward0'],
    ['mv', [2, 3], [3], 'MvBackward0'],
    ['matmul', [2, 3, 4], [4, 5], 'UnsafeViewBackward0'],
    ['matmul', [2, 3, 4], [2, 4, 5], 'UnsafeViewBackward0'],
    ['matmul', [3, 4], [4], 'MvBackward0'],
  ] as const)('%s %j @ %j: %s', (op, sa, sb, name) => {
    const a = input([...sa]);
    const b = input([...sb]);
    const r = (a as unknown as Record<string, (o: Tensor) => Tensor>)[op]!.call(a, b);
    expect(r.gradFn!.name).toBe(name);
  });
  it('addmm', () => {
    expect(torch.addmm(input([2]), input([2, 3]), input([3, 2])).gradFn!.name).toBe('AddmmBackward0');
  });
});
