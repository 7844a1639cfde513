/**
 * View ops: new shape/strides/offset over the same storage, no kernel launched. A write through a
 * view is seen through its base, as in PyTorch.
 */
import type { DType } from '../dtype';
import {
  broadcastStrides, checkSize, contiguousStrides, inferShape, normalizeDim, numelOf, shapeStr, viewStrides,
} from '../shape';
import { Tensor } from '../tensor';
import { traced } from '../autograd';
import { contiguous } from './cast';

const NO_ATTRS = {};

/** A view of t's storage with a new layout. */
export function makeView(t: Tensor, shape: readonly number[], strides: readonly number[], offset = t.offset, dtype: DType = t.dtype): Tensor {
  t._live();
  return new Tensor(t.storage, shape, strides, offset, dtype, t._base ?? t);
}

/** A new Tensor object over the same data and layout (detach(), .data). */
export function alias(t: Tensor): Tensor {
  return makeView(t, t.shape, t.strides);
}

export function view(t: Tensor, args: readonly (number | readonly number[])[]): Tensor {
  return traced('view', [t], NO_ATTRS, () => viewUntraced(t, args));
}

function viewUntraced(t: Tensor, args: readonly (number | readonly number[])[]): Tensor {
  const shape = inferShape(sizeFromArgsLoose(args.length === 0 ? [[]] : args), t.numel());
  const strides = viewStrides(t.shape, t.strides, shape);
  if (strides === null) {
    throw new Error(
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
    );
  }
  return makeView(t, shape, strides);
}

/** A view when the layout allows one, else a contiguous copy (torch.reshape). */
export function reshape(t: Tensor, args: readonly (number | readonly number[])[]): Tensor {
  return traced('reshape', [t], NO_ATTRS, () => reshapeUntraced(t, args));
}

function reshapeUntraced(t: Tensor, args: readonly (number | readonly number[])[]): Tensor {
  const shape = inferShape(sizeFromArgsLoose(args.length === 0 ? [[]] : args), t.numel());
  const strides = viewStrides(t.shape, t.strides, shape);
  if (strides !== null) return makeView(t, shape, strides);
  const c = contiguous(t);
  const v = makeView(c, shape, contiguousStrides(shape));
  if (c !== t) c.dispose();
  return v;
}

export function permute(t: Tensor, args: readonly (number | readonly number[])[]): Tensor {
  return traced('permute', [t], { dims: args }, () => permuteUntraced(t, args));
}

function permuteUntraced(t: Tensor, args: readonly (number | readonly number[])[]): Tensor {
  const dims = sizeFromArgsLoose(args);
  const n = t.ndim;
  if (dims.length !== n) {
    throw new Error(`permute: number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${n} is not equal to len(dims) = ${dims.length}`);
  }
  const seen = new Array<boolean>(n).fill(false);
  const shape: number[] = [];
  const strides: number[] = [];
  for (const d of dims) {
    const nd = normalizeDim(d, n);
    if (seen[nd]) throw new Error('permute(): duplicate dims are not allowed.');
    seen[nd] = true;
    shape.push(t.shape[nd]!);
    strides.push(t.strides[nd]!);
  }
  return makeView(t, shape, strides);
}

