/**
 * imgaug's Affine: scale, translate, rotate and shear images about their centre, with their
 * heatmaps, segmentation maps, keypoints, bounding boxes and polygons.
 */
import type { Tensor } from '@x/tensor';
import { AUGMENTABLE_KINDS, type AugmentableKind, type Batch } from '../../augmentables/batch';
import type { ImageShape } from '../../augmentables/shape';
import { Uniform } from '../../parameters/continuous';
import { ALL, handleCategoricalStringParam, handleContinuousParam, handleDiscreteParam } from '../../parameters/handle';
import { StochasticParameter } from '../../parameters/stochastic-parameter';
import { Choice } from '../../parameters/choice';
import { Deterministic } from '../../parameters/deterministic';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import { Augmenter, type AugmenterOptions } from '../base';
import { BORDER_MODES, type BorderMode } from '../border-index';
import { moveCoordinates, movingPoints } from '../coordinates';
import { affineMatrix, fitOutput, isIdentity, transformPoints, type AffineParameters, type Matrix3 } from './affine-matrix';
import { warpAffine, type InterpolationOrder } from './warp-affine';

/** A number, a range [a, b], a choice (iap.choice) or a parameter; or one of those per axis as { x, y }. */
export type PerAxisArg = unknown;

export interface AffineOptions extends AugmenterOptions {
  /** Zoom factor: 1 keeps the size; a number, a range, a parameter, or { x, y } per axis. */
  scale?: PerAxisArg;
  /** Translation as a fraction of the image's width (x) and height (y). */
  translatePercent?: PerAxisArg;
  /** Translation in pixels (integers). */
  translatePx?: PerAxisArg;
  /** Rotation in degrees, clockwise in image coordinates. */
  rotate?: unknown;
  /** Shear in degrees; one number shears along x only, { x, y } along both. */
  shear?: PerAxisArg;
  /** Interpolation: 0 nearest, 1 bilinear, 3 bicubic (OpenCV's orders), a list of them, ALL, or a parameter. */
  order?: unknown;
  /** Fill value for mode 'constant' (a number, a range, a choice, ALL for [0, 255], or a parameter). */
  cval?: unknown;
  /** What fills new pixels: 'constant', 'edge', 'symmetric', 'reflect', 'wrap', a list, ALL, or a parameter. */
  mode?: unknown;
  /** Enlarge the output so the whole transformed image fits, instead of keeping the input's size. */
  fitOutput?: boolean;
  /** imgaug's backend: 'auto' and 'cv2' are the OpenCV path this port follows. */
  backend?: 'auto' | 'cv2';
}

const AFFINE_NAMES = ['scale', 'translatePercent', 'translatePx', 'rotate', 'shear', 'order', 'cval', 'mode', 'fitOutput', 'backend'];

type XYParams = { x: StochasticParameter<number>; y: StochasticParameter<number> } | StochasticParameter<number>;

function isXYObject(v: unknown): v is { x?: unknown; y?: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof StochasticParameter);
}

/** A per-axis argument: { x, y } (either may be left out, taking `fallback`) or one value for both axes. */
function handlePerAxis(value: unknown, name: string, fallback: number, handle: (v: unknown, name: string) => StochasticParameter<number>): XYParams {
  if (!isXYObject(value)) return handle(value, name);
  const unknown = Object.keys(value).filter((k) => k !== 'x' && k !== 'y');
  if (unknown.length > 0 || Object.keys(value).length === 0) {
    throw new Error(`Affine: expected ${name} as { x, y } (at least one of them), got keys ${JSON.stringify(Object.keys(value))}`);
  }
  return { x: handle(value.x ?? fallback, `${name}.x`), y: handle(value.y ?? fallback, `${name}.y`) };
}

