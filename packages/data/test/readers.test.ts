import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import * as torch from '@x/tensor';
import { DataLoader, FashionMNIST, FMDataset, MNIST, readIdx, readIdxTensor, readPixelCsv } from '../src/index';
import { gzip, idxBytes, mnistSplit } from './support/idx-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'x-data-readers-'));
const file = (name: string, bytes: Buffer | string): string => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

describe('readIdx', () => {
  test('uint8 images, plain or gzip (recognised by content, not name)', () => {
    const { images } = mnistSplit(3);
    for (const p of [file('a-idx3-ubyte', images), file('a-idx3-ubyte.gz', gzip(images)), file('gz-without-suffix', gzip(images))]) {
      const r = readIdx(p);
      expect(r.dtype).toBe('uint8');
      expect(r.shape).toEqual([3, 28, 28]);
      expect(r.data[784 + 5]).toBe(12);
    }
    const t = readIdxTensor(file('b.gz', gzip(images)));
    expect(t.shape).toEqual([3, 28, 28]);
    expect(t.dtype).toBe('uint8');
  });
  test('big-endian multi-byte types', () => {
    expect(Array.from(readIdx(file('i32', idxBytes('int32', [3], [1, -2, 70000]))).data)).toEqual([1, -2, 70000]);
    expect(Array.from(readIdx(file('i16', idxBytes('int16', [2], [-300, 300]))).data)).toEqual([-300, 300]);
    expect(Array.from(readIdx(file('f32', idxBytes('float32', [2], [1.5, -0.25]))).data)).toEqual([1.5, -0.25]);
    const f64 = readIdx(file('f64', idxBytes('float64', [1, 2], [Math.PI, 2])));
    expect(f64.dtype).toBe('float64');
    expect(Array.from(f64.data)).toEqual([Math.PI, 2]);
    expect(readIdx(file('i8', idxBytes('int8', [2], [-1, 5]))).dtype).toBe('int32');
  });
  test('a missing file is named', () => {
    const p = join(dir, 'nope-idx1-ubyte.gz');
    expect(() => readIdx(p)).toThrow(`file not found: ${p}`);
  });
  test('a truncated file: the error names it with the expected and the actual byte count', () => {
    const { images } = mnistSplit(2);
    const p = file('short-idx3-ubyte', images.subarray(0, 1000));
    expect(() => readIdx(p)).toThrow(`${p} is truncated: its header says 2x28x28 unsigned byte values, 1584 bytes with the header, but it has 1000 bytes`);
    const pz = file('short-idx3-ubyte.gz', gzip(images.subarray(0, 1000)));
    expect(() => readIdx(pz)).toThrow(`${pz} is truncated: its header says 2x28x28 unsigned byte values, 1584 bytes with the header, but decompressed, it has 1000 bytes`);
    const whole = gzip(images);
    const cut = file('cut.gz', whole.subarray(0, whole.length - 20));
    expect(() => readIdx(cut)).toThrow(new RegExp(`^${cut.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is truncated or corrupt: its gzip data could not be decompressed \\(.*\\); the file has ${whole.length - 20} bytes$`));
    const header = file('header', idxBytes('uint8', [2, 28, 28], []).subarray(0, 10));
    expect(() => readIdx(header)).toThrow(`${header} is truncated: its IDX header needs 16 bytes for 3 dimensions, but it has 10 bytes`);
  });
  test('trailing bytes and a wrong magic number are errors too', () => {
    const long = file('long', Buffer.concat([idxBytes('uint8', [2], [1, 2]), Buffer.from([9])]));
    expect(() => readIdx(long)).toThrow(`${long} has trailing bytes: its header says 2 unsigned byte values, 10 bytes with the header, but it has 11 bytes`);
    const text = file('text.csv', 'label,pixel1\n');
    expect(() => readIdx(text)).toThrow(`${text} is not an IDX file: it starts with 0x6c 0x61 0x62 0x65`);
  });
});

function csvText(rows: number[][], header = true): string {
  const head = header ? `label,${Array.from({ length: 784 }, (_, i) => `pixel${i + 1}`).join(',')}\n` : '';
  return head + rows.map((r) => r.join(',')).join('\r\n') + '\n';
}
const row = (label: number, fill: number, n = 784): number[] => [label, ...Array.from({ length: n }, (_, i) => (fill + i) % 256)];

