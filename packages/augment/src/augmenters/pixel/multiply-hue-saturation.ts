/**
 * imgaug's MultiplyHueAndSaturation, MultiplyHue, MultiplySaturation and RemoveSaturation. imgaug runs them as
 * WithHueAndSaturation over Multiply children: RGB → OpenCV HSV; hue mapped to 0–255 as an int16
 * (float32 h/180·255, truncated) and saturation as an int16; each multiplied in float32 and rounded
 * half to even (Multiply on int16 images); then the hue taken mod 255 and mapped back (float32
 * h/255·180, truncated), the saturation clipped to 0–255, and HSV → RGB. The mapping there and back
 * shifts some hues by one even at multiplier 1, as in imgaug.
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { Subtract } from '../../parameters/arithmetic';
import { handleContinuousParam, handleProbabilityParam, type ContinuousArg, type ProbabilityArg } from '../../parameters/handle';
import type { StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import type { AugmenterOptions } from '../base';
import { hsvToRgb, rgbToHsv } from './hsv';
import { drawHueSaturation, hueSaturationParams } from './hue-saturation-params';
import { PixelAugmenter } from './pixel-augmenter';
import { assertFromRgb } from './uint8-image';

const INT16_MIN = -32768;
const INT16_MAX = 32767;

/** An int16-valued channel (held as int32) times multiplier in float32, rounded half to even and clipped to int16. */
function multiplyInt16(channel: Tensor, multiplier: number): Tensor {
  return channel.to('float32').mul(multiplier).round().clamp(INT16_MIN, INT16_MAX).to('int32');
}

/**
 * A uint8 RGB image with its hue and saturation multiplied (null leaves that channel's values, but
 * the hue still makes imgaug's round trip through 0–255).
 *
 * @example
 * multiplyHueAndSaturation(image, 1.2, 0.5);
 */
export function multiplyHueAndSaturation(image: Tensor, mulHue: number | null, mulSaturation: number | null): Tensor {
  const [h, s, v] = rgbToHsv(image).unbind(2) as [Tensor, Tensor, Tensor];
  let hue = h.to('float32').div(180).mul(255).trunc().to('int32');
  let saturation = s.to('int32');
  if (mulHue !== null) hue = multiplyInt16(hue, mulHue);
  if (mulSaturation !== null) saturation = multiplyInt16(saturation, mulSaturation);
  const hueBack = torch.remainder(hue, 255).to('float32').div(255).mul(180).trunc().to('uint8');
  return hsvToRgb(torch.stack([hueBack, saturation.clamp(0, 255).to('uint8'), v], 2));
}

export interface MultiplyHueAndSaturationOptions extends AugmenterOptions {
  /** One multiplier for hue and saturation (exclusive with mulHue/mulSaturation). */
  mul?: ContinuousArg | null;
  /** The hue multiplier (−10..10); default [0.5, 1.5] when no multiplier is given. */
  mulHue?: ContinuousArg | null;
  /** The saturation multiplier (0..10); default [0.0, 1.7] when no multiplier is given. */
  mulSaturation?: ContinuousArg | null;
  /** With mul: the probability of drawing hue's and saturation's multipliers apart (default false). */
  perChannel?: ProbabilityArg;
  /** The images' colour space; only 'RGB' here. */
  fromColorspace?: 'RGB';
}

/**
 * Multiplies the hue and saturation of RGB images in OpenCV's HSV (imgaug's `iaa.MultiplyHueAndSaturation`).
 *
 * @example
 * new iaa.MultiplyHueAndSaturation({ mulHue: [0.5, 1.5], mulSaturation: [0.5, 1.5] });
 * new iaa.MultiplyHueAndSaturation([0.5, 1.5], { perChannel: true });
 */
export class MultiplyHueAndSaturation extends PixelAugmenter {
  readonly mul: StochasticParameter<number> | null;
  readonly mulHue: StochasticParameter<number> | null;
  readonly mulSaturation: StochasticParameter<number> | null;
  readonly perChannel: StochasticParameter<number>;
  readonly fromColorspace = 'RGB';

