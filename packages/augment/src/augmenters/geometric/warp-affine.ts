import type { Tensor } from '@x/tensor';
import { borderIndex, type BorderMode } from '../border-index';
import { emptyPixels, readImage, toImageTensor, type ImagePixels } from '../image-pixels';
import { cvRound, saturateShort, saturateUint8 } from '../opencv-rounding';
import { INTER_BITS, INTER_TAB_SIZE, REMAP_COEF_BITS, remapTable } from './remap-tables';

/** imgaug's interpolation orders on OpenCV's path: nearest neighbour, bilinear, bicubic. */
export type InterpolationOrder = 0 | 1 | 3;

export interface WarpAffineOptions {
  order: InterpolationOrder;
  mode: BorderMode;
  /** The fill value for mode 'constant', per channel (imgaug draws three; channel c takes cval[c], images with more than three channels take cval[0] everywhere). */
  cval: readonly number[];
  /** The output's [height, width]. */
  outputShape: readonly [number, number];
}

/** Source positions are fixed point with 10 fractional bits before they go to the 1/32 grid (AB_BITS). */
const AB_BITS = 10;
const AB_SCALE = 1 << AB_BITS;

/**
 * Warps an image by a forward affine matrix (row-major 3×3 or 2×3: output = M · input), as
 * imgaug's Affine does through cv2.warpAffine for uint8 images with order 0, 1 or 3: the matrix is
 * inverted, each output pixel's source position is put on OpenCV's 1/32 pixel grid, and uint8
 * images are interpolated with OpenCV's 15-bit fixed-point weights, so results equal OpenCV's.
 * float32 images take the float weights at the same positions.
 *
 * A typed-array loop: the fixed-point positions and weights are integer arithmetic no tensor op
 * reproduces, and each output pixel reads a different, data-dependent neighbourhood.
 *
 * @example
 * warpAffine(image, [1, 0, 2, 0, 1, -3], { order: 1, mode: 'constant', cval: [0, 0, 0], outputShape: [h, w] });
 */
export function warpAffine(image: Tensor, matrix: readonly number[], options: WarpAffineOptions): Tensor {
  if (matrix.length !== 6 && matrix.length !== 9) {
    throw new Error(`warpAffine: expected a 2x3 or 3x3 matrix as 6 or 9 numbers, got ${matrix.length}`);
  }
  if (![0, 1, 3].includes(options.order)) {
    throw new Error(`warpAffine: expected order 0, 1 or 3, got ${options.order}`);
  }
  const src = readImage(image, 'warpAffine');
  const [outHeight, outWidth] = options.outputShape;
  const dst = emptyPixels(src, outHeight, outWidth);
  if (src.height === 0 || src.width === 0 || outHeight === 0 || outWidth === 0) return toImageTensor(dst);
  const inverse = invertAffine(matrix);
  const fill = fillValues(src, options.cval);
  warpPixels(src, dst, inverse, options.order, options.mode, fill);
  return toImageTensor(dst);
}

/** The inverse of the affine part, as cv2.warpAffine computes it (a zero determinant gives zeros). */
function invertAffine(m: readonly number[]): number[] {
  const [a, b, c, d, e, f] = m.length === 9 ? [m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!] : m;
  let det = a! * e! - b! * d!;
  det = det !== 0 ? 1 / det : 0;
  const ia = e! * det;
  const ie = a! * det;
  const ib = b! * -det;
  const id = d! * -det;
  return [ia, ib, -ia * c! - ib * f!, id, ie, -id * c! - ie * f!];
}

/** OpenCV's border value per channel: up to three given values, truncated to integers as imgaug passes them, saturated to uint8. */
function fillValues(src: ImagePixels, cval: readonly number[]): number[] {
  const values: number[] = [];
  for (let ch = 0; ch < src.channels; ch++) {
    const v = Math.trunc(src.channels <= 3 ? (cval[ch] ?? 0) : (cval[0] ?? 0));
    values.push(src.data instanceof Uint8Array ? saturateUint8(v) : v);
  }
  return values;
}

function warpPixels(src: ImagePixels, dst: ImagePixels, m: number[], order: InterpolationOrder, mode: BorderMode, fill: number[]): void {
  const roundDelta = order === 0 ? AB_SCALE / 2 : AB_SCALE / INTER_TAB_SIZE / 2;
  const adelta = new Int32Array(dst.width);
  const bdelta = new Int32Array(dst.width);
  for (let x = 0; x < dst.width; x++) {
    adelta[x] = saturateInt(cvRound(m[0]! * x * AB_SCALE));
    bdelta[x] = saturateInt(cvRound(m[3]! * x * AB_SCALE));
  }
  const sample = order === 0 ? sampleNearest : order === 1 ? sampleBilinear : sampleBicubic;
  for (let y = 0; y < dst.height; y++) {
    const x0 = saturateInt(cvRound((m[1]! * y + m[2]!) * AB_SCALE)) + roundDelta;
    const y0 = saturateInt(cvRound((m[4]! * y + m[5]!) * AB_SCALE)) + roundDelta;
    for (let x = 0; x < dst.width; x++) {
      const out = (y * dst.width + x) * dst.channels;
      if (order === 0) {
        sample(src, dst, out, saturateShort((x0 + adelta[x]!) >> AB_BITS), saturateShort((y0 + bdelta[x]!) >> AB_BITS), 0, mode, fill);
      } else {
        const gx = (x0 + adelta[x]!) >> (AB_BITS - INTER_BITS);
        const gy = (y0 + bdelta[x]!) >> (AB_BITS - INTER_BITS);
        const fraction = (gy & (INTER_TAB_SIZE - 1)) * INTER_TAB_SIZE + (gx & (INTER_TAB_SIZE - 1));
        sample(src, dst, out, saturateShort(gx >> INTER_BITS), saturateShort(gy >> INTER_BITS), fraction, mode, fill);
      }
    }
  }
}

function saturateInt(v: number): number {
  return v < -2147483648 ? -2147483648 : v > 2147483647 ? 2147483647 : v;
}

type Sampler = (src: ImagePixels, dst: ImagePixels, out: number, sx: number, sy: number, fraction: number, mode: BorderMode, fill: number[]) => void;

const sampleNearest: Sampler = (src, dst, out, sx, sy, _fraction, mode, fill) => {
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

const sampleBilinear: Sampler = (src, dst, out, sx, sy, fraction, mode, fill) => sampleKernel(src, dst, out, sx, sy, fraction, mode, fill, 1);

/** Bicubic reads the 4 × 4 block whose second row and column hold the grid position. */
const sampleBicubic: Sampler = (src, dst, out, sx, sy, fraction, mode, fill) => sampleKernel(src, dst, out, sx - 1, sy - 1, fraction, mode, fill, 3);

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
  const xs = new Int32Array(ksize);
  const ys = new Int32Array(ksize);
  for (let k = 0; k < ksize; k++) {
    xs[k] = borderIndex(sx + k, src.width, mode);
    ys[k] = borderIndex(sy + k, src.height, mode);
  }
  for (let ch = 0; ch < c; ch++) {
    let sum = 0;
    for (let ky = 0; ky < ksize; ky++) {
      const y = ys[ky]!;
      for (let kx = 0; kx < ksize; kx++) {
        const x = xs[kx]!;
        const v = x >= 0 && y >= 0 ? src.data[(y * src.width + x) * c + ch]! : fill[ch]!;
        sum += v * weights[wBase + ky * ksize + kx]!;
      }
    }
    dst.data[out + ch] = fixedPoint ? saturateUint8((sum + ROUND_HALF) >> REMAP_COEF_BITS) : sum;
  }
}
