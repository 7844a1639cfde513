/**
 * imgaug's AverageBlur kernel on uint8 images: cv2.blur, a box filter with BORDER_REFLECT_101.
 * OpenCV sums the window in integers and, for windows of up to 256 pixels, divides in 16-bit
 * fixed point ((sum + delta) · scale >> 16, which can differ from true rounding by one); larger
 * windows are divided in double precision and rounded half to even. Both are reproduced here.
 */
import type { Tensor } from '@x/tensor';
import { handleDiscreteKernelSizeParam, type DiscreteArg } from '../../parameters/handle';
import type { StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import type { AugmenterOptions } from '../base';
import { padBorder, withChannelAxis } from './border';
import { PixelAugmenter } from './pixel-augmenter';
import { assertUint8Image } from './uint8-image';

/** Σ of `size` consecutive positions along dim (x padded by size − 1 there). */
function windowSum(x: Tensor, dim: number, length: number, size: number): Tensor {
  let acc = x.narrow(dim, 0, length);
  for (let k = 1; k < size; k++) acc = acc.add(x.narrow(dim, k, length));
  return acc;
}

/** OpenCV's fixed-point division by area: (sum + delta) · scale >> 16. */
function fixedPointDivisor(area: number): { scale: number; delta: number } {
  const exact = 65536 / area;
  let scale = Math.floor(exact);
  let delta = Math.floor(area / 2);
  if (exact - scale < 0.5) delta += 1;
  else scale += 1;
  return { scale, delta };
}

/**
 * The mean over a window of `kh` columns by `kw` rows around each pixel. The names are imgaug
 * 0.4's: its AverageBlur hands (k_h, k_w) to cv2.blur, whose size is (width, height).
 *
 * @example
 * averageBlur(image, 3, 3);
 */
export function averageBlur(image: Tensor, kh: number, kw: number): Tensor {
  assertUint8Image(image, 'averageBlur');
  for (const [name, k] of [['kh', kh], ['kw', kw]] as const) {
    if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`averageBlur: expected ${name} to be a positive integer, got ${k}`);
  }
  const [windowWidth, windowHeight] = [kh, kw];
  if ((windowWidth === 1 && windowHeight === 1) || image.numel() === 0) return image.clone();
  const [left, top] = [Math.floor(windowWidth / 2), Math.floor(windowHeight / 2)];
  const area = windowWidth * windowHeight;
  return withChannelAxis(image, (hwc) => {
    const [height, width] = hwc.shape as [number, number];
    const padded = padBorder(hwc.to('int32'), top, windowHeight - 1 - top, left, windowWidth - 1 - left, 'reflect101');
    const sums = windowSum(windowSum(padded, 1, width, windowWidth), 0, height, windowHeight);
    if (area <= 256) {
      const { scale, delta } = fixedPointDivisor(area);
      return sums.add(delta).mul(scale).div(65536, { roundingMode: 'floor' }).to('uint8');
    }
    return sums.to('float64').mul(1 / area).round().to('uint8');
  });
}

export interface AverageBlurOptions extends AugmenterOptions {
  /** The window size: one size (or range, or parameter) for square windows, or a pair [kh, kw] of them (default [1, 7]). */
  k?: DiscreteArg | readonly [DiscreteArg, DiscreteArg];
}

/**
 * Blurs each image with the mean over a window of a size drawn per image (imgaug's `iaa.AverageBlur`).
 * A pair of ranges `[[1, 3], [5, 7]]` draws kh and kw apart (as imgaug's tuple of tuples); mind that
 * imgaug 0.4, copied here, uses kh as the window's width.
 *
 * @example
 * new iaa.AverageBlur([2, 11]);
 */
export class AverageBlur extends PixelAugmenter {
  readonly k: [StochasticParameter<number>, StochasticParameter<number> | null];

  constructor(k?: DiscreteArg | readonly [DiscreteArg, DiscreteArg] | AverageBlurOptions, options?: AverageBlurOptions) {
    const args = parseArguments('AverageBlur', [k, options], ['k']);
    super(args);
    this.k = handleDiscreteKernelSizeParam(args.k ?? [1, 7], 'k', { valueRange: [0, null], allowFloats: false });
  }

  protected augmentImages_(images: Tensor[], randomState: RandomState): Tensor[] {
    const [kParam, kwParam] = this.k;
    let kh: number[];
    let kw: number[];
    if (kwParam === null) {
      kh = kParam.drawValues(images.length, randomState);
      kw = kh;
    } else {
      const [rsH, rsW] = randomState.deriveMany(2) as [RandomState, RandomState];
      kh = kParam.drawValues(images.length, rsH);
      kw = kwParam.drawValues(images.length, rsW);
    }
    return images.map((image, i) => (kh[i] === 0 || kw[i] === 0 ? image : averageBlur(image, kh[i]!, kw[i]!)));
  }

  override getParameters(): unknown[] {
    return [this.k];
  }
}
