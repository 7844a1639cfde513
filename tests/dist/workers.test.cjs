'use strict';
/**
 * DataLoader workers with the built packages from CommonJS: datasets defined in this very file, one
 * whose constructor draws random numbers, read with numWorkers: 2. The workers run the CommonJS build
 * too (one copy of every class per thread) and import this file to find the classes by name, so the
 * tests run only in the main thread, as a PyTorch script keeps its training under
 * `if __name__ == '__main__':`.
 */
const { isMainThread } = require('node:worker_threads');
const torch = require('@x/torch');

const { Dataset, DataLoader, datasetFromModule } = torch.utils.data;

/** The seed's CustomDataset: the constructor draws the data (torch.rand and Math.random). */
class RandomPairs extends Dataset {
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
class InitProbe extends Dataset {
  get length() {
    return 4;
  }
  getItem(i) {
    return [i, globalThis.initDraw ?? -1, torch.rand(1)];
  }
}

module.exports = { RandomPairs, InitProbe };

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
  const { test } = require('node:test');
  const assert = require('node:assert/strict');

  test('a dataset defined in this module, its constructor drawing random numbers: 2 workers give what numWorkers 0 gives', async () => {
    const ds = await datasetFromModule(__filename, 'RandomPairs', 10);
    assert.ok(ds instanceof RandomPairs);
    const serial = await batches(new DataLoader(ds, { batchSize: 4 }));
    assert.deepEqual(await batches(new DataLoader(ds, { batchSize: 4, numWorkers: 2 })), serial);
    assert.deepEqual(serial[0][0].values[1], await ds.getItem(1)[0].tolist());
    assert.equal(serial[2][1].values[0], ds.noise[8]);
  });

  test('workerInitFn written inline may use torch (@x/torch, which the workers required with this module)', async () => {
    const probe = await datasetFromModule(__filename, 'InitProbe');
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

  test('an error in a worker reaches the main thread with its class and the worker id', async () => {
    const ds = await datasetFromModule(__filename, 'RandomPairs', 4);
    ds.noise = null; // getItem fails reading it, in the worker
    await assert.rejects(batches(new DataLoader(ds, { batchSize: 2, numWorkers: 2 })), (e) => e instanceof TypeError && /^Caught TypeError in DataLoader worker 0\./.test(e.message));
  });
}
