/** registerWorkerModule: a library makes its dataset classes known to workers, no datasetFromModule needed. */
import { describe, expect, test } from 'vitest';
import { DataLoader, registerWorkerModule } from '../src/index';
import * as fixtures from './fixtures/datasets';

const fixturesUrl = new URL('./fixtures/datasets.ts', import.meta.url);

async function collect(loader: DataLoader): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const batch of loader) out.push(batch);
  return out.map((b) => (b as { tolist(): unknown }[]).map((t) => t.tolist()));
}

describe('registerWorkerModule', () => {
  test('an instance made here, of a class from a registered module, travels to workers', async () => {
    const ds = new fixtures.Ramp(11);
    expect(() => new DataLoader(ds, { batchSize: 4, numWorkers: 2 })).toThrow(/a class that no module the workers know exports/);
    registerWorkerModule(fixturesUrl, fixtures as unknown as Record<string, unknown>);
    const workers = await collect(new DataLoader(ds, { batchSize: 4, numWorkers: 2 }));
    expect(workers).toEqual(await collect(new DataLoader(ds, { batchSize: 4 })));
    expect(workers).toHaveLength(3);
  });
});
