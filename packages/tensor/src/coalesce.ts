/**
 * Dim coalescing for kernels over strided views (candle's `Layout::strided_blocks`, PyTorch's
 * TensorIterator::coalesce_dimensions): of an iteration shape walked by several operands at once,
 * size-1 dims are dropped and adjacent dims are merged where every operand steps through them as one
 * (stride of the outer = size of the inner x stride of the inner). A contiguous tensor becomes one
 * dim, a broadcast row two; the walk visits the same elements in the same (row-major) order.
 *
 * Backends call it on every kernel launch, so it writes into a `Coalesced` the caller keeps
 * (`coalesced(operands)`), allocating nothing. Its arrays may be typed arrays over the backend's
 * own argument memory (the WASM backend's kernel structs), so the result lands where the kernel
 * reads it; such an array must have room for every dim (a backend refuses more dims than it holds).
 */

/** Where coalesce writes one row of numbers: an array, or an Int32Array over kernel arguments. */
export type DimsArray = number[] | Int32Array;

/** The result: `ndim` merged dims, `shape[0 .. ndim)` and each operand's `strides[k][0 .. ndim)`. */
export interface Coalesced {
  ndim: number;
  /** elements of the iteration space (the product of the sizes, zero included) */
  numel: number;
  readonly shape: DimsArray;
  readonly strides: readonly DimsArray[];
}

/** A reusable result for up to `operands` operands. */
export function coalesced(operands: number): Coalesced {
  // arrays start with one number so they hold small integers from the first write on
  const strides: number[][] = [];
  for (let j = 0; j < operands; j++) strides.push([0]);
  return { ndim: 0, numel: 1, shape: [0], strides };
}

/**
 * Coalesces dims [from, to) of `shape` (every dim by default) for the operands' strides, skipping
 * dim `skip` (a scan's or sort's own dim); a null operand is a scalar (stride 0 everywhere). Writes
 * `into` and returns it; `into` must have room for `strides.length` operands.
 */
export function coalesce(
  shape: readonly number[],
  strides: readonly (readonly number[] | null)[],
  into: Coalesced,
  from = 0,
  to = shape.length,
  skip = -1,
): Coalesced {
  const k = strides.length;
  const outShape = into.shape;
  const outStrides = into.strides;
  if (to - from === 1 && skip !== from) {
    // one dim (vectors, the most common small operands): nothing to merge
    const size = shape[from]!;
    into.numel = size;
    into.ndim = size === 1 ? 0 : 1;
    outShape[0] = size;
    for (let j = 0; j < k; j++) {
      const s = strides[j]!;
      outStrides[j]![0] = s === null ? 0 : s[from]!;
    }
    return into;
  }
  let nd = 0;
  let numel = 1;
  for (let d = from; d < to; d++) {
    if (d === skip) continue;
    const size = shape[d]!;
    numel *= size;
    if (size === 1) continue;
    if (nd > 0) {
      // merge into the previous dim when every operand steps over this one as over a part of it
      const p = nd - 1;
      let j = 0;
      for (; j < k; j++) {
        const s = strides[j]!;
        if (outStrides[j]![p] !== size * (s === null ? 0 : s[d]!)) break;
      }
      if (j === k) {
        outShape[p] = outShape[p]! * size;
        for (j = 0; j < k; j++) {
          const s = strides[j]!;
          outStrides[j]![p] = s === null ? 0 : s[d]!;
        }
        continue;
      }
    }
    outShape[nd] = size;
    for (let j = 0; j < k; j++) {
      const s = strides[j]!;
      outStrides[j]![nd] = s === null ? 0 : s[d]!;
    }
    nd++;
  }
  into.ndim = nd;
  into.numel = numel;
  return into;
}
