import { describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import { Affine } from '../src/augmenters/geometric/affine';
import { CenterCropToFixedSize, CenterPadToFixedSize, CropToFixedSize, PadToFixedSize } from '../src/augmenters/size/fixed-size';
import { Crop, CropAndPad, Pad } from '../src/augmenters/size/crop-and-pad';
import { Resize } from '../src/augmenters/size/resize';
import { Polygon, PolygonsOnImage } from '../src/augmentables/polygons';
import { caseLabel, decodeImage, loadGeoFixture } from './support/geo-fixtures';

registerWasmBackend();

const CLASSES = { Affine, Crop, Pad, CropAndPad, Resize, CropToFixedSize, CenterCropToFixedSize, PadToFixedSize, CenterPadToFixedSize } as const;

// imgaug moves a polygon's points exactly as it moves keypoints: a polygon through the fixture's
// keypoints must land where imgaug put those keypoints.
describe('polygons move as imgaug moves their points', () => {
  for (const name of ['geometric-affine.json', 'size-crop-pad.json', 'size-resize.json', 'size-fixed.json']) {
    const fixture = loadGeoFixture(name);
    for (const c of fixture.cases) {
      it(`${name}: ${caseLabel(c)}`, () => {
        const image = decodeImage(fixture.images[c.image]!);
        const aug = new CLASSES[c.augmenter as keyof typeof CLASSES](c.options);
        const psoi = new PolygonsOnImage([new Polygon(fixture.keypoints)], image.shape);
        const out = aug.augmentPolygons(psoi);
        expect([...out.shape]).toEqual(c.keypointsShape);
        out.polygons[0]!.exterior.forEach(([x, y], j) => {
          expect(x).toBeCloseTo(c.keypoints[j]![0], 5);
          expect(y).toBeCloseTo(c.keypoints[j]![1], 5);
        });
      });
    }
  }
});
