/** torch.utils.data.Sampler: an iterable of indices (or of index lists, for a batch sampler). */
import type { Tensor } from '@x/tensor';

/**
 * Subclass it as PyTorch's `Sampler` (`__iter__` → `[Symbol.iterator]`, `__len__` → `length`).
 * The loader also takes any iterable of indices, a plain array included.
 */
export abstract class Sampler<T = number> implements Iterable<T> {
  abstract [Symbol.iterator](): Iterator<T>;
}
// An optional `length` declared without a class field, so a subclass may define it as a getter.
export interface Sampler<T = number> {
  readonly length?: number;
}

/** What a DataLoader accepts as `sampler`: a Sampler, an array, or any iterable of indices. */
export type SamplerLike<T = number> = Sampler<T> | Iterable<T>;

/** The values of a 1-d int64 tensor as numbers (PyTorch's `.tolistAsync()`), disposing it. */
export function takeIndices(t: Tensor): number[] {
  const values = Array.from(t.numpy() as BigInt64Array, Number);
  t.dispose();
  return values;
}
