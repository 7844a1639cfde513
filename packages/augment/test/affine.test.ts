import { describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import * as torch from '@x/tensor';
import { Affine } from '../src/augmenters/geometric/affine';
import { Keypoint, KeypointsOnImage } from '../src/augmentables/keypoints';
import { expectCaseLikeImgaug } from './support/annotations';
import { caseLabel, loadGeoFixture, maxAbsDiff } from './support/geo-fixtures';

registerWasmBackend();

const fixture = loadGeoFixture('geometric-affine.json');

// Coordinates come out as float32, as imgaug's; its float64 matrix products may sum in another order
// (BLAS), which can move a result by one float32 step (about 1e-6 at these magnitudes).
const COORDINATE_DIGITS = 5;

describe('Affine equals imgaug 0.4 on fixed parameters (images exactly, keypoints and boxes)', () => {
  for (const c of fixture.cases) {
    it(caseLabel(c), () => expectCaseLikeImgaug(fixture, c, new Affine(c.options), COORDINATE_DIGITS));
  }
});

describe('Affine with random parameters', () => {
  const image = torch.randint(0, 256, [24, 30, 3], { dtype: 'uint8' });

  it('keeps shape and dtype without fitOutput, and different seeds differ', () => {
    const a = new Affine({ rotate: [-25, 25], seed: 1 }).augmentImages([image, image, image]) as torch.Tensor[];
    for (const out of a) {
      expect(out.shape).toEqual([24, 30, 3]);
      expect(out.dtype).toBe('uint8');
    }
    const b = new Affine({ rotate: [-25, 25], seed: 2 }).augmentImage(image);
    expect(maxAbsDiff(a[0]!, b)).toBeGreaterThan(0);
  });

  it('toDeterministic() repeats the same transformation for images and keypoints', () => {
    const det = new Affine({ rotate: [-40, 40], scale: [0.7, 1.3], seed: 5 }).toDeterministic();
    const first = det.augmentImage(image);
    expect(maxAbsDiff(det.augmentImage(image), first)).toBe(0);
    const kps = new KeypointsOnImage([new Keypoint(3, 4)], { shape: image.shape });
    const k1 = det.augmentKeypoints(kps).keypoints[0]!;
    const k2 = det.augmentKeypoints(kps).keypoints[0]!;
    expect([k1.x, k1.y]).toEqual([k2.x, k2.y]);
  });

  it('draws rotations uniformly from the range: keypoint angles about the centre spread over [-25, 25]', () => {
    // Keypoints rotate about (W/2, H/2): the drawn angle is the keypoint's angle change.
    const n = 2000;
    const shape = [100, 100, 3];
    const aug = new Affine({ rotate: [-25, 25], seed: 3 });
    const rows = Array.from({ length: n }, () => new KeypointsOnImage([new Keypoint(90, 50)], { shape }));
    const angles = aug.augmentKeypoints(rows).map((k) => (Math.atan2(k.keypoints[0]!.y - 50, k.keypoints[0]!.x - 50) * 180) / Math.PI);
    const mean = angles.reduce((a, b) => a + b, 0) / n;
    const variance = angles.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    expect(Math.min(...angles)).toBeGreaterThanOrEqual(-25 - 1e-6);
    expect(Math.max(...angles)).toBeLessThanOrEqual(25 + 1e-6);
    // Uniform(-25, 25): mean 0, variance 50² / 12; with 2000 draws, well within these bounds.
    expect(Math.abs(mean)).toBeLessThan(1.5);
    expect(Math.abs(variance - 2500 / 12) / (2500 / 12)).toBeLessThan(0.1);
  });

  it('takes imgaug\'s per-axis scale dict as the first argument', () => {
    const kps = new KeypointsOnImage([new Keypoint(20, 3)], { shape: [24, 30, 3] });
    const positional = new Affine({ x: 2, y: 0.5 }, { order: 0 });
    const keyword = new Affine({ scale: { x: 2, y: 0.5 }, order: 0 });
    expect(positional.augmentKeypoints(kps).keypoints[0]).toEqual(keyword.augmentKeypoints(kps).keypoints[0]);
    expect(maxAbsDiff(positional.augmentImage(image), keyword.augmentImage(image))).toBe(0);
  });

  it('fitOutput grows the output to hold the rotated image', () => {
    const out = new Affine({ rotate: 45, fitOutput: true }).augmentImage(image);
    expect(out.shape[0]).toBeGreaterThan(24);
    expect(out.shape[1]).toBeGreaterThan(30);
  });

  it('refuses what it cannot do, naming what it takes', () => {
    expect(() => new Affine({ order: 2 })).toThrow(/order 0, 1 or 3/);
    expect(() => new Affine({ mode: 'mirror' })).toThrow(/mode/);
    expect(() => new Affine({ translatePx: 2, translatePercent: 0.1 })).toThrow(/not both/);
    expect(() => new Affine({ scale: { z: 2 } })).toThrow(/\{ x, y \}/);
  });
});
