/**
 * DataLoader workers receive the dataset as it is in the main thread (its class and fields, as
 * PyTorch's spawned workers unpickle it), never by running its constructor again; what cannot
 * travel is refused before any worker starts. Each loader here starts real threads: keep them few.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import * as torch from '@x/tensor';
import { ConcatDataset, DataLoader, datasetFromModule, Subset, TensorDataset, type FashionMNIST } from '../src/index';
import { Drawn, InitProbe, Mapped, negate, seedFromTorch, Secretive, Structured, Zipped } from './fixtures/state-datasets';
import { mnistSplit } from './support/idx-fixtures';

const fixtures = new URL('./fixtures/state-datasets.ts', import.meta.url);
const load = <T>(name: string, ...args: unknown[]): Promise<T> => datasetFromModule<T>(fixtures, name, ...args);

/** Tensors as { dtype, shape, values }, everything else as it is, read with the async forms every backend has. */
async function plain(x: unknown): Promise<unknown> {
  if (x instanceof torch.Tensor) return { dtype: x.dtype, shape: [...x.shape], values: await x.tolist() };
  if (Array.isArray(x)) return Promise.all(x.map(plain));
  if (x !== null && typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) {
    return Object.fromEntries(await Promise.all(Object.entries(x).map(async ([k, v]) => [k, await plain(v)])));
  }
  return x;
}

async function batches(loader: DataLoader): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const b of loader) out.push(await plain(b));
  return out;
}

