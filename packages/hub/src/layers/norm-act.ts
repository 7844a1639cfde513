/**
 * timm's BatchNormAct2d (layers/norm_act.py): a BatchNorm2d (so the state-dict keys stay those of a
 * plain norm layer: weight, bias, running_mean, ...) followed by a drop and an activation child.
 */
import type { Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { forwardTensor } from '../module-call';

export interface BatchNormAct2dOptions {
  eps?: number;
  momentum?: number;
  affine?: boolean;
  trackRunningStats?: boolean;
  /** false: no activation (an Identity), as timm's apply_act. */
  applyAct?: boolean;
  /** Makes the activation (default: ReLU(inplace=True), as timm's). */
  actLayer?: () => nn.Module;
  /** Makes the drop layer (default: Identity). */
  dropLayer?: () => nn.Module;
}

export class BatchNormAct2d extends nn.BatchNorm2d {
  drop: nn.Module;
  act: nn.Module;

  constructor(numFeatures: number, { eps = 1e-5, momentum = 0.1, affine = true, trackRunningStats = true, applyAct = true, actLayer, dropLayer }: BatchNormAct2dOptions = {}) {
    super(numFeatures, { eps, momentum, affine, trackRunningStats });
    this.drop = dropLayer ? dropLayer() : new nn.Identity();
    this.act = applyAct ? (actLayer ? actLayer() : new nn.ReLU(true)) : new nn.Identity();
  }

  override forward(x: Tensor): Tensor {
    if (x.dim() !== 4) throw new Error(`BatchNormAct2d: expected a 4-D input [N, C, H, W], got ${x.dim()}-D`);
    return forwardTensor(this.act, forwardTensor(this.drop, super.forward(x)));
  }
}
