/**
 * Sparse COO algorithms, as PyTorch 1.13's aten/src/ATen/native/sparse/SparseTensor.cpp and
 * SparseTensorMath.cpp compute them: construction with its checks, coalesce, to_dense, sparse_mask,
 * sparse + sparse (a sorted merge, or a concatenation when a values part is not contiguous), sparse
 * added into dense, and scalar multiplication. Index bookkeeping is done on the host (the indices
 * decide the result's size); values move with tensor ops.
 */
import type { DType } from '../dtype';
import { promoteTypes } from '../dtype';
import { tensor as makeTensor, zeros } from '../ops/create';
import { cat } from '../ops/join';
import { int64Tensor } from '../ops/indexing';
import type { CreationOptions } from '../ops/util';
import { Tensor } from '../tensor';
import { SparseTensor } from './sparse-tensor';

function product(xs: readonly number[]): number {
  return xs.reduce((a, b) => a * b, 1);
}

/** The indices of a [sparseDim, nnz] int64 tensor as host numbers, one array per sparse dim. */
function hostIndices(indices: Tensor): number[][] {
  const [S, nnz] = indices.shape as [number, number];
  const flat = indices.contiguous();
  const raw = flat.numpy();
  if (flat !== indices) flat.dispose();
  const rows: number[][] = [];
  for (let d = 0; d < S; d++) {
    const row = new Array<number>(nnz);
    for (let j = 0; j < nnz; j++) row[j] = Number(raw[d * nnz + j]);
    rows.push(row);
  }
  return rows;
}

/** flatten_indices: each entry's row-major position among the sparse dims. */
function linearPositions(rows: number[][], shape: readonly number[]): number[] {
  const nnz = rows[0]?.length ?? 0;
  const out = new Array<number>(nnz).fill(0);
  let stride = 1;
  for (let d = rows.length - 1; d >= 0; d--) {
    const row = rows[d]!;
    for (let j = 0; j < nnz; j++) out[j] += row[j]! * stride;
    stride *= shape[d]!;
  }
  return out;
}

function indicesTensor(rows: number[][], nnz: number, like: Tensor): Tensor {
  const flat = new Array<number>(rows.length * nnz);
  rows.forEach((row, d) => {
    for (let j = 0; j < nnz; j++) flat[d * nnz + j] = row[j]!;
  });
  return int64Tensor(flat, [rows.length, nnz], like.backend);
}

/** Dense rows picked at host positions `at` of a [n, ...] tensor (an index_select). */
function rowsAt(values: Tensor, at: readonly number[]): Tensor {
  const index = int64Tensor(at, [at.length], values.backend);
  const r = values.indexSelect(0, index);
  index.dispose();
  return r;
}

/** A [rows, ...dense] zero tensor with `sources[k]` added into row `targets[k]`, in order. */
function accumulateRows(rows: number, denseShape: readonly number[], dtype: DType, parts: readonly { values: Tensor; targets: readonly number[] }[]): Tensor {
  const out = zeros([rows, ...denseShape], { dtype, device: parts[0]?.values.device });
  for (const { values, targets } of parts) {
    if (targets.length === 0) continue;
    const index = int64Tensor(targets, [targets.length], values.backend);
    out.indexPut_([index], values.dtype === dtype ? values : values.to(dtype), true);
    index.dispose();
  }
  return out;
}

export interface SparseCooOptions extends CreationOptions {
  /** Accepted for PyTorch compatibility: the indices are always checked. */
  checkInvariants?: boolean;
}

function asTensor(x: unknown, options: CreationOptions): Tensor {
  return x instanceof Tensor ? x : makeTensor(x as never, options);
}

/**
 * torch.sparse_coo_tensor: a sparse tensor with entries `values[j]` at `indices[:, j]`. The size is
 * inferred (each sparse dim one past its largest index, then the values' trailing dims) when not given.
 *
 * @example
 * const s = torch.sparseCooTensor([[0, 2], [1, 0]], torch.tensor([3, 4], { dtype: 'float32' }), [3, 4]);
 * s.toDense(); // [[0, 3, 0, 0], [0, 0, 0, 0], [4, 0, 0, 0]]
 */
