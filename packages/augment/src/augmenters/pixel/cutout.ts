/**
 * imgaug's cutout_: one rectangle of an image set to cval ("constant") or to noise ("gaussian").
 * Coordinates are truncated toward zero and clipped to the image; an empty rectangle leaves the
 * image as it is. And the Cutout augmenter, drawing rectangles per image.
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { Clip } from '../../parameters/clip';
import { Normal, Uniform } from '../../parameters/continuous';
import { Deterministic } from '../../parameters/deterministic';
import { DiscreteUniform } from '../../parameters/discrete';
import {
  ALL, handleCategoricalStringParam, handleContinuousParam, handleDiscreteParam, handleProbabilityParam,
  type ContinuousArg, type DiscreteArg, type ProbabilityArg,
} from '../../parameters/handle';
import { describeArgument, StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import type { AugmenterOptions } from '../base';
import { maxChannels, PixelAugmenter } from './pixel-augmenter';
import { assertUint8Image, channelCount } from './uint8-image';

/** cutout's options, imgaug's keyword arguments. */
export interface CutoutOptions {
  /** Only "constant" here; cutoutGaussian draws the "gaussian" fill. */
  fillMode?: 'constant';
  /** The fill value, or values: the first alone unless fillPerChannel. */
  cval?: number | readonly number[];
  /** One cval per channel (cycled to the channel count where fewer). */
  fillPerChannel?: boolean;
}

/** The rectangle [x1, x2) × [y1, y2) as imgaug bounds it, or null when empty. */
export function cutoutBounds(image: Tensor, x1: number, y1: number, x2: number, y2: number): [number, number, number, number] | null {
  const [height, width] = image.shape as [number, number];
  const bound = (v: number, size: number): number => Math.min(Math.max(Math.trunc(v), 0), size);
  const box: [number, number, number, number] = [bound(x1, width), bound(y1, height), bound(x2, width), bound(y2, height)];
  return box[2] > box[0] && box[3] > box[1] ? box : null;
}

/** The fill colour: one value, or one per channel as imgaug tiles and truncates cval. */
function fillValues(image: Tensor, cval: number | readonly number[], perChannel: boolean): number[] {
  if (typeof cval === 'number') return [cval];
  if (cval.length === 0) throw new RangeError('cutout: expected at least one cval, got an empty list');
  if (!perChannel || image.dim() === 2) return [cval[0]!];
  return Array.from({ length: channelCount(image) }, (_, c) => cval[c % cval.length]!);
}

/**
 * Fills [x1, x2) × [y1, y2) of image with cval.
 *
 * @example
 * cutout(image, 2, 2, 10, 8, { cval: 128 });
 * cutout(image, 2, 2, 10, 8, { cval: [255, 0, 0], fillPerChannel: true });
 */
export function cutout(image: Tensor, x1: number, y1: number, x2: number, y2: number, options: CutoutOptions = {}): Tensor {
  assertUint8Image(image, 'cutout');
  const fillMode = options.fillMode ?? 'constant';
  if (fillMode !== 'constant') throw new RangeError(`cutout: expected fillMode "constant", got ${JSON.stringify(fillMode)}`);
  const box = cutoutBounds(image, x1, y1, x2, y2);
  if (box === null) return image.clone();
  const [bx1, by1, bx2, by2] = box;
  const values = fillValues(image, options.cval ?? 0, options.fillPerChannel ?? false);
  if (values.some((v) => !(v >= 0 && v <= 255))) throw new RangeError(`cutout: expected cval within 0..255 for a uint8 image, got ${values.join(', ')}`);
  // numpy's assignment into a uint8 array truncates a float cval.
  const fill = torch.tensor(values.map(Math.trunc), { dtype: 'uint8' });
  const out = image.clone();
  const region = out.narrow(0, by1, by2 - by1).narrow(1, bx1, bx2 - bx1);
  region.copy_(fill.numel() === 1 ? fill.reshape([]).expand(region.shape as number[]) : fill.expand(region.shape as number[]));
  return out;
}

