/**
 * imgaug's AddToHueAndSaturation, and its kernel for one image: RGB → OpenCV HSV, hue shifted cyclically
 * (mod 180) and saturation clipped to 0–255 through lookup tables, HSV → RGB.
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { handleDiscreteParam, handleProbabilityParam, type DiscreteArg, type ProbabilityArg } from '../../parameters/handle';
import type { StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import type { AugmenterOptions } from '../base';
import { hsvToRgb, rgbToHsv } from './hsv';
import { drawHueSaturation, hueSaturationParams } from './hue-saturation-params';
import { PixelAugmenter } from './pixel-augmenter';
import { assertFromRgb, applyLut } from './uint8-image';

function assertShift(value: number, name: string): void {
  if (!(Number.isInteger(value) && value >= -255 && value <= 255)) {
    throw new RangeError(`addToHueAndSaturation: expected ${name} to be an integer in [-255, 255], got ${value}`);
  }
}

/**
 * imgaug's hue value (−255..255 spanning the full circle) in OpenCV's hue units (0–179 for 360°),
 * as imgaug scales it: float32 value / 255 · 180, truncated.
 */
export function hueShiftInOpenCvUnits(value: number): number {
  return Math.trunc(Math.fround(Math.fround(value / 255) * 180));
}

/**
 * Adds hue (imgaug's −255..255 scale) and saturation (−255..255) to a uint8 RGB image.
 *
 * @example
 * addToHueAndSaturation(image, 20, -30);
 */
export function addToHueAndSaturation(image: Tensor, hue: number, saturation: number): Tensor {
  assertShift(hue, 'hue');
  assertShift(saturation, 'saturation');
  const hsv = rgbToHsv(image);
  const range = torch.arange(256, { dtype: 'int64' });
  const hueTable = torch.remainder(range.add(hueShiftInOpenCvUnits(hue)), 180);
  const saturationTable = range.add(saturation);
  const [h, s, v] = hsv.unbind(2) as [Tensor, Tensor, Tensor];
  return hsvToRgb(torch.stack([applyLut(h, hueTable), applyLut(s, saturationTable), v], 2));
}

export interface AddToHueAndSaturationOptions extends AugmenterOptions {
  /** One value added to hue and saturation (−255..255; exclusive with valueHue/valueSaturation). */
  value?: DiscreteArg | null;
  /** With value: the probability of drawing hue and saturation apart (default false). */
  perChannel?: ProbabilityArg;
  /** The images' colour space; only 'RGB' here. */
  fromColorspace?: 'RGB';
  /** The hue added (−255..255 is the full circle). */
  valueHue?: DiscreteArg | null;
  /** The saturation added (−255..255). */
  valueSaturation?: DiscreteArg | null;
}

function shiftParam(arg: unknown, name: string): StochasticParameter<number> {
  return handleDiscreteParam(arg, name, { valueRange: [-255, 255], allowFloats: false });
}

/**
 * Adds to the hue and saturation of RGB images in OpenCV's HSV (imgaug's `iaa.AddToHueAndSaturation`);
 * without values, hue and saturation each get [-40, 40].
 *
 * @example
 * new iaa.AddToHueAndSaturation([-50, 50], { perChannel: true });
 * new iaa.AddToHueAndSaturation({ valueHue: [-20, 20] });
 */
export class AddToHueAndSaturation extends PixelAugmenter {
  readonly value: StochasticParameter<number> | null;
  readonly valueHue: StochasticParameter<number> | null;
  readonly valueSaturation: StochasticParameter<number> | null;
  readonly perChannel: StochasticParameter<number>;
  readonly fromColorspace = 'RGB';

  constructor(value?: DiscreteArg | null | AddToHueAndSaturationOptions, options?: AddToHueAndSaturationOptions) {
    const args = parseArguments('AddToHueAndSaturation', [value, options], ['value', 'perChannel', 'fromColorspace', 'valueHue', 'valueSaturation']);
    super(args);
    assertFromRgb('AddToHueAndSaturation', args.fromColorspace);
    const params = hueSaturationParams('AddToHueAndSaturation', { both: args.value, hue: args.valueHue, saturation: args.valueSaturation },
      ['value', 'valueHue', 'valueSaturation'], [[-40, 40], [-40, 40]], shiftParam);
    this.value = params.both;
    this.valueHue = params.hue;
    this.valueSaturation = params.saturation;
    this.perChannel = handleProbabilityParam(args.perChannel ?? false, 'perChannel');
  }

  protected augmentImages_(images: Tensor[], randomState: RandomState): Tensor[] {
    const params = { both: this.value, hue: this.valueHue, saturation: this.valueSaturation };
    const [hues, saturations] = drawHueSaturation(params, this.perChannel, images.length, randomState);
    // imgaug casts the draws to int32; no parameter adds nothing.
    return images.map((image, i) => addToHueAndSaturation(image, Math.trunc(hues[i] ?? 0), Math.trunc(saturations[i] ?? 0)));
  }

  override getParameters(): unknown[] {
    return [this.value, this.valueHue, this.valueSaturation, this.perChannel, this.fromColorspace];
  }
}

export interface AddToHueOptions extends AugmenterOptions {
  /** The value added (default [-255, 255] for hue, [-75, 75] for saturation). */
  value?: DiscreteArg;
  fromColorspace?: 'RGB';
}

/**
 * Adds to the hue of RGB images (imgaug's `iaa.AddToHue`); −255..255 spans the full circle.
 *
 * @example
 * new iaa.AddToHue([-50, 50]);
 */
export class AddToHue extends AddToHueAndSaturation {
  constructor(value?: DiscreteArg | AddToHueOptions, options?: AddToHueOptions) {
    const args = parseArguments('AddToHue', [value, options], ['value', 'fromColorspace']);
    super({ valueHue: args.value ?? [-255, 255], fromColorspace: args.fromColorspace, seed: args.seed, name: args.name, deterministic: args.deterministic } as AddToHueAndSaturationOptions);
  }
}

/**
 * Adds to the saturation of RGB images (imgaug's `iaa.AddToSaturation`).
 *
 * @example
 * new iaa.AddToSaturation([-50, 50]);
 */
export class AddToSaturation extends AddToHueAndSaturation {
  constructor(value?: DiscreteArg | AddToHueOptions, options?: AddToHueOptions) {
    const args = parseArguments('AddToSaturation', [value, options], ['value', 'fromColorspace']);
    super({ valueSaturation: args.value ?? [-75, 75], fromColorspace: args.fromColorspace, seed: args.seed, name: args.name, deterministic: args.deterministic } as AddToHueAndSaturationOptions);
  }
}
