import { describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import { cropAndPadImage, type Sides } from '../src/augmenters/size/crop-and-pad-image';
import type { BorderMode } from '../src/augmenters/border-index';
import { cvRound } from '../src/augmenters/opencv-rounding';
import { caseLabel, decodeImage, loadGeoFixture, maxAbsDiff } from './support/geo-fixtures';

registerWasmBackend();

const fixture = loadGeoFixture('size-crop-pad.json');

/** A fixed px/percent option as signed amounts per side (positive pads), as CropAndPad draws them. */
function signedSides(options: Record<string, unknown>, sign: number, height: number, width: number): number[] {
  const given = (options.px ?? options.percent) as number | number[];
  const sides = typeof given === 'number' ? [given, given, given, given] : given;
  if (options.px !== undefined) return sides.map((v) => v * sign);
  return sides.map((v, i) => cvRound((i % 2 === 0 ? height : width) * v * sign));
}

describe('cropAndPadImage equals imgaug 0.4 Crop / Pad / CropAndPad on fixed amounts', () => {
  for (const c of fixture.cases) {
    it(caseLabel(c), () => {
      const image = decodeImage(fixture.images[c.image]!);
      const [h, w] = image.shape as [number, number];
      const sign = c.augmenter === 'Crop' ? -1 : 1;
      const amounts = signedSides(c.options, sign, h, w);
      const crop = amounts.map((v) => Math.max(-v, 0)) as unknown as Sides;
      const pad = amounts.map((v) => Math.max(v, 0)) as unknown as Sides;
      const out = cropAndPadImage(image, crop, pad, (c.options.padMode as BorderMode) ?? 'constant', (c.options.padCval as number) ?? 0, (c.options.keepSize as boolean) ?? true);
      expect(maxAbsDiff(out, decodeImage(c.output))).toBe(0);
    });
  }
});