export function sparseCooTensor(indices: unknown, values: unknown, size?: readonly number[] | SparseCooOptions, options: SparseCooOptions = {}): SparseTensor {
  const opts = size !== undefined && !Array.isArray(size) ? (size as SparseCooOptions) : options;
  const shape = Array.isArray(size) ? (size as readonly number[]) : undefined;
  if (opts.requiresGrad) throw new Error('sparse tensors cannot require grad in @x: only gradients (e.g. of nn.Embedding with sparse: true) are sparse');
  const given = asTensor(indices, { device: opts.device });
  // PyTorch casts indices of another dtype to int64.
  const ind = given.dtype === 'int64' ? given : given.to('int64');
  const valsIn = asTensor(values, { device: opts.device, dtype: opts.dtype });
  const vals = opts.dtype !== undefined && valsIn.dtype !== opts.dtype ? valsIn.to(opts.dtype) : valsIn;
  if (ind.dim() !== 2) throw new Error(`indices must be sparse_dim x nnz, but got: [${ind.shape.join(', ')}]`);
  if (vals.dim() === 0) throw new Error('values must be at least 1-dimensional (one value per entry)');
  const [S, nnz] = ind.shape as [number, number];
  if (vals.shape[0] !== nnz) throw new Error(`indices and values must have same nnz, but got nnz from indices: ${nnz}, nnz from values: ${vals.shape[0]}`);
  const rows = hostIndices(ind);
  const denseShape = vals.shape.slice(1);
  let full: number[];
  if (shape === undefined) {
    full = rows.map((row) => (row.length === 0 ? 0 : Math.max(...row) + 1));
    full.push(...denseShape);
  } else {
    full = shape.slice();
    if (full.length !== S + denseShape.length) {
      throw new Error(`number of dimensions must be sparse_dim (${S}) + dense_dim (${denseShape.length}), but got ${full.length}`);
    }
    rows.forEach((row, d) => {
      for (const i of row) {
        if (i < 0) throw new Error(`found negative index ${i} for dim ${d}`);
        if (i >= full[d]!) throw new Error(`size is inconsistent with indices: for dim ${d}, size is ${full[d]} but found index ${i}`);
      }
    });
    denseShape.forEach((n, k) => {
      if (full[S + k] !== n) {
        throw new Error(`values has incorrect size, expected [${[nnz, ...full.slice(S)].join(', ')}], got [${vals.shape.join(', ')}]`);
      }
    });
  }
  const out = new SparseTensor(ind, vals, full, nnz < 2);
  if (ind !== indices) ind.dispose();
  if (given !== indices && given !== ind) given.dispose();
  if (vals !== values) vals.dispose();
  if (valsIn !== vals && valsIn !== values) valsIn.dispose();
  return out;
}

/**
 * coalesce: entries sorted by position, repeats summed in that order (_coalesce_sparse_cpu). A
 * coalesced tensor is returned as it is; one with fewer than two entries is copied and marked.
 */
export function coalesce(s: SparseTensor): SparseTensor {
  if (s._coalesced) return s;
  const nnz = s._nnz();
  if (nnz < 2) {
    const c = s.clone();
    c._coalesced = true;
    return c;
  }
  const rows = hostIndices(s._sparseIndices);
  const pos = linearPositions(rows, s.shape);
  const order = pos.map((_, j) => j).sort((a, b) => pos[a]! - pos[b]! || a - b);
  const keepAt: number[] = [];
  const group = new Array<number>(nnz);
  let prev = -1;
  for (const j of order) {
    if (keepAt.length === 0 || pos[j] !== prev) keepAt.push(j);
    group[j] = keepAt.length - 1;
    prev = pos[j]!;
  }
  const newRows = rows.map((row) => keepAt.map((j) => row[j]!));
  const indices = indicesTensor(newRows, keepAt.length, s._sparseIndices);
  const sorted = rowsAt(s._sparseValues, order);
  const values = accumulateRows(keepAt.length, s._sparseValues.shape.slice(1), s.dtype, [{ values: sorted, targets: order.map((j) => group[j]!) }]);
  sorted.dispose();
  const out = new SparseTensor(indices, values, s.shape, true);
  indices.dispose();
  values.dispose();
  return out;
}

