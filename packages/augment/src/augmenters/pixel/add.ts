/**
 * imgaug's Add, AddElementwise and the additive noises (Gaussian, Laplace, Poisson): add a value
 * per image (or per image and channel), or one per pixel, to uint8 images, rounded and clipped as imgaug's add_scalar and
 * add_elementwise do.
 */
import type { DType, Tensor } from '@x/tensor';
import { RandomSign } from '../../parameters/arithmetic';
import { Laplace, Normal } from '../../parameters/continuous';
import { Poisson } from '../../parameters/discrete';
import { handleContinuousParam, handleProbabilityParam, type ContinuousArg, type ProbabilityArg } from '../../parameters/handle';
import type { StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import type { AugmenterOptions } from '../base';
import { addElementwise, addScalar } from './arithmetic';
import { drawElementwiseValues, drawPerImageValues } from './channel-draws';
import { PixelAugmenter } from './pixel-augmenter';

export interface AddOptions extends AugmenterOptions {
  /** The value added (default [-20, 20]). */
  value?: ContinuousArg;
  /** The probability of drawing one value per channel instead of one per image (default false). */
  perChannel?: ProbabilityArg;
}

/** What Add and AddElementwise share: the value parameter and perChannel, on uint8 or float32 images. */
abstract class AddingAugmenter extends PixelAugmenter {
  readonly value: StochasticParameter<number>;
  readonly perChannel: StochasticParameter<number>;

  constructor(who: string, value: unknown, options: unknown) {
    const args = parseArguments(who, [value, options], ['value', 'perChannel']);
    super(args);
    this.value = handleContinuousParam(args.value ?? [-20, 20], 'value');
    this.perChannel = handleProbabilityParam(args.perChannel ?? false, 'perChannel');
  }

  protected override get imageDtypes(): readonly DType[] {
    return ['uint8', 'float32'];
  }

  override getParameters(): unknown[] {
    return [this.value, this.perChannel];
  }
}

/**
 * Adds a value to every pixel (imgaug's `iaa.Add`): one draw per image, or per image and channel.
 *
 * @example
 * new iaa.Add([-10, 10]);
 * new iaa.Add(20, { perChannel: true });
 */
export class Add extends AddingAugmenter {
  constructor(value?: ContinuousArg | AddOptions, options?: AddOptions) {
    super('Add', value, options);
  }

  protected augmentImages_(images: Tensor[], randomState: RandomState): Tensor[] {
    return drawPerImageValues(this.value, this.perChannel, images, randomState).map((v, i) => addScalar(images[i]!, v));
  }
}

/**
 * Adds a value drawn per pixel (and, with perChannel, per channel) (imgaug's `iaa.AddElementwise`).
 *
 * @example
 * new iaa.AddElementwise([-20, 20], { perChannel: 0.5 });
 */
export class AddElementwise extends AddingAugmenter {
  constructor(value?: ContinuousArg | AddOptions, options?: AddOptions) {
    super(new.target.name, value, options);
  }

  protected augmentImages_(images: Tensor[], randomState: RandomState): Tensor[] {
    return drawElementwiseValues(this.value, this.perChannel, images, randomState).map((v, i) => addElementwise(images[i]!, v));
  }
}

export interface AdditiveGaussianNoiseOptions extends AugmenterOptions {
  /** The noise's mean (default 0). */
  loc?: ContinuousArg;
  /** The noise's standard deviation (default [0, 15]; 0.1·255 is strong noise). */
  scale?: ContinuousArg;
  perChannel?: ProbabilityArg;
}

/**
 * Adds Gaussian noise drawn per pixel (imgaug's `iaa.AdditiveGaussianNoise`): AddElementwise with
 * values from Normal(loc, scale).
 *
 * @example
 * new iaa.AdditiveGaussianNoise({ scale: [10, 60] });
 * new iaa.AdditiveGaussianNoise(0, 0.1 * 255, { perChannel: true });
 */
export class AdditiveGaussianNoise extends AddElementwise {
  constructor(loc?: ContinuousArg | AdditiveGaussianNoiseOptions, scale?: ContinuousArg | AdditiveGaussianNoiseOptions, perChannel?: ProbabilityArg | AdditiveGaussianNoiseOptions, options?: AdditiveGaussianNoiseOptions) {
    const args = parseArguments('AdditiveGaussianNoise', [loc, scale, perChannel, options], ['loc', 'scale', 'perChannel']);
    const locParam = handleContinuousParam(args.loc ?? 0, 'loc');
    const scaleParam = handleContinuousParam(args.scale ?? [0, 15], 'scale', { valueRange: [0, null] });
    super({ value: new Normal(locParam, scaleParam), perChannel: args.perChannel, seed: args.seed, name: args.name, deterministic: args.deterministic } as AddOptions);
  }
}

export interface AdditiveLaplaceNoiseOptions extends AugmenterOptions {
  /** The noise's mean (default 0). */
  loc?: ContinuousArg;
  /** The noise's scale (default [0, 15]). */
  scale?: ContinuousArg;
  perChannel?: ProbabilityArg;
}

/**
 * Adds Laplace noise drawn per pixel (imgaug's `iaa.AdditiveLaplaceNoise`).
 *
 * @example
 * new iaa.AdditiveLaplaceNoise({ scale: [0, 0.2 * 255] });
 */
export class AdditiveLaplaceNoise extends AddElementwise {
  constructor(loc?: ContinuousArg | AdditiveLaplaceNoiseOptions, scale?: ContinuousArg | AdditiveLaplaceNoiseOptions, perChannel?: ProbabilityArg | AdditiveLaplaceNoiseOptions, options?: AdditiveLaplaceNoiseOptions) {
    const args = parseArguments('AdditiveLaplaceNoise', [loc, scale, perChannel, options], ['loc', 'scale', 'perChannel']);
    const value = new Laplace(handleContinuousParam(args.loc ?? 0, 'loc'), handleContinuousParam(args.scale ?? [0, 15], 'scale', { valueRange: [0, null] }));
    super({ value, perChannel: args.perChannel, seed: args.seed, name: args.name, deterministic: args.deterministic } as AddOptions);
  }
}

export interface AdditivePoissonNoiseOptions extends AugmenterOptions {
  /** The Poisson distribution's lambda (default [0, 15]). */
  lam?: ContinuousArg;
  perChannel?: ProbabilityArg;
}

/**
 * Adds Poisson noise with a random sign, per pixel (imgaug's `iaa.AdditivePoissonNoise`).
 *
 * @example
 * new iaa.AdditivePoissonNoise([0, 40]);
 */
export class AdditivePoissonNoise extends AddElementwise {
  constructor(lam?: ContinuousArg | AdditivePoissonNoiseOptions, perChannel?: ProbabilityArg | AdditivePoissonNoiseOptions, options?: AdditivePoissonNoiseOptions) {
    const args = parseArguments('AdditivePoissonNoise', [lam, perChannel, options], ['lam', 'perChannel']);
    const value = new RandomSign(new Poisson(handleContinuousParam(args.lam ?? [0, 15], 'lam', { valueRange: [0, null] })));
    super({ value, perChannel: args.perChannel, seed: args.seed, name: args.name, deterministic: args.deterministic } as AddOptions);
  }
}
