import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import { registerWasmBackend } from '@x/backend-wasm';
import { transforms } from '../src/index';
import { rawImageToTensor, tensorToRawImage } from '../src/image';
import { FIX, decodeArg, image, imageMismatch } from './helpers/color-fixtures';

registerWasmBackend();
const F = transforms.functional as unknown as Record<string, (...args: unknown[]) => torch.Tensor>;

function call(fn: string, img: unknown, args: unknown[], kwargs: Record<string, unknown>): torch.Tensor {
  const f = F[fn];
  if (f === undefined) throw new Error(`transforms.functional has no ${fn}`);
  const positional = args.map(decodeArg);
  return Object.keys(kwargs).length > 0 ? f(img, ...positional, kwargs) : f(img, ...positional);
}

describe('transforms.functional colour ops equal torchvision 0.14 (tensor path)', () => {
  for (const c of FIX.functional) {
    it(`${c.fn}(${c.image}, ${JSON.stringify(c.args).slice(0, 60)}${Object.keys(c.kwargs).length ? `, ${JSON.stringify(c.kwargs)}` : ''})`, () => {
      const out = call(c.fn, image(c.image), c.args, c.kwargs);
      expect(imageMismatch(out, c.output)).toBeNull();
    });
  }
});

describe('RawImage inputs follow the tensor path', () => {
  it('each op on a RawImage equals the op on its uint8 tensor, returned as a RawImage', () => {
    const t = image('rgb_u8');
    const raw = tensorToRawImage(t);
    const rawF = transforms.functional;
    const cases: [string, (x: never) => unknown][] = [
      ['adjustBrightness', (x) => rawF.adjustBrightness(x, 1.3)],
      ['adjustContrast', (x) => rawF.adjustContrast(x, 0.6)],
      ['adjustSaturation', (x) => rawF.adjustSaturation(x, 1.7)],
      ['adjustHue', (x) => rawF.adjustHue(x, 0.2)],
      ['adjustGamma', (x) => rawF.adjustGamma(x, 0.8)],
      ['adjustSharpness', (x) => rawF.adjustSharpness(x, 2)],
      ['rgbToGrayscale', (x) => rawF.rgbToGrayscale(x, 3)],
      ['posterize', (x) => rawF.posterize(x, 3)],
      ['solarize', (x) => rawF.solarize(x, 100)],
      ['autocontrast', (x) => rawF.autocontrast(x)],
      ['equalize', (x) => rawF.equalize(x)],
      ['invert', (x) => rawF.invert(x)],
      ['gaussianBlur', (x) => rawF.gaussianBlur(x, 3, 0.9)],
    ];
    for (const [name, op] of cases) {
      const fromRaw = op(raw as never) as ReturnType<typeof tensorToRawImage>;
      const fromTensor = op(t as never) as torch.Tensor;
      expect(fromRaw.width, name).toBe(7);
      expect(fromRaw.height, name).toBe(6);
      expect(torch.equal(rawImageToTensor(fromRaw), fromTensor), name).toBe(true);
    }
  });

  it('refuses what is neither a tensor nor a RawImage', () => {
    expect(() => transforms.functional.invert([1, 2, 3] as never)).toThrow('img should be a Tensor or a RawImage');
  });
});

describe('bad input: torchvision’s errors', () => {
  for (const c of FIX.errors.filter((e) => e.fn !== undefined)) {
    it(`${c.fn}(${JSON.stringify(c.args)}) → ${c.error}`, () => {
      const img = typeof c.image === 'string' ? image(c.image) : decodeArg(c.image);
      expect(() => call(c.fn!, img, c.args, c.kwargs)).toThrow(c.error);
    });
  }
});

describe('erase', () => {
  it('writes the input itself only with inplace', () => {
    const img = image('rgb_f32');
    const before = img.clone();
    transforms.functional.erase(img, 0, 0, 2, 2, torch.tensor(0));
    expect(torch.equal(img, before)).toBe(true);
    const out = transforms.functional.erase(img, 0, 0, 2, 2, torch.tensor(0), { inplace: true });
    expect(out).toBe(img);
    expect(img.index('...', ':2', ':2').sum().item()).toBe(0);
  });
});
