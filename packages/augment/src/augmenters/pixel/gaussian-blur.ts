/**
 * imgaug's blur_gaussian_ on uint8 images, which runs cv2.GaussianBlur with BORDER_REFLECT_101.
 * OpenCV blurs uint8 images bit-exactly in fixed point: a kernel of 8-bit fractions summing to
 * exactly 256 (rounded with error diffusion from the double-precision Gaussian), a horizontal then
 * a vertical pass in integers, and the result rounded half up from 16 fractional bits. The same
 * integers here give imgaug's output exactly.
 */
import type { Tensor } from '@x/tensor';
import { handleContinuousParam, type ContinuousArg } from '../../parameters/handle';
import type { StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import type { AugmenterOptions } from '../base';
import { padBorder, withChannelAxis } from './border';
import { PixelAugmenter } from './pixel-augmenter';
import { cvRound } from './cv-round';
import { assertUint8Image } from './uint8-image';

/** imgaug's kernel size for sigma (covering 99%, 97% or 95% of the weight, at least 5), made odd. */
export function gaussianKernelSize(sigma: number): number {
  const size = sigma < 3 ? 3.3 * sigma : sigma < 5 ? 2.9 * sigma : 2.6 * sigma;
  const k = Math.trunc(Math.max(size, 5));
  return k % 2 === 0 ? k + 1 : k;
}

/**
 * OpenCV's fixed-point Gaussian kernel of odd size n: weights in units of 1/256 that sum to 256,
 * the outer ones rounded with the rounding error carried inwards, the centre taking the rest.
 */
export function fixedPointGaussianKernel(n: number, sigma: number): number[] {
  if (n % 2 !== 1) throw new RangeError(`expected an odd kernel size, got ${n}`);
  const half = (n - 1) / 2;
  const scale = -0.125 / (sigma * sigma);
  const outer: number[] = [];
  let sum = 0;
  for (let i = 0, x = 1 - n; i < half; i++, x += 2) {
    const t = Math.exp(x * x * scale);
    outer.push(t);
    sum += t;
  }
  const norm = 1 / (sum * 2 + 1);
  const kernel = new Array<number>(n);
  let err = 0;
  let fixedSum = 0;
  for (let i = 0; i < half; i++) {
    const adjusted = outer[i]! * norm * 256 + err;
    const v = cvRound(adjusted);
    err = adjusted - v;
    kernel[i] = v;
    kernel[n - 1 - i] = v;
    fixedSum += v;
  }
  kernel[half] = 256 - 2 * fixedSum;
  return kernel;
}

/** Σ_k weights[k] · x shifted by k along dim (x already padded by weights.length − 1 there). */
function weightedTaps(x: Tensor, dim: number, size: number, weights: readonly number[]): Tensor {
  let acc = x.narrow(dim, 0, size).mul(weights[0]!);
  for (let k = 1; k < weights.length; k++) acc = acc.add(x.narrow(dim, k, size).mul(weights[k]!));
  return acc;
}

/** blurGaussian's options. */
export interface GaussianBlurOptions {
  /** The kernel's size (made odd); by default imgaug's for sigma. */
  ksize?: number | null;
  /** Sigmas up to eps leave the image unchanged (imgaug's 1e-3). */
  eps?: number;
}

/**
 * Blurs a uint8 `[H, W]` or `[H, W, C]` image with a Gaussian of standard deviation sigma.
 *
 * @example
 * blurGaussian(image, 1.5);
 * blurGaussian(image, 1.5, { ksize: 3 });
 */
export function blurGaussian(image: Tensor, sigma: number, options: GaussianBlurOptions = {}): Tensor {
  assertUint8Image(image, 'blurGaussian');
  if (!(sigma >= 0)) throw new RangeError(`blurGaussian: expected a non-negative sigma, got ${sigma}`);
  if (sigma <= (options.eps ?? 1e-3) || image.numel() === 0) return image.clone();
  let ksize = options.ksize ?? gaussianKernelSize(sigma);
  if (ksize % 2 === 0) ksize += 1;
  if (ksize <= 1) return image.clone();
  const kernel = fixedPointGaussianKernel(ksize, sigma);
  const r = (ksize - 1) / 2;
  return withChannelAxis(image, (hwc) => {
    const [height, width] = hwc.shape as [number, number];
    const padded = padBorder(hwc.to('int32'), r, r, r, r, 'reflect101');
    const rows = weightedTaps(padded, 1, width, kernel);
    const both = weightedTaps(rows, 0, height, kernel);
    return both.add(1 << 15).div(1 << 16, { roundingMode: 'floor' }).to('uint8');
  });
}

export interface GaussianBlurAugmenterOptions extends AugmenterOptions {
  /** The Gaussian's standard deviation (default [0, 3]). */
  sigma?: ContinuousArg;
}

/**
 * Blurs each image with a Gaussian of a sigma drawn per image (imgaug's `iaa.GaussianBlur`).
 *
 * @example
 * new iaa.GaussianBlur([0, 3.0]);
 */
export class GaussianBlur extends PixelAugmenter {
  readonly sigma: StochasticParameter<number>;
  /** Sigmas up to eps leave the image as it is (imgaug's 1e-3). */
  readonly eps = 1e-3;

  constructor(sigma?: ContinuousArg | GaussianBlurAugmenterOptions, options?: GaussianBlurAugmenterOptions) {
    const args = parseArguments('GaussianBlur', [sigma, options], ['sigma']);
    super(args);
    this.sigma = handleContinuousParam(args.sigma ?? [0, 3], 'sigma', { valueRange: [0, null] });
  }

  protected augmentImages_(images: Tensor[], randomState: RandomState): Tensor[] {
    const sigmas = this.sigma.drawValues(images.length, randomState);
    return images.map((image, i) => blurGaussian(image, sigmas[i]!, { eps: this.eps }));
  }

  override getParameters(): unknown[] {
    return [this.sigma];
  }
}
