/**
 * timm's LayerNorm and LayerNorm2d (layers/norm.py): torch's LayerNorm over the channels with timm's
 * default eps of 1e-6, the 2d one normalising the channels of an [N, C, H, W] input.
 */
import * as nn from '@x/nn';
import { models } from '@x/vision';

export interface TimmLayerNormOptions {
  eps?: number;
  affine?: boolean;
}

/** LayerNorm over the last dimension (channels-last input). */
export class LayerNorm extends nn.LayerNorm {
  constructor(numChannels: number, { eps = 1e-6, affine = true }: TimmLayerNormOptions = {}) {
    super(numChannels, { eps, elementwiseAffine: affine });
  }
}

/** LayerNorm over the channels of an [N, C, H, W] input (torchvision's LayerNorm2d, with timm's arguments). */
export class LayerNorm2d extends models.LayerNorm2d {
  constructor(numChannels: number, { eps = 1e-6, affine = true }: TimmLayerNormOptions = {}) {
    super(numChannels, { eps, elementwiseAffine: affine });
  }
}
