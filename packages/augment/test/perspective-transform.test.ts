import { describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import * as torch from '@x/tensor';
import { PerspectiveTransform } from '../src/augmenters/geometric/perspective-transform';
import { DeterministicList } from '../src/parameters/deterministic';
import { expectCaseLikeImgaug } from './support/annotations';
import { caseLabel, loadGeoFixture, maxAbsDiff } from './support/geo-fixtures';

registerWasmBackend();

const fixture = loadGeoFixture('geometric-perspective.json');

describe('PerspectiveTransform equals imgaug 0.4 with the corner jitter fixed', () => {
  for (const c of fixture.cases) {
    it(`${caseLabel(c)}, jitter ${JSON.stringify(c.jitter)}`, () => {
      const aug = new PerspectiveTransform({ scale: 0.05, ...c.options });
      // As the generator does: the jitter's Normal replaced by the eight fixed values.
      aug.jitter = new DeterministicList(c.jitter!);
      // Images equal pixel for pixel. The 3 × 3 matrices are solved and inverted by other float64
      // arithmetic than OpenCV's (its SVD solve and LU inverse), so coordinates are compared to 5
      // decimals, not to the last bit.
      expectCaseLikeImgaug(fixture, c, aug, 5);
    });
  }
});

describe('PerspectiveTransform with random jitter', () => {
  const image = torch.randint(0, 256, [30, 40, 3], { dtype: 'uint8' });

  it('scale 0 leaves images unchanged', () => {
    expect(maxAbsDiff(new PerspectiveTransform({ scale: 0, seed: 1 }).augmentImage(image), image)).toBe(0);
  });

  it('keepSize keeps shapes; without it the output shrinks by the jitter; seeds differ; toDeterministic repeats', () => {
    const kept = new PerspectiveTransform({ scale: [0.05, 0.1], seed: 3 }).augmentImages([image, image, image]) as torch.Tensor[];
    for (const out of kept) expect(out.shape).toEqual([30, 40, 3]);
    const free = new PerspectiveTransform({ scale: 0.1, keepSize: false, seed: 3 }).augmentImages(Array.from({ length: 10 }, () => image)) as torch.Tensor[];
    for (const out of free) {
      expect(out.shape[0]).toBeLessThanOrEqual(30);
      expect(out.shape[1]).toBeLessThanOrEqual(40);
    }
    const other = new PerspectiveTransform({ scale: [0.05, 0.1], seed: 4 }).augmentImage(image);
    expect(maxAbsDiff(other, kept[0]!)).toBeGreaterThan(0);
    const det = new PerspectiveTransform({ scale: 0.1, seed: 5 }).toDeterministic();
    expect(maxAbsDiff(det.augmentImage(image), det.augmentImage(image))).toBe(0);
  });

  it('refuses unknown modes', () => {
    expect(() => new PerspectiveTransform({ mode: 'reflect' })).toThrow(/mode/);
  });
});
