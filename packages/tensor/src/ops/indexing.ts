/**
 * Python's subscript, x[...] and x[...] = v, with PyTorch's rules: integers, slices, '...', null
 * (new axis) and booleans make a view of x; index tensors (int64/int32, or bool masks) make a copy,
 * gathered (or scattered, for indexPut_) by the backend's kernels in one launch.
 */
import type { Backend, View } from '../backend';
import { itemSize, scalarTypeName } from '../dtype';
import { tidy } from '../memory';
import { broadcastShapes, broadcastStrides, contiguousStrides, numelOf, shapeStr, viewStrides } from '../shape';
import { Tensor } from '../tensor';
import { traced, tracedInplace } from '../autograd';
import { castTo, clone, copy_, fill_, toDevice } from './cast';
import { encode } from './create';
import { addInplace, binary } from './elementwise';
import { canReadSync, syncReadError, valuesSync } from './read';
import { describe, emptyTensor, sameDevice, type Scalar, type TensorOrScalar, viewOf } from './util';
import { makeView } from './views';

/** A Python slice `start:stop:step` for callers that build one from numbers; `slice(3)` is `:3`, as in Python. */
export class Slice {
  constructor(
    readonly start: number | null = null,
    readonly stop: number | null = null,
    readonly step: number | null = null,
  ) {}
  toString(): string {
    return `${this.start ?? ''}:${this.stop ?? ''}${this.step === null ? '' : `:${this.step}`}`;
  }
}

/**
 * Python's slice(): `slice(stop)` or `slice(start, stop, step?)`; null leaves a bound open.
 *
 * @example
 * x.index(slice(1, null, 2)); // x[1::2]
 */
export function slice(stop?: number | null): Slice;
export function slice(start: number | null, stop: number | null, step?: number | null): Slice;
export function slice(a?: number | null, b?: number | null, c?: number | null): Slice {
  if (arguments.length <= 1) return new Slice(null, a ?? null, null);
  return new Slice(a ?? null, b ?? null, c ?? null);
}

/**
 * One entry of a subscript: an integer, a slice string (`':'`, `'1:3'`, `'::2'`, `'-1:'`), a Slice,
 * `'...'`, `null` (new axis), a boolean, or an index tensor (int64/int32 positions or a bool mask).
 */
export type IndexEntry = number | boolean | string | null | Slice | Tensor;

type Item =
  | { kind: 'int'; value: number }
  | { kind: 'slice'; start: number | null; stop: number | null; step: number }
  | { kind: 'ellipsis' }
  | { kind: 'newaxis' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'tensor'; index: Tensor }
  | { kind: 'mask'; mask: Tensor };

const SLICE_RE = /^\s*([+-]?\d+)?\s*:\s*([+-]?\d+)?\s*(?::\s*([+-]?\d+)?\s*)?$/;

function sliceItem(start: number | null, stop: number | null, step: number | null): Item {
  if (step === 0) throw new Error('slice step cannot be zero');
  // PyTorch tensors have no negative strides, so x[::-1] is refused (use flip).
  if (step !== null && step < 0) throw new Error('step must be greater than zero');
  return { kind: 'slice', start, stop, step: step ?? 1 };
}

