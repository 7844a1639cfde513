/**
 * Derivatives of the losses that PyTorch 1.13 computes as one ATen op, with its node names
 * (derivatives.yaml; the *_backward functions of aten/src/ATen/native/Loss.cpp, LossNLL.cpp,
 * LossMultiMargin.cpp, LossMultiLabelMargin.cpp and FunctionsManual.cpp). @x/nn records each such
 * loss as one op; the other losses are compositions there too, as in PyTorch.
 *
 * `reduction` is 'none' (the gradient has the loss's shape), 'sum' (a scalar gradient, broadcast) or
 * 'mean' (the same, over the number of elements). Inputs of other shapes than the loss (a target
 * broadcast against the input) get their gradient summed back to their shape.
 */
import { arange, broadcastShapes, where, zeros, type OpAttrs, type Tensor } from '@x/tensor';
import type { BackwardContext, Formula, FormulaTable } from './types';
import { asInput } from './pointwise';

type Reduction = 'none' | 'sum' | 'mean';

function reductionOf(ctx: BackwardContext): Reduction {
  return ctx.attrs.reduction as Reduction;
}

/** The elementwise shape of a two-input loss (input and target broadcast, as F.* expands them). */
function lossShape(ctx: BackwardContext): number[] {
  return broadcastShapes(ctx.inputShapes[0]!, ctx.inputShapes[1]!);
}

/** grad · norm where norm is 1, or 1/numel for 'mean' (the `norm` of every *_backward kernel). */
function scaled(g: Tensor, ctx: BackwardContext, numel: number, factor = 1): Tensor {
  const norm = reductionOf(ctx) === 'mean' ? factor / numel : factor;
  return norm === 1 ? g : g.mul(norm);
}

/** Gradients for (input, target) of a loss whose derivative w.r.t. target is minus that w.r.t. input. */
function pairGrads(ctx: BackwardContext, gradInput: () => Tensor): (Tensor | null)[] {
  const needs = ctx.needsInputGrad;
  if (!needs[0] && !needs[1]) return [null, null];
  const gi = gradInput();
  return [needs[0] ? asInput(gi, ctx, 0) : null, needs[1] ? asInput(gi.neg(), ctx, 1) : null];
}

function numelOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** mse_loss_backward: norm · (x − y) · grad, norm = 2 (2/numel for 'mean'). */
const mseLoss: Formula = {
  name: 'MseLossBackward0',
  saves: { inputs: [0, 1] },
  backward: ([g], ctx) => pairGrads(ctx, () => {
    const shape = lossShape(ctx);
    return ctx.input(0).sub(ctx.input(1)).mul(reductionOf(ctx) === 'mean' ? 2 / numelOf(shape) : 2).mul(g!);
  }),
};

/** smooth_l1_loss_backward: d/β inside |d| < β, sign(d) outside (β = 0: sign(d)), times grad · norm. */
const smoothL1Loss: Formula = {
  name: 'SmoothL1LossBackward0',
  saves: { inputs: [0, 1] },
  backward: ([g], ctx) => pairGrads(ctx, () => {
    const beta = ctx.attrs.beta as number;
    const d = ctx.input(0).sub(ctx.input(1));
    const slope = beta === 0 ? d.sign() : where(d.abs().lt(beta), d.div(beta), d.sign());
    return slope.mul(scaled(g!, ctx, numelOf(lossShape(ctx))));
  }),
};

/** huber_loss_backward: d clamped to [−δ, δ], times grad · norm. */
const huberLoss: Formula = {
  name: 'HuberLossBackward0',
  saves: { inputs: [0, 1] },
  backward: ([g], ctx) => pairGrads(ctx, () => {
    const delta = ctx.attrs.delta as number;
    const d = ctx.input(0).sub(ctx.input(1));
    return d.clamp(-delta, delta).mul(scaled(g!, ctx, numelOf(lossShape(ctx))));
  }),
};

/** The weight of a BCE (broadcast to the loss's shape by F.binary_cross_entropy), or none. */
function optionalInput(ctx: BackwardContext, i: number): Tensor | null {
  return ctx.inputShapes[i] === null ? null : ctx.input(i);
}

/** Which inputs of a loss PyTorch does not differentiate: asking for one fails as its autograd does. */
function refuse(ctx: BackwardContext, name: string, slots: readonly [number, string][]): void {
  for (const [i, arg] of slots) {
    if (ctx.needsInputGrad[i]) throw new Error(`the derivative for '${arg}' is not implemented (${name})`);
  }
}

/**
 * binary_cross_entropy_backward: grad · (x − y) / max((1 − x)·x, 1e-12) · w; the target's
 * (binary_cross_entropy_target_backward): grad · (log(1 − x) − log x) · w; both over numel for 'mean'.
 */
