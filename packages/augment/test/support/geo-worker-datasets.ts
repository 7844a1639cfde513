/**
 * What the geometric worker test loads with datasetFromModule: the seed's pipeline (Affine rotate,
 * Crop percent) on a fixed image, so the items tell which random stream each worker drew from.
 */
import { arange, type Tensor } from '@x/tensor';
import { augmenters as iaa } from '../../src/index';

/** Items: the seed's geometric pipeline applied to one 24 × 32 gradient image. */
export class SeedPipelineItems {
  readonly pipeline = new iaa.Sequential([new iaa.Affine({ rotate: [-25, 25] }), new iaa.Crop({ percent: [0, 0.2] })]);
  readonly image = arange(24 * 32 * 3).remainder(256).reshape([24, 32, 3]).to('uint8');

  get length(): number {
    return 6;
  }

  getItem(): Tensor {
    return this.pipeline.augmentImage(this.image);
  }
}