function parseEntry(e: IndexEntry, asyncForm: string): Item {
  if (e === null) return { kind: 'newaxis' };
  if (typeof e === 'number') {
    if (!Number.isInteger(e)) {
      throw new TypeError(`only integers, slices (\`:\`), ellipsis (\`...\`), None and long or byte Variables are valid indices (got ${e})`);
    }
    return { kind: 'int', value: e };
  }
  if (typeof e === 'boolean') return { kind: 'bool', value: e };
  if (typeof e === 'string') {
    if (e.trim() === '...') return { kind: 'ellipsis' };
    const m = SLICE_RE.exec(e);
    if (!m) throw new TypeError(`invalid index '${e}': expected a slice such as ':', '1:3', '::2', '-1:' or '...'`);
    const num = (s: string | undefined): number | null => (s === undefined ? null : Number(s));
    return sliceItem(num(m[1]), num(m[2]), num(m[3]));
  }
  if (e instanceof Slice) return sliceItem(e.start, e.stop, e.step);
  if (e instanceof Tensor) {
    e._live();
    if (e.dtype === 'bool' || e.dtype === 'uint8') {
      if (e.ndim === 0) return { kind: 'bool', value: scalarValue(e, asyncForm) !== 0 };
      return { kind: 'mask', mask: e };
    }
    if (e.dtype === 'int64' || e.dtype === 'int32') return { kind: 'tensor', index: e };
    throw new RangeError('tensors used as indices must be long, int, byte or bool tensors');
  }
  throw new TypeError(
    `only integers, slice strings (':', '1:3'), '...', null, booleans and index tensors are valid indices (got ${describe(e)})`,
  );
}

/** The async form to name when a subscript needs values a backend cannot read synchronously. */
const INDEX_ASYNC = 'await x.indexAsync(...indices)';
const INDEX_PUT_ASYNC = 'await x.indexPutAsync_(indices, values)';

function scalarValue(t: Tensor, asyncForm: string): number {
  return Number(valuesSync(t, 'indexing with a 0-dim bool tensor', asyncForm)[0]);
}

/** The layout basic indexing produces, plus the index tensors still to apply (in view dims). */
interface Plan {
  shape: number[];
  strides: number[];
  offset: number;
  /** Advanced indices: position in the view's dims and an int64 index tensor. */
  advanced: { pos: number; index: Tensor }[];
}

/** Applies the basic part of a subscript (PyTorch's applySlicing) and collects the tensor part. */
function plan(x: Tensor, entries: readonly IndexEntry[], asyncForm = INDEX_ASYNC): Plan {
  const items = entries.map((e) => parseEntry(e, asyncForm));
  const ndim = x.ndim;
  if (ndim === 0 && items.length === 1) {
    if (items[0]!.kind === 'int') {
      throw new RangeError('invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number');
    }
    if (items[0]!.kind === 'slice') throw new RangeError('slice() cannot be applied to a 0-dim tensor.');
  }
  let consumed = 0;
  let ellipses = 0;
  for (const it of items) {
    if (it.kind === 'int' || it.kind === 'slice' || it.kind === 'tensor') consumed++;
    else if (it.kind === 'mask') consumed += it.mask.ndim;
    else if (it.kind === 'ellipsis') ellipses++;
  }
  if (ellipses > 1) throw new RangeError("an index can only have a single ellipsis ('...')");
  if (consumed > ndim) throw new RangeError(`too many indices for tensor of dimension ${ndim}`);

  const shape: number[] = [];
  const strides: number[] = [];
  let offset = x.offset;
  const advanced: { pos: number; index: Tensor }[] = [];
  const masks: { pos: number; mask: Tensor }[] = [];
  let src = 0;
  const keepDim = (): void => {
    shape.push(x.shape[src]!);
    strides.push(x.strides[src]!);
    src++;
  };
  for (const it of items) {
    switch (it.kind) {
      case 'int': {
        const size = x.shape[src]!;
        if (it.value < -size || it.value >= size) {
          throw new RangeError(`index ${it.value} is out of bounds for dimension ${src} with size ${size}`);
        }
        offset += (it.value < 0 ? it.value + size : it.value) * x.strides[src]!;
        src++;
        break;
      }
      case 'slice': {
        const size = x.shape[src]!;
        const clampBound = (v: number | null, dflt: number): number => {
          if (v === null) return dflt;
          const w = v < 0 ? v + size : v;
          return Math.min(Math.max(w, 0), size);
        };
        const start = clampBound(it.start, 0);
        const stop = clampBound(it.stop, size);
        shape.push(stop > start ? Math.ceil((stop - start) / it.step) : 0);
        strides.push(x.strides[src]! * it.step);
        offset += start * x.strides[src]!;
        src++;
        break;
      }
      case 'ellipsis':
        for (let k = 0; k < ndim - consumed; k++) keepDim();
        break;
      case 'newaxis':
        shape.push(1);
        strides.push(0);
        break;
      case 'bool':
        // PyTorch: x[True] adds a dim of size 1 indexed by [0]; x[False] indexes it by [] (size 0).
        shape.push(1);
        strides.push(0);
        advanced.push({ pos: shape.length - 1, index: int64Tensor(it.value ? [0] : [], [it.value ? 1 : 0], x.backend) });
        break;
      case 'tensor':
        advanced.push({ pos: shape.length, index: it.index });
        keepDim();
        break;
      case 'mask':
        masks.push({ pos: shape.length, mask: it.mask });
        for (let k = 0; k < it.mask.ndim; k++) keepDim();
        break;
    }
  }
  while (src < ndim) keepDim();

  // Masks are checked against the sliced tensor and become one index tensor per dim they cover.
  for (const { pos, mask } of masks) {
    for (let j = 0; j < mask.ndim; j++) {
      if (mask.shape[j] !== shape[pos + j]) {
        throw new RangeError(
          `The shape of the mask ${shapeStr(mask.shape)} at index ${j} does not match the shape of the indexed tensor ${shapeStr(shape)} at index ${pos + j}`,
        );
      }
    }
    const columns = nonzeroColumns(mask, 'boolean-mask indexing', asyncForm);
    columns.forEach((index, j) => advanced.push({ pos: pos + j, index }));
  }
  advanced.sort((a, b) => a.pos - b.pos);
  return { shape, strides, offset, advanced };
}

