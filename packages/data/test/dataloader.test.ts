import { describe, expect, test } from 'vitest';
import * as torch from '@x/tensor';
import { BatchSampler, DataLoader, Dataset, IterableDataset, SequentialSampler, TensorDataset, defaultCollate } from '../src/index';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const gen = (seed: number): torch.Generator => new torch.Generator().manualSeed(seed);

class Images extends Dataset<[torch.Tensor, number]> {
  constructor(readonly n: number) {
    super();
  }
  get length(): number {
    return this.n;
  }
  getItem(i: number): [torch.Tensor, number] {
    return [torch.full([1, 28, 28], i / 255, { dtype: 'float32' }), i % 10];
  }
}

function order(loader: DataLoader): number[] {
  const out: number[] = [];
  for (const [x] of loader) out.push(...(x as torch.Tensor).tolist() as number[]);
  return out;
}

describe('DataLoader, synchronous iteration (numWorkers 0)', () => {
  test('batches of [B, 1, 28, 28] float32 images and [B] int64 labels, as the chapter prints', () => {
    const loader = new DataLoader(new Images(600), { batchSize: 256, shuffle: false });
    const [images, labels] = loader[Symbol.iterator]().next().value as [torch.Tensor, torch.Tensor];
    expect(images.shape).toEqual([256, 1, 28, 28]);
    expect(images.dtype).toBe('float32');
    expect(labels.shape).toEqual([256]);
    expect(labels.dtype).toBe('int64');
    expect(loader.length).toBe(3);
    expect(loader.dataset).toBeInstanceOf(Images);
  });
  test('the last batch is short, or dropped with dropLast; length agrees', () => {
    const ds = new TensorDataset(torch.arange(10));
    const sizes = (l: DataLoader): number[] => [...l].map(([x]) => (x as torch.Tensor).size(0));
    expect(sizes(new DataLoader(ds, { batchSize: 4 }))).toEqual([4, 4, 2]);
    expect(sizes(new DataLoader(ds, { batchSize: 4, dropLast: true }))).toEqual([4, 4]);
    expect(new DataLoader(ds, { batchSize: 4, dropLast: true }).length).toBe(2);
    expect(new DataLoader(ds, 4).length).toBe(3);
  });
  test('shuffle with a generator: a seed reproduces the order; each pass differs', () => {
    const ds = new TensorDataset(torch.arange(50));
    const a = new DataLoader(ds, { batchSize: 8, shuffle: true, generator: gen(0) });
    const b = new DataLoader(ds, 8, true, { generator: gen(0) });
    const first = order(a);
    expect(order(b)).toEqual(first);
    expect([...first].sort((x, y) => x - y)).toEqual(range(50));
    expect(order(a)).not.toEqual(first);
    expect(order(new DataLoader(ds, { batchSize: 8, shuffle: true, generator: gen(1) }))).not.toEqual(first);
  });
  test('shuffle without a generator follows torch.manualSeed', () => {
    const ds = new TensorDataset(torch.arange(30));
    torch.manualSeed(42);
    const a = order(new DataLoader(ds, { batchSize: 5, shuffle: true }));
    torch.manualSeed(42);
    expect(order(new DataLoader(ds, { batchSize: 5, shuffle: true }))).toEqual(a);
  });
  test('for await works with numWorkers 0, and awaits a getItem that returns a Promise', async () => {
    class Later extends Dataset<Promise<number>> {
      get length(): number {
        return 5;
      }
      async getItem(i: number): Promise<number> {
        await new Promise((r) => setTimeout(r, 1));
        return i * 2;
      }
    }
    const out: number[][] = [];
    for await (const b of new DataLoader(new Later(), { batchSize: 2 })) out.push((b as torch.Tensor).tolist() as number[]);
    expect(out).toEqual([[0, 2], [4, 6], [8]]);
    expect(() => [...new DataLoader(new Later(), { batchSize: 2 })]).toThrow(/for await/);
  });
  test('a plain array is a dataset, as a Python list is', () => {
    const batches = [...new DataLoader([1.5, 2.5, 3.5], { batchSize: 2 })] as torch.Tensor[];
    expect(batches.map((b) => b.dtype)).toEqual(['float64', 'float64']);
    expect(batches[1]!.tolist()).toEqual([3.5]);
  });
  test('batchSize null turns auto-batching off (defaultConvert)', () => {
    const items = [...new DataLoader([new Float32Array([1, 2]), new Float32Array([3, 4])], { batchSize: null })] as torch.Tensor[];
    expect(items.map((t) => t.shape)).toEqual([[2], [2]]);
    expect(new DataLoader([1, 2, 3], { batchSize: null }).length).toBe(3);
  });
  test('sampler, batchSampler and collateFn options', () => {
    const ds = range(10);
    expect([...new DataLoader(ds, { batchSize: 3, sampler: [9, 8, 7, 6] })].map((t) => (t as torch.Tensor).tolist())).toEqual([[9, 8, 7], [6]]);
    const bs = new BatchSampler(new SequentialSampler(ds), 4, false);
    const viaBatchSampler = new DataLoader(ds, { batchSampler: bs });
    expect(viaBatchSampler.length).toBe(3);
    expect([...viaBatchSampler].map((t) => (t as torch.Tensor).tolist())).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    const sums = [...new DataLoader(ds, { batchSize: 5, collateFn: (b: number[]) => b.reduce((x, y) => x + y, 0) })];
    expect(sums).toEqual([10, 35]);
    expect(new DataLoader(ds).collateFn).toBe(defaultCollate);
  });
  test('option errors as PyTorch', () => {
    const ds = range(10);
    expect(() => new DataLoader(ds, { numWorkers: -1 })).toThrow('num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.');
    expect(() => new DataLoader(ds, { timeout: -1 })).toThrow('timeout option should be non-negative');
    expect(() => new DataLoader(ds, { prefetchFactor: 3 })).toThrow(/^prefetch_factor option could only be specified in multiprocessing/);
    expect(() => new DataLoader(ds, { persistentWorkers: true })).toThrow('persistent_workers option needs num_workers > 0');
    expect(() => new DataLoader(ds, { sampler: [1], shuffle: true })).toThrow('sampler option is mutually exclusive with shuffle');
    expect(() => new DataLoader(ds, { batchSampler: [[1]], batchSize: 4 })).toThrow('batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last');
    expect(() => new DataLoader(ds, { batchSize: null, dropLast: true })).toThrow('batch_size=None option disables auto-batching and is mutually exclusive with drop_last');
    expect(() => new DataLoader(ds, { batchSize: 0 })).toThrow('batch_size should be a positive integer value, but got batch_size=0');
    expect(() => new DataLoader(ds, { batchsize: 4 } as never)).toThrow("DataLoader() got an unexpected keyword argument 'batchsize'");
    expect(() => new DataLoader(ds, 4, { batchSize: 4 })).toThrow("DataLoader() got multiple values for argument 'batchSize'");
    expect(() => new DataLoader(42 as never)).toThrow(/expected a dataset/);
  });
  test('numWorkers > 0 refuses synchronous iteration with a clear message', () => {
    const loader = new DataLoader(range(4), { numWorkers: 2 });
    expect(() => [...loader]).toThrow(/numWorkers=2.*for await/);
  });
  test('pinMemory is accepted and changes nothing', () => {
    const a = [...new DataLoader(range(4), { batchSize: 2, pinMemory: true })].map((t) => (t as torch.Tensor).tolist());
    expect(a).toEqual([[0, 1], [2, 3]]);
  });
});

