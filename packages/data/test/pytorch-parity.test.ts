/**
 * What PyTorch 1.13 does where the random stream does not matter, from fixtures/pytorch-data.json
 * (written by fixtures/gen_pytorch_fixtures.py): lengths, batch sizes, split sizes, sampler counts, errors.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import * as torch from '@x/tensor';
import { BatchSampler, DataLoader, IterableDataset, RandomSampler, SequentialSampler, TensorDataset, randomSplit, defaultCollate } from '../src/index';

const fx = JSON.parse(readFileSync(new URL('./fixtures/pytorch-data.json', import.meta.url), 'utf8'));
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const dtype = (d: string): string => d.replace('torch.', '');

describe('DataLoader lengths and batch sizes match PyTorch', () => {
  for (const c of fx.loaders) {
    test(`n=${c.n} batchSize=${c.batchSize} dropLast=${c.dropLast} shuffle=${c.shuffle}`, () => {
      const loader = new DataLoader(new TensorDataset(torch.arange(c.n)), { batchSize: c.batchSize, dropLast: c.dropLast, shuffle: c.shuffle, generator: new torch.Generator().manualSeed(0) });
      expect(loader.length).toBe(c.length);
      const batches = [...loader].map(([x]) => x as torch.Tensor);
      expect(batches.map((b) => b.size(0))).toEqual(c.sizes);
      if (c.seen) expect(batches.flatMap((b) => b.tolist() as number[]).sort((a, b) => a - b)).toEqual(c.seen);
    });
  }
  test('the chapter: 60000 at 256 with dropLast gives 234 batches; 10000 without gives 40, the last of 16', () => {
    const train = fx.loaders.find((c: { n: number }) => c.n === 60000);
    const test = fx.loaders.find((c: { n: number }) => c.n === 10000);
    expect([train.length, test.length, test.sizes.at(-1)]).toEqual([234, 40, 16]);
  });
});

describe('IterableDataset batching matches PyTorch', () => {
  class Stream extends IterableDataset<number> {
    constructor(readonly n: number) {
      super();
    }
    override get length(): number {
      return this.n;
    }
    override *[Symbol.iterator](): Iterator<number> {
      yield* range(this.n);
    }
  }
  for (const c of fx.iterables) {
    test(`n=${c.n} batchSize=${c.batchSize} dropLast=${c.dropLast}`, () => {
      const loader = new DataLoader(new Stream(c.n), { batchSize: c.batchSize, dropLast: c.dropLast });
      expect(loader.length).toBe(c.length);
      expect([...loader].map((t) => (t as torch.Tensor).tolist())).toEqual(c.batches);
    });
  }
});

describe('samplers match PyTorch', () => {
  for (const c of fx.randomSamplers) {
    test(`RandomSampler n=${c.n} replacement=${c.replacement} numSamples=${c.numSamples}`, () => {
      const s = new RandomSampler(range(c.n), { replacement: c.replacement, numSamples: c.numSamples ?? undefined, generator: new torch.Generator().manualSeed(0) });
      const xs = [...s];
      expect(s.length).toBe(c.length);
      expect(xs).toHaveLength(c.count);
      if (c.countsIfPermutation) {
        // Which indices repeat depends on the stream; how many times each may appear does not.
        const counts = range(c.n).map((i) => xs.filter((x) => x === i).length);
        expect([...counts].sort()).toEqual([...c.countsIfPermutation].sort());
      }
    });
  }
  for (const c of fx.batchSamplers) {
    test(`BatchSampler n=${c.n} batchSize=${c.batchSize} dropLast=${c.dropLast}`, () => {
      const b = new BatchSampler(new SequentialSampler(range(c.n)), c.batchSize, c.dropLast);
      expect(b.length).toBe(c.length);
      expect([...b]).toEqual(c.batches);
    });
  }
  for (const c of fx.splits) {
    test(`randomSplit n=${c.n} lengths=${JSON.stringify(c.lengths)}`, () => {
      expect(randomSplit(range(c.n), c.lengths, new torch.Generator().manualSeed(0)).map((s) => s.length)).toEqual(c.sizes);
    });
  }
});

describe('default collate matches PyTorch', () => {
  test('dtypes and shapes', () => {
    const c = fx.collate;
    expect(defaultCollate([1, 2, 3]).dtype).toBe(dtype(c.ints));
    expect(defaultCollate([1.5, 2.5]).dtype).toBe(dtype(c.floats));
    expect(defaultCollate([true, false]).dtype).toBe(dtype(c.bools));
    expect(defaultCollate([torch.zeros(2, 3), torch.ones(2, 3)]).shape).toEqual(c.tensors);
    const pairs = defaultCollate([[torch.zeros(3), 1], [torch.ones(3), 2]]) as torch.Tensor[];
    expect(pairs.map((t) => [t.shape, `torch.${t.dtype}`])).toEqual(c.pairs);
    const d = defaultCollate([{ x: torch.zeros(2), y: 0.5 }, { x: torch.ones(2), y: 1.5 }]) as Record<string, torch.Tensor>;
    expect(Object.fromEntries(Object.entries(d).map(([k, t]) => [k, [t.shape, `torch.${t.dtype}`]]))).toEqual(c.dict);
    expect(defaultCollate(['a', 'b'])).toEqual(c.strings);
  });
});

describe('error messages match PyTorch', () => {
  const e = fx.errors;
  const ds = new TensorDataset(torch.arange(10));
  const cases: [string, () => unknown][] = [
    ['numWorkers', () => new DataLoader(ds, { numWorkers: -1 })],
    ['timeout', () => new DataLoader(ds, { timeout: -1 })],
    ['prefetch', () => new DataLoader(ds, { prefetchFactor: 3 })],
    ['persistent', () => new DataLoader(ds, { persistentWorkers: true })],
    ['samplerShuffle', () => new DataLoader(ds, { sampler: new SequentialSampler(ds), shuffle: true })],
    ['batchSampler', () => new DataLoader(ds, { batchSampler: new BatchSampler(new SequentialSampler(ds), 2, false), batchSize: 4 })],
    ['batchNoneDropLast', () => new DataLoader(ds, { batchSize: null, dropLast: true })],
    ['batchSize', () => new BatchSampler(new SequentialSampler(ds), 0, false)],
    ['numSamples', () => new RandomSampler(ds, { numSamples: 0 })],
    ['splitSum', () => randomSplit(range(10), [3, 3])],
    ['splitFraction', () => randomSplit(range(10), [1.5, -0.5])],
    ['collateSizes', () => defaultCollate([[1, 2], [1]])],
    ['stackShapes', () => defaultCollate([torch.zeros(3), torch.zeros(4)])],
  ];
  for (const [key, f] of cases) {
    test(key, () => {
      expect(f).toThrow(e[key].message);
    });
  }
});
