/**
 * Joining, splitting and rearranging: cat/stack, split/chunk/unbind, gather/scatter/indexSelect/take,
 * repeat/tile/repeatInterleave, flip/roll, triu/tril/diag and pad. Every data movement is one of the
 * backend's strided kernels (copy, gather, scatter, where) over views; nothing loops over elements in JS.
 */
import type { Backend, View } from '../backend';
import { promoteTypes, scalarTypeName } from '../dtype';
import { tidy } from '../memory';
import { checkSize, contiguousStrides, normalizeDim, sameShape, shapeStr } from '../shape';
import { Tensor } from '../tensor';
import { traced, tracedInplace } from '../autograd';
import { castTo, clone, contiguous, fill_ } from './cast';
import { binary, where } from './elementwise';
import { arangeInt64, boundsError, int64Tensor, wrapIndex } from './indexing';
import { canReadSync, syncReadError, valuesSync, withHostCopies } from './read';
import { describe, emptyTensor, sameDevice, type Scalar, type TensorOrScalar, viewOf } from './util';
import { makeView, narrow, reshape, select, unsqueeze } from './views';

const NO_ATTRS = {};

// ---------------------------------------------------------------- cat, stack

function checkTensorList(op: string, tensors: readonly Tensor[]): void {
  if (!Array.isArray(tensors)) throw new TypeError(`${op}(): expected an array of Tensors, but got ${describe(tensors)}`);
  tensors.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new TypeError(`${op}(): expected a Tensor at position ${i}, but got ${describe(t)}`);
    t._live();
  });
}

/** PyTorch's legacy rule: a 1-D tensor of size 0 takes no part in cat's shape checks. */
function skippedByCat(t: Tensor): boolean {
  return t.ndim === 1 && t.shape[0] === 0;
}

/**
 * torch.cat: joins tensors along an existing dim, promoting their dtypes as PyTorch does. 1-D empty
 * tensors are skipped (PyTorch's legacy rule), so `cat([torch.tensor([]), x])` is x.
 *
 * @example
 * torch.cat([a, b], 1); // a: [2, 3], b: [2, 4] → [2, 7]
 */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  checkTensorList('cat', tensors);
  return traced('cat', tensors, { dim }, () => catUntraced(tensors, dim));
}

function catUntraced(tensors: readonly Tensor[], dim: number): Tensor {
  if (tensors.length === 0) throw new Error('torch.cat(): expected a non-empty list of Tensors');
  tensors.forEach((t, i) => {
    if (t.ndim === 0) throw new Error(`zero-dimensional tensor (at position ${i}) cannot be concatenated`);
  });
  const backend = sameDevice('cat', tensors);
  const dtype = tensors.map((t) => t.dtype).reduce(promoteTypes);
  const first = tensors.find((t) => !skippedByCat(t));
  if (first === undefined) return emptyTensor([0], dtype, backend);
  const d = normalizeDim(dim, first.ndim);
  const shape = first.shape.slice();
  shape[d] = 0;
  tensors.forEach((t, i) => {
    if (skippedByCat(t)) return;
    if (t.ndim !== first.ndim) throw new Error(`Tensors must have same number of dimensions: got ${first.ndim} and ${t.ndim}`);
    for (let j = 0; j < t.ndim; j++) {
      if (j !== d && t.shape[j] !== first.shape[j]) {
        throw new Error(
          `Sizes of tensors must match except in dimension ${d}. Expected size ${first.shape[j]} but got size ${t.shape[j]} for tensor number ${i} in the list.`,
        );
      }
    }
    shape[d] += t.shape[d]!;
  });
  const out = emptyTensor(shape, dtype, backend);
  let at = 0;
  for (const t of tensors) {
    if (skippedByCat(t)) continue;
    if (t.numel() > 0) backend.copy(t, viewOf(out, t.shape, out.strides, at * out.strides[d]!));
    at += t.shape[d]!;
  }
  return out;
}

/** torch.concat: cat. */
export const concat = cat;
/** torch.concatenate: cat. */
export const concatenate = cat;

/**
 * torch.stack: joins same-shaped tensors along a new dim.
 *
 * @example
 * torch.stack([a, b]);    // [2, ...a.shape]
 * torch.stack([a, b], 1); // [a.shape[0], 2, ...]
 */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  checkTensorList('stack', tensors);
  return traced('stack', tensors, { dim }, () => stackUntraced(tensors, dim));
}

function stackUntraced(tensors: readonly Tensor[], dim: number): Tensor {
  if (tensors.length === 0) throw new Error('stack expects a non-empty TensorList');
  const first = tensors[0]!;
  tensors.forEach((t, i) => {
    if (!sameShape(t.shape, first.shape)) {
      throw new Error(`stack expects each tensor to be equal size, but got ${shapeStr(first.shape)} at entry 0 and ${shapeStr(t.shape)} at entry ${i}`);
    }
  });
  const d = normalizeDim(dim, first.ndim + 1);
  const backend = sameDevice('stack', tensors);
  const dtype = tensors.map((t) => t.dtype).reduce(promoteTypes);
  const shape = [...first.shape.slice(0, d), tensors.length, ...first.shape.slice(d)];
  const out = emptyTensor(shape, dtype, backend);
  if (out.numel() === 0) return out;
  const strides = out.strides.filter((_, j) => j !== d);
  tensors.forEach((t, i) => backend.copy(t, viewOf(out, t.shape, strides, i * out.strides[d]!)));
  return out;
}