function sizeFromArgsLoose(args: readonly (number | readonly number[])[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return (args[0] as number[]).slice();
  return args as number[];
}

export function transpose(t: Tensor, dim0: number, dim1: number): Tensor {
  return traced('transpose', [t], { dim0, dim1 }, () => transposeUntraced(t, dim0, dim1));
}

function transposeUntraced(t: Tensor, dim0: number, dim1: number): Tensor {
  const n = t.ndim;
  if (n === 0) {
    normalizeDim(dim0, 0);
    normalizeDim(dim1, 0);
    return alias(t);
  }
  const a = normalizeDim(dim0, n);
  const b = normalizeDim(dim1, n);
  const shape = t.shape.slice();
  const strides = t.strides.slice();
  [shape[a], shape[b]] = [shape[b]!, shape[a]!];
  [strides[a], strides[b]] = [strides[b]!, strides[a]!];
  return makeView(t, shape, strides);
}

export function t(x: Tensor): Tensor {
  return traced('t', [x], NO_ATTRS, () => tUntraced(x));
}

function tUntraced(x: Tensor): Tensor {
  if (x.ndim > 2) throw new Error(`t() expects a tensor with <= 2 dimensions, but self is ${x.ndim}D`);
  return x.ndim < 2 ? alias(x) : transpose(x, 0, 1);
}

/** x.T: the dims in reverse order (a permute, recorded as PyTorch's PermuteBackward0). */
export function reversedDims(x: Tensor): Tensor {
  return permute(x, [[...x.shape.keys()].reverse()]);
}

export function expand(t: Tensor, args: readonly (number | readonly number[])[]): Tensor {
  return traced('expand', [t], NO_ATTRS, () => expandUntraced(t, args));
}

function expandUntraced(t: Tensor, args: readonly (number | readonly number[])[]): Tensor {
  const req = sizeFromArgsLoose(args);
  if (req.length < t.ndim) {
    throw new Error(
      `expand(torch.FloatTensor{[${t.shape.join(', ')}]}, size=[${req.join(', ')}]): the number of sizes provided (${req.length}) must be greater or equal to the number of dimensions in the tensor (${t.ndim})`,
    );
  }
  const off = req.length - t.ndim;
  const target = req.map((d, i) => {
    if (d === -1) {
      if (i < off) throw new Error(`The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension ${i}`);
      return t.shape[i - off]!;
    }
    return d;
  });
  checkSize(target);
  return makeView(t, target, broadcastStrides(t.shape, t.strides, target));
}

/** Broadcasts t to shape (a view). */
export function broadcastTo(t: Tensor, shape: readonly number[]): Tensor {
  return makeView(t, shape.slice(), broadcastStrides(t.shape, t.strides, shape));
}

export function squeeze(t: Tensor, dim?: number | readonly number[]): Tensor {
  return traced('squeeze', [t], { dim }, () => squeezeUntraced(t, dim));
}

function squeezeUntraced(t: Tensor, dim?: number | readonly number[]): Tensor {
  let drop: Set<number>;
  if (dim === undefined) drop = new Set(t.shape.flatMap((d, i) => (d === 1 ? [i] : [])));
  else {
    const dims = typeof dim === 'number' ? [dim] : dim;
    drop = new Set(dims.map((d) => normalizeDim(d, t.ndim)).filter((d) => t.shape[d] === 1));
  }
  const shape: number[] = [];
  const strides: number[] = [];
  for (let i = 0; i < t.ndim; i++) {
    if (!drop.has(i)) {
      shape.push(t.shape[i]!);
      strides.push(t.strides[i]!);
    }
  }
  return makeView(t, shape, strides);
}

export function unsqueeze(t: Tensor, dim: number): Tensor {
  return traced('unsqueeze', [t], { dim }, () => unsqueezeUntraced(t, dim));
}

function unsqueezeUntraced(t: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, t.ndim + 1);
  const shape = t.shape.slice();
  const strides = t.strides.slice();
  const stride = d < t.ndim ? t.shape[d]! * t.strides[d]! : 1;
  shape.splice(d, 0, 1);
  strides.splice(d, 0, stride);
  return makeView(t, shape, strides);
}

export function flatten(t: Tensor, startDim = 0, endDim = -1): Tensor {
  if (t.ndim === 0) return reshape(t, [[1]]);
  const s = normalizeDim(startDim, t.ndim);
  const e = normalizeDim(endDim, t.ndim);
  if (s > e) throw new Error('flatten() has invalid args: start_dim cannot come after end_dim');
  if (s === e) return t;
  const shape = [...t.shape.slice(0, s), numelOf(t.shape.slice(s, e + 1)), ...t.shape.slice(e + 1)];
  return reshape(t, [shape]);
}

export function unflatten(t: Tensor, dim: number, sizes: readonly number[]): Tensor {
  const d = normalizeDim(dim, t.ndim);
  if (sizes.length === 0) throw new Error('unflatten: sizes must be non-empty');
  let inner: number[];
  try {
    inner = inferShape(sizes, t.shape[d]!);
  } catch {
    throw new Error(`unflatten: Provided sizes [${sizes.join(', ')}] don't multiply up to the size of dim ${dim} (${t.shape[d]}) in the input tensor`);
  }
  return view(t, [[...t.shape.slice(0, d), ...inner, ...t.shape.slice(d + 1)]]);
}

export function narrow(t: Tensor, dim: number, start: number, length: number): Tensor {
  return traced('narrow', [t], { dim, start, length }, () => narrowUntraced(t, dim, start, length));
}

function narrowUntraced(t: Tensor, dim: number, start: number, length: number): Tensor {
  if (t.ndim === 0) throw new Error('narrow() cannot be applied to a 0-dim tensor.');
  const d = normalizeDim(dim, t.ndim);
  const size = t.shape[d]!;
  if (start < -size || start > size) {
    throw new RangeError(`start out of range (expected to be in range of [${-size}, ${size}], but got ${start})`);
  }
  const s = start < 0 ? start + size : start;
  if (length < 0 || s + length > size) {
    throw new RangeError(`start (${s}) + length (${length}) exceeds dimension size (${size}).`);
  }
  const shape = t.shape.slice();
  shape[d] = length;
  return makeView(t, shape, t.strides, t.offset + s * t.strides[d]!);
}

