/** F.normalize, F.cosineSimilarity and F.pairwiseDistance. */
import { type Tensor, tidy } from '@x/tensor';
import { bindArgs, type Args } from './args';

/**
 * input / max(‖input‖_p, eps) along dim.
 *
 * @example
 * F.normalize(x);             // rows of a [N, D] batch to unit L2 norm
 * F.normalize(x, 1, 0);       // columns to unit L1 norm
 */
export function normalize(input: Tensor, ...args: Args<[p: number, dim: number, eps: number], { p?: number; dim?: number; eps?: number }>): Tensor {
  const o = bindArgs<{ p: number; dim: number; eps: number }>('normalize', { p: 2, dim: 1, eps: 1e-12 }, 3, args);
  return tidy(() => input.div(input.norm(o.p, o.dim, { keepdim: true }).clamp(o.eps).expandAs(input)));
}

/**
 * max(‖x‖, eps) along dim, whose gradient is x / max(‖x‖, eps) even where eps wins: PyTorch 1.13
 * clamps the norm's result in place, so its backward divides by the clamped value.
 */
function clampedNorm(x: Tensor, dim: number, eps: number): Tensor {
  const squares = x.mul(x).sum(dim, { keepdim: true });
  const lift = squares.detach().neg().add(eps * eps).clamp(0);
  return squares.add(lift).sqrt();
}

/**
 * Σ x1·x2 / (max(‖x1‖, eps)·max(‖x2‖, eps)) along dim (inputs broadcast).
 *
 * @example
 * F.cosineSimilarity(a, b);          // dim 1
 * F.cosineSimilarity(a, b, { dim: 0 });
 */
export function cosineSimilarity(x1: Tensor, x2: Tensor, ...args: Args<[dim: number, eps: number], { dim?: number; eps?: number }>): Tensor {
  const o = bindArgs<{ dim: number; eps: number }>('cosine_similarity', { dim: 1, eps: 1e-8 }, 2, args);
  return tidy(() => {
    const a = x1.div(clampedNorm(x1, o.dim, o.eps));
    const b = x2.div(clampedNorm(x2, o.dim, o.eps));
    return a.mul(b).sum(o.dim);
  });
}

/**
 * ‖x1 − x2 + eps‖_p over the last dim.
 *
 * @example
 * F.pairwiseDistance(a, b);          // p = 2
 * F.pairwiseDistance(a, b, 1, { keepdim: true });
 */
export function pairwiseDistance(
  x1: Tensor,
  x2: Tensor,
  ...args: Args<[p: number, eps: number, keepdim: boolean], { p?: number; eps?: number; keepdim?: boolean }>
): Tensor {
  const o = bindArgs<{ p: number; eps: number; keepdim: boolean }>('pairwise_distance', { p: 2, eps: 1e-6, keepdim: false }, 3, args);
  const outputDim = Math.max(x1.dim(), x2.dim());
  return tidy(() => x1.sub(x2).add(o.eps).norm(o.p, outputDim - 1, { keepdim: o.keepdim }));
}
