/**
 * imgaug's PerspectiveTransform: each image corner moves inward by a random amount (|Normal(0,
 * scale)| of the size, modulo 1), and the quadrilateral they span is warped to a rectangle, with
 * the row's heatmaps, segmentation maps, keypoints and boxes.
 */
import type { Tensor } from '@x/tensor';
import type { AugmentableKind, Batch } from '../../augmentables/batch';
import type { ImageShape } from '../../augmentables/shape';
import { Normal, Uniform } from '../../parameters/continuous';
import { ALL, handleCategoricalStringParam, handleContinuousParam } from '../../parameters/handle';
import { Choice } from '../../parameters/choice';
import { describeArgument, type StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import { Augmenter, type AugmenterOptions } from '../base';
import { moveCoordinates, movingPoints, projectPoints } from '../coordinates';
import { cvRound } from '../opencv-rounding';
import { resizeImage } from '../size/resize-image';
import { resizeHeatmaps, resizeSegmentationMaps } from '../size/resize-maps';
import type { Matrix3 } from './affine-matrix';
import { perspectivePoints, perspectiveTransformMatrix } from './perspective-matrix';
import { warpPerspective } from './warp-perspective';

/** imgaug's mode names for PerspectiveTransform (OpenCV's BORDER_REPLICATE and BORDER_CONSTANT). */
type PerspectiveMode = 'replicate' | 'constant';
const PERSPECTIVE_MODES: readonly PerspectiveMode[] = ['replicate', 'constant'];

export interface PerspectiveTransformOptions extends AugmenterOptions {
  /** Standard deviation of the corners' jitter as a fraction of the size (default a range [0, 0.06]). */
  scale?: unknown;
  /** Fill values for 'constant' (three per image are drawn; ALL for [0, 255]). */
  cval?: unknown;
  /** 'constant' (default) or 'replicate', a list, ALL or a parameter. */
  mode?: unknown;
  /** Resize the warped image back to the input's size (default true). */
  keepSize?: boolean;
  /** Grow the output so the whole warped image fits (default false). */
  fitOutput?: boolean;
}

/** One row's warp: the matrix and the output size, for one shape. */
interface Warp {
  matrix: Matrix3;
  height: number;
  width: number;
}

/** The smallest width or height imgaug lets the warped rectangle have. */
const MIN_SIZE = 2;

/**
 * Warps images by random four-point perspective transformations (imgaug's `iaa.PerspectiveTransform`).
 *
 * @example
 * new iaa.PerspectiveTransform({ scale: [0.01, 0.15] });
 */
export class PerspectiveTransform extends Augmenter {
  readonly scale: StochasticParameter<number>;
  /** The corners' jitter: Normal(0, scale), one scale drawn per batch as imgaug's Normal does. */
  jitter: StochasticParameter<number>;
  readonly cval: StochasticParameter<number>;
  readonly mode: StochasticParameter<PerspectiveMode>;
  readonly keepSize: boolean;
  readonly fitOutput: boolean;

  constructor(scale?: unknown, options?: PerspectiveTransformOptions) {
    const args = parseArguments('PerspectiveTransform', [scale, options], ['scale', 'cval', 'mode', 'keepSize', 'fitOutput']) as PerspectiveTransformOptions;
    super(args);
    this.scale = handleContinuousParam(args.scale ?? [0, 0.06], 'scale', { valueRange: [0, null] });
    this.jitter = new Normal(0, this.scale);
    this.cval = args.cval === ALL ? new Uniform(0, 255) : handleContinuousParam(args.cval ?? 0, 'cval');
    this.mode = args.mode === ALL ? new Choice<PerspectiveMode>([...PERSPECTIVE_MODES]) : handleCategoricalStringParam<PerspectiveMode>(args.mode ?? 'constant', 'mode', PERSPECTIVE_MODES);
    for (const key of ['keepSize', 'fitOutput'] as const) {
      if (args[key] !== undefined && typeof args[key] !== 'boolean') throw new Error(`PerspectiveTransform: expected ${key} to be a boolean, got ${describeArgument(args[key])}`);
    }
    this.keepSize = args.keepSize ?? true;
    this.fitOutput = args.fitOutput ?? false;
  }

  /** Polygons are left out: imgaug repairs the polygons a perspective warp makes invalid, which this port does not. */
  override get supportedKinds(): readonly AugmentableKind[] {
    return ['images', 'heatmaps', 'segmentationMaps', 'keypoints', 'boundingBoxes'];
  }

  /**
   * imgaug's _draw_samples for one row's jitter (4 corners × [x, y], as fractions): the corners
   * pulled inward, ordered, widened or heightened until the rectangle is at least 2 × 2, and the
   * matrix taking them to that rectangle (grown to fit with fitOutput).
   */
  private warpFor(jitter: readonly number[], shape: ImageShape): Warp {
    const f = Math.fround;
    const [h, w] = shape as [number, number];
    const fractions = jitter.map((v) => f(Math.abs(v) % 1));
    // Corners tl, tr, br, bl: x = 1 - jitter on the right, y = 1 - jitter at the bottom.
    const inward = [[0, 0], [1, 0], [1, 1], [0, 1]];
    const points = [0, 1, 2, 3].map((c) => [0, 1].map((axis) => {
      const v = inward[c]![axis] ? f(1 - fractions[c * 2 + axis]!) : fractions[c * 2 + axis]!;
      return f(v * (axis === 0 ? w : h));
    }) as [number, number]);
    const [tl, tr, br, bl] = orderPoints(points);
    const maxWidth = stretchToMinimum([tr, tl], [br, bl], [tl, bl], [tr, br], 0);
    const maxHeight = stretchToMinimum([tr, br], [tl, bl], [tl, tr], [bl, br], 1);
    const matrix = perspectiveTransformMatrix([tl, tr, br, bl], [[0, 0], [maxWidth, 0], [maxWidth, maxHeight], [0, maxHeight]]);
    return this.fitOutput ? expandToFit(matrix, h, w) : { matrix, height: maxHeight, width: maxWidth };
  }

  protected augmentBatch_(batch: Batch, randomState: RandomState): Batch {
    const n = batch.nbRows;
    const rngs = randomState.deriveMany(3);
    const cvals = Array.from(this.cval.drawSamples([n, 3], rngs[0]!).numpy() as ArrayLike<number>);
    const modes = this.mode.drawValues(n, rngs[1]!);
    const jitter = Array.from(this.jitter.drawSamples([n, 4, 2], rngs[2]!).numpy() as ArrayLike<number>);
    const jitterOf = (i: number) => jitter.slice(i * 8, i * 8 + 8);
    for (let i = 0; i < n; i++) {
      if (batch.images) {
        const image = batch.images[i]!;
        if (image.numel() === 0) continue;
        const warp = this.warpFor(jitterOf(i), image.shape);
        const mode = modes[i] === 'replicate' ? 'edge' : 'constant';
        const warped = warpPerspective(image, warp.matrix, { order: 1, mode, cval: cvals.slice(3 * i, 3 * i + 3), outputShape: [warp.height, warp.width] });
        batch.images[i] = this.keepSize ? resizeImage(warped, image.shape[0]!, image.shape[1]!) : warped;
      }
      if (batch.heatmaps) {
        const hm = batch.heatmaps[i]!;
        const arr = this.warpMap(hm.arr0to1, hm.shape, jitterOf(i), 1);
        batch.heatmaps[i] = this.keepSize ? resizeHeatmaps(hm.withArr0to1(arr), hm.arr0to1.shape[0]!, hm.arr0to1.shape[1]!) : hm.withArr0to1(arr, this.shapeAfter(jitterOf(i), hm.shape));
      }
      if (batch.segmentationMaps) {
        const sm = batch.segmentationMaps[i]!;
        const arr = this.warpMap(sm.arr.to('float32'), sm.shape, jitterOf(i), 0).to(sm.arr.dtype);
        batch.segmentationMaps[i] = this.keepSize ? resizeSegmentationMaps(sm.withArr(arr), sm.arr.shape[0]!, sm.arr.shape[1]!) : sm.withArr(arr, this.shapeAfter(jitterOf(i), sm.shape));
      }
    }
    moveCoordinates(
      batch,
      movingPoints(
        (row) => (points, shape) => {
          if (shape[0] === 0 || shape[1] === 0) return points;
          const warp = this.warpFor(jitterOf(row), shape);
          const moved = perspectivePoints(warp.matrix, points);
          return this.keepSize ? projectPoints(moved, [warp.height, warp.width], shape) : moved;
        },
        (row, shape) => (this.keepSize || shape[0] === 0 || shape[1] === 0 ? shape : this.shapeAfter(jitterOf(row), shape)),
      ),
    );
    return batch;
  }

  /** The shape an image of `shape` has after the warp without keepSize. */
  private shapeAfter(jitter: readonly number[], shape: ImageShape): ImageShape {
    const warp = this.warpFor(jitter, shape);
    return [warp.height, warp.width, ...shape.slice(2)];
  }

  /**
   * A map array warped by the same jitter, with its own size's matrix (imgaug draws the maps'
   * samples again from the same state, for their shapes): constant 0 border.
   */
  private warpMap(arr: Tensor, imageShape: ImageShape, jitter: readonly number[], order: 0 | 1): Tensor {
    if (arr.numel() === 0 || imageShape[0] === 0 || imageShape[1] === 0) return arr;
    const warp = this.warpFor(jitter, arr.shape);
    return warpPerspective(arr, warp.matrix, { order, mode: 'constant', cval: [0, 0, 0], outputShape: [warp.height, warp.width] });
  }

  override getParameters(): unknown[] {
    return [this.jitter, this.keepSize, this.cval, this.mode, this.fitOutput];
  }
}

type Corner = [number, number];

/**
 * imgaug's guard against a degenerate rectangle, along one axis (0: x, widths; 1: y, heights): while
 * the shorter of two opposite edges measures less than 2 pixels (truncated), the `lower` corners move
 * down and the `upper` ones up that axis by half the shortfall. Returns the longer edge, truncated.
 */
function stretchToMinimum(edgeA: [Corner, Corner], edgeB: [Corner, Corner], lower: Corner[], upper: Corner[], axis: 0 | 1): number {
  const f = Math.fround;
  const length = ([a, b]: [Corner, Corner]) => f(Math.sqrt(f(f(f(a[0] - b[0]) ** 2) + f(f(a[1] - b[1]) ** 2))));
  for (;;) {
    const [la, lb] = [length(edgeA), length(edgeB)];
    const shortest = Math.trunc(Math.min(la, lb));
    if (shortest >= MIN_SIZE) return Math.trunc(Math.max(la, lb));
    const step = (MIN_SIZE - shortest) / 2;
    for (const c of lower) c[axis] = f(c[axis] - step);
    for (const c of upper) c[axis] = f(c[axis] + step);
  }
}

/** tl, tr, br, bl: the smallest and largest x + y, the smallest and largest y - x (imgaug's _order_points). */
function orderPoints(points: [number, number][]): [number, number][] {
  const f = Math.fround;
  const pick = (key: (p: [number, number]) => number, largest: boolean): [number, number] => {
    let best = 0;
    points.forEach((p, i) => {
      const better = largest ? key(p) > key(points[best]!) : key(p) < key(points[best]!);
      if (better) best = i;
    });
    return [...points[best]!];
  };
  const sum = (p: [number, number]) => f(p[0] + p[1]);
  const diff = (p: [number, number]) => f(p[1] - p[0]);
  return [pick(sum, false), pick(diff, false), pick(sum, true), pick(diff, true)];
}

/** imgaug's _expand_transform: the matrix moved and stretched so the warped image rect lands at the origin, with rounded corners. */
function expandToFit(matrix: Matrix3, height: number, width: number): Warp {
  const rect: [number, number][] = [[0, 0], [width, 0], [width, height], [0, height]];
  const moved = perspectivePoints(matrix, rect);
  const minX = Math.min(...moved.map((p) => p[0]));
  const minY = Math.min(...moved.map((p) => p[1]));
  // numpy's around: halves to even.
  const dst = moved.map(([x, y]) => [cvRound(Math.fround(x - minX)), cvRound(Math.fround(y - minY))] as [number, number]);
  return {
    matrix: perspectiveTransformMatrix(rect, dst),
    width: Math.trunc(Math.max(...dst.map((p) => p[0]))),
    height: Math.trunc(Math.max(...dst.map((p) => p[1]))),
  };
}
