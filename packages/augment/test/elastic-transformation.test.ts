import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import * as torch from '@x/tensor';
import { ElasticTransformation, elasticShiftMaps } from '../src/augmenters/geometric/elastic-transformation';
import { Keypoint, KeypointsOnImage } from '../src/augmentables/keypoints';
import { Polygon, PolygonsOnImage } from '../src/augmentables/polygons';
import { RandomState } from '../src/random/random-state';
import { maxAbsDiff } from './support/geo-fixtures';

registerWasmBackend();

interface FieldStatistics {
  alpha: number;
  sigma: number;
  height: number;
  width: number;
  meanStd: number;
}
const { fields } = JSON.parse(readFileSync(new URL('./fixtures/geometric-elastic-fields.json', import.meta.url), 'utf8')) as { fields: FieldStatistics[] };

function std(values: Float32Array): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
}

describe('ElasticTransformation', () => {
  const image = torch.randint(0, 256, [20, 24, 3], { dtype: 'uint8' });

  for (const f of fields) {
    it(`draws displacement fields as spread as imgaug's (alpha ${f.alpha}, sigma ${f.sigma})`, () => {
      const stds: number[] = [];
      for (let seed = 0; seed < 50; seed++) {
        const { dx, dy } = elasticShiftMaps(f.height, f.width, f.alpha, f.sigma, new RandomState(seed));
        stds.push((std(dx) + std(dy)) / 2);
      }
      const mean = stds.reduce((a, b) => a + b, 0) / stds.length;
      // Averaged over 50 fields of 1600 correlated values each, the spread is stable to a few percent.
      expect(Math.abs(mean - f.meanStd) / f.meanStd).toBeLessThan(0.1);
    });
  }

  it('alpha 0 leaves images unchanged, for every order', () => {
    for (const order of [0, 1, 3]) {
      const out = new ElasticTransformation({ alpha: 0, sigma: 3, order, seed: 1 }).augmentImage(image);
      expect(maxAbsDiff(out, image)).toBe(0);
    }
  });

  it('keeps shape and dtype, repeats under toDeterministic(), differs between seeds', () => {
    const det = new ElasticTransformation({ alpha: 20, sigma: 3, seed: 4 }).toDeterministic();
    const a = det.augmentImage(image);
    expect(a.shape).toEqual(image.shape);
    expect(a.dtype).toBe('uint8');
    expect(maxAbsDiff(det.augmentImage(image), a)).toBe(0);
    const b = new ElasticTransformation({ alpha: 20, sigma: 3, seed: 5 }).augmentImage(image);
    expect(maxAbsDiff(a, b)).toBeGreaterThan(0);
  });

  it('moves keypoints with the field when it is strong enough, and leaves them below the thresholds', () => {
    const kps = new KeypointsOnImage([new Keypoint(10, 10)], { shape: [20, 24, 3] });
    const moved = new ElasticTransformation({ alpha: 30, sigma: 3, seed: 2 }).augmentKeypoints(kps).keypoints[0]!;
    expect(Math.hypot(moved.x - 10, moved.y - 10)).toBeGreaterThan(0);
    const still = new ElasticTransformation({ alpha: 30, sigma: 0.5, seed: 2 }).augmentKeypoints(kps).keypoints[0]!;
    expect([still.x, still.y]).toEqual([10, 10]);
  });

  it('refuses polygons (imgaug repairs them after elastic moves; this port does not)', () => {
    const psoi = new PolygonsOnImage([new Polygon([[1, 1], [5, 1], [5, 5]])], [20, 24, 3]);
    expect(() => new ElasticTransformation({ alpha: 5, sigma: 2 }).augmentPolygons(psoi)).toThrow(/cannot augment polygons/);
  });
});
