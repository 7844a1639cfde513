/**
 * Derivatives of the reductions, scans and softmaxes (reduce.ts, softmax.ts), after PyTorch's
 * FunctionsManual.cpp. Reduced dims arrive normalized in attrs.dims; keepdim in attrs.keepdim.
 * Formulas that PyTorch writes with a data-dependent branch (prod and cumprod with zeros) are
 * written here without one, so they run on every backend, and are exact to second order.
 */
import type { OpAttrs, Tensor } from '@x/tensor';
import { arange, where } from '@x/tensor';
import type { BackwardContext, Formula, FormulaTable } from './types';
import { unsqueezeDims } from './util';
import { asInput } from './pointwise';

interface ReduceAttrs {
  dims: number[];
  keepdim: boolean;
}

function reduceAttrs(ctx: BackwardContext): ReduceAttrs {
  return { dims: ctx.attrs.dims as number[], keepdim: Boolean(ctx.attrs.keepdim) };
}

function inShape(ctx: BackwardContext): readonly number[] {
  return ctx.inputShapes[0]!;
}

/**
 * A reduced tensor (gradient, result) with its reduced dims restored as size 1, so it broadcasts
 * against the input. A 0-d one (a full reduction) already does.
 */
function restore(t: Tensor, ctx: BackwardContext): Tensor {
  const { dims, keepdim } = reduceAttrs(ctx);
  if (t.ndim === 0) return t;
  return unsqueezeDims(t, dims, inShape(ctx).length, keepdim);
}

/** Number of elements each output element reduces. */
function reducedCount(ctx: BackwardContext): number {
  const shape = inShape(ctx);
  return reduceAttrs(ctx).dims.reduce((n, d) => n * shape[d]!, 1);
}

/** A one-input formula; `backward` returns the gradient in any dtype, cast here. */
function single(name: Formula['name'], saves: Formula['saves'], backward: (g: Tensor, ctx: BackwardContext) => Tensor): Formula {
  return {
    name,
    saves,
    backward: (grads, ctx) => [ctx.needsInputGrad[0] ? asInput(backward(grads[0]!, ctx), ctx, 0) : null],
  };
}

const overload = (zero: string, one: string) => (a: OpAttrs) => (a.all ? zero : one);

/** sum_backward: the gradient broadcast back over the reduced dims. */
function expandBack(g: Tensor, ctx: BackwardContext): Tensor {
  return restore(g, ctx).expand([...inShape(ctx)]);
}

/** `scale_grad_by_count`: the gradient split evenly among the positions of `mask` in each reduced slice. */
function splitAmong(g: Tensor, mask: Tensor, dims: readonly number[]): Tensor {
  return g.div(mask.sum({ dim: [...dims], keepdim: true })).mul(mask);
}

/**
 * prod over dims: grad * prod of the other elements. Where x != 0 that is result / x; at a zero it
 * is the product of the non-zeros when the slice has one zero, 0 otherwise (written so that the
 * second derivative through the other zero is kept when the slice has two).
 */
function prodBackward(g: Tensor, ctx: BackwardContext): Tensor {
  const x = ctx.input(0);
  if (x.ndim === 0) return g;
  const { dims } = reduceAttrs(ctx);
  const gr = restore(g, ctx);
  const result = restore(ctx.output(0), ctx);
  const isZero = x.eq(0);
  if (!hasZero(isZero)) return gr.mul(result.div(x));
  const x1 = where(isZero, 1, x);
  const nonzero = gr.mul(result.div(x1));
  const o = { dim: [...dims], keepdim: true };
  const zerosInSlice = isZero.sum(o);
  // prod reduces one dim or all of them (PyTorch's signature): all, kept as size-1 dims.
  const prodOfNonzeros = dims.length === 1 ? x1.prod(dims[0]!, true) : x1.prod().reshape(x.shape.map(() => 1));
  const otherZero = where(isZero, x, 0).sum(o).sub(x);
  const atZero = where(zerosInSlice.eq(1), prodOfNonzeros, where(zerosInSlice.eq(2), prodOfNonzeros.mul(otherZero), 0));
  return where(isZero, gr.mul(atZero), nonzero);
}

