/**
 * imgaug's CropAndPad, Crop and Pad: remove or add pixels on each side of an image, by pixels or by
 * a fraction of its size, optionally resizing back to the input's size (keepSize), with the row's
 * heatmaps, segmentation maps, keypoints, bounding boxes and polygons.
 */
import type { Tensor } from '@x/tensor';
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
import { moveCoordinateRow, projectPoints } from '../coordinates';
import { cvRound } from '../opencv-rounding';
import { rowShapes } from '../row-shapes';
import { cropAndPadImage, cropImage, cropWindow, padImage, preventZeroSizeCrop, type Sides } from './crop-and-pad-image';
import { resizeHeatmaps, resizeSegmentationMaps } from './resize-maps';

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
function handlePadMode(mode: unknown): StochasticParameter<BorderMode> {
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

/** A parameter drawing the negatives of another's values (imgaug's iap.Multiply(p, -1), for Crop). */
class Negated extends StochasticParameter<number> {
  constructor(readonly inner: StochasticParameter<number>) {
    super();
  }

  protected sample(dims: readonly number[], randomState: RandomState): Tensor {
    return this.inner.drawSamples(dims, randomState.derive()).neg();
  }

  toString(): string {
    return `Multiply(${this.inner}, Deterministic(int -1), False)`;
  }
}

/** One row's crop and pad amounts, fill mode and value. */
interface CropAndPadSample {
  crop: Sides;
  pad: Sides;
  padMode: BorderMode;
  padCval: number;
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
    const values = (p: StochasticParameter<number>, size: number[]) => Array.from(p.drawSamples(size, randomState).numpy() as ArrayLike<number>);
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
    const samples = this.drawSamples(rowShapes(batch), randomState);
    samples.forEach((sample, i) => {
      if (batch.images) batch.images[i] = cropAndPadImage(batch.images[i]!, sample.crop, sample.pad, sample.padMode, sample.padCval, this.keepSize);
      if (batch.heatmaps) {
        const hm = batch.heatmaps[i]!;
        const { arr, shape, resizeTo } = this.cropAndPadMap(hm.arr0to1, hm.shape, sample);
        batch.heatmaps[i] = resizeTo ? resizeHeatmaps(hm.withArr0to1(arr), resizeTo[0], resizeTo[1]) : hm.withArr0to1(arr, shape);
      }
      if (batch.segmentationMaps) {
        const sm = batch.segmentationMaps[i]!;
        const { arr, shape, resizeTo } = this.cropAndPadMap(sm.arr, sm.shape, sample);
        batch.segmentationMaps[i] = resizeTo ? resizeSegmentationMaps(sm.withArr(arr), resizeTo[0], resizeTo[1]) : sm.withArr(arr, shape);
      }
      moveCoordinateRow(
        batch,
        i,
        (points, shape) => {
          const { x1, y1 } = cropWindow(shape[0]!, shape[1]!, sample.crop);
          const dx = -x1 + sample.pad[3];
          const dy = -y1 + sample.pad[0];
          const moved = points.map(([x, y]) => [x + dx, y + dy] as [number, number]);
          if (!this.keepSize) return moved;
          // keepSize: projected back onto the input's size.
          return projectPoints(moved, shapeAfterCropAndPad(shape, sample), shape);
        },
        (shape) => (this.keepSize ? shape : shapeAfterCropAndPad(shape, sample)),
      );
    });
    return batch;
  }

  /**
   * A heatmap or segmentation map array cropped and padded (constant 0) by the image's amounts
   * projected onto the map's size, as imgaug's _crop_and_pad_hms_or_segmaps_; with keepSize, the
   * size to resize the map back to.
   */
  private cropAndPadMap(arr: Tensor, imageShape: ImageShape, sample: CropAndPadSample): { arr: Tensor; shape: ImageShape; resizeTo: [number, number] | null } {
    const crop = preventZeroSizeCrop(arr.shape[0]!, arr.shape[1]!, projectSides(sample.crop, imageShape, arr.shape));
    const pad = projectSides(sample.pad, imageShape, arr.shape);
    const out = padImage(cropImage(arr, crop), pad, 'constant', 0);
    return { arr: out, shape: shapeAfterCropAndPad(imageShape, sample), resizeTo: this.keepSize ? [arr.shape[0]!, arr.shape[1]!] : null };
  }

  override getParameters(): unknown[] {
    const sides = 'allSides' in this.sides ? [this.sides.allSides, null, null, null, null] : [null, ...this.sides.perSide];
    return [...sides, this.padMode, this.padCval];
  }
}

/** The shape after cropping and padding (imgaug's _compute_shape_after_crop_and_pad). */
function shapeAfterCropAndPad(shape: ImageShape, sample: CropAndPadSample): ImageShape {
  const { x1, y1, x2, y2 } = cropWindow(shape[0]!, shape[1]!, sample.crop);
  return [y2 - y1 + sample.pad[0] + sample.pad[2], x2 - x1 + sample.pad[1] + sample.pad[3], ...shape.slice(2)];
}

/**
 * Amounts for an image projected onto a map of another size (imgaug's _project_size_changes): the
 * ±1e-4 keeps two equal odd amounts on a half-size map from both rounding up.
 */
function projectSides(sides: Sides, from: ImageShape, to: ImageShape): Sides {
  if (from[0] === to[0] && from[1] === to[1]) return sides;
  const [top, right, bottom, left] = sides;
  return [
    cvRound(to[0]! * (top / from[0]!) - 1e-4),
    cvRound(to[1]! * (right / from[1]!) + 1e-4),
    cvRound(to[0]! * (bottom / from[0]!) + 1e-4),
    cvRound(to[1]! * (left / from[1]!) - 1e-4),
  ];
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

/** Negates amounts given to Crop: numbers, ranges (kept in order), per-side lists and parameters. */
function negate(value: unknown): unknown {
  if (typeof value === 'number') return -value;
  if (value instanceof Choice) return new Choice<number>((value.a as number[]).map((v) => (typeof v === 'number' ? -v : new Negated(v as StochasticParameter<number>))));
  if (value instanceof StochasticParameter) return new Negated(value as StochasticParameter<number>);
  if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number')) return [-value[1], -value[0]];
  if (Array.isArray(value)) return value.map(negate);
  return value;
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
    super({ ...args, px: args.px == null ? undefined : negate(args.px), percent: args.percent == null ? undefined : negate(args.percent) });
  }
}