describe('readPixelCsv and FMDataset (the chapter\'s CSV form)', () => {
  test('header, CRLF, blank lines; labels and pixels', () => {
    const p = file('fm.csv', csvText([row(9, 0), row(0, 100), row(3, 255)]) + '\n');
    const r = readPixelCsv(p);
    expect(r.count).toBe(3);
    expect(Array.from(r.labels)).toEqual([9, 0, 3]);
    expect(r.images[784 + 1]).toBe(101);
    expect(readPixelCsv(file('fm-nohead.csv.gz', gzip(Buffer.from(csvText([row(1, 2)], false))))).count).toBe(1);
  });
  test('a row with 783 pixels: the error names the file, the line and the sample', () => {
    const p = file('bad.csv', csvText([row(1, 0), row(2, 0), row(3, 0, 783)]));
    expect(() => readPixelCsv(p)).toThrow(`${p} line 4 (sample 2) has 783 pixel values, expected 784 (a label, then 784 pixels)`);
  });
  test('a label out of range, a pixel out of range, a value that is not a number', () => {
    const p1 = file('label.csv', csvText([row(10, 0)]));
    expect(() => readPixelCsv(p1)).toThrow(`${p1} line 2 (sample 0): label 10 is out of range: expected 0 … 9`);
    const bad = row(1, 0);
    bad[5] = 300;
    const p2 = file('pixel.csv', csvText([bad]));
    expect(() => readPixelCsv(p2)).toThrow(`${p2} line 2 (sample 0), column 6: pixel value 300 is out of range 0–255`);
    const text = row(1, 0) as (number | string)[];
    text[3] = '1.5';
    const p3 = file('text.csv', csvText([text as number[]]));
    expect(() => readPixelCsv(p3)).toThrow(`${p3} line 2 (sample 0), column 4: "1.5" is not a pixel value (an integer 0–255)`);
  });
  test('FMDataset items: float32 [28, 28, 1] scaled to [0, 1] and an int label; a transform gets the uint8 HWC image', () => {
    const p = file('fm2.csv', csvText([row(9, 0), row(4, 51)]));
    const ds = new FMDataset(p);
    expect(ds.length).toBe(2);
    const [image, label] = ds.getItem(1) as [torch.Tensor, number];
    expect(image.shape).toEqual([28, 28, 1]);
    expect(image.dtype).toBe('float32');
    expect((image.tolist() as number[][][])[0]![0]![0]).toBeCloseTo(51 / 255, 7);
    expect(label).toBe(4);
    const viaTransform = new FMDataset(p, (img) => img.permute(2, 0, 1).to('float32').div(255));
    expect((viaTransform.getItem(0)[0] as torch.Tensor).shape).toEqual([1, 28, 28]);
    const [x, y] = [...new DataLoader(viaTransform, { batchSize: 2 })][0] as torch.Tensor[];
    expect(x!.shape).toEqual([2, 1, 28, 28]);
    expect(y!.dtype).toBe('int64');
  });
});

/** A root with a split of n train and m test images, in torchvision's layout or flat with .gz files. */
function makeRoot(layout: 'torchvision' | 'debian', n = 12, m = 5): string {
  const root = mkdtempSync(join(dir, `${layout}-`));
  const target = layout === 'torchvision' ? join(root, 'FashionMNIST', 'raw') : root;
  mkdirSync(target, { recursive: true });
  for (const [prefix, count] of [['train', n], ['t10k', m]] as const) {
    const { images, labels } = mnistSplit(count);
    const write = (name: string, b: Buffer): void => writeFileSync(join(target, layout === 'debian' ? `${name}.gz` : name), layout === 'debian' ? gzip(b) : b);
    write(`${prefix}-images-idx3-ubyte`, images);
    write(`${prefix}-labels-idx1-ubyte`, labels);
  }
  return root;
}