const binaryCrossEntropy: Formula = {
  name: 'BinaryCrossEntropyBackward0',
  saves: { inputs: [0, 1, 2] },
  backward: ([g], ctx) => {
    refuse(ctx, 'BinaryCrossEntropyBackward0', [[2, 'weight']]);
    const x = ctx.input(0);
    const y = ctx.input(1);
    const w = optionalInput(ctx, 2);
    const gn = scaled(g!, ctx, numelOf(ctx.inputShapes[0]!));
    let gx: Tensor | null = null;
    let gy: Tensor | null = null;
    if (ctx.needsInputGrad[0]) {
      gx = x.sub(y).div(x.neg().add(1).mul(x).clamp({ min: 1e-12 })).mul(gn);
      if (w !== null) gx = gx.mul(w);
    }
    if (ctx.needsInputGrad[1]) {
      gy = x.neg().add(1).log().sub(x.log()).mul(gn);
      if (w !== null) gy = gy.mul(w);
    }
    return [gx && asInput(gx, ctx, 0), gy && asInput(gy, ctx, 1), null];
  },
};

/** log σ(z) = min(z, 0) − log(1 + e^−|z|), without overflow. */
function logSigmoid(z: Tensor): Tensor {
  return z.clamp({ max: 0 }).sub(z.abs().neg().exp().log1p());
}

/**
 * binary_cross_entropy_with_logits_backward: (σ(x) − y), or with pos_weight p·y:
 * (p·y + 1 − y)·σ(x) − p·y; the target's: −x, or log σ(−x) − p·log σ(x); times grad · w, over
 * numel for 'mean'.
 */
const binaryCrossEntropyWithLogits: Formula = {
  name: 'BinaryCrossEntropyWithLogitsBackward0',
  saves: { inputs: [0, 1, 2, 3] },
  backward: ([g], ctx) => {
    refuse(ctx, 'BinaryCrossEntropyWithLogitsBackward0', [[2, 'weight'], [3, 'pos_weight']]);
    const x = ctx.input(0);
    const y = ctx.input(1);
    const w = optionalInput(ctx, 2);
    const pw = optionalInput(ctx, 3);
    const numel = numelOf(ctx.inputShapes[0]!);
    let gx: Tensor | null = null;
    let gy: Tensor | null = null;
    if (ctx.needsInputGrad[0]) {
      if (pw !== null) {
        const t = pw.mul(y);
        gx = t.add(1).sub(y).mul(x.sigmoid()).sub(t);
      } else {
        gx = x.sigmoid().sub(y);
      }
      gx = gx.mul(g!);
      if (w !== null) gx = gx.mul(w);
      if (reductionOf(ctx) === 'mean') gx = gx.div(numel);
    }
    if (ctx.needsInputGrad[1]) {
      gy = pw !== null ? logSigmoid(x.neg()).sub(logSigmoid(x).mul(pw)).mul(g!) : x.mul(g!.neg());
      if (w !== null) gy = gy.mul(w);
      if (reductionOf(ctx) === 'mean') gy = gy.div(numel);
    }
    return [gx && asInput(gx, ctx, 0), gy && asInput(gy, ctx, 1), null, null];
  },
};

/**
 * nll_loss_backward / nll_loss2d_backward: −w[y]·grad at each element's target class, 0 where y is
 * ignore_index; 'mean' divides by the summed weights of the kept elements. Input [N, C] or [C]
 * (nll_loss), [N, C, H, W] (nll_loss2d).
 */
function nllBackward([g]: readonly Tensor[], ctx: BackwardContext): (Tensor | null)[] {
  refuse(ctx, nllName(ctx.attrs), [[2, 'weight']]);
  if (!ctx.needsInputGrad[0]) return [null, null, null];
  const shape = ctx.inputShapes[0]!;
  const classDim = shape.length === 1 ? 0 : 1;
  const C = shape[classDim]!;
  const target = ctx.input(1).reshape(-1);
  const weight = optionalInput(ctx, 2);
  const ignoreIndex = ctx.attrs.ignoreIndex as number;
  const kept = target.ne(ignoreIndex);
  const safe = where(kept, target, 0);
  const dtype = ctx.inputDTypes[0]!;
  const w = weight === null ? kept.to(dtype) : where(kept, weight.gather(0, safe), 0);
  let perElement = w.neg();
  const reduction = reductionOf(ctx);
  if (reduction === 'none') perElement = perElement.mul(g!.reshape(-1));
  else {
    perElement = perElement.mul(g!);
    if (reduction === 'mean') perElement = perElement.div(w.sum());
  }
  // Rows in [M, C] order (class last), scattered at the target class, then back to the input's layout.
  const M = target.shape[0]!;
  const rows = zeros([M, C], { dtype, device: g!.device }).scatter(1, safe.unsqueeze(1), perElement.unsqueeze(1));
  let gx: Tensor;
  if (shape.length <= 2) gx = rows.reshape([...shape]);
  else {
    const moved = [shape[0]!, ...shape.slice(2), C];
    gx = rows.reshape(moved).movedim(-1, 1).contiguous();
  }
  return [gx, null, null];
}

function nllName(attrs: OpAttrs): string {
  return attrs.twoD ? 'NllLoss2DBackward0' : 'NllLossBackward0';
}

