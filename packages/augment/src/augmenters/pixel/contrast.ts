/**
 * imgaug's contrast curves on uint8 images (adjust_contrast_gamma, adjust_contrast_sigmoid,
 * adjust_contrast_log, adjust_contrast_linear): a 256-entry float32 table, clipped to 0–255 and truncated, applied to
 * every pixel; and the augmenters drawing their parameters (GammaContrast, SigmoidContrast,
 * LogContrast, LinearContrast).
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { handleContinuousParam, handleProbabilityParam, type ContinuousArg, type ProbabilityArg } from '../../parameters/handle';
import type { StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import type { AugmenterOptions } from '../base';
import { PixelAugmenter } from './pixel-augmenter';
import { applyLut, assertUint8Image, unitRangeFloat32 } from './uint8-image';

/**
 * v ↦ 255·(v/255)^gamma.
 *
 * @example
 * adjustContrastGamma(image, 0.5);   // brighter
 */
export function adjustContrastGamma(image: Tensor, gamma: number): Tensor {
  assertUint8Image(image, 'adjustContrastGamma');
  return applyLut(image, unitRangeFloat32().pow(gamma).mul(255));
}

/**
 * v ↦ 255 / (1 + exp(gain·(cutoff − v/255))).
 *
 * @example
 * adjustContrastSigmoid(image, 10, 0.5);
 */
export function adjustContrastSigmoid(image: Tensor, gain: number, cutoff: number): Tensor {
  assertUint8Image(image, 'adjustContrastSigmoid');
  const table = unitRangeFloat32().neg().add(cutoff).mul(gain).exp().add(1).reciprocal().mul(255);
  return applyLut(image, table);
}

/**
 * v ↦ 255·gain·log2(1 + v/255).
 *
 * @example
 * adjustContrastLog(image, 0.8);
 */
export function adjustContrastLog(image: Tensor, gain: number): Tensor {
  assertUint8Image(image, 'adjustContrastLog');
  // imgaug multiplies 255 by the float32 gain first, in float32.
  return applyLut(image, unitRangeFloat32().add(1).log2().mul(Math.fround(255 * Math.fround(gain))));
}

/**
 * v ↦ 127 + alpha·(v − 127).
 *
 * @example
 * adjustContrastLinear(image, 1.5);
 */
export function adjustContrastLinear(image: Tensor, alpha: number): Tensor {
  assertUint8Image(image, 'adjustContrastLinear');
  const center = 127;
  return applyLut(image, torch.arange(256, { dtype: 'float32' }).sub(center).mul(alpha).add(center));
}

/**
 * imgaug's _ContrastFuncWrapper: draws the curve's parameters once per image (or, with perChannel,
 * once per channel) and applies the curve.
 */
abstract class ContrastAugmenter extends PixelAugmenter {
  readonly perChannel: StochasticParameter<number>;

  constructor(args: Record<string, unknown>) {
    super(args);
    this.perChannel = handleProbabilityParam(args.perChannel ?? false, 'perChannel');
  }

  /** The curve's parameters, in the kernel's order. */
  protected abstract get curveParameters(): StochasticParameter<number>[];

  protected abstract curve(image: Tensor, values: number[]): Tensor;

  protected augmentImages_(images: Tensor[], randomState: RandomState): Tensor[] {
    const [rsPerChannel, ...rss] = randomState.deriveMany(1 + images.length) as [RandomState, ...RandomState[]];
    const perChannel = this.perChannel.drawValues(images.length, rsPerChannel);
    return images.map((image, i) => {
      const channels = perChannel[i]! > 0.5 ? image.shape[2]! : 1;
      const samples = this.curveParameters.map((param) => param.drawValues(channels, rss[i]!));
      if (perChannel[i]! <= 0.5) return this.curve(image, samples.map((s) => s[0]!));
      const planes = image.unbind(2).map((plane, c) => this.curve(plane, samples.map((s) => s[c]!)));
      return torch.stack(planes, 2);
    });
  }

  override getParameters(): unknown[] {
    return [...this.curveParameters, this.perChannel];
  }
}

export interface GammaContrastOptions extends AugmenterOptions {
  /** The exponent (default [0.7, 1.7]). */
  gamma?: ContinuousArg;
  perChannel?: ProbabilityArg;
}

/**
 * v ↦ 255·(v/255)^gamma (imgaug's `iaa.GammaContrast`).
 *
 * @example
 * new iaa.GammaContrast([0.5, 2.0], { perChannel: true });
 */
