import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import * as torch from '@x/tensor';
import { DataLoader, Dataset, datasetFromModule, IterableDataset, randomSplit, Subset, TensorDataset } from '../src/index';
import { drawBaseSeed } from '../src/base-seed';

const fixtures = new URL('./fixtures/datasets.ts', import.meta.url);
const load = <T = never>(name: string, ...args: unknown[]): Promise<T> => datasetFromModule<T>(fixtures, name, ...args);
const gen = (seed: number): torch.Generator => new torch.Generator().manualSeed(seed);
const pyFixtures = (await import('./fixtures/pytorch-data.json', { with: { type: 'json' } })).default as {
  iterableWorkers: { n: number; batchSize: number; dropLast: boolean; numWorkers: number; batches: number[][] }[];
};

async function collect(loader: DataLoader): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const batch of loader) out.push(toPlain(batch));
  return out;
}

function toPlain(x: unknown): unknown {
  if (x instanceof torch.Tensor) return { dtype: x.dtype, shape: [...x.shape], values: x.tolist() };
  if (Array.isArray(x)) return x.map(toPlain);
  return x;
}

describe('DataLoader workers', () => {
  test('2 and 3 workers give exactly what numWorkers 0 gives (shuffled, seeded)', async () => {
    const ds = await load('Ramp', 37);
    const serial = await collect(new DataLoader(ds, { batchSize: 5, shuffle: true, generator: gen(0) }));
    const two = await collect(new DataLoader(ds, { batchSize: 5, shuffle: true, generator: gen(0), numWorkers: 2 }));
    const three = await collect(new DataLoader(ds, { batchSize: 5, shuffle: true, generator: gen(0), numWorkers: 3, prefetchFactor: 1 }));
    expect(two).toEqual(serial);
    expect(three).toEqual(serial);
    expect(serial).toHaveLength(8);
    expect((serial[0] as { dtype: string }[])[0]!.dtype).toBe('float32');
    expect((serial[0] as { dtype: string }[])[1]!.dtype).toBe('int64');
  });

  test('built-in datasets travel without datasetFromModule: TensorDataset (shared memory), Subset, randomSplit', async () => {
    const x = torch.arange(40, { dtype: 'float32' }).reshape(20, 2);
    const y = torch.arange(20).remainder(3);
    const ds = new TensorDataset(x, y);
    const [part] = randomSplit(ds, [0.5, 0.5], gen(1));
    for (const d of [ds, part!, new Subset(ds, [3, 1, 4, 1, 5])]) {
      const serial = await collect(new DataLoader(d, { batchSize: 3 }));
      expect(await collect(new DataLoader(d, { batchSize: 3, numWorkers: 2 }))).toEqual(serial);
    }
    const half = torch.arange(6, { dtype: 'float16' });
    expect(await collect(new DataLoader(new TensorDataset(half), { batchSize: 4, numWorkers: 2 }))).toEqual(await collect(new DataLoader(new TensorDataset(half), { batchSize: 4 })));
  });

  test('a worker that throws: the error reaches the main thread with its class, worker id and stack', async () => {
    const ds = await load('Faulty', 20, 7);
    const loader = new DataLoader(ds, { batchSize: 4, numWorkers: 2 });
    const seen: number[][] = [];
    let error: (Error & { workerStack?: string; workerId?: number; cause?: unknown }) | undefined;
    try {
      for await (const b of loader) seen.push((b as torch.Tensor).tolist() as number[]);
    } catch (e) {
      error = e as Error;
    }
    expect(seen).toEqual([[0, 1, 2, 3]]);
    expect(error).toBeInstanceOf(TypeError);
    expect(error!.message).toMatch(/^Caught TypeError in DataLoader worker 1\.\nOriginal TypeError: sample 7 is corrupt\n/);
    expect(error!.message).toMatch(/at explode .*datasets\.ts/);
    expect(error!.workerId).toBe(1);
    expect((error!.cause as Error).message).toBe('sample 7 is corrupt');
    // The failed pass stopped its workers; the loader still works for a new pass up to the bad item.
    const again = loader[Symbol.asyncIterator]();
    expect(((await again.next()).value as torch.Tensor).tolist()).toEqual([0, 1, 2, 3]);
    await again.return!();
  });

  test('a worker that exits: the error names it and its exit code', async () => {
    const ds = await load('Crashing', 8, 5);
    await expect(collect(new DataLoader(ds, { batchSize: 1, numWorkers: 2 }))).rejects.toThrow('DataLoader worker (id 1) exited unexpectedly with exit code 3');
  });

  test('timeout: a stuck worker fails the wait after `timeout` seconds, and is stopped', async () => {
    const ds = await load('Slow', 8, 60_000, 2);
    const loader = new DataLoader(ds, { batchSize: 1, numWorkers: 2, timeout: 5 });
    const got: number[] = [];
    const start = Date.now();
    await expect((async () => {
      for await (const b of loader) got.push((b as torch.Tensor).item());
    })()).rejects.toThrow('DataLoader timed out after 5 seconds');
    // Items 0 and 1 come at once (unless starting the workers alone took 5 s on a loaded machine: the
    // wait for a batch includes it, as in PyTorch); item 2 blocks for a minute.
    expect([[], [0], [0, 1]]).toContainEqual(got);
    expect(Date.now() - start).toBeLessThan(40_000);
  });

  test('nothing hangs: a process that drops an iterator (workers idle, or stuck in getItem) exits by itself', () => {
    const script = fileURLToPath(new URL('./fixtures/abandon.ts', import.meta.url));
    const register = fileURLToPath(new URL('./support/register-worker-loader.mjs', import.meta.url));
    for (const mode of ['idle', 'stuck', 'persistent']) {
      const start = Date.now();
      const r = spawnSync(process.execPath, ['--import', register, script, mode], { encoding: 'utf8', timeout: 45_000 });
      expect({ mode, status: r.status, signal: r.signal, stderr: r.stderr.slice(0, 2000) }).toEqual({ mode, status: 0, signal: null, stderr: '' });
      expect(r.stdout).toContain('got batch 0');
      expect(Date.now() - start).toBeLessThan(45_000);
    }
  });

  test('breaking out of for await stops the workers; the next pass starts fresh ones', async () => {
    const ds = await load('Ramp', 50);
    const loader = new DataLoader(ds, { batchSize: 2, numWorkers: 2 });
    for await (const _ of loader) break;
    expect((await collect(loader)).length).toBe(25);
  });

  test('workers are seeded base_seed + id; getWorkerInfo() tells each its id', async () => {
    const ds = await load('WhoAmI', 8);
    const rows = async (): Promise<number[][]> => ((await collect(new DataLoader(ds, { batchSize: 1, numWorkers: 2, generator: gen(5) }))) as { values: number[] }[][]).map(([i, id, draw]) => [i!.values[0]!, id!.values[0]!, draw!.values[0]!]);
    const got = await rows();
    const base = drawBaseSeed(gen(5));
    const workerGens = [0, 1].map((id) => new torch.Generator().manualSeed(base + BigInt(id)));
    const expected = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => [i, i % 2, torch.randint(0, 1_000_000, [1], { generator: workerGens[i % 2] }).item()]);
    expect(got).toEqual(expected);
    expect(await rows()).toEqual(got); // the same generator seed, the same draws
    // Without workers, getWorkerInfo() is null.
    expect(((await collect(new DataLoader(ds, { batchSize: 8 })))[0] as { values: number[] }[])[1]!.values).toEqual(new Array(8).fill(-1));
  });

  test('workerInitFn runs in each worker: as a self-contained function, or as a module export', async () => {
    const ds = await load('Marked');
    const ids = async (workerInitFn: unknown): Promise<number[]> =>
      ((await collect(new DataLoader(ds, { batchSize: 1, numWorkers: 2, workerInitFn: workerInitFn as never }))) as { values: number[] }[][]).map((b) => b[1]!.values[0]!);
    expect(await ids((id: number) => {
      (globalThis as { markedWorker?: number }).markedWorker = 100 + id;
    })).toEqual([100, 101, 100, 101, 100, 101, 100, 101]);
    expect(await ids({ module: fixtures, export: 'markWorker' })).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
    const offset = 5;
    await expect(ids((id: number) => {
      (globalThis as { markedWorker?: number }).markedWorker = offset + id;
    })).rejects.toThrow(/offset is not defined.*sent to the worker as its source text.*\{ module, export \}/s);
  });

  test('collateFn: a function runs in the main thread on the samples; { module, export } runs in the workers', async () => {
    const ds = await load('Ramp', 10);
    const labels = await collect(new DataLoader(ds, { batchSize: 4, numWorkers: 2, collateFn: (batch: [torch.Tensor, number][]) => batch.map(([, y]) => y) }));
    expect(labels).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    const numbers = Array.from({ length: 10 }, (_, i) => i);
    const sums = await collect(new DataLoader(numbers, { batchSize: 4, numWorkers: 2, collateFn: { module: fixtures, export: 'sumCollate' } }));
    expect(sums).toEqual([6, 22, 17]);
  });

  test('an IterableDataset shared out with getWorkerInfo() gives the batches PyTorch gives', async () => {
    for (const c of pyFixtures.iterableWorkers) {
      const ds = await load('RangeStream', 0, c.n);
      const got = (await collect(new DataLoader(ds, { batchSize: c.batchSize, dropLast: c.dropLast, numWorkers: c.numWorkers }))) as { values: number[] }[];
      expect(got.map((b) => b.values)).toEqual(c.batches);
    }
  });

  test('persistentWorkers keep their threads between passes; close() stops them', async () => {
    const ds = await load('Ramp', 12);
    const loader = new DataLoader(ds, { batchSize: 5, numWorkers: 2, persistentWorkers: true });
    const first = await collect(loader);
    const pool = (loader as unknown as { pool: unknown }).pool;
    expect(pool).not.toBeNull();
    for await (const _ of loader) break; // stopping early keeps them too
    expect(await collect(loader)).toEqual(first);
    expect((loader as unknown as { pool: unknown }).pool).toBe(pool);
    await loader.close();
    expect((loader as unknown as { pool: unknown }).pool).toBeNull();
    const stream = new DataLoader(await load('RangeStream', 0, 6), { batchSize: 2, numWorkers: 2, persistentWorkers: true });
    const a = await collect(stream);
    expect(await collect(stream)).toEqual(a); // each pass restarts every worker's iterator
    await stream.close();
  });

  test('a dataset a thread cannot receive is refused when the loader is made, saying what to do', () => {
    class Local extends Dataset<number> {
      get length(): number {
        return 3;
      }
      getItem(i: number): number {
        return i;
      }
    }
    expect(() => new DataLoader(new Local(), { numWorkers: 2 })).toThrow(/cannot receive dataset: it is a Local, a class that no module the workers know exports.*datasetFromModule/);
    class Stream extends IterableDataset<number> {}
    expect(() => new DataLoader(new Stream(), { numWorkers: 1 })).toThrow(/cannot receive dataset: it is a Stream, a class/);
    expect(() => new DataLoader(new Subset([() => 1], [0]), { numWorkers: 1 })).toThrow(/cannot receive dataset\.dataset\[0\]: it is an anonymous function/);
  });
});