/**
 * Fills [x1, x2) × [y1, y2) with Gaussian noise around the middle of the range (imgaug's
 * _fill_rectangle_gaussian_: Normal(127.5, 42.5), clipped and truncated to uint8), one draw per
 * pixel, or per pixel and channel with perChannel.
 */
export function cutoutGaussian(image: Tensor, x1: number, y1: number, x2: number, y2: number, perChannel: boolean, randomState: RandomState): Tensor {
  assertUint8Image(image, 'cutoutGaussian');
  const box = cutoutBounds(image, x1, y1, x2, y2);
  if (box === null) return image.clone();
  const [bx1, by1, bx2, by2] = box;
  const out = image.clone();
  const region = out.narrow(0, by1, by2 - by1).narrow(1, bx1, bx2 - bx1);
  const channels = perChannel && image.dim() === 3 ? [channelCount(image)] : image.dim() === 3 ? [1] : [];
  const noise = randomState.normal(127.5, 255 / 2 / 3, [by2 - by1, bx2 - bx1, ...channels]).clamp(0, 255).to('uint8');
  region.copy_(noise.expand(region.shape as number[]));
  return out;
}

const FILL_MODES = ['constant', 'gaussian'] as const;
type FillMode = (typeof FILL_MODES)[number];

/** A position as imgaug names it: where in the image (0–1 per axis) a rectangle's centre lies. */
export type PositionArg =
  | 'uniform' | 'normal' | 'center'
  | `${'left' | 'center' | 'right'}-${'top' | 'center' | 'bottom'}`
  | readonly [number | StochasticParameter<number>, number | StochasticParameter<number>];

/** The (x, y) parameters of a position (imgaug's _handle_position_parameter). */
export function handlePositionParam(position: unknown): [StochasticParameter<number>, StochasticParameter<number>] {
  if (position === 'uniform') return [new Uniform(0, 1), new Uniform(0, 1)];
  if (position === 'normal') return [new Clip(new Normal(0.5, 0.35 / 2), 0, 1), new Clip(new Normal(0.5, 0.35 / 2), 0, 1)];
  if (position === 'center') return [new Deterministic(0.5), new Deterministic(0.5)];
  const named = typeof position === 'string' ? /^(left|center|right)-(top|center|bottom)$/.exec(position) : null;
  if (named !== null) {
    const place: Record<string, number> = { left: 0, top: 0, center: 0.5, right: 1, bottom: 1 };
    return [new Deterministic(place[named[1]!]!), new Deterministic(place[named[2]!]!)];
  }
  if (Array.isArray(position) && position.length === 2) {
    return position.map((p: unknown) => {
      if (p instanceof StochasticParameter) return p as StochasticParameter<number>;
      if (typeof p === 'number' && p >= 0 && p <= 1) return new Deterministic(p);
      throw new Error(`Expected both position values to be numbers in [0.0, 1.0] or StochasticParameters, got ${describeArgument(p)}`);
    }) as [StochasticParameter<number>, StochasticParameter<number>];
  }
  throw new Error(`Expected position 'uniform', 'normal', 'center', '<left|center|right>-<top|center|bottom>' or a pair [x, y], got ${describeArgument(position)}`);
}

export interface CutoutAugmenterOptions extends AugmenterOptions {
  /** How many rectangles per image (default 1). */
  nbIterations?: DiscreteArg;
  /** Where the rectangles' centres lie (default 'uniform'). */
  position?: PositionArg;
  /** The rectangles' height and width as fractions of the image's (default 0.2). */
  size?: ContinuousArg;
  /** The probability of a rectangle being square (its width set from its height) (default true). */
  squared?: ProbabilityArg;
  /** 'constant' (cval) or 'gaussian' (noise), or a choice of them (default 'constant'). */
  fillMode?: FillMode | readonly FillMode[] | StochasticParameter<string>;
  /** The fill value for 'constant' (default 128; ALL for any of 0–255). */
  cval?: DiscreteArg | typeof ALL;
  /** The probability of filling each channel with its own value (default false). */
  fillPerChannel?: ProbabilityArg;
}

