import { readFileSync } from 'node:fs';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';

/** A uint8 image as tools/gen_augment_geo_fixtures.py writes it: its shape and base64 bytes. */
export interface EncodedImage {
  shape: number[];
  b64: string;
}

/** One deterministic imgaug call: the augmenter, its options as @x spells them, and what imgaug returned. */
export interface GeoCase {
  augmenter: string;
  options: Record<string, unknown>;
  image: string;
  output: EncodedImage;
  keypoints: [number, number][];
  keypointsShape: number[];
  boxes: [number, number, number, number][];
  boxesShape: number[];
  /** PerspectiveTransform's corner jitter, fixed (4 corners × [x, y]). */
  jitter?: number[];
}

export interface GeoFixture {
  imgaugVersion: string;
  images: Record<string, EncodedImage>;
  keypoints: [number, number][];
  boxes: [number, number, number, number][];
  cases: GeoCase[];
}

export function loadGeoFixture(name: string): GeoFixture {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as GeoFixture;
}

export function decodeImage(image: EncodedImage): Tensor {
  return torch.tensor(new Uint8Array(Buffer.from(image.b64, 'base64')), { dtype: 'uint8' }).reshape(image.shape);
}

/** The largest absolute difference between two uint8 images of the same shape (Infinity when the shapes differ). */
export function maxAbsDiff(actual: Tensor, expected: Tensor): number {
  if (actual.shape.join() !== expected.shape.join()) return Infinity;
  const a = actual.contiguous().numpy() as Uint8Array;
  const b = expected.contiguous().numpy() as Uint8Array;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** A short label for a case in test names. */
export function caseLabel(c: GeoCase): string {
  return `${c.augmenter}(${JSON.stringify(c.options)}) on ${c.image}`;
}
