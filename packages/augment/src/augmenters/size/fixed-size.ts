/**
 * imgaug's CropToFixedSize and PadToFixedSize (and their Center variants): crop images larger than
 * a size down to it, or pad smaller ones up to it, at a drawn or fixed position, with their maps
 * and coordinates.
 */
import { AUGMENTABLE_KINDS, type AugmentableKind, type Batch } from '../../augmentables/batch';
import { Clip } from '../../parameters/clip';
import { Normal, Uniform } from '../../parameters/continuous';
import { Deterministic } from '../../parameters/deterministic';
import { handleDiscreteParam } from '../../parameters/handle';
import { StochasticParameter, describeArgument } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import { Augmenter, type AugmenterOptions } from '../base';
import type { BorderMode } from '../border-index';
import { rowShapes } from '../row-shapes';
import { handlePadMode } from './crop-and-pad';
import { cropAndPadBatch, type CropAndPadSample } from './crop-and-pad-row';

/**
 * Where the kept (cropping) or original (padding) area sits: 'uniform' (drawn), 'normal' (drawn
 * around the centre), 'center', '<left|center|right>-<top|center|bottom>', a parameter drawing x and
 * y together, or [x, y] of numbers in [0, 1] or parameters.
 */
export type PositionArg = unknown;

type Position = StochasticParameter<number> | [StochasticParameter<number>, StochasticParameter<number>];

function handlePosition(position: unknown, who: string): Position {
  if (position === 'uniform') return [new Uniform(0, 1), new Uniform(0, 1)];
  if (position === 'normal') return [new Clip(new Normal(0.5, 0.35 / 2), 0, 1), new Clip(new Normal(0.5, 0.35 / 2), 0, 1)];
  if (position === 'center') return [new Deterministic(0.5), new Deterministic(0.5)];
  if (typeof position === 'string') {
    const match = /^(left|center|right)-(top|center|bottom)$/.exec(position);
    if (match) {
      const at: Record<string, number> = { left: 0, top: 0, center: 0.5, right: 1, bottom: 1 };
      return [new Deterministic(at[match[1]!]!), new Deterministic(at[match[2]!]!)];
    }
  }
  if (position instanceof StochasticParameter) return position as StochasticParameter<number>;
  if (Array.isArray(position) && position.length === 2) {
    return position.map((p) => {
      if (typeof p === 'number') {
        if (!(p >= 0 && p <= 1)) throw new Error(`${who}: expected position values in [0, 1], got ${p}`);
        return new Deterministic(p);
      }
      if (p instanceof StochasticParameter) return p as StochasticParameter<number>;
      throw new Error(`${who}: expected position [x, y] of numbers or StochasticParameters, got ${describeArgument(position)}`);
    }) as [StochasticParameter<number>, StochasticParameter<number>];
  }
  throw new Error(`${who}: expected position 'uniform', 'normal', 'center', '<left|center|right>-<top|center|bottom>', a StochasticParameter or [x, y], got ${describeArgument(position)}`);
}

/** x and y positions for n rows, as float32 values (imgaug's), from one parameter drawing pairs or one per axis. */
function drawPositions(position: Position, n: number, rngs: RandomState[]): { xs: number[]; ys: number[] } {
  const values = (p: StochasticParameter<number>, size: number[], rng: RandomState) => Array.from(p.drawSamples(size, rng).numpy() as ArrayLike<number>, Math.fround);
  if (Array.isArray(position)) return { xs: values(position[0], [n], rngs[0]!), ys: values(position[1], [n], rngs[1]!) };
  const pairs = values(position, [n, 2], rngs[0]!);
  return { xs: pairs.filter((_, k) => k % 2 === 0), ys: pairs.filter((_, k) => k % 2 === 1) };
}

function checkSize(value: unknown, name: string, who: string): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Error(`${who}: expected ${name} to be a non-negative integer or null (that axis left alone), got ${describeArgument(value)}`);
  return value;
}

export interface PadToFixedSizeOptions extends AugmenterOptions {
  width?: number | null;
  height?: number | null;
  padMode?: unknown;
  padCval?: unknown;
  position?: PositionArg;
}

/**
 * Pads images smaller than width × height up to that size (imgaug's `iaa.PadToFixedSize`); larger
 * sides are left as they are. position 0 puts the image at the left/top, 1 at the right/bottom.
 *
 * @example
 * new iaa.PadToFixedSize(224, 224, { position: 'center', padMode: 'edge' });
 */
export class PadToFixedSize extends Augmenter {
  readonly width: number | null;
  readonly height: number | null;
  readonly padMode: StochasticParameter<BorderMode>;
  readonly padCval: StochasticParameter<number>;
  readonly position: Position;

  constructor(width?: number | null | PadToFixedSizeOptions, height?: number | null | PadToFixedSizeOptions, options?: PadToFixedSizeOptions) {
    const who = new.target.name;
    const args = parseArguments(who, [width, height, options], ['width', 'height', 'padMode', 'padCval', 'position']) as PadToFixedSizeOptions;
    super(args);
    this.width = checkSize(args.width, 'width', who);
    this.height = checkSize(args.height, 'height', who);
    this.position = handlePosition(args.position ?? 'uniform', who);
    this.padMode = handlePadMode(args.padMode ?? 'constant');
    this.padCval = handleDiscreteParam(args.padCval ?? 0, 'padCval', { allowFloats: true });
  }

