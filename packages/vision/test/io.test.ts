import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import { registerWasmBackend } from '@x/backend-wasm';
import { decodeTensor, type FixtureTensor } from '@x/tensor/testing';
import { io } from '../src/index';
import { fixturePath, visionIoFixtures } from './helpers/vision-io-fixtures';

registerWasmBackend();

const fx = visionIoFixtures();
const MODES = ['UNCHANGED', 'GRAY', 'GRAY_ALPHA', 'RGB', 'RGB_ALPHA'] as const;
const tmp = mkdtempSync(join(tmpdir(), 'vision-io-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function values(t: torch.Tensor): number[] {
  return Array.from(t.contiguous().numpy() as Uint8Array);
}

function maxDiff(a: torch.Tensor, b: torch.Tensor): number {
  const x = values(a);
  const y = values(b);
  return x.reduce((m, v, i) => Math.max(m, Math.abs(v - y[i]!)), 0);
}

describe('readImage against torchvision.io.read_image', () => {
  for (const file of ['gray.png', 'gray_alpha.png', 'rgb.png', 'rgba.png', 'palette.png']) {
    for (const mode of MODES) {
      // torchvision 0.14 garbles a palette PNG in these modes (UNCHANGED: its packed 4-bit indices as
      // pixels; with alpha: the RGB samples spread over four channels); here it is its colours.
      if (file === 'palette.png' && (mode === 'UNCHANGED' || mode === 'GRAY_ALPHA' || mode === 'RGB_ALPHA')) continue;
      it(`${file} ${mode}: equal`, async () => {
        const expected = decodeTensor(fx.io[file]!.modes[mode] as FixtureTensor);
        const got = await io.readImage(fixturePath('images', file), io.ImageReadMode[mode]);
        expect(got.dtype).toBe('uint8');
        expect(got.shape).toEqual(expected.shape);
        expect(values(got)).toEqual(values(expected));
      });
    }
  }

  it('a palette PNG gives its colours, and opaque alpha when asked for alpha', async () => {
    const rgb = decodeTensor(fx.io['palette.png']!.modes.RGB as FixtureTensor);
    const gray = decodeTensor(fx.io['palette.png']!.modes.GRAY as FixtureTensor);
    expect(values(await io.readImage(fixturePath('images', 'palette.png')))).toEqual(values(rgb));
    const rgba = await io.readImage(fixturePath('images', 'palette.png'), io.ImageReadMode.RGB_ALPHA);
    expect(values(rgba.narrow(0, 0, 3))).toEqual(values(rgb));
    expect(new Set(values(rgba.select(0, 3)))).toEqual(new Set([255]));
    const ga = await io.readImage(fixturePath('images', 'palette.png'), io.ImageReadMode.GRAY_ALPHA);
    expect(values(ga.narrow(0, 0, 1))).toEqual(values(gray));
  });

  it('a 16-bit PNG is refused, as torchvision refuses it, naming the file', async () => {
    expect((fx.io['gray16.png']!.modes.UNCHANGED as { error: string }).error).toMatch(/At most 8-bit PNG/);
    await expect(io.readImage(fixturePath('images', 'gray16.png'))).rejects.toThrow(/gray16\.png.*16-bit PNG: at most 8-bit PNG images are supported/);
  });

  // Two libjpeg builds (Debian's libjpeg-turbo under torchvision, the mozjpeg in sharp's libvips)
  // could round the inverse DCT and the chroma upsampling differently; measured on these files
  // (4:2:0, odd sizes) they agree exactly, RGB and gray alike (libjpeg's gray is the Y plane; here Y
  // is recomputed from RGB with libjpeg's weights), so the tolerance is 0.
  const JPEG_TOLERANCE: Record<string, number> = { UNCHANGED: 0, RGB: 0, GRAY: 0 };
  for (const file of ['rgb.jpg', 'gray.jpg']) {
    for (const mode of ['UNCHANGED', 'GRAY', 'RGB'] as const) {
      it(`${file} ${mode}: within ${JPEG_TOLERANCE[mode]}`, async () => {
        const expected = decodeTensor(fx.io[file]!.modes[mode] as FixtureTensor);
        const got = await io.readImage(fixturePath('images', file), io.ImageReadMode[mode]);
        expect(got.shape).toEqual(expected.shape);
        expect(maxDiff(got, expected)).toBeLessThanOrEqual(JPEG_TOLERANCE[mode]!);
      });
    }
    for (const mode of ['GRAY_ALPHA', 'RGB_ALPHA'] as const) {
      it(`${file} ${mode}: refused, as torchvision refuses it`, async () => {
        expect((fx.io[file]!.modes[mode] as { error: string }).error).toMatch(/not supported for JPEG/);
        await expect(io.readImage(fixturePath('images', file), io.ImageReadMode[mode])).rejects.toThrow(/not supported for JPEG files/);
      });
    }
  }
});

describe('decoding bytes', () => {
  it('decodeImage takes a Uint8Array or the uint8 tensor readFile gives', async () => {
    const bytes = await io.readFile(fixturePath('images', 'rgb.png'));
    expect(bytes.dtype).toBe('uint8');
    expect(bytes.shape).toEqual([readFileSync(fixturePath('images', 'rgb.png')).length]);
    const a = await io.decodeImage(bytes, io.ImageReadMode.RGB);
    const b = await io.decodeImage(new Uint8Array(readFileSync(fixturePath('images', 'rgb.png'))));
    expect(values(a)).toEqual(values(b));
  });

  it('writeFile writes what readFile reads, from a tensor or a Uint8Array', async () => {
    const bytes = await io.readFile(fixturePath('images', 'rgb.jpg'));
    await io.writeFile(join(tmp, 'copy.jpg'), bytes);
    expect(Array.from(readFileSync(join(tmp, 'copy.jpg')))).toEqual(Array.from(bytes.numpy() as Uint8Array));
    await io.writeFile(join(tmp, 'three.bin'), new Uint8Array([1, 2, 3]));
    expect(Array.from((await io.readFile(join(tmp, 'three.bin'))).numpy() as Uint8Array)).toEqual([1, 2, 3]);
    await expect(io.writeFile(join(tmp, 'x.bin'), torch.zeros([2, 2], { dtype: 'uint8' }))).rejects.toThrow(/writeFile expects the encoded bytes as a Uint8Array or a 1-D uint8 tensor, but got a uint8 tensor of shape \[2, 2\]/);
  });

  it('decodePng refuses JPEG bytes and decodeJpeg PNG bytes', async () => {
    const png = new Uint8Array(readFileSync(fixturePath('images', 'rgb.png')));
    const jpg = new Uint8Array(readFileSync(fixturePath('images', 'rgb.jpg')));
    await expect(io.decodePng(jpg)).rejects.toThrow(/is not a PNG file.*starts with ff d8 ff/);
    await expect(io.decodeJpeg(png)).rejects.toThrow(/is not a JPEG file.*starts with 89 50 4e 47/);
    expect((await io.decodeJpeg(jpg)).shape).toEqual([3, 14, 19]);
  });

  it('bad input names what was expected', async () => {
    await expect(io.decodeImage(torch.zeros([4]) as never)).rejects.toThrow(/Uint8Array or a 1-D uint8 tensor, but got a float32 tensor/);
    await expect(io.decodeImage(new Uint8Array([1, 2, 3]))).rejects.toThrow(/not a JPEG or PNG file: it starts with 01 02 03/);
    await expect(io.readImage(fixturePath('images', 'rgb.png'), 7 as never)).rejects.toThrow(/expected an ImageReadMode/);
  });
});

describe('broken files name the file and what is wrong', () => {
  it('a truncated PNG', async () => {
    await expect(io.readImage(fixturePath('images', 'truncated.png'))).rejects.toThrow(/cannot decode .*truncated\.png: .*libpng read error/);
  });
  it('a truncated JPEG', async () => {
    await expect(io.readImage(fixturePath('images', 'truncated.jpg'))).rejects.toThrow(/cannot decode .*truncated\.jpg: .*premature end of JPEG/);
  });
  it('text named .png', async () => {
    await expect(io.readImage(fixturePath('images', 'not_an_image.png'))).rejects.toThrow(/not_an_image\.png is not a JPEG or PNG file: it starts with 74 68 69 73/);
  });
  it('a missing file', async () => {
    await expect(io.readImage(join(tmp, 'missing.png'))).rejects.toThrow(/readImage: file not found: .*missing\.png/);
  });
});

describe('encoding', () => {
  it('PNG round trips exactly, gray and RGB, at every compression level', async () => {
    for (const file of ['gray.png', 'rgb.png']) {
      const img = decodeTensor(fx.io[file]!.modes.UNCHANGED as FixtureTensor);
      for (const level of [0, 6, 9]) {
        const bytes = await io.encodePng(img, level);
        expect(values(await io.decodePng(bytes))).toEqual(values(img));
      }
    }
  });

  it('writePng / writeJpeg write files torchvision-style readers read back', async () => {
    const img = decodeTensor(fx.io['rgb.png']!.modes.UNCHANGED as FixtureTensor);
    await io.writePng(img, join(tmp, 'out.png'));
    expect(values(await io.readImage(join(tmp, 'out.png')))).toEqual(values(img));
    await io.writeJpeg(img, join(tmp, 'out.jpg'), 95);
    const back = await io.readImage(join(tmp, 'out.jpg'));
    expect(back.shape).toEqual([3, 14, 19]);
    // JPEG is lossy: at quality 95 this noisy image comes back within a few levels on average.
    const a = values(back);
    expect(values(img).reduce((s, v, i) => s + Math.abs(v - a[i]!), 0) / a.length).toBeLessThan(8);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('higher JPEG quality loses less', async () => {
    const img = decodeTensor(fx.io['rgb.png']!.modes.UNCHANGED as FixtureTensor);
    const err = async (q: number) => {
      const back = await io.decodeJpeg(await io.encodeJpeg(img, q));
      const a = values(back);
      return values(img).reduce((s, v, i) => s + Math.abs(v - a[i]!), 0);
    };
    expect(await err(95)).toBeLessThan(await err(30));
  });

  it('refuses what torchvision refuses, saying what came', async () => {
    const rgba = decodeTensor(fx.io['rgba.png']!.modes.UNCHANGED as FixtureTensor);
    await expect(io.encodePng(rgba)).rejects.toThrow(/number of channels should be 1 or 3, but got 4/);
    await expect(io.encodeJpeg(torch.zeros([3, 4, 4]))).rejects.toThrow(/dtype should be uint8, but got float32/);
    await expect(io.encodePng(torch.zeros([4, 4], { dtype: 'uint8' }))).rejects.toThrow(/3-dimensional/);
    await expect(io.encodeJpeg(torch.zeros([3, 4, 4], { dtype: 'uint8' }), 0)).rejects.toThrow(/quality should be an integer from 1 to 100, but got 0/);
    await expect(io.encodePng(torch.zeros([3, 4, 4], { dtype: 'uint8' }), 10)).rejects.toThrow(/compression level should be an integer from 0 to 9/);
  });

  it('a failed write leaves no file behind', async () => {
    const img = torch.zeros([3, 4, 4], { dtype: 'uint8' });
    const target = join(tmp, 'no-such-dir', 'x.png');
    await expect(io.writePng(img, target)).rejects.toThrow(/writePng: cannot write .*x\.png/);
    expect(existsSync(join(tmp, 'no-such-dir'))).toBe(false);
  });
});

describe('loadImage: PIL .convert("RGB"), the default loader', () => {
  for (const file of ['gray.png', 'gray_alpha.png', 'rgb.png', 'rgba.png', 'palette.png', 'rgb.jpg', 'gray.jpg']) {
    it(file, async () => {
      const img = await io.loadImage(fixturePath('images', file));
      const expected = decodeTensor(fx.io[file]!.pilRgb);
      expect([img.height, img.width, img.channels]).toEqual(expected.shape);
      const got = Array.from(img.data);
      const want = values(expected);
      const diff = got.reduce((m, v, i) => Math.max(m, Math.abs(v - want[i]!)), 0);
      expect(diff).toBe(0);
    });
  }
});
