/**
 * Fliplr and Flipud: mirror images left-right or up-down, with probability p per image, and their
 * annotations along. The worked example of an augmenter: parse imgaug's arguments, draw one value
 * per row from the random state, then change every column of that row alike.
 */
import type { Tensor } from '@x/tensor';
import { AUGMENTABLE_KINDS, type AugmentableKind, type Batch } from '../augmentables/batch';
import { handleProbabilityParam, type ProbabilityArg } from '../parameters/handle';
import type { StochasticParameter } from '../parameters/stochastic-parameter';
import type { RandomState } from '../random/random-state';
import { parseArguments } from './arguments';
import { Augmenter, type AugmenterOptions } from './base';

export interface FlipOptions extends AugmenterOptions {
  /** The probability of each image being flipped (default 1: every image). */
  p?: ProbabilityArg;
}

/** Which image axis a flip reverses: 1 (x, width) or 0 (y, height). */
type FlipAxis = 0 | 1;

/** Flips the rows of `batch` whose draw from `p` is >= 0.5, along `axis`. */
function flipRows(batch: Batch, p: StochasticParameter<number>, axis: FlipAxis, randomState: RandomState): Batch {
  const samples = p.drawValues(batch.nbRows, randomState);
  const flipArray = (t: Tensor): Tensor => t.flip([axis]);
  // A coordinate c becomes size - c: pixel i spans [i, i+1), so it goes to [size-i-1, size-i).
  const flipCoord = (c: number, shape: readonly number[]): number => shape[axis]! - c;
  samples.forEach((sample, i) => {
    if (sample < 0.5) return;
    if (batch.images) batch.images[i] = flipArray(batch.images[i]!);
    if (batch.heatmaps) batch.heatmaps[i] = batch.heatmaps[i]!.withArr0to1(flipArray(batch.heatmaps[i]!.arr0to1));
    if (batch.segmentationMaps) batch.segmentationMaps[i] = batch.segmentationMaps[i]!.withArr(flipArray(batch.segmentationMaps[i]!.arr));
    if (batch.keypoints) {
      const kpsoi = batch.keypoints[i]!;
      for (const kp of kpsoi.keypoints) {
        if (axis === 1) kp.x = flipCoord(kp.x, kpsoi.shape);
        else kp.y = flipCoord(kp.y, kpsoi.shape);
      }
    }
    if (batch.boundingBoxes) {
      const bbsoi = batch.boundingBoxes[i]!;
      bbsoi.boundingBoxes = bbsoi.boundingBoxes.map((bb) =>
        // The far side becomes the near one: x1' = W - x2, x2' = W - x1.
        axis === 1
          ? bb.copy({ x1: flipCoord(bb.x2, bbsoi.shape), x2: flipCoord(bb.x1, bbsoi.shape) })
          : bb.copy({ y1: flipCoord(bb.y2, bbsoi.shape), y2: flipCoord(bb.y1, bbsoi.shape) }),
      );
    }
    if (batch.polygons) {
      const psoi = batch.polygons[i]!;
      psoi.polygons = psoi.polygons.map((poly) =>
        // imgaug keeps the points' order (so a clockwise polygon becomes counter-clockwise).
        poly.copy(poly.exterior.map(([x, y]) => (axis === 1 ? [flipCoord(x, psoi.shape), y] : [x, flipCoord(y, psoi.shape)]))),
      );
    }
  });
  return batch;
}

/** What Fliplr and Flipud share: p, the kinds, and flipping along their axis. */
abstract class Flip extends Augmenter {
  readonly p: StochasticParameter<number>;
  protected abstract readonly axis: FlipAxis;

  constructor(who: string, p: ProbabilityArg | FlipOptions | undefined, options: FlipOptions | undefined) {
    const args = parseArguments(who, [p, options], ['p']);
    super(args);
    this.p = handleProbabilityParam(args.p ?? 1, 'p');
  }

  override get supportedKinds(): readonly AugmentableKind[] {
    return AUGMENTABLE_KINDS;
  }

  protected augmentBatch_(batch: Batch, randomState: RandomState): Batch {
    return flipRows(batch, this.p, this.axis, randomState);
  }

  override getParameters(): unknown[] {
    return [this.p];
  }
}

/**
 * Mirrors images left-right with probability p (imgaug's `iaa.Fliplr`), with their heatmaps,
 * segmentation maps, keypoints, bounding boxes and polygons.
 *
 * @example
 * new iaa.Fliplr(0.5).augmentImages(batch); // about half the images mirrored
 */
export class Fliplr extends Flip {
  protected readonly axis = 1;

  constructor(p?: ProbabilityArg | FlipOptions, options?: FlipOptions) {
    super('Fliplr', p, options);
  }
}

/**
 * Mirrors images up-down with probability p (imgaug's `iaa.Flipud`), with their annotations.
 *
 * @example
 * new iaa.Flipud(1).augmentImage(img); // upside down
 */
export class Flipud extends Flip {
  protected readonly axis = 0;

  constructor(p?: ProbabilityArg | FlipOptions, options?: FlipOptions) {
    super('Flipud', p, options);
  }
}
