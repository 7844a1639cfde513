/**
 * Ordering: sort/argsort, topk and unique, on the backend's stable last-dim sort kernel (NaN sorts
 * above +inf, so last ascending and first descending, as in PyTorch).
 */
import { tidy } from '../memory';
import { normalizeDim } from '../shape';
import { Tensor } from '../tensor';
import { traced } from '../autograd';
import { castTo, contiguous } from './cast';
import { int64Tensor } from './indexing';
import { indexSelect } from './join';
import { canReadSync, syncReadError, valuesSync, withHostCopies } from './read';
import { emptyTensor, viewOf } from './util';
import { alias, movedim, narrow, reshape } from './views';


/** Sorts x along dim d into new contiguous values and int64 indices. */
function sortAlong(x: Tensor, d: number, descending: boolean): [Tensor, Tensor] {
  const backend = x.backend;
  const values = emptyTensor(x.shape, x.dtype, backend);
  const indices = emptyTensor(x.shape, 'int64', backend);
  if (values.numel() === 0) return [values, indices];
  if (x.ndim === 0) {
    backend.copy(x, values);
    backend.fill(indices, 0);
    return [values, indices];
  }
  const last = x.ndim - 1;
  tidy(() => {
    if (d === last) {
      backend.sort(contiguous(x), descending, values, indices);
      return;
    }
    // The kernel sorts the last dim: sort a contiguous copy with d moved last, then copy back.
    const moved = contiguous(movedim(x, d, -1));
    const sortedValues = emptyTensor(moved.shape, x.dtype, backend);
    const sortedIndices = emptyTensor(moved.shape, 'int64', backend);
    backend.sort(moved, descending, sortedValues, sortedIndices);
    const back = (t: Tensor): number[] => movedim(t, -1, d).strides.slice();
    backend.copy(viewOf(sortedValues, x.shape, back(sortedValues)), values);
    backend.copy(viewOf(sortedIndices, x.shape, back(sortedIndices)), indices);
  });
  return [values, indices];
}


/**
 * torch.sort: [values, indices] sorted along dim (default the last), stable; NaN counts as the
 * largest value.
 *
 * @example
 * const [values, indices] = torch.sort(x);
 * x.sort({ dim: 0, descending: true });
 * x.sort(0, true);
 */
export function sort(x: Tensor, dim = -1, descending = false): [Tensor, Tensor] {
  const d = normalizeDim(dim, x._live().ndim);
  return traced('sort', [x], { dim: d }, () => sortAlong(x, d, descending));
}

/**
 * torch.argsort: the int64 indices that sort x along dim.
 *
 * @example
 * torch.argsort(x, { descending: true });
 */
export function argsort(x: Tensor, dim = -1, descending = false): Tensor {
  const [values, indices] = sortAlong(x, normalizeDim(dim, x._live().ndim), descending);
  values.dispose();
  return indices;
}

/** torch.msort: sort along dim 0, values only. */
export function msort(x: Tensor): Tensor {
  const [values, indices] = sort(x, 0);
  indices.dispose();
  return values;
}


/**
 * torch.topk: the k largest (or, with largest false, smallest) values along dim (default the
 * last) and their int64 indices, in order. NaN counts as the largest value. Among equal values the
 * first occurrences win (PyTorch's choice among ties is unspecified).
 *
 * @example
 * const [values, indices] = torch.topk(x, 3);
 * x.topk(1, { dim: 0, largest: false });
 */
export function topk(x: Tensor, k: number, dim = -1, largest = true): [Tensor, Tensor] {
  const d = normalizeDim(dim, x._live().ndim);
  return traced('topk', [x], { k, dim: d }, () => topkAlong(x, k, d, largest));
}

function topkAlong(x: Tensor, k: number, d: number, largest: boolean): [Tensor, Tensor] {
  const size = x.ndim === 0 ? 1 : x.shape[d]!;
  if (!Number.isInteger(k) || k < 0 || k > size) throw new Error('selected index k out of range');
  const [values, indices] = sortAlong(x, d, largest);
  if (x.ndim === 0 || k === size) return [values, indices];
  return tidy(() => {
    const v = castTo(narrow(values, d, 0, k), x.dtype);
    const i = castTo(narrow(indices, d, 0, k), 'int64');
    values.dispose();
    indices.dispose();
    return [v, i];
  });
}

export interface UniqueOptions {
  /** Accepted for PyTorch compatibility: the result is always sorted. */
  sorted?: boolean;
  returnInverse?: boolean;
  returnCounts?: boolean;
  dim?: number | null;
}

/**
 * torch.unique: the distinct values of x, sorted (1-D; or, with dim, the distinct slices along
 * dim), optionally with each element's position in them (returnInverse) and how often each occurs
 * (returnCounts). The result's length depends on the values, so they are read on the host; on a
 * backend that reads only asynchronously (WebGPU) use `await torch.uniqueAsync(x, options)`.
 *
 * @example
 * torch.unique(torch.tensor([3, 1, 3]));                                   // [1, 3]
 * const [values, inverse, counts] = torch.unique(x, { returnInverse: true, returnCounts: true });
 */
export function unique(x: Tensor, options: UniqueOptions = {}): Tensor | Tensor[] {
  x._live();
  if (!canReadSync(x)) throw syncReadError(x, 'unique()', 'await torch.uniqueAsync(x, options)');
  const job = prepareUnique(x, options);
  try {
    return job.finish();
  } finally {
    job.dispose();
  }
}

