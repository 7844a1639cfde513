/** InstanceNorm1d/2d/3d: per-sample, per-channel normalization over the spatial dims. */
import type { Tensor } from '@x/tensor';
import { instanceNorm } from '../functional/normalization';
import { NormBase, type NormArgs } from './batchnorm';

/** The instance norms; subclasses give the number of dims of an unbatched input. */
export abstract class InstanceNormBase extends NormBase {
  protected abstract readonly noBatchDim: number;

  forward(input: Tensor): Tensor {
    const d = input.dim();
    if (d !== this.noBatchDim && d !== this.noBatchDim + 1) {
      throw new Error(`expected ${this.noBatchDim}D or ${this.noBatchDim + 1}D input (got ${d}D input)`);
    }
    if (this.momentum === null) throw new TypeError("instance_norm(): argument 'momentum' (position 7) must be float, not NoneType");
    const useInputStats = this.training || !this.trackRunningStats;
    const run = (x: Tensor): Tensor => instanceNorm(x, this.runningMean, this.runningVar, this.weight, this.bias, useInputStats, this.momentum!, this.eps);
    return d === this.noBatchDim ? run(input.unsqueeze(0)).squeeze(0) : run(input);
  }
}

/**
 * Instance normalization of a (N, C, L) or (C, L) input; affine and running stats off by default.
 *
 * @example
 * new nn.InstanceNorm1d(64);
 */
export class InstanceNorm1d extends InstanceNormBase {
  protected readonly noBatchDim = 2;
  constructor(...args: NormArgs) {
    super(args, { affine: false, trackRunningStats: false }, 'InstanceNorm1d');
  }
}

/**
 * Instance normalization of a (N, C, H, W) or (C, H, W) input.
 *
 * @example
 * new nn.InstanceNorm2d(3, { affine: true });
 */
export class InstanceNorm2d extends InstanceNormBase {
  protected readonly noBatchDim = 3;
  constructor(...args: NormArgs) {
    super(args, { affine: false, trackRunningStats: false }, 'InstanceNorm2d');
  }
}

/**
 * Instance normalization of a (N, C, D, H, W) or (C, D, H, W) input.
 *
 * @example
 * new nn.InstanceNorm3d(8);
 */
export class InstanceNorm3d extends InstanceNormBase {
  protected readonly noBatchDim = 4;
  constructor(...args: NormArgs) {
    super(args, { affine: false, trackRunningStats: false }, 'InstanceNorm3d');
  }
}
