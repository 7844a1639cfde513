/**
 * timm's LayerNorm and LayerNorm2d (layers/norm.py): torch's LayerNorm over the channels with timm's
 * default eps of 1e-6, the 2d one normalising the channels of an [N, C, H, W] input.
 */
import type { Tensor } from '@x/tensor';
import * as nn from '@x/nn';

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

/** LayerNorm over the channels of an [N, C, H, W] input: normalised channels-last, permuted back. */
export class LayerNorm2d extends nn.LayerNorm {
  constructor(numChannels: number, { eps = 1e-6, affine = true }: TimmLayerNormOptions = {}) {
    super(numChannels, { eps, elementwiseAffine: affine });
  }

  override forward(x: Tensor): Tensor {
    if (x.dim() !== 4) throw new Error(`LayerNorm2d: expected a 4-D input [N, C, H, W], got [${x.shape.join(', ')}]`);
    const channelsLast = x.permute(0, 2, 3, 1);
    return nn.functional.layerNorm(channelsLast, this.normalizedShape, this.weight, this.bias, this.eps).permute(0, 3, 1, 2);
  }
}