function handleOrder(order: unknown): StochasticParameter<number> {
  const valid = [0, 1, 3];
  if (order === ALL) return new Choice<number>(valid);
  if (typeof order === 'number') {
    if (!valid.includes(order)) throw new Error(`Affine: expected order 0, 1 or 3 (OpenCV's nearest, linear, cubic), got ${order}`);
    return new Deterministic(order);
  }
  if (Array.isArray(order)) {
    if (order.length === 0 || !order.every((o) => valid.includes(o as number))) throw new Error(`Affine: expected a list of orders from 0, 1, 3, got ${JSON.stringify(order)}`);
    return new Choice<number>(order as number[]);
  }
  if (order instanceof StochasticParameter) return order as StochasticParameter<number>;
  throw new Error(`Affine: expected order to be 0, 1, 3, a list of them, ALL or a StochasticParameter, got ${String(order)}`);
}

/** One row's drawn values; numbers keep the dtype imgaug's parameter gave them, as that decides float32 or float64 arithmetic. */
interface AffineSample {
  scaleX: number;
  scaleY: number;
  translateX: number;
  translateY: number;
  rotate: number;
  shearX: number;
  shearY: number;
  /** Whether rotate and both shears came as float32 (then imgaug converts degrees to radians in float32). */
  anglesFloat32: boolean;
  cval: number[];
  mode: BorderMode;
  order: InterpolationOrder;
}

/**
 * Affine transformations about the image centre (imgaug's `iaa.Affine`), through OpenCV's warp for
 * images: fixed parameters give imgaug's output pixel for pixel.
 *
 * @example
 * new iaa.Affine({ rotate: [-25, 25] });
 * new iaa.Affine({ scale: { x: 0.8, y: 1.2 }, translatePx: { x: 4 }, order: 0, mode: 'edge' });
 */
export class Affine extends Augmenter {
  readonly scale: XYParams;
  readonly translate: XYParams;
  readonly translateMode: 'px' | 'percent';
  readonly rotate: StochasticParameter<number>;
  readonly shear: XYParams;
  /** Whether shear came as one number: then it shears along x only, as imgaug's. */
  private readonly shearAlongXOnly: boolean;
  readonly order: StochasticParameter<number>;
  readonly cval: StochasticParameter<number>;
  readonly mode: StochasticParameter<BorderMode>;
  readonly fitOutput: boolean;

  constructor(scale?: PerAxisArg | AffineOptions, options?: AffineOptions) {
    // A first argument { x, y } is imgaug's per-axis scale dict, not the options.
    const perAxisScale = isXYObject(scale) && Object.keys(scale).length > 0 && Object.keys(scale).every((k) => k === 'x' || k === 'y');
    const args = (perAxisScale ? { ...parseArguments('Affine', [options ?? {}], AFFINE_NAMES), scale } : parseArguments('Affine', [scale, options], AFFINE_NAMES)) as AffineOptions;
    super(args);
    let { scale: s, translatePercent, translatePx, rotate, shear } = args;
    if ([s, translatePercent, translatePx, rotate, shear].every((v) => v === undefined || v === null)) {
      // imgaug's defaults when no transformation is given.
      s = { x: [0.9, 1.1], y: [0.9, 1.1] };
      translatePercent = { x: [-0.1, 0.1], y: [-0.1, 0.1] };
      rotate = [-15, 15];
      shear = { x: [-10, 10], y: [-10, 10] };
    }
    if (args.backend !== undefined && args.backend !== 'auto' && args.backend !== 'cv2') {
      throw new Error(`Affine: expected backend 'auto' or 'cv2' (the OpenCV path), got ${JSON.stringify(args.backend)}`);
    }
    const continuous = (valueRange?: readonly [number | null, number | null]) => (v: unknown, name: string) => handleContinuousParam(v, name, { valueRange });
    this.scale = handlePerAxis(s ?? 1, 'scale', 1, continuous([1e-4, null]));
    if (translatePercent != null && translatePx != null) throw new Error('Affine: give translatePercent or translatePx, not both');
    if (translatePercent != null) {
      this.translate = handlePerAxis(translatePercent, 'translatePercent', 0, continuous());
      this.translateMode = 'percent';
    } else {
      this.translate = handlePerAxis(translatePx ?? 0, 'translatePx', 0, (v, name) => handleDiscreteParam(v, name, { allowFloats: false }));
      this.translateMode = 'px';
    }
    this.rotate = handleContinuousParam(rotate ?? 0, 'rotate');
    this.shearAlongXOnly = typeof (shear ?? 0) === 'number';
    this.shear = handlePerAxis(shear ?? 0, 'shear', 0, continuous());
    this.order = handleOrder(args.order ?? 1);
    this.cval = args.cval === ALL ? new Uniform(0, 255) : handleContinuousParam(args.cval ?? 0, 'cval');
    this.mode = handleCategoricalStringParam<BorderMode>(args.mode ?? 'constant', 'mode', BORDER_MODES);
    if (args.fitOutput !== undefined && typeof args.fitOutput !== 'boolean') throw new Error(`Affine: expected fitOutput to be a boolean, got ${String(args.fitOutput)}`);
    this.fitOutput = args.fitOutput ?? false;
  }

