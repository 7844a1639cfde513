/**
 * Derivatives of subscripts, gathers and scatters, joining and splitting, reordering and sorting.
 * Ops that pick elements send each gradient back to the element it read (accumulating duplicates);
 * ops that write elements route the gradient of what was overwritten to nowhere.
 */
import {
  cat, diag, diagonal, flip, pad, repeatInterleave, roll, Slice, stack, Tensor, zeros,
  type DType, type IndexEntry, type OpAttrs,
} from '@x/tensor';
import { gatherBackward, intList, wrapDim } from './gather';
import type { BackwardContext, Formula, FormulaTable } from './types';
import { sumTo } from './util';

type Grads = readonly (Tensor | null | undefined)[];

function shapeOf(ctx: BackwardContext, i = 0): readonly number[] {
  return ctx.inputShapes[i]!;
}

/** A gradient in the dtype of the input it belongs to (ops like cat promote their inputs). */
function asInput(g: Tensor, dtype: DType | null): Tensor {
  return dtype === null || g.dtype === dtype ? g : g.to(dtype);
}

// ---------------------------------------------------------------- subscripts

/**
 * Index tensors are recorded as inputs from slot `first` on; every slot that can hold one is saved,
 * so backward reads them version-checked, as PyTorch's SavedVariables (record ignores slots past
 * the last input).
 */
const MAX_INDEX_TENSORS = 64;
function indexSlots(first: number): number[] {
  return Array.from({ length: MAX_INDEX_TENSORS }, (_, i) => first + i);
}

/** The subscript with its tensors replaced by the saved ones (index tensors start at input `first`). */
function savedEntries(ctx: BackwardContext, first: number): IndexEntry[] {
  let k = first;
  return (ctx.attrs.entries as readonly IndexEntry[]).map((e) => (e instanceof Tensor ? ctx.input(k++) : e));
}

function isAdvanced(e: IndexEntry): boolean {
  return e instanceof Tensor || typeof e === 'boolean';
}

/** start, stop, step of a slice entry as written (null where left open). */
function sliceBounds(e: string | Slice): [number | null, number | null, number | null] {
  if (e instanceof Slice) return [e.start, e.stop, e.step];
  const parts = e.split(':').map((p) => (p.trim() === '' ? null : Number(p)));
  return [parts[0] ?? null, parts[1] ?? null, parts[2] ?? null];
}

/**
 * The node name Python's x[...] gets in PyTorch: an advanced subscript is one index op; a basic one
 * applies select/slice/unsqueeze left to right and the last one names the node. In a tuple, a slice
 * 0:size (stop written out) is skipped; with nothing applied the result is an alias.
 */
function indexName(attrs: OpAttrs): string {
  const entries = attrs.entries as readonly IndexEntry[];
  const shape = attrs.inputShape as readonly number[];
  if (entries.some(isAdvanced)) return 'IndexBackward0';
  if (entries.length === 1) {
    const e = entries[0];
    if (typeof e === 'number') return 'SelectBackward0';
    if (e === null) return 'UnsqueezeBackward0';
    if (typeof e === 'string' && e.trim() === '...') return 'AliasBackward0';
    return 'SliceBackward0';
  }
  const consumed = entries.filter((e) => typeof e === 'number' || e instanceof Slice || (typeof e === 'string' && e.trim() !== '...')).length;
  let name = 'AliasBackward0';
  let dim = 0;
  for (const e of entries) {
    if (e === null) name = 'UnsqueezeBackward0';
    else if (typeof e === 'number') {
      name = 'SelectBackward0';
      dim++;
    } else if (typeof e === 'string' && e.trim() === '...') dim += shape.length - consumed;
    else {
      const [start, stop, step] = sliceBounds(e as string | Slice);
      if (!((start ?? 0) === 0 && stop === shape[dim] && (step ?? 1) === 1)) name = 'SliceBackward0';
      dim++;
    }
  }
  return name;
}

/** The gradient of value in x[entries] = value: what it wrote, reduced to its shape (broadcast undone). */
function putValueGrad(g: Tensor, entries: IndexEntry[], valueShape: readonly number[], dtype: DType | null): Tensor {
  const picked = g.index(...entries);
  let lead = 0;
  while (valueShape.length - lead > picked.ndim && valueShape[lead] === 1) lead++;
  return asInput(sumTo(picked, valueShape.slice(lead)).reshape(valueShape), dtype);
}

const SUBSCRIPTS = {
  index: {
    name: indexName,
    saves: { inputs: indexSlots(1) },
    backward: ([g], ctx) => {
      const zero = zeros(shapeOf(ctx), { dtype: g!.dtype, device: g!.device });
      return [zero.indexPut(savedEntries(ctx, 1), g!, true)];
    },
  },
  indexPut: {
    name: 'IndexPutBackward0',
    saves: { inputs: indexSlots(2) },
    backward: ([g], ctx) => {
      const entries = savedEntries(ctx, 2);
      const self = !ctx.needsInputGrad[0] ? null : ctx.attrs.accumulate ? g! : g!.indexPut(entries, 0);
      const value = ctx.needsInputGrad[1] ? putValueGrad(g!, entries, shapeOf(ctx, 1), ctx.inputDTypes[1]!) : null;
      return [self, value];
    },
  },
  maskedSelect: {
    name: 'MaskedSelectBackward0',
    saves: { inputs: [1] },
    backward: ([g], ctx) => [gatherBackward(g!, shapeOf(ctx), (p) => p.maskedSelect(ctx.input(1)))],
  },
} satisfies FormulaTable;