describe('DataLoader with an IterableDataset', () => {
  class Stream extends IterableDataset<number> {
    constructor(readonly n: number) {
      super();
    }
    override get length(): number {
      return this.n;
    }
    override *[Symbol.iterator](): Iterator<number> {
      for (let i = 0; i < this.n; i++) yield i;
    }
  }
  test('batches in order; dropLast; length from the dataset', () => {
    const batches = (l: DataLoader): number[][] => [...l].map((t) => (t as torch.Tensor).tolist() as number[]);
    expect(batches(new DataLoader(new Stream(7), { batchSize: 3 }))).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(batches(new DataLoader(new Stream(7), { batchSize: 3, dropLast: true }))).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(new DataLoader(new Stream(7), { batchSize: 3 }).length).toBe(3);
    expect(new DataLoader(new Stream(7), { batchSize: 3, dropLast: true }).length).toBe(2);
  });
  test('an async generator needs for await', async () => {
    const source = {
      async *[Symbol.asyncIterator]() {
        for (let i = 0; i < 5; i++) yield i;
      },
    };
    const out: number[][] = [];
    for await (const b of new DataLoader(source, { batchSize: 2 })) out.push((b as torch.Tensor).tolist() as number[]);
    expect(out).toEqual([[0, 1], [2, 3], [4]]);
    expect(() => [...new DataLoader(source, { batchSize: 2 })]).toThrow(/for await/);
  });
  test('shuffle and sampler are refused, as PyTorch', () => {
    expect(() => new DataLoader(new Stream(3), { shuffle: true })).toThrow('DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=true');
    expect(() => new DataLoader(new Stream(3), { sampler: [0] })).toThrow(/expected unspecified sampler option/);
  });
  test('no length: loader.length says so', () => {
    const gen = { *[Symbol.iterator]() { yield 1; } };
    expect(() => new DataLoader(gen).length).toThrow(/has no length/);
  });
});