  override get supportedKinds(): readonly AugmentableKind[] {
    return AUGMENTABLE_KINDS;
  }

  /** Draws every row's values from separate streams, as imgaug's _draw_samples. */
  private drawSamples(n: number, randomState: RandomState): AffineSample[] {
    const rngs = randomState.deriveMany(12);
    const draw = (p: StochasticParameter<number>, rng: RandomState): { values: number[]; float32: boolean } => {
      const t = p.drawSamples([n], rng);
      return { values: Array.from(t.numpy() as ArrayLike<number>), float32: t.dtype === 'float32' };
    };
    const pair = (p: XYParams, rx: RandomState, ry: RandomState, rboth: RandomState) =>
      p instanceof StochasticParameter ? (() => { const d = draw(p, rboth); return [d, d]; })() : [draw(p.x, rx), draw(p.y, ry)];
    const [scaleX, scaleY] = pair(this.scale, rngs[0]!, rngs[1]!, rngs[2]!);
    const [translateX, translateY] = pair(this.translate, rngs[3]!, rngs[4]!, rngs[5]!);
    const rotate = draw(this.rotate, rngs[6]!);
    let shearX, shearY;
    if (this.shear instanceof StochasticParameter) {
      shearX = draw(this.shear, rngs[7]!);
      shearY = this.shearAlongXOnly ? { values: new Array<number>(n).fill(0), float32: shearX.float32 } : shearX;
    } else {
      shearX = draw(this.shear.x, rngs[7]!);
      shearY = draw(this.shear.y, rngs[8]!);
    }
    const cval = Array.from(this.cval.drawSamples([n, 3], rngs[9]!).numpy() as ArrayLike<number>);
    const modes = this.mode.drawValues(n, rngs[10]!);
    const orders = this.order.drawValues(n, rngs[11]!);
    return Array.from({ length: n }, (_, i) => ({
      scaleX: scaleX!.values[i]!,
      scaleY: scaleY!.values[i]!,
      translateX: translateX!.values[i]!,
      translateY: translateY!.values[i]!,
      rotate: rotate.values[i]!,
      shearX: shearX.values[i]!,
      shearY: shearY.values[i]!,
      anglesFloat32: rotate.float32 && shearX.float32 && shearY.float32,
      cval: cval.slice(3 * i, 3 * i + 3),
      mode: modes[i]!,
      order: orders[i]! as InterpolationOrder,
    }));
  }

