/**
 * The browser build's io: run here against a stand-in for the platform (createImageBitmap and
 * OffscreenCanvas backed by sharp, giving RGBA as browsers do), checked against torchvision like
 * the Node build; and the browser entry's import graph, which reaches neither sharp nor node: modules.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import { registerWasmBackend } from '@x/backend-wasm';
import { decodeTensor, type FixtureTensor } from '@x/tensor/testing';
import * as io from '../src/io/browser';
import { fixturePath, visionIoFixtures } from './helpers/vision-io-fixtures';

registerWasmBackend();
const fx = visionIoFixtures();

interface FakeBitmap {
  width: number;
  height: number;
  rgba: Uint8Array;
  close(): void;
}

class FakeCanvas {
  pixels: Uint8ClampedArray;
  constructor(readonly width: number, readonly height: number) {
    this.pixels = new Uint8ClampedArray(width * height * 4);
  }
  getContext() {
    return {
      drawImage: (b: FakeBitmap) => this.pixels.set(b.rgba),
      getImageData: () => ({ data: this.pixels }),
      putImageData: (img: { data: Uint8ClampedArray }) => this.pixels.set(img.data),
    };
  }
  async convertToBlob({ type, quality }: { type: string; quality?: number }): Promise<Blob> {
    const img = sharp(Buffer.from(this.pixels), { raw: { width: this.width, height: this.height, channels: 4 } });
    const out = type === 'image/png' ? await img.png().toBuffer() : await img.removeAlpha().jpeg({ quality: Math.round((quality ?? 0.92) * 100) }).toBuffer();
    return new Blob([out]);
  }
}

const saved: Record<string, unknown> = {};
beforeAll(() => {
  for (const k of ['createImageBitmap', 'OffscreenCanvas', 'ImageData']) saved[k] = (globalThis as Record<string, unknown>)[k];
  Object.assign(globalThis, {
    async createImageBitmap(blob: Blob): Promise<FakeBitmap> {
      const bytes = Buffer.from(await blob.arrayBuffer());
      const { data, info } = await sharp(bytes).toColourspace('srgb').ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      return { width: info.width, height: info.height, rgba: new Uint8Array(data), close() {} };
    },
    OffscreenCanvas: FakeCanvas,
    ImageData: class {
      constructor(readonly data: Uint8ClampedArray, readonly width: number, readonly height: number) {}
    },
  });
});
afterAll(() => Object.assign(globalThis, saved));

const values = (t: torch.Tensor) => Array.from(t.contiguous().numpy() as Uint8Array);
const bytesOf = (file: string) => new Uint8Array(readFileSync(fixturePath('images', file)));

describe('browser io on RGBA from the platform decoder, against torchvision', () => {
  const cases: [string, string][] = [];
  for (const file of ['gray.png', 'gray_alpha.png', 'rgb.png', 'rgba.png', 'rgb.jpg', 'gray.jpg']) {
    for (const mode of ['UNCHANGED', 'GRAY', 'GRAY_ALPHA', 'RGB', 'RGB_ALPHA']) {
      if (!('error' in fx.io[file]!.modes[mode]!)) cases.push([file, mode]);
    }
  }
  for (const [file, mode] of cases) {
    it(`${file} ${mode}`, async () => {
      const expected = decodeTensor(fx.io[file]!.modes[mode] as FixtureTensor);
      const got = await io.decodeImage(bytesOf(file), io.ImageReadMode[mode as keyof typeof io.ImageReadMode]);
      expect(got.shape).toEqual(expected.shape);
      expect(values(got)).toEqual(values(expected));
    });
  }

  it('a palette PNG: its colours; a 16-bit PNG refused', async () => {
    expect(values(await io.decodePng(bytesOf('palette.png')))).toEqual(values(decodeTensor(fx.io['palette.png']!.modes.RGB as FixtureTensor)));
    await expect(io.decodePng(bytesOf('gray16.png'))).rejects.toThrow(/16-bit PNG: at most 8-bit PNG images are supported/);
  });

  it('encodePng round trips RGB (canvases write RGBA files); a gray image comes back as its gray channel', async () => {
    const rgb = decodeTensor(fx.io['rgb.png']!.modes.UNCHANGED as FixtureTensor);
    expect(values(await io.decodePng(await io.encodePng(rgb), io.ImageReadMode.RGB))).toEqual(values(rgb));
    const gray = decodeTensor(fx.io['gray.png']!.modes.UNCHANGED as FixtureTensor);
    expect(values(await io.decodePng(await io.encodePng(gray), io.ImageReadMode.GRAY))).toEqual(values(gray));
    expect((await io.decodeJpeg(await io.encodeJpeg(rgb, 90))).shape).toEqual([3, 14, 19]);
  });

  it('without the platform, the error says what is needed', async () => {
    const bitmap = globalThis.createImageBitmap;
    (globalThis as Record<string, unknown>).createImageBitmap = undefined;
    try {
      await expect(io.decodePng(bytesOf('rgb.png'))).rejects.toThrow(/needs createImageBitmap and OffscreenCanvas/);
    } finally {
      globalThis.createImageBitmap = bitmap;
    }
  });
});

/** Every module src/browser.ts reaches through relative imports, and the bare specifiers they import. */
function importGraph(entry: string): { files: string[]; bare: string[] } {
  const files: string[] = [];
  const bare = new Set<string>();
  const visit = (file: string): void => {
    if (files.includes(file)) return;
    files.push(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm)) {
      const spec = (m[1] ?? m[2])!;
      if (!spec.startsWith('.')) {
        bare.add(spec);
        continue;
      }
      const base = join(dirname(file), spec);
      const found = [`${base}.ts`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')].find((p) => existsSync(p));
      if (!found) throw new Error(`${file} imports ${spec}, which was not found`);
      visit(found);
    }
  };
  visit(entry);
  return { files, bare: [...bare].sort() };
}

describe('the browser entry', () => {
  it('imports neither sharp nor node: modules, directly or through its files', () => {
    const { files, bare } = importGraph(fileURLToPath(new URL('../src/browser.ts', import.meta.url)));
    expect(files.some((f) => f.endsWith('io/browser.ts'))).toBe(true);
    expect(files.some((f) => f.endsWith('sharp-codec.ts') || f.endsWith('node-files.ts') || f.includes('/datasets/'))).toBe(false);
    expect(bare.filter((s) => s === 'sharp' || s.startsWith('node:') || s === '@x/data')).toEqual([]);
  });
});