  constructor(mul?: ContinuousArg | null | MultiplyHueAndSaturationOptions, options?: MultiplyHueAndSaturationOptions) {
    const args = parseArguments(new.target.name, [mul, options], ['mul', 'mulHue', 'mulSaturation', 'perChannel', 'fromColorspace']);
    super(args);
    assertFromRgb(new.target.name, args.fromColorspace);
    const params = hueSaturationParams(new.target.name, { both: args.mul, hue: args.mulHue, saturation: args.mulSaturation },
      ['mul', 'mulHue', 'mulSaturation'], [[0.5, 1.5], [0, 1.7]],
      (arg, name) => handleContinuousParam(arg, name, { valueRange: name === 'mulSaturation' ? [0, 10] : [-10, 10] }));
    this.mul = params.both;
    this.mulHue = params.hue;
    this.mulSaturation = params.saturation;
    this.perChannel = handleProbabilityParam(args.perChannel ?? false, 'perChannel');
  }

  protected augmentImages_(images: Tensor[], randomState: RandomState): Tensor[] {
    const [hues, saturations] = drawHueSaturation({ both: this.mul, hue: this.mulHue, saturation: this.mulSaturation }, this.perChannel, images.length, randomState);
    return images.map((image, i) => multiplyHueAndSaturation(image, hues[i]!, saturations[i]!));
  }

  override getParameters(): unknown[] {
    return [this.mul, this.mulHue, this.mulSaturation, this.perChannel, this.fromColorspace];
  }
}

export interface MultiplyHueOptions extends AugmenterOptions {
  /** The multiplier (default [-3, 3] for hue, [0, 3] for saturation). */
  mul?: ContinuousArg;
  fromColorspace?: 'RGB';
}

/**
 * Multiplies the hue of RGB images (imgaug's `iaa.MultiplyHue`).
 *
 * @example
 * new iaa.MultiplyHue([0.5, 1.5]);
 */
export class MultiplyHue extends MultiplyHueAndSaturation {
  constructor(mul?: ContinuousArg | MultiplyHueOptions, options?: MultiplyHueOptions) {
    const args = parseArguments('MultiplyHue', [mul, options], ['mul', 'fromColorspace']);
    super({ mulHue: args.mul ?? [-3, 3], fromColorspace: args.fromColorspace, seed: args.seed, name: args.name, deterministic: args.deterministic } as MultiplyHueAndSaturationOptions);
  }
}

/**
 * Multiplies the saturation of RGB images (imgaug's `iaa.MultiplySaturation`).
 *
 * @example
 * new iaa.MultiplySaturation([0.0, 2.0]);
 */
export class MultiplySaturation extends MultiplyHueAndSaturation {
  constructor(mul?: ContinuousArg | MultiplyHueOptions, options?: MultiplyHueOptions) {
    const args = parseArguments('MultiplySaturation', [mul, options], ['mul', 'fromColorspace']);
    super({ mulSaturation: args.mul ?? [0, 3], fromColorspace: args.fromColorspace, seed: args.seed, name: args.name, deterministic: args.deterministic } as MultiplyHueAndSaturationOptions);
  }
}

/**
 * Lowers the saturation by a share mul in [0, 1] (imgaug's `iaa.RemoveSaturation`: MultiplySaturation
 * by 1 − mul; the default 1 removes it all).
 *
 * @example
 * new iaa.RemoveSaturation([0.0, 1.0]);
 */
export class RemoveSaturation extends MultiplyHueAndSaturation {
  constructor(mul?: ContinuousArg | MultiplyHueOptions, options?: MultiplyHueOptions) {
    const args = parseArguments('RemoveSaturation', [mul, options], ['mul', 'fromColorspace']);
    const share = handleContinuousParam(args.mul ?? 1, 'mul', { valueRange: [0, 1] });
    super({ mulSaturation: new Subtract(1, share), fromColorspace: args.fromColorspace, seed: args.seed, name: args.name, deterministic: args.deterministic } as MultiplyHueAndSaturationOptions);
  }
}
