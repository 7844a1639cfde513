/**
 * imgaug's CropAndPad, Crop and Pad: remove or add pixels on each side of an image, by pixels or by
 * a fraction of its size, optionally resizing back to the input's size (keepSize), with the row's
 * heatmaps, segmentation maps, keypoints, bounding boxes and polygons.
 */
import { AUGMENTABLE_KINDS, type AugmentableKind, type Batch } from '../../augmentables/batch';
import type { ImageShape } from '../../augmentables/shape';
import { ALL, handleContinuousParam, handleDiscreteParam } from '../../parameters/handle';
import { Choice } from '../../parameters/choice';
import { Deterministic } from '../../parameters/deterministic';
import { StochasticParameter, describeArgument } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import { Augmenter, type AugmenterOptions } from '../base';
import { BORDER_MODES, type BorderMode } from '../border-index';
import { cvRound } from '../opencv-rounding';
import { rowShapes } from '../row-shapes';
import { preventZeroSizeCrop, type Sides } from './crop-and-pad-image';
import { cropAndPadBatch, type CropAndPadSample } from './crop-and-pad-row';

/**
 * An amount for every side or per side: a number (all sides), a range [a, b] (all sides, drawn per
 * side unless sampleIndependently is false), a choice or a parameter (drawn per side), or four of
 * those as [top, right, bottom, left].
 */
export type SidesArg = unknown;

export interface CropAndPadOptions extends AugmenterOptions {
  /** Pixels to add (positive) or remove (negative) per side. */
  px?: SidesArg;
  /** Fractions of the height (top, bottom) and width (left, right) to add or remove, each > -1. */
  percent?: SidesArg;
  /** How new pixels are filled: 'constant', 'edge', 'symmetric', 'reflect', 'wrap', a list, ALL, or a parameter. */
  padMode?: unknown;
  /** The fill value for 'constant': a number, a range, a choice or a parameter. */
  padCval?: unknown;
  /** Resize the result back to the input's size (default true). */
  keepSize?: boolean;
  /** With one range for all sides, draw each side on its own (default true) or one value for all four. */
  sampleIndependently?: boolean;
}

export type CropOptions = Omit<CropAndPadOptions, 'padMode' | 'padCval'>;
export type PadOptions = CropAndPadOptions;

const CROP_AND_PAD_NAMES = ['px', 'percent', 'padMode', 'padCval', 'keepSize', 'sampleIndependently'];

/** imgaug's pad modes this port has: the border modes numpy.pad and OpenCV share. */
export function handlePadMode(mode: unknown): StochasticParameter<BorderMode> {
  const check = (m: unknown): BorderMode => {
    if (typeof m !== 'string' || !(BORDER_MODES as readonly string[]).includes(m)) {
      throw new Error(`expected padMode to be one of ${BORDER_MODES.map((b) => `'${b}'`).join(', ')} (numpy's statistic and ramp modes are not ported), got ${describeArgument(m)}`);
    }
    return m as BorderMode;
  };
  if (mode === ALL) return new Choice<BorderMode>([...BORDER_MODES]);
  if (typeof mode === 'string') return new Deterministic<BorderMode>(check(mode));
  if (Array.isArray(mode)) return new Choice<BorderMode>(mode.map(check));
  if (mode instanceof StochasticParameter) return mode as StochasticParameter<BorderMode>;
  throw new Error(`expected padMode to be a string, a list of strings, ALL or a StochasticParameter, got ${describeArgument(mode)}`);
}

/** How the amounts are drawn: one parameter for all sides, or one per side. */
type SidesParams = { allSides: StochasticParameter<number> } | { perSide: [StochasticParameter<number>, StochasticParameter<number>, StochasticParameter<number>, StochasticParameter<number>] };

function handleSides(value: unknown, name: string, handle: (v: unknown, name: string) => StochasticParameter<number>): SidesParams {
  if (typeof value === 'number' || (Array.isArray(value) && value.length === 2)) return { allSides: handle(value, name) };
  if (value instanceof StochasticParameter) {
    const p = value as StochasticParameter<number>;
    return { perSide: [p, p, p, p] };
  }
  if (Array.isArray(value) && value.length === 4) {
    const sides = ['top', 'right', 'bottom', 'left'];
    return { perSide: value.map((v, i) => handle(v, `${name}.${sides[i]}`)) as [StochasticParameter<number>, StochasticParameter<number>, StochasticParameter<number>, StochasticParameter<number>] };
  }
  throw new Error(`expected ${name} to be a number, a range [a, b], a StochasticParameter, or four of those as [top, right, bottom, left], got ${describeArgument(value)}`);
}

/**
 * Crops and pads each side of images by pixels or fractions (imgaug's `iaa.CropAndPad`): negative
 * amounts crop, positive ones pad. Fixed amounts give imgaug's output exactly, keepSize's resize included.
 *
 * @example
 * new iaa.CropAndPad({ px: [-2, 3, 2, -3], padMode: 'edge', keepSize: false });
 * new iaa.CropAndPad({ percent: [-0.1, 0.1] }); // each side drawn from the range
 */
export class CropAndPad extends Augmenter {
  readonly mode: 'px' | 'percent';
  readonly sides: SidesParams;
  readonly padMode: StochasticParameter<BorderMode>;
  readonly padCval: StochasticParameter<number>;
  readonly keepSize: boolean;
  readonly sampleIndependently: boolean;
  /** -1 for Crop, whose amounts (given >= 0) remove pixels: imgaug negates them. */
  protected amountSign: 1 | -1 = 1;