const nllLoss: Formula = { name: nllName, saves: { inputs: [1, 2] }, backward: nllBackward };

/** soft_margin_loss_backward: −y·e^(−y·x)/(1 + e^(−y·x)) · grad · norm (the target is not differentiable). */
const softMarginLoss: Formula = {
  name: 'SoftMarginLossBackward0',
  saves: { inputs: [0, 1] },
  backward: ([g], ctx) => {
    if (!ctx.needsInputGrad[0]) return [null, null];
    const x = ctx.input(0);
    const y = ctx.input(1);
    const z = y.neg().mul(x).exp();
    const gx = y.neg().mul(z).div(z.add(1)).mul(scaled(g!, ctx, numelOf(lossShape(ctx))));
    return [asInput(gx, ctx, 0), null];
  },
};

/** The rows [N, C] of a margin loss's input ([C] and 0-dim inputs are one row). */
function marginRows(x: Tensor): Tensor {
  return x.ndim === 0 ? x.reshape(1, 1) : x.ndim === 1 ? x.unsqueeze(0) : x;
}

/** The per-row factor grad / C (and / N for 'mean'), as a column. */
function rowFactor(g: Tensor, ctx: BackwardContext, rows: number, C: number): Tensor {
  const reduction = reductionOf(ctx);
  const perRow = reduction === 'none' ? g.reshape(-1, 1) : g.reshape(1, 1);
  return perRow.div(reduction === 'mean' ? rows * C : C);
}

/**
 * multi_margin_loss_backward: for each class i ≠ y with z = margin − x_y + x_i > 0, h = 1 (p = 1) or
 * 2z (p = 2), times weight[y]; x_i gets h, x_y gets −Σh; all times grad / C (/ N for 'mean').
 */
const multiMarginLoss: Formula = {
  name: 'MultiMarginLossBackward0',
  saves: { inputs: [0, 1, 2] },
  backward: ([g], ctx) => {
    refuse(ctx, 'MultiMarginLossBackward0', [[2, 'weight']]);
    if (!ctx.needsInputGrad[0]) return [null, null, null];
    const x = marginRows(ctx.input(0));
    const [N, C] = x.shape as [number, number];
    const t = ctx.input(1).reshape(-1, 1);
    const weight = optionalInput(ctx, 2);
    const z = x.gather(1, t).neg().add(ctx.attrs.margin as number).add(x);
    const others = arange(C, { device: x.device }).reshape(1, C).ne(t);
    const active = z.gt(0).logicalAnd(others).to(x.dtype);
    let h = (ctx.attrs.p as number) === 1 ? active : z.mul(2).mul(active);
    if (weight !== null) h = h.mul(weight.gather(0, t.reshape(-1)).unsqueeze(1));
    const grad = h.sub(zeros([N, C], { dtype: x.dtype, device: x.device }).scatter(1, t, h.sum(1, { keepdim: true })));
    return [grad.mul(rowFactor(g!, ctx, N, C)).reshape([...ctx.inputShapes[0]!]), null, null];
  },
};

/**
 * multilabel_margin_loss_backward: over the listed labels j (the prefix before the first −1) and
 * the classes i that are not targets, each pair with 1 − x_j + x_i > 0 adds 1 to x_i's gradient
 * and −1 to x_j's; all times grad / C (/ N for 'mean').
 */
const multilabelMarginLoss: Formula = {
  name: 'MultilabelMarginLossBackward0',
  saves: { inputs: [0, 1] },
  backward: ([g], ctx) => {
    if (!ctx.needsInputGrad[0]) return [null, null];
    const x = marginRows(ctx.input(0));
    const [N, C] = x.shape as [number, number];
    const t = ctx.input(1).reshape(x.shape);
    const listed = t.eq(-1).long().cumsum(1).eq(0);
    const safe = where(listed, t, 0);
    const isTarget = zeros([N, C], { dtype: x.dtype, device: x.device }).scatterAdd(1, safe, listed.to(x.dtype)).gt(0);
    // pairs[n, k, i]: listed label k against non-target class i, with a positive hinge.
    const z = x.gather(1, safe).neg().add(1).unsqueeze(2).add(x.unsqueeze(1));
    const pairs = listed.unsqueeze(2).logicalAnd(isTarget.logicalNot().unsqueeze(1)).logicalAnd(z.gt(0)).to(x.dtype);
    const toOthers = pairs.sum(1);
    const fromLabels = zeros([N, C], { dtype: x.dtype, device: x.device }).scatterAdd(1, safe, pairs.sum(2));
    return [toOthers.sub(fromLabels).mul(rowFactor(g!, ctx, N, C)).reshape([...ctx.inputShapes[0]!]), null];
  },
};

export const LOSSES = {
  mseLoss, smoothL1Loss, huberLoss, binaryCrossEntropy, binaryCrossEntropyWithLogits, nllLoss, softMarginLoss, multiMarginLoss, multilabelMarginLoss,
} satisfies FormulaTable;