/** A view of t with at least `n` dims, as torch.atleast_1d/2d/3d shape them. */
function atLeast(t: Tensor, n: 1 | 2 | 3): Tensor {
  if (t.ndim >= n) return t;
  if (t.ndim === 0) return reshape(t, [new Array<number>(n).fill(1)]);
  if (n === 2 || t.ndim === 2) return unsqueeze(t, n === 2 ? 0 : 2);
  return reshape(t, [[1, t.shape[0]!, 1]]);
}

function stackAlong(op: string, tensors: readonly Tensor[], n: 1 | 2 | 3, dim: (ts: Tensor[]) => number): Tensor {
  checkTensorList(op, tensors);
  if (tensors.length === 0) throw new Error(`${op} expects a non-empty TensorList`);
  return tidy(() => {
    const ts = tensors.map((t) => atLeast(t, n));
    return cat(ts, dim(ts));
  });
}

/** torch.hstack: cat along dim 1 (dim 0 for 1-D inputs). */
export function hstack(tensors: readonly Tensor[]): Tensor {
  return stackAlong('hstack', tensors, 1, (ts) => (ts[0]!.ndim === 1 ? 0 : 1));
}
/** torch.vstack: cat along dim 0 of inputs made at least 2-D. */
export function vstack(tensors: readonly Tensor[]): Tensor {
  return stackAlong('vstack', tensors, 2, () => 0);
}
/** torch.dstack: cat along dim 2 of inputs made at least 3-D. */
export function dstack(tensors: readonly Tensor[]): Tensor {
  return stackAlong('dstack', tensors, 3, () => 2);
}

// ---------------------------------------------------------------- split, chunk, unbind

/**
 * torch.split: views of consecutive pieces along dim, each `splitSize` long (the last may be
 * shorter), or of the given sizes.
 *
 * @example
 * torch.split(x, 2);      // pieces of 2 along dim 0
 * x.split([1, 3], 1);     // two views along dim 1
 */
export function split(x: Tensor, splitSize: number | readonly number[], dim = 0): Tensor[] {
  return traced('split', [x], { splitSize, dim }, () => splitUntraced(x, splitSize, dim));
}

function splitUntraced(x: Tensor, splitSize: number | readonly number[], dim: number): Tensor[] {
  x._live();
  if (x.ndim === 0) throw new Error('split expects at least a 1-dimensional tensor');
  const d = normalizeDim(dim, x.ndim);
  const size = x.shape[d]!;
  let sizes: number[];
  if (typeof splitSize === 'number') {
    if (!Number.isInteger(splitSize) || splitSize < 0) {
      throw new Error(`split expects split_size be non-negative, but got split_size=${splitSize}`);
    }
    if (splitSize === 0 && size !== 0) {
      throw new Error(`split_size can only be 0 if dimension size is 0, but got dimension size of ${size}`);
    }
    const n = splitSize === 0 ? 1 : Math.max(Math.ceil(size / splitSize), 1);
    sizes = Array.from({ length: n }, (_, i) => (i < n - 1 ? splitSize : splitSize - (splitSize * n - size)));
  } else {
    sizes = [...splitSize];
    if (sizes.some((s) => !Number.isInteger(s) || s < 0)) {
      throw new Error(`split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=${shapeStr(sizes)}`);
    }
    if (sizes.reduce((a, b) => a + b, 0) !== size) {
      throw new Error(
        `split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's size at dimension ${d}), but got split_sizes=${shapeStr(sizes)}`,
      );
    }
  }
  let start = 0;
  return sizes.map((len) => {
    const v = narrow(x, d, start, len);
    start += len;
    return v;
  });
}

/**
 * torch.chunk: `chunks` views along dim of ceil(size / chunks) each (fewer when that covers the dim).
 *
 * @example
 * const [a, b] = x.chunk(2, 1);
 */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  x._live();
  if (x.ndim === 0) throw new Error('chunk expects at least a 1-dimensional tensor');
  if (!Number.isInteger(chunks) || chunks <= 0) throw new Error(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const d = normalizeDim(dim, x.ndim);
  const size = x.shape[d]!;
  const splitSize = Math.ceil(size / chunks);
  // As PyTorch: an empty dim still gives `chunks` (empty) pieces.
  if (splitSize === 0 && size === 0) return split(x, new Array<number>(chunks).fill(0), d);
  return split(x, splitSize, d);
}

/**
 * torch.unbind: the views x.select(dim, i) for every i.
 *
 * @example
 * const [row0, row1] = torch.unbind(x);
 */
export function unbind(x: Tensor, dim = 0): Tensor[] {
  return traced('unbind', [x], { dim }, () => unbindUntraced(x, dim));
}

function unbindUntraced(x: Tensor, dim: number): Tensor[] {
  x._live();
  if (x.ndim === 0) throw new RangeError(`Dimension specified as ${dim} but tensor has no dimensions`);
  const d = normalizeDim(dim, x.ndim);
  return Array.from({ length: x.shape[d]! }, (_, i) => select(x, d, i));
}

// ---------------------------------------------------------------- gather, scatter, indexSelect, take

/** A 0-dim tensor's layout as 1-D (PyTorch's ensure_nonempty_dim for gather/scatter). */
function atLeast1d(t: View): View {
  return t.shape.length === 0 ? viewOf(t, [1], [0]) : t;
}

/**
 * PyTorch's gather, scatter and index_select refuse negative indices, which the kernels would wrap:
 * one min-reduction finds them (where the backend reads synchronously; elsewhere they wrap).
 */
function rejectNegative(index: Tensor, message: (j: number) => string): void {
  if (index.numel() === 0 || !index.backend.readSync) return;
  const min = emptyTensor([], index.dtype, index.backend);
  try {
    index.backend.reduce('min', index, min);
    if (min.item() < 0) {
      // Name the first negative one in order, as PyTorch's kernels do.
      const j = Array.from(valuesSync(index), Number).find((v) => v < 0)!;
      throw new RangeError(message(j));
    }
  } finally {
    min.dispose();
  }
}

