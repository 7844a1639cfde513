/**
 * Elementwise ops with a sparse operand, installed into the strided elementwise ops on load. PyTorch
 * 1.13 allows: sparse ± sparse (sparse), dense ± sparse (dense, also in place), sparse * or / a
 * number (sparse), and their in-place forms; sparse ± dense fails with PyTorch's message.
 */
import type { BinaryOp } from '../backend';
import type { Tensor } from '../tensor';
import type { TensorOrScalar } from '../ops/util';
import { installSparseElementwise } from './dispatch';
import { addSparse, addSparseIntoDense_, mulScalar, sparseMask, toSparse } from './coo';
import { SparseTensor, unsupportedOnSparse } from './sparse-tensor';

const SPARSE_DENSE = 'add(sparse, dense) is not supported. Use add(dense, sparse) instead.';

function binary(op: BinaryOp, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (op === 'add' || op === 'sub') {
    const sign = op === 'sub' ? -1 : 1;
    if (a instanceof SparseTensor && b instanceof SparseTensor) return addSparse(a, b, sign);
    if (a instanceof SparseTensor) throw new Error(typeof b === 'object' ? SPARSE_DENSE : `op ${op} of a sparse tensor and a number is not supported on sparse tensors`);
    if (typeof a === 'object' && b instanceof SparseTensor) {
      const out = a.to({ dtype: promote(a, b), copy: true });
      addSparseIntoDense_(out, b, sign);
      return out;
    }
  }
  if (op === 'mul' || op === 'div') {
    if (a instanceof SparseTensor && typeof b !== 'object') return mulScalar(a, Number(b), op);
    if (op === 'mul' && b instanceof SparseTensor && typeof a !== 'object') return mulScalar(b, Number(a));
  }
  throw unsupportedOnSparse(`${op} with these operands`);
}

function promote(a: Tensor, b: Tensor): Tensor['dtype'] {
  return a.dtype === b.dtype ? a.dtype : (a.isFloatingPoint() || !b.isFloatingPoint() ? a.dtype : b.dtype);
}

function binaryInplace(op: BinaryOp, x: Tensor, other: TensorOrScalar): void {
  if (x instanceof SparseTensor) {
    if (op !== 'add' && op !== 'sub' && !(typeof other !== 'object' && (op === 'mul' || op === 'div'))) throw unsupportedOnSparse(`${op}_`);
    if ((op === 'add' || op === 'sub') && !(other instanceof SparseTensor)) throw new Error(SPARSE_DENSE);
    const r = binary(op, x, other) as SparseTensor;
    x._setParts(r._sparseIndices, r._sparseValues, r._coalesced);
    r.dispose();
    return;
  }
  if ((op === 'add' || op === 'sub') && other instanceof SparseTensor) {
    addSparseIntoDense_(x, other, op === 'sub' ? -1 : 1);
    x._version.value++;
    return;
  }
  throw unsupportedOnSparse(`${op}_ with a sparse operand`);
}

installSparseElementwise({ binary, binaryInplace, sparseMask: (dense, mask) => {
  if (!(mask instanceof SparseTensor)) throw new Error(`sparse_mask expects a sparse mask (layout torch.sparse_coo), but got one with layout torch.strided`);
  return sparseMask(dense, mask);
}, toSparse });
