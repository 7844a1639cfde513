/**
 * imgaug's ElasticTransformation: every pixel moves by a smooth random displacement field (uniform
 * noise blurred with a Gaussian of sigma, scaled by alpha), with heatmaps, segmentation maps,
 * keypoints and bounding boxes moved by the same field.
 */
import type { Tensor } from '@x/tensor';
import { transforms } from '@x/vision';
import type { AugmentableKind, Batch } from '../../augmentables/batch';
import type { HeatmapsOnImage } from '../../augmentables/heatmaps';
import type { SegmentationMapsOnImage } from '../../augmentables/segmaps';
import { Uniform } from '../../parameters/continuous';
import { Choice } from '../../parameters/choice';
import { ALL, handleCategoricalStringParam, handleContinuousParam, handleDiscreteParam } from '../../parameters/handle';
import type { StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import { Augmenter, type AugmenterOptions } from '../base';
import type { BorderMode } from '../border-index';
import { moveCoordinates, movingPoints } from '../coordinates';
import { cvRound } from '../opencv-rounding';
import { rowShapes } from '../row-shapes';
import { resizeHeatmaps, resizeSegmentationMaps } from '../size/resize-maps';
import { geometricMedian } from './geometric-median';
import { remapImage } from './remap-image';
import type { InterpolationOrder } from './remap-sampling';

/** scipy's mode names, which ElasticTransformation takes, as the border modes OpenCV gets. */
const ELASTIC_MODES = { constant: 'constant', nearest: 'edge', reflect: 'reflect', wrap: 'wrap' } as const satisfies Record<string, BorderMode>;
type ElasticMode = keyof typeof ELASTIC_MODES;

export interface ElasticTransformationOptions extends AugmenterOptions {
  /** Strength of the displacement, in pixels (default a range [0, 40]). */
  alpha?: unknown;
  /** Smoothness: the Gaussian's standard deviation (default a range [4, 8]). */
  sigma?: unknown;
  /** Interpolation order 0-5 (0 nearest, 1 bilinear, 2-5 bicubic, as imgaug's OpenCV path), a range, a choice, ALL or a parameter (default 3). */
  order?: unknown;
  /** The fill value for mode 'constant' (ALL for [0, 255]). */
  cval?: unknown;
  /** 'constant' (default), 'nearest', 'reflect', 'wrap', a list, ALL or a parameter. */
  mode?: unknown;
}

/** Keypoints move only when the field is strong and smooth enough, as imgaug's thresholds say. */
const KEYPOINT_ALPHA_THRESHOLD = 0.05;
const KEYPOINT_SIGMA_THRESHOLD = 1.0;
/** A keypoint follows the median of its neighbours within Manhattan distance 3. */
const NEIGHBOUR_STEPS = 3;

/** imgaug's Gaussian kernel size for sigma (covering 95-99% of the weight, at least 5), made odd. */
function blurKernelSize(sigma: number): number {
  const size = Math.max(Math.trunc(sigma < 3 ? 3.3 * sigma : sigma < 5 ? 2.9 * sigma : 2.6 * sigma), 5);
  return size % 2 === 0 ? size + 1 : size;
}

/**
 * The displacement fields dx, dy for an image of height × width: uniform noise in [-1, 1) on a
 * grid padded by the kernel size (so the blur sees no border), Gaussian-blurred (reflect-101
 * border, as OpenCV's), scaled by alpha, cropped back.
 */
export function elasticShiftMaps(height: number, width: number, alpha: number, sigma: number, randomState: RandomState): { dx: Float32Array; dy: Float32Array } {
  const ksize = blurKernelSize(sigma);
  const [hp, wp] = [height + 2 * ksize, width + 2 * ksize];
  let noise = randomState.uniform(0, 1, [2, hp, wp]).mul(2).sub(1);
  // imgaug leaves the noise as it is for sigma below its blur's eps.
  if (sigma >= 1e-3) noise = transforms.functional.gaussianBlur(noise, ksize, sigma) as Tensor;
  const fields = noise.mul(alpha).narrow(1, ksize, height).narrow(2, ksize, width).contiguous();
  const values = fields.to('float32').numpy() as Float32Array;
  return { dx: values.slice(0, height * width), dy: values.slice(height * width) };
}

/** Sampling maps for a remap: output (y, x) reads the input at (y - dy, x - dx). */
function sourceMaps(height: number, width: number, dx: Float32Array, dy: Float32Array): { mapX: Float32Array; mapY: Float32Array } {
  const mapX = new Float32Array(height * width);
  const mapY = new Float32Array(height * width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      mapX[i] = x - dx[i]!;
      mapY[i] = y - dy[i]!;
    }
  }
  return { mapX, mapY };
}