/** An int64 tensor holding `values` on `backend`. */
export function int64Tensor(values: ArrayLike<number>, shape: readonly number[], backend: Backend): Tensor {
  const t = emptyTensor(shape, 'int64', backend);
  if (values.length > 0) backend.write(t.storage.handle, encode(values, 'int64'), 0);
  return t;
}

/** 0, 1, …, n - 1 as int64 on `backend`. */
export function arangeInt64(n: number, backend: Backend): Tensor {
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = i;
  return int64Tensor(values, [n], backend);
}

/**
 * Rewrites a kernel's `index j is out of bounds` error with the caller's wording (PyTorch's texts
 * differ between ops); any other error passes through.
 */
export function boundsError(e: unknown, message: (j: string) => string): unknown {
  const m = e instanceof Error ? /index (-?\d+) is out of bounds/.exec(e.message) : null;
  return m ? new RangeError(message(m[1]!)) : e;
}

/**
 * An int64 index with entries in [-size, size) wrapped to [0, size), checked on the backend that
 * holds it: the wrapped index drives a gather from a stride-0 source of `size` rows (values unused),
 * whose bounds check raises `message(j)` with j the offending entry as the user wrote it.
 */
export function wrapIndex(index: Tensor, size: number, message: (j: number) => string): Tensor {
  if (index.numel() === 0) return emptyTensor(index.shape, 'int64', index.backend);
  if (size === 0) {
    // The first entry names the offending index where it can be read now; any entry is out of bounds.
    const first = canReadSync(index) ? Number(valuesSync(index)[0]) : NaN;
    throw new RangeError(Number.isNaN(first) ? message(0).replace(/index -?\d+ /, 'index ') : message(first));
  }
  const wrapped = binary('add', index, binary('mul', binary('lt', index, 0), size));
  const ishape = wrapped.ndim === 0 ? [1] : wrapped.shape;
  const istrides = wrapped.ndim === 0 ? [0] : wrapped.strides;
  const probe = emptyTensor(ishape, 'int64', wrapped.backend);
  // The kernel sees wrapped entries: a negative j the user wrote is j + size there.
  const unwrap = (j: string): string => message(Number(j) < 0 ? Number(j) - size : Number(j));
  try {
    wrapped.backend.gather(viewOf(wrapped, [size, ...ishape.slice(1)], ishape.map(() => 0)), 0, viewOf(wrapped, ishape, istrides), probe, unwrap);
  } catch (e) {
    throw boundsError(e, unwrap);
  } finally {
    probe.dispose();
  }
  return wrapped;
}

