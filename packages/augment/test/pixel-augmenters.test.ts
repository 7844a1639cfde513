import { describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { augmenters as iaa, BoundingBox, BoundingBoxesOnImage, Keypoint, KeypointsOnImage, parameters as iap } from '../src/index';
import { expectImage, pixelFixtures } from './support/pixel-fixtures';

registerWasmBackend();

type AugmenterClass = new (options: Record<string, unknown>) => { augmentImage(image: Tensor): Tensor };

/** A fixture option: numbers and arrays as they are, `{ DeterministicList: [...] }` as that parameter. */
function decodeOption(v: unknown): unknown {
  if (typeof v === 'object' && v !== null && 'DeterministicList' in v) return new iap.DeterministicList((v as { DeterministicList: number[] }).DeterministicList);
  return v;
}

describe("pixel augmenters with fixed parameters equal imgaug 0.4's augmenters", () => {
  for (const module of ['arithmetic', 'contrast', 'blur', 'color', 'convolutional']) {
    const fx = pixelFixtures(module);
    for (const c of fx.cases.filter((x) => x.augmenter !== undefined)) {
      it(`${c.augmenter!.cls} ${JSON.stringify(c.augmenter!.options)} on ${c.image}`, () => {
        const cls = (iaa as unknown as Record<string, AugmenterClass>)[c.augmenter!.cls]!;
        const options = Object.fromEntries(Object.entries(c.augmenter!.options).map(([k, v]) => [k, decodeOption(v)]));
        const aug = new cls({ ...options, seed: 1 });
        expectImage(aug.augmentImage(fx.images[c.image]!), c.output);
      });
    }
  }
});

/** The pipelines of the fixtures, built here as imgaug's Python builds them. */
const PIPELINES: Record<string, () => { augmentImage(image: Tensor): Tensor }> = {
  "WithColorspace('HSV', children=WithChannels(0, Add(50)))": () => new iaa.WithColorspace('HSV', { children: new iaa.WithChannels(0, new iaa.Add(50)) }),
  "WithColorspace('YCrCb', children=[Multiply(1.2)])": () => new iaa.WithColorspace('YCrCb', { children: [new iaa.Multiply(1.2)] }),
};

describe("pixel pipelines with fixed parameters equal imgaug 0.4's", () => {
  const fx = pixelFixtures('color');
  for (const c of fx.cases.filter((x) => x.pipeline !== undefined)) {
    it(c.pipeline!, () => {
      expect(PIPELINES[c.pipeline!], `no builder for ${c.pipeline}`).toBeDefined();
      expectImage(PIPELINES[c.pipeline!]!().augmentImage(fx.images[c.image]!), c.output);
    });
  }
});

/** A uint8 image of shape filled with value. */
function flat(shape: number[], value: number): Tensor {
  return torch.full(shape, value, { dtype: 'uint8' });
}

function values(t: Tensor): number[] {
  return Array.from(t.to('float64').numpy() as Float64Array);
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function std(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
}

describe('random pixel augmenters: distributions and structure (fixed seeds)', () => {
  it('Add draws one integer offset per image, or per channel with perChannel', () => {
    const images = flat([200, 2, 2, 3], 128);
    const perImage = new iaa.Add([-10, 10], { seed: 3 }).augmentImages(images) as Tensor;
    const offsets = values(perImage.select(3, 0).select(2, 0).select(1, 0)).map((v) => v - 128);
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(-10);
    expect(Math.max(...offsets)).toBeLessThanOrEqual(10);
    expect(Math.abs(mean(offsets))).toBeLessThan(1.5);
    // A uniform over [-10, 10] has standard deviation 20/√12 ≈ 5.77.
    expect(std(offsets)).toBeGreaterThan(5);
    expect(std(offsets)).toBeLessThan(6.5);
    expect(perImage.amax([1, 2, 3]).sub(perImage.amin([1, 2, 3])).max().item()).toBe(0);
    const perChannel = new iaa.Add([-10, 10], { perChannel: true, seed: 3 }).augmentImages(images) as Tensor;
    const channelSpread = perChannel.amax(3).to('int32').sub(perChannel.amin(3).to('int32'));
    expect(channelSpread.gt(0).to('float32').mean().item()).toBeGreaterThan(0.8);
  });

  it('AdditiveGaussianNoise adds zero-mean noise of the given scale, per pixel (and per channel)', () => {
    const image = flat([64, 64, 3], 128);
    const noisy = new iaa.AdditiveGaussianNoise({ scale: 20, seed: 5 }).augmentImage(image);
    const deltas = values(noisy).map((v) => v - 128);
    expect(Math.abs(mean(deltas))).toBeLessThan(0.5);
    expect(std(deltas)).toBeGreaterThan(19);
    expect(std(deltas)).toBeLessThan(21);
    // Without perChannel the three channels of a pixel get the same noise.
    expect(noisy.amax(2).sub(noisy.amin(2)).max().item()).toBe(0);
    const perChannel = new iaa.AdditiveGaussianNoise({ scale: 20, perChannel: true, seed: 5 }).augmentImage(image);
    expect(perChannel.amax(2).sub(perChannel.amin(2)).to('float32').mean().item()).toBeGreaterThan(10);
  });

  it('AdditiveLaplaceNoise and AdditivePoissonNoise add noise of their distributions', () => {
    const image = flat([64, 64, 1], 128);
    const laplace = values(new iaa.AdditiveLaplaceNoise({ scale: 10, seed: 5 }).augmentImage(image)).map((v) => v - 128);
    // Laplace(0, b) has standard deviation b·√2.
    expect(Math.abs(mean(laplace))).toBeLessThan(0.6);
    expect(std(laplace)).toBeGreaterThan(13);
    expect(std(laplace)).toBeLessThan(15.3);
    const poisson = values(new iaa.AdditivePoissonNoise(10, { seed: 5 }).augmentImage(image)).map((v) => v - 128);
    // |noise| ~ Poisson(10), the sign a coin flip.
    expect(Math.abs(mean(poisson.map(Math.abs)) - 10)).toBeLessThan(0.4);
    expect(Math.abs(mean(poisson))).toBeLessThan(0.6);
  });

  it('the arithmetic augmenters take float32 images, unclipped', () => {
    const image = torch.zeros([64, 64, 3]);
    const noisy = new iaa.AdditiveGaussianNoise({ scale: 0.1, seed: 5 }).augmentImage(image);
    expect(noisy.dtype).toBe('float32');
    const v = values(noisy);
    expect(Math.min(...v)).toBeLessThan(-0.2);
    expect(std(v)).toBeGreaterThan(0.095);
    expect(std(v)).toBeLessThan(0.105);
    const dropped = new iaa.Dropout(0.5, { seed: 5 }).augmentImage(torch.ones([32, 32, 1]));
    expect(dropped.dtype).toBe('float32');
    expect(values(dropped).every((x) => x === 0 || x === 1)).toBe(true);
  });

  it('Multiply scales by a factor drawn per image', () => {
    const images = flat([200, 1, 1, 1], 100);
    const out = values(new iaa.Multiply([0.5, 1.5], { seed: 7 }).augmentImages(images) as Tensor);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...out)).toBeLessThanOrEqual(150);
    expect(Math.abs(mean(out) - 100)).toBeLessThan(5);
  });

  it('Dropout zeroes a share p of pixels, all channels of a pixel together unless perChannel', () => {
    const image = flat([100, 100, 3], 200);
    const dropped = new iaa.Dropout(0.3, { seed: 11 }).augmentImage(image);
    const zeros = dropped.eq(0).to('float32');
    expect(zeros.mean().item()).toBeGreaterThan(0.28);
    expect(zeros.mean().item()).toBeLessThan(0.32);
    expect(zeros.amax(2).sub(zeros.amin(2)).max().item()).toBe(0);
    expect(Boolean(dropped.ne(0).logicalAnd(dropped.ne(200)).any().item())).toBe(false);
    const perChannel = new iaa.Dropout(0.3, { perChannel: true, seed: 11 }).augmentImage(image);
    const pz = perChannel.eq(0).to('float32');
    expect(pz.amax(2).sub(pz.amin(2)).mean().item()).toBeGreaterThan(0.5);
  });

  it('CoarseDropout drops whole blocks of the low-resolution grid', () => {
    const images = new iaa.CoarseDropout(0.5, { sizePx: 8, seed: 12 }).augmentImages(flat([20, 64, 64, 1], 200)) as Tensor;
    // 8 × 8 mask cells scaled up to 64 × 64: every 8 × 8 block is dropped or kept whole.
    const blocks = images.reshape([20, 8, 8, 8, 8]);
    expect(Boolean(blocks.amax([2, 4]).eq(blocks.amin([2, 4])).all().item())).toBe(true);
    const dropped = images.eq(0).to('float32').mean().item() as number;
    expect(dropped).toBeGreaterThan(0.44);
    expect(dropped).toBeLessThan(0.56);
  });

  it('the salt-and-pepper family replaces a share p of pixels by white-ish and black-ish values', () => {
    const image = flat([100, 100, 3], 128);
    const changed = (out: Tensor): Tensor => out.ne(128).any(2);
    const snp = new iaa.SaltAndPepper(0.2, { seed: 13 }).augmentImage(image);
    const share = changed(snp).to('float32').mean().item() as number;
    expect(share).toBeGreaterThan(0.18);
    expect(share).toBeLessThan(0.22);
    // Whole pixels, all channels alike, without perChannel.
    expect(snp.amax(2).sub(snp.amin(2)).max().item()).toBe(0);
    // Beta(0.5, 0.5)·255 piles up near 0 and 255.
    const replaced = values(snp.select(2, 0)).filter((v) => v !== 128);
    expect(replaced.filter((v) => v < 32 || v > 223).length / replaced.length).toBeGreaterThan(0.3);
    const salt = values(new iaa.Salt(0.2, { seed: 13 }).augmentImage(image)).filter((v) => v !== 128);
    expect(Math.min(...salt)).toBeGreaterThanOrEqual(127);
    const pepper = values(new iaa.Pepper(0.2, { seed: 13 }).augmentImage(image)).filter((v) => v !== 128);
    expect(Math.max(...pepper)).toBeLessThanOrEqual(128);
    expect(Math.min(...pepper)).toBeLessThan(64);
    const impulse = new iaa.ImpulseNoise(0.2, { seed: 13 }).augmentImage(image);
    expect(Boolean(impulse.amax(2).ne(impulse.amin(2)).any().item())).toBe(true);
    // Coarse: whole 8 × 8 cells of the 8 × 8 mask grid on a 64 × 64 image.
    const coarse = new iaa.CoarseSaltAndPepper(0.3, { sizePx: 8, seed: 13 }).augmentImage(flat([64, 64, 1], 128));
    const cells = coarse.ne(128).reshape([8, 8, 8, 8]);
    const hit = cells.any(3).any(1);
    expect(Boolean(hit.any().item())).toBe(true);
    expect(values(cells.to('int32').sum([1, 3])).every((n) => n === 0 || n >= 32)).toBe(true);
  });

  it('MultiplyElementwise draws a factor per pixel', () => {
    const out = values(new iaa.MultiplyElementwise([0.5, 1.5], { seed: 2 }).augmentImage(flat([50, 50, 1], 100)));
    expect(Math.min(...out)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...out)).toBeLessThanOrEqual(150);
    expect(std(out)).toBeGreaterThan(25);
  });

  it('Cutout fills squares of the given relative size with cval', () => {
    const image = flat([50, 50, 3], 0);
    const images = new iaa.Cutout({ size: 0.2, cval: 255, seed: 4 }).augmentImages([image, image, image, image]) as Tensor[];
    for (const out of images) {
      const filled = out.select(2, 0).eq(255);
      expect(Boolean(out.eq(255).any(2).eq(filled).all().item())).toBe(true);
      // A 10 × 10 square, cut where it crosses the border.
      const rows = filled.any(1).to('int32').sum().item();
      const cols = filled.any(0).to('int32').sum().item();
      expect(rows).toBeLessThanOrEqual(10);
      expect(cols).toBeLessThanOrEqual(10);
      expect(filled.to('int32').sum().item()).toBe(rows * cols);
    }
    // size 0.375 of 48 pixels (exact in float32): an 18 × 18 square from 15 to 33 on both axes.
    const gaussian = new iaa.Cutout({ position: 'center', size: 0.375, fillMode: 'gaussian', fillPerChannel: true, seed: 4 }).augmentImage(flat([48, 48, 3], 0));
    const patch = values(gaussian.narrow(0, 15, 18).narrow(1, 15, 18));
    // 972 values of std ≈ 42: a standard error of 1.35, so within 3.3 of them
    expect(Math.abs(mean(patch) - 127.5)).toBeLessThan(4.5);
    expect(std(patch)).toBeGreaterThan(38);
    expect(std(patch)).toBeLessThan(46);
    expect(gaussian.narrow(0, 0, 15).max().item()).toBe(0);
    expect(gaussian.narrow(0, 33, 15).max().item()).toBe(0);
    expect(gaussian.narrow(1, 0, 15).max().item()).toBe(0);
  });

  it('Invert inverts about a share p of images', () => {
    const images = flat([400, 1, 1, 1], 10);
    const out = values(new iaa.Invert(0.5, { seed: 8 }).augmentImages(images) as Tensor);
    expect(out.every((v) => v === 10 || v === 245)).toBe(true);
    const share = out.filter((v) => v === 245).length / out.length;
    expect(share).toBeGreaterThan(0.44);
    expect(share).toBeLessThan(0.56);
  });

  it('contrast augmenters draw their curve per image, or per channel', () => {
    const ramp = torch.arange(256, { dtype: 'int32' }).to('uint8').reshape([16, 16, 1]).expand([16, 16, 3]).contiguous();
    const gamma = new iaa.GammaContrast([0.5, 2.0], { perChannel: true, seed: 9 }).augmentImage(ramp);
    const [r, g, b] = gamma.unbind(2) as [Tensor, Tensor, Tensor];
    expect(Boolean(r.ne(g).any().item() || g.ne(b).any().item())).toBe(true);
    const single = new iaa.SigmoidContrast({ seed: 9 }).augmentImage(ramp);
    expect(single.amax(2).sub(single.amin(2)).max().item()).toBe(0);
    // A monotone curve keeps the ramp's order.
    const flatR = values(single.select(2, 0).flatten());
    expect(flatR.every((v, i) => i === 0 || v >= flatR[i - 1]!)).toBe(true);
  });

  it('AllChannelsCLAHE draws its parameters per image, or per channel', () => {
    const lowContrast = torch.randint(100, 130, [24, 24, 1], { dtype: 'uint8', generator: new torch.Generator().manualSeed(3) }).expand([24, 24, 3]).contiguous();
    const same = new iaa.AllChannelsCLAHE({ seed: 6 }).augmentImage(lowContrast);
    expect(same.amax(2).sub(same.amin(2)).max().item()).toBe(0);
    // Equalisation spreads the 100–129 values out.
    expect((same.max().item() as number) - (same.min().item() as number)).toBeGreaterThan(60);
    const perChannel = new iaa.AllChannelsCLAHE({ perChannel: true, seed: 6 }).augmentImage(lowContrast);
    expect(Boolean(perChannel.amax(2).ne(perChannel.amin(2)).any().item())).toBe(true);
  });

  it('Grayscale with alpha 1 makes the three channels equal; AddToHueAndSaturation keeps the shape', () => {
    const image = torch.randint(0, 256, [8, 9, 3], { dtype: 'uint8', generator: new torch.Generator().manualSeed(1) });
    const grey = new iaa.Grayscale(1).augmentImage(image);
    expect(grey.amax(2).sub(grey.amin(2)).max().item()).toBe(0);
    expect(new iaa.AddToHueAndSaturation({ seed: 1 }).augmentImage(image).shape).toEqual([8, 9, 3]);
    // Saturation multiplied by 0 leaves grey pixels.
    const desaturated = new iaa.MultiplySaturation(0).augmentImage(image);
    expect(desaturated.amax(2).sub(desaturated.amin(2)).max().item()).toBe(0);
  });

  it('toDeterministic repeats, different seeds differ', () => {
    const image = torch.randint(0, 256, [16, 16, 3], { dtype: 'uint8', generator: new torch.Generator().manualSeed(2) });
    for (const aug of [new iaa.GaussianBlur([0.5, 3]), new iaa.AdditiveGaussianNoise({ scale: 10 }), new iaa.Sharpen([0.2, 1]), new iaa.AverageBlur([1, 7]), new iaa.MedianBlur([1, 7]), new iaa.AllChannelsCLAHE(), new iaa.Cutout(),
      new iaa.MultiplyAndAddToBrightness({ toColorspace: ['YCrCb', 'HSV'] }), new iaa.MultiplyHueAndSaturation(), new iaa.SaltAndPepper(0.1), new iaa.CoarsePepper(),
      new iaa.DirectedEdgeDetect()]) {
      const det = aug.toDeterministic();
      expect(Boolean(det.augmentImage(image).eq(det.augmentImage(image)).all().item())).toBe(true);
    }
    const a = new iaa.AdditiveGaussianNoise({ scale: 10, seed: 1 }).augmentImage(image);
    const b = new iaa.AdditiveGaussianNoise({ scale: 10, seed: 2 }).augmentImage(image);
    expect(Boolean(a.ne(b).any().item())).toBe(true);
  });
});