/** target += alpha * s for a dense target of s's shape (add_out_dense_sparse: an accumulating index_put). */
export function addSparseIntoDense_(target: Tensor, s: SparseTensor, alpha: number): void {
  if (target.shape.length !== s.shape.length || target.shape.some((n, d) => n !== s.shape[d])) {
    throw new Error(`add: expected 'self' and 'other' to have same size, but self has size [${target.shape.join(', ')}] while other has size [${s.shape.join(', ')}] (FYI: dense-sparse addition does not currently support broadcasting)`);
  }
  if (s._nnz() === 0) return;
  const S = s.sparseDim();
  const pos = linearPositions(hostIndices(s._sparseIndices), s.shape);
  const scaled = alpha === 1 ? s._sparseValues : s._sparseValues.mul(alpha);
  const index = int64Tensor(pos, [pos.length], target.backend);
  const flatShape = [product(s.shape.slice(0, S)), ...s.shape.slice(S)];
  const values = scaled.dtype === target.dtype ? scaled : scaled.to(target.dtype);
  if (target.isContiguous()) {
    const flat = target.view(flatShape);
    flat.indexPut_([index], values, true);
    flat.dispose();
  } else {
    const flat = target.contiguous().view(flatShape);
    flat.indexPut_([index], values, true);
    target.copy_(flat.view([...target.shape]));
    flat.dispose();
  }
  index.dispose();
  if (values !== scaled) values.dispose();
  if (scaled !== s._sparseValues) scaled.dispose();
}

/** to_dense: zeros with every entry added in. */
export function toDense(s: SparseTensor): Tensor {
  const out = zeros([...s.shape], { dtype: s.dtype, device: s.device });
  addSparseIntoDense_(out, s, 1);
  return out;
}

/** dense.sparse_mask(mask): the entries of dense at mask's positions, as a sparse tensor with mask's indices. */
export function sparseMask(dense: Tensor, mask: SparseTensor): SparseTensor {
  if (dense.shape.length !== mask.shape.length || dense.shape.some((n, d) => n !== mask.shape[d])) {
    throw new Error(`sparse_mask(): operands have incompatible sizes; self has size [${dense.shape.join(', ')}] but mask has size [${mask.shape.join(', ')}]`);
  }
  const S = mask.sparseDim();
  const pos = linearPositions(hostIndices(mask._sparseIndices), mask.shape);
  const flat = dense.reshape([product(mask.shape.slice(0, S)), ...mask.shape.slice(S)]);
  const values = rowsAt(flat, pos);
  flat.dispose();
  const out = new SparseTensor(mask._sparseIndices, values, mask.shape, mask._coalesced);
  values.dispose();
  return out;
}

/** s * scalar: the values scaled, the indices and the coalesced flag kept (mul_out_sparse_zerodim). */
export function mulScalar(s: SparseTensor, scalar: number, op: 'mul' | 'div' = 'mul'): SparseTensor {
  const values = op === 'mul' ? s._sparseValues.mul(scalar) : s._sparseValues.div(scalar);
  const out = new SparseTensor(s._sparseIndices, values, s.shape, s._coalesced);
  values.dispose();
  return out;
}

/**
 * t + alpha * src for two sparse tensors (add_out_sparse_cpu): with contiguous values, a merge of
 * the two entry lists that adds entries at equal positions where they meet (sorted and coalesced
 * when both were); otherwise the concatenation of both, coalesced only once nnz exceeds numel.
 */
