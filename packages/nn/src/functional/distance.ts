/** F.normalize, F.cosineSimilarity and F.pairwiseDistance. */
import { type Tensor, tidy, signature } from '@x/tensor';
import type { Args } from '@x/tensor';

const NORMALIZE_SIGNATURE = signature('normalize(Tensor input, float p=2, int dim=1, float eps=1e-12)');

/**
 * input / max(‖input‖_p, eps) along dim.
 *
 * @example
 * F.normalize(x);             // rows of a [N, D] batch to unit L2 norm
 * F.normalize(x, 1, 0);       // columns to unit L1 norm
 */
export function normalize(input: Tensor, ...args: Args<[p: number, dim: number, eps: number], { p?: number; dim?: number; eps?: number }>): Tensor {
  const o = NORMALIZE_SIGNATURE.parse<{ p: number; dim: number; eps: number } & { input: typeof input }>([input, ...args]);
  ({ input } = o);
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

const COSINE_SIMILARITY_SIGNATURE = signature('cosineSimilarity(Tensor x1, Tensor x2, int dim=1, float eps=1e-8)');

/**
 * Σ x1·x2 / (max(‖x1‖, eps)·max(‖x2‖, eps)) along dim (inputs broadcast).
 *
 * @example
 * F.cosineSimilarity(a, b);          // dim 1
 * F.cosineSimilarity(a, b, { dim: 0 });
 */
export function cosineSimilarity(x1: Tensor, x2: Tensor, ...args: Args<[dim: number, eps: number], { dim?: number; eps?: number }>): Tensor {
  const o = COSINE_SIMILARITY_SIGNATURE.parse<{ dim: number; eps: number } & { x1: typeof x1; x2: typeof x2 }>([x1, x2, ...args]);
  ({ x1, x2 } = o);
  return tidy(() => {
    const a = x1.div(clampedNorm(x1, o.dim, o.eps));
    const b = x2.div(clampedNorm(x2, o.dim, o.eps));
    return a.mul(b).sum(o.dim);
  });
}

const PAIRWISE_DISTANCE_SIGNATURE = signature('pairwiseDistance(Tensor x1, Tensor x2, float p=2, float eps=1e-6, bool keepdim=False)');

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
  const o = PAIRWISE_DISTANCE_SIGNATURE.parse<{ p: number; eps: number; keepdim: boolean } & { x1: typeof x1; x2: typeof x2 }>([x1, x2, ...args]);
  ({ x1, x2 } = o);
  const outputDim = Math.max(x1.dim(), x2.dim());
  return tidy(() => x1.sub(x2).add(o.eps).norm(o.p, outputDim - 1, { keepdim: o.keepdim }));
}