/** Advanced index k (its `ordinal`) wrapped and checked against the size of the dim it indexes. */
function checkedIndex(index: Tensor, size: number, ordinal: number): Tensor {
  if (size === 0 && index.numel() > 0) throw new RangeError('index is out of bounds for dimension with size 0');
  return wrapIndex(index, size, (j) => `index ${j} is out of bounds for dimension ${ordinal} with size ${size}`);
}

/** How advanced indices map onto one gather/scatter launch along dim 0 of a flat storage view. */
interface Launch {
  /** Shape of x[indices]. */
  resultShape: number[];
  /** Broadcast shape of the index tensors and where it sits in resultShape. */
  indexShape: number[];
  at: number;
  /** Sizes and strides (in x) of the dims the index tensors leave alone. */
  restShape: number[];
  restStrides: number[];
  /** Storage offsets (relative to the view's offset) of the indexed positions, shape indexShape. */
  linear: Tensor | null;
  /** x's storage as [elements after the offset, ...rest]: dim 0 is addressed by `linear`. */
  storageView: View;
}

function launchFor(x: Tensor, p: Plan): Launch {
  const shapes = p.advanced.map((a) => a.index.shape);
  let indexShape: number[] = [];
  try {
    for (const s of shapes) indexShape = broadcastShapes(indexShape, s);
  } catch {
    throw new RangeError(`shape mismatch: indexing tensors could not be broadcast together with shapes ${shapes.map(shapeStr).join(', ')}`);
  }
  indexShape = indexShape.slice();
  const positions = p.advanced.map((a) => a.pos);
  const adjacent = positions[positions.length - 1]! - positions[0]! === positions.length - 1;
  const restShape: number[] = [];
  const restStrides: number[] = [];
  for (let d = 0; d < p.shape.length; d++) {
    if (!positions.includes(d)) {
      restShape.push(p.shape[d]!);
      restStrides.push(p.strides[d]!);
    }
  }
  // NumPy's rule, as PyTorch applies it: index dims replace the indexed dims in place when those are
  // adjacent, and go first otherwise.
  const at = adjacent ? positions[0]! : 0;
  const resultShape = [...restShape.slice(0, at), ...indexShape, ...restShape.slice(at)];
  let linear: Tensor | null = null;
  for (let k = 0; k < p.advanced.length; k++) {
    const a = p.advanced[k]!;
    // Index tensors may live on another device (as CPU indices for a CUDA tensor in PyTorch).
    const index = a.index.backend !== x.backend ? toDevice(a.index, x.device, 'int64') : a.index.dtype === 'int64' ? a.index : castTo(a.index, 'int64');
    const wrapped = checkedIndex(index, p.shape[a.pos]!, k);
    const term = binary('mul', wrapped, p.strides[a.pos]!);
    linear = linear === null ? term : binary('add', linear, term);
  }
  const capacity = x.storage.byteLength / itemSize(x.dtype);
  const storageView = viewOf(x, [Math.max(capacity - p.offset, 1), ...restShape], [1, ...restStrides], p.offset);
  return { resultShape, indexShape, at, restShape, restStrides, linear, storageView };
}

/** The kernel's view of `linear`: [numel(indexShape), ...rest], stride 0 over the rest dims. */
function linearView(l: Launch): View {
  const n = numelOf(l.indexShape);
  return viewOf(l.linear!, [n, ...l.restShape], [1, ...l.restShape.map(() => 0)]);
}

/** Strides of a layout over resultShape, reordered to [index dims flattened, ...rest]; null if the index dims do not flatten. */
function kernelStrides(l: Launch, strides: readonly number[]): number[] | null {
  const k = l.indexShape.length;
  const idxStrides = strides.slice(l.at, l.at + k);
  const rest = [...strides.slice(0, l.at), ...strides.slice(l.at + k)];
  const flat = k === 0 ? [0] : viewStrides(l.indexShape, idxStrides, [numelOf(l.indexShape)]);
  return flat === null ? null : [flat[0]!, ...rest];
}

