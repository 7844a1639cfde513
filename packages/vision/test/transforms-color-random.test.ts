import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { registerWasmBackend } from '@x/backend-wasm';
import { transforms } from '../src/index';
import { rawImageToTensor, tensorToRawImage } from '../src/image';
import { FIX, decodeArg, image } from './helpers/color-fixtures';

registerWasmBackend();
const T = transforms as unknown as Record<string, new (...args: unknown[]) => { toString(): string }>;
const F = transforms.functional;

function construct(ctor: string, args: unknown[], kwargs: Record<string, unknown>): { toString(): string } {
  const cls = T[ctor];
  if (cls === undefined) throw new Error(`transforms has no ${ctor}`);
  const positional = args.map(decodeArg);
  return Object.keys(kwargs).length > 0 ? new cls(...positional, kwargs) : new cls(...positional);
}

const POLICIES = new Set(['AutoAugment', 'RandAugment', 'TrivialAugmentWide']);

describe('reprs equal torchvision’s', () => {
  for (const c of FIX.reprs.filter((r) => !POLICIES.has(r.ctor))) {
    it(c.repr, () => expect(String(construct(c.ctor, c.args, c.kwargs))).toBe(c.repr));
  }
});

describe('constructor errors equal torchvision’s', () => {
  for (const c of FIX.errors.filter((e) => e.ctor !== undefined)) {
    it(`${c.ctor}(${JSON.stringify(c.args)}, ${JSON.stringify(c.kwargs)}) → ${c.error}`, () => {
      expect(() => construct(c.ctor!, c.args, c.kwargs)).toThrow(c.error);
    });
  }
});

/** Runs draw n times; the mean and range of what value() reads from each. */
function stats(n: number, value: () => number): { mean: number; min: number; max: number } {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < n; k++) {
    const v = value();
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { mean: sum / n, min, max };
}

describe('ColorJitter', () => {
  it('getParams draws a permutation of the four ops and each factor uniformly in its range', () => {
    torch.manualSeed(1);
    const seen = new Map<string, number>();
    const n = 2400;
    const b: number[] = [];
    const h: number[] = [];
    for (let k = 0; k < n; k++) {
      const [order, bf, cf, sf, hf] = transforms.ColorJitter.getParams([0.5, 1.5], null, [0, 2], [-0.1, 0.3]);
      const key = (order.tolist() as number[]).join('');
      expect([...key].sort().join('')).toBe('0123');
      seen.set(key, (seen.get(key) ?? 0) + 1);
      expect(cf).toBeNull();
      expect(sf).toBeGreaterThanOrEqual(0);
      expect(sf).toBeLessThan(2);
      b.push(bf!);
      h.push(hf!);
    }
    // all 24 orders, each about n / 24 = 100 times (binomial sd ≈ 9.8)
    expect(seen.size).toBe(24);
    for (const count of seen.values()) expect(Math.abs(count - 100)).toBeLessThan(50);
    const mean = (xs: number[]): number => xs.reduce((a, x) => a + x, 0) / xs.length;
    // uniform on [lo, hi): mean (lo + hi) / 2, sd of the mean (hi − lo) / sqrt(12 n) ≈ 0.006 and 0.0024
    expect(Math.abs(mean(b) - 1)).toBeLessThan(0.03);
    expect(Math.abs(mean(h) - 0.1)).toBeLessThan(0.012);
    expect(Math.min(...b)).toBeGreaterThanOrEqual(0.5);
    expect(Math.max(...b)).toBeLessThan(1.5);
  });

  it('forward applies getParams’ factors in its order, each through the functional op', () => {
    const img = image('rgb_u8');
    const jitter = new transforms.ColorJitter(0.4, 0.4, 0.4, 0.1);
    torch.manualSeed(7);
    const out = jitter.forward(img);
    torch.manualSeed(7);
    const [order, b, c, s, h] = transforms.ColorJitter.getParams(jitter.brightness, jitter.contrast, jitter.saturation, jitter.hue);
    let expected = img;
    for (const id of order.tolist() as number[]) {
      expected = [() => F.adjustBrightness(expected, b!), () => F.adjustContrast(expected, c!), () => F.adjustSaturation(expected, s!), () => F.adjustHue(expected, h!)][id]!();
    }
    expect(torch.equal(out, expected)).toBe(true);
  });

  it('is the identity with no jitter, and takes RawImages', () => {
    const img = image('rgb_u8');
    expect(new transforms.ColorJitter().forward(img)).toBe(img);
    const raw = tensorToRawImage(img);
    torch.manualSeed(3);
    const fromRaw = new transforms.ColorJitter(0.5, 0.5, 0.5, 0.2).forward(raw);
    torch.manualSeed(3);
    const fromTensor = new transforms.ColorJitter(0.5, 0.5, 0.5, 0.2).forward(img);
    expect(torch.equal(rawImageToTensor(fromRaw), fromTensor)).toBe(true);
  });
});

