/** timm's LayerScale (layers/layer_scale.py): a learned per-channel scale of a channels-last residual branch. */
import { empty, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';

export class LayerScale extends nn.Module {
  gamma: nn.Parameter;

  constructor(
    dim: number,
    public readonly initValues = 1e-5,
    public readonly inplace = false,
  ) {
    super();
    this.gamma = new nn.Parameter(empty([dim]));
    this.resetParameters();
  }

  resetParameters(): void {
    nn.init.constant_(this.gamma, this.initValues);
  }

  forward(x: Tensor): Tensor {
    return this.inplace ? x.mul_(this.gamma) : x.mul(this.gamma);
  }
}
