import { registerWasmBackend } from '@x/backend-wasm';
import { DataLoader, datasetFromModule } from '@x/data';
import { Generator, type Tensor } from '@x/tensor';
import { describe, expect, it } from 'vitest';

registerWasmBackend();

const module = new URL('./support/geo-worker-datasets.ts', import.meta.url);

/** The items of the seed's pipeline, in loader order, as flat arrays (batchSize 1: item i from worker i % 2). */
async function items(loaderSeed: number): Promise<{ shapes: number[][]; values: number[][] }> {
  const ds = await datasetFromModule(module, 'SeedPipelineItems');
  const loader = new DataLoader(ds as never, { batchSize: 1, numWorkers: 2, generator: new Generator().manualSeed(loaderSeed) });
  const shapes: number[][] = [];
  const values: number[][] = [];
  for await (const batch of loader) {
    shapes.push([...(batch as Tensor).shape]);
    values.push(((batch as Tensor).flatten().tolist() as number[]));
  }
  return { shapes, values };
}

describe('the seed pipeline (Affine, Crop) in DataLoader workers', () => {
  it('keeps the image size (Crop keepSize), gives each worker its own stream, and repeats with the same loader seed', async () => {
    const a = await items(1);
    expect(a.shapes).toEqual(Array.from({ length: 6 }, () => [1, 24, 32, 3]));
    // Items 0 and 1 are the two workers' first draws.
    expect(a.values[0]).not.toEqual(a.values[1]);
    expect(await items(1)).toEqual(a);
  });
});
