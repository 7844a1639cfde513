import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import * as torch from '@x/tensor';
import { Affine } from '../src/augmenters/geometric/affine';
import { CenterCropToFixedSize, PadToFixedSize } from '../src/augmenters/size/fixed-size';
import { Crop, Pad } from '../src/augmenters/size/crop-and-pad';
import { Resize } from '../src/augmenters/size/resize';
import { HeatmapsOnImage } from '../src/augmentables/heatmaps';
import { SegmentationMapsOnImage } from '../src/augmentables/segmaps';

registerWasmBackend();

interface MapArray {
  shape: number[];
  data: number[];
  imageShape?: number[];
}
interface MapsFixture {
  imageShape: number[];
  heatmap: MapArray;
  segmap: MapArray;
  cases: { augmenter: string; options: Record<string, unknown>; heatmap: MapArray; segmap: MapArray }[];
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/geometric-size-maps.json', import.meta.url), 'utf8')) as MapsFixture;
const CLASSES = { Affine, Crop, Pad, Resize, CenterCropToFixedSize, PadToFixedSize } as const;

// Heatmaps are float32: imgaug's OpenCV calls interpolate them in float32 with float weights, this
// port sums the same weights in float64 and rounds once, so values may differ in the last float32 bits.
const HEATMAP_TOLERANCE = 1e-5;

describe('heatmaps and segmentation maps move as imgaug 0.4 moves them', () => {
  for (const c of fixture.cases) {
    it(`${c.augmenter}(${JSON.stringify(c.options)})`, () => {
      const heatmaps = new HeatmapsOnImage(torch.tensor(fixture.heatmap.data, { dtype: 'float32' }).reshape(fixture.heatmap.shape), { shape: fixture.imageShape });
      const segmaps = new SegmentationMapsOnImage(torch.tensor(fixture.segmap.data, { dtype: 'int32' }).reshape(fixture.segmap.shape), fixture.imageShape);
      const aug = new CLASSES[c.augmenter as keyof typeof CLASSES](c.options);
      const out = aug.augment({ heatmaps, segmentationMaps: segmaps });
      const hm = out.heatmaps as HeatmapsOnImage;
      expect(hm.arr0to1.shape).toEqual(c.heatmap.shape);
      expect([...hm.shape]).toEqual(c.heatmap.imageShape);
      const values = Array.from(hm.arr0to1.contiguous().numpy() as Float32Array);
      values.forEach((v, i) => expect(Math.abs(v - c.heatmap.data[i]!)).toBeLessThanOrEqual(HEATMAP_TOLERANCE));
      const sm = out.segmentationMaps as SegmentationMapsOnImage;
      expect(sm.arr.shape.slice(0, 2)).toEqual(c.segmap.shape.slice(0, 2));
      expect([...sm.shape]).toEqual(c.segmap.imageShape);
      expect(Array.from(sm.arr.contiguous().numpy() as Int32Array)).toEqual(c.segmap.data);
    });
  }
});