  override get supportedKinds(): readonly AugmentableKind[] {
    return AUGMENTABLE_KINDS;
  }

  protected augmentBatch_(batch: Batch, randomState: RandomState): Batch {
    const n = batch.nbRows;
    const rngs = randomState.deriveMany(4);
    const { xs, ys } = drawPositions(this.position, n, rngs);
    const modes = this.padMode.drawValues(n, rngs[2]!);
    const cvals = this.padCval.drawValues(n, rngs[3]!);
    const samples = rowShapes(batch).map((shape, i): CropAndPadSample => {
      const [h, w] = shape as [number, number];
      let [top, right, bottom, left] = [0, 0, 0, 0];
      if (this.width !== null && w < this.width) {
        left = Math.trunc((1 - xs[i]!) * (this.width - w));
        right = this.width - w - left;
      }
      if (this.height !== null && h < this.height) {
        top = Math.trunc((1 - ys[i]!) * (this.height - h));
        bottom = this.height - h - top;
      }
      return { crop: [0, 0, 0, 0], pad: [top, right, bottom, left], padMode: modes[i]!, padCval: cvals[i]! };
    });
    cropAndPadBatch(batch, samples, false);
    return batch;
  }

  override getParameters(): unknown[] {
    return [this.width, this.height, this.padMode, this.padCval, Array.isArray(this.position) ? `(${this.position.join(', ')})` : this.position];
  }
}

/**
 * Pads images up to width × height with the image in the centre (imgaug's `iaa.CenterPadToFixedSize`).
 *
 * @example
 * new iaa.CenterPadToFixedSize(64, 64);
 */
export class CenterPadToFixedSize extends PadToFixedSize {
  constructor(width?: number | null | Omit<PadToFixedSizeOptions, 'position'>, height?: number | null | Omit<PadToFixedSizeOptions, 'position'>, options?: Omit<PadToFixedSizeOptions, 'position'>) {
    const args = parseArguments('CenterPadToFixedSize', [width, height, options], ['width', 'height', 'padMode', 'padCval']);
    super({ ...args, position: 'center' });
  }
}

export interface CropToFixedSizeOptions extends AugmenterOptions {
  width?: number | null;
  height?: number | null;
  position?: PositionArg;
}

/**
 * Crops images larger than width × height down to that size (imgaug's `iaa.CropToFixedSize`);
 * smaller sides are left as they are. position 0 keeps the left/top part, 1 the right/bottom.
 *
 * @example
 * new iaa.CropToFixedSize(128, 128); // a uniformly drawn window
 */
export class CropToFixedSize extends Augmenter {
  readonly width: number | null;
  readonly height: number | null;
  readonly position: Position;

  constructor(width?: number | null | CropToFixedSizeOptions, height?: number | null | CropToFixedSizeOptions, options?: CropToFixedSizeOptions) {
    const who = new.target.name;
    const args = parseArguments(who, [width, height, options], ['width', 'height', 'position']) as CropToFixedSizeOptions;
    super(args);
    this.width = checkSize(args.width, 'width', who);
    this.height = checkSize(args.height, 'height', who);
    this.position = handlePosition(args.position ?? 'uniform', who);
  }

  override get supportedKinds(): readonly AugmentableKind[] {
    return AUGMENTABLE_KINDS;
  }

  protected augmentBatch_(batch: Batch, randomState: RandomState): Batch {
    const { xs, ys } = drawPositions(this.position, batch.nbRows, randomState.deriveMany(2));
    const samples = rowShapes(batch).map((shape, i): CropAndPadSample => {
      const [h, w] = shape as [number, number];
      // imgaug turns the position around (1 - p) in float32, then multiplies in float64 and truncates.
      const f = Math.fround;
      let [top, right, bottom, left] = [0, 0, 0, 0];
      if (this.height !== null && h > this.height) {
        top = Math.trunc(f(1 - ys[i]!) * (h - this.height));
        bottom = h - this.height - top;
      }
      if (this.width !== null && w > this.width) {
        left = Math.trunc(f(1 - xs[i]!) * (w - this.width));
        right = w - this.width - left;
      }
      return { crop: [top, right, bottom, left], pad: [0, 0, 0, 0], padMode: 'constant', padCval: 0 };
    });
    cropAndPadBatch(batch, samples, false);
    return batch;
  }

  override getParameters(): unknown[] {
    return [this.width, this.height, Array.isArray(this.position) ? `(${this.position.join(', ')})` : this.position];
  }
}

/**
 * Crops images down to width × height around their centre (imgaug's `iaa.CenterCropToFixedSize`).
 *
 * @example
 * new iaa.CenterCropToFixedSize(224, 224);
 */
export class CenterCropToFixedSize extends CropToFixedSize {
  constructor(width?: number | null | Omit<CropToFixedSizeOptions, 'position'>, height?: number | null | Omit<CropToFixedSizeOptions, 'position'>, options?: Omit<CropToFixedSizeOptions, 'position'>) {
    const args = parseArguments('CenterCropToFixedSize', [width, height, options], ['width', 'height']);
    super({ ...args, position: 'center' });
  }
}
