import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import { registerWasmBackend } from '@x/backend-wasm';
import { decodeTensor } from '@x/tensor/testing';
import { datasets, type RawImage } from '../src/index';
import { visionIoFixtures } from './helpers/vision-io-fixtures';

registerWasmBackend();

const DEBIAN = '/usr/share/datasets/fashion-mnist';
const fx = visionIoFixtures();
const tmp = mkdtempSync(join(tmpdir(), 'vision-mnist-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('FashionMNIST against torchvision', () => {
  const test = new datasets.FashionMNIST(DEBIAN, { train: false });

  it('item 3 is the one-channel image torchvision gives and its label', () => {
    const [img, target] = test.getItem(3) as [RawImage, number];
    const expected = decodeTensor(fx.fashionMnist.item3.image);
    expect(fx.fashionMnist.item3.mode).toBe('L');
    expect([img.height, img.width, img.channels]).toEqual([...expected.shape, 1]);
    expect(Array.from(img.data)).toEqual(Array.from(expected.numpy() as Uint8Array));
    expect(target).toBe(fx.fashionMnist.item3.target);
  });

  it('data, targets, classes, repr', () => {
    expect(test.length).toBe(10000);
    expect(test.data.shape).toEqual([10000, 28, 28]);
    expect(test.targets.dtype).toBe('int64');
    expect(test.classToIdx).toEqual(fx.fashionMnist.classToIdx);
    expect(String(test)).toBe(fx.fashionMnist.repr.replace('<root>', DEBIAN));
  });

  it("reads torchvision's <root>/FashionMNIST/raw layout", () => {
    const raw = join(tmp, 'tv', 'FashionMNIST', 'raw');
    mkdirSync(raw, { recursive: true });
    for (const f of ['t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz']) symlinkSync(join(DEBIAN, f), join(raw, f));
    const ds = new datasets.FashionMNIST(join(tmp, 'tv'), { train: false, transform: (img: RawImage) => img.data[14 * 28 + 14], targetTransform: (t: number) => t + 100 });
    const [pixel, target] = ds.getItem(3);
    expect(pixel).toBe(test.data.select(0, 3).select(0, 14).select(0, 14).item());
    expect(target).toBe(fx.fashionMnist.item3.target + 100);
  });

  it('missing files: the error says which and where; offline download: which file to put where', async () => {
    expect(() => new datasets.MNIST(join(tmp, 'empty'))).toThrow(/Dataset not found: MNIST \(train split\) needs train-images-idx3-ubyte\[\.gz\] and train-labels-idx1-ubyte\[\.gz\]/);
    const offline = (async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } });
    }) as unknown as typeof fetch;
    await expect(datasets.FashionMNIST.create(join(tmp, 'dl'), { download: true, fetch: offline, progress: false })).rejects.toThrow(
      /could not download train-images-idx3-ubyte\.gz; tried .*ENOTFOUND.*Without a connection, put train-images-idx3-ubyte\.gz, .*t10k-labels-idx1-ubyte\.gz \(from http:\/\/fashion-mnist.*\) in .*dl\/FashionMNIST\/raw/,
    );
  });

  it('index out of range', () => {
    expect(() => test.getItem(10000)).toThrow(/FashionMNIST index out of range: 10000 \(length 10000\)/);
  });
});

describe('FakeData', () => {
  it('draws each item from its own seed and puts the generator back', () => {
    const ds = new datasets.FakeData({ size: 7, imageSize: [3, 5, 4], numClasses: 4 });
    torch.manualSeed(123);
    const before = torch.rand([3]);
    torch.manualSeed(123);
    const [a, ta] = ds.getItem(2) as [RawImage, number];
    expect(Array.from(torch.rand([3]).numpy() as Float32Array)).toEqual(Array.from(before.numpy() as Float32Array));
    const [b, tb] = ds.getItem(2) as [RawImage, number];
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(ta).toBe(tb);
    expect(ta >= 0 && ta < 4).toBe(true);
    // torchvision: a PIL image of mode RGB, size (W, H)
    expect(fx.fakeData.mode).toBe('RGB');
    expect([a.width, a.height]).toEqual(fx.fakeData.size);
    expect(a.channels).toBe(3);
  });

  it('the image is randn(C, H, W) from seed index + randomOffset, × 255 to uint8', () => {
    const ds = new datasets.FakeData({ size: 3, imageSize: [1, 2, 3], randomOffset: 10 });
    const [img] = ds.getItem(1) as [RawImage, number];
    torch.manualSeed(11);
    const expected = torch.randn([1, 2, 3]).mul(255).to('uint8');
    expect(Array.from(img.data)).toEqual(Array.from(expected.numpy() as Uint8Array));
    expect(img.channels).toBe(1);
  });

  it('repr, bad options', () => {
    expect(String(new datasets.FakeData({ size: 7, imageSize: [3, 5, 4], numClasses: 4 }))).toBe(fx.fakeData.repr);
    expect(() => new datasets.FakeData({ imageSize: [5, 2, 2] })).toThrow(/imageSize should be \[C, H, W\] with C from 1 to 4, but got \[5,2,2\]/);
    expect(() => new datasets.FakeData({ size: 2 }).getItem(2)).toThrow(/FakeData index out of range: 2/);
  });
});
