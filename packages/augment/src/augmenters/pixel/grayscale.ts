/**
 * imgaug's Grayscale on uint8 RGB images: cv2.cvtColor(RGB2GRAY), which computes
 * (4899·R + 9617·G + 1868·B + 2^13) >> 14 in integers, repeated to three channels and blended
 * with the original by alpha (imgaug's blend_alpha).
 */
import type { Tensor } from '@x/tensor';
import { handleContinuousParam, type ContinuousArg } from '../../parameters/handle';
import type { StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import type { AugmenterOptions } from '../base';
import { PixelAugmenter } from './pixel-augmenter';
import { assertFromRgb, assertThreeChannelImage } from './uint8-image';
import { blendAlpha } from './blend-alpha';

/** OpenCV's fixed-point luma of a uint8 `[H, W, 3]` RGB image, `[H, W]`. */
export function rgbToGray(image: Tensor): Tensor {
  assertThreeChannelImage(image, 'rgbToGray');
  const [r, g, b] = image.to('int32').unbind(2) as [Tensor, Tensor, Tensor];
  return r.mul(4899).add(g.mul(9617)).add(b.mul(1868)).add(1 << 13).div(1 << 14, { roundingMode: 'floor' }).to('uint8');
}

/**
 * The image in grey (still three channels), blended with the original by alpha.
 *
 * @example
 * grayscale(image, 1.0);
 * grayscale(image, 0.5);   // half-way
 */
export function grayscale(image: Tensor, alpha: number): Tensor {
  // imgaug's ChangeColorspace blends with its own eps, 1e-3, not blend_alpha's default.
  const eps = 1e-3;
  const gray = rgbToGray(image);
  if (alpha <= eps) return image.clone();
  return blendAlpha(gray.unsqueeze(2).expand(image.shape as number[]), image, alpha, eps);
}

export interface GrayscaleOptions extends AugmenterOptions {
  /** How much of the grey image is blended in, 0–1 (default 1: all grey). */
  alpha?: ContinuousArg;
  /** The images' colour space; only 'RGB' here. */
  fromColorspace?: 'RGB';
}

/**
 * Turns RGB images grey (still three channels), blended by alpha with the original (imgaug's `iaa.Grayscale`).
 *
 * @example
 * new iaa.Grayscale([0.0, 1.0]);
 */
export class Grayscale extends PixelAugmenter {
  readonly alpha: StochasticParameter<number>;
  readonly fromColorspace = 'RGB';

  constructor(alpha?: ContinuousArg | GrayscaleOptions, options?: GrayscaleOptions) {
    const args = parseArguments('Grayscale', [alpha, options], ['alpha', 'fromColorspace']);
    super(args);
    assertFromRgb('Grayscale', args.fromColorspace);
    this.alpha = handleContinuousParam(args.alpha ?? 1, 'alpha', { valueRange: [0, 1] });
  }

  protected augmentImages_(images: Tensor[], randomState: RandomState): Tensor[] {
    const alphas = this.alpha.drawValues(images.length, randomState.deriveMany(2)[0]!);
    return images.map((image, i) => grayscale(image, alphas[i]!));
  }

  override getParameters(): unknown[] {
    return [this.alpha];
  }
}