// ---------------------------------------------------------------- cat, stack, split, unbind

/** PyTorch's legacy rule: a 1-D tensor of size 0 takes no part in cat. */
function skippedByCat(shape: readonly number[]): boolean {
  return shape.length === 1 && shape[0] === 0;
}

const JOINS = {
  cat: {
    name: 'CatBackward0',
    backward: ([g], ctx) => {
      const shapes = ctx.inputShapes as readonly (readonly number[])[];
      const ref = shapes.find((s) => !skippedByCat(s));
      const d = wrapDim(ctx.attrs.dim as number, ref?.length ?? 1);
      let at = 0;
      return shapes.map((s, i) => {
        if (ref === undefined || skippedByCat(s)) return ctx.needsInputGrad[i] ? zeros(s, { dtype: ctx.inputDTypes[i]!, device: g!.device }) : null;
        const piece = g!.narrow(d, at, s[d]!);
        at += s[d]!;
        return ctx.needsInputGrad[i] ? asInput(piece, ctx.inputDTypes[i]!) : null;
      });
    },
  },
  stack: {
    name: 'StackBackward0',
    backward: ([g], ctx) => {
      const d = wrapDim(ctx.attrs.dim as number, shapeOf(ctx).length + 1);
      return ctx.inputShapes.map((_, i) => (ctx.needsInputGrad[i] ? asInput(g!.select(d, i), ctx.inputDTypes[i]!) : null));
    },
  },
  split: {
    name: (attrs) => (typeof attrs.splitSize === 'number' ? 'SplitBackward0' : 'SplitWithSizesBackward0'),
    backward: (grads, ctx) => [cat(grads as Tensor[], wrapDim(ctx.attrs.dim as number, shapeOf(ctx).length))],
  },
  unbind: {
    name: 'UnbindBackward0',
    backward: (grads, ctx) => [stack(grads as Tensor[], wrapDim(ctx.attrs.dim as number, shapeOf(ctx).length))],
  },
} satisfies FormulaTable;

// ---------------------------------------------------------------- gather, scatter, indexSelect, take

/** g.gather(dim, index), zero-padded up to src's shape (src may be larger than index: the rest was not written). */
function gatheredSrc(g: Tensor, dim: number, index: Tensor, srcShape: readonly number[], dtype: DType | null): Tensor {
  const picked = g.gather(dim, index);
  const padding: number[] = [];
  for (let j = srcShape.length - 1; j >= 0; j--) padding.push(0, srcShape[j]! - (picked.shape[j] ?? 1));
  return asInput(padding.some((p) => p !== 0) ? picked.pad(padding) : picked, dtype);
}

function scatterName(attrs: OpAttrs): string {
  // PyTorch 1.13 records scatter with reduce as a node whose backward is not implemented.
  if (attrs.reduce !== 'none') return 'NotImplemented';
  return 'value' in attrs ? 'ScatterBackward1' : 'ScatterBackward0';
}

const GATHERS = {
  gather: {
    name: 'GatherBackward0',
    saves: { inputs: [1] },
    backward: ([g], ctx) => {
      const zero = zeros(shapeOf(ctx), { dtype: g!.dtype, device: g!.device });
      return [zero.scatterAdd(ctx.attrs.dim as number, ctx.input(1), g!)];
    },
  },
  scatter: {
    name: scatterName,
    saves: { inputs: [1] },
    backward: ([g], ctx) => {
      if (ctx.attrs.reduce !== 'none') throw new Error('derivative for aten::scatter is not implemented');
      const dim = ctx.attrs.dim as number;
      const index = ctx.input(1);
      const self = ctx.needsInputGrad[0] ? g!.scatter(dim, index, 0) : null;
      const src = ctx.needsInputGrad[2] ? gatheredSrc(g!, dim, index, shapeOf(ctx, 2), ctx.inputDTypes[2]!) : null;
      return [self, null, src];
    },
  },
  scatterAdd: {
    name: 'ScatterAddBackward0',
    saves: { inputs: [1] },
    backward: ([g], ctx) => {
      const src = ctx.needsInputGrad[2] ? gatheredSrc(g!, ctx.attrs.dim as number, ctx.input(1), shapeOf(ctx, 2), ctx.inputDTypes[2]!) : null;
      return [ctx.needsInputGrad[0] ? g! : null, null, src];
    },
  },
  indexSelect: {
    name: 'IndexSelectBackward0',
    saves: { inputs: [1] },
    backward: ([g], ctx) => [gatherBackward(g!, shapeOf(ctx), (p) => p.indexSelect(ctx.attrs.dim as number, ctx.input(1)))],
  },
  take: {
    name: 'TakeBackward0',
    saves: { inputs: [1] },
    backward: ([g], ctx) => [gatherBackward(g!, shapeOf(ctx), (p) => p.take(ctx.input(1)))],
  },
} satisfies FormulaTable;

