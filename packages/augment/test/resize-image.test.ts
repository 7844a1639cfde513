import { describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import { resizeImage, type ResizeInterpolation } from '../src/augmenters/size/resize-image';
import { caseLabel, decodeImage, loadGeoFixture, maxAbsDiff } from './support/geo-fixtures';

registerWasmBackend();

const fixture = loadGeoFixture('size-resize.json');

describe('resizeImage equals imgaug 0.4 Resize (cv2.resize) on fixed sizes', () => {
  for (const c of fixture.cases) {
    it(caseLabel(c), () => {
      const expected = decodeImage(c.output);
      const [height, width] = expected.shape as [number, number];
      const out = resizeImage(decodeImage(fixture.images[c.image]!), height, width, c.options.interpolation as ResizeInterpolation);
      expect(maxAbsDiff(out, expected)).toBe(0);
    });
  }
});