/**
 * x[...entries], as Python's subscript on a PyTorch tensor: a view when every entry is basic
 * (integer, slice, '...', null, boolean), else a new tensor gathered by the index tensors.
 *
 * @example
 * x.index(0, ':2');              // x[0, :2], a view: writing to it writes x
 * x.index('...', null);          // x[..., None]
 * x.index(torch.tensor([2, 0])); // x[[2, 0]], a copy
 * x.index(x.gt(0));              // x[x > 0], 1-D
 */
export function index(x: Tensor, entries: readonly IndexEntry[]): Tensor {
  return traced('index', [x, ...indexTensors(entries)], { entries, inputShape: x.shape }, () => indexUntraced(x, entries));
}

/** The index tensors of a subscript (recorded as inputs of the op, so backward keeps them). */
function indexTensors(entries: readonly IndexEntry[]): Tensor[] {
  return entries.filter((e): e is Tensor => e instanceof Tensor);
}

function indexUntraced(x: Tensor, entries: readonly IndexEntry[]): Tensor {
  x._live();
  return tidy(() => {
    const p = plan(x, entries);
    if (p.advanced.length === 0) return makeView(x, p.shape, p.strides, p.offset);
    const l = launchFor(x, p);
    const out = emptyTensor(l.resultShape, x.dtype, x.backend);
    if (out.numel() === 0) return out;
    const strides = kernelStrides(l, contiguousStrides(l.resultShape))!;
    x.backend.gather(l.storageView, 0, linearView(l), viewOf(out, [numelOf(l.indexShape), ...l.restShape], strides));
    return out;
  });
}

/** Drops leading size-1 dims of a value until it has no more dims than the target (PyTorch's slicePrefix1sSize). */
function stripLeadingOnes(v: Tensor, targetDims: number): { shape: number[]; strides: number[] } {
  let k = 0;
  while (v.ndim - k > targetDims && v.shape[k] === 1) k++;
  return { shape: v.shape.slice(k), strides: v.strides.slice(k) };
}

/**
 * x[...entries] = value (Python's __setitem__), in place. Basic entries write through the view
 * (value broadcast and cast, as copy_); index tensors scatter (value must then have x's dtype, as
 * in PyTorch); with accumulate, repeated positions add up (index_put_(..., accumulate=True)).
 *
 * @example
 * x.indexPut_([0, ':'], 1);                       // x[0, :] = 1
 * x.indexPut_(torch.tensor([0, 0]), v, true);     // x.index_put_((idx,), v, accumulate=True)
 */
export function indexPut_(x: Tensor, entries: readonly IndexEntry[], value: TensorOrScalar, accumulate = false): void {
  x._live();
  if (value instanceof Tensor) value._live();
  else if (typeof value !== 'number' && typeof value !== 'boolean') {
    throw new TypeError(`indexPut_(): expected a Tensor or a number as the value, but got ${describe(value)}`);
  }
  tracedInplace(
    x,
    [value instanceof Tensor ? value : null, ...indexTensors(entries)],
    () => putUntraced(x, entries, value, accumulate),
    (self) => indexPut(self, entries, value, accumulate),
  );
}

/**
 * torch.index_put: a copy of x with x[...entries] = value (added, with accumulate).
 *
 * @example
 * torch.indexPut(x, [torch.tensor([0, 0])], torch.tensor(1.), true); // x.index_put((idx,), v, accumulate=True)
 */
export function indexPut(x: Tensor, entries: readonly IndexEntry[], value: TensorOrScalar, accumulate = false): Tensor {
  return traced(
    'indexPut',
    [x, value instanceof Tensor ? value : null, ...indexTensors(entries)],
    { entries, accumulate, inputShape: x.shape },
    () => {
      const out = clone(x);
      putUntraced(out, entries, value, accumulate);
      return out;
    },
  );
}