export class GammaContrast extends ContrastAugmenter {
  readonly gamma: StochasticParameter<number>;

  constructor(gamma?: ContinuousArg | GammaContrastOptions, options?: GammaContrastOptions) {
    const args = parseArguments('GammaContrast', [gamma, options], ['gamma', 'perChannel']);
    super(args);
    this.gamma = handleContinuousParam(args.gamma ?? [0.7, 1.7], 'gamma', { valueRange: [0, null] });
  }

  protected get curveParameters(): StochasticParameter<number>[] {
    return [this.gamma];
  }

  protected curve(image: Tensor, [gamma]: number[]): Tensor {
    return adjustContrastGamma(image, gamma!);
  }
}

export interface SigmoidContrastOptions extends AugmenterOptions {
  /** The curve's steepness (default [5, 6]). */
  gain?: ContinuousArg;
  /** Where (in 0–1) the curve is centred (default [0.3, 0.6]). */
  cutoff?: ContinuousArg;
  perChannel?: ProbabilityArg;
}

/**
 * v ↦ 255 / (1 + exp(gain·(cutoff − v/255))) (imgaug's `iaa.SigmoidContrast`).
 *
 * @example
 * new iaa.SigmoidContrast({ gain: [3, 10], cutoff: [0.4, 0.6] });
 */
export class SigmoidContrast extends ContrastAugmenter {
  readonly gain: StochasticParameter<number>;
  readonly cutoff: StochasticParameter<number>;

  constructor(gain?: ContinuousArg | SigmoidContrastOptions, cutoff?: ContinuousArg | SigmoidContrastOptions, options?: SigmoidContrastOptions) {
    const args = parseArguments('SigmoidContrast', [gain, cutoff, options], ['gain', 'cutoff', 'perChannel']);
    super(args);
    this.gain = handleContinuousParam(args.gain ?? [5, 6], 'gain', { valueRange: [0, null] });
    this.cutoff = handleContinuousParam(args.cutoff ?? [0.3, 0.6], 'cutoff', { valueRange: [0, 1] });
  }

  protected get curveParameters(): StochasticParameter<number>[] {
    return [this.gain, this.cutoff];
  }

  protected curve(image: Tensor, [gain, cutoff]: number[]): Tensor {
    return adjustContrastSigmoid(image, gain!, cutoff!);
  }
}

export interface LogContrastOptions extends AugmenterOptions {
  /** The curve's gain (default [0.4, 1.6]). */
  gain?: ContinuousArg;
  perChannel?: ProbabilityArg;
}

/**
 * v ↦ 255·gain·log2(1 + v/255) (imgaug's `iaa.LogContrast`).
 *
 * @example
 * new iaa.LogContrast([0.6, 1.4], { perChannel: true });
 */
export class LogContrast extends ContrastAugmenter {
  readonly gain: StochasticParameter<number>;

  constructor(gain?: ContinuousArg | LogContrastOptions, options?: LogContrastOptions) {
    const args = parseArguments('LogContrast', [gain, options], ['gain', 'perChannel']);
    super(args);
    this.gain = handleContinuousParam(args.gain ?? [0.4, 1.6], 'gain', { valueRange: [0, null] });
  }

  protected get curveParameters(): StochasticParameter<number>[] {
    return [this.gain];
  }

  protected curve(image: Tensor, [gain]: number[]): Tensor {
    return adjustContrastLog(image, gain!);
  }
}

export interface LinearContrastOptions extends AugmenterOptions {
  /** The factor contrast is scaled by around 127 (default [0.6, 1.4]). */
  alpha?: ContinuousArg;
  perChannel?: ProbabilityArg;
}

/**
 * v ↦ 127 + alpha·(v − 127) (imgaug's `iaa.LinearContrast`).
 *
 * @example
 * new iaa.LinearContrast([0.4, 1.6]);
 */
export class LinearContrast extends ContrastAugmenter {
  readonly alpha: StochasticParameter<number>;

  constructor(alpha?: ContinuousArg | LinearContrastOptions, options?: LinearContrastOptions) {
    const args = parseArguments('LinearContrast', [alpha, options], ['alpha', 'perChannel']);
    super(args);
    this.alpha = handleContinuousParam(args.alpha ?? [0.6, 1.4], 'alpha');
  }

  protected get curveParameters(): StochasticParameter<number>[] {
    return [this.alpha];
  }

  protected curve(image: Tensor, [alpha]: number[]): Tensor {
    return adjustContrastLinear(image, alpha!);
  }
}