/** w.flip(dim).cumsum(dim).flip(dim), as PyTorch's reversed_cumsum computes it (no flip). */
function reversedCumsum(w: Tensor, dim: number): Tensor {
  const c = w.cumsum(dim);
  return c.narrow(dim, w.shape[dim]! - 1, 1).sub(c).add(w);
}

/**
 * cumprod_backward: dF/dx_k = sum_{j >= k} g_j prod_{i <= j, i != k} x_i. Where x_k != 0 that is
 * reversed_cumsum(g * y)_k / x_k. At a zero, only the terms whose prefix holds one zero (this one)
 * or two survive; the two-zero terms are 0 but keep the second derivative exact.
 */
function cumprodBackward(g: Tensor, ctx: BackwardContext): Tensor {
  const x = ctx.input(0);
  const dim = ctx.attrs.dim as number;
  if (x.numel() <= 1 || x.ndim === 0 || x.shape[dim] === 1) return g;
  const y = ctx.output(0);
  const isZero = x.eq(0);
  const x1 = where(isZero, 1, x);
  const nonzero = reversedCumsum(g.mul(y), dim).div(x1);
  if (!hasZero(isZero)) return nonzero;
  const zerosUpTo = isZero.cumsum(dim);
  const prodOfNonzeros = x1.cumprod(dim);
  const w = g.mul(prodOfNonzeros);
  const oneZero = reversedCumsum(where(zerosUpTo.eq(1), w, 0), dim);
  const twoZeros = where(zerosUpTo.eq(2), w, 0);
  const zeroSum = where(isZero, x, 0).cumsum(dim);
  const withOther = reversedCumsum(twoZeros.mul(zeroSum), dim).sub(reversedCumsum(twoZeros, dim).mul(x));
  return where(isZero, oneZero.add(withOther), nonzero);
}

/** Whether any element is true; assumed true where the backend cannot read synchronously (the formula stays valid). */
function hasZero(mask: Tensor): boolean {
  if (!mask.backend.readSync) return true;
  return mask.any().item() !== 0;
}

/** var_backward: 2 / (N - correction) * grad * (x - mean); for N <= correction, inf (NaN where x == mean). */
function varBackward(g: Tensor, ctx: BackwardContext): Tensor {
  const x = ctx.input(0);
  const { dims } = reduceAttrs(ctx);
  const dof = reducedCount(ctx) - (ctx.attrs.correction as number);
  const centered = x.sub(x.mean({ dim: [...dims], keepdim: true }));
  const gr = restore(g, ctx);
  if (dof <= 0) return gr.mul(where(centered.eq(0), NaN, Infinity));
  return gr.mul(centered).mul(2 / dof);
}

/** norm_backward of PyTorch 1.13 for every p, with its subgradients at 0. */
function normBackward(g: Tensor, ctx: BackwardContext): Tensor {
  const x = ctx.input(0);
  const p = ctx.attrs.p as number;
  const { dims } = reduceAttrs(ctx);
  const gr = restore(g, ctx);
  const norm = restore(ctx.output(0), ctx);
  if (p === 1) return x.sign().mul(gr);
  if (p === 2) return gr.mul(x.div(norm).maskedFill(norm.eq(0), 0));
  if (!Number.isFinite(p)) {
    const a = x.abs();
    const mask = a.eq(norm).logicalOr(a.isnan());
    return x.sign().mul(splitAmong(gr, mask, dims));
  }
  if (p < 1) {
    const scaled = x.sign().mul(x.abs().pow(p - 1).maskedFill(x.eq(0), 0));
    return scaled.mul(gr).mul(norm.pow(1 - p));
  }
  const scaled = p < 2 ? x.sign().mul(x.abs().pow(p - 1)) : x.mul(x.abs().pow(p - 2));
  return scaled.mul(gr.div(norm.pow(p - 1)).maskedFill(norm.eq(0), 0));
}

/** value_selecting_reduction_backward: the gradient goes to the position each index names. */
function selectedBackward(g: Tensor, ctx: BackwardContext): Tensor {
  const shape = inShape(ctx);
  if (shape.length === 0) return g;
  const dim = ctx.attrs.dim as number;
  const keepdim = Boolean(ctx.attrs.keepdim);
  const indices = keepdim ? ctx.output(1) : ctx.output(1).unsqueeze(dim);
  const gr = keepdim ? g : g.unsqueeze(dim);
  // A one-hot mask (arange == index) instead of scatter: the same values, and differentiable through where.
  const positions = arange(shape[dim]!, { device: g.device }).reshape(shape.map((s, d) => (d === dim ? s : 1)));
  return where(positions.eq(indices), gr, 0);
}

