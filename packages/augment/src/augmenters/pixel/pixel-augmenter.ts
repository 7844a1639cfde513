/**
 * The base of the pixel augmenters: they change image values only, so boxes, keypoints, polygons,
 * segmentation maps and heatmaps pass through unchanged (as in imgaug, where these augmenters
 * leave every other augmentable as it is). A subclass augments the batch's list of images.
 */
import type { Tensor } from '@x/tensor';
import { AUGMENTABLE_KINDS, type AugmentableKind, type Batch } from '../../augmentables/batch';
import type { RandomState } from '../../random/random-state';
import { Augmenter } from '../base';

export abstract class PixelAugmenter extends Augmenter {
  override get supportedKinds(): readonly AugmentableKind[] {
    return AUGMENTABLE_KINDS;
  }

  /** Returns the augmented images (each `[H, W, C]` uint8), one per image given. */
  protected abstract augmentImages_(images: Tensor[], randomState: RandomState): Tensor[];

  protected augmentBatch_(batch: Batch, randomState: RandomState): Batch {
    if (batch.images === null || batch.images.length === 0) return batch;
    batch.images.forEach((image, i) => {
      if (image.dtype !== 'uint8') {
        throw new TypeError(`${this.constructor.name} (${this.name}): expected uint8 images, got dtype ${image.dtype} for image ${i}`);
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
