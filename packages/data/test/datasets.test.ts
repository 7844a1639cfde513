import { describe, expect, test } from 'vitest';
import * as torch from '@x/tensor';
import { ConcatDataset, Dataset, randomSplit, Subset, TensorDataset } from '../src/index';

class Squares extends Dataset<[number, number]> {
  get length(): number {
    return 6;
  }
  getItem(i: number): [number, number] {
    return [i, i * i];
  }
}

describe('Dataset', () => {
  test('a subclass gives getItem and length', () => {
    const ds = new Squares();
    expect(ds.length).toBe(6);
    expect(ds.getItem(3)).toEqual([3, 9]);
  });
});

describe('TensorDataset', () => {
  test('item i is the i-th row of every tensor (views)', () => {
    const x = torch.arange(12, { dtype: 'float32' }).reshape(4, 3);
    const y = torch.tensor([0, 1, 0, 1]);
    const ds = new TensorDataset(x, y);
    expect(ds.length).toBe(4);
    const [xi, yi] = ds.getItem(2);
    expect(xi!.tolist()).toEqual([6, 7, 8]);
    expect(yi!.shape).toEqual([]);
    expect(yi!.item()).toBe(0);
    expect(ds.getItem(-1)[0]!.tolist()).toEqual([9, 10, 11]);
  });
  test('sizes must agree in dim 0, as PyTorch asserts', () => {
    expect(() => new TensorDataset(torch.zeros(3), torch.zeros(4))).toThrow(/^Size mismatch between tensors/);
    expect(() => new TensorDataset()).toThrow(/at least one tensor/);
  });
});

describe('Subset and ConcatDataset', () => {
  test('Subset maps indices, negative ones from the end', () => {
    const s = new Subset(new Squares(), [5, 1, 3]);
    expect(s.length).toBe(3);
    expect(s.getItem(0)).toEqual([5, 25]);
    expect(s.getItem(-1)).toEqual([3, 9]);
    expect(() => s.getItem(3)).toThrow(/out of range/);
  });
  test('Subset of a plain array', () => {
    expect(new Subset(['a', 'b', 'c'], [2, 0]).getItem(0)).toBe('c');
  });
  test('ConcatDataset finds the dataset by cumulative size (bisect_right)', () => {
    const c = new ConcatDataset<unknown>([new Squares(), [10, 11], new Subset(new Squares(), [4])]);
    expect(c.length).toBe(9);
    expect(c.cumulativeSizes).toEqual([6, 8, 9]);
    expect(c.getItem(5)).toEqual([5, 25]);
    expect(c.getItem(6)).toBe(10);
    expect(c.getItem(7)).toBe(11);
    expect(c.getItem(8)).toEqual([4, 16]);
    expect(c.getItem(-9)).toEqual([0, 0]);
    expect(() => c.getItem(-10)).toThrow('absolute value of index should not exceed dataset length');
    expect(() => c.getItem(9)).toThrow(/out of range/);
  });
  test('ConcatDataset errors as PyTorch', () => {
    expect(() => new ConcatDataset([])).toThrow('datasets should not be an empty iterable');
    const stream = { *[Symbol.iterator]() { yield 1; } };
    expect(() => new ConcatDataset([stream as never])).toThrow(/^ConcatDataset does not support IterableDataset/);
  });
});

describe('randomSplit', () => {
  const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
  test('lengths partition the indices', () => {
    const parts = randomSplit(range(10), [3, 7], new torch.Generator().manualSeed(1));
    expect(parts.map((p) => p.length)).toEqual([3, 7]);
    const all = parts.flatMap((p) => Array.from({ length: p.length }, (_, i) => p.getItem(i) as number));
    expect([...all].sort((a, b) => a - b)).toEqual(range(10));
  });
  test('the same seed gives the same split; another seed another one', () => {
    const a = randomSplit(range(50), [0.5, 0.5], { generator: new torch.Generator().manualSeed(7) });
    const b = randomSplit(range(50), [0.5, 0.5], new torch.Generator().manualSeed(7));
    const c = randomSplit(range(50), [0.5, 0.5], new torch.Generator().manualSeed(8));
    expect(a[0]!.indices).toEqual(b[0]!.indices);
    expect(a[0]!.indices).not.toEqual(c[0]!.indices);
  });
  test('torch.manualSeed drives the default generator', () => {
    torch.manualSeed(3);
    const a = randomSplit(range(20), [10, 10]);
    torch.manualSeed(3);
    const b = randomSplit(range(20), [10, 10]);
    expect(a[1]!.indices).toEqual(b[1]!.indices);
  });
  test('errors as PyTorch', () => {
    expect(() => randomSplit(range(10), [3, 3])).toThrow(/^Sum of input lengths does not equal the length of the input dataset!/);
    expect(() => randomSplit(range(10), [1.5, -0.5])).toThrow('Fraction at index 0 is not between 0 and 1');
  });
});
