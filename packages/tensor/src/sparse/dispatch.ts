/**
 * The seam between the strided elementwise ops and the sparse COO layout. The elementwise file cannot
 * import the SparseTensor class (it extends Tensor, which imports the elementwise ops), so the sparse
 * module installs its implementation here when it loads, as PyTorch's dispatcher routes an op whose
 * argument carries the SparseCPU key to the sparse kernel.
 */
import type { BinaryOp } from '../backend';
import type { Tensor } from '../tensor';
import type { TensorOrScalar } from '../ops/util';

export interface SparseElementwise {
  /** a op b where a or b is sparse (add, sub, mul, div with the combinations PyTorch allows). */
  binary(op: BinaryOp, a: TensorOrScalar, b: TensorOrScalar): Tensor;
  /** x op= other where x or other is sparse. */
  binaryInplace(op: BinaryOp, x: Tensor, other: TensorOrScalar): void;
  /** dense.sparseMask(mask). */
  sparseMask(dense: Tensor, mask: Tensor): Tensor;
  /** dense.toSparse(sparseDim). */
  toSparse(dense: Tensor, sparseDim?: number): Tensor;
}

let impl: SparseElementwise | null = null;

export function installSparseElementwise(i: SparseElementwise): void {
  impl = i;
}

export function sparseElementwise(): SparseElementwise {
  if (impl === null) throw new Error('sparse tensors need the sparse module of @x/tensor, which its index loads');
  return impl;
}

/** Whether x is a tensor with a sparse layout. */
export function isSparseOperand(x: TensorOrScalar): boolean {
  return typeof x === 'object' && x.isSparse;
}