/**
 * torch.gather: out[i][j][k] = x[index[i][j][k]][j][k] (for dim 0); index is int64 with x's number
 * of dims, and out has index's shape.
 *
 * @example
 * torch.gather(x, 1, torch.tensor([[0, 0], [1, 0]]));
 */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  return traced('gather', [x, index], { dim }, () => gatherUntraced(x, dim, index));
}

function gatherUntraced(x: Tensor, dim: number, index: Tensor): Tensor {
  x._live();
  index._live();
  const d = normalizeDim(dim, x.ndim);
  if (index.dtype !== 'int64') throw new Error('gather(): Expected dtype int64 for index');
  if (Math.max(index.ndim, 1) !== Math.max(x.ndim, 1)) {
    throw new Error('Index tensor must have the same number of dimensions as input tensor');
  }
  const backend = sameDevice('gather', [x, index]);
  const xv = atLeast1d(x);
  const iv = atLeast1d(index);
  if (index.numel() > 0) {
    for (let i = 0; i < iv.shape.length; i++) {
      if (i !== d && iv.shape[i]! > xv.shape[i]!) {
        throw new Error(
          `Size does not match at dimension ${i} expected index ${shapeStr(index.shape)} to be smaller than self ${shapeStr(x.shape)} apart from dimension ${d}`,
        );
      }
    }
  }
  rejectNegative(index, (j) => `index ${j} is out of bounds for dimension ${d} with size ${xv.shape[d]}`);
  const out = emptyTensor(index.shape, x.dtype, backend);
  if (out.numel() === 0) return out;
  const wording = (j: string): string => `index ${j} is out of bounds for dimension ${d} with size ${xv.shape[d]}`;
  try {
    backend.gather(xv, d, iv, atLeast1d(out), wording);
  } catch (e) {
    out.dispose();
    throw boundsError(e, wording);
  }
  return out;
}

export type ScatterReduce = 'add' | 'multiply';

function scatterChecks(x: Tensor, dim: number, index: Tensor, src: TensorOrScalar): number {
  x._live();
  index._live();
  const d = normalizeDim(dim, x.ndim);
  if (index.dtype !== 'int64') throw new Error('scatter(): Expected dtype int64 for index');
  const s = src instanceof Tensor ? src._live() : null;
  if (s === null && typeof src !== 'number' && typeof src !== 'boolean') {
    throw new TypeError(`scatter(): expected a Tensor or a number as src, but got ${describe(src)}`);
  }
  if (s && s.dtype !== x.dtype) throw new Error('scatter(): Expected self.dtype to be equal to src.dtype');
  const nd = Math.max(x.ndim, 1);
  if (Math.max(index.ndim, 1) !== nd) throw new Error('Index tensor must have the same number of dimensions as self tensor');
  sameDevice('scatter', s ? [x, index, s] : [x, index]);
  if (s && Math.max(s.ndim, 1) !== nd) {
    for (let i = 0; i < nd; i++) normalizeDim(i, s.ndim); // PyTorch fails reading src.size(i)
    throw new Error('Index tensor must have the same number of dimensions as src tensor');
  }
  if (index.numel() > 0) {
    const xs = atLeast1d(x).shape;
    const is = atLeast1d(index).shape;
    const ss = s ? atLeast1d(s).shape : null;
    for (let i = 0; i < nd; i++) {
      if ((i !== d && is[i]! > xs[i]!) || (ss && is[i]! > ss[i]!)) {
        const tail = ss ? ` and to be smaller size than src ${shapeStr(s!.shape)}` : '';
        throw new Error(
          `Expected index ${shapeStr(index.shape)} to be smaller than self ${shapeStr(x.shape)} apart from dimension ${d}${tail}`,
        );
      }
    }
  }
  rejectNegative(index, (j) => `index ${j} is out of bounds for dimension ${d} with size ${atLeast1d(x).shape[d]}`);
  return d;
}

/** Scatters src (narrowed to index's shape; a number is broadcast) into dst in place, along d. */
function scatterInto(dst: Tensor, d: number, index: Tensor, src: TensorOrScalar, reduce: 'none' | 'add' | 'multiply'): void {
  if (index.numel() === 0) return;
  const backend = dst.backend;
  const is = atLeast1d(index).shape;
  const dv = atLeast1d(dst);
  const wording = (j: string): string => `index ${j} is out of bounds for dimension ${d} with size ${dv.shape[d]}`;
  const fail = (e: unknown): unknown => boundsError(e, wording);
  tidy(() => {
    // A source sharing dst's storage is copied first, so no element is read after being written.
    let source: Tensor;
    let sourceStrides: number[];
    if (src instanceof Tensor) {
      source = src.storage === dst.storage ? clone(src) : src;
      sourceStrides = atLeast1d(source).strides.slice();
    } else {
      source = emptyTensor([], dst.dtype, backend);
      fill_(source, src);
      sourceStrides = is.map(() => 0);
    }
    const sv = viewOf(source, is, sourceStrides);
    const iv = atLeast1d(index);
    if (reduce !== 'multiply') {
      try {
        backend.scatter(dv, d, iv, sv, reduce, wording);
      } catch (e) {
        throw fail(e);
      }
      return;
    }
    // No multiply kernel: within one slice of index along d every target is distinct, so
    // gather, multiply and scatter slice by slice reproduce repeated products exactly.
    const sliceShape = is.slice();
    sliceShape[d] = 1;
    for (let k = 0; k < is[d]!; k++) {
      const ik = viewOf(iv, sliceShape, iv.strides, iv.offset + k * iv.strides[d]!);
      const current = emptyTensor(sliceShape, dst.dtype, backend);
      try {
        backend.gather(dv, d, ik, current, wording);
      } catch (e) {
        throw fail(e);
      }
      const factor = makeView(source, sliceShape, sourceStrides, source.offset + k * sourceStrides[d]!);
      backend.scatter(dv, d, ik, binary('mul', current, factor), 'none');
    }
  });
}

