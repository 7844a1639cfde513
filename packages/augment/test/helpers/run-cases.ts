/** Runs fixture cases: each augmenter on its image and annotations, compared with imgaug's output. */
import { expect, test } from 'vitest';
import { decodeTensor } from '@x/tensor/testing';
import type { Tensor } from '@x/tensor';
import { type AugmenterCase, buildAugmenter, encodeAnnotation, inputAnnotation, inputImage } from './core-fixtures';

/** One vitest test per case: outputs must equal imgaug's exactly (these augmenters only move values). */
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
          expect(got.arr).toEqual({ shape: [...w.shape], dtype: w.dtype, data: Array.from(w.numpy() as ArrayLike<number>) });
        }
        expect(got.shape).toEqual(want.shape);
        if (want.labels) expect(got.labels).toEqual(want.labels);
      }
    });
  }
}
