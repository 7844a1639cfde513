import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import { decodeTensor } from '@x/tensor/testing';
import { datasets, isRawImage, type RawImage } from '../src/index';
import { fixturePath, visionIoFixtures } from './helpers/vision-io-fixtures';

registerWasmBackend();

const fx = visionIoFixtures().imageFolder;
const root = fixturePath('imagefolder');
const rel = (samples: [string, number][]) => samples.map(([p, t]) => [relative(root, p), t]);
const tmp = mkdtempSync(join(tmpdir(), 'vision-folder-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('ImageFolder against torchvision', () => {
  const ds = new datasets.ImageFolder(root);

  it('finds the classes and samples in torchvision order', () => {
    expect(datasets.IMG_EXTENSIONS).toEqual(fx.IMG_EXTENSIONS);
    expect(ds.classes).toEqual(fx.classes);
    expect(ds.classToIdx).toEqual(fx.classToIdx);
    expect(rel(ds.samples)).toEqual(fx.samples);
    expect(ds.imgs).toBe(ds.samples);
    expect(ds.targets).toEqual(fx.samples.map((s) => s[1]));
    expect(ds.length).toBe(fx.samples.length);
  });

  it('loads an RGB RawImage, as the PIL loader does', async () => {
    const [img, target] = await ds.getItem(0);
    expect(isRawImage(img)).toBe(true);
    const expected = decodeTensor(fx.first);
    const raw = img as RawImage;
    expect([raw.height, raw.width, raw.channels]).toEqual(expected.shape);
    expect(Array.from(raw.data)).toEqual(Array.from(expected.numpy() as Uint8Array));
    expect(target).toBe(0);
  });

  it('prints as torchvision does', () => {
    expect(String(ds)).toBe(fx.repr.replace('<root>', root));
    const toTensor = { forward: (x: unknown) => x, toString: () => 'ToTensor()' };
    expect(String(new datasets.ImageFolder(root, { transform: toTensor }))).toBe(fx.reprWithTransform.replace('<root>', root));
    const named = new datasets.ImageFolder(root, { targetTransform: function oneHot(t: number) { return t; } });
    expect(String(named)).toMatch(/\n    StandardTransform\nTarget transform: <function oneHot at 0x[0-9a-f]+>$/);
  });

  it('applies transform and targetTransform', async () => {
    const ds2 = new datasets.ImageFolder(root, {
      transform: (img: RawImage) => img.width * 100 + img.height,
      targetTransform: { forward: (t: number) => `class ${t}` },
    });
    expect(await ds2.getItem(-1)).toEqual([203, 'class 4']);
  });

  it('DatasetFolder with extensions, and its error for classes with no such file', () => {
    const some = new datasets.DatasetFolder(root, { loader: (p) => p, extensions: ['.png', '.bmp', '.webp', '.ppm', '.jpeg'] });
    expect(rel(some.samples)).toEqual(fx.someSamples);
    expect(() => new datasets.DatasetFolder(root, { loader: (p) => p, extensions: ['.png', '.gif'] })).toThrow(fx.pngGifError.replace('<root>', root));
  });

  it('a root with no class folder, a class with no image', () => {
    expect(() => new datasets.ImageFolder(join(root, 'cat', 'sub', 'z'))).toThrow(fx.noClassError.replace('<root>', root));
    const bad = fixturePath('imagefolder-empty-class');
    expect(() => new datasets.ImageFolder(bad)).toThrow(fx.emptyClassError);
    expect(fx.emptyClassErrorValidFile).toBe('Found no valid file for the classes empty. ');
    expect(() => new datasets.ImageFolder(bad, { isValidFile: (p) => p.endsWith('.png') })).toThrow(/^Found no valid file for the classes empty\. $/);
  });

  it('a missing root says so; a bad option says what came', () => {
    expect(() => new datasets.ImageFolder(join(tmp, 'nope'))).toThrow(/no such directory: .*nope/);
    expect(() => new datasets.ImageFolder(root, { transform: 5 })).toThrow(/ImageFolder: transform should be a function or a transform with forward\(\), but got number 5/);
    expect(() => new datasets.DatasetFolder(root, {} as never)).toThrow(/options\.loader should be a function/);
    expect(() => datasets.makeDataset(root, null, ['.png'], () => true)).toThrow(/Both extensions and isValidFile cannot be null or not null at the same time/);
  });

  it('a file sharp cannot read names the file', async () => {
    const i = ds.samples.findIndex(([p]) => p.endsWith('one.bmp'));
    await expect(ds.getItem(i)).rejects.toThrow(/cannot decode .*_bird\/one\.bmp: .*unsupported image format/);
    await expect(ds.getItem(ds.length)).rejects.toThrow(/ImageFolder index out of range: 12 \(length 12\)/);
  });

  it('follows symbolic links to folders and sorts by code point', () => {
    const r = join(tmp, 'links');
    mkdirSync(join(r, 'b', 'real'), { recursive: true });
    mkdirSync(join(r, 'a'), { recursive: true });
    writeFileSync(join(r, 'b', 'real', 'x.png'), '');
    writeFileSync(join(r, 'a', '\u{1F600}.png'), '');
    writeFileSync(join(r, 'a', '\uFF21.png'), '');
    symlinkSync(join(r, 'b', 'real'), join(r, 'a', 'linked'));
    const found = new datasets.DatasetFolder(r, { loader: (p) => p, extensions: '.png' });
    // U+FF21 sorts before U+1F600 in Python (code points), after it in UTF-16 order.
    expect(found.samples.map(([p, t]) => [relative(r, p), t])).toEqual([
      ['a/\uFF21.png', 0], ['a/\u{1F600}.png', 0], ['a/linked/x.png', 0], ['b/real/x.png', 1],
    ]);
  });
});

describe('hasFileAllowedExtension', () => {
  it('is case-insensitive on the name, takes a string or a list', () => {
    expect(datasets.hasFileAllowedExtension('a/B.PNG', '.png')).toBe(true);
    expect(datasets.hasFileAllowedExtension('a/b.png', ['.jpg', '.png'])).toBe(true);
    expect(datasets.hasFileAllowedExtension('a/b.gif', datasets.IMG_EXTENSIONS)).toBe(false);
  });
});
