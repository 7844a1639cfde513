/**
 * Derivatives of the view ops (view, reshape, permute, transpose, expand, squeeze, narrow, select,
 * unfold, asStrided): the gradient is mapped back through the layout change, as PyTorch's
 * derivatives.yaml does it, with tensor ops only.
 */
import { arange, zeros, type OpAttrs, type Tensor } from '@x/tensor';
import { gatherBackward, intList, wrapDim } from './gather';
import type { BackwardContext, Formula, FormulaTable } from './types';
import { sumTo } from './util';

function shapeOf(ctx: BackwardContext): readonly number[] {
  return ctx.inputShapes[0]!;
}

/** Back to the input's shape: the derivative of every op that only regroups dims. */
const reshapeBack: Formula['backward'] = ([g], ctx) => [g!.reshape(shapeOf(ctx))];

/** The gradient of x.narrow(d, start, length): zeros around it along d (a constant pad, itself differentiable). */
export function sliceBackward(g: Tensor, inputShape: readonly number[], d: number, start: number, length: number): Tensor {
  const size = inputShape[d]!;
  const s = start < 0 ? start + size : start;
  const padding: number[] = [];
  for (let j = inputShape.length - 1; j > d; j--) padding.push(0, 0);
  padding.push(s, size - s - length);
  return g.pad(padding);
}

interface AsStridedAttrs {
  size: readonly number[];
  stride: readonly number[];
  storageOffset: number;
  inputStrides: readonly number[];
  inputOffset: number;
}

/** Elements a layout spans from offset 0 (PyTorch's _min_storage_size). */
function minStorageSize(shape: readonly number[], strides: readonly number[], offset: number): number {
  let size = offset + 1;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === 0) return offset;
    size += (shape[i]! - 1) * strides[i]!;
  }
  return size;
}

/** Whether two positions of a layout may share a storage element (PyTorch's _maybe_overlapping_memory). */
function mayOverlap(shape: readonly number[], strides: readonly number[]): boolean {
  const dims = shape.map((s, i) => [s, strides[i]!] as const).filter(([s]) => s > 1).sort((a, b) => a[1] - b[1]);
  let span = 0;
  for (const [s, st] of dims) {
    if (st <= span) return true;
    span += (s - 1) * st;
  }
  return false;
}

/**
 * PyTorch's as_strided_backward: the output's gradient is added into a zero "storage" through the
 * output's layout, then read back through the input's layout. Where the input itself reads a
 * storage element several times (an expanded input), that element's gradient is divided by the count,
 * as PyTorch does (such an input has no unique gradient; PyTorch's choice is kept).
 */
function asStridedBackward(g: Tensor, ctx: BackwardContext): Tensor {
  const { size, inPositions, viewPositions, inShape, inputStrides } = storagePositions(g, ctx);
  const options = { dtype: g.dtype, device: g.device };
  let storage = zeros([size], options).indexPut([viewPositions], g, true);
  if (mayOverlap(inShape, inputStrides)) {
    const count = zeros([size], options).indexPut([inPositions], 1, true);
    storage = storage.div(count);
  }
  return storage.index(inPositions);
}

/**
 * For an input and a view of its storage (the attrs of asStrided and copySlices): the storage
 * position of every element of each, over a storage just large enough for both.
 */
function storagePositions(g: Tensor, ctx: BackwardContext): { size: number; inPositions: Tensor; viewPositions: Tensor; inShape: readonly number[]; inputStrides: readonly number[] } {
  const a = ctx.attrs as unknown as AsStridedAttrs;
  const inShape = shapeOf(ctx);
  const shared = Math.min(a.inputOffset, a.storageOffset);
  const inOffset = a.inputOffset - shared;
  const viewOffset = a.storageOffset - shared;
  const size = Math.max(minStorageSize(inShape, a.inputStrides, inOffset), minStorageSize(a.size, a.stride, viewOffset));
  const positions = arange(size, { dtype: 'int64', device: g.device });
  return {
    size,
    inPositions: positions.asStrided(inShape, a.inputStrides, inOffset),
    viewPositions: positions.asStrided(a.size, a.stride, viewOffset),
    inShape,
    inputStrides: a.inputStrides,
  };
}

