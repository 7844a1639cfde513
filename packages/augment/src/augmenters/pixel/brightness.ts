/**
 * imgaug's WithBrightnessChannels and the brightness augmenters on it (MultiplyAndAddToBrightness,
 * MultiplyBrightness, AddToBrightness): the images' brightness channel (Y of YCrCb, V of HSV) in a
 * colour space drawn per image, augmented by children, put back and converted back.
 */
import type { Tensor } from '@x/tensor';
import type { Batch } from '../../augmentables/batch';
import { handleCategoricalStringParam, type CategoricalArg, type ContinuousArg } from '../../parameters/handle';
import type { StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import type { Augmenter, AugmenterOptions } from '../base';
import { ChildrenWrapper } from '../meta/children-wrapper';
import { Identity } from '../meta/identity';
import { Sequential } from '../meta/sequential';
import { Add } from './add';
import { changeColorspace, type Colorspace } from './color-spaces';
import { assertFromRgb } from './uint8-image';
import { Multiply } from './multiply';

/** The brightness channel of each colour space imgaug offers here. */
const BRIGHTNESS_CHANNEL: Partial<Record<Colorspace, number>> = { YCrCb: 0, HSV: 2 };
const BRIGHTNESS_SPACES = Object.keys(BRIGHTNESS_CHANNEL) as Colorspace[];
/** imgaug's default draws among these; HLS, Lab, Luv and YUV are not implemented. */
const IMGAUG_DEFAULT_SPACES = ['YCrCb', 'HSV', 'HLS', 'Lab', 'Luv', 'YUV'];

function brightnessSpaces(arg: unknown, who: string): StochasticParameter<string> {
  if (arg === undefined) {
    throw new Error(`${who}: imgaug's default toColorspace draws among ${IMGAUG_DEFAULT_SPACES.join(', ')}, of which only ${BRIGHTNESS_SPACES.join(' and ')} are implemented: pass toColorspace ('YCrCb', 'HSV' or ['YCrCb', 'HSV'])`);
  }
  return handleCategoricalStringParam(arg, 'toColorspace', BRIGHTNESS_SPACES) as StochasticParameter<string>;
}

export interface WithBrightnessChannelsOptions extends AugmenterOptions {
  children?: Augmenter | readonly Augmenter[] | null;
  /** The colour space (or a choice drawn per image) whose brightness channel the children get: 'YCrCb' or 'HSV'. */
  toColorspace?: CategoricalArg<'YCrCb' | 'HSV'>;
  /** The images' colour space; only 'RGB' here. */
  fromColorspace?: 'RGB';
}

/**
 * Runs children on the brightness channel (`[H, W, 1]`) of each image.
 *
 * @example
 * new iaa.WithBrightnessChannels(new iaa.Add([-50, 50]), { toColorspace: ['YCrCb', 'HSV'] });
 */
export class WithBrightnessChannels extends ChildrenWrapper {
  readonly toColorspace: StochasticParameter<string>;
  readonly fromColorspace = 'RGB';

  constructor(children?: Augmenter | readonly Augmenter[] | WithBrightnessChannelsOptions | null, options?: WithBrightnessChannelsOptions) {
    const args = parseArguments(new.target.name, [children, options], ['children', 'toColorspace', 'fromColorspace']);
    super(args, args.children);
    assertFromRgb(new.target.name, args.fromColorspace);
    this.toColorspace = brightnessSpaces(args.toColorspace, new.target.name);
  }

  protected augmentBatch_(batch: Batch, randomState: RandomState, parents: readonly Augmenter[]): Batch {
    let converted: Tensor[] | null = null;
    let spaces: Colorspace[] = [];
    if (batch.images !== null) {
      spaces = this.toColorspace.drawValues(batch.images.length, randomState) as Colorspace[];
      converted = batch.images.map((image, i) => changeColorspace(image, spaces[i]!, 'RGB'));
      batch.images = converted.map((image, i) => image.narrow(2, BRIGHTNESS_CHANNEL[spaces[i]!]!, 1));
    }
    const out = this.children.augmentBatch(batch, [...parents, this]);
    if (out.images !== null && converted !== null) {
      out.images = out.images.map((channel, i) => {
        const image = converted![i]!.clone();
        image.narrow(2, BRIGHTNESS_CHANNEL[spaces[i]!]!, 1).copy_(channel);
        return changeColorspace(image, 'RGB', spaces[i]!);
      });
    }
    return out;
  }
}

export interface MultiplyAndAddToBrightnessOptions extends Omit<WithBrightnessChannelsOptions, 'children'> {
  /** The brightness multiplier (default [0.7, 1.3]). */
  mul?: ContinuousArg;
  /** The value added to the brightness (default [-30, 30]). */
  add?: ContinuousArg;
  /** Whether multiply and add run in random order (default true). */
  randomOrder?: boolean;
}

const BRIGHTNESS_NAMES = ['mul', 'add', 'toColorspace', 'fromColorspace', 'randomOrder'];

/**
 * Multiplies and adds to the brightness channel (imgaug's `iaa.MultiplyAndAddToBrightness`).
 *
 * @example
 * new iaa.MultiplyAndAddToBrightness({ mul: [0.5, 1.5], add: [-30, 30], toColorspace: ['YCrCb', 'HSV'] });
 */
export class MultiplyAndAddToBrightness extends WithBrightnessChannels {
  constructor(options: MultiplyAndAddToBrightnessOptions = {}) {
    const args = parseArguments(new.target.name, [options], BRIGHTNESS_NAMES);
    const mul = args.mul ?? [0.7, 1.3];
    const add = args.add ?? [-30, 30];
    const children = new Sequential([
      typeof mul === 'number' && Math.abs(mul - 1) <= 1e-8 ? new Identity() : new Multiply(mul as ContinuousArg),
      add === 0 ? new Identity() : new Add(add as ContinuousArg),
    ], { randomOrder: (args.randomOrder as boolean | undefined) ?? true });
    super(children, { toColorspace: args.toColorspace, fromColorspace: args.fromColorspace, seed: args.seed, name: args.name, deterministic: args.deterministic } as WithBrightnessChannelsOptions);
  }
}

/**
 * Multiplies the brightness channel (imgaug's `iaa.MultiplyBrightness`).
 *
 * @example
 * new iaa.MultiplyBrightness([0.5, 1.5], { toColorspace: 'YCrCb' });
 */
export class MultiplyBrightness extends MultiplyAndAddToBrightness {
  constructor(mul?: ContinuousArg | MultiplyAndAddToBrightnessOptions, options?: MultiplyAndAddToBrightnessOptions) {
    const args = parseArguments('MultiplyBrightness', [mul, options], ['mul', 'toColorspace', 'fromColorspace']);
    super({ ...args, mul: args.mul ?? [0.7, 1.3], add: 0, randomOrder: false } as MultiplyAndAddToBrightnessOptions);
  }
}

/**
 * Adds to the brightness channel (imgaug's `iaa.AddToBrightness`).
 *
 * @example
 * new iaa.AddToBrightness([-30, 30], { toColorspace: 'HSV' });
 */
export class AddToBrightness extends MultiplyAndAddToBrightness {
  constructor(add?: ContinuousArg | MultiplyAndAddToBrightnessOptions, options?: MultiplyAndAddToBrightnessOptions) {
    const args = parseArguments('AddToBrightness', [add, options], ['add', 'toColorspace', 'fromColorspace']);
    super({ ...args, mul: 1, add: args.add ?? [-30, 30], randomOrder: false } as MultiplyAndAddToBrightnessOptions);
  }
}