/**
 * torch.scatter: a copy of x with src's values (or a number) written at index along dim;
 * `reduce: 'add' | 'multiply'` combines with what is there.
 *
 * @example
 * torch.scatter(torch.zeros(2, 3), 1, torch.tensor([[2], [0]]), 1); // one-hot rows
 * x.scatter(0, idx, src, { reduce: 'add' });
 */
export function scatter(
  x: Tensor,
  dim: number,
  index: Tensor,
  src: TensorOrScalar,
  reduce?: ScatterReduce | null,
): Tensor {
  const r = scatterReduce(reduce);
  const attrs = src instanceof Tensor ? { dim, reduce: r } : { dim, reduce: r, value: src };
  return traced('scatter', [x, index, src instanceof Tensor ? src : null], attrs, () => scatterCopy(x, dim, index, src, r));
}

function scatterReduce(r?: ScatterReduce | null): 'none' | ScatterReduce {
  if (r !== undefined && r !== null && r !== 'add' && r !== 'multiply') {
    throw new Error('reduce argument must be either add or multiply.');
  }
  return r ?? 'none';
}

function scatterCopy(x: Tensor, dim: number, index: Tensor, src: TensorOrScalar, reduce: 'none' | ScatterReduce): Tensor {
  const d = scatterChecks(x, dim, index, src);
  const out = clone(x);
  try {
    scatterInto(out, d, index, src, reduce);
  } catch (e) {
    out.dispose();
    throw e;
  }
  return out;
}

/**
 * x.scatter_(dim, index, src, { reduce }): the in-place form, written straight into x.
 *
 * @example
 * x.scatter_(1, torch.tensor([[0], [2]]), 1); // one 1 per row
 */
export function scatterInplace(
  x: Tensor,
  dim: number,
  index: Tensor,
  src: TensorOrScalar,
  reduce?: ScatterReduce | null,
): void {
  const r = scatterReduce(reduce);
  tracedInplace(x, [index, src instanceof Tensor ? src : null], () => {
    const d = scatterChecks(x, dim, index, src);
    scatterInto(x, d, index, src, r);
    x._version.value++;
  }, (self) => scatter(self, dim, index, src, reduce));
}

/**
 * torch.scatter_add: a copy of x with src added at index along dim (repeated positions add up).
 *
 * @example
 * torch.scatterAdd(torch.zeros(3), 0, torch.tensor([0, 0, 2]), torch.tensor([1., 2., 3.])); // [3, 0, 3]
 */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  return traced('scatterAdd', [x, index, src], { dim }, () => scatterCopy(x, dim, index, src, 'add'));
}

/** x.scatterAdd_(dim, index, src): the in-place form, written straight into x. */
export function scatterAddInplace(x: Tensor, dim: number, index: Tensor, src: Tensor): void {
  tracedInplace(x, [index, src], () => {
    const d = scatterChecks(x, dim, index, src);
    scatterInto(x, d, index, src, 'add');
    x._version.value++;
  }, (self) => scatterAdd(self, dim, index, src));
}

/**
 * torch.index_select: the slices of x at the positions in a 1-D int64/int32 index, along dim.
 *
 * @example
 * torch.indexSelect(x, 0, torch.tensor([2, 0])); // rows 2 and 0
 */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  return traced('indexSelect', [x, index], { dim }, () => indexSelectUntraced(x, dim, index));
}

function indexSelectUntraced(x: Tensor, dim: number, index: Tensor): Tensor {
  x._live();
  index._live();
  if (index.dtype !== 'int64' && index.dtype !== 'int32') throw new Error('index_select(): Expected dtype int32 or int64 for index');
  if (index.ndim > 1) throw new RangeError('index_select(): Index is supposed to be a vector');
  const d = normalizeDim(dim, x.ndim);
  const backend = sameDevice('index_select', [x, index]);
  const n = index.numel();
  const xv = atLeast1d(x);
  if (xv.shape[d] === 0 && n > 0) throw new Error('index_select(): self indexing axis dim should be positive');
  rejectNegative(index, () => 'index out of range in self');
  return tidy(() => {
    const idx = index.dtype === 'int64' ? index : castTo(index, 'int64');
    const shape = xv.shape.slice();
    shape[d] = n;
    const out = emptyTensor(x.ndim === 0 ? [] : shape, x.dtype, backend);
    const work = x.ndim === 0 ? emptyTensor(shape, x.dtype, backend) : out;
    if (n === 0 || work.numel() === 0) return out;
    // The index repeated over the other dims without a copy (stride 0), then one gather.
    const istrides = shape.map((_, j) => (j === d && idx.ndim === 1 ? idx.strides[0]! : 0));
    try {
      backend.gather(xv, d, viewOf(idx, shape, istrides), atLeast1d(work), () => 'index out of range in self');
    } catch (e) {
      throw boundsError(e, () => 'index out of range in self');
    }
    // PyTorch gives a 0-dim result for a 0-dim input, whatever the index's length.
    if (work !== out) backend.copy(viewOf(work, [], [], 0), out);
    return out;
  });
}

