import type { Tensor } from '@x/tensor';
import type { BorderMode } from '../border-index';
import { emptyPixels, readImage, toImageTensor } from '../image-pixels';
import { cvRound, saturateShort } from '../opencv-rounding';
import { INTER_BITS, INTER_TAB_SIZE } from './remap-tables';
import { fillValues, samplerFor, type InterpolationOrder } from './remap-sampling';

export interface RemapOptions {
  order: InterpolationOrder;
  mode: BorderMode;
  /** The fill value for 'constant' (imgaug passes one value, truncated for uint8 images). */
  cval: number;
}

/**
 * Output pixel (y, x) reads the image at (mapY[y·W + x], mapX[y·W + x]), as cv2.remap after
 * cv2.convertMaps to 16-bit fixed point: positions are rounded to OpenCV's 1/32 pixel grid (to whole
 * pixels for nearest neighbour), then sampled with OpenCV's weights.
 *
 * A typed-array loop: every pixel reads its own data-dependent neighbourhood in fixed point.
 *
 * @example
 * remapImage(image, mapX, mapY, { order: 1, mode: 'reflect', cval: 0 });
 */
export function remapImage(image: Tensor, mapX: Float32Array, mapY: Float32Array, options: RemapOptions): Tensor {
  const src = readImage(image, 'remapImage');
  const n = src.height * src.width;
  if (mapX.length !== n || mapY.length !== n) {
    throw new Error(`remapImage: expected maps of ${n} values (the image's ${src.height} x ${src.width}), got ${mapX.length} and ${mapY.length}`);
  }
  const dst = emptyPixels(src, src.height, src.width);
  // imgaug remaps four channels at a time with the Scalar (cval, cval, cval): each group's fourth channel gets 0.
  const fill = fillValues(src, (ch) => (ch % 4 === 3 ? 0 : options.cval), Math.trunc);
  const sample = samplerFor(options.order);
  for (let i = 0; i < n; i++) {
    const out = i * src.channels;
    if (options.order === 0) {
      sample(src, dst, out, saturateShort(cvRound(mapX[i]!)), saturateShort(cvRound(mapY[i]!)), 0, options.mode, fill);
    } else {
      const gx = cvRound(Math.fround(mapX[i]! * INTER_TAB_SIZE));
      const gy = cvRound(Math.fround(mapY[i]! * INTER_TAB_SIZE));
      const fraction = (gy & (INTER_TAB_SIZE - 1)) * INTER_TAB_SIZE + (gx & (INTER_TAB_SIZE - 1));
      sample(src, dst, out, saturateShort(gx >> INTER_BITS), saturateShort(gy >> INTER_BITS), fraction, options.mode, fill);
    }
  }
  return toImageTensor(dst);
}
