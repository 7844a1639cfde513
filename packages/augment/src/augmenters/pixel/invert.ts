/**
 * imgaug's Invert: inverts whole images, or single channels, with probability p, optionally only
 * the values above (or below) a threshold (imgaug's invert_ with a table per image).
 */
import type { Tensor } from '@x/tensor';
import * as torch from '@x/tensor';
import { handleContinuousParam, handleProbabilityParam, type ContinuousArg, type ProbabilityArg } from '../../parameters/handle';
import type { StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import type { AugmenterOptions } from '../base';
import { invert } from './arithmetic';
import { maxChannels, PixelAugmenter } from './pixel-augmenter';

export interface InvertAugmenterOptions extends AugmenterOptions {
  /** The probability of inverting an image (or, with perChannel, a channel) (default 1). */
  p?: ProbabilityArg;
  perChannel?: ProbabilityArg;
  /** The range inverted, v ↦ maxValue − |v − minValue| (default the full 0–255). */
  minValue?: number | null;
  maxValue?: number | null;
  /** Only values at or above the threshold (or below, see invertAboveThreshold) are inverted (default none). */
  threshold?: ContinuousArg | null;
  /** The probability of inverting above rather than below the threshold (default 0.5). */
  invertAboveThreshold?: ProbabilityArg;
}

/**
 * Inverts images: v ↦ 255 − v (imgaug's `iaa.Invert`).
 *
 * @example
 * new iaa.Invert(0.5);
 * new iaa.Invert(0.25, { perChannel: 0.5 });
 */
export class Invert extends PixelAugmenter {
  readonly p: StochasticParameter<number>;
  readonly perChannel: StochasticParameter<number>;
  readonly minValue: number | null;
  readonly maxValue: number | null;
  readonly threshold: StochasticParameter<number> | null;
  readonly invertAboveThreshold: StochasticParameter<number>;

  constructor(p?: ProbabilityArg | InvertAugmenterOptions, options?: InvertAugmenterOptions) {
    const args = parseArguments('Invert', [p, options], ['p', 'perChannel', 'minValue', 'maxValue', 'threshold', 'invertAboveThreshold']);
    super(args);
    this.p = handleProbabilityParam(args.p ?? 1, 'p');
    this.perChannel = handleProbabilityParam(args.perChannel ?? false, 'perChannel');
    this.minValue = (args.minValue as number | null | undefined) ?? null;
    this.maxValue = (args.maxValue as number | null | undefined) ?? null;
    this.threshold = args.threshold === undefined || args.threshold === null ? null : handleContinuousParam(args.threshold, 'threshold');
    this.invertAboveThreshold = handleProbabilityParam(args.invertAboveThreshold ?? 0.5, 'invertAboveThreshold');
  }

  protected augmentImages_(images: Tensor[], randomState: RandomState): Tensor[] {
    const n = images.length;
    const channelsMax = maxChannels(images);
    const p = this.p.drawValues([n, channelsMax], randomState);
    const perChannel = this.perChannel.drawValues(n, randomState);
    const thresholds = this.threshold === null ? null : this.threshold.drawValues(n, randomState);
    const above = this.invertAboveThreshold.drawValues(n, randomState);
    return images.map((image, i) => {
      const options = { minValue: this.minValue, maxValue: this.maxValue, threshold: thresholds?.[i] ?? null, invertAboveThreshold: above[i]! > 0.5 };
      const flags = p.slice(i * channelsMax, i * channelsMax + image.shape[2]!).map((v) => v > 0.5);
      if (perChannel[i]! <= 0.5) return flags[0] ? invert(image, options) : image;
      if (!flags.some(Boolean)) return image;
      const inverted = invert(image, options);
      return torch.where(torch.tensor(flags).view(1, 1, -1), inverted, image);
    });
  }

  override getParameters(): unknown[] {
    return [this.p, this.perChannel, this.minValue, this.maxValue, this.threshold, this.invertAboveThreshold];
  }
}

/**
 * Inverts the values at or above a threshold drawn per image (imgaug's `iaa.Solarize`: Invert with
 * threshold [64, 192] and invertAboveThreshold true by default).
 *
 * @example
 * new iaa.Solarize(0.5, { threshold: [32, 128] });
 */
export class Solarize extends Invert {
  constructor(p?: ProbabilityArg | InvertAugmenterOptions, options?: InvertAugmenterOptions) {
    const args = parseArguments('Solarize', [p, options], ['p', 'perChannel', 'minValue', 'maxValue', 'threshold', 'invertAboveThreshold']);
    super({ ...args, threshold: args.threshold ?? [128 - 64, 128 + 64], invertAboveThreshold: args.invertAboveThreshold ?? true } as InvertAugmenterOptions);
  }
}
