/** timm's DropPath (layers/drop.py): stochastic depth per sample on a residual branch. */
import { formatFixed, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';

/** Zeroes whole samples with probability dropProb while training, scaling the rest by 1/keep. */
export function dropPath(x: Tensor, dropProb = 0, training = false, scaleByKeep = true): Tensor {
  if (dropProb === 0 || !training) return x;
  const keep = 1 - dropProb;
  let mask = x.newEmpty([x.shape[0]!, ...x.shape.slice(1).map(() => 1)]).bernoulli_(keep);
  if (keep > 0 && scaleByKeep) mask = mask.div_(keep);
  return x.mul(mask);
}

export class DropPath extends nn.Module {
  constructor(
    public readonly dropProb = 0,
    public readonly scaleByKeep = true,
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return dropPath(x, this.dropProb, this.training, this.scaleByKeep);
  }
  override extraRepr(): string {
    // timm's f'{round(p, 3):0.3f}': half to even on the exact value (0.0625 → 0.062), where toFixed rounds up.
    return `drop_prob=${formatFixed(this.dropProb, 3)}`;
  }
}

/** A DropPath when the rate is positive, else an Identity (as timm's blocks choose). */
export function dropPathOrIdentity(rate: number): nn.Module {
  return rate > 0 ? new DropPath(rate) : new nn.Identity();
}
