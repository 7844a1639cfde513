/**
 * imgaug's replace_elementwise_ on uint8 images and the augmenters on it: ReplaceElementwise, and
 * the salt-and-pepper family (SaltAndPepper, ImpulseNoise, Salt, Pepper and their Coarse
 * versions, whose masks come from a low resolution).
 */
import type { Tensor } from '@x/tensor';
import { Add, ForceSign, Multiply } from '../../parameters/arithmetic';
import { Beta } from '../../parameters/continuous';
import { FromLowerResolution, type FromLowerResolutionOptions } from '../../parameters/from-lower-resolution';
import { handleContinuousParam, handleProbabilityParam, type ContinuousArg, type ProbabilityArg } from '../../parameters/handle';
import type { StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import type { AugmenterOptions } from '../base';
import { PixelAugmenter } from './pixel-augmenter';
import { assertUint8Image } from './uint8-image';

/**
 * image with the values where mask (`[H, W, 1]` for whole pixels, or `[H, W, C]`; > 0.5 counts)
 * replaced by replacements, one per masked value in row-major order (so C per pixel of a
 * whole-pixel mask); float replacements are rounded half to even and clipped to 0–255.
 *
 * @example
 * replaceElementwise(image, mask, torch.tensor([0, 255, 255]));
 */
export function replaceElementwise(image: Tensor, mask: Tensor, replacements: Tensor): Tensor {
  assertUint8Image(image, 'replaceElementwise');
  const hwc = image.dim() === 2 ? image.unsqueeze(2) : image;
  const mask3 = mask.dim() === 2 ? mask.unsqueeze(2) : mask;
  const [height, width, channels] = hwc.shape as [number, number, number];
  if (mask3.shape[0] !== height || mask3.shape[1] !== width || (mask3.shape[2] !== 1 && mask3.shape[2] !== channels)) {
    throw new RangeError(`replaceElementwise: expected a mask of shape [${height}, ${width}, 1 or ${channels}], got [${mask.shape.join(', ')}]`);
  }
  const selected = mask3.gt(0.5).expand([height, width, channels]).contiguous().flatten();
  const positions = selected.nonzero().flatten();
  if (replacements.numel() !== positions.shape[0]) {
    throw new RangeError(`replaceElementwise: expected ${positions.shape[0]} replacement values (one per masked value), got ${replacements.numel()}`);
  }
  let values = replacements.flatten();
  if (values.isFloatingPoint()) values = values.to('float64').round();
  values = values.clamp(0, 255).to('uint8');
  const out = hwc.flatten().clone().scatter(0, positions, values).reshape(hwc.shape as number[]);
  return image.dim() === 2 ? out.squeeze(2) : out;
}

export interface ReplaceElementwiseOptions extends AugmenterOptions {
  /** The probability of a value being replaced (a probability, a range or a parameter drawing the mask). */
  mask?: ProbabilityArg;
  /** The replacement values. */
  replacement?: ContinuousArg;
  /** The probability of masking each channel apart instead of whole pixels (default false). */
  perChannel?: ProbabilityArg;
}

/**
 * Replaces a random share of pixels (or values, with perChannel) by drawn values (imgaug's `iaa.ReplaceElementwise`).
 *
 * @example
 * new iaa.ReplaceElementwise(0.05, [0, 255], { perChannel: 0.5 });
 */
export class ReplaceElementwise extends PixelAugmenter {
  readonly mask: StochasticParameter<number>;
  readonly replacement: StochasticParameter<number>;
  readonly perChannel: StochasticParameter<number>;

  constructor(mask?: ProbabilityArg | ReplaceElementwiseOptions, replacement?: ContinuousArg | ReplaceElementwiseOptions, options?: ReplaceElementwiseOptions) {
    const args = parseArguments(new.target.name, [mask, replacement, options], ['mask', 'replacement', 'perChannel']);
    super(args);
    if (args.mask === undefined || args.replacement === undefined) throw new Error(`${new.target.name}: expected mask and replacement`);
    this.mask = handleProbabilityParam(args.mask, 'mask', { tupleToUniform: true, listToChoice: true });
    this.replacement = handleContinuousParam(args.replacement, 'replacement');
    this.perChannel = handleProbabilityParam(args.perChannel ?? false, 'perChannel');
  }

  protected augmentImages_(images: Tensor[], randomState: RandomState): Tensor[] {
    const [rsPerChannel, ...rss] = randomState.deriveMany(1 + 2 * images.length) as [RandomState, ...RandomState[]];
    const perChannel = this.perChannel.drawValues(images.length, rsPerChannel);
    return images.map((image, i) => {
      const [height, width, channels] = image.shape as [number, number, number];
      const perValue = perChannel[i]! > 0.5;
      const mask = this.mask.drawSamples([height, width, perValue ? channels : 1], rss[2 * i]!);
      const count = mask.gt(0.5).to('int32').sum().item() as number;
      const values = this.replacement.drawSamples(count, rss[2 * i + 1]!);
      // Without perChannel a replaced pixel gets one value in all its channels.
      return replaceElementwise(image, mask, perValue ? values : values.repeatInterleave(channels));
    });
  }

  override getParameters(): unknown[] {
    return [this.mask, this.replacement, this.perChannel];
  }
}

/** Salt-and-pepper values: Beta(0.5, 0.5)·255, most near 0 or 255. */
function saltAndPepperValues(): StochasticParameter<number> {
  return new Multiply(new Beta(0.5, 0.5), 255);
}

/** Salt (positive) or pepper values: (±|Beta(0.5, 0.5) − 0.5| + 0.5)·255, in [127.5, 255] or [0, 127.5]. */
function halfValues(positive: boolean): StochasticParameter<number> {
  return new Multiply(new Add(new ForceSign(new Add(new Beta(0.5, 0.5), -0.5), { positive }), 0.5), 255);
}

export interface SaltAndPepperOptions extends AugmenterOptions {
  /** The probability of a pixel (or value) being replaced (default [0, 0.03]; Pepper [0, 0.05]). */
  p?: ProbabilityArg;
  perChannel?: ProbabilityArg;
}

function noiseArgs(who: string, p: unknown, options: unknown, defaultP: ProbabilityArg): Record<string, unknown> {
  const args = parseArguments(who, [p, options], ['p', 'perChannel']);
  return { ...args, p: args.p ?? defaultP };
}

/**
 * Replaces a share p of pixels by white-ish or black-ish values (imgaug's `iaa.SaltAndPepper`).
 *
 * @example
 * new iaa.SaltAndPepper(0.05, { perChannel: true });
 */
export class SaltAndPepper extends ReplaceElementwise {
  constructor(p?: ProbabilityArg | SaltAndPepperOptions, options?: SaltAndPepperOptions) {
    const args = noiseArgs(new.target.name, p, options, [0, 0.03]);
    super({ mask: args.p, replacement: saltAndPepperValues(), perChannel: args.perChannel, seed: args.seed, name: args.name, deterministic: args.deterministic } as ReplaceElementwiseOptions);
  }
}

/**
 * SaltAndPepper per channel (imgaug's `iaa.ImpulseNoise`).
 *
 * @example
 * new iaa.ImpulseNoise(0.1);
 */
export class ImpulseNoise extends ReplaceElementwise {
  constructor(p?: ProbabilityArg | AugmenterOptions & { p?: ProbabilityArg }, options?: AugmenterOptions & { p?: ProbabilityArg }) {
    const args = parseArguments('ImpulseNoise', [p, options], ['p']);
    super({ mask: args.p ?? [0, 0.03], replacement: saltAndPepperValues(), perChannel: true, seed: args.seed, name: args.name, deterministic: args.deterministic } as ReplaceElementwiseOptions);
  }
}

/**
 * Replaces a share p of pixels by white-ish values (imgaug's `iaa.Salt`).
 *
 * @example
 * new iaa.Salt(0.05);
 */
export class Salt extends ReplaceElementwise {
  constructor(p?: ProbabilityArg | SaltAndPepperOptions, options?: SaltAndPepperOptions) {
    const args = noiseArgs('Salt', p, options, [0, 0.03]);
    super({ mask: args.p, replacement: halfValues(true), perChannel: args.perChannel, seed: args.seed, name: args.name, deterministic: args.deterministic } as ReplaceElementwiseOptions);
  }
}

/**
 * Replaces a share p of pixels by black-ish values (imgaug's `iaa.Pepper`).
 *
 * @example
 * new iaa.Pepper(0.05);
 */
export class Pepper extends ReplaceElementwise {
  constructor(p?: ProbabilityArg | SaltAndPepperOptions, options?: SaltAndPepperOptions) {
    const args = noiseArgs('Pepper', p, options, [0, 0.05]);
    super({ mask: args.p, replacement: halfValues(false), perChannel: args.perChannel, seed: args.seed, name: args.name, deterministic: args.deterministic } as ReplaceElementwiseOptions);
  }
}

export interface CoarseSaltAndPepperOptions extends SaltAndPepperOptions {
  /** The mask's resolution in pixels (default [3, 8] when neither is given). */
  sizePx?: FromLowerResolutionOptions['sizePx'];
  /** The mask's resolution as a fraction of the image's. */
  sizePercent?: FromLowerResolutionOptions['sizePercent'];
  /** The mask's smallest height and width (default 3). */
  minSize?: number;
}

/** A coarse mask: p drawn at a low resolution (sizePx, else sizePercent, else [3, 8] pixels) and scaled up. */
function coarseMask(who: string, p: unknown, options: unknown): { args: Record<string, unknown>; mask: StochasticParameter<number> } {
  const args = parseArguments(who, [p, options], ['p', 'sizePx', 'sizePercent', 'perChannel', 'minSize']);
  const mask = handleProbabilityParam(args.p ?? [0.02, 0.1], 'p', { tupleToUniform: true, listToChoice: true });
  const minSize = (args.minSize as number | undefined) ?? 3;
  const sizePx = (args.sizePx ?? null) as FromLowerResolutionOptions['sizePx'];
  const sizePercent = (args.sizePercent ?? null) as FromLowerResolutionOptions['sizePercent'];
  const low = sizePx === null && sizePercent !== null
    ? new FromLowerResolution(mask, { sizePercent, minSize })
    : new FromLowerResolution(mask, { sizePx: sizePx ?? [3, 8], minSize });
  return { args, mask: low };
}

/**
 * Salt and pepper in rectangular areas (imgaug's `iaa.CoarseSaltAndPepper`).
 *
 * @example
 * new iaa.CoarseSaltAndPepper(0.05, { sizePercent: [0.01, 0.1] });
 */
export class CoarseSaltAndPepper extends ReplaceElementwise {
  constructor(p?: ProbabilityArg | CoarseSaltAndPepperOptions, options?: CoarseSaltAndPepperOptions) {
    const { args, mask } = coarseMask('CoarseSaltAndPepper', p, options);
    super({ mask, replacement: saltAndPepperValues(), perChannel: args.perChannel, seed: args.seed, name: args.name, deterministic: args.deterministic } as ReplaceElementwiseOptions);
  }
}

/**
 * Salt in rectangular areas (imgaug's `iaa.CoarseSalt`).
 *
 * @example
 * new iaa.CoarseSalt(0.05, { sizePercent: [0.01, 0.1] });
 */
export class CoarseSalt extends ReplaceElementwise {
  constructor(p?: ProbabilityArg | CoarseSaltAndPepperOptions, options?: CoarseSaltAndPepperOptions) {
    const { args, mask } = coarseMask('CoarseSalt', p, options);
    super({ mask, replacement: halfValues(true), perChannel: args.perChannel, seed: args.seed, name: args.name, deterministic: args.deterministic } as ReplaceElementwiseOptions);
  }
}

/**
 * Pepper in rectangular areas (imgaug's `iaa.CoarsePepper`).
 *
 * @example
 * new iaa.CoarsePepper(0.05, { sizePercent: [0.01, 0.1] });
 */
export class CoarsePepper extends ReplaceElementwise {
  constructor(p?: ProbabilityArg | CoarseSaltAndPepperOptions, options?: CoarseSaltAndPepperOptions) {
    const { args, mask } = coarseMask('CoarsePepper', p, options);
    super({ mask, replacement: halfValues(false), perChannel: args.perChannel, seed: args.seed, name: args.name, deterministic: args.deterministic } as ReplaceElementwiseOptions);
  }
}
