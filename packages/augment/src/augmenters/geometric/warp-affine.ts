import type { Tensor } from '@x/tensor';
import type { BorderMode } from '../border-index';
import { emptyPixels, readImage, toImageTensor, type ImagePixels } from '../image-pixels';
import { cvRound, saturateShort } from '../opencv-rounding';
import { INTER_BITS, INTER_TAB_SIZE } from './remap-tables';
import { fillValues, samplerFor, type InterpolationOrder } from './remap-sampling';

export type { InterpolationOrder } from './remap-sampling';

export interface WarpAffineOptions {
  order: InterpolationOrder;
  mode: BorderMode;
  /** The fill value for mode 'constant', per channel (imgaug draws three; channel c takes cval[c], images with more than three channels take cval[0] everywhere), truncated to an integer as imgaug passes it. */
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
  // imgaug passes int(cval) for three channels; images with more are warped channel by channel with cval[0].
  const fill = fillValues(src, (ch) => Math.trunc(src.channels <= 3 ? (options.cval[ch] ?? 0) : (options.cval[0] ?? 0)), (v) => v);
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

function warpPixels(src: ImagePixels, dst: ImagePixels, m: number[], order: InterpolationOrder, mode: BorderMode, fill: number[]): void {
  const roundDelta = order === 0 ? AB_SCALE / 2 : AB_SCALE / INTER_TAB_SIZE / 2;
  const adelta = new Int32Array(dst.width);
  const bdelta = new Int32Array(dst.width);
  for (let x = 0; x < dst.width; x++) {
    adelta[x] = saturateInt(cvRound(m[0]! * x * AB_SCALE));
    bdelta[x] = saturateInt(cvRound(m[3]! * x * AB_SCALE));
  }
  const sample = samplerFor(order);
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