function putUntraced(x: Tensor, entries: readonly IndexEntry[], value: TensorOrScalar, accumulate: boolean): void {
  tidy(() => {
    const p = plan(x, entries, INDEX_PUT_ASYNC);
    if (p.advanced.length === 0) {
      const view = makeView(x, p.shape, p.strides, p.offset);
      if (!(value instanceof Tensor)) {
        if (accumulate) addInplace(view, value);
        else fill_(view, value);
        return;
      }
      const s = stripLeadingOnes(value, view.ndim);
      broadcastStrides(s.shape, s.strides, view.shape); // PyTorch's "The expanded size of the tensor…" error
      let v = makeView(value, s.shape, s.strides);
      if (accumulate) {
        if (v.dtype !== x.dtype) v = castTo(v, x.dtype);
        addInplace(view, v);
      } else copy_(view, v);
      return;
    }
    if (value instanceof Tensor) sameDevice('index_put_', [x, value]);
    if (value instanceof Tensor && value.dtype !== x.dtype) {
      throw new Error(
        `Index put requires the source and destination dtypes match, got ${scalarTypeName(x.dtype)} for the destination and ${scalarTypeName(value.dtype)} for the source.`,
      );
    }
    const l = launchFor(x, p);
    const src = scatterSource(x, value, l);
    if (numelOf(l.resultShape) > 0) {
      x.backend.scatter(l.storageView, 0, linearView(l), src, accumulate ? 'add' : 'none');
    }
    x._version.value++;
  });
}

/** The value of an advanced put as the kernel's [index numel, ...rest] source (broadcast, stride 0 where it repeats). */
function scatterSource(x: Tensor, value: TensorOrScalar, l: Launch): View {
  const kernelShape = [numelOf(l.indexShape), ...l.restShape];
  if (!(value instanceof Tensor)) {
    const s = emptyTensor([], x.dtype, x.backend);
    fill_(s, value as Scalar);
    return viewOf(s, kernelShape, kernelShape.map(() => 0));
  }
  const s = stripLeadingOnes(value, l.resultShape.length);
  let strides: number[];
  try {
    strides = broadcastStrides(s.shape, s.strides, l.resultShape);
  } catch {
    throw new Error(
      `shape mismatch: value tensor of shape ${shapeStr(value.shape)} cannot be broadcast to indexing result of shape ${shapeStr(l.resultShape)}`,
    );
  }
  const direct = kernelStrides(l, strides);
  // A value sharing x's storage is copied first, so no element is read after the scatter wrote it.
  if (direct !== null && value.storage !== x.storage) return viewOf(value, kernelShape, direct, value.offset);
  const k = l.indexShape.length;
  const ordered = [...l.indexShape, ...l.restShape];
  const orderedStrides = [...strides.slice(l.at, l.at + k), ...strides.slice(0, l.at), ...strides.slice(l.at + k)];
  const tmp = emptyTensor(ordered, x.dtype, x.backend);
  x.backend.copy(viewOf(value, ordered, orderedStrides, value.offset), tmp);
  return viewOf(tmp, kernelShape, contiguousStrides(kernelShape));
}

/** Positions of the nonzero elements, one int64 tensor per dim (read on the host: the count sizes the result). */
function nonzeroColumns(x: Tensor, what: string, asyncForm: string): Tensor[] {
  const values = valuesSync(x, what, asyncForm);
  const n = values.length;
  const nd = x.ndim;
  const hits: number[] = [];
  for (let i = 0; i < n; i++) if (Number(values[i]) !== 0) hits.push(i);
  const columns: Tensor[] = [];
  const strides = contiguousStrides(x.shape);
  for (let d = 0; d < nd; d++) {
    const col = new Float64Array(hits.length);
    for (let i = 0; i < hits.length; i++) col[i] = Math.floor(hits[i]! / strides[d]!) % x.shape[d]!;
    columns.push(int64Tensor(col, [hits.length], x.backend));
  }
  if (nd === 0) columns.push(int64Tensor(hits.map(() => 0), [hits.length], x.backend));
  return columns;
}

