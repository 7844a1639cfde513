/**
 * The derivative shared by every op that only picks elements of its input (indexing, indexSelect,
 * take, flip-like gathers, diagonal, unfold, reflection/replication padding, …): each output's
 * gradient is added at the input position it was read from, duplicates summing up.
 */
import { arange, zeros, type Tensor } from '@x/tensor';

/**
 * `pick` is the forward op itself; applied to the positions 0…n-1 of the input (int64, in the
 * input's shape) it tells which input element every output element read. The gradient is the
 * outputs' gradients put there with accumulation (index_put_(…, accumulate=True) on zeros), which
 * is itself recorded, so double backward works.
 */
export function gatherBackward(grad: Tensor, inputShape: readonly number[], pick: (positions: Tensor) => Tensor): Tensor {
  const n = inputShape.reduce((a, b) => a * b, 1);
  const positions = pick(arange(n, { dtype: 'int64', device: grad.device }).reshape(inputShape));
  const flat = zeros([n], { dtype: grad.dtype, device: grad.device });
  return flat.indexPut([positions], grad, true).reshape(inputShape);
}

/** Normalizes a possibly negative dim against `ndim` dims (ndim 0 counts as 1, as PyTorch's wrap). */
export function wrapDim(dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  return dim < 0 ? dim + n : dim;
}

/** PyTorch's two spellings of an int list, f(2, 3) and f([2, 3]). */
export function intList(args: number | readonly (number | readonly number[])[]): number[] {
  if (typeof args === 'number') return [args];
  if (args.length === 1 && Array.isArray(args[0])) return [...(args[0] as readonly number[])];
  return args as number[];
}
