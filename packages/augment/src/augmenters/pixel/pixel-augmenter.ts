/**
 * The base of the pixel augmenters: they change image values only, so boxes, keypoints, polygons,
 * segmentation maps and heatmaps pass through unchanged (as in imgaug, where these augmenters
 * leave every other augmentable as it is). A subclass augments the batch's list of images.
 */
import type { DType, Tensor } from '@x/tensor';
import { AUGMENTABLE_KINDS, type AugmentableKind, type Batch } from '../../augmentables/batch';
import type { RandomState } from '../../random/random-state';
import { Augmenter } from '../base';

export abstract class PixelAugmenter extends Augmenter {
  override get supportedKinds(): readonly AugmentableKind[] {
    return AUGMENTABLE_KINDS;
  }

  /** The image dtypes this augmenter takes: uint8, and float32 where imgaug's kernel has a float path here. */
  protected get imageDtypes(): readonly DType[] {
    return ['uint8'];
  }

  /** Returns the augmented images (each `[H, W, C]`), one per image given. */
  protected abstract augmentImages_(images: Tensor[], randomState: RandomState): Tensor[];

  protected augmentBatch_(batch: Batch, randomState: RandomState): Batch {
    if (batch.images === null || batch.images.length === 0) return batch;
    batch.images.forEach((image, i) => {
      if (!this.imageDtypes.includes(image.dtype)) {
        throw new TypeError(`${this.constructor.name} (${this.name}): expected ${this.imageDtypes.join(' or ')} images, got dtype ${image.dtype} for image ${i}`);
      }
    });
    batch.images = this.augmentImages_(batch.images, randomState);
    return batch;
  }
}

/** The largest channel count among images (imgaug's estimate_max_number_of_channels). */
export function maxChannels(images: readonly Tensor[]): number {
  return Math.max(...images.map((image) => image.shape[2] ?? 1));
}
