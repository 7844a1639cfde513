import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import { DataLoader, datasetFromModule, Subset } from '@x/data';
import { registerWasmBackend } from '@x/backend-wasm';
import { datasets, io, transforms } from '../src/index';

registerWasmBackend();

const tmp = mkdtempSync(join(tmpdir(), 'vision-workers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** An ImageFolder of PNGs written with io.writePng: classes 'a' and 'b', 5 images of 3×4×5 each. */
async function pngFolder(): Promise<string> {
  const root = join(tmp, 'pngs');
  torch.manualSeed(3);
  for (const cls of ['a', 'b']) {
    mkdirSync(join(root, cls), { recursive: true });
    for (let i = 0; i < 5; i++) await io.writePng(torch.randint(0, 256, [3, 4, 5]).to('uint8'), join(root, cls, `${i}.png`));
  }
  return root;
}

const module = new URL('./support/worker-datasets.ts', import.meta.url);

/** Each batch as JSON, tensors as their dtype, shape and values: what two loaders' batches compare by. */
async function collect(loader: DataLoader): Promise<unknown[]> {
  const out: unknown[] = [];
  const plain = (_: string, v: unknown) => (v instanceof torch.Tensor ? { dtype: v.dtype, shape: v.shape, values: v.tolist() } : v);
  for await (const batch of loader) out.push(JSON.parse(JSON.stringify(batch, plain)));
  return out;
}

describe('vision datasets in DataLoader workers (numWorkers: 2)', () => {
  it('ImageFolder: images decoded in the workers, batches equal to numWorkers 0', async () => {
    const ds = await datasetFromModule(module, 'imageFolder', await pngFolder());
    const serial = await collect(new DataLoader(ds as never, { batchSize: 3 }));
    const workers = await collect(new DataLoader(ds as never, { batchSize: 3, numWorkers: 2 }));
    expect(workers).toEqual(serial);
    expect(serial).toHaveLength(4);
    const [x, y] = serial[1] as [{ dtype: string; shape: number[] }, { values: number[] }];
    expect(x.dtype).toBe('uint8');
    expect(x.shape).toEqual([3, 3, 4, 5]);
    expect(y.values).toEqual([0, 0, 1]);
  });

  it('FashionMNIST: its tensors go to the workers, shuffled batches equal to numWorkers 0', async () => {
    const ds = await datasetFromModule(module, 'fashionTest', '/usr/share/datasets/fashion-mnist');
    const part = new Subset(ds as never, Array.from({ length: 40 }, (_, i) => i * 250));
    const gen = () => new torch.Generator().manualSeed(5);
    const serial = await collect(new DataLoader(part, { batchSize: 16, shuffle: true, generator: gen() }));
    const workers = await collect(new DataLoader(part, { batchSize: 16, shuffle: true, generator: gen(), numWorkers: 2 }));
    expect(workers).toEqual(serial);
    expect((serial[0] as { shape: number[] }[])[0]!.shape).toEqual([16, 1, 28, 28]);
  });

  it('made here, without datasetFromModule: FakeData, and ImageFolder with its default loader', async () => {
    const fake = new datasets.FakeData({ size: 9, imageSize: [1, 4, 3], numClasses: 3 });
    const serial = await collect(new DataLoader(fake, { batchSize: 4 }));
    expect(await collect(new DataLoader(fake, { batchSize: 4, numWorkers: 2 }))).toEqual(serial);
    const folder = new datasets.ImageFolder(await pngFolder());
    const raw = await collect(new DataLoader(folder as never, { batchSize: 5, numWorkers: 2 }));
    expect(raw).toEqual(await collect(new DataLoader(folder as never, { batchSize: 5 })));
    // RawImages collate field by field: data stacked, sizes as tensors
    const [images] = raw[0] as [{ data: { shape: number[] }; width: { values: number[] }; channels: { values: number[] } }];
    expect(images.data.shape).toEqual([5, 60]);
    expect(images.width.values).toEqual([5, 5, 5, 5, 5]);
    expect(images.channels.values).toEqual([3, 3, 3, 3, 3]);
  });

  it("workers compute on the main thread's CPU backend (WASM, one thread each), not the reference one", async () => {
    const ds = await datasetFromModule(module, 'BackendNames');
    const loader = new DataLoader(ds as never, { batchSize: 2, numWorkers: 2, collateFn: (xs: unknown) => xs });
    const names: unknown[] = [];
    for await (const batch of loader) names.push(...(batch as unknown[]));
    expect(names).toEqual(['wasm', 'wasm', 'wasm', 'wasm']);
  });
  it('a Compose of transform modules travels to workers and gives the batches of numWorkers 0', async () => {
    const transform = new transforms.Compose([
      new transforms.PILToTensor(),
      new transforms.ConvertImageDtype('float32'),
      new transforms.Normalize([0.5, 0.5, 0.5], [0.25, 0.25, 0.25]),
    ]);
    const folder = new datasets.ImageFolder(await pngFolder(), { transform });
    const serial = await collect(new DataLoader(folder as never, { batchSize: 5 }));
    expect(await collect(new DataLoader(folder as never, { batchSize: 5, numWorkers: 2 }))).toEqual(serial);
    expect((serial[0] as [{ dtype: string; shape: number[] }])[0]).toMatchObject({ dtype: 'float32', shape: [5, 3, 4, 5] });
  });
});