function squeezeName(attrs: OpAttrs): string {
  if (attrs.dim === undefined || attrs.dim === null) return 'SqueezeBackward0';
  return typeof attrs.dim === 'number' ? 'SqueezeBackward1' : 'SqueezeBackward2';
}

/**
 * CopySlices: the base after an in-place op wrote `value` through a view of it. Inputs [old base,
 * value]; the old base's gradient is g outside the view's elements, the value's is g inside them.
 * Positions are compared in storage space, so any base and view layout works.
 */
function copySlicesBackward(g: Tensor, ctx: BackwardContext): (Tensor | null)[] {
  const { size, inPositions, viewPositions } = storagePositions(g, ctx);
  const options = { dtype: g.dtype, device: g.device };
  const inView = zeros([size], options).indexPut([viewPositions], 1).index(inPositions);
  const gBase = ctx.needsInputGrad[0] ? g.mul(inView.neg().add(1)) : null;
  const gValue = ctx.needsInputGrad[1] ? zeros([size], options).indexPut([inPositions], g).index(viewPositions) : null;
  return [gBase, gValue];
}

export const VIEWS = {
  copySlices: { name: 'CopySlices', backward: ([g], ctx) => copySlicesBackward(g!, ctx) },
  view: { name: 'ViewBackward0', backward: reshapeBack },
  // PyTorch 1.13 prints ReshapeAliasBackward0 (viewable) / UnsafeViewBackward0 (copied); 2.x prints ViewBackward0.
  reshape: { name: 'ViewBackward0', backward: reshapeBack },
  permute: {
    name: 'PermuteBackward0',
    backward: ([g], ctx) => {
      const n = shapeOf(ctx).length;
      const dims = intList(ctx.attrs.dims as readonly (number | readonly number[])[]).map((d) => wrapDim(d, n));
      const inverse = new Array<number>(n);
      dims.forEach((d, i) => (inverse[d] = i));
      return [g!.permute(inverse)];
    },
  },
  transpose: {
    name: 'TransposeBackward0',
    backward: ([g], ctx) => [g!.transpose(ctx.attrs.dim0 as number, ctx.attrs.dim1 as number)],
  },
  t: { name: 'TBackward0', backward: ([g]) => [g!.t()] },
  expand: { name: 'ExpandBackward0', backward: ([g], ctx) => [sumTo(g!, shapeOf(ctx))] },
  squeeze: { name: squeezeName, backward: reshapeBack },
  unsqueeze: { name: 'UnsqueezeBackward0', backward: reshapeBack },
  narrow: {
    name: 'SliceBackward0',
    backward: ([g], ctx) => {
      const shape = shapeOf(ctx);
      const { dim, start, length } = ctx.attrs as { dim: number; start: number; length: number };
      return [sliceBackward(g!, shape, wrapDim(dim, shape.length), start, length)];
    },
  },
  select: {
    name: 'SelectBackward0',
    backward: ([g], ctx) => {
      const shape = shapeOf(ctx);
      const { dim, index } = ctx.attrs as { dim: number; index: number };
      const d = wrapDim(dim, shape.length);
      return [sliceBackward(g!.unsqueeze(d), shape, d, index, 1)];
    },
  },
  unfold: {
    name: 'UnfoldBackward0',
    backward: ([g], ctx) => {
      const { dim, size, step } = ctx.attrs as { dim: number; size: number; step: number };
      return [gatherBackward(g!, shapeOf(ctx), (p) => p.unfold(dim, size, step))];
    },
  },
  asStrided: { name: 'AsStridedBackward0', backward: ([g], ctx) => [asStridedBackward(g!, ctx)] },
} satisfies FormulaTable;
