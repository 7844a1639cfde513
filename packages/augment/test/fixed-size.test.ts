import { describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import * as torch from '@x/tensor';
import { CenterCropToFixedSize, CenterPadToFixedSize, CropToFixedSize, PadToFixedSize } from '../src/augmenters/size/fixed-size';
import { expectCaseLikeImgaug } from './support/annotations';
import { caseLabel, loadGeoFixture } from './support/geo-fixtures';

registerWasmBackend();

const fixture = loadGeoFixture('size-fixed.json');
const CLASSES = { CropToFixedSize, CenterCropToFixedSize, PadToFixedSize, CenterPadToFixedSize } as const;

describe('CropToFixedSize / PadToFixedSize and their Center variants equal imgaug 0.4 at fixed positions', () => {
  for (const c of fixture.cases) {
    it(caseLabel(c), () => expectCaseLikeImgaug(fixture, c, new CLASSES[c.augmenter as keyof typeof CLASSES](c.options), 10));
  }
});

describe('fixed sizes at drawn positions', () => {
  it('CropToFixedSize gives the size on every image and draws the window uniformly', () => {
    // A 1 × 11 ramp cropped to width 1: the kept value is the window's left edge, 0..10.
    const ramp = torch.arange(0, 11, { dtype: 'uint8' }).reshape([1, 11, 1]);
    const outs = new CropToFixedSize(1, 1, { seed: 2 }).augmentImages(Array.from({ length: 1100 }, () => ramp)) as torch.Tensor[];
    const counts = new Array<number>(11).fill(0);
    for (const out of outs) {
      expect(out.shape).toEqual([1, 1, 1]);
      counts[out.item()]! += 1;
    }
    // imgaug truncates (1 - u) * 10 for u ~ Uniform(0, 1): offsets 0..9 each with probability 1/10
    // (110 expected, standard deviation about 10), offset 10 only for u = 0 exactly.
    for (const count of counts.slice(0, 10)) expect(Math.abs(count - 110)).toBeLessThan(45);
    expect(counts[10]).toBeLessThan(3);
  });

  it('PadToFixedSize leaves larger sides alone and pads smaller ones to the size', () => {
    const image = torch.zeros([5, 30, 3], { dtype: 'uint8' });
    const out = new PadToFixedSize(20, 12, { seed: 1 }).augmentImage(image);
    expect(out.shape).toEqual([12, 30, 3]);
  });

  it('refuses sizes and positions it cannot take', () => {
    expect(() => new CropToFixedSize(-1, 4)).toThrow(/non-negative integer/);
    expect(() => new PadToFixedSize(4, 4, { position: 'middle' })).toThrow(/position/);
    expect(() => new PadToFixedSize(4, 4, { position: [0.5, 1.5] })).toThrow(/\[0, 1\]/);
  });
});
