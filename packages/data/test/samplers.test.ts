import { describe, expect, test } from 'vitest';
import * as torch from '@x/tensor';
import { BatchSampler, RandomSampler, Sampler, SequentialSampler, SubsetRandomSampler, WeightedRandomSampler } from '../src/index';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const gen = (seed: number): torch.Generator => new torch.Generator().manualSeed(seed);
const counts = (xs: number[], n: number): number[] => {
  const c = new Array<number>(n).fill(0);
  for (const x of xs) c[x]!++;
  return c;
};

describe('SequentialSampler', () => {
  test('0 … n-1', () => {
    expect([...new SequentialSampler(range(5))]).toEqual([0, 1, 2, 3, 4]);
    expect(new SequentialSampler(range(5)).length).toBe(5);
  });
});

describe('RandomSampler', () => {
  test('without replacement: a permutation, reproducible with a seed', () => {
    const a = [...new RandomSampler(range(100), { generator: gen(0) })];
    const b = [...new RandomSampler(range(100), false, undefined, gen(0))];
    expect([...a].sort((x, y) => x - y)).toEqual(range(100));
    expect(a).toEqual(b);
    expect(a).not.toEqual(range(100));
    expect([...new RandomSampler(range(100), { generator: gen(1) })]).not.toEqual(a);
  });
  test('one generator gives a new order every pass', () => {
    const s = new RandomSampler(range(30), { generator: gen(5) });
    expect([...s]).not.toEqual([...s]);
  });
  test('no generator: torch.manualSeed reproduces the order', () => {
    torch.manualSeed(11);
    const a = [...new RandomSampler(range(40))];
    torch.manualSeed(11);
    expect([...new RandomSampler(range(40))]).toEqual(a);
  });
  test('numSamples above n repeats whole permutations, then part of one', () => {
    const xs = [...new RandomSampler(range(10), { numSamples: 25, generator: gen(2) })];
    expect(xs).toHaveLength(25);
    const c = counts(xs, 10);
    expect(c.every((k) => k === 2 || k === 3)).toBe(true);
    expect(c.filter((k) => k === 3)).toHaveLength(5);
    const short = [...new RandomSampler(range(10), { numSamples: 4, generator: gen(2) })];
    expect(new Set(short).size).toBe(4);
  });
  test('with replacement: numSamples uniform draws (chi-square)', () => {
    const n = 10;
    const draws = 20000;
    const s = new RandomSampler(range(n), { replacement: true, numSamples: draws, generator: gen(3) });
    expect(s.length).toBe(draws);
    const xs = [...s];
    expect(xs).toHaveLength(draws);
    const expected = draws / n;
    const chi2 = counts(xs, n).reduce((acc, k) => acc + (k - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(27.9); // 9 degrees of freedom, p = 0.001
    expect(Math.min(...xs)).toBe(0);
    expect(Math.max(...xs)).toBe(n - 1);
  });
  test('validation as PyTorch', () => {
    expect(() => new RandomSampler(range(5), { numSamples: 0 })).toThrow('num_samples should be a positive integer value, but got num_samples=0');
    expect(() => new RandomSampler(range(5), { replacement: 1 as never })).toThrow('replacement should be a boolean value, but got replacement=1');
    expect(() => new RandomSampler(range(5), { nope: 1 } as never)).toThrow("RandomSampler() got an unexpected keyword argument 'nope'");
  });
});

describe('SubsetRandomSampler', () => {
  test('the given indices, shuffled, reproducibly', () => {
    const idx = [3, 14, 15, 92, 65];
    const a = [...new SubsetRandomSampler(idx, gen(4))];
    expect([...a].sort((x, y) => x - y)).toEqual([...idx].sort((x, y) => x - y));
    expect([...new SubsetRandomSampler(idx, { generator: gen(4) })]).toEqual(a);
    expect(new SubsetRandomSampler(idx).length).toBe(5);
  });
});

describe('WeightedRandomSampler', () => {
  test('with replacement, frequencies follow the weights (chi-square)', () => {
    const weights = [1, 2, 3, 4, 0];
    const draws = 20000;
    const xs = [...new WeightedRandomSampler(weights, draws, true, gen(6))];
    expect(xs).toHaveLength(draws);
    const c = counts(xs, 5);
    expect(c[4]).toBe(0);
    const chi2 = [0, 1, 2, 3].reduce((acc, i) => acc + (c[i]! - (draws * weights[i]!) / 10) ** 2 / ((draws * weights[i]!) / 10), 0);
    expect(chi2).toBeLessThan(16.3); // 3 degrees of freedom, p = 0.001
  });
  test('reproducible with a seed; a Tensor of weights works too', () => {
    const a = [...new WeightedRandomSampler([0.1, 0.9, 0.5], { numSamples: 50, generator: gen(9) })];
    const b = [...new WeightedRandomSampler(torch.tensor([0.1, 0.9, 0.5]), { numSamples: 50, generator: gen(9) })];
    expect(a).toEqual(b);
  });
  test('without replacement: distinct indices, heavy ones first more often', () => {
    const w = [1, 1, 1, 1, 20];
    let firstIsHeavy = 0;
    const g = gen(10);
    for (let t = 0; t < 400; t++) {
      const xs = [...new WeightedRandomSampler(w, 3, false, g)];
      expect(new Set(xs).size).toBe(3);
      if (xs[0] === 4) firstIsHeavy++;
    }
    // P(first = heavy) = 20/24
    expect(firstIsHeavy / 400).toBeGreaterThan(0.75);
    expect(firstIsHeavy / 400).toBeLessThan(0.91);
  });
  test('errors as PyTorch', () => {
    expect(() => new WeightedRandomSampler([1, 2], 0)).toThrow('num_samples should be a positive integer value, but got num_samples=0');
    expect(() => [...new WeightedRandomSampler([1, 2], 3, false)]).toThrow('cannot sample n_sample > prob_dist.size(-1) samples without replacement');
    expect(() => [...new WeightedRandomSampler([1, -2], 3)]).toThrow('invalid multinomial distribution (encountering probability entry < 0)');
    expect(() => [...new WeightedRandomSampler([1, Infinity], 3)]).toThrow('probability tensor contains either `inf`, `nan` or element < 0');
    expect(() => [...new WeightedRandomSampler([0, 0], 3)]).toThrow('invalid multinomial distribution (sum of probabilities <= 0)');
    expect(() => new WeightedRandomSampler(torch.zeros(2, 2), 3)).toThrow('weights should be a 1d sequence but given weights have shape (2, 2)');
  });
});

describe('BatchSampler', () => {
  test('groups indices; dropLast drops the short tail', () => {
    expect([...new BatchSampler(new SequentialSampler(range(10)), 3, false)]).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
    expect([...new BatchSampler(range(10), { batchSize: 3, dropLast: true })]).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8]]);
    expect(new BatchSampler(range(10), 3, false).length).toBe(4);
    expect(new BatchSampler(range(10), 3, true).length).toBe(3);
  });
  test('a custom Sampler subclass', () => {
    class Evens extends Sampler<number> {
      *[Symbol.iterator](): Iterator<number> {
        for (let i = 0; i < 10; i += 2) yield i;
      }
      override get length(): number {
        return 5;
      }
    }
    expect([...new BatchSampler(new Evens(), 2, false)]).toEqual([[0, 2], [4, 6], [8]]);
    expect(new BatchSampler(new Evens(), 2, false).length).toBe(3);
  });
  test('validation as PyTorch', () => {
    expect(() => new BatchSampler(range(3), 0, false)).toThrow('batch_size should be a positive integer value, but got batch_size=0');
    expect(() => new BatchSampler(range(3), 2, 1 as never)).toThrow('drop_last should be a boolean value, but got drop_last=1');
  });
});