export function addSparse(t: SparseTensor, src: SparseTensor, alpha: number): SparseTensor {
  if (t.shape.length !== src.shape.length || t.shape.some((n, d) => n !== src.shape[d])) {
    throw new Error(`add: expected sizes of 'self' and 'other' to match, but [${t.shape.join(', ')}] != [${src.shape.join(', ')}]`);
  }
  const dtype = promoteTypes(t.dtype, src.dtype);
  if (src._nnz() === 0) return retype(t.clone(), dtype);
  if (t._nnz() === 0) return retype(mulScalar(src, alpha), dtype);
  if (t.sparseDim() !== src.sparseDim()) {
    throw new Error(`add: expected 'self' and 'other' to have same density, but 'self' has ${t.sparseDim()} sparse dimensions while 'other' has ${src.sparseDim()} sparse dimensions`);
  }
  const denseShape = t._sparseValues.shape.slice(1);
  const scaled = alpha === 1 ? src._sparseValues : src._sparseValues.mul(alpha);
  let result: SparseTensor;
  if (t._sparseValues.isContiguous() && src._sparseValues.isContiguous()) {
    const a = hostIndices(t._sparseIndices);
    const b = hostIndices(src._sparseIndices);
    const S = a.length;
    const na = a[0]!.length;
    const nb = b[0]!.length;
    const rows: number[][] = a.map(() => []);
    const fromT: number[] = [];
    const fromS: number[] = [];
    let i = 0;
    let j = 0;
    let r = 0;
    while (i < na || j < nb) {
      let cmp = 0;
      if (i >= na) cmp = -1;
      else if (j >= nb) cmp = 1;
      else {
        for (let d = 0; d < S; d++) {
          if (a[d]![i]! < b[d]![j]!) { cmp = 1; break; }
          if (a[d]![i]! > b[d]![j]!) { cmp = -1; break; }
        }
      }
      if (cmp >= 0) {
        for (let d = 0; d < S; d++) rows[d]!.push(a[d]![i]!);
        fromT.push(r);
        i++;
      }
      if (cmp <= 0) {
        if (cmp < 0) for (let d = 0; d < S; d++) rows[d]!.push(b[d]![j]!);
        fromS.push(r);
        j++;
      }
      r++;
    }
    const indices = indicesTensor(rows, r, t._sparseIndices);
    const values = accumulateRows(r, denseShape, dtype, [{ values: t._sparseValues, targets: fromT }, { values: scaled, targets: fromS }]);
    result = new SparseTensor(indices, values, t.shape, t._coalesced && src._coalesced);
    indices.dispose();
    values.dispose();
  } else {
    const indices = cat([t._sparseIndices, src._sparseIndices], 1);
    const tv = t._sparseValues.to(dtype);
    const sv = scaled.to(dtype);
    const values = cat([tv, sv], 0);
    for (const x of [tv, sv]) if (x !== t._sparseValues && x !== scaled) x.dispose();
    result = new SparseTensor(indices, values, t.shape, false);
    indices.dispose();
    values.dispose();
    // PyTorch's guard against unbounded growth of repeated entries.
    if (result._nnz() > result.numel()) {
      const c = coalesce(result);
      result.dispose();
      result = c;
    }
  }
  if (scaled !== src._sparseValues) scaled.dispose();
  return result;
}

function retype(s: SparseTensor, dtype: DType): SparseTensor {
  if (s.dtype === dtype) return s;
  const values = s._sparseValues.to(dtype);
  const out = new SparseTensor(s._sparseIndices, values, s.shape, s._coalesced);
  values.dispose();
  s.dispose();
  return out;
}

/**
 * dense.to_sparse(sparseDim): the entries (or, with sparseDim < ndim, the slices over the trailing
 * dims) that hold a nonzero, in row-major order: a coalesced sparse tensor.
 */
export function toSparse(dense: Tensor, sparseDim = dense.ndim): SparseTensor {
  if (sparseDim > dense.ndim) throw new Error('sparse_dim must be less than or equal to self.dim()');
  if (sparseDim < 0) throw new Error(`sparse_dim must be non-negative, got ${sparseDim}`);
  const leading = dense.shape.slice(0, sparseDim);
  const flat = dense.reshape([product(leading), ...dense.shape.slice(sparseDim)]);
  const host = flat.contiguous().numpy();
  const per = product(dense.shape.slice(sparseDim));
  const keep: number[] = [];
  for (let r = 0; r < flat.shape[0]!; r++) {
    for (let k = 0; k < per; k++) {
      if (Number(host[r * per + k]) !== 0) {
        keep.push(r);
        break;
      }
    }
  }
  const rows: number[][] = leading.map(() => []);
  for (const r of keep) {
    let rest = r;
    for (let d = leading.length - 1; d >= 0; d--) {
      rows[d]!.push(rest % leading[d]!);
      rest = Math.floor(rest / leading[d]!);
    }
  }
  const indices = indicesTensor(rows, keep.length, dense);
  const values = rowsAt(flat, keep);
  const out = new SparseTensor(indices, values, dense.shape, true);
  indices.dispose();
  values.dispose();
  return out;
}
