/** CosineSimilarity and PairwiseDistance layers. */
import type { Tensor } from '@x/tensor';
import { bindArgs, type Args } from '../functional/args';
import { cosineSimilarity, pairwiseDistance } from '../functional/distance';
import { Module } from '../module';

/**
 * Cosine similarity of two inputs along dim.
 *
 * @example
 * new nn.CosineSimilarity({ dim: 1, eps: 1e-6 }).forward(a, b);
 */
export class CosineSimilarity extends Module {
  readonly dim: number;
  readonly eps: number;
  constructor(...args: Args<[dim: number, eps: number], { dim?: number; eps?: number }>) {
    super();
    const o = bindArgs<{ dim: number; eps: number }>('CosineSimilarity.__init__', { dim: 1, eps: 1e-8 }, 2, args, 1);
    this.dim = o.dim;
    this.eps = o.eps;
  }
  forward(x1: Tensor, x2: Tensor): Tensor {
    return cosineSimilarity(x1, x2, this.dim, this.eps);
  }
}

/**
 * p-norm distance between two inputs over the last dim.
 *
 * @example
 * new nn.PairwiseDistance().forward(a, b);
 */
export class PairwiseDistance extends Module {
  readonly norm: number;
  readonly eps: number;
  readonly keepdim: boolean;
  constructor(...args: Args<[p: number, eps: number, keepdim: boolean], { p?: number; eps?: number; keepdim?: boolean }>) {
    super();
    const o = bindArgs<{ p: number; eps: number; keepdim: boolean }>('PairwiseDistance.__init__', { p: 2, eps: 1e-6, keepdim: false }, 3, args, 1);
    this.norm = o.p;
    this.eps = o.eps;
    this.keepdim = o.keepdim;
  }
  forward(x1: Tensor, x2: Tensor): Tensor {
    return pairwiseDistance(x1, x2, this.norm, this.eps, this.keepdim);
  }
}