/**
 * Fills rectangles of each image with a constant or noise (imgaug's `iaa.Cutout`, DeVries and
 * Taylor's Cutout).
 *
 * @example
 * new iaa.Cutout({ nbIterations: 2, size: 0.2, fillMode: 'gaussian', fillPerChannel: true });
 */
export class Cutout extends PixelAugmenter {
  readonly nbIterations: StochasticParameter<number>;
  readonly position: [StochasticParameter<number>, StochasticParameter<number>];
  readonly size: StochasticParameter<number>;
  readonly squared: StochasticParameter<number>;
  readonly fillMode: StochasticParameter<string>;
  readonly cval: StochasticParameter<number>;
  readonly fillPerChannel: StochasticParameter<number>;

  constructor(options: CutoutAugmenterOptions = {}) {
    const args = parseArguments('Cutout', [options], ['nbIterations', 'position', 'size', 'squared', 'fillMode', 'cval', 'fillPerChannel']);
    super(args);
    this.nbIterations = handleDiscreteParam(args.nbIterations ?? 1, 'nbIterations', { valueRange: [0, null], allowFloats: false });
    this.position = handlePositionParam(args.position ?? 'uniform');
    this.size = handleContinuousParam(args.size ?? 0.2, 'size', { valueRange: [0, 1 + 1e-4] });
    this.squared = handleProbabilityParam(args.squared ?? true, 'squared');
    this.fillMode = handleCategoricalStringParam(args.fillMode ?? 'constant', 'fillMode', FILL_MODES) as StochasticParameter<string>;
    this.cval = args.cval === ALL ? new DiscreteUniform(0, 255) : handleDiscreteParam(args.cval ?? 128, 'cval');
    this.fillPerChannel = handleProbabilityParam(args.fillPerChannel ?? false, 'fillPerChannel');
  }

  protected augmentImages_(images: Tensor[], randomState: RandomState): Tensor[] {
    const rss = randomState.deriveMany(8);
    const counts = this.nbIterations.drawValues(images.length, rss[0]!);
    const total = counts.reduce((a, b) => a + b, 0);
    const channelsMax = maxChannels(images);
    const posX = this.position[0].drawValues(total, rss[1]!);
    const posY = this.position[1].drawValues(total, rss[2]!);
    const sizes = this.size.drawValues([total, 2], rss[3]!);
    const squared = this.squared.drawValues(total, rss[4]!);
    const fillModes = this.fillMode.drawValues(total, rss[5]!);
    const cvals = this.cval.drawValues([total, channelsMax], rss[6]!);
    const perChannel = this.fillPerChannel.drawValues(total, rss[7]!);
    let k = 0;
    return images.map((image, i) => {
      const [height, width] = image.shape as [number, number];
      let out = image;
      for (let j = 0; j < counts[i]!; j++, k++) {
        const [halfH, halfW] = [sizes[2 * k]! / 2, sizes[2 * k + 1]! / 2];
        const y1 = (posY[k]! - halfH) * height;
        const y2 = (posY[k]! + halfH) * height;
        let x1 = (posX[k]! - halfW) * width;
        let x2 = (posX[k]! + halfW) * width;
        if (squared[k]! >= 0.5) {
          // imgaug squares in pixels: the width is set to the height, around the same centre.
          const centre = x1 + (x2 - x1) / 2;
          [x1, x2] = [centre - (y2 - y1) / 2, centre + (y2 - y1) / 2];
        }
        const fillPerChannel = perChannel[k]! >= 0.5;
        out = fillModes[k] === 'gaussian'
          ? cutoutGaussian(out, x1, y1, x2, y2, fillPerChannel, randomState)
          : cutout(out, x1, y1, x2, y2, { cval: cvals.slice(k * channelsMax, (k + 1) * channelsMax), fillPerChannel });
      }
      return out;
    });
  }

  override getParameters(): unknown[] {
    return [this.nbIterations, this.position, this.size, this.squared, this.fillMode, this.cval, this.fillPerChannel];
  }
}
