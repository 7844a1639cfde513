import { registerWasmBackend } from '@x/backend-wasm';
import { DataLoader, datasetFromModule } from '@x/data';
import { Generator, type Tensor } from '@x/tensor';
import { describe, expect, it } from 'vitest';

registerWasmBackend();

const module = new URL('./support/worker-datasets.ts', import.meta.url);

/** Each item's flip pattern, in loader order (batchSize 1: item i comes from worker i % 2). */
async function patterns(seed: number | null, loaderSeed: number, numWorkers: number, workerInitFn?: { module: URL; export: string }): Promise<number[][]> {
  const ds = await datasetFromModule(module, 'flipPatterns', 6, seed);
  const loader = new DataLoader(ds as never, { batchSize: 1, numWorkers, workerInitFn, generator: new Generator().manualSeed(loaderSeed) });
  const out: number[][] = [];
  for await (const batch of loader) out.push(((batch as Tensor).tolist() as number[][])[0]!);
  return out;
}

describe('augmenters in DataLoader workers', () => {
  for (const seed of [null, 7]) {
    it(`${seed === null ? 'the global state' : 'a per-augmenter seed'}: two workers draw different streams, and a rerun with the same loader seed repeats`, async () => {
      const a = await patterns(seed, 1, 2);
      expect(a).toHaveLength(6);
      // Items 0 and 1 are each worker's first draw: equal streams would make them equal.
      expect(a[0]).not.toEqual(a[1]);
      expect(a[2]).not.toEqual(a[3]);
      expect(await patterns(seed, 1, 2)).toEqual(a);
      expect(await patterns(seed, 2, 2)).not.toEqual(a);
    });
  }

  it("the seed's workerInitFn calling seed(n) per worker still decides the global stream", async () => {
    const init = { module, export: 'seedPerWorker' };
    const a = await patterns(null, 1, 2, init);
    expect(a[0]).not.toEqual(a[1]);
    // The loader's seed no longer matters: seed(1000 + id) fixed each worker's stream.
    expect(await patterns(null, 2, 2, init)).toEqual(a);
  });

  it('numWorkers 0 draws in this thread', async () => {
    expect(await patterns(3, 1, 0)).toEqual(await patterns(3, 1, 0));
  });

  it('an augmenter inside a vision Compose travels to the workers', async () => {
    const ds = await datasetFromModule(module, 'ComposedFlips');
    const run = async (): Promise<number[]> => {
      const out: number[] = [];
      for await (const batch of new DataLoader(ds as never, { batchSize: 1, numWorkers: 2, generator: new Generator().manualSeed(4) })) out.push(...((batch as Tensor).tolist() as number[]));
      return out;
    };
    const a = await run();
    expect(a).toHaveLength(8);
    expect(a.every((v) => v === 0 || v === 1)).toBe(true);
    expect(await run()).toEqual(a);
  });
});
