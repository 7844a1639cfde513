import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import { decodeTensor } from '@x/tensor/testing';
import { datasets, type RawImage } from '../src/index';
import { fixturePath, visionIoFixtures } from './helpers/vision-io-fixtures';

registerWasmBackend();

const fx = visionIoFixtures().cifar as ReturnType<typeof visionIoFixtures>['cifar'] & { CIFAR10: { tgzMd5: string } };
const root = fixturePath('cifar');
const tmp = mkdtempSync(join(tmpdir(), 'vision-cifar-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

for (const name of ['CIFAR10', 'CIFAR100'] as const) {
  describe(`${name} against torchvision, on a fake folder pickled as the real one`, () => {
    for (const split of ['train', 'test'] as const) {
      it(`${split}: data, targets, first item, repr`, () => {
        const expected = fx[name][split];
        const ds = new datasets[name](root, { train: split === 'train' });
        const data = decodeTensor(expected.data);
        expect(ds.data.shape).toEqual(data.shape);
        expect(Array.from(ds.data.numpy() as Uint8Array)).toEqual(Array.from(data.numpy() as Uint8Array));
        expect(ds.targets).toEqual(expected.targets);
        expect(ds.classes).toEqual(fx[name].classes);
        const [img, target] = ds.getItem(0) as [RawImage, number];
        expect([img.height, img.width, img.channels]).toEqual([32, 32, 3]);
        expect(Array.from(img.data)).toEqual(Array.from(decodeTensor(expected.first).numpy() as Uint8Array));
        expect(target).toBe(expected.targets[0]);
        expect(String(ds)).toBe(expected.repr.replace('<root>', root));
      });
    }
  });
}

describe('CIFAR files missing, download', () => {
  it('says which files are missing and where they go', () => {
    expect(() => new datasets.CIFAR10(join(tmp, 'none'))).toThrow(
      /Dataset not found: CIFAR10 needs data_batch_1, .*batches\.meta in .*none\/cifar-10-batches-py\. Use `await CIFAR10\.create\(root, \{ download: true \}\)`, or unpack cifar-10-python\.tar\.gz/,
    );
  });

  it('offline: the error says which file to put where', async () => {
    const offline = (async () => {
      throw new TypeError('fetch failed', { cause: { code: 'EAI_AGAIN' } });
    }) as unknown as typeof fetch;
    await expect(datasets.CIFAR100.create(join(tmp, 'offline'), { download: true, fetch: offline, progress: false })).rejects.toThrow(
      /could not download cifar-100-python\.tar\.gz; tried https:\/\/www\.cs\.toronto\.edu\/~kriz\/cifar-100-python\.tar\.gz \(fetch failed: EAI_AGAIN\)\. Without a connection, put cifar-100-python\.tar\.gz .* in .*offline/,
    );
  });

  it('downloads the archive, checks its MD5, unpacks it, reads it', async () => {
    class FakeCIFAR10 extends datasets.CIFAR10 {
      static override readonly tgzMd5 = fx.CIFAR10.tgzMd5;
    }
    const archive = readFileSync(fixturePath('cifar-10-python.tar.gz'));
    const served: string[] = [];
    const serve = (async (url: string) => {
      served.push(String(url));
      return new Response(archive, { headers: { 'content-length': String(archive.length) } });
    }) as unknown as typeof fetch;
    const ds = await FakeCIFAR10.create(join(tmp, 'dl'), { download: true, fetch: serve, progress: false, train: false });
    expect(served).toEqual([datasets.CIFAR10.url]);
    expect(ds.targets).toEqual(fx.CIFAR10.test.targets);
    // present now: no second download
    await FakeCIFAR10.create(join(tmp, 'dl'), { download: true, fetch: serve, progress: false });
    expect(served.length).toBe(1);
    // the real MD5 refuses the fake archive
    await expect(datasets.CIFAR10.create(join(tmp, 'dl2'), { download: true, fetch: serve, progress: false })).rejects.toThrow(/checksum mismatch/);
  });

  it('a corrupt batch names the file', () => {
    const r = join(tmp, 'corrupt');
    const folder = join(r, 'cifar-10-batches-py');
    mkdirSync(folder, { recursive: true });
    for (const f of [...datasets.CIFAR10.trainList, ...datasets.CIFAR10.testList, 'batches.meta']) copyFileSync(join(root, 'cifar-10-batches-py', f), join(folder, f));
    writeFileSync(join(folder, 'test_batch'), readFileSync(join(folder, 'test_batch')).subarray(0, 100));
    expect(() => new datasets.CIFAR10(r, { train: false })).toThrow(/test_batch is not a readable pickle of numpy data/);
  });
});
