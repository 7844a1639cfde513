import { readFileSync } from 'node:fs';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';

/** An image as tools/gen_augment_geo_fixtures.py writes it: its shape, dtype and little-endian bytes in base64. */
export interface EncodedImage {
  shape: number[];
  dtype: 'uint8' | 'float32';
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
  const bytes = Buffer.from(image.b64, 'base64');
  const data = image.dtype === 'float32' ? new Float32Array(new Uint8Array(bytes).buffer) : new Uint8Array(bytes);
  return torch.tensor(data, { dtype: image.dtype }).reshape(image.shape);
}

/** The largest absolute difference between two images of the same shape and dtype (Infinity when they differ in either). */
export function maxAbsDiff(actual: Tensor, expected: Tensor): number {
  if (actual.shape.join() !== expected.shape.join() || actual.dtype !== expected.dtype) return Infinity;
  const a = actual.contiguous().numpy() as ArrayLike<number>;
  const b = expected.contiguous().numpy() as ArrayLike<number>;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** A short label for a case in test names. */
export function caseLabel(c: GeoCase): string {
  return `${c.augmenter}(${JSON.stringify(c.options)}) on ${c.image}`;
}