/** evenly_distribute_backward: the gradient shared by every element equal to the result (NaN matching NaN). */
function evenlyBackward(g: Tensor, ctx: BackwardContext): Tensor {
  const x = ctx.input(0);
  const v = ctx.output(0);
  const mask = x.eq(v).logicalOr(x.isnan().logicalAnd(v.isnan()));
  return mask.mul(g.div(mask.sum()));
}

function amaxBackward(g: Tensor, ctx: BackwardContext): Tensor {
  const mask = restore(ctx.output(0), ctx).eq(ctx.input(0));
  return splitAmong(restore(g, ctx), mask, reduceAttrs(ctx).dims);
}

const INPUT_AND_OUTPUT = { inputs: [0], outputs: true } as const;

export const REDUCTIONS = {
  sum: single(overload('SumBackward0', 'SumBackward1'), {}, expandBack),
  mean: single(overload('MeanBackward0', 'MeanBackward1'), {}, (g, c) => expandBack(g, c).div(reducedCount(c))),
  prod: single(overload('ProdBackward0', 'ProdBackward1'), INPUT_AND_OUTPUT, prodBackward),
  amax: single('AmaxBackward0', INPUT_AND_OUTPUT, amaxBackward),
  amin: single('AminBackward0', INPUT_AND_OUTPUT, amaxBackward),
  maxAll: single('MaxBackward1', INPUT_AND_OUTPUT, evenlyBackward),
  minAll: single('MinBackward1', INPUT_AND_OUTPUT, evenlyBackward),
  // outputs [values, indices]; only values carry a gradient.
  maxDim: single('MaxBackward0', { outputs: true }, selectedBackward),
  minDim: single('MinBackward0', { outputs: true }, selectedBackward),
  var: single('VarBackward0', { inputs: [0] }, varBackward),
  // std_backward: var_backward of grad / (2 * std), 0 where std == 0.
  std: single('StdBackward0', INPUT_AND_OUTPUT, (g, c) => {
    const s = c.output(0);
    return varBackward(g.div(s.mul(2)).maskedFill(s.eq(0), 0), c);
  }),
  // torch.norm / Tensor.norm: PyTorch 1.13 reports NormBackward1 (LinalgVectorNormBackward0 is torch.linalg.vector_norm's).
  norm: {
    name: 'NormBackward1',
    saves: INPUT_AND_OUTPUT,
    // p = 0 counts non-zeros: PyTorch's norm_backward returns an undefined gradient (no gradient at all).
    backward: (grads, ctx) => [ctx.needsInputGrad[0] && ctx.attrs.p !== 0 ? asInput(normBackward(grads[0]!, ctx), ctx, 0) : null],
  },
  logsumexp: single('LogsumexpBackward0', INPUT_AND_OUTPUT, (g, c) => restore(g, c).mul(c.input(0).sub(restore(c.output(0), c)).exp())),
  cumsum: single('CumsumBackward0', {}, (g, c) => {
    const dim = c.attrs.dim as number;
    return g.ndim === 0 || g.numel() <= 1 ? g : reversedCumsum(g, dim);
  }),
  cumprod: single('CumprodBackward0', INPUT_AND_OUTPUT, cumprodBackward),
  // _softmax_backward_data: y * (g - sum(g * y)); log_softmax: g - exp(y) * sum(g).
  softmax: single('SoftmaxBackward0', { outputs: true }, (g, c) => {
    const y = c.output(0);
    const dim = c.attrs.dim as number;
    return y.mul(g.sub(g.mul(y).sum({ dim, keepdim: true })));
  }),
  logSoftmax: single('LogSoftmaxBackward0', { outputs: true }, (g, c) => {
    const y = c.output(0);
    const dim = c.attrs.dim as number;
    return g.sub(y.exp().mul(g.sum({ dim, keepdim: true })));
  }),
} satisfies FormulaTable;