/**
 * torch.take: elements of x, read as 1-D in row-major order, at the int64 positions in index
 * (negative ones count from the end); the result has index's shape.
 *
 * @example
 * torch.take(torch.tensor([[4, 3], [5, 6]]), torch.tensor([0, 3])); // [4, 6]
 */
export function take(x: Tensor, index: Tensor): Tensor {
  return traced('take', [x, index], NO_ATTRS, () => takeUntraced(x, index));
}

function takeUntraced(x: Tensor, index: Tensor): Tensor {
  x._live();
  index._live();
  if (index.dtype !== 'int64') throw new Error(`take(): Expected a long tensor for index, but got ${scalarTypeName(index.dtype)}`);
  const backend = sameDevice('take', [x, index]);
  const n = index.numel();
  const total = x.numel();
  if (total === 0 && n > 0) throw new RangeError('take(): tried to take from an empty tensor');
  return tidy(() => {
    const out = emptyTensor(index.shape, x.dtype, backend);
    if (n === 0) return out;
    const flat = reshape(x, [[total]]);
    const flatIndex = wrapIndex(reshape(index, [[n]]), total, (j) => `out of range: tried to access index ${j} on a tensor of ${total} elements.`);
    backend.gather(flat, 0, flatIndex, viewOf(out, [n], [1]));
    return out;
  });
}

// ---------------------------------------------------------------- repeat, tile, repeatInterleave

/** PyTorch's two spellings of a size list, f(2, 3) and f([2, 3]), without the non-negative check. */
function intList(op: string, args: readonly (number | readonly number[])[]): number[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? (args[0] as readonly unknown[]) : (args as readonly unknown[]);
  for (const v of list) {
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new TypeError(`${op}(): expected a list of integers, but got [${list.map(String).join(', ')}]`);
    }
  }
  return list as number[];
}

/**
 * x.repeat(...sizes): x tiled sizes[i] times along each dim (sizes may add leading dims).
 *
 * @example
 * torch.tensor([1, 2]).repeat(2, 2); // [[1, 2, 1, 2], [1, 2, 1, 2]]
 */
export function repeat(x: Tensor, sizes: readonly (number | readonly number[])[]): Tensor {
  return traced('repeat', [x], { sizes }, () => repeatUntraced(x, sizes));
}

