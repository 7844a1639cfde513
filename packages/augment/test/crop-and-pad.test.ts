import { describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import * as torch from '@x/tensor';
import { Crop, CropAndPad, Pad } from '../src/augmenters/size/crop-and-pad';
import { choice } from '../src/parameters/choice';
import { expectCaseLikeImgaug } from './support/annotations';
import { caseLabel, loadGeoFixture, maxAbsDiff } from './support/geo-fixtures';

registerWasmBackend();

const fixture = loadGeoFixture('size-crop-pad.json');
const CLASSES = { Crop, Pad, CropAndPad } as const;

describe('Crop / Pad / CropAndPad equal imgaug 0.4 on fixed amounts (images exactly, keepSize included)', () => {
  for (const c of fixture.cases) {
    // Shifts and keepSize's projection are float64 and float32 arithmetic, as imgaug's.
    it(caseLabel(c), () => expectCaseLikeImgaug(fixture, c, new CLASSES[c.augmenter as keyof typeof CLASSES](c.options), 10));
  }
});

describe('Crop / Pad with random amounts', () => {
  const image = torch.randint(0, 256, [20, 25, 3], { dtype: 'uint8' });

  it('keepSize (the default) keeps every shape; without it, shapes follow the drawn amounts', () => {
    const kept = new Crop({ percent: [0, 0.2], seed: 1 }).augmentImages([image, image, image, image]) as torch.Tensor[];
    for (const out of kept) expect(out.shape).toEqual([20, 25, 3]);
    const free = new Crop({ px: [0, 4], keepSize: false, seed: 1 }).augmentImages(Array.from({ length: 30 }, () => image)) as torch.Tensor[];
    for (const out of free) {
      expect(out.dtype).toBe('uint8');
      expect(out.shape[0]).toBeGreaterThanOrEqual(20 - 8);
      expect(out.shape[0]).toBeLessThanOrEqual(20);
    }
    expect(new Set(free.map((o) => o.shape.join())).size).toBeGreaterThan(1);
  });

  it('draws each side uniformly from the px range (DiscreteUniform, both ends included)', () => {
    // Pad only the top: the output height minus the input's is the drawn amount.
    const aug = new Pad({ px: [[0, 4], 0, 0, 0], keepSize: false, seed: 7 });
    const tiny = torch.zeros([2, 2, 1], { dtype: 'uint8' });
    const counts = [0, 0, 0, 0, 0];
    const n = 2500;
    const outs = aug.augmentImages(Array.from({ length: n }, () => tiny)) as torch.Tensor[];
    for (const out of outs) counts[out.shape[0]! - 2]! += 1;
    // Each of the 5 values has probability 1/5: 500 expected, standard deviation 20.
    for (const count of counts) expect(Math.abs(count - n / 5)).toBeLessThan(100);
  });

  it('toDeterministic() repeats; different seeds differ', () => {
    const det = new CropAndPad({ px: [-4, 4], keepSize: false, seed: 3 }).toDeterministic();
    const a = det.augmentImage(image);
    expect(maxAbsDiff(det.augmentImage(image), a)).toBe(0);
    const shapes = (seed: number) => (new CropAndPad({ px: [-4, 4], keepSize: false, seed }).augmentImages(Array.from({ length: 8 }, () => image)) as torch.Tensor[]).map((t) => t.shape.join());
    expect(shapes(1)).not.toEqual(shapes(2));
  });

  it('Crop takes parameters for its amounts, drawn per side and removing pixels', () => {
    const out = new Crop({ px: choice([2, 3]), keepSize: false, seed: 2 }).augmentImages(Array.from({ length: 40 }, () => image)) as torch.Tensor[];
    const heights = new Set(out.map((o) => o.shape[0]));
    expect([...heights].sort((a, b) => a! - b!)).toEqual([14, 15, 16]);
  });

  it('refuses negative amounts for Crop and Pad, and unported pad modes', () => {
    expect(() => new Crop({ px: -1 })).toThrow(/>= 0/);
    expect(() => new Pad({ percent: [0.1, -0.2, 0, 0] })).toThrow(/>= 0/);
    expect(() => new Pad({ px: 1, padMode: 'median' })).toThrow(/padMode/);
    expect(() => new CropAndPad({ px: 1, percent: 0.1 })).toThrow(/not both/);
  });
});
