/**
 * DataLoader workers with the built packages, as a user's ES module script uses them: datasets
 * defined in this very file, one whose constructor draws random numbers, read with numWorkers: 2.
 * Each worker imports this file to find the classes by name, as PyTorch's spawned workers import
 * the script's module, so the tests run only in the main thread (`isMainThread`), as a PyTorch script
 * keeps its training under `if __name__ == '__main__':`.
 */
import { isMainThread } from 'node:worker_threads';
import * as torch from '@x/torch';

const { Dataset, DataLoader, datasetFromModule } = torch.utils.data;

/** The seed's CustomDataset: the constructor draws the data (torch.rand and Math.random). */
export class RandomPairs extends Dataset {
  constructor(n) {
    super();
    this.n = n;
    this.features = torch.rand(n, 3);
    this.noise = Array.from({ length: n }, () => Math.random());
  }
  get length() {
    return this.n;
  }
  getItem(i) {
    return [this.features.select(0, i), this.noise[i]];
  }
}

/** Item i: [i, what workerInitFn left in this thread, a draw from the default generator]. */
export class InitProbe extends Dataset {
  get length() {
    return 4;
  }
  getItem(i) {
    return [i, globalThis.initDraw ?? -1, torch.rand(1)];
  }
}

async function plain(x) {
  if (x instanceof torch.Tensor) return { dtype: x.dtype, shape: [...x.shape], values: await x.tolist() };
  if (Array.isArray(x)) return Promise.all(x.map(plain));
  return x;
}

async function batches(loader) {
  const out = [];
  for await (const batch of loader) out.push(await plain(batch));
  return out;
}

if (isMainThread) {
  const { test } = await import('node:test');
  const assert = await import('node:assert/strict');

  test('a dataset defined in this module, its constructor drawing random numbers: 2 workers give what numWorkers 0 gives', async () => {
    const ds = await datasetFromModule(import.meta.url, 'RandomPairs', 10);
    const serial = await batches(new DataLoader(ds, { batchSize: 4 }));
    assert.deepEqual(await batches(new DataLoader(ds, { batchSize: 4, numWorkers: 2 })), serial);
    assert.deepEqual(serial[0][0].values[1], await ds.getItem(1)[0].tolist());
    assert.equal(serial[2][1].values[0], ds.noise[8]);
    // Once this module is known, a dataset built here with `new` travels too.
    const direct = new RandomPairs(5);
    assert.deepEqual(await batches(new DataLoader(direct, { batchSize: 5, numWorkers: 2 })), await batches(new DataLoader(direct, { batchSize: 5 })));
  });

  test('workerInitFn written inline may use torch (@x/torch, which the workers imported with this module)', async () => {
    const probe = await datasetFromModule(import.meta.url, 'InitProbe');
    const workerInitFn = async (id) => {
      torch.manualSeed(100 + id);
      globalThis.initDraw = typeof torch.nn.Linear === 'function' ? await torch.rand(1).item() : -2;
    };
    const rows = (await batches(new DataLoader(probe, { batchSize: 1, numWorkers: 2, workerInitFn }))).map(([i, init, draw]) => [i.values[0], init.values[0], draw.values[0][0]]);
    const draws = async (seed) => {
      const g = new torch.Generator().manualSeed(seed);
      return [await torch.rand(1, { generator: g }).item(), await torch.rand(1, { generator: g }).item(), await torch.rand(1, { generator: g }).item()];
    };
    const [w0, w1] = [await draws(100), await draws(101)];
    assert.deepEqual(rows, [[0, w0[0], w0[1]], [1, w1[0], w1[1]], [2, w0[0], w0[2]], [3, w1[0], w1[2]]]);
  });

  test('a closure in a dataset is refused before any worker starts, naming the field', async () => {
    const ds = await datasetFromModule(import.meta.url, 'RandomPairs', 3);
    ds.transform = (x) => x;
    assert.throws(() => new DataLoader(ds, { numWorkers: 2 }), /^TypeError: DataLoader workers cannot receive dataset\.transform: it is an anonymous function, which no module the workers know exports/);
  });
}
