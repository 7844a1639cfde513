/** Runs fixture cases: each augmenter on its image and annotations, compared with imgaug's output. */
import { expect, test } from 'vitest';
import { decodeTensor } from '@x/tensor/testing';
import type { Tensor } from '@x/tensor';
import { type AugmenterCase, buildAugmenter, encodeAnnotation, inputAnnotation, inputImage } from './core-fixtures';

/** One vitest test per case: outputs must equal imgaug's (exactly, but for resized heatmaps: see below). */
export function testAugmenterCases(cases: readonly AugmenterCase[]): void {
  for (const c of cases) {
    test(c.name, () => {
      const aug = buildAugmenter(c.augmenter);
      const annotations = Object.fromEntries(c.kinds.map((k) => [k, [inputAnnotation(c.image, k)]]));
      const out = aug.augment({ ...(c.images === null ? {} : { images: [inputImage(c.image)] }), ...annotations }) as Record<string, unknown>;
      if (c.images !== null) {
        const got = (out.images as Tensor[])[0]!;
        const want = decodeTensor(c.images[0]!);
        expect(got.dtype).toBe(want.dtype);
        expect(got.shape).toEqual(want.shape);
        expect(Array.from(got.numpy() as ArrayLike<number>)).toEqual(Array.from(want.numpy() as ArrayLike<number>));
      }
      for (const k of c.kinds) {
        const got = encodeAnnotation(k, (out[k] as unknown[])[0]);
        const want = c.annotations[k]!;
        if (want.xy) want.xy.forEach((p, i) => p.forEach((v, j) => expect(got.xy![i]![j]).toBeCloseTo(v, 5)));
        else if (want.boxes) want.boxes.forEach((b, i) => b.forEach((v, j) => expect(got.boxes![i]![j]).toBeCloseTo(v, 5)));
        else if (want.polygons) want.polygons.forEach((p, i) => p.forEach((pt, j) => pt.forEach((v, d) => expect(got.polygons![i]![j]![d]).toBeCloseTo(v, 5))));
        else {
          const w = decodeTensor(want.arr!);
          const wantData = Array.from(w.numpy() as ArrayLike<number>);
          expect({ shape: got.arr!.shape, dtype: got.arr!.dtype }).toEqual({ shape: [...w.shape], dtype: w.dtype });
          // Heatmaps resized back (Rot90 keepSize) go through a float cubic resize: OpenCV sums in float32, this port in
          // float64, so values agree within 1e-5; everything else only moves values and is exact.
          if (k === 'heatmaps') got.arr!.data.forEach((v, i) => expect(Math.abs(Number(v) - wantData[i]!)).toBeLessThanOrEqual(1e-5));
          else expect(got.arr!.data).toEqual(wantData);
        }
        expect(got.shape).toEqual(want.shape);
        if (want.labels) expect(got.labels).toEqual(want.labels);
      }
    });
  }
}
