import { describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import { Affine } from '../src/augmenters/geometric/affine';
import { Crop, Pad } from '../src/augmenters/size/crop-and-pad';
import { Resize } from '../src/augmenters/size/resize';
import { caseLabel, decodeImage, loadGeoFixture, maxAbsDiff } from './support/geo-fixtures';

registerWasmBackend();

const fixture = loadGeoFixture('geometric-size-float.json');
const CLASSES = { Affine, Crop, Pad, Resize } as const;

// float32 images: OpenCV interpolates them in float32 with float weights (and its vector loops' own
// summation order); this port sums the same weights in float64 and rounds once, so values in [0, 1]
// may differ by a few float32 steps.
const FLOAT_TOLERANCE = 1e-5;

describe('float32 images through Affine, Resize, Crop and Pad as imgaug 0.4 (OpenCV) computes them', () => {
  for (const c of fixture.cases) {
    it(caseLabel(c), () => {
      const image = decodeImage(fixture.images[c.image]!);
      const out = new CLASSES[c.augmenter as keyof typeof CLASSES](c.options).augmentImage(image);
      expect(out.dtype).toBe('float32');
      expect(maxAbsDiff(out, decodeImage(c.output))).toBeLessThanOrEqual(FLOAT_TOLERANCE);
    });
  }
});
