/**
 * imgaug's Resize: images to a fixed or drawn size (pixels or fractions, per side, or by the shorter
 * and longer side), with their heatmaps, segmentation maps, keypoints, bounding boxes and polygons.
 */
import { AUGMENTABLE_KINDS, type AugmentableKind, type Batch } from '../../augmentables/batch';
import type { ImageShape } from '../../augmentables/shape';
import { Choice } from '../../parameters/choice';
import { Uniform } from '../../parameters/continuous';
import { Deterministic } from '../../parameters/deterministic';
import { DiscreteUniform } from '../../parameters/discrete';
import { ALL, handleCategoricalStringParam } from '../../parameters/handle';
import { StochasticParameter, describeArgument } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import { Augmenter, type AugmenterOptions } from '../base';
import { moveCoordinates, movingPoints, projectPoints } from '../coordinates';
import { cvRound } from '../opencv-rounding';
import { RESIZE_INTERPOLATIONS, resizeImage, type ResizeInterpolation } from './resize-image';
import { resizeHeatmaps, resizeSegmentationMaps } from './resize-maps';

/**
 * One side's size: a whole number is pixels, a number with a fraction is a factor of the input's
 * size (imgaug's int and float; a whole factor such as imgaug's 2.0 has no plain-number form here),
 * a range [a, b] (pixels when both are whole, else factors), a choice, a parameter, or 'keep'.
 */
export type SideSizeArg = unknown;

export interface ResizeOptions extends AugmenterOptions {
  /**
   * The new size: one SideSizeArg for both sides, { height, width } (either may be 'keep' or, for
   * one of them, 'keep-aspect-ratio'), or { shorterSide, longerSide }.
   */
  size?: unknown;
  /** 'nearest', 'linear', 'area', 'cubic' (default), a list of them, ALL, or a parameter. */
  interpolation?: unknown;
}

type SizeValue = number | 'keep' | 'keep-aspect-ratio';
type SizeParams = { both: StochasticParameter<SizeValue> } | { first: StochasticParameter<SizeValue>; second: StochasticParameter<SizeValue>; order: 'HW' | 'SL' };

function handleSideSize(value: unknown, name: string): StochasticParameter<SizeValue> {
  if (value === 'keep') return new Deterministic<SizeValue>('keep');
  if (typeof value === 'number') {
    if (!(value > 0)) throw new Error(`Resize: expected ${name} > 0, got ${value}`);
    return new Deterministic<SizeValue>(value);
  }
  if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number')) {
    const [a, b] = value as [number, number];
    if (!(a > 0 && b > 0)) throw new Error(`Resize: expected the range for ${name} to hold values > 0, got [${a}, ${b}]`);
    return (Number.isInteger(a) && Number.isInteger(b) ? new DiscreteUniform(a, b) : new Uniform(a, b)) as unknown as StochasticParameter<SizeValue>;
  }
  if (value instanceof StochasticParameter) return value as StochasticParameter<SizeValue>;
  throw new Error(`Resize: expected ${name} to be a number > 0, a range [a, b], a choice (iap.choice), a StochasticParameter or 'keep', got ${describeArgument(value)}`);
}

function handleSize(size: unknown): SizeParams {
  const isObject = typeof size === 'object' && size !== null && !Array.isArray(size) && !(size instanceof StochasticParameter);
  if (!isObject) return { both: handleSideSize(size, 'size') };
  const keys = Object.keys(size as object);
  const dict = size as Record<string, unknown>;
  const pairs: [string, string, 'HW' | 'SL'][] = [['height', 'width', 'HW'], ['shorterSide', 'longerSide', 'SL']];
  for (const [a, b, order] of pairs) {
    if (!keys.some((k) => k === a || k === b)) continue;
    const unknown = keys.filter((k) => k !== a && k !== b);
    if (unknown.length > 0) throw new Error(`Resize: expected size { ${a}, ${b} }, got keys ${JSON.stringify(keys)}`);
    const first = dict[a] ?? 'keep';
    const second = dict[b] ?? 'keep';
    if (first === 'keep-aspect-ratio' && second === 'keep-aspect-ratio') throw new Error(`Resize: at most one of ${a} and ${b} can be 'keep-aspect-ratio'`);
    const side = (v: unknown, name: string) => (v === 'keep-aspect-ratio' ? new Deterministic<SizeValue>('keep-aspect-ratio') : handleSideSize(v, name));
    return { first: side(first, `size.${a}`), second: side(second, `size.${b}`), order };
  }
  if (keys.length === 0) return { both: new Deterministic<SizeValue>('keep') };
  throw new Error(`Resize: expected size as { height, width } or { shorterSide, longerSide }, got keys ${JSON.stringify(keys)}`);
}

/** imgaug's _compute_height_width: the output size of an image of `shape` for one row's two drawn values. */
export function computeHeightWidth(shape: ImageShape, a: SizeValue, b: SizeValue, order: 'HW' | 'SL'): [number, number] {
  const [imh, imw] = shape as [number, number];
  let [h, w]: (SizeValue)[] = order === 'SL' && imh >= imw ? [b, a] : [a, b];
  const resolve = (v: SizeValue, length: number): SizeValue => {
    if (typeof v === 'number' && !Number.isInteger(v)) return Math.max(cvRound(length * v), 1);
    return v === 'keep' ? length : v;
  };
  h = resolve(h, imh);
  w = resolve(w, imw);
  if (h === 'keep-aspect-ratio') h = cvRound((w as number) * (imh / imw));
  if (w === 'keep-aspect-ratio') w = cvRound((h as number) * (imw / imh));
  return [h as number, w as number];
}

