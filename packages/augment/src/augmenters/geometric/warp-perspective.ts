import type { Tensor } from '@x/tensor';
import type { BorderMode } from '../border-index';
import { emptyPixels, readImage, toImageTensor } from '../image-pixels';
import { cvRound, saturateShort } from '../opencv-rounding';
import type { Matrix3 } from './affine-matrix';
import { invert3 } from './perspective-matrix';
import { INTER_BITS, INTER_TAB_SIZE } from './remap-tables';
import { fillValues, samplerFor } from './remap-sampling';

export interface WarpPerspectiveOptions {
  /** 0 nearest neighbour or 1 bilinear (OpenCV's INTER_NEAREST, INTER_LINEAR). */
  order: 0 | 1;
  mode: Extract<BorderMode, 'constant' | 'edge'>;
  /** Fill values for 'constant': three, as imgaug draws them. */
  cval: readonly number[];
  outputShape: readonly [number, number];
}

/** OpenCV works through the output in blocks; a source position sums from its block's first column. */
const BLOCK_SIZE = 32;

/**
 * Warps an image by a forward perspective matrix as cv2.warpPerspective: the matrix is inverted,
 * each output pixel's source position (x, y) = (M·p)/(w) is put on OpenCV's 1/32 grid (summed
 * block-wise as OpenCV does) and sampled with its fixed-point weights.
 *
 * A typed-array loop: per-pixel divisions and fixed-point sampling no tensor op reproduces.
 *
 * @example
 * warpPerspective(image, matrix, { order: 1, mode: 'constant', cval: [0, 0, 0], outputShape: [h, w] });
 */
export function warpPerspective(image: Tensor, matrix: Matrix3, options: WarpPerspectiveOptions): Tensor {
  const src = readImage(image, 'warpPerspective');
  const [outHeight, outWidth] = options.outputShape;
  const dst = emptyPixels(src, outHeight, outWidth);
  if (src.height === 0 || src.width === 0 || outHeight === 0 || outWidth === 0) return toImageTensor(dst);
  const m = invert3(matrix);
  // Up to four channels take OpenCV's Scalar of the three values (a fourth channel 0); more are
  // warped one at a time with the value of channel min(c, 2). OpenCV rounds the Scalar for uint8.
  const fill = fillValues(src, (ch) => (src.channels <= 4 ? (options.cval[ch] ?? 0) : options.cval[Math.min(ch, 2)]!), cvRound);
  const sample = samplerFor(options.order);
  const rowsPerBlock = Math.min(BLOCK_SIZE / 2, outHeight);
  const blockWidth = Math.min(Math.floor((BLOCK_SIZE * BLOCK_SIZE) / rowsPerBlock), outWidth);
  const clampInt = (v: number) => Math.max(-2147483648, Math.min(2147483647, v));
  for (let y = 0; y < outHeight; y++) {
    for (let x0 = 0; x0 < outWidth; x0 += blockWidth) {
      const X0 = m[0]! * x0 + m[1]! * y + m[2]!;
      const Y0 = m[3]! * x0 + m[4]! * y + m[5]!;
      const W0 = m[6]! * x0 + m[7]! * y + m[8]!;
      for (let x1 = 0; x1 < Math.min(blockWidth, outWidth - x0); x1++) {
        let w = W0 + m[6]! * x1;
        const out = (y * outWidth + x0 + x1) * src.channels;
        if (options.order === 0) {
          w = w ? 1 / w : 0;
          const sx = cvRound(clampInt((X0 + m[0]! * x1) * w));
          const sy = cvRound(clampInt((Y0 + m[3]! * x1) * w));
          sample(src, dst, out, saturateShort(sx), saturateShort(sy), 0, options.mode, fill);
        } else {
          w = w ? INTER_TAB_SIZE / w : 0;
          const gx = cvRound(clampInt((X0 + m[0]! * x1) * w));
          const gy = cvRound(clampInt((Y0 + m[3]! * x1) * w));
          const fraction = (gy & (INTER_TAB_SIZE - 1)) * INTER_TAB_SIZE + (gx & (INTER_TAB_SIZE - 1));
          sample(src, dst, out, saturateShort(gx >> INTER_BITS), saturateShort(gy >> INTER_BITS), fraction, options.mode, fill);
        }
      }
    }
  }
  return toImageTensor(dst);
}
