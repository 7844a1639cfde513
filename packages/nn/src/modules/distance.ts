/** CosineSimilarity and PairwiseDistance layers. */
import type { Tensor } from '@x/tensor';
import { signature } from '@x/tensor';
import type { Args } from '@x/tensor';
import { cosineSimilarity, pairwiseDistance } from '../functional/distance';
import { Module } from '../module';

const COSINE_SIMILARITY_SIGNATURE = signature('CosineSimilarity(int dim=1, float eps=1e-8)');

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
    const o = COSINE_SIMILARITY_SIGNATURE.parse<{ dim: number; eps: number }>(args);
    this.dim = o.dim;
    this.eps = o.eps;
  }
  forward(x1: Tensor, x2: Tensor): Tensor {
    return cosineSimilarity(x1, x2, this.dim, this.eps);
  }
}

const PAIRWISE_DISTANCE_SIGNATURE = signature('PairwiseDistance(float p=2, float eps=1e-6, bool keepdim=False)');

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
    const o = PAIRWISE_DISTANCE_SIGNATURE.parse<{ p: number; eps: number; keepdim: boolean }>(args);
    this.norm = o.p;
    this.eps = o.eps;
    this.keepdim = o.keepdim;
  }
  forward(x1: Tensor, x2: Tensor): Tensor {
    return pairwiseDistance(x1, x2, this.norm, this.eps, this.keepdim);
  }
}