/**
 * Resizes images (imgaug's `iaa.Resize`) through OpenCV's interpolation as imgaug does: fixed sizes
 * give imgaug's output exactly.
 *
 * @example
 * new iaa.Resize({ height: 32, width: 64 });
 * new iaa.Resize(0.5, { interpolation: 'area' });
 * new iaa.Resize({ shorterSide: 224, longerSide: 'keep-aspect-ratio' });
 */
export class Resize extends Augmenter {
  readonly size: SizeParams;
  readonly interpolation: StochasticParameter<ResizeInterpolation>;

  constructor(size?: unknown, options?: ResizeOptions) {
    // A size object ({ height, width }) is the size, not the options: an object is taken as the
    // options only when it names one of them.
    const isObject = typeof size === 'object' && size !== null && !Array.isArray(size) && !(size instanceof StochasticParameter);
    const optionNames = ['size', 'interpolation', 'seed', 'name', 'deterministic'];
    const sizeObject = isObject && !Object.keys(size).some((k) => optionNames.includes(k));
    const args = (sizeObject ? { ...parseArguments('Resize', [options ?? {}], ['size', 'interpolation']), size } : parseArguments('Resize', [size, options], ['size', 'interpolation'])) as ResizeOptions;
    super(args);
    if (args.size === undefined) throw new Error('Resize() missing 1 required positional argument: \'size\'');
    this.size = handleSize(args.size);
    const interpolation = args.interpolation ?? 'cubic';
    this.interpolation = interpolation === ALL ? new Choice<ResizeInterpolation>([...RESIZE_INTERPOLATIONS]) : handleCategoricalStringParam<ResizeInterpolation>(interpolation, 'interpolation', RESIZE_INTERPOLATIONS);
  }

  override get supportedKinds(): readonly AugmentableKind[] {
    return AUGMENTABLE_KINDS;
  }

  private drawSamples(n: number, randomState: RandomState): { a: SizeValue[]; b: SizeValue[]; interpolation: ResizeInterpolation[] } {
    const rngs = randomState.deriveMany(3);
    const draw = (p: StochasticParameter<SizeValue>, rng: RandomState): SizeValue[] => {
      const values = p.drawValues(n, rng);
      // Factors stay float32, as imgaug draws them.
      return values.map((v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.fround(v) : v));
    };
    const [a, b] = 'both' in this.size ? (() => { const d = draw(this.size.both, rngs[0]!); return [d, d]; })() : [draw(this.size.first, rngs[0]!), draw(this.size.second, rngs[1]!)];
    return { a, b, interpolation: this.interpolation.drawValues(n, rngs[2]!) };
  }

  protected augmentBatch_(batch: Batch, randomState: RandomState): Batch {
    const { a, b, interpolation } = this.drawSamples(batch.nbRows, randomState);
    const order = 'order' in this.size ? this.size.order : 'HW';
    const sizeOf = (shape: ImageShape, i: number) => computeHeightWidth(shape, a[i]!, b[i]!, order);
    for (let i = 0; i < batch.nbRows; i++) {
      if (batch.images) {
        const [h, w] = sizeOf(batch.images[i]!.shape, i);
        batch.images[i] = resizeImage(batch.images[i]!, h, w, interpolation[i]);
      }
      if (batch.heatmaps) {
        const hm = batch.heatmaps[i]!;
        const { arrSize, shape } = mapSize(hm.arr0to1.shape, hm.shape, sizeOf(hm.shape, i));
        batch.heatmaps[i] = resizeHeatmaps(hm, arrSize[0], arrSize[1], shape, interpolation[i]);
      }
      if (batch.segmentationMaps) {
        const sm = batch.segmentationMaps[i]!;
        const { arrSize, shape } = mapSize(sm.arr.shape, sm.shape, sizeOf(sm.shape, i));
        batch.segmentationMaps[i] = resizeSegmentationMaps(sm, arrSize[0], arrSize[1], shape);
      }
    }
    const after = (row: number, shape: ImageShape): ImageShape => [...sizeOf(shape, row), ...shape.slice(2)];
    moveCoordinates(batch, movingPoints((row) => (points, shape) => projectPoints(points, shape, after(row, shape)), after));
    return batch;
  }

  override getParameters(): unknown[] {
    const size = 'both' in this.size ? this.size.both : `(${this.size.first}, ${this.size.second})`;
    return [size, this.interpolation, 'order' in this.size ? this.size.order : 'HW'];
  }
}

/** A map's new array size: the image's new size scaled by the map's size relative to its image (at least 1). */
function mapSize(arrShape: readonly number[], imageShape: ImageShape, [h, w]: [number, number]): { arrSize: [number, number]; shape: ImageShape } {
  return {
    arrSize: [Math.max(cvRound(h * (arrShape[0]! / imageShape[0]!)), 1), Math.max(cvRound(w * (arrShape[1]! / imageShape[1]!)), 1)],
    shape: [h, w, ...imageShape.slice(2)],
  };
}