  /**
   * The matrix (and output shape) for an array of `arrShape` over an image of `imageShape`: pixel
   * translations scale with the array (heatmaps may be smaller than their image); `shift` is 0.5
   * for arrays and 0 for coordinates.
   */
  private matrixFor(sample: AffineSample, arrShape: ImageShape, imageShape: ImageShape, shift: number): { matrix: Matrix3; height: number; width: number } {
    const [height, width] = arrShape as [number, number];
    if (imageShape.slice(0, 2).includes(0) || height === 0 || width === 0) return { matrix: [1, 0, 0, 0, 1, 0, 0, 0, 1], height, width };
    const f = Math.fround;
    // imgaug multiplies a float32 percentage by the size in float32; pixel amounts are rescaled in float64.
    const translateXPx = this.translateMode === 'percent' ? f(sample.translateX * width) : (sample.translateX / imageShape[1]!) * width;
    const translateYPx = this.translateMode === 'percent' ? f(sample.translateY * height) : (sample.translateY / imageShape[0]!) * height;
    const params: AffineParameters = {
      scaleX: sample.scaleX,
      scaleY: sample.scaleY,
      translateXPx,
      translateYPx,
      rotateDeg: sample.rotate,
      shearXDeg: sample.shearX,
      shearYDeg: sample.shearY,
      anglesFloat32: sample.anglesFloat32,
    };
    const matrix = affineMatrix(params, height, width, shift);
    return this.fitOutput ? fitOutput(matrix, height, width) : { matrix, height, width };
  }

  private warp(arr: Tensor, imageShape: ImageShape, sample: AffineSample, order: InterpolationOrder, mode: BorderMode, cval: number[]): Tensor {
    const { matrix, height, width } = this.matrixFor(sample, arr.shape, imageShape, 0.5);
    if (isIdentity(matrix)) return arr;
    return warpAffine(arr, matrix, { order, mode, cval, outputShape: [height, width] });
  }

  protected augmentBatch_(batch: Batch, randomState: RandomState): Batch {
    const samples = this.drawSamples(batch.nbRows, randomState);
    samples.forEach((sample, i) => {
      if (batch.images) {
        const image = batch.images[i]!;
        batch.images[i] = this.warp(image, image.shape, sample, sample.order, sample.mode, sample.cval);
      }
      if (batch.heatmaps) {
        // imgaug warps heatmaps bicubically with a constant 0 border, then clips to [0, 1].
        const hm = batch.heatmaps[i]!;
        const warped = this.warp(hm.arr0to1, hm.shape, sample, 3, 'constant', [0, 0, 0]).clamp(0, 1);
        batch.heatmaps[i] = hm.withArr0to1(warped, this.shapeAfter(sample, hm.shape));
      }
      if (batch.segmentationMaps) {
        // Class ids are never blended: nearest neighbour, background (0) outside.
        const sm = batch.segmentationMaps[i]!;
        const arr = sm.arr.to('float32');
        const warped = this.warp(arr, sm.shape, sample, 0, 'constant', [0, 0, 0]).to(sm.arr.dtype);
        batch.segmentationMaps[i] = sm.withArr(warped, this.shapeAfter(sample, sm.shape));
      }
    });
    moveCoordinates(
      batch,
      movingPoints(
        (row) => (points, shape) => {
          const { matrix } = this.matrixFor(samples[row]!, shape, shape, 0);
          if (isIdentity(matrix) || points.length === 0 || shape[0] === 0 || shape[1] === 0) return points;
          // imgaug moves coordinates as float32 arrays, in and out.
          const f = Math.fround;
          return transformPoints(matrix, points.map(([x, y]) => [f(x), f(y)])).map(([x, y]) => [f(x), f(y)]);
        },
        (row, shape) => this.shapeAfter(samples[row]!, shape),
      ),
    );
    return batch;
  }

  /** The shape an annotation on `shape` has afterwards: the same, or the fitted output's. */
  private shapeAfter(sample: AffineSample, shape: ImageShape): ImageShape {
    if (!this.fitOutput) return shape;
    const { height, width } = this.matrixFor(sample, shape, shape, 0);
    return [height, width, ...shape.slice(2)];
  }

  override getParameters(): unknown[] {
    const show = (p: XYParams) => (p instanceof StochasticParameter ? p : `{x: ${p.x}, y: ${p.y}}`);
    return [show(this.scale), show(this.translate), this.rotate, show(this.shear), this.order, this.cval, this.mode, this.fitOutput];
  }
}
