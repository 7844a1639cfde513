/**
 * imgaug's Multiply, MultiplyElementwise, Dropout and CoarseDropout: multiply uint8 images by a value per image
 * (or per image and channel), or by one per pixel, with imgaug's float32 products, clipped and
 * truncated. Dropout multiplies by a per-pixel 0/1 mask, CoarseDropout by a blocky one.
 */
import type { DType, Tensor } from '@x/tensor';
import { Uniform } from '../../parameters/continuous';
import { Binomial } from '../../parameters/discrete';
import { Choice } from '../../parameters/choice';
import { FromLowerResolution, type FromLowerResolutionOptions } from '../../parameters/from-lower-resolution';
import { handleContinuousParam, handleProbabilityParam, type ContinuousArg, type ProbabilityArg } from '../../parameters/handle';
import { describeArgument, StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import type { AugmenterOptions } from '../base';
import { multiplyElementwise, multiplyScalar } from './arithmetic';
import { drawElementwiseValues, drawPerImageValues } from './channel-draws';
import { PixelAugmenter } from './pixel-augmenter';

export interface MultiplyOptions extends AugmenterOptions {
  /** The multiplier (default [0.8, 1.2]). */
  mul?: ContinuousArg;
  /** The probability of drawing one multiplier per channel instead of one per image (default false). */
  perChannel?: ProbabilityArg;
}

/** What Multiply and MultiplyElementwise share: the mul parameter and perChannel, on uint8 or float32 images. */
abstract class MultiplyingAugmenter extends PixelAugmenter {
  readonly mul: StochasticParameter<number>;
  readonly perChannel: StochasticParameter<number>;

  constructor(who: string, mul: unknown, options: unknown) {
    const args = parseArguments(who, [mul, options], ['mul', 'perChannel']);
    super(args);
    this.mul = handleContinuousParam(args.mul ?? [0.8, 1.2], 'mul');
    this.perChannel = handleProbabilityParam(args.perChannel ?? false, 'perChannel');
  }

  protected override get imageDtypes(): readonly DType[] {
    return ['uint8', 'float32'];
  }

  override getParameters(): unknown[] {
    return [this.mul, this.perChannel];
  }
}

/**
 * Multiplies every pixel by a value (imgaug's `iaa.Multiply`): one draw per image, or per image and channel.
 *
 * @example
 * new iaa.Multiply([0.5, 1.5], { perChannel: 0.5 });
 */
export class Multiply extends MultiplyingAugmenter {
  constructor(mul?: ContinuousArg | MultiplyOptions, options?: MultiplyOptions) {
    super('Multiply', mul, options);
  }

  protected augmentImages_(images: Tensor[], randomState: RandomState): Tensor[] {
    return drawPerImageValues(this.mul, this.perChannel, images, randomState).map((v, i) => multiplyScalar(images[i]!, v));
  }
}

/**
 * Multiplies by a value drawn per pixel (and, with perChannel, per channel) (imgaug's `iaa.MultiplyElementwise`).
 *
 * @example
 * new iaa.MultiplyElementwise([0.5, 1.5], { perChannel: 0.5 });
 */
export class MultiplyElementwise extends MultiplyingAugmenter {
  constructor(mul?: ContinuousArg | MultiplyOptions, options?: MultiplyOptions) {
    super(new.target.name, mul, options);
  }

  protected augmentImages_(images: Tensor[], randomState: RandomState): Tensor[] {
    return drawElementwiseValues(this.mul, this.perChannel, images, randomState).map((v, i) => multiplyElementwise(images[i]!, v));
  }
}

/** A number or [a, b] range of drop probabilities, a choice of them, or a parameter drawing keep masks. */
export type DropoutProbabilityArg = number | readonly [number, number] | Choice<number> | StochasticParameter<number>;

/**
 * The keep-mask parameter for a drop probability, as imgaug's _handle_dropout_probability_param:
 * p gives Binomial(1 − p), [a, b] gives Binomial(Uniform(1 − b, 1 − a)), a choice list gives
 * Binomial(1 − choice); any other parameter is the mask's parameter itself.
 */
export function dropoutKeepParam(p: unknown, name: string): StochasticParameter<number> {
  if (typeof p === 'number' && p >= 0 && p <= 1) return new Binomial(1 - p);
  if (Array.isArray(p)) {
    const [a, b] = p as number[];
    if (p.length !== 2 || !(typeof a === 'number' && typeof b === 'number' && a < b && a >= 0 && b <= 1)) {
      throw new Error(`Expected ${name} as a range [a, b] with 0 <= a < b <= 1, got ${describeArgument(p)}`);
    }
    return new Binomial(new Uniform(1 - b, 1 - a));
  }
  if (p instanceof Choice) {
    const values = (p as Choice<number>).a;
    if (!values.every((v) => typeof v === 'number' && v >= 0 && v <= 1)) {
      throw new Error(`Expected the choices for ${name} to be probabilities in [0.0, 1.0], got ${describeArgument(values)}`);
    }
    return new Binomial(new Choice((values as number[]).map((v) => 1 - v)));
  }
  if (p instanceof StochasticParameter) return p as StochasticParameter<number>;
  throw new Error(`Expected ${name} as a probability in [0.0, 1.0], a range [a, b], a choice list or a StochasticParameter, got ${describeArgument(p)}`);
}

export interface DropoutOptions extends AugmenterOptions {
  /** The probability of a pixel being dropped (set to 0) (default [0, 0.05]). */
  p?: DropoutProbabilityArg;
  perChannel?: ProbabilityArg;
}

/**
 * Sets a random share p of pixels to zero (imgaug's `iaa.Dropout`).
 *
 * @example
 * new iaa.Dropout([0.01, 0.1], { perChannel: 0.5 });
 */
export class Dropout extends MultiplyElementwise {
  constructor(p?: DropoutProbabilityArg | DropoutOptions, options?: DropoutOptions) {
    const args = parseArguments('Dropout', [p, options], ['p', 'perChannel']);
    super({ mul: dropoutKeepParam(args.p ?? [0, 0.05], 'p'), perChannel: args.perChannel, seed: args.seed, name: args.name, deterministic: args.deterministic } as MultiplyOptions);
  }
}

export interface CoarseDropoutOptions extends DropoutOptions {
  /** The mask's resolution in pixels (an integer, a range or a parameter); exclusive with sizePercent. */
  sizePx?: number | readonly [number, number] | StochasticParameter<number> | null;
  /** The mask's resolution as a fraction of the image's (default [0.02, 0.1] when neither is given). */
  sizePercent?: number | readonly [number, number] | StochasticParameter<number> | null;
  /** The mask's smallest height and width (default 3). */
  minSize?: number;
}

/**
 * Drops rectangular blocks: Dropout's mask drawn at a low resolution and scaled up with
 * nearest-neighbour (imgaug's `iaa.CoarseDropout`).
 *
 * @example
 * new iaa.CoarseDropout([0.0, 0.05], { sizePercent: [0.02, 0.25] });
 */
export class CoarseDropout extends MultiplyElementwise {
  constructor(p?: DropoutProbabilityArg | CoarseDropoutOptions, options?: CoarseDropoutOptions) {
    const args = parseArguments('CoarseDropout', [p, options], ['p', 'sizePx', 'sizePercent', 'perChannel', 'minSize']);
    const keep = dropoutKeepParam(args.p ?? [0.02, 0.1], 'p');
    const minSize = (args.minSize as number | undefined) ?? 3;
    const sizePx = (args.sizePx ?? null) as FromLowerResolutionOptions['sizePx'];
    const sizePercent = (args.sizePercent ?? null) as FromLowerResolutionOptions['sizePercent'];
    const mask = sizePx !== null
      ? new FromLowerResolution(keep, { sizePx, minSize })
      : new FromLowerResolution(keep, { sizePercent: sizePercent ?? [0.02, 0.1], minSize });
    super({ mul: mask, perChannel: args.perChannel, seed: args.seed, name: args.name, deterministic: args.deterministic } as MultiplyOptions);
  }
}