it('every fixture case is checked by its kernel or its augmenter', () => {
  for (const module of ['arithmetic', 'contrast', 'blur', 'color', 'convolutional']) {
    const unchecked = pixelFixtures(module).cases.filter((c) => c.fn === null && c.augmenter === undefined && c.pipeline === undefined);
    expect(unchecked.map((c) => c.name)).toEqual([]);
  }
});

describe('pixel augmenters leave coordinates alone', () => {
  it('boxes and keypoints come back unchanged, images changed', () => {
    const image = flat([20, 30, 3], 100);
    const keypoints = new KeypointsOnImage([new Keypoint(3.5, 7), new Keypoint(29, 0)], { shape: [20, 30, 3] });
    const boxes = new BoundingBoxesOnImage([new BoundingBox({ x1: 1, y1: 2, x2: 10, y2: 12 })], { shape: [20, 30, 3] });
    const pipeline = new iaa.Sequential([
      new iaa.Add(10), new iaa.AdditiveGaussianNoise({ scale: 5 }), new iaa.Dropout(0.1), new iaa.Cutout(), new iaa.Invert(0.5),
      new iaa.GammaContrast(), new iaa.GaussianBlur(1), new iaa.MedianBlur(3), new iaa.Sharpen(), new iaa.Grayscale(0.5),
      new iaa.AddToHueAndSaturation(), new iaa.CoarseDropout(0.1), new iaa.AllChannelsCLAHE(), new iaa.Solarize(0.5),
      new iaa.WithColorspace('HSV', { children: new iaa.Add(5) }), new iaa.AddToBrightness({ toColorspace: 'YCrCb' }),
    ], { seed: 1 });
    const out = pipeline.augment({ image, keypoints, boundingBoxes: boxes });
    expect((out.keypoints as KeypointsOnImage).keypoints.map((k) => [k.x, k.y])).toEqual([[3.5, 7], [29, 0]]);
    const bb = (out.boundingBoxes as BoundingBoxesOnImage).boundingBoxes[0]!;
    expect([bb.x1, bb.y1, bb.x2, bb.y2]).toEqual([1, 2, 10, 12]);
    expect(Boolean((out.image as Tensor).ne(image).any().item())).toBe(true);
  });
});

