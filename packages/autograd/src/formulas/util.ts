/** Helpers shared by the derivative formulas. */
import { sameShape, type Tensor } from '@x/tensor';

/** Sums a broadcast gradient back to `shape` (the reverse of broadcasting). */
export function sumTo(grad: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(grad.shape, shape)) return grad;
  const lead = grad.ndim - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < grad.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && grad.shape[i] !== 1)) dims.push(i);
  }
  let g = dims.length > 0 ? grad.sum({ dim: dims, keepdim: true }) : grad;
  if (lead > 0) g = g.reshape(shape);
  return g;
}

/** Re-inserts reduced dims (size 1) so a reduction's gradient broadcasts against its input. */
export function unsqueezeDims(grad: Tensor, dims: readonly number[], inputNdim: number, keepdim: boolean): Tensor {
  if (keepdim || inputNdim === 0) return grad;
  const shape: number[] = [];
  let k = 0;
  const reduced = new Set(dims);
  for (let i = 0; i < inputNdim; i++) shape.push(reduced.has(i) ? 1 : grad.shape[k++]!);
  return grad.reshape(shape);
}
