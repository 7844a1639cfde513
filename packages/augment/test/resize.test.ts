import { describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import * as torch from '@x/tensor';
import { Resize } from '../src/augmenters/size/resize';
import { HeatmapsOnImage } from '../src/augmentables/heatmaps';
import { SegmentationMapsOnImage } from '../src/augmentables/segmaps';
import { expectCaseLikeImgaug } from './support/annotations';
import { caseLabel, loadGeoFixture } from './support/geo-fixtures';

registerWasmBackend();

const fixture = loadGeoFixture('size-resize.json');

describe('Resize equals imgaug 0.4 on fixed sizes (cv2.resize: nearest, linear, area, cubic)', () => {
  for (const c of fixture.cases) {
    // OpenCV's fixed-point arithmetic (and its vector loops' rounding) is reproduced: images equal
    // imgaug's exactly; coordinates are projected as float32 arrays, as imgaug's.
    it(caseLabel(c), () => expectCaseLikeImgaug(fixture, c, new Resize(c.options), 10));
  }
});

describe('Resize with drawn sizes and maps', () => {
  const image = torch.randint(0, 256, [12, 16, 3], { dtype: 'uint8' });

  it('draws pixel sizes from a range, both ends included; shapes and dtype follow', () => {
    const outs = new Resize([8, 11], { seed: 4 }).augmentImages(Array.from({ length: 400 }, () => image)) as torch.Tensor[];
    const heights = new Set<number>();
    for (const out of outs) {
      expect(out.dtype).toBe('uint8');
      expect(out.shape[0]).toBe(out.shape[1]);
      heights.add(out.shape[0]!);
    }
    expect([...heights].sort((x, y) => x - y)).toEqual([8, 9, 10, 11]);
  });

  it('resizes heatmaps and segmentation maps with the image, keeping their relative size', () => {
    const heatmaps = new HeatmapsOnImage(torch.rand([6, 8, 1]), { shape: image.shape });
    const segmaps = new SegmentationMapsOnImage(torch.randint(0, 4, [12, 16], { dtype: 'int32' }), image.shape);
    const out = new Resize({ height: 24, width: 8 }).augment({ image, heatmaps, segmentationMaps: segmaps });
    expect(out.image!.shape).toEqual([24, 8, 3]);
    const hm = out.heatmaps as HeatmapsOnImage;
    expect(hm.arr0to1.shape).toEqual([12, 4, 1]);
    expect([...hm.shape]).toEqual([24, 8, 3]);
    const sm = out.segmentationMaps as SegmentationMapsOnImage;
    expect(sm.arr.shape).toEqual([24, 8, 1]);
    // Nearest neighbour: no new class ids.
    expect(sm.arr.max().item()).toBeLessThanOrEqual(3);
  });

  it('refuses sizes it cannot take', () => {
    expect(() => new Resize(0)).toThrow(/> 0/);
    expect(() => new Resize({ height: 'keep-aspect-ratio', width: 'keep-aspect-ratio' })).toThrow(/at most one/);
    expect(() => new Resize(10, { interpolation: 'lanczos' })).toThrow(/interpolation/);
  });
});