export function select(t: Tensor, dim: number, index: number): Tensor {
  return traced('select', [t], { dim, index }, () => selectUntraced(t, dim, index));
}

function selectUntraced(t: Tensor, dim: number, index: number): Tensor {
  if (t.ndim === 0) throw new Error('select() cannot be applied to a 0-dim tensor.');
  const d = normalizeDim(dim, t.ndim);
  const size = t.shape[d]!;
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw new RangeError(`select(): index ${index} out of range for tensor of size [${t.shape.join(', ')}] at dimension ${d}`);
  }
  const i = index < 0 ? index + size : index;
  const shape = t.shape.slice();
  const strides = t.strides.slice();
  shape.splice(d, 1);
  strides.splice(d, 1);
  return makeView(t, shape, strides, t.offset + i * t.strides[d]!);
}

export function movedim(t: Tensor, source: number | readonly number[], destination: number | readonly number[]): Tensor {
  const src = (typeof source === 'number' ? [source] : source).map((d) => normalizeDim(d, t.ndim));
  const dst = (typeof destination === 'number' ? [destination] : destination).map((d) => normalizeDim(d, t.ndim));
  if (new Set(src).size !== src.length) throw new Error(`movedim: repeated dim in \`source\` (${shapeStr(typeof source === 'number' ? [source] : source)})`);
  if (new Set(dst).size !== dst.length) throw new Error(`movedim: repeated dim in \`destination\` (${shapeStr(typeof destination === 'number' ? [destination] : destination)})`);
  if (src.length !== dst.length) {
    throw new Error(`movedim: Invalid source or destination dims: source (${shapeStr(src)} dims) should contain the same number of dims as destination (${shapeStr(dst)} dims)`);
  }
  const order = new Array<number>(t.ndim).fill(-1);
  src.forEach((s, i) => (order[dst[i]!] = s));
  const rest = [...Array(t.ndim).keys()].filter((d) => !src.includes(d));
  let r = 0;
  for (let i = 0; i < t.ndim; i++) if (order[i] === -1) order[i] = rest[r++]!;
  return permute(t, [order]);
}

export function unfold(t: Tensor, dim: number, size: number, step: number): Tensor {
  return traced('unfold', [t], { dim, size, step }, () => unfoldUntraced(t, dim, size, step));
}

function unfoldUntraced(t: Tensor, dim: number, size: number, step: number): Tensor {
  const d = normalizeDim(dim, Math.max(t.ndim, 1));
  const len = t.ndim === 0 ? 1 : t.shape[d]!;
  if (size > len) throw new Error(`maximum size for tensor at dimension ${d} is ${len} but size is ${size}`);
  if (step <= 0) throw new Error(`step is ${step} but must be > 0`);
  const shape = t.shape.slice();
  const strides = t.strides.slice();
  const st = t.ndim === 0 ? 1 : t.strides[d]!;
  if (t.ndim > 0) {
    shape[d] = Math.floor((len - size) / step) + 1;
    strides[d] = st * step;
  }
  shape.push(size);
  strides.push(st);
  return makeView(t, shape, strides);
}

export function asStrided(t: Tensor, size: readonly number[], stride: readonly number[], storageOffset = t.offset): Tensor {
  // The input's own layout goes with the attrs: backward maps gradients through the shared storage.
  const attrs = { size, stride, storageOffset, inputStrides: t.strides, inputOffset: t.offset };
  return traced('asStrided', [t], attrs, () => asStridedUntraced(t, size, stride, storageOffset));
}

function asStridedUntraced(t: Tensor, size: readonly number[], stride: readonly number[], storageOffset = t.offset): Tensor {
  checkSize(size);
  if (size.length !== stride.length) throw new Error(`mismatch in length of strides and shape`);
  let maxOffset = storageOffset;
  for (let i = 0; i < size.length; i++) if (size[i]! > 0) maxOffset += (size[i]! - 1) * stride[i]!;
  const capacity = t.storage.byteLength / t.elementSize();
  if (numelOf(size) > 0 && maxOffset >= capacity) {
    throw new Error(`setStorage: sizes [${size.join(', ')}], strides [${stride.join(', ')}], storage offset ${storageOffset} require a storage of ${maxOffset + 1} elements, but it has ${capacity}`);
  }
  return makeView(t, size.slice(), stride.slice(), storageOffset);
}