describe('pixel augmenters refuse what they cannot take', () => {
  it('names what was expected and what came', () => {
    expect(() => new iaa.Add(10).augmentImage(torch.zeros([2, 2, 3], { dtype: 'int32' }))).toThrow('Add (UnnamedAdd): expected uint8 or float32 images, got dtype int32 for image 0');
    expect(() => new iaa.GaussianBlur(1).augmentImage(torch.zeros([2, 2, 3]))).toThrow('GaussianBlur (UnnamedGaussianBlur): expected uint8 images, got dtype float32 for image 0');
    expect(() => new iaa.MedianBlur(4)).toThrow('MedianBlur: expected odd kernel sizes k, got 4; add or subtract 1');
    expect(() => new iaa.Dropout([0.5, 0.1])).toThrow('Expected p as a range [a, b] with 0 <= a < b <= 1, got');
    expect(() => new iaa.Cutout({ fillMode: 'noise' as never })).toThrow("Expected parameter 'fillMode' to be one of: constant, gaussian. Got: noise");
    expect(() => new iaa.AddToHueAndSaturation(10, { valueHue: 5 })).toThrow('give value, or valueHue and valueSaturation, not both');
    expect(() => new iaa.HistogramEqualization()).toThrow("HistogramEqualization: only toColorspace 'HSV' is implemented (imgaug's default 'Lab' and 'HLS' are not), got \"Lab\"");
    expect(() => new iaa.CLAHE()).toThrow("CLAHE: only toColorspace 'HSV' is implemented (imgaug's default 'Lab' and 'HLS' are not), got \"Lab\"");
    expect(() => new iaa.MultiplyBrightness()).toThrow("MultiplyBrightness: imgaug's default toColorspace draws among YCrCb, HSV, HLS, Lab, Luv, YUV, of which only YCrCb and HSV are implemented");
    expect(() => new iaa.WithColorspace('Lab')).toThrow('WithColorspace: the colour space Lab is not implemented (implemented: RGB, BGR, GRAY, YCrCb, HSV)');
    expect(() => new iaa.MultiplyHueAndSaturation(1.5, { mulHue: 2 })).toThrow('MultiplyHueAndSaturation: give mul, or mulHue and mulSaturation, not both');
    expect(() => new iaa.Sharpen(2)).toThrow("Parameter 'alpha' is outside of the expected value range (0 <= x <= 1), got 2");
  });
});

it("the README's pixel example runs", () => {
  const aug = new iaa.Sequential([
    new iaa.AdditiveGaussianNoise({ scale: [10, 60] }),
    new iaa.GaussianBlur([0, 3.0]),
    new iaa.LinearContrast([0.75, 1.5], { perChannel: 0.5 }),
    new iaa.Multiply([0.8, 1.2], { perChannel: 0.2 }),
    new iaa.Cutout({ nbIterations: 2, size: 0.2 }),
  ]);
  const batch = torch.randint(0, 256, [4, 32, 32, 3], { dtype: 'uint8', generator: new torch.Generator().manualSeed(4) });
  const out = aug.augmentImages(batch) as Tensor;
  expect([out.shape, out.dtype]).toEqual([[4, 32, 32, 3], 'uint8']);
});