function remapOrder(order: number): InterpolationOrder {
  return order === 0 ? 0 : order === 1 ? 1 : 3;
}

interface ElasticSample {
  alpha: number;
  sigma: number;
  order: number;
  cval: number;
  mode: ElasticMode;
  randomState: RandomState;
}

/**
 * Moves pixels locally by a smooth random field (imgaug's `iaa.ElasticTransformation`, after
 * Simard et al.): alpha sets the strength, sigma the smoothness.
 *
 * @example
 * new iaa.ElasticTransformation({ alpha: [0, 5], sigma: 0.25 });
 */
export class ElasticTransformation extends Augmenter {
  readonly alpha: StochasticParameter<number>;
  readonly sigma: StochasticParameter<number>;
  readonly order: StochasticParameter<number>;
  readonly cval: StochasticParameter<number>;
  readonly mode: StochasticParameter<ElasticMode>;

  constructor(alpha?: unknown, sigma?: unknown, options?: ElasticTransformationOptions) {
    const args = parseArguments('ElasticTransformation', [alpha, sigma, options], ['alpha', 'sigma', 'order', 'cval', 'mode']) as ElasticTransformationOptions;
    super(args);
    this.alpha = handleContinuousParam(args.alpha ?? [0, 40], 'alpha', { valueRange: [0, null] });
    this.sigma = handleContinuousParam(args.sigma ?? [4, 8], 'sigma', { valueRange: [0, null] });
    this.order = args.order === ALL ? new Choice<number>([0, 1, 2, 3, 4, 5]) : handleDiscreteParam(args.order ?? 3, 'order', { valueRange: [0, 5], allowFloats: false });
    this.cval = args.cval === ALL ? new Uniform(0, 255) : handleContinuousParam(args.cval ?? 0, 'cval');
    this.mode = handleCategoricalStringParam<ElasticMode>(args.mode ?? 'constant', 'mode', Object.keys(ELASTIC_MODES) as ElasticMode[]);
  }

  /** Polygons are left out: imgaug repairs the polygons elastic moves make invalid, which this port does not. */
  override get supportedKinds(): readonly AugmentableKind[] {
    return ['images', 'heatmaps', 'segmentationMaps', 'keypoints', 'boundingBoxes'];
  }

  private drawSamples(n: number, randomState: RandomState): ElasticSample[] {
    const rss = randomState.deriveMany(n + 5);
    const alphas = this.alpha.drawValues(n, rss[n]!);
    const sigmas = this.sigma.drawValues(n, rss[n + 1]!);
    const orders = this.order.drawValues(n, rss[n + 2]!);
    const cvals = this.cval.drawValues(n, rss[n + 3]!);
    const modes = this.mode.drawValues(n, rss[n + 4]!);
    return Array.from({ length: n }, (_, i) => ({ alpha: alphas[i]!, sigma: sigmas[i]!, order: orders[i]!, cval: cvals[i]!, mode: modes[i]!, randomState: rss[i]! }));
  }