function repeatUntraced(x: Tensor, sizes: readonly (number | readonly number[])[]): Tensor {
  x._live();
  const reps = intList('repeat', sizes);
  if (reps.length < x.ndim) {
    throw new Error('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  }
  const lead = reps.length - x.ndim;
  const inShape = [...new Array<number>(lead).fill(1), ...x.shape];
  const inStrides = [...new Array<number>(lead).fill(0), ...x.strides];
  const outShape = checkSize(reps.map((r, i) => r * inShape[i]!));
  const out = emptyTensor(outShape, x.dtype, x.backend);
  if (out.numel() === 0) return out;
  // out read as [r0, s0, r1, s1, …] is x broadcast (stride 0) over the r dims: one strided copy.
  const pairShape = reps.flatMap((r, i) => [r, inShape[i]!]);
  const pairStrides = reps.flatMap((_, i) => [0, inStrides[i]!]);
  x.backend.copy(viewOf(x, pairShape, pairStrides), viewOf(out, pairShape, contiguousStrides(pairShape)));
  return out;
}

/**
 * torch.tile: repeat, with sizes padded by leading 1s when shorter than x's dims.
 *
 * @example
 * torch.tile(x, [2]); // x: [2, 2] → [2, 4]
 */
export function tile(x: Tensor, sizes: readonly (number | readonly number[])[]): Tensor {
  x._live();
  const reps = intList('tile', sizes);
  const full = reps.length < x.ndim ? [...new Array<number>(x.ndim - reps.length).fill(1), ...reps] : reps;
  return repeat(x, [full]);
}

/**
 * torch.repeat_interleave: each element (or slice along dim) repeated `repeats` times in place;
 * repeats may be a tensor of per-element counts. Without dim, x is flattened first. Called with a
 * tensor alone, it repeats the positions 0..n-1 by those counts.
 *
 * @example
 * torch.tensor([1, 2]).repeatInterleave(2);                  // [1, 1, 2, 2]
 * torch.repeatInterleave(x, torch.tensor([1, 2]), 0);        // row 0 once, row 1 twice
 */
export function repeatInterleave(x: Tensor, repeats?: number | Tensor, dim?: number): Tensor {
  x._live();
  if (repeats === undefined) {
    return tidy(() => repeatInterleave(arangeInt64(x.numel(), x.backend), x, 0));
  }
  return traced('repeatInterleave', [x, repeats instanceof Tensor ? repeats : null], { repeats: repeats instanceof Tensor ? null : repeats, dim }, () => repeatInterleaveUntraced(x, repeats, dim));
}

function repeatInterleaveUntraced(x: Tensor, repeats: number | Tensor, dim?: number): Tensor {
  return tidy(() => {
    const src = dim === undefined || x.ndim === 0 ? reshape(x, [[x.numel()]]) : x;
    const d = dim === undefined ? 0 : normalizeDim(dim, x.ndim);
    const size = src.shape[d]!;
    if (repeats instanceof Tensor) {
      checkRepeats(repeats);
      if (!canReadSync(repeats)) {
        throw syncReadError(repeats, 'repeatInterleave() with tensor repeats', 'await torch.repeatInterleaveAsync(x, repeats, dim)');
      }
      return indexSelect(src, d, repeatPositions(repeats, size, x.backend));
    }
    if (!Number.isInteger(repeats)) throw new TypeError(`repeatInterleave(): repeats must be an integer or a tensor, but got ${repeats}`);
    if (repeats < 0) throw new Error('repeats can not be negative');
    const outShape = src.shape.slice();
    outShape[d] = size * repeats;
    const out = emptyTensor(outShape, x.dtype, x.backend);
    if (out.numel() === 0) return out;
    const pairShape = [...src.shape.slice(0, d + 1), repeats, ...src.shape.slice(d + 1)];
    const pairStrides = [...src.strides.slice(0, d + 1), 0, ...src.strides.slice(d + 1)];
    x.backend.copy(viewOf(src, pairShape, pairStrides), viewOf(out, pairShape, contiguousStrides(pairShape)));
    return out;
  });
}

function checkRepeats(repeats: Tensor): void {
  repeats._live();
  if (repeats.dtype !== 'int64' && repeats.dtype !== 'int32') throw new Error('repeats has to be Long or Int tensor');
  if (repeats.ndim > 1) throw new Error('repeats must be 0-dim or 1-dim tensor');
}

/** The int64 positions 0..size-1, position i repeated repeats[i] times (read on the host: they size the result). */
function repeatPositions(repeats: Tensor, size: number, backend: Backend): Tensor {
  const counts = Array.from(valuesSync(repeats, 'repeatInterleave() with tensor repeats', 'await torch.repeatInterleaveAsync(x, repeats, dim)'), Number);
  if (counts.length !== 1 && counts.length !== size) throw new Error('repeats must have the same size as input along dim');
  if (counts.some((c) => c < 0)) throw new Error('repeats can not be negative');
  const positions: number[] = [];
  for (let i = 0; i < size; i++) for (let c = counts.length === 1 ? counts[0]! : counts[i]!; c > 0; c--) positions.push(i);
  return int64Tensor(positions, [positions.length], backend);
}

/**
 * torch.repeat_interleave on any backend: tensor repeats are read asynchronously (they size the
 * result), then x is gathered by index_select, which also carries the gradient.
 *
 * @example
 * const y = await torch.repeatInterleaveAsync(x, torch.tensor([1, 2]), 0);
 */
export async function repeatInterleaveAsync(x: Tensor, repeats?: number | Tensor, dim?: number): Promise<Tensor> {
  x._live();
  if (repeats === undefined) {
    return tidy(() => repeatInterleaveAsync(arangeInt64(x.numel(), x.backend), x, 0));
  }
  if (!(repeats instanceof Tensor)) return repeatInterleave(x, repeats, dim);
  checkRepeats(repeats);
  const src = dim === undefined || x.ndim === 0 ? reshape(x, [[x.numel()]]) : x;
  const d = dim === undefined ? 0 : normalizeDim(dim, x.ndim);
  try {
    const positions = await withHostCopies([repeats], () => repeatPositions(repeats, src.shape[d]!, x.backend));
    try {
      return indexSelect(src, d, positions);
    } finally {
      positions.dispose();
    }
  } finally {
    if (src !== x) src.dispose();
  }
}

// ---------------------------------------------------------------- flip, roll

/**
 * torch.flip: a copy of x reversed along the given dims.
 *
 * @example
 * torch.flip(x, [0, 1]);
 * x.flip(0);
 */
export function flip(x: Tensor, dims: number | readonly (number | readonly number[])[]): Tensor {
  return traced('flip', [x], { dims }, () => flipUntraced(x, dims));
}

function flipUntraced(x: Tensor, dims: number | readonly (number | readonly number[])[]): Tensor {
  x._live();
  const list = typeof dims === 'number' ? [dims] : intList('flip', dims);
  const seen = new Set<number>();
  for (const dim of list) {
    const d = normalizeDim(dim, x.ndim);
    if (seen.has(d)) throw new Error(`dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
  }
  const out = emptyTensor(x.shape, x.dtype, x.backend);
  if (out.numel() === 0) return out;
  // Internally a negative stride reads the dim backwards; it never reaches a user-visible tensor.
  const strides = x.strides.slice();
  let offset = x.offset;
  for (const d of seen) {
    if (x.ndim === 0) continue;
    offset += (x.shape[d]! - 1) * x.strides[d]!;
    strides[d] = -x.strides[d]!;
  }
  x.backend.copy(viewOf(x, x.shape, strides, offset), out);
  return out;
}

/**
 * torch.roll: a copy of x with elements shifted along dims (wrapping around); without dims,
 * over the flattened tensor.
 *
 * @example
 * torch.roll(torch.tensor([1, 2, 3, 4]), 1); // [4, 1, 2, 3]
 * torch.roll(x, [1, -1], [0, 1]);
 */
export function roll(x: Tensor, shifts: number | readonly number[], dims?: number | readonly number[]): Tensor {
  return traced('roll', [x], { shifts, dims }, () => rollUntraced(x, shifts, dims));
}

function rollUntraced(x: Tensor, shifts: number | readonly number[], dims?: number | readonly number[]): Tensor {
  x._live();
  const s = typeof shifts === 'number' ? [shifts] : [...shifts];
  const ds = dims === undefined || dims === null ? [] : typeof dims === 'number' ? [dims] : [...dims];
  if (s.length !== ds.length && !(ds.length === 0 && s.length === 1)) {
    throw new Error(`shifts and dimensions must align. shifts: ${s.length}, dims:${ds.length}`);
  }
  return tidy(() => {
    const out = emptyTensor(x.shape, x.dtype, x.backend);
    if (out.numel() === 0) return out;
    let src: View = x;
    let dst: View = out;
    const byDim = new Map<number, number>();
    if (ds.length === 0 || x.ndim === 0) {
      const c = contiguous(x);
      src = viewOf(c, [x.numel()], [1]);
      dst = viewOf(out, [x.numel()], [1]);
      byDim.set(0, s.reduce((a, b) => a + b, 0));
    } else {
      ds.forEach((dim, i) => {
        const d = normalizeDim(dim, x.ndim);
        byDim.set(d, (byDim.get(d) ?? 0) + s[i]!);
      });
    }
    // Each rolled dim splits into two blocks; copy every combination of blocks once.
    let blocks: { src: View; dst: View }[] = [{ src, dst }];
    for (const [d, shift] of byDim) {
      const n = src.shape[d]!;
      const k = ((shift % n) + n) % n;
      if (k === 0) continue;
      const parts = [
        { from: 0, to: k, len: n - k },
        { from: n - k, to: 0, len: k },
      ];
      blocks = blocks.flatMap((b) =>
        parts.map((p) => ({ src: narrowView(b.src, d, p.from, p.len), dst: narrowView(b.dst, d, p.to, p.len) })),
      );
    }
    for (const b of blocks) x.backend.copy(b.src, b.dst);
    return out;
  });
}

function narrowView(v: View, d: number, start: number, len: number): View {
  const shape = v.shape.slice();
  shape[d] = len;
  return viewOf(v, shape, v.strides, v.offset + start * v.strides[d]!);
}

// ---------------------------------------------------------------- triu, tril, diag

function triangle(x: Tensor, k: number, upper: boolean): Tensor {
  x._live();
  if (x.ndim === 0) throw new RangeError('Dimension specified as -2 but tensor has no dimensions');
  normalizeDim(-2, x.ndim);
  return tidy(() => {
    const m = x.shape[x.ndim - 2]!;
    const n = x.shape[x.ndim - 1]!;
    const rows = makeView(arangeInt64(m, x.backend), [m, 1], [1, 0]);
    const cols = arangeInt64(n, x.backend);
    const keep = binary(upper ? 'ge' : 'le', binary('sub', cols, rows), k);
    const zero = emptyTensor([], x.dtype, x.backend);
    fill_(zero, 0);
    return where(keep, x, zero);
  });
}

/**
 * torch.triu: the upper triangle (j - i >= diagonal) of the last two dims, the rest zero.
 *
 * @example
 * torch.triu(torch.ones(3, 3), 1);
 */
export function triu(x: Tensor, diagonal = 0): Tensor {
  return traced('triu', [x], { diagonal }, () => triangle(x, diagonal, true));
}

/** torch.tril: the lower triangle (j - i <= diagonal) of the last two dims, the rest zero. */
export function tril(x: Tensor, diagonal = 0): Tensor {
  return traced('tril', [x], { diagonal }, () => triangle(x, diagonal, false));
}

/**
 * torch.diagonal: a view of the diagonal at `offset` of the dims dim1, dim2 (appended as the last dim).
 *
 * @example
 * torch.diagonal(x, 1); // the superdiagonal, a view
 */
export function diagonal(x: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor {
  return traced('diagonal', [x], { offset, dim1, dim2 }, () => diagonalUntraced(x, offset, dim1, dim2));
}

function diagonalUntraced(x: Tensor, offset: number, dim1: number, dim2: number): Tensor {
  x._live();
  const d1 = normalizeDim(dim1, x.ndim);
  const d2 = normalizeDim(dim2, x.ndim);
  if (d1 === d2) throw new Error(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  const len = Math.max(offset >= 0 ? Math.min(x.shape[d1]!, x.shape[d2]! - offset) : Math.min(x.shape[d1]! + offset, x.shape[d2]!), 0);
  const start = len === 0 ? 0 : offset >= 0 ? offset * x.strides[d2]! : -offset * x.strides[d1]!;
  const shape = x.shape.filter((_, i) => i !== d1 && i !== d2);
  const strides = x.strides.filter((_, i) => i !== d1 && i !== d2);
  return makeView(x, [...shape, len], [...strides, x.strides[d1]! + x.strides[d2]!], x.offset + start);
}

/**
 * torch.diag: a 1-D input becomes a square matrix with it on the `diagonal`-th diagonal; a 2-D
 * input gives (a copy of) that diagonal.
 *
 * @example
 * torch.diag(torch.tensor([1, 2]));   // [[1, 0], [0, 2]]
 * torch.diag(m, -1);                  // m's subdiagonal
 */
export function diag(x: Tensor, diagonalIndex = 0): Tensor {
  return traced('diag', [x], { diagonal: diagonalIndex }, () => diagUntraced(x, diagonalIndex));
}

function diagUntraced(x: Tensor, diagonalIndex: number): Tensor {
  x._live();
  const k = diagonalIndex;
  if (x.ndim === 1) {
    const len = x.shape[0]!;
    const n = len + Math.abs(k);
    const out = emptyTensor([n, n], x.dtype, x.backend);
    if (out.numel() > 0) x.backend.fill(out, 0);
    if (len > 0) x.backend.copy(x, viewOf(out, [len], [n + 1], k >= 0 ? k : -k * n));
    return out;
  }
  if (x.ndim === 2) {
    const v = diagonal(x, k);
    const out = castTo(v, x.dtype);
    v.dispose();
    return out;
  }
  throw new Error('matrix or a vector expected');
}

// ---------------------------------------------------------------- pad

export type PadMode = 'constant' | 'reflect' | 'replicate' | 'circular';
const PAD_MODES: readonly string[] = ['constant', 'reflect', 'replicate', 'circular'];

/**
 * torch.nn.functional.pad: `pad` lists (left, right) amounts from the last dim backwards.
 * 'constant' fills with value (negative amounts crop); 'reflect', 'replicate' and 'circular'
 * pad the last 1, 2 or 3 dims of a batched (or, except circular, unbatched) input, as PyTorch 1.13.
 *
 * @example
 * torch.pad(x, [1, 1]);                   // one zero each side of the last dim
 * torch.pad(img, [1, 1, 2, 2], 'reflect'); // W by 1, H by 2
 * torch.pad(x, [0, 2], { value: -1 });
 */
export function pad(x: Tensor, padding: readonly number[], mode: PadMode = 'constant', value?: number | null): Tensor {
  return traced('pad', [x], { padding, mode, value }, () => padUntraced(x, padding, mode, value));
}

function padUntraced(x: Tensor, padding: readonly number[], m: PadMode, v: number | null | undefined): Tensor {
  x._live();
  if (!PAD_MODES.includes(m)) throw new Error(`Unrecognised padding mode ${m}`);
  if (!Array.isArray(padding) || padding.some((p) => typeof p !== 'number' || !Number.isInteger(p))) {
    throw new TypeError(`pad(): expected a list of integers, but got ${describe(padding)}`);
  }
  if (padding.length % 2 !== 0) throw new Error('Padding length must be divisible by 2');
  if (padding.length / 2 > x.ndim) throw new Error('Padding length too large');
  if (m === 'constant') return constantPad(x, padding, v ?? 0);
  if (v !== undefined && v !== null && v !== 0) throw new Error(`Padding mode "${m}" doesn't take in value argument`);
  const nPad = padding.length / 2;
  const nd = x.ndim;
  const supported = (nPad === 1 && (nd === 2 || nd === 3)) || (nPad === 2 && (nd === 3 || nd === 4)) || (nPad === 3 && (nd === 4 || nd === 5));
  if (!supported) throw new Error('Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now');
  if (m === 'circular' && nd !== nPad + 2) {
    throw new Error(`Invalid padding size, expected ${2 * (nd - 2)} but got ${padding.length}`);
  }
  const dims = Array.from({ length: nPad }, (_, j) => ({ d: nd - 1 - j, l: padding[2 * j]!, r: padding[2 * j + 1]! }));
  for (const [j, { d, l, r }] of dims.entries()) {
    const size = x.shape[d]!;
    if (m === 'reflect' && !(l < size && r < size)) {
      throw new Error(
        `Argument #${4 + 2 * j}: Padding size should be less than the corresponding input dimension, but got: padding (${l}, ${r}) at dimension ${d} of input ${nPad === 2 ? nd : shapeStr(x.shape)}`,
      );
    }
    if (m === 'replicate' && size === 0) {
      throw new Error(
        `Expected ${nPad + 1}D or ${nPad + 2}D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: ${shapeStr(x.shape)}`,
      );
    }
    if (m === 'circular') {
      if (l > size || r > size) throw new Error('Padding value causes wrapping around more than once.');
      if (size + l + r < 0) throw new Error('Negative padding value is resulting in an empty dimension');
    }
  }
  if (nPad === 1 && m !== 'circular') {
    const { d, l, r } = dims[0]!;
    const w = x.shape[d]!;
    if (w + l + r < 1) throw new Error(`input (W: ${w}) is too small. Calculated output W: ${w + l + r}`);
  }
  return tidy(() => {
    let cur = x;
    for (const { d, l, r } of dims) {
      const size = x.shape[d]!;
      const outLen = Math.max(size + l + r, 0);
      const positions = new Float64Array(outLen);
      for (let o = 0; o < outLen; o++) positions[o] = padSource(m as Exclude<PadMode, 'constant'>, o, size, l, r);
      cur = indexSelect(cur, d, int64Tensor(positions, [outLen], x.backend));
    }
    return cur;
  });
}

/** Which input position output position o of a padded dim reads (PyTorch's reflection/replication/circular kernels). */
function padSource(mode: Exclude<PadMode, 'constant'>, o: number, size: number, l: number, r: number): number {
  const p = o - l;
  if (mode === 'reflect') return p < 0 ? -p : p >= size ? 2 * (size - 1) - p : p;
  if (mode === 'replicate') return Math.min(Math.max(p, 0), size - 1);
  // circular: wraps within what is left after negative padding crops the ends.
  const start = Math.max(-l, 0);
  const kept = size + Math.min(l, 0) + Math.min(r, 0);
  const q = (((o - Math.max(l, 0)) % kept) + kept) % kept;
  return start + q;
}

function constantPad(x: Tensor, padding: readonly number[], value: Scalar): Tensor {
  const nPad = padding.length / 2;
  const lead = x.ndim - nPad;
  return tidy(() => {
    // Negative amounts crop first, dim by dim from the first padded one (as constant_pad_nd).
    let cropped = x;
    for (let i = 0; i < nPad; i++) {
      const d = lead + i;
      const l = padding[2 * (nPad - i - 1)]!;
      const r = padding[2 * (nPad - i - 1) + 1]!;
      if (l < 0) cropped = narrow(cropped, d, -l, cropped.shape[d]! + l);
      if (r < 0) cropped = narrow(cropped, d, 0, cropped.shape[d]! + r);
    }
    const shape = cropped.shape.slice();
    let offset = 0;
    const out = emptyTensor(
      shape.map((size, d) => (d < lead ? size : size + Math.max(padding[2 * (x.ndim - 1 - d)]!, 0) + Math.max(padding[2 * (x.ndim - 1 - d) + 1]!, 0))),
      x.dtype,
      x.backend,
    );
    if (out.numel() === 0) return out;
    fill_(out, value);
    for (let d = lead; d < x.ndim; d++) offset += Math.max(padding[2 * (x.ndim - 1 - d)]!, 0) * out.strides[d]!;
    if (cropped.numel() > 0) x.backend.copy(cropped, viewOf(out, shape, out.strides, offset));
    return out;
  });
}