// ---------------------------------------------------------------- repeat, flip, roll, triangles, diagonals, pad

/** Sum of the gradient over the copies: out read as [r0, s0, r1, s1, …] sums over the r dims. */
function repeatBackward(g: Tensor, inputShape: readonly number[], sizes: readonly (number | readonly number[])[]): Tensor {
  const reps = intList(sizes);
  const lead = reps.length - inputShape.length;
  const inShape = [...new Array<number>(lead).fill(1), ...inputShape];
  if (g.numel() === 0) return zeros(inputShape, { dtype: g.dtype, device: g.device });
  const pairs = reps.flatMap((r, i) => [r, inShape[i]!]);
  const repDims = reps.map((_, i) => 2 * i);
  return g.reshape(pairs).sum({ dim: repDims }).reshape(inputShape);
}

/** PyTorch's node for F.pad by mode and number of padded dims. */
function padName(attrs: OpAttrs): string {
  const nPad = (attrs.padding as readonly number[]).length / 2;
  switch (attrs.mode) {
    case 'reflect': return `ReflectionPad${nPad}DBackward0`;
    case 'replicate': return `ReplicationPad${nPad}DBackward0`;
    // PyTorch 1.13 builds circular padding from slice copies, so its node is CopySlices.
    case 'circular': return 'CopySlices';
    default: return 'ConstantPadNdBackward0';
  }
}

const REORDERS = {
  repeat: {
    name: 'RepeatBackward0',
    backward: ([g], ctx) => [repeatBackward(g!, shapeOf(ctx), ctx.attrs.sizes as readonly (number | readonly number[])[])],
  },
  repeatInterleave: {
    // PyTorch 1.13 implements repeat_interleave with index_select.
    name: 'IndexSelectBackward0',
    saves: { inputs: [1] },
    backward: ([g], ctx) => {
      const repeats = (ctx.attrs.repeats as number | null) ?? ctx.input(1);
      return [gatherBackward(g!, shapeOf(ctx), (p) => repeatInterleave(p, repeats, ctx.attrs.dim as number | undefined)), null];
    },
  },
  flip: {
    name: 'FlipBackward0',
    backward: ([g], ctx) => [flip(g!, ctx.attrs.dims as readonly number[])],
  },
  roll: {
    name: 'RollBackward0',
    backward: ([g], ctx) => {
      const shifts = ctx.attrs.shifts as number | readonly number[];
      const back = typeof shifts === 'number' ? -shifts : shifts.map((s) => -s);
      return [roll(g!, back, ctx.attrs.dims as number | readonly number[] | undefined)];
    },
  },
  triu: { name: 'TriuBackward0', backward: ([g], ctx) => [g!.triu(ctx.attrs.diagonal as number)] },
  tril: { name: 'TrilBackward0', backward: ([g], ctx) => [g!.tril(ctx.attrs.diagonal as number)] },
  diagonal: {
    name: 'DiagonalBackward0',
    backward: ([g], ctx) => {
      const { offset, dim1, dim2 } = ctx.attrs as { offset: number; dim1: number; dim2: number };
      return [gatherBackward(g!, shapeOf(ctx), (p) => diagonal(p, offset, dim1, dim2))];
    },
  },
  diag: {
    name: 'DiagBackward0',
    backward: ([g], ctx) => {
      const k = ctx.attrs.diagonal as number;
      const shape = shapeOf(ctx);
      // A vector became the k-th diagonal of a matrix (zeros elsewhere); a matrix gave its diagonal.
      return [shape.length === 1 ? diagonal(g!, k) : gatherBackward(g!, shape, (p) => diag(p, k))];
    },
  },
  pad: {
    name: padName,
    backward: ([g], ctx) => {
      const { padding, mode } = ctx.attrs as { padding: readonly number[]; mode: string };
      if (mode === 'constant') return [pad(g!, padding.map((p) => -p))];
      return [gatherBackward(g!, shapeOf(ctx), (p) => pad(p, padding, mode as 'reflect'))];
    },
  },
} satisfies FormulaTable;

// ---------------------------------------------------------------- sort, topk

/** The values' gradient written back where each value came from (outputs: [values, indices]). */
const valuesBackward: Formula['backward'] = (grads: Grads, ctx) => {
  const g = grads[0]!;
  if (shapeOf(ctx).length === 0) return [g];
  const zero = zeros(shapeOf(ctx), { dtype: g.dtype, device: g.device });
  return [zero.scatter(ctx.attrs.dim as number, ctx.output(1), g)];
};

const ORDERING = {
  sort: { name: 'SortBackward0', saves: { outputs: true }, backward: valuesBackward },
  topk: { name: 'TopkBackward0', saves: { outputs: true }, backward: valuesBackward },
} satisfies FormulaTable;

export const INDEXING = { ...SUBSCRIPTS, ...JOINS, ...GATHERS, ...REORDERS, ...ORDERING };