describe('DataLoader workers receive the dataset as it is', () => {
  test('a constructor that draws (Math.random, torch.rand): 2 workers give numWorkers 0\'s batches, equal to getItem here', async () => {
    const ds = await load<Drawn>('Drawn', 10);
    const serial = await batches(new DataLoader(ds, { batchSize: 4 }));
    expect(await batches(new DataLoader(ds, { batchSize: 4, numWorkers: 2 }))).toEqual(serial);
    const [x, noise] = (serial[0] as [{ values: number[][] }, { dtype: string; values: number[] }]);
    expect(x.values[1]).toEqual(await ds.getItem(1)[0].tolist());
    expect(noise.dtype).toBe('float64');
    expect(noise.values[1]).toBe(ds.noise[1]);
  });

  test('nested datasets and tensors: a user class holding datasets, Subset of ConcatDataset, TensorDataset; state changed between passes', async () => {
    const drawn = await load<Drawn>('Drawn', 6);
    const tensors = new TensorDataset(torch.rand(6, 2), torch.randint(0, 100, [6]));
    // drawn twice: the worker has it once, as here.
    const zipped = new Zipped(tensors, new Subset(new ConcatDataset([drawn, drawn]), [11, 0, 9, 2, 7, 4]));
    const loader = new DataLoader(zipped, { batchSize: 3, numWorkers: 2 });
    expect(await batches(loader)).toEqual(await batches(new DataLoader(zipped, { batchSize: 3 })));
    // Each pass's workers get the dataset as it is when the pass starts, as PyTorch pickles it for each.
    drawn.noise.fill(0.5);
    const again = (await batches(loader)) as [unknown, [unknown, { values: number[] }]][];
    expect(again[0]![1][1].values).toEqual([0.5, 0.5, 0.5]);
  });

  test('a transform exported by the dataset\'s module goes by name; fields of every kind keep their shape, sharing and cycles', async () => {
    const mapped = await load<Mapped<unknown>>('negatedDrawn', 4);
    expect(mapped.transform).toBe(negate); // the test's import and the loader's are one module
    expect(await batches(new DataLoader(mapped, { batchSize: 2, numWorkers: 1 }))).toEqual(await batches(new DataLoader(mapped, { batchSize: 2 })));
    const structured = await load<Structured>('Structured');
    const [inWorker] = await batches(new DataLoader(structured, { batchSize: null, numWorkers: 1 }));
    const here = await plain(structured.getItem());
    expect(inWorker).toEqual(here);
    expect(here).toMatchObject({ isStructured: true, sharedKept: true, cycleKept: true, bare: 5, frozen: 3, hidden: 'not enumerable', big: String(2n ** 70n) });
  });

  test("FashionMNIST with a transform from the dataset's module (the README's example)", async () => {
    const root = mkdtempSync(join(tmpdir(), 'x-data-state-'));
    const { images, labels } = mnistSplit(5);
    writeFileSync(join(root, 'train-images-idx3-ubyte'), images);
    writeFileSync(join(root, 'train-labels-idx1-ubyte'), labels);
    const train = await load<FashionMNIST>('fashionTrain', root);
    const serial = await batches(new DataLoader(train, { batchSize: 2 }));
    expect(await batches(new DataLoader(train, { batchSize: 2, numWorkers: 1 }))).toEqual(serial);
    expect((serial[0] as { shape: number[] }[])[0]!.shape).toEqual([2, 1, 28, 28]);
  });

  test('what cannot travel is refused before any worker starts, naming the field and what to do', async () => {
    const drawn = await load<Drawn>('Drawn', 3);
    const offset = 1;
    const closure = new Mapped(drawn, ([x, y]: [torch.Tensor, number]) => [x, y + offset]);
    expect(() => new DataLoader(new Subset(closure, [0, 1]), { numWorkers: 2 })).toThrow(
      /^DataLoader workers cannot receive dataset\.dataset\.transform: it is an anonymous function, which no module the workers know exports .*Can't pickle local object.*Export it from the module you load the dataset with datasetFromModule from.*method of the dataset's class, or use numWorkers: 0/s,
    );
    expect(() => new DataLoader(new Zipped(drawn, new Secretive()), { numWorkers: 1 })).toThrow(/cannot receive dataset\.second: .*Secretive has private fields \(#items\).*ordinary fields/);
    class Local extends Mapped<[torch.Tensor, number]> {}
    expect(() => new DataLoader(new Local(drawn, negate), { numWorkers: 1 })).toThrow(
      /cannot receive dataset: it is a Local, a class that no module the workers know exports .*datasetFromModule\(new URL\('\.\/module\.ts', import\.meta\.url\), 'Local', \.\.\.args\)/,
    );
    const handle = new Zipped(drawn, drawn) as Zipped<unknown, unknown> & { log?: unknown };
    handle.log = process.stdout;
    expect(() => new DataLoader(handle, { numWorkers: 1 })).toThrow(/cannot receive dataset\.log: .*an open file, stream, socket or thread.*lazily in getItem/);
    expect(() => new DataLoader(new Mapped(drawn, negate), { numWorkers: 1 })).not.toThrow();
    // Without workers nothing needs to travel.
    expect(() => new DataLoader(closure)).not.toThrow();
  });

  test('workerInitFn may use torch: as source text (torch.manualSeed, torch.rand), or as an export of the dataset\'s module', async () => {
    const probe = await load<InitProbe>('InitProbe');
    /** What a worker seeded `seed` draws: workerInitFn's draw, then one per item (it reads every other item). */
    const draws = async (seed: number): Promise<number[]> => {
      const g = new torch.Generator().manualSeed(seed);
      return [await torch.rand(1, { generator: g }).item(), await torch.rand(1, { generator: g }).item(), await torch.rand(1, { generator: g }).item()];
    };
    const expected = async (seed: number): Promise<number[][]> => {
      const [w0, w1] = [await draws(seed), await draws(seed + 1)];
      return [[0, w0[0]!, w0[1]!], [1, w1[0]!, w1[1]!], [2, w0[0]!, w0[2]!], [3, w1[0]!, w1[2]!]];
    };
    const rows = async (workerInitFn: unknown): Promise<number[][]> =>
      ((await batches(new DataLoader(probe, { batchSize: 1, numWorkers: 2, workerInitFn: workerInitFn as never }))) as { values: number[] }[][]).map(([i, init, draw]) => [
        i!.values[0]!,
        init!.values[0]!,
        (draw!.values as unknown as number[][])[0]![0]!,
      ]);
    // Written as a Node script would be: vitest rewrites `torch` in this file's own functions.
    const sourceText = (0, eval)('(async (id) => { torch.manualSeed(1000 + id); globalThis.initDraw = await torch.rand(1).item(); })');
    expect(await rows(sourceText)).toEqual(await expected(1000));
    expect(await rows(seedFromTorch)).toEqual(await expected(2000));
    await expect(rows((0, eval)('(() => torch.nn.functional)'))).rejects.toThrow(/torch\.nn is not available in this DataLoader worker: no module of the dataset imports @x\/torch/);
    await expect(rows((0, eval)('(() => __vite_ssr_import_3__.manualSeed(1))'))).rejects.toThrow(/__vite_ssr_import_3__ is not defined .*sent to the worker as its source text.*a name a bundler or test runner gave an import/s);
  });
});