describe('GaussianBlur', () => {
  it('draws sigma uniformly in [min, max] and blurs with it', () => {
    torch.manualSeed(2);
    const s = stats(3000, () => transforms.GaussianBlur.getParams(0.1, 2));
    expect(s.min).toBeGreaterThanOrEqual(0.1);
    expect(s.max).toBeLessThan(2);
    // sd of the mean: 1.9 / sqrt(12 · 3000) = 0.01
    expect(Math.abs(s.mean - 1.05)).toBeLessThan(0.04);
    const img = image('batch_f32');
    const blur = new transforms.GaussianBlur([5, 3], [0.5, 1.5]);
    torch.manualSeed(4);
    const out = blur.forward(img);
    torch.manualSeed(4);
    const sigma = transforms.GaussianBlur.getParams(0.5, 1.5);
    expect(torch.equal(out, F.gaussianBlur(img, [5, 3], [sigma, sigma]))).toBe(true);
  });
});

describe('RandomErasing', () => {
  it('getParams draws rectangles inside the image with area and aspect ratio in range', () => {
    torch.manualSeed(5);
    const img = torch.zeros(3, 40, 50);
    const logRatios: number[] = [];
    for (let k = 0; k < 500; k++) {
      const [i, j, h, w, v] = transforms.RandomErasing.getParams(img, [0.02, 0.33], [0.3, 3.3], null);
      expect(h).toBeLessThan(40);
      expect(w).toBeLessThan(50);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(j).toBeGreaterThanOrEqual(0);
      expect(i + h).toBeLessThanOrEqual(40);
      expect(j + w).toBeLessThanOrEqual(50);
      expect(v.shape).toEqual([3, h, w]);
      // h and w are rounded: the area fraction and ratio hold up to that rounding
      expect((h * w) / 2000).toBeLessThan(0.33 * 1.25 + 0.02);
      if (h > 4 && w > 4) logRatios.push(Math.log(h / w));
    }
    expect(Math.min(...logRatios)).toBeGreaterThan(Math.log(0.3) - 0.25);
    expect(Math.max(...logRatios)).toBeLessThan(Math.log(3.3) + 0.25);
    const [, , , , fixed] = transforms.RandomErasing.getParams(img, [0.1, 0.2], [1, 1], [1, 2, 3]);
    expect(fixed.tolist()).toEqual([[[1]], [[2]], [[3]]]);
  });

  it('gives back the whole image after ten misses', () => {
    const img = torch.zeros(1, 4, 4);
    const [i, j, h, w, v] = transforms.RandomErasing.getParams(img, [1, 1], [1, 1]);
    expect([i, j, h, w]).toEqual([0, 0, 4, 4]);
    expect(v).toBe(img);
  });

  it('forward erases what getParams chose, in place only when asked', () => {
    const img = image('batch_f32');
    const t = new transforms.RandomErasing({ p: 1, value: [0.25, 0.5, 0.75] });
    torch.manualSeed(9);
    const out = t.forward(img);
    torch.manualSeed(9);
    torch.rand(1);
    const [i, j, h, w, v] = transforms.RandomErasing.getParams(img, t.scale, t.ratio, [0.25, 0.5, 0.75]);
    expect(torch.equal(out, F.erase(img, i, j, h, w, v))).toBe(true);
    expect(torch.equal(out, img)).toBe(false);
    expect(() => new transforms.RandomErasing({ p: 1, value: [1, 2] }).forward(img))
      .toThrow('If value is a sequence, it should have either a single value or 3 (number of input channels)');
    const raw = tensorToRawImage(image('rgb_u8'));
    torch.manualSeed(10);
    const fromRaw = t.forward(raw);
    torch.manualSeed(10);
    expect(torch.equal(rawImageToTensor(fromRaw), t.forward(image('rgb_u8')))).toBe(true);
    const inplace = new transforms.RandomErasing({ p: 1, inplace: true });
    const target = img.clone();
    expect(inplace.forward(target)).toBe(target);
  });
});

