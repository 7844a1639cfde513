/**
 * The async forms of ops whose result size depends on the values (PyTorch's nonzero, boolean-mask
 * indexing, masked_select) or that return plain values (equal, allclose). On a backend without
 * synchronous reads (WebGPU), these read what they need with an await and then build the same
 * result as the sync op; on CPU backends they give what the sync op gives. Precedent: tfjs's
 * `whereAsync` and `booleanMaskAsync`.
 */
import { tidy } from '../memory';
import { broadcastShapes } from '../shape';
import { Tensor } from '../tensor';
import { allclose, binary, equal, isclose } from './elementwise';
import { scalarTypeName } from '../dtype';
import { expandMasks, index, indexPut, indexPut_, maskEntries, nonzero, type IndexEntry } from './indexing';
import { withHostCopies } from './read';
import type { TensorOrScalar } from './util';
import { expand, reshape } from './views';

/**
 * torch.nonzero on any backend.
 *
 * @example
 * const positions = await torch.nonzeroAsync(x);                       // [count, ndim] int64
 * const [rows, cols] = await torch.nonzeroAsync(x, { asTuple: true });
 */
export async function nonzeroAsync(x: Tensor): Promise<Tensor>;
export async function nonzeroAsync(x: Tensor, options: { asTuple: true }): Promise<Tensor[]>;
export async function nonzeroAsync(x: Tensor, options?: { asTuple?: boolean }): Promise<Tensor | Tensor[]>;
export async function nonzeroAsync(x: Tensor, options: { asTuple?: boolean } = {}): Promise<Tensor | Tensor[]> {
  x._live();
  return withHostCopies([x], () => nonzero(x, options));
}

/** torch.argwhere on any backend: nonzeroAsync(x). */
export async function argwhereAsync(x: Tensor): Promise<Tensor> {
  return nonzeroAsync(x);
}

/**
 * x[...indices] on any backend: masks (bool/uint8 index tensors) are read with an await and become
 * the int64 positions they select, so the result and its gradient need no further reads.
 *
 * @example
 * const positive = await x.indexAsync(x.gt(0)); // x[x > 0]
 */
export async function indexAsync(x: Tensor, entries: readonly IndexEntry[]): Promise<Tensor> {
  x._live();
  const masks = maskEntries(entries);
  if (masks.length === 0) return index(x, entries);
  const expanded = await withHostCopies(masks, () => expandMasks(x, entries, 'await x.indexAsync(...indices)'));
  try {
    return index(x, expanded.entries);
  } finally {
    for (const c of expanded.columns) c.dispose();
  }
}

/**
 * x[...indices] = values in place, on any backend (masks read with an await, as in indexAsync).
 *
 * @example
 * await x.indexPutAsync_([x.lt(0)], 0); // x[x < 0] = 0
 */
export async function indexPutAsync_(x: Tensor, entries: readonly IndexEntry[], value: TensorOrScalar, accumulate = false): Promise<Tensor> {
  x._live();
  const masks = maskEntries(entries);
  if (masks.length === 0) {
    indexPut_(x, entries, value, accumulate);
    return x;
  }
  const expanded = await withHostCopies(masks, () => expandMasks(x, entries, 'await x.indexPutAsync_(indices, values)'));
  try {
    indexPut_(x, expanded.entries, value, accumulate);
    return x;
  } finally {
    for (const c of expanded.columns) c.dispose();
  }
}

/** torch.index_put (out of place) on any backend. */
export async function indexPutAsync(x: Tensor, entries: readonly IndexEntry[], value: TensorOrScalar, accumulate = false): Promise<Tensor> {
  x._live();
  const masks = maskEntries(entries);
  if (masks.length === 0) return indexPut(x, entries, value, accumulate);
  const expanded = await withHostCopies(masks, () => expandMasks(x, entries, 'await torch.indexPutAsync(x, indices, values)'));
  try {
    return indexPut(x, expanded.entries, value, accumulate);
  } finally {
    for (const c of expanded.columns) c.dispose();
  }
}

/**
 * torch.masked_select on any backend: x[mask] over x and mask broadcast together. Its gradient is
 * that of the indexing (IndexBackward0 where the sync form records MaskedSelectBackward0).
 *
 * @example
 * const picked = await torch.maskedSelectAsync(x, x.gt(0));
 */
export async function maskedSelectAsync(x: Tensor, mask: Tensor): Promise<Tensor> {
  x._live();
  mask._live();
  if (mask.dtype !== 'bool' && mask.dtype !== 'uint8') {
    throw new Error(`masked_select: expected BoolTensor for mask, but got ${scalarTypeName(mask.dtype)}`);
  }
  const shape = broadcastShapes(mask.shape, x.shape);
  return tidy(async () => {
    const flat = shape.length === 0 ? [1] : shape;
    const xb = reshape(expand(x, [shape]), [flat]);
    const mb = reshape(expand(mask, [shape]), [flat]);
    return indexAsync(xb, [mb]);
  });
}

/** torch.equal on any backend. */
export async function equalAsync(a: Tensor, b: Tensor): Promise<boolean> {
  a._live();
  b._live();
  if (a.backend.readSync) return equal(a, b);
  if (a.shape.length !== b.shape.length || a.shape.some((s, i) => s !== b.shape[i])) return false;
  const all = tidy(() => binary('eq', a, b).all());
  try {
    return (await all.itemAsync()) !== 0;
  } finally {
    all.dispose();
  }
}

/** torch.allclose on any backend. */
export async function allcloseAsync(a: Tensor, b: Tensor, options: { rtol?: number; atol?: number; equalNan?: boolean } = {}): Promise<boolean> {
  a._live();
  b._live();
  if (a.backend.readSync) return allclose(a, b, options);
  const all = tidy(() => isclose(a, b, options).all());
  try {
    return (await all.itemAsync()) !== 0;
  } finally {
    all.dispose();
  }
}
