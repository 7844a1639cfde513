/**
 * OpenCV's remap sampling, shared by the warps (cv2.warpAffine, cv2.remap): an output pixel reads
 * the source at a position on OpenCV's 1/32 pixel grid, by nearest neighbour or with the bilinear
 * or bicubic weights for its sub-pixel fraction, with the border mode deciding what lies outside.
 */
import { borderIndex, type BorderMode } from '../border-index';
import type { ImagePixels } from '../image-pixels';
import { saturateUint8 } from '../opencv-rounding';
import { REMAP_COEF_BITS, remapTable } from './remap-tables';

/** imgaug's interpolation orders on OpenCV's path: nearest neighbour, bilinear, bicubic. */
export type InterpolationOrder = 0 | 1 | 3;

/**
 * The border value of each channel as the pixel type holds it: `valueOf(channel)` is what imgaug
 * hands OpenCV for that channel, `toInteger` how it becomes an integer for uint8 images (imgaug
 * truncates with int() on some paths, OpenCV rounds a Scalar on others); uint8 saturates.
 */
export function fillValues(src: ImagePixels, valueOf: (channel: number) => number, toInteger: (v: number) => number): number[] {
  const uint8 = src.data instanceof Uint8Array;
  return Array.from({ length: src.channels }, (_, ch) => (uint8 ? saturateUint8(toInteger(valueOf(ch))) : valueOf(ch)));
}

export type Sampler = (src: ImagePixels, dst: ImagePixels, out: number, sx: number, sy: number, fraction: number, mode: BorderMode, fill: number[]) => void;

export const sampleNearest: Sampler = (src, dst, out, sx, sy, _fraction, mode, fill) => {
  const x = borderIndex(sx, src.width, mode);
  const y = borderIndex(sy, src.height, mode);
  const c = src.channels;
  if (x < 0 || y < 0) {
    for (let ch = 0; ch < c; ch++) dst.data[out + ch] = fill[ch]!;
    return;
  }
  const at = (y * src.width + x) * c;
  for (let ch = 0; ch < c; ch++) dst.data[out + ch] = src.data[at + ch]!;
};

export const sampleBilinear: Sampler = (src, dst, out, sx, sy, fraction, mode, fill) => sampleKernel(src, dst, out, sx, sy, fraction, mode, fill, 1);

/** Bicubic reads the 4 × 4 block whose second row and column hold the grid position. */
export const sampleBicubic: Sampler = (src, dst, out, sx, sy, fraction, mode, fill) => sampleKernel(src, dst, out, sx - 1, sy - 1, fraction, mode, fill, 3);

const ROUND_HALF = 1 << (REMAP_COEF_BITS - 1);

/**
 * A ksize × ksize weighted sum from (sx, sy) on: uint8 in fixed point rounded as OpenCV's
 * FixedPtCast, float32 with float weights. Outside the image, a 'constant' border reads the fill
 * value and the other modes read the reflected or clamped pixel; a block entirely outside a
 * 'constant' border is the fill value (the weights sum to one, so computing it gives the same).
 */
function sampleKernel(src: ImagePixels, dst: ImagePixels, out: number, sx: number, sy: number, fraction: number, mode: BorderMode, fill: number[], order: 1 | 3): void {
  const table = remapTable(order);
  const ksize = table.ksize;
  const c = src.channels;
  const fixedPoint = src.data instanceof Uint8Array;
  const weights = fixedPoint ? table.fixed : table.float;
  const wBase = fraction * ksize * ksize;
  const inside = sx >= 0 && sy >= 0 && sx + ksize <= src.width && sy + ksize <= src.height;
  for (let k = 0; k < ksize; k++) {
    // Inside the image (most pixels) the block is read directly; only border blocks need the mode.
    columns[k] = inside ? sx + k : borderIndex(sx + k, src.width, mode);
    rows[k] = inside ? sy + k : borderIndex(sy + k, src.height, mode);
  }
  for (let ch = 0; ch < c; ch++) {
    let sum = 0;
    for (let ky = 0; ky < ksize; ky++) {
      const y = rows[ky]!;
      const rowStart = y * src.width;
      for (let kx = 0; kx < ksize; kx++) {
        const x = columns[kx]!;
        const v = x >= 0 && y >= 0 ? src.data[(rowStart + x) * c + ch]! : fill[ch]!;
        sum += v * weights[wBase + ky * ksize + kx]!;
      }
    }
    dst.data[out + ch] = fixedPoint ? saturateUint8((sum + ROUND_HALF) >> REMAP_COEF_BITS) : sum;
  }
}

/** The block's source columns and rows (reused: sampling is synchronous and per pixel). */
const columns = new Int32Array(4);
const rows = new Int32Array(4);

/** The sampler for an interpolation order. */
export function samplerFor(order: InterpolationOrder): Sampler {
  return order === 0 ? sampleNearest : order === 1 ? sampleBilinear : sampleBicubic;
}
