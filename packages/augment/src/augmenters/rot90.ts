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

  /** An array rotated by k, brought back to its own height and width when keepSize asks for it. */
  private rotateArray(arr: Tensor, k: number, what: string): Tensor {
    const out = rot90Array(arr, k);
    if (this.keepSize && (out.shape[0] !== arr.shape[0] || out.shape[1] !== arr.shape[1])) {
      throw new Error(
        `Rot90 with keepSize resizes ${what} rotated by an odd number of quarter turns from [${out.shape.slice(0, 2).join(', ')}] back to [${arr.shape.slice(0, 2).join(', ')}] ` +
          "through imgaug's OpenCV resize, which this build does not have; use keepSize: false or square images",
      );
    }
    return out;
  }

  protected augmentBatch_(batch: Batch, randomState: RandomState): Batch {
    const ks = this.k.drawValues(batch.nbRows, randomState);
    if (batch.images) batch.images = batch.images.map((img, i) => this.rotateArray(img, ks[i]!, 'images'));
    const rotatedShape = (shape: readonly number[], k: number): number[] => (this.keepSize || k % 2 === 0 ? [...shape] : [shape[1]!, shape[0]!, ...shape.slice(2)]);
    if (batch.heatmaps) {
      batch.heatmaps = batch.heatmaps.map((h, i) => h.withArr0to1(this.rotateArray(h.arr0to1, ks[i]!, 'heatmaps'), rotatedShape(h.shape, ks[i]!)));
    }
    if (batch.segmentationMaps) {
      batch.segmentationMaps = batch.segmentationMaps.map((s, i) => s.withArr(this.rotateArray(s.arr, ks[i]!, 'segmentation maps'), rotatedShape(s.shape, ks[i]!)));
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