  protected augmentBatch_(batch: Batch, randomState: RandomState): Batch {
    const shapes = rowShapes(batch);
    const samples = this.drawSamples(shapes.length, randomState);
    const fields = shapes.map((shape, i) => {
      const sample = samples[i]!;
      const [height, width] = shape as [number, number];
      if (height === 0 || width === 0) return null;
      const { dx, dy } = elasticShiftMaps(height, width, sample.alpha, sample.sigma, sample.randomState);
      const { mapX, mapY } = sourceMaps(height, width, dx, dy);
      const mode = ELASTIC_MODES[sample.mode];
      if (batch.images) batch.images[i] = remapImage(batch.images[i]!, mapX, mapY, { order: remapOrder(sample.order), mode, cval: sample.cval });
      if (batch.heatmaps) batch.heatmaps[i] = warpHeatmaps(batch.heatmaps[i]!, mapX, mapY);
      if (batch.segmentationMaps) batch.segmentationMaps[i] = warpSegmentationMaps(batch.segmentationMaps[i]!, mapX, mapY);
      return { height, width, dx, dy, moves: sample.alpha > KEYPOINT_ALPHA_THRESHOLD && sample.sigma > KEYPOINT_SIGMA_THRESHOLD };
    });
    moveCoordinates(
      batch,
      movingPoints(
        (row) => (points, shape) => {
          const field = fields[row];
          if (!field || !field.moves || shape[0] !== field.height || shape[1] !== field.width) return points;
          return points.map((p) => movePoint(p, field.height, field.width, field.dx, field.dy));
        },
        (_row, shape) => shape,
      ),
    );
    return batch;
  }

  override getParameters(): unknown[] {
    return [this.alpha, this.sigma, this.order, this.cval, this.mode];
  }
}

/**
 * A point inside the image follows its neighbourhood: the integer points within Manhattan distance
 * 3 (rounded, inside the image), each moved by the field where it lies, and the point goes to their
 * geometric median. Points outside stay.
 */
function movePoint([x, y]: [number, number], height: number, width: number, dx: Float32Array, dy: Float32Array): [number, number] {
  if (!(x >= 0 && x < width && y >= 0 && y < height)) return [x, y];
  const moved: [number, number][] = [];
  for (let oy = -NEIGHBOUR_STEPS; oy <= NEIGHBOUR_STEPS; oy++) {
    const reach = NEIGHBOUR_STEPS - Math.abs(oy);
    for (let ox = -reach; ox <= reach; ox++) {
      const px = cvRound(Math.fround(x + ox));
      const py = cvRound(Math.fround(y + oy));
      if (px < 0 || px >= width || py < 0 || py >= height) continue;
      moved.push([px + dx[py * width + px]!, py + dy[py * width + px]!]);
    }
  }
  return geometricMedian(moved);
}

/** A map array warped by the image's field: resized to the image's size first where it differs, and back after (imgaug's way). */
function warpMap(arr: Tensor, imageShape: readonly number[], mapX: Float32Array, mapY: Float32Array, order: InterpolationOrder, resize: (arr: Tensor, h: number, w: number) => Tensor): Tensor {
  const [h, w] = [arr.shape[0]!, arr.shape[1]!];
  const same = h === imageShape[0] && w === imageShape[1];
  const input = same ? arr : resize(arr, imageShape[0]!, imageShape[1]!);
  const warped = remapImage(input.to('float32'), mapX, mapY, { order, mode: 'constant', cval: 0 });
  return same ? warped : resize(warped, h, w);
}

/** Heatmaps: bicubic, constant 0 border, clipped to [0, 1]. */
function warpHeatmaps(hm: HeatmapsOnImage, mapX: Float32Array, mapY: Float32Array): HeatmapsOnImage {
  const resize = (arr: Tensor, h: number, w: number) => resizeHeatmaps(hm.withArr0to1(arr), h, w).arr0to1;
  return hm.withArr0to1(warpMap(hm.arr0to1, hm.shape, mapX, mapY, 3, resize).clamp(0, 1));
}

/** Segmentation maps: nearest neighbour, background outside. */
function warpSegmentationMaps(sm: SegmentationMapsOnImage, mapX: Float32Array, mapY: Float32Array): SegmentationMapsOnImage {
  const resize = (arr: Tensor, h: number, w: number) => resizeSegmentationMaps(sm.withArr(arr.to(sm.arr.dtype)), h, w).arr;
  return sm.withArr(warpMap(sm.arr, sm.shape, mapX, mapY, 0, resize).to(sm.arr.dtype));
}
