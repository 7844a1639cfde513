/** timm's DropPath (layers/drop.py): stochastic depth per sample on a residual branch. */
import { linspace, type Tensor } from '@x/tensor';
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
    return `drop_prob=${(Math.round(this.dropProb * 1000) / 1000).toFixed(3)}`;
  }
}

/** A DropPath when the rate is positive, else an Identity (as timm's blocks choose). */
export function dropPathOrIdentity(rate: number): nn.Module {
  return rate > 0 ? new DropPath(rate) : new nn.Identity();
}

/**
 * timm's calculate_drop_path_rates for stage depths: rates rising linearly (torch.linspace, float32)
 * from 0 to `rate` over all blocks, split into one list per stage.
 */
export function calculateDropPathRates(rate: number, depths: readonly number[]): number[][] {
  const all = linspace(0, rate, depths.reduce((a, b) => a + b, 0)).tolist() as number[];
  let at = 0;
  return depths.map((d) => all.slice(at, (at += d)));
}