describe('FashionMNIST', () => {
  test('reads torchvision\'s root/FashionMNIST/raw layout and Debian\'s flat .gz layout', () => {
    for (const layout of ['torchvision', 'debian'] as const) {
      const root = makeRoot(layout);
      const train = new FashionMNIST(root);
      const testSplit = new FashionMNIST(root, { train: false });
      expect([train.length, testSplit.length]).toEqual([12, 5]);
      expect(train.data.shape).toEqual([12, 28, 28]);
      expect(train.data.dtype).toBe('uint8');
      expect(train.targets.dtype).toBe('int64');
      const [img, target] = train.getItem(3) as [torch.Tensor, number];
      expect(img.shape).toEqual([28, 28]);
      expect(img.dtype).toBe('uint8');
      expect(target).toBe(3);
      expect(train.classes[9]).toBe('Ankle boot');
      expect(train.classToIdx['T-shirt/top']).toBe(0);
    }
  });
  test('positional arguments as torchvision: (root, train, transform, targetTransform)', () => {
    const ds = new FashionMNIST(makeRoot('debian'), false, (img) => img.to('float32').div(255).unsqueeze(0), (t) => t * 2);
    const [x, y] = ds.getItem(4) as [torch.Tensor, number];
    expect(x.shape).toEqual([1, 28, 28]);
    expect(y).toBe(8);
    const [bx, by] = [...new DataLoader(ds, { batchSize: 5 })][0] as torch.Tensor[];
    expect(bx!.shape).toEqual([5, 1, 28, 28]);
    expect(by!.shape).toEqual([5]);
  });
  test('missing files: the error says what is missing, where it looked and what to do', () => {
    const root = mkdtempSync(join(dir, 'empty-'));
    let message = '';
    try {
      new FashionMNIST(root);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('Dataset not found: FashionMNIST (train split) needs train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz]');
    expect(message).toContain(`looked in ${join(root, 'FashionMNIST', 'raw')} and ${root}`);
    expect(message).toContain('await FashionMNIST.create(root, { download: true })');
    expect(message).toContain('/usr/share/datasets/fashion-mnist');
    expect(() => new FashionMNIST(root, { download: true })).toThrow(/Downloading is asynchronous: use `await FashionMNIST.create\(root, \{ download: true \}\)`/);
  });
  test('a label out of range, a count mismatch and a truncated file name the file', () => {
    const root = makeRoot('torchvision');
    const raw = join(root, 'FashionMNIST', 'raw');
    writeFileSync(join(raw, 'train-labels-idx1-ubyte'), idxBytes('uint8', [12], [0, 1, 2, 3, 4, 5, 6, 12, 8, 9, 0, 1]));
    expect(() => new FashionMNIST(root)).toThrow(`${join(raw, 'train-labels-idx1-ubyte')}: label 12 at index 7 is out of range for FashionMNIST's 10 classes (0 … 9)`);
    writeFileSync(join(raw, 'train-labels-idx1-ubyte'), idxBytes('uint8', [11], new Uint8Array(11)));
    expect(() => new FashionMNIST(root)).toThrow(`${join(raw, 'train-images-idx3-ubyte')} has 12 images but ${join(raw, 'train-labels-idx1-ubyte')} has 11 labels`);
    const { images } = mnistSplit(12);
    writeFileSync(join(raw, 'train-images-idx3-ubyte'), images.subarray(0, 5000));
    expect(() => new FashionMNIST(root)).toThrow(`${join(raw, 'train-images-idx3-ubyte')} is truncated: its header says 12x28x28 unsigned byte values, 9424 bytes with the header, but it has 5000 bytes`);
  });
  test('workers get it too (its tensors, as they are here)', async () => {
    const ds = new FashionMNIST(makeRoot('debian', 20));
    const plain = (bs: torch.Tensor[][]): unknown => bs.map((b) => b.map((t) => [t.dtype, t.shape, t.tolist()]));
    const serial = [...new DataLoader(ds, { batchSize: 8 })] as torch.Tensor[][];
    const parallel: torch.Tensor[][] = [];
    for await (const b of new DataLoader(ds, { batchSize: 8, numWorkers: 2 })) parallel.push(b as torch.Tensor[]);
    expect(plain(parallel)).toEqual(plain(serial));
    expect(serial[0]![0]!.shape).toEqual([8, 28, 28]);
    expect(() => new DataLoader(new FashionMNIST(ds.root, { transform: (x) => x }), { numWorkers: 2 })).toThrow(/datasetFromModule/);
  });
  test.skipIf(!existsSync('/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz'))('Debian\'s dataset-fashion-mnist, when installed', () => {
    const ds = new FashionMNIST('/usr/share/datasets/fashion-mnist', { train: false });
    expect(ds.length).toBe(10000);
    expect(Array.from({ length: 5 }, (_, i) => ds.getItem(i)[1])).toEqual([9, 2, 1, 1, 6]);
    const [x, y] = [...new DataLoader(ds, { batchSize: 256 })].at(-1) as torch.Tensor[];
    expect([x!.shape, y!.shape]).toEqual([[16, 28, 28], [16]]);
  });
});

describe('download', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  /** A local HTTP server: path → body (or a handler), on 127.0.0.1. */
  async function serve(routes: Record<string, Buffer | ((res: import('node:http').ServerResponse) => void)>): Promise<string> {
    const server = createServer((req, res) => {
      const route = routes[req.url!.slice(1)];
      if (!route) {
        res.writeHead(404).end();
        return;
      }
      if (typeof route === 'function') return route(res);
      res.writeHead(200, { 'content-length': route.length }).end(route);
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  }

  /** FashionMNIST whose files are the small fixtures (their MD5s, not the real ones). */
  function tinyClass(files: Record<string, Buffer>): typeof FashionMNIST {
    return class TinyFashion extends FashionMNIST {
      static override readonly resources = Object.entries(files).map(([name, b]) => [name, createHash('md5').update(b).digest('hex')] as const);
    };
  }

  function splitFiles(): Record<string, Buffer> {
    const train = mnistSplit(6);
    const test = mnistSplit(3);
    return {
      'train-images-idx3-ubyte.gz': gzip(train.images), 'train-labels-idx1-ubyte.gz': gzip(train.labels),
      't10k-images-idx3-ubyte.gz': gzip(test.images), 't10k-labels-idx1-ubyte.gz': gzip(test.labels),
    };
  }

  test('offline: the error names every URL tried and why, and where the files were looked for', async () => {
    const root = mkdtempSync(join(dir, 'offline-'));
    const offline = (async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ENETUNREACH' } });
    }) as unknown as typeof fetch;
    await expect(FashionMNIST.create(root, { download: true, fetch: offline, progress: false })).rejects.toThrow(
      'could not download train-images-idx3-ubyte.gz; tried http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/train-images-idx3-ubyte.gz (fetch failed: ENETUNREACH)',
    );
    // The real fetch against a port nobody listens on (one just freed).
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    const base = `http://127.0.0.1:${port}`;
    await expect(FashionMNIST.create(root, { download: true, mirrors: [`${base}/a/`, `${base}/b/`], progress: false })).rejects.toThrow(
      `could not download train-images-idx3-ubyte.gz; tried ${base}/a/train-images-idx3-ubyte.gz (fetch failed: ECONNREFUSED); ${base}/b/train-images-idx3-ubyte.gz (fetch failed: ECONNREFUSED)`,
    );
    expect(readdirSync(join(root, 'FashionMNIST', 'raw'))).toEqual([]); // nothing half-written
  });

  test('online: tries the mirrors in turn, checks the MD5, writes atomically, shows progress', async () => {
    const files = splitFiles();
    const Tiny = tinyClass(files);
    const good = await serve(files);
    const corrupt = await serve(Object.fromEntries(Object.entries(files).map(([k, b]) => [k, Buffer.concat([b, Buffer.from([0])])])));
    const root = mkdtempSync(join(dir, 'online-'));
    const writes: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      const ds = await Tiny.create(root, { download: true, mirrors: [`${good}missing/`, corrupt, good] });
      expect(ds.length).toBe(6);
    } finally {
      spy.mockRestore();
    }
    expect(writes.join('')).toMatch(/train-images-idx3-ubyte\.gz: \[#+\] 100%/);
    expect(readdirSync(join(root, 'TinyFashion', 'raw')).sort()).toEqual(Object.keys(files).sort()); // no .part files left
    expect(new Tiny(root, { train: false }).length).toBe(3);
  });

  test('a checksum mismatch or a cut connection leaves no file', async () => {
    const files = splitFiles();
    const Tiny = tinyClass(files);
    const body = files['train-images-idx3-ubyte.gz']!;
    const cut = await serve({
      'train-images-idx3-ubyte.gz': (res) => {
        res.writeHead(200, { 'content-length': body.length });
        res.write(body.subarray(0, 100));
        setTimeout(() => res.destroy(), 20);
      },
    });
    const wrong = await serve(Object.fromEntries(Object.keys(files).map((k) => [k, Buffer.from('not it')])));
    const root = mkdtempSync(join(dir, 'bad-'));
    const error = await Tiny.create(root, { download: true, mirrors: [cut, wrong], progress: false }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(new RegExp(`tried ${cut}train-images-idx3-ubyte.gz \\(.+\\); ${wrong}train-images-idx3-ubyte.gz \\(checksum mismatch: MD5 [0-9a-f]{32}, expected ${Tiny.resources[0]![1]}\\)`));
    expect(readdirSync(join(root, 'TinyFashion', 'raw'))).toEqual([]);
  });

  test('files already there are not downloaded again; MNIST has its own mirrors and classes', async () => {
    const root = makeRoot('torchvision');
    const never = (async () => {
      throw new Error('should not be called');
    }) as unknown as typeof fetch;
    expect((await FashionMNIST.create(root, { download: true, fetch: never })).length).toBe(12);
    expect(MNIST.mirrors).toContain('https://ossci-datasets.s3.amazonaws.com/mnist/');
    expect(MNIST.classes[0]).toBe('0 - zero');
  });
});
