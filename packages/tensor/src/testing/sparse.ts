/**
 * Sparse COO tensors as the fixture generators write them (tools/gen_sparse_fixtures.py): what
 * PyTorch prints, the indices and values, whether it is coalesced, and nnz.
 */
import type { Tensor } from '@x/tensor';
import { encodeTensor, type PlainTensor } from './fixtures';

/** A sparse COO tensor in the fixtures' encoding; the field names are PyTorch's. */
export interface SparseDescription {
  str: string;
  indices: PlainTensor;
  values: PlainTensor;
  is_coalesced: boolean;
  nnz: number;
}

/**
 * The description of a sparse COO tensor, to compare with a fixture's with `toEqual`: indices and
 * values exactly, the printed form character for character. Throws on a strided tensor.
 *
 * @example
 * expect(describeSparse(s.coalesce())).toEqual(fixture.coalesced);
 */
export function describeSparse(s: Tensor): SparseDescription {
  if (!s.isSparse) throw new Error(`expected a sparse COO tensor, got a strided one of shape [${s.shape.join(', ')}]`);
  return { str: String(s), indices: encodeTensor(s._indices()), values: encodeTensor(s._values()), is_coalesced: s.isCoalesced(), nnz: s._nnz() };
}