  constructor(px?: SidesArg | CropAndPadOptions, options?: CropAndPadOptions) {
    const args = parseArguments(new.target.name, [px, options], CROP_AND_PAD_NAMES) as CropAndPadOptions;
    super(args);
    let { px: pxArg, percent } = args;
    if (pxArg != null && percent != null) throw new Error(`${new.target.name}: give px or percent, not both`);
    if (pxArg == null && percent == null) percent = [-0.1, 0.1];
    if (pxArg != null) {
      this.mode = 'px';
      this.sides = handleSides(pxArg, 'px', (v, name) => handleDiscreteParam(v, name, { allowFloats: false }));
    } else {
      this.mode = 'percent';
      this.sides = handleSides(percent, 'percent', (v, name) => handleContinuousParam(v, name, { valueRange: (x) => {
        if (!(x > -1)) throw new Error(`${new.target.name}: expected ${name} values > -1 (cropping can remove less than the whole side), got ${x}`);
      } }));
    }
    this.padMode = handlePadMode(args.padMode ?? 'constant');
    this.padCval = handleDiscreteParam(args.padCval ?? 0, 'padCval', { allowFloats: true });
    for (const key of ['keepSize', 'sampleIndependently'] as const) {
      if (args[key] !== undefined && typeof args[key] !== 'boolean') throw new Error(`${new.target.name}: expected ${key} to be a boolean, got ${describeArgument(args[key])}`);
    }
    this.keepSize = args.keepSize ?? true;
    this.sampleIndependently = args.sampleIndependently ?? true;
  }

  override get supportedKinds(): readonly AugmentableKind[] {
    return AUGMENTABLE_KINDS;
  }

  /** imgaug's _draw_samples: signed amounts per side, converted from fractions by the row's size, split into crops and pads. */
  private drawSamples(shapes: readonly ImageShape[], randomState: RandomState): CropAndPadSample[] {
    const n = shapes.length;
    const values = (p: StochasticParameter<number>, size: number[]) => Array.from(p.drawSamples(size, randomState).numpy() as ArrayLike<number>, (v) => v * this.amountSign);
    let perSide: number[][];
    if ('allSides' in this.sides) {
      if (this.sampleIndependently) {
        const drawn = values(this.sides.allSides, [n, 4]);
        perSide = [0, 1, 2, 3].map((s) => Array.from({ length: n }, (_, i) => drawn[i * 4 + s]!));
      } else {
        const drawn = values(this.sides.allSides, [n]);
        perSide = [drawn, drawn, drawn, drawn];
      }
    } else {
      perSide = this.sides.perSide.map((p) => values(p, [n]));
    }
    if (this.mode === 'percent') {
      // imgaug: np.round(float32 size * float32 fraction), halves to even.
      const f = Math.fround;
      perSide = perSide.map((side, s) => side.map((v, i) => cvRound(f(shapes[i]![s % 2 === 0 ? 0 : 1]! * f(v)))));
    }
    const modes = this.padMode.drawValues(n, randomState);
    const cvals = this.padCval.drawValues(n, randomState);
    return shapes.map((shape, i) => {
      const amounts = perSide.map((side) => side[i]!);
      const crop = preventZeroSizeCrop(shape[0]!, shape[1]!, amounts.map((v) => Math.max(-v, 0)) as unknown as Sides);
      return { crop, pad: amounts.map((v) => Math.max(v, 0)) as unknown as Sides, padMode: modes[i]!, padCval: cvals[i]! };
    });
  }

  protected augmentBatch_(batch: Batch, randomState: RandomState): Batch {
    cropAndPadBatch(batch, this.drawSamples(rowShapes(batch), randomState), this.keepSize);
    return batch;
  }

  override getParameters(): unknown[] {
    const sides = 'allSides' in this.sides ? [this.sides.allSides, null, null, null, null] : [null, ...this.sides.perSide];
    return [...sides, this.padMode, this.padCval];
  }
}

function checkNonNegative(value: unknown, who: string): void {
  const numbers = Array.isArray(value) ? value.flat(2) : [value];
  for (const v of numbers) {
    if (typeof v === 'number' && !(v >= 0)) throw new Error(`${who}: expected amounts >= 0, got ${v}`);
  }
}

/**
 * Pads images by pixels or fractions of their size (imgaug's `iaa.Pad`); amounts are >= 0.
 *
 * @example
 * new iaa.Pad({ px: [0, 4], padMode: 'reflect', keepSize: false });
 */
export class Pad extends CropAndPad {
  constructor(px?: SidesArg | PadOptions, options?: PadOptions) {
    const args = parseArguments('Pad', [px, options], CROP_AND_PAD_NAMES) as PadOptions;
    checkNonNegative(args.px, 'Pad');
    checkNonNegative(args.percent, 'Pad');
    if (args.px == null && args.percent == null) args.percent = [0, 0.1];
    super(args);
  }
}

/**
 * Crops images by pixels or fractions of their size (imgaug's `iaa.Crop`), by default resizing
 * back to the input's size (keepSize); amounts are >= 0.
 *
 * @example
 * new iaa.Crop({ percent: [0, 0.2] }); // the seed's pipeline
 */
export class Crop extends CropAndPad {
  constructor(px?: SidesArg | CropOptions, options?: CropOptions) {
    const args = parseArguments('Crop', [px, options], ['px', 'percent', 'keepSize', 'sampleIndependently']) as CropOptions;
    checkNonNegative(args.px, 'Crop');
    checkNonNegative(args.percent, 'Crop');
    if (args.px == null && args.percent == null) args.percent = [0, 0.1];
    super(args);
    this.amountSign = -1;
  }
}