/**
 * torch.nonzero: the positions of nonzero (and NaN) elements as an int64 [count, ndim] tensor, or
 * with `asTuple` one 1-D tensor per dim (what x[mask] indexes with).
 *
 * @example
 * torch.nonzero(torch.tensor([[1, 0], [0, 2]])); // [[0, 0], [1, 1]]
 */
export function nonzero(x: Tensor): Tensor;
export function nonzero(x: Tensor, options: { asTuple: true }): Tensor[];
export function nonzero(x: Tensor, options?: { asTuple?: boolean }): Tensor | Tensor[];
export function nonzero(x: Tensor, options: { asTuple?: boolean } = {}): Tensor | Tensor[] {
  x._live();
  const columns = nonzeroColumns(x, 'nonzero()', 'await torch.nonzeroAsync(x)');
  if (options.asTuple) return columns;
  const count = columns[0]!.shape[0]!;
  const nd = x.ndim;
  const out = emptyTensor([count, nd], 'int64', x.backend);
  columns.forEach((c, d) => {
    if (d < nd && count > 0) x.backend.copy(c, viewOf(out, [count], [nd], d));
    c.dispose();
  });
  return out;
}

/** torch.argwhere: nonzero(x). */
export function argwhere(x: Tensor): Tensor {
  return nonzero(x);
}

/**
 * torch.masked_select: the elements of x where the (broadcast) bool mask is true, as a 1-D tensor.
 *
 * @example
 * torch.maskedSelect(x, x.gt(0));
 */
export function maskedSelect(x: Tensor, mask: Tensor): Tensor {
  return traced('maskedSelect', [x, mask], NO_ATTRS, () => maskedSelectUntraced(x, mask));
}

const NO_ATTRS = {};

function maskedSelectUntraced(x: Tensor, mask: Tensor): Tensor {
  x._live();
  mask._live();
  if (mask.dtype !== 'bool' && mask.dtype !== 'uint8') {
    throw new Error(`masked_select: expected BoolTensor for mask, but got ${scalarTypeName(mask.dtype)}`);
  }
  const shape = broadcastShapes(mask.shape, x.shape);
  if (!canReadSync(mask)) throw syncReadError(mask, 'maskedSelect()', 'await x.maskedSelectAsync(mask)');
  return tidy(() => {
    const xb = makeView(x, shape, broadcastStrides(x.shape, x.strides, shape));
    const mb = makeView(mask, shape, broadcastStrides(mask.shape, mask.strides, shape));
    if (shape.length === 0) return index(makeView(xb, [1], [0]), [makeView(mb, [1], [0])]);
    return index(xb, [mb]);
  });
}

/** The bool/uint8 tensors of a subscript: the masks whose values size the result. */
export function maskEntries(entries: readonly IndexEntry[]): Tensor[] {
  return entries.filter((e): e is Tensor => e instanceof Tensor && (e.dtype === 'bool' || e.dtype === 'uint8'));
}

/**
 * The subscript with every mask replaced by the index tensors it stands for (one int64 tensor of
 * nonzero positions per dim it covers; a 0-dim mask by a boolean), as PyTorch expands masks before
 * indexing: the same result, and a backward that needs no values. The masks' values must be
 * readable (inside withHostCopies); PyTorch's checks run first, with its messages. `columns` are the
 * new tensors, for the caller to dispose.
 */
export function expandMasks(x: Tensor, entries: readonly IndexEntry[], asyncForm: string): { entries: IndexEntry[]; columns: Tensor[] } {
  tidy(() => void plan(x, entries, asyncForm));
  const out: IndexEntry[] = [];
  const columns: Tensor[] = [];
  for (const e of entries) {
    if (!(e instanceof Tensor) || (e.dtype !== 'bool' && e.dtype !== 'uint8')) out.push(e);
    else if (e.ndim === 0) out.push(scalarValue(e, asyncForm) !== 0);
    else {
      const cols = nonzeroColumns(e, 'boolean-mask indexing', asyncForm);
      out.push(...cols);
      columns.push(...cols);
    }
  }
  return { entries: out, columns };
}