/**
 * torch.unique on any backend: the values are read asynchronously, then the result is built as
 * `unique` builds it.
 *
 * @example
 * const values = await torch.uniqueAsync(x);
 */
export async function uniqueAsync(x: Tensor, options: UniqueOptions = {}): Promise<Tensor | Tensor[]> {
  x._live();
  const job = prepareUnique(x, options);
  try {
    return await withHostCopies(job.reads, job.finish);
  } finally {
    job.dispose();
  }
}

/**
 * unique in two steps: the kernels that sort or lay out x (their outputs are `reads`), then the
 * host part (`finish`) that reads those values and builds the result.
 */
interface UniqueJob {
  readonly reads: Tensor[];
  finish(): Tensor | Tensor[];
  dispose(): void;
}

function prepareUnique(x: Tensor, options: UniqueOptions): UniqueJob {
  const dim = options.dim ?? null;
  // Not differentiable: the ops below read an alias of x that autograd does not track.
  const untracked = alias(x);
  let reads: Tensor[];
  let build: () => UniqueParts;
  if (dim === null) {
    const [sorted, order] = tidy(() => sortAlong(reshape(untracked, [[untracked.numel()]]), 0, false));
    reads = [sorted, order];
    build = () => uniqueFlat(sorted, order, x.shape);
  } else {
    if (x.ndim === 0) throw new RangeError(`Dimension specified as ${dim} but tensor has no dimensions`);
    const d = normalizeDim(dim, x.ndim);
    const moved = tidy(() => contiguous(movedim(untracked, d, 0)));
    reads = [moved];
    build = () => uniqueAlong(untracked, d, moved);
  }
  const finish = (): Tensor | Tensor[] => {
    const parts = tidy(build);
    const out: Tensor[] = [parts.values];
    if (options.returnInverse) out.push(parts.inverse);
    else parts.inverse.dispose();
    if (options.returnCounts) out.push(parts.counts);
    else parts.counts.dispose();
    return out.length === 1 ? out[0]! : out;
  };
  const dispose = (): void => {
    for (const t of reads) t.dispose();
    untracked.dispose();
  };
  return { reads, finish, dispose };
}

interface UniqueParts {
  values: Tensor;
  inverse: Tensor;
  counts: Tensor;
}

/**
 * Groups of equal elements, as their start positions in sorted order → values (the slices of
 * `source` at `pick`), inverse (each element's group, through the sort permutation `order`) and counts.
 */
function groupsToParts(
  source: Tensor,
  dim: number,
  pick: number[],
  starts: number[],
  order: ArrayLike<number>,
  inverseShape: readonly number[],
): UniqueParts {
  const n = order.length;
  const backend = source.backend;
  const inverse = new Float64Array(n);
  const counts = new Float64Array(starts.length);
  for (let g = 0; g < starts.length; g++) {
    const end = g + 1 < starts.length ? starts[g + 1]! : n;
    counts[g] = end - starts[g]!;
    for (let i = starts[g]!; i < end; i++) inverse[order[i]!] = g;
  }
  const values = tidy(() => indexSelect(source, dim, int64Tensor(pick, [pick.length], backend)));
  return { values, inverse: int64Tensor(inverse, inverseShape, backend), counts: int64Tensor(counts, [starts.length], backend) };
}

/** unique over all elements, from x flattened and sorted (values and the sort permutation). */
function uniqueFlat(sorted: Tensor, order: Tensor, inputShape: readonly number[]): UniqueParts {
  const values = valuesSync(sorted);
  const starts: number[] = [];
  // NaN !== NaN: every NaN is its own value, as PyTorch's unique gives them.
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) starts.push(i);
  const perm = Array.from(valuesSync(order), Number);
  return groupsToParts(sorted, 0, starts, starts, perm, inputShape);
}

/** unique of the slices of x along dim d, from `moved` (x with d moved first, contiguous). */
function uniqueAlong(x: Tensor, d: number, moved: Tensor): UniqueParts {
  const rows = x.shape[d]!;
  const width = rows === 0 ? 0 : moved.numel() / rows;
  const values = valuesSync(moved);
  const row = (r: number): ArrayLike<number | bigint> => (values as Float64Array).subarray(r * width, (r + 1) * width);
  // Lexicographic order of the slices (NaN above everything), stable; equal means elementwise ===.
  const compare = (a: number, b: number): number => {
    const ra = row(a);
    const rb = row(b);
    for (let i = 0; i < width; i++) {
      const u = ra[i]!;
      const v = rb[i]!;
      if (u === v) continue;
      const un = u !== u;
      const vn = v !== v;
      if (un || vn) {
        if (un && vn) continue;
        return un ? 1 : -1;
      }
      return u < v ? -1 : 1;
    }
    return 0;
  };
  const equalRows = (a: number, b: number): boolean => {
    const ra = row(a);
    const rb = row(b);
    for (let i = 0; i < width; i++) if (ra[i] !== rb[i]) return false;
    return true;
  };
  const order = Array.from({ length: rows }, (_, i) => i).sort((a, b) => compare(a, b) || a - b);
  const starts: number[] = [];
  for (let i = 0; i < rows; i++) if (i === 0 || !equalRows(order[i]!, order[i - 1]!)) starts.push(i);
  return groupsToParts(x, d, starts.map((s) => order[s]!), starts, order, [rows]);
}
