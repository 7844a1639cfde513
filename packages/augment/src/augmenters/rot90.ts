/**
 * imgaug's `iaa.Rot90`: rotates images by k·90° clockwise, k drawn per image, with their heatmaps,
 * segmentation maps, keypoints, bounding boxes and polygons.
 */
import type { Tensor } from '@x/tensor';
import { AUGMENTABLE_KINDS, type AugmentableKind, type Batch } from '../augmentables/batch';
import { Keypoint } from '../augmentables/keypoints';
import { ALL, handleDiscreteParam, type DiscreteArg } from '../parameters/handle';
import type { StochasticParameter } from '../parameters/stochastic-parameter';
import type { RandomState } from '../random/random-state';
import { parseArguments } from './arguments';
import { Augmenter, type AugmenterOptions } from './base';
import { moveCoordinates } from './coordinates';
import { resizeImage } from './size/resize-image';
import { resizeHeatmaps, resizeSegmentationMaps } from './size/resize-maps';
import { Choice } from '../parameters/choice';

export interface Rot90Options extends AugmenterOptions {
  /** How many quarter turns clockwise: a number, a range [a, b], iap.choice([...]), ALL (0 to 3) or a parameter (default 1). */
  k?: DiscreteArg | typeof ALL;
  /**
   * Whether a non-square image is resized back to its size after an odd number of turns (imgaug's
   * default: true).
   */
  keepSize?: boolean;
}

/** Quarter turns clockwise as numpy's `rot90(arr, k, axes=(1, 0))` on the first two axes. */
export function rot90Array(arr: Tensor, k: number): Tensor {
  switch (((k % 4) + 4) % 4) {
    case 1:
      return arr.transpose(0, 1).flip([1]);
    case 2:
      return arr.flip([0, 1]);
    case 3:
      return arr.transpose(0, 1).flip([0]);
    default:
      return arr;
  }
}

/**
 * Rotates each image by k·90° clockwise.
 *
 * @example
 * new iaa.Rot90([1, 3]); // 90°, 180° or 270°
 * new iaa.Rot90(iaa.choice([1, 3]), { keepSize: false }); // 90° or 270°, rotated shape kept
 */
export class Rot90 extends Augmenter {
  readonly k: StochasticParameter<number>;
  readonly keepSize: boolean;

  constructor(k?: DiscreteArg | typeof ALL | Rot90Options, options?: Rot90Options) {
    const args = parseArguments('Rot90', [k, options], ['k', 'keepSize']);
    super(args);
    const kArg = args.k ?? 1;
    this.k = kArg === ALL ? new Choice([0, 1, 2, 3]) : handleDiscreteParam(kArg, 'k', { allowFloats: false });
    const { keepSize = true } = args;
    if (typeof keepSize !== 'boolean') throw new Error(`Rot90: expected keepSize to be a boolean, got ${String(keepSize)}`);
    this.keepSize = keepSize;
  }

  override get supportedKinds(): readonly AugmentableKind[] {
    return AUGMENTABLE_KINDS;
  }

  /** An image rotated by k, resized back to its own height and width when keepSize asks for it (imgaug's imresize_single_image). */
  private rotateImage(img: Tensor, k: number): Tensor {
    const out = rot90Array(img, k);
    return this.keepSize && !sameSize(out, img) ? resizeImage(out, img.shape[0]!, img.shape[1]!) : out;
  }

  protected augmentBatch_(batch: Batch, randomState: RandomState): Batch {
    const ks = this.k.drawValues(batch.nbRows, randomState);
    if (batch.images) batch.images = batch.images.map((img, i) => this.rotateImage(img, ks[i]!));
    const rotatedShape = (shape: readonly number[], k: number): number[] => (this.keepSize || k % 2 === 0 ? [...shape] : [shape[1]!, shape[0]!, ...shape.slice(2)]);
    // Maps are rotated, then with keepSize resized back to their own size as imgaug's map.resize does (heatmaps cubic, segmentation maps nearest).
    if (batch.heatmaps) {
      batch.heatmaps = batch.heatmaps.map((h, i) => {
        const arr = rot90Array(h.arr0to1, ks[i]!);
        const rotated = h.withArr0to1(arr, rotatedShape(h.shape, ks[i]!));
        return this.keepSize && !sameSize(arr, h.arr0to1) ? resizeHeatmaps(rotated, h.arr0to1.shape[0]!, h.arr0to1.shape[1]!) : rotated;
      });
    }
    if (batch.segmentationMaps) {
      batch.segmentationMaps = batch.segmentationMaps.map((s, i) => {
        const arr = rot90Array(s.arr, ks[i]!);
        const rotated = s.withArr(arr, rotatedShape(s.shape, ks[i]!));
        return this.keepSize && !sameSize(arr, s.arr) ? resizeSegmentationMaps(rotated, s.arr.shape[0]!, s.arr.shape[1]!) : rotated;
      });
    }
    moveCoordinates(batch, (kpsoi, i) => {
      const k = ((ks[i]! % 4) + 4) % 4;
      if (k === 0) return kpsoi;
      const [h, w] = kpsoi.shape as [number, number];
      kpsoi.keypoints = kpsoi.keypoints.map((kp) => {
        let [x, y, wr, hr] = [kp.x, kp.y, w, h];
        // Each quarter turn clockwise: x' = H - y, y' = x, and height and width swap.
        for (let step = 0; step < k; step++) [x, y, wr, hr] = [hr - y, x, hr, wr];
        return new Keypoint(x, y);
      });
      const shapeAug = k % 2 === 0 ? [...kpsoi.shape] : [w, h, ...kpsoi.shape.slice(2)];
      kpsoi.shape = shapeAug;
      // keepSize: the image is resized back, so the points are projected onto the original shape.
      return this.keepSize && k % 2 === 1 && h !== w ? kpsoi.on(kpsoi.shape.length > 2 ? [h, w, ...kpsoi.shape.slice(2)] : [h, w]) : kpsoi;
    });
    return batch;
  }

  override getParameters(): unknown[] {
    return [this.k, this.keepSize];
  }
}

function sameSize(a: Tensor, b: Tensor): boolean {
  return a.shape[0] === b.shape[0] && a.shape[1] === b.shape[1];
}