describe('transforms applied with probability p', () => {
  const img = image('rgb_u8');
  const cases: [string, (p: number) => { forward(x: Tensor): Tensor }, (x: Tensor) => Tensor][] = [
    ['RandomGrayscale', (p) => new transforms.RandomGrayscale(p), (x) => F.rgbToGrayscale(x, 3)],
    ['RandomInvert', (p) => new transforms.RandomInvert(p), (x) => F.invert(x)],
    ['RandomPosterize', (p) => new transforms.RandomPosterize(3, p), (x) => F.posterize(x, 3)],
    ['RandomSolarize', (p) => new transforms.RandomSolarize(100, p), (x) => F.solarize(x, 100)],
    ['RandomAdjustSharpness', (p) => new transforms.RandomAdjustSharpness(2, p), (x) => F.adjustSharpness(x, 2)],
    ['RandomAutocontrast', (p) => new transforms.RandomAutocontrast(p), (x) => F.autocontrast(x)],
    ['RandomEqualize', (p) => new transforms.RandomEqualize(p), (x) => F.equalize(x)],
  ];
  for (const [name, make, op] of cases) {
    it(`${name}: the op about p of the time, the image unchanged otherwise`, () => {
      const applied = op(img);
      torch.manualSeed(11);
      const t = make(0.3);
      let hits = 0;
      const n = 400;
      for (let k = 0; k < n; k++) {
        const out = t.forward(img);
        if (out === img) continue;
        expect(torch.equal(out, applied)).toBe(true);
        hits++;
      }
      // binomial(400, 0.3): mean 120, sd 9.2
      expect(Math.abs(hits - 120)).toBeLessThan(40);
      expect(torch.equal(make(1).forward(img), applied)).toBe(true);
      expect(make(0).forward(img)).toBe(img);
    });
  }

  it('Grayscale keeps 1 or makes 3 channels; RandomGrayscale keeps the channel count', () => {
    expect(new transforms.Grayscale().forward(img).shape).toEqual([1, 6, 7]);
    expect(new transforms.Grayscale({ numOutputChannels: 3 }).forward(img).shape).toEqual([3, 6, 7]);
    const raw = new transforms.RandomGrayscale(1).forward(tensorToRawImage(img));
    expect(raw.channels).toBe(3);
  });
});

describe('seeding', () => {
  it('the same seed gives the same draws', () => {
    const run = (): Tensor[] => {
      torch.manualSeed(123);
      const img = image('rgb_u8');
      return [
        new transforms.ColorJitter(0.5, 0.5, 0.5, 0.5).forward(img),
        new transforms.GaussianBlur(3).forward(img),
        new transforms.RandomErasing({ p: 1, value: 'random' }).forward(image('rgb_f32')),
      ];
    };
    const [a, b] = [run(), run()];
    a.forEach((t, k) => expect(torch.equal(t, b[k]!)).toBe(true));
  });
});
