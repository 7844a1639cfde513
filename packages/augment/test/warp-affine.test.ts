import { describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import { affineMatrix, fitOutput } from '../src/augmenters/geometric/affine-matrix';
import { warpAffine, type InterpolationOrder } from '../src/augmenters/geometric/warp-affine';
import type { BorderMode } from '../src/augmenters/border-index';
import { caseLabel, decodeImage, loadGeoFixture, maxAbsDiff } from './support/geo-fixtures';

registerWasmBackend();

const fixture = loadGeoFixture('geometric-affine.json');

type XY<T> = T | { x?: T; y?: T };
const xy = (v: XY<number> | undefined, fallback: number): [number, number] =>
  v === undefined ? [fallback, fallback] : typeof v === 'number' ? [v, v] : [v.x ?? fallback, v.y ?? fallback];

describe('warpAffine equals imgaug 0.4 Affine (cv2.warpAffine) on fixed parameters', () => {
  for (const c of fixture.cases) {
    it(caseLabel(c), () => {
      const o = c.options as Record<string, unknown>;
      const image = decodeImage(fixture.images[c.image]!);
      const [h, w] = image.shape as [number, number];
      const [scaleX, scaleY] = xy(o.scale as XY<number>, 1);
      const [tpx, tpy] = o.translatePercent !== undefined ? xy(o.translatePercent as XY<number>, 0).map((v, i) => v * (i === 0 ? w : h)) : xy(o.translatePx as XY<number>, 0);
      const shear = o.shear;
      const [shearX, shearY] = typeof shear === 'number' ? [shear, 0] : xy(shear as XY<number>, 0);
      const params = { scaleX, scaleY, translateXPx: tpx!, translateYPx: tpy!, rotateDeg: (o.rotate as number) ?? 0, shearXDeg: shearX, shearYDeg: shearY };
      let matrix = affineMatrix(params, h, w, 0.5);
      let outputShape: [number, number] = [h, w];
      if (o.fitOutput) {
        const fitted = fitOutput(matrix, h, w);
        matrix = fitted.matrix;
        outputShape = [fitted.height, fitted.width];
      }
      const cv = (o.cval as number) ?? 0;
      const out = warpAffine(image, matrix, { order: (o.order as InterpolationOrder) ?? 1, mode: (o.mode as BorderMode) ?? 'constant', cval: [cv, cv, cv], outputShape });
      expect(maxAbsDiff(out, decodeImage(c.output))).toBe(0);
    });
  }
});
