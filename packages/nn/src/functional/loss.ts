/**
 * Loss functions of torch.nn.functional, with PyTorch 1.13's values, gradients and error messages.
 *
 * Each loss is a composition of @x/tensor ops, so autograd differentiates it; where PyTorch's fused
 * kernel has its own gradient at a kink (a hinge at exactly zero, a clamp bound, log of 0) the
 * composition is the one that reproduces it, and branches a kernel would skip are fed safe inputs so
 * that an unused branch never puts inf·0 = NaN into a gradient. No loss loops over elements in
 * JavaScript: class-index losses gather, multi-label ones compare through broadcasting, and CTC runs
 * its alpha recursion once per time step, vectorised over the batch.
 */
import { type Tensor, arange, broadcastShapes, formatSize, isFloatingPoint, sameShape, scalarTypeName, stack, cat, tidy, traced, where, signature } from '@x/tensor';
import { isGradEnabled } from '@x/autograd';
import type { Args } from '@x/tensor';
import { logsigmoid } from './activation';
import { pairwiseDistance } from './distance';
import { warnOnce } from './warn';

// ---------------------------------------------------------------------------------------------
// Shared pieces: reductions, legacy arguments, warnings, messages
// ---------------------------------------------------------------------------------------------

/** How a loss reduces its elementwise values. */
export type Reduction = 'none' | 'mean' | 'sum';

/** The legacy pair every PyTorch loss still accepts (deprecated; either one overrides `reduction`). */
export interface LegacyReductionOptions {
  sizeAverage?: boolean | null;
  reduce?: boolean | null;
}

export interface ReductionOptions extends LegacyReductionOptions {
  reduction?: Reduction;
}

/**
 * PyTorch's `_Reduction.legacy_get_string`: `reduce=False` → 'none', `size_average=False` → 'sum',
 * otherwise 'mean', with its deprecation warning.
 *
 * @example
 * legacyGetString(false, null) // 'sum'
 */
export function legacyGetString(sizeAverage: boolean | null | undefined, reduce: boolean | null | undefined, emitWarning = true): Reduction {
  const avg = sizeAverage ?? true;
  const red = reduce ?? true;
  const ret: Reduction = avg && red ? 'mean' : red ? 'sum' : 'none';
  if (emitWarning) warnOnce(`size_average and reduce args will be deprecated, please use reduction='${ret}' instead.`);
  return ret;
}

/** The reduction a call asked for: the legacy pair wins when either is given (as in PyTorch). */
function reductionOf(o: { sizeAverage?: boolean | null; reduce?: boolean | null; reduction?: string }): string {
  if ((o.sizeAverage !== undefined && o.sizeAverage !== null) || (o.reduce !== undefined && o.reduce !== null)) {
    return legacyGetString(o.sizeAverage, o.reduce);
  }
  return o.reduction ?? 'mean';
}

/** `_Reduction.get_enum`'s check, with its message (some functionals say only "… is not valid"). */
function checkReduction(reduction: string, message: (r: string) => string = (r) => `${r} is not a valid value for reduction`): Reduction {
  if (reduction === 'none' || reduction === 'mean' || reduction === 'sum') return reduction;
  throw new Error(message(reduction));
}
const notValid = (r: string): string => `${r} is not valid`;

/** apply_loss_reduction. */
function applyReduction(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'mean') return loss.mean();
  if (reduction === 'sum') return loss.sum();
  return loss;
}

function sizesStr(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function expectLong(target: Tensor, allowByte = false): void {
  if (target.dtype !== 'int64' && !(allowByte && target.dtype === 'uint8')) {
    throw new Error(`expected scalar type Long but found ${scalarTypeName(target.dtype)}`);
  }
}

/**
 * Whether any element of a boolean mask is set, read synchronously where the backend can (CPU and
 * WASM); null on backends that only read asynchronously, where value checks are skipped.
 */
function anySync(like: Tensor, mask: () => Tensor): boolean | null {
  if (!like.backend.readSync) return null;
  return tidy(() => Boolean(mask().any().item()));
}

/** The first element of `t` where `mask` is set (for messages naming the offending value). */
function firstWhere(t: Tensor, mask: Tensor): number {
  return tidy(() => Number(t.maskedSelect(mask).select(0, 0).item()));
}

function sizeMismatchWarning(input: Tensor, target: Tensor): void {
  if (sameShape(input.shape, target.shape)) return;
  warnOnce(
    `Using a target size (${formatSize(target.shape)}) that is different to the input size (${formatSize(input.shape)}). ` +
      'This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.',
  );
}

/** log(v) clamped below at -100, as PyTorch's BCE kernel; log(0) gives -100 and no NaN gradient. */
function clampedLog(v: Tensor): Tensor {
  const positive = v.gt(0);
  return where(positive, where(positive, v, 1).log(), -100).clamp({ min: -100 });
}

/** xlogy(t, t) = t·log t with 0·log 0 = 0 (and a zero, not NaN, gradient there). */
function xlogx(t: Tensor): Tensor {
  return t.mul(where(t.eq(0), 1, t).log());
}


// ---------------------------------------------------------------------------------------------
// Regression losses
// ---------------------------------------------------------------------------------------------

type PlainArgs = Args<[sizeAverage: boolean | null, reduce: boolean | null, reduction: Reduction], ReductionOptions>;

function plainReduction(fn: string, input: Tensor, target: Tensor, args: readonly unknown[]): { input: Tensor; target: Tensor; reduction: Reduction } {
  const o = signature(`${fn}(Tensor input, Tensor target, bool? sizeAverage=None, bool? reduce=None, str reduction='mean')`).parse<ReductionOptions & { input: Tensor; target: Tensor }>([input, target, ...args]);
  return { input: o.input, target: o.target, reduction: checkReduction(reductionOf(o)) };
}

/**
 * Mean absolute error |x − y| (broadcasting, with PyTorch's warning when the sizes differ).
 *
 * @example
 * F.l1Loss(input, target); F.l1Loss(input, target, { reduction: 'sum' });
 */
export function l1Loss(input: Tensor, target: Tensor, ...args: PlainArgs): Tensor {
  const o = plainReduction('l1Loss', input, target, args);
  ({ input, target } = o);
  const reduction = o.reduction;
  sizeMismatchWarning(input, target);
  return tidy(() => applyReduction(input.sub(target).abs(), reduction));
}

/**
 * Mean squared error (x − y)².
 *
 * @example
 * const loss = F.mseLoss(pred, y);
 */
export function mseLoss(input: Tensor, target: Tensor, ...args: PlainArgs): Tensor {
  const o = plainReduction('mseLoss', input, target, args);
  ({ input, target } = o);
  const reduction = o.reduction;
  sizeMismatchWarning(input, target);
  return traced('mseLoss', [input, target], { reduction }, () => tidy(() => applyReduction(input.sub(target).square(), reduction)));
}

export interface SmoothL1LossOptions extends ReductionOptions {
  beta?: number;
}
type SmoothL1Args = Args<[sizeAverage: boolean | null, reduce: boolean | null, reduction: Reduction, beta: number], SmoothL1LossOptions>;

const SMOOTH_L1_LOSS_SIGNATURE = signature("smoothL1Loss(Tensor input, Tensor target, bool? sizeAverage=None, bool? reduce=None, str reduction='mean', float beta=1)");

/**
 * 0.5·d²/β where |d| < β, else |d| − 0.5·β (d = x − y); β = 0 is the L1 loss.
 *
 * @example
 * F.smoothL1Loss(x, y, { beta: 0.5 });
 */
export function smoothL1Loss(input: Tensor, target: Tensor, ...args: SmoothL1Args): Tensor {
  const o = SMOOTH_L1_LOSS_SIGNATURE.parse<Required<SmoothL1LossOptions> & { input: typeof input; target: typeof target }>([input, target, ...args]);
  ({ input, target } = o);
  sizeMismatchWarning(input, target);
  const reduction = checkReduction(reductionOf(o));
  const beta = o.beta;
  if (beta < 0) throw new Error('smooth_l1_loss does not support negative values for beta.');
  return traced('smoothL1Loss', [input, target], { reduction, beta }, () => tidy(() => {
    if (beta === 0) return applyReduction(input.sub(target).abs(), reduction);
    const d = input.sub(target);
    const ad = d.abs();
    return applyReduction(where(ad.lt(beta), d.square().mul(0.5).div(beta), ad.sub(0.5 * beta)), reduction);
  }));
}

export interface HuberLossOptions {
  reduction?: Reduction;
  delta?: number;
}
type HuberArgs = Args<[reduction: Reduction, delta: number], HuberLossOptions>;

const HUBER_LOSS_SIGNATURE = signature("huberLoss(Tensor input, Tensor target, str reduction='mean', float delta=1)");

/**
 * 0.5·d² where |d| < δ, else δ·(|d| − 0.5·δ).
 *
 * @example
 * F.huberLoss(x, y, { delta: 2 });
 */
export function huberLoss(input: Tensor, target: Tensor, ...args: HuberArgs): Tensor {
  const o = HUBER_LOSS_SIGNATURE.parse<Required<HuberLossOptions> & { input: typeof input; target: typeof target }>([input, target, ...args]);
  ({ input, target } = o);
  sizeMismatchWarning(input, target);
  const reduction = checkReduction(o.reduction);
  const delta = o.delta;
  if (!(delta > 0)) throw new Error('huber_loss does not support non-positive values for delta.');
  return traced('huberLoss', [input, target], { reduction, delta }, () => tidy(() => {
    const d = input.sub(target);
    const ad = d.abs();
    return applyReduction(where(ad.lt(delta), d.square().mul(0.5), ad.sub(0.5 * delta).mul(delta)), reduction);
  }));
}

export interface PoissonNllLossOptions extends ReductionOptions {
  logInput?: boolean;
  full?: boolean;
  eps?: number;
}
type PoissonArgs = Args<
  [logInput: boolean, full: boolean, sizeAverage: boolean | null, eps: number, reduce: boolean | null, reduction: Reduction],
  PoissonNllLossOptions
>;

const POISSON_NLL_LOSS_SIGNATURE = signature("poissonNllLoss(Tensor input, Tensor target, bool logInput=True, bool full=False, bool? sizeAverage=None, float eps=1e-8, bool? reduce=None, str reduction='mean')");

/**
 * Poisson negative log likelihood: exp(x) − y·x with `logInput` (default), else x − y·log(x + eps);
 * `full` adds the Stirling term y·log y − y + ½·log(2πy) where y > 1.
 *
 * @example
 * F.poissonNllLoss(logRate, counts);
 */
export function poissonNllLoss(input: Tensor, target: Tensor, ...args: PoissonArgs): Tensor {
  const o = POISSON_NLL_LOSS_SIGNATURE.parse<Required<PoissonNllLossOptions> & { input: typeof input; target: typeof target }>([input, target, ...args]);
  ({ input, target } = o);
  const reduction = checkReduction(reductionOf(o), notValid);
  return tidy(() => {
    let loss = o.logInput ? input.exp().sub(target.mul(input)) : input.sub(target.mul(input.add(o.eps).log()));
    if (o.full) {
      // Evaluated on max(y, 1) so the masked-out y ≤ 1 (where log y may be -inf or NaN) cannot reach a gradient.
      const y = target.clamp({ min: 1 });
      const stirling = y.mul(y.log()).sub(y).add(y.mul(2 * Math.PI).log().mul(0.5));
      loss = loss.add(where(target.gt(1), stirling, 0));
    }
    return applyReduction(loss, reduction);
  });
}

export interface GaussianNllLossOptions {
  full?: boolean;
  eps?: number;
  reduction?: Reduction;
}
type GaussianArgs = Args<[full: boolean, eps: number, reduction: Reduction], GaussianNllLossOptions>;

const GAUSSIAN_NLL_LOSS_SIGNATURE = signature("gaussianNllLoss(Tensor input, Tensor target, Tensor variance, bool full=False, float eps=1e-6, str reduction='mean')");

/**
 * Gaussian negative log likelihood ½·(log v + (x − y)²/v) with variance v (same shape as the input,
 * or one dimension short / last dimension 1 for a shared variance), clamped below at eps.
 *
 * @example
 * F.gaussianNllLoss(mean, y, variance, { full: true });
 */
export function gaussianNllLoss(input: Tensor, target: Tensor, variance: Tensor, ...args: GaussianArgs): Tensor {
  const o = GAUSSIAN_NLL_LOSS_SIGNATURE.parse<Required<GaussianNllLossOptions> & { input: typeof input; target: typeof target; variance: typeof variance }>([input, target, variance, ...args]);
  ({ input, target, variance } = o);
  let v = variance;
  if (!sameShape(v.shape, input.shape)) {
    const lead = input.shape.slice(0, -1);
    if (sameShape(lead, v.shape)) v = v.unsqueeze(-1);
    else if (v.ndim > 0 && sameShape(lead, v.shape.slice(0, -1)) && v.shape[v.ndim - 1] === 1) {
      // homoscedastic with a trailing 1: broadcasts as is
    } else throw new Error('var is of incorrect size');
  }
  const reduction = checkReduction(o.reduction, notValid);
  if (anySync(v, () => v.lt(0))) throw new Error('var has negative entry/entries');
  return tidy(() => {
    // PyTorch clamps a clone of var under no_grad: the value is max(var, eps), the gradient var's own.
    const vd = v.detach();
    const clamped = v.add(vd.clamp({ min: o.eps }).sub(vd));
    let loss = clamped.log().add(input.sub(target).square().div(clamped)).mul(0.5);
    if (o.full) loss = loss.add(0.5 * Math.log(2 * Math.PI));
    return applyReduction(loss, reduction);
  });
}

export interface KlDivOptions extends LegacyReductionOptions {
  reduction?: Reduction | 'batchmean';
  logTarget?: boolean;
}
type KlDivArgs = Args<[sizeAverage: boolean | null, reduce: boolean | null, reduction: Reduction | 'batchmean', logTarget: boolean], KlDivOptions>;

const KL_DIV_SIGNATURE = signature("klDiv(Tensor input, Tensor target, bool? sizeAverage=None, bool? reduce=None, str reduction='mean', bool logTarget=False)");

/**
 * Kullback–Leibler divergence y·(log y − x) of log-probabilities x from target y (`logTarget`: y
 * given as log-probabilities). 'batchmean' divides the sum by the batch size, the KL definition;
 * 'mean' divides by the element count, with PyTorch's warning.
 *
 * @example
 * F.klDiv(logProbs, targetProbs, { reduction: 'batchmean' });
 */
export function klDiv(input: Tensor, target: Tensor, ...args: KlDivArgs): Tensor {
  const o = KL_DIV_SIGNATURE.parse<Required<KlDivOptions> & { input: typeof input; target: typeof target }>([input, target, ...args]);
  ({ input, target } = o);
  let reduction: Reduction;
  let batchmean = false;
  if ((o.sizeAverage !== null && o.sizeAverage !== undefined) || (o.reduce !== null && o.reduce !== undefined)) {
    reduction = legacyGetString(o.sizeAverage, o.reduce);
  } else {
    if (o.reduction === 'mean') {
      warnOnce(
        "reduction: 'mean' divides the total loss by both the batch size and the support size." +
          "'batchmean' divides only by the batch size, and aligns with the KL div math definition." +
          "'mean' will be changed to behave the same as 'batchmean' in the next major release.",
      );
    }
    batchmean = o.reduction === 'batchmean';
    reduction = batchmean ? 'sum' : checkReduction(o.reduction);
  }
  return tidy(() => {
    const loss = o.logTarget ? target.exp().mul(target.sub(input)) : xlogx(target).sub(target.mul(input));
    const reduced = applyReduction(loss, reduction);
    return batchmean && input.ndim !== 0 ? reduced.div(input.shape[0]!) : reduced;
  });
}

// ---------------------------------------------------------------------------------------------
// Binary classification
// ---------------------------------------------------------------------------------------------

export interface BinaryCrossEntropyOptions extends ReductionOptions {
  weight?: Tensor | null;
}
type BceArgs = Args<[weight: Tensor | null, sizeAverage: boolean | null, reduce: boolean | null, reduction: Reduction], BinaryCrossEntropyOptions>;

const BINARY_CROSS_ENTROPY_SIGNATURE = signature("binaryCrossEntropy(Tensor input, Tensor target, Tensor? weight=None, bool? sizeAverage=None, bool? reduce=None, str reduction='mean')");

/**
 * Binary cross entropy −w·[y·log x + (1 − y)·log(1 − x)] of probabilities x, each log clamped at
 * −100 as PyTorch does.
 *
 * @example
 * F.binaryCrossEntropy(torch.sigmoid(logits), y);
 */
export function binaryCrossEntropy(input: Tensor, target: Tensor, ...args: BceArgs): Tensor {
  const o = BINARY_CROSS_ENTROPY_SIGNATURE.parse<Required<BinaryCrossEntropyOptions> & { input: typeof input; target: typeof target }>([input, target, ...args]);
  ({ input, target } = o);
  const reduction = checkReduction(reductionOf(o));
  if (!sameShape(target.shape, input.shape)) {
    throw new Error(
      `Using a target size (${formatSize(target.shape)}) that is different to the input size (${formatSize(input.shape)}) is deprecated. ` +
        'Please ensure they have the same size.',
    );
  }
  const weight = o.weight === null ? null : o.weight.expand(broadcastShapes(target.shape, o.weight.shape));
  if (anySync(input, () => input.ge(0).logicalAnd(input.le(1)).logicalNot())) throw new Error('all elements of input should be between 0 and 1');
  return traced('binaryCrossEntropy', [input, target, weight], { reduction }, () => tidy(() => {
    let loss = target.sub(1).mul(clampedLog(input.neg().add(1))).sub(target.mul(clampedLog(input)));
    if (weight !== null) loss = loss.mul(weight);
    return applyReduction(loss, reduction);
  }));
}

export interface BinaryCrossEntropyWithLogitsOptions extends BinaryCrossEntropyOptions {
  posWeight?: Tensor | null;
}
type BceLogitsArgs = Args<
  [weight: Tensor | null, sizeAverage: boolean | null, reduce: boolean | null, reduction: Reduction, posWeight: Tensor | null],
  BinaryCrossEntropyWithLogitsOptions
>;

const BINARY_CROSS_ENTROPY_WITH_LOGITS_SIGNATURE = signature("binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor? weight=None, bool? sizeAverage=None, bool? reduce=None, str reduction='mean', Tensor? posWeight=None)");

/**
 * Sigmoid and binary cross entropy in one numerically stable expression; `posWeight` scales the
 * positive term (per class, broadcast over the last dimension).
 *
 * @example
 * F.binaryCrossEntropyWithLogits(logits, y, { posWeight: torch.tensor([3]) });
 */
export function binaryCrossEntropyWithLogits(input: Tensor, target: Tensor, ...args: BceLogitsArgs): Tensor {
  const o = BINARY_CROSS_ENTROPY_WITH_LOGITS_SIGNATURE.parse<Required<BinaryCrossEntropyWithLogitsOptions> & { input: typeof input; target: typeof target }>([input, target, ...args]);
  ({ input, target } = o);
  const reduction = checkReduction(reductionOf(o));
  if (!sameShape(target.shape, input.shape)) {
    throw new Error(`Target size (${formatSize(target.shape)}) must be the same as input size (${formatSize(input.shape)})`);
  }
  return traced('binaryCrossEntropyWithLogits', [input, target, o.weight, o.posWeight], { reduction }, () => tidy(() => {
    // aten::binary_cross_entropy_with_logits: max_val = max(−x, 0); log(1 + e^−x) = log(e^−m + e^(−x−m)) + m.
    const maxVal = input.neg().clamp({ min: 0 });
    const softplusNeg = maxVal.neg().exp().add(input.neg().sub(maxVal).exp()).log().add(maxVal);
    const linear = target.neg().add(1).mul(input);
    let loss: Tensor;
    if (o.posWeight !== null) {
      const logWeight = o.posWeight.sub(1).mul(target).add(1);
      loss = linear.add(logWeight.mul(softplusNeg));
    } else {
      loss = linear.add(softplusNeg);
    }
    if (o.weight !== null) loss = loss.mul(o.weight);
    return applyReduction(loss, reduction);
  }));
}

// ---------------------------------------------------------------------------------------------
// Classification over C classes: NLL and cross entropy
// ---------------------------------------------------------------------------------------------

/** input [N, C, d1, …] (or [C]) as [M, C] rows, one per target element. */
function classRows(input: Tensor): Tensor {
  if (input.ndim === 1) return input.unsqueeze(0);
  if (input.ndim === 2) return input;
  return input.movedim(1, -1).reshape(-1, input.shape[1]!);
}

/** The shape checks of aten::nll_loss_nd (and nll_loss / nll_loss2d beneath it), in their order and words. */
function checkNllShapes(input: Tensor, target: Tensor, weight: Tensor | null): void {
  if (input.ndim < 1) throw new Error(`Expected 1 or more dimensions (got ${input.ndim})`);
  if (input.ndim !== 1 && (target.ndim === 0 || input.shape[0] !== target.shape[0])) {
    throw new Error(`Expected input batch_size (${input.shape[0]}) to match target batch_size (${target.shape[0] ?? 1}).`);
  }
  const C = input.ndim === 1 ? input.shape[0]! : input.shape[1]!;
  if (input.ndim <= 2) {
    if (target.ndim > 1) throw new Error('0D or 1D target tensor expected, multi-target not supported');
    const noBatchDim = input.ndim === 1 && target.ndim === 0;
    if (!noBatchDim && input.shape[0] !== target.shape[0]) {
      throw new Error(`size mismatch (got input: ${sizesStr(input.shape)}, target: ${sizesStr(target.shape)})`);
    }
    if (weight !== null && !(weight.ndim === 1 && weight.numel() === C)) {
      throw new Error(`weight tensor should be defined either for all ${C} classes or no classes but got weight tensor of shape: ${sizesStr(weight.shape)}`);
    }
  } else if (input.ndim === 4) {
    if (target.ndim !== 3) throw new Error(`only batches of spatial targets supported (3D tensors) but got targets of dimension: ${target.ndim}`);
    if (weight !== null && weight.numel() !== C) throw new Error('weight tensor should be defined either for all or no classes');
    if (input.shape[2] !== target.shape[1] || input.shape[3] !== target.shape[2]) {
      // PyTorch's message, spacing and missing parenthesis included.
      throw new Error(`size mismatch (got input: ${sizesStr(input.shape)} , target: ${sizesStr(target.shape)}`);
    }
  } else {
    const outSize = [input.shape[0]!, ...input.shape.slice(2)];
    if (!sameShape(target.shape.slice(1), input.shape.slice(2))) {
      throw new Error(`Expected target size ${sizesStr(outSize)}, got ${sizesStr(target.shape)}`);
    }
    if (weight !== null && weight.numel() !== C) throw new Error('weight tensor should be defined either for all or no classes');
  }
}

/**
 * aten::nll_loss_nd on log-probabilities: −w[y]·x[y] per element, 0 where y = ignoreIndex; 'mean'
 * divides by the summed weights of the kept elements (NaN when all are ignored, as PyTorch).
 */
function nllLossNd(input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number): Tensor {
  checkNllShapes(input, target, weight);
  expectLong(target, true);
  // As aten::nll_loss_nd: nll_loss for [C] and [N, C], nll_loss2d for [N, C, H, W], and other ranks
  // viewed as [N, C, 1, L] for nll_loss2d (the 'none' result viewed back).
  if (input.ndim <= 2 || input.ndim === 4) return nllLossOp(input, target, weight, reduction, ignoreIndex, input.ndim === 4);
  const [n, c] = input.shape as [number, number];
  const outSize = [n, ...input.shape.slice(2)];
  const input4 = input.numel() > 0 ? input.contiguous().view(n, c, 1, -1) : input.contiguous().view(n, c, 0, 0);
  const target3 = target.numel() > 0 ? target.contiguous().view(n, 1, -1) : target.contiguous().view(n, 0, 0);
  const out = nllLossOp(input4, target3, weight, reduction, ignoreIndex, true);
  return reduction === 'none' ? out.view(outSize) : out;
}

/** The recorded nll_loss / nll_loss2d op (NllLossBackward0 / NllLoss2DBackward0). */
function nllLossOp(input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number, twoD: boolean): Tensor {
  const C = input.ndim === 1 ? input.shape[0]! : input.shape[1]!;
  return traced('nllLoss', [input, target, weight], { reduction, ignoreIndex, twoD }, () => tidy(() => {
    const t = target.dtype === 'int64' ? target.reshape(-1) : target.reshape(-1).long();
    const kept = t.ne(ignoreIndex);
    const bad = kept.logicalAnd(t.lt(0).logicalOr(t.ge(C)));
    if (anySync(t, () => bad)) throw new Error(`Target ${firstWhere(t, bad)} is out of bounds.`);
    const safe = where(kept, t, 0);
    const picked = classRows(input).gather(1, safe.unsqueeze(1)).squeeze(1);
    const w = weight === null ? kept.to(input.dtype) : where(kept, weight.gather(0, safe), 0);
    const loss = where(kept, picked.mul(w).neg(), 0);
    if (reduction === 'none') return loss.reshape(target.shape);
    if (reduction === 'sum') return loss.sum();
    return loss.sum().div(w.sum());
  }));
}

export interface NllLossOptions extends ReductionOptions {
  weight?: Tensor | null;
  ignoreIndex?: number;
}
type NllArgs = Args<
  [weight: Tensor | null, sizeAverage: boolean | null, ignoreIndex: number, reduce: boolean | null, reduction: Reduction],
  NllLossOptions
>;

const NLL_LOSS_SIGNATURE = signature("nllLoss(Tensor input, Tensor target, Tensor? weight=None, bool? sizeAverage=None, int ignoreIndex=-100, bool? reduce=None, str reduction='mean')");

/**
 * Negative log likelihood of class indices: input [N, C] (or [C], or [N, C, d1, …, dK]) of
 * log-probabilities, target [N] (or [], or [N, d1, …, dK]) of int64 class indices.
 *
 * @example
 * F.nllLoss(F.logSoftmax(logits, 1), labels, { ignoreIndex: 0 });
 */
export function nllLoss(input: Tensor, target: Tensor, ...args: NllArgs): Tensor {
  const o = NLL_LOSS_SIGNATURE.parse<Required<NllLossOptions> & { input: typeof input; target: typeof target }>([input, target, ...args]);
  ({ input, target } = o);
  return nllLossNd(input, target, o.weight, checkReduction(reductionOf(o)), o.ignoreIndex);
}

export interface CrossEntropyOptions extends NllLossOptions {
  labelSmoothing?: number;
}
type CrossEntropyArgs = Args<
  [weight: Tensor | null, sizeAverage: boolean | null, ignoreIndex: number, reduce: boolean | null, reduction: Reduction, labelSmoothing: number],
  CrossEntropyOptions
>;

/** weight [C] as [1, C, 1, …] to broadcast along the class dimension. */
function classWeightView(weight: Tensor, ndim: number, classDim: number): Tensor {
  if (ndim <= 1) return weight;
  return weight.reshape(Array.from({ length: ndim }, (_, d) => (d === classDim ? weight.shape[0]! : 1)));
}

function checkLabelSmoothing(ls: number): void {
  if (ls > 1) throw new Error(`label_smoothing must be between 0.0 and 1.0. Got: ${ls}`);
}

/** aten::cross_entropy_loss_prob_target: targets are class probabilities, the input's shape. */
function crossEntropyProbTarget(input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ls: number): Tensor {
  const classDim = input.ndim === 1 ? 0 : 1;
  const C = input.shape[classDim]!;
  if (weight !== null && !(weight.ndim === 1 && weight.numel() === C)) {
    throw new Error(`cross_entropy: weight tensor should be defined either for all ${C} classes or no classes but got weight tensor of shape: ${sizesStr(weight.shape)}`);
  }
  if (ls > 0) checkLabelSmoothing(ls);
  return tidy(() => {
    const logp = input.logSoftmax(classDim);
    const t = ls > 0 ? target.mul(1 - ls).add(ls / C) : target;
    let prod = logp.mul(t);
    if (weight !== null) prod = prod.mul(classWeightView(weight, input.ndim, classDim));
    if (reduction === 'none') return prod.sum(classDim).neg();
    if (reduction === 'sum') return prod.sum().neg();
    return prod.sum().neg().div(input.numel() / C);
  });
}

/** aten::cross_entropy_loss_label_smoothing: (1 − ε)·NLL + ε/C·(−Σ_c w_c·log p_c), ignored elements zeroed. */
function crossEntropyLabelSmoothing(input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number, ls: number): Tensor {
  const classDim = input.ndim === 1 ? 0 : 1;
  const C = input.shape[classDim]!;
  return tidy(() => {
    const logp = input.logSoftmax(classDim);
    const nll = nllLossNd(logp, target, weight, reduction, ignoreIndex);
    const ignored = target.eq(ignoreIndex);
    const t = target.long();
    const weighted = weight === null ? logp : logp.mul(classWeightView(weight, input.ndim, classDim));
    const smooth = weighted.sum(classDim).neg().maskedFill(ignored, 0);
    let ret: Tensor;
    if (reduction === 'mean') {
      const kept = ignored.logicalNot();
      const denom = weight === null ? kept.sum() : where(kept, weight.gather(0, where(kept, t, 0).reshape(-1)).reshape(target.shape), 0).sum();
      ret = smooth.sum().div(denom);
    } else {
      ret = reduction === 'sum' ? smooth.sum() : smooth;
    }
    return nll.mul(1 - ls).add(ret.mul(ls / C));
  });
}

const CROSS_ENTROPY_SIGNATURE = signature("crossEntropy(Tensor input, Tensor target, Tensor? weight=None, bool? sizeAverage=None, int ignoreIndex=-100, bool? reduce=None, str reduction='mean', float labelSmoothing=0)");

/**
 * Cross entropy of unnormalised logits: log-softmax over the class dimension (dim 1, or 0 for a
 * single sample) then NLL. The target holds int64 class indices ([N], or [N, d1, …] for
 * K-dimensional inputs) or, when it has the input's shape, class probabilities. Supports class
 * `weight`, `ignoreIndex` and `labelSmoothing`.
 *
 * @example
 * const loss = F.crossEntropy(logits, labels);            // logits [N, C], labels [N]
 * F.crossEntropy(logits, labels, { labelSmoothing: 0.1 });
 */
export function crossEntropy(input: Tensor, target: Tensor, ...args: CrossEntropyArgs): Tensor {
  const o = CROSS_ENTROPY_SIGNATURE.parse<Required<CrossEntropyOptions> & { input: typeof input; target: typeof target }>([input, target, ...args]);
  ({ input, target } = o);
  const reduction = checkReduction(reductionOf(o));
  const ls = o.labelSmoothing;
  if (sameShape(input.shape, target.shape)) {
    if (!isFloatingPoint(target.dtype)) {
      throw new Error(`Expected floating point type for target with class probabilities, got ${scalarTypeName(target.dtype)}`);
    }
    if (!(o.ignoreIndex < 0)) throw new Error('ignore_index is not supported for floating point target');
    return crossEntropyProbTarget(input, target, o.weight, reduction, ls);
  }
  if (ls > 0) {
    checkLabelSmoothing(ls);
    return crossEntropyLabelSmoothing(input, target, o.weight, reduction, o.ignoreIndex, ls);
  }
  const classDim = input.ndim === 1 ? 0 : 1;
  return tidy(() => nllLossNd(input.logSoftmax(classDim), target, o.weight, reduction, o.ignoreIndex));
}

// ---------------------------------------------------------------------------------------------
// Margin and embedding losses
// ---------------------------------------------------------------------------------------------

export interface MarginOptions extends ReductionOptions {
  margin?: number;
}
type MarginArgs = Args<[margin: number, sizeAverage: boolean | null, reduce: boolean | null, reduction: Reduction], MarginOptions>;

const MARGIN_RANKING_LOSS_SIGNATURE = signature("marginRankingLoss(Tensor input1, Tensor input2, Tensor target, float margin=0, bool? sizeAverage=None, bool? reduce=None, str reduction='mean')");

/**
 * max(0, −y·(x1 − x2) + margin): x1 should rank higher than x2 where y = 1, lower where y = −1.
 *
 * @example
 * F.marginRankingLoss(x1, x2, y, { margin: 0.5 });
 */
export function marginRankingLoss(input1: Tensor, input2: Tensor, target: Tensor, ...args: MarginArgs): Tensor {
  const o = MARGIN_RANKING_LOSS_SIGNATURE.parse<Required<MarginOptions> & { input1: typeof input1; input2: typeof input2; target: typeof target }>([input1, input2, target, ...args]);
  ({ input1, input2, target } = o);
  const reduction = checkReduction(reductionOf(o));
  if (input1.ndim !== input2.ndim || input1.ndim !== target.ndim) {
    throw new Error(
      'margin_ranking_loss : All input tensors should have same dimension but got sizes: ' +
        `input1: ${formatSize(input1.shape)}, input2: ${formatSize(input2.shape)}, target: ${formatSize(target.shape)} `,
    );
  }
  return tidy(() => applyReduction(target.neg().mul(input1.sub(input2)).add(o.margin).clamp({ min: 0 }), reduction));
}

const HINGE_EMBEDDING_LOSS_SIGNATURE = signature("hingeEmbeddingLoss(Tensor input, Tensor target, float margin=1, bool? sizeAverage=None, bool? reduce=None, str reduction='mean')");

/**
 * x where y = 1, max(0, margin − x) where y = −1 (x is usually a distance).
 *
 * @example
 * F.hingeEmbeddingLoss(distances, y, { margin: 2 });
 */
export function hingeEmbeddingLoss(input: Tensor, target: Tensor, ...args: MarginArgs): Tensor {
  const o = HINGE_EMBEDDING_LOSS_SIGNATURE.parse<Required<MarginOptions> & { input: typeof input; target: typeof target }>([input, target, ...args]);
  ({ input, target } = o);
  const reduction = checkReduction(reductionOf(o));
  return tidy(() => {
    const marginClamp = input.neg().add(o.margin).clamp({ min: 0 });
    const outputMargin = where(target.ne(1), marginClamp, 0);
    const outputSelf = where(target.ne(-1), input, 0);
    return applyReduction(outputMargin.add(outputSelf), reduction);
  });
}

/**
 * log(1 + exp(−y·x)), the two-class logistic loss with targets ±1.
 *
 * @example
 * F.softMarginLoss(scores, y);
 */
export function softMarginLoss(input: Tensor, target: Tensor, ...args: PlainArgs): Tensor {
  const o = plainReduction('softMarginLoss', input, target, args);
  ({ input, target } = o);
  const reduction = o.reduction;
  if (target.requiresGrad && isGradEnabled()) {
    throw new Error("The function 'soft_margin_loss' is not differentiable with respect to argument 'target'. This input cannot have requires_grad True.");
  }
  return traced('softMarginLoss', [input, target], { reduction }, () => tidy(() => applyReduction(input.neg().mul(target).exp().log1p(), reduction)));
}

export interface WeightedOptions extends ReductionOptions {
  weight?: Tensor | null;
}
type WeightedArgs = Args<[weight: Tensor | null, sizeAverage: boolean | null, reduce: boolean | null, reduction: Reduction], WeightedOptions>;

const MULTILABEL_SOFT_MARGIN_LOSS_SIGNATURE = signature("multilabelSoftMarginLoss(Tensor input, Tensor target, Tensor? weight=None, bool? sizeAverage=None, bool? reduce=None, str reduction='mean')");

/**
 * One-versus-all logistic loss over C labels: −mean_c w_c·[y_c·log σ(x_c) + (1 − y_c)·log σ(−x_c)].
 *
 * @example
 * F.multilabelSoftMarginLoss(logits, multiHot);
 */
export function multilabelSoftMarginLoss(input: Tensor, target: Tensor, ...args: WeightedArgs): Tensor {
  const o = MULTILABEL_SOFT_MARGIN_LOSS_SIGNATURE.parse<Required<WeightedOptions> & { input: typeof input; target: typeof target }>([input, target, ...args]);
  ({ input, target } = o);
  const reduction = reductionOf(o);
  return tidy(() => {
    let loss = target.mul(logsigmoid(input)).add(target.neg().add(1).mul(logsigmoid(input.neg()))).neg();
    if (o.weight !== null) loss = loss.mul(o.weight);
    const classDim = input.ndim - 1;
    loss = loss.sum(classDim).div(input.shape[classDim] ?? 1);
    return applyReduction(loss, checkReduction(reduction, notValid));
  });
}

/** The input checks of multi_margin_loss / multilabel_margin_loss: [C] or [N, C] (or a 0-dim scalar). */
function checkMarginInput(input: Tensor): void {
  const n = input.ndim;
  if (!((n === 2 && input.shape[1] !== 0) || (n === 1 && input.shape[0] !== 0) || n === 0)) {
    throw new Error(`Expected non-empty vector or matrix with optional 0-dim batch size, but got: ${sizesStr(input.shape)}`);
  }
}

function asRows(input: Tensor): Tensor {
  return input.ndim === 0 ? input.reshape(1, 1) : input.ndim === 1 ? input.unsqueeze(0) : input;
}

export interface MultiMarginOptions extends WeightedOptions {
  p?: number;
  margin?: number;
}
type MultiMarginArgs = Args<
  [p: number, margin: number, weight: Tensor | null, sizeAverage: boolean | null, reduce: boolean | null, reduction: Reduction],
  MultiMarginOptions
>;

const MULTI_MARGIN_LOSS_SIGNATURE = signature("multiMarginLoss(Tensor input, Tensor target, float p=1, float margin=1, Tensor? weight=None, bool? sizeAverage=None, bool? reduce=None, str reduction='mean')");

/**
 * Multi-class hinge loss Σ_{i≠y} max(0, margin − x_y + x_i)^p / C, scaled by weight[y].
 *
 * @example
 * F.multiMarginLoss(scores, labels, { p: 2, margin: 0.5 });
 */
export function multiMarginLoss(input: Tensor, target: Tensor, ...args: MultiMarginArgs): Tensor {
  const o = MULTI_MARGIN_LOSS_SIGNATURE.parse<Required<MultiMarginOptions> & { input: typeof input; target: typeof target }>([input, target, ...args]);
  ({ input, target } = o);
  const reduction = checkReduction(reductionOf(o));
  if (o.p !== 1 && o.p !== 2) throw new Error('only p == 1 and p == 2 supported');
  if (o.weight !== null && o.weight.ndim !== 1) throw new Error('weight must be one-dimensional');
  checkMarginInput(input);
  const nframe = input.ndim <= 1 ? 1 : input.shape[0]!;
  const C = input.ndim === 0 ? 1 : input.shape[input.ndim - 1]!;
  if (!(target.ndim <= 1 && target.numel() === nframe)) throw new Error(`inconsistent target size, got: ${sizesStr(target.shape)}`);
  expectLong(target);
  return traced('multiMarginLoss', [input, target, o.weight], { reduction, p: o.p, margin: o.margin }, () => tidy(() => {
    const t = target.reshape(-1, 1);
    if (anySync(t, () => t.lt(0).logicalOr(t.ge(C)))) throw new Error('target out of range');
    const x = asRows(input);
    // z_i = margin − x_y + x_i; the hinge (relu) passes no gradient at z = 0, as the kernel's z > 0.
    let h = x.gather(1, t).neg().add(o.margin).add(x).relu();
    if (o.p === 2) h = h.square();
    if (o.weight !== null) h = h.mul(o.weight.gather(0, t.reshape(-1)).unsqueeze(1));
    const others = arange(C, { device: x.device }).reshape(1, C).ne(t);
    const loss = where(others, h, 0).sum(1).div(C);
    if (reduction === 'none') return target.ndim > 0 ? loss : loss.reshape([]);
    return applyReduction(loss, reduction);
  }));
}

/**
 * Multi-label hinge loss: each row of the target lists class indices, ended by the first −1;
 * Σ_{j ∈ targets, i ∉ targets} max(0, 1 − (x_j − x_i)) / C.
 *
 * @example
 * F.multilabelMarginLoss(torch.tensor([[0.1, 0.2, 0.4, 0.8]]), torch.tensor([[3, 0, -1, 1]])); // 0.85
 */
export function multilabelMarginLoss(input: Tensor, target: Tensor, ...args: PlainArgs): Tensor {
  const o = plainReduction('multilabelMarginLoss', input, target, args);
  ({ input, target } = o);
  const reduction = o.reduction;
  checkMarginInput(input);
  if (input.ndim <= 1) {
    const dim = input.ndim === 0 ? 1 : input.shape[0]!;
    if (!(target.ndim <= 1 && target.numel() === dim)) throw new Error(`inconsistent size ${sizesStr(target.shape)} for argument #2 'target'`);
  } else if (!(target.ndim === 2 && target.shape[0] === input.shape[0] && target.shape[1] === input.shape[1])) {
    throw new Error(`inconsistent size ${sizesStr(target.shape)} for argument #2 'target'`);
  }
  expectLong(target);
  const C = input.ndim === 0 ? 1 : input.shape[input.ndim - 1]!;
  return traced('multilabelMarginLoss', [input, target], { reduction }, () => tidy(() => {
    const x = asRows(input);
    const t = target.reshape(x.shape);
    // The labels of a row are the prefix before its first −1.
    const listed = t.eq(-1).long().cumsum(1).eq(0);
    if (anySync(t, () => listed.logicalAnd(t.lt(0).logicalOr(t.ge(C))))) throw new Error("argument #2 'target' is out of range");
    const safe = where(listed, t, 0);
    const isTarget = x.newZeros(x.shape).scatterAdd(1, safe, listed.to(x.dtype)).gt(0);
    // z[n, k, i] = 1 − x[n, t_k] + x[n, i] over listed labels k and non-target classes i.
    const z = x.gather(1, safe).neg().add(1).unsqueeze(2).add(x.unsqueeze(1));
    const pairs = listed.unsqueeze(2).logicalAnd(isTarget.logicalNot().unsqueeze(1));
    const loss = where(pairs, z.relu(), 0).sum([1, 2]).div(C);
    if (reduction === 'none') return target.ndim <= 1 ? loss.reshape([]) : loss;
    return applyReduction(loss, reduction);
  }));
}

const COSINE_EMBEDDING_LOSS_SIGNATURE = signature("cosineEmbeddingLoss(Tensor input1, Tensor input2, Tensor target, float margin=0, bool? sizeAverage=None, bool? reduce=None, str reduction='mean')");

/**
 * 1 − cos(x1, x2) where y = 1, max(0, cos(x1, x2) − margin) where y = −1; rows of [N, D] inputs
 * with target [N], or [D] inputs with a 0-dim target.
 *
 * @example
 * F.cosineEmbeddingLoss(a, b, torch.tensor([1, -1]));
 */
export function cosineEmbeddingLoss(input1: Tensor, input2: Tensor, target: Tensor, ...args: MarginArgs): Tensor {
  const o = COSINE_EMBEDDING_LOSS_SIGNATURE.parse<Required<MarginOptions> & { input1: typeof input1; input2: typeof input2; target: typeof target }>([input1, input2, target, ...args]);
  ({ input1, input2, target } = o);
  const reduction = checkReduction(reductionOf(o));
  const targDim = target.ndim;
  if (targDim !== 0 && targDim !== 1) throw new Error('0D or 1D target tensor expected, multi-target not supported');
  if (targDim === 1 && !(input1.ndim === 2 && input2.ndim === 2)) {
    throw new Error(`1D target tensor expects 2D input tensors, but found inputs with sizes ${sizesStr(input1.shape)} and ${sizesStr(input2.shape)}.`);
  }
  if (targDim === 0 && !(input1.ndim === 1 && input2.ndim === 1)) {
    throw new Error(`0D target tensor expects 1D input tensors, but found inputs with sizes ${sizesStr(input1.shape)} and ${sizesStr(input2.shape)}.`);
  }
  const EPSILON = 1e-12;
  return tidy(() => {
    const prodSum = input1.mul(input2).sum(targDim);
    const mag1 = input1.mul(input1).sum(targDim).add(EPSILON);
    const mag2 = input2.mul(input2).sum(targDim).add(EPSILON);
    const cos = prodSum.div(mag1.mul(mag2).sqrt());
    const pos = cos.neg().add(1);
    const neg = cos.sub(o.margin).clamp({ min: 0 });
    return applyReduction(where(target.eq(1), pos, 0).add(where(target.eq(-1), neg, 0)), reduction);
  });
}

export interface TripletMarginOptions extends ReductionOptions {
  margin?: number;
  p?: number;
  eps?: number;
  swap?: boolean;
}
type TripletArgs = Args<
  [margin: number, p: number, eps: number, swap: boolean, sizeAverage: boolean | null, reduce: boolean | null, reduction: Reduction],
  TripletMarginOptions
>;

const TRIPLET_MARGIN_LOSS_SIGNATURE = signature("tripletMarginLoss(Tensor anchor, Tensor positive, Tensor negative, float margin=1, float p=2, float eps=1e-6, bool swap=False, bool? sizeAverage=None, bool? reduce=None, str reduction='mean')");

/**
 * max(d(a, p) − d(a, n) + margin, 0) with d(x, y) = ‖x − y + eps‖_p; `swap` uses min(d(a, n), d(p, n)).
 *
 * @example
 * F.tripletMarginLoss(anchor, positive, negative, { margin: 1, p: 2 });
 */
export function tripletMarginLoss(anchor: Tensor, positive: Tensor, negative: Tensor, ...args: TripletArgs): Tensor {
  const o = TRIPLET_MARGIN_LOSS_SIGNATURE.parse<Required<TripletMarginOptions> & { anchor: typeof anchor; positive: typeof positive; negative: typeof negative }>([anchor, positive, negative, ...args]);
  ({ anchor, positive, negative } = o);
  const reduction = checkReduction(reductionOf(o));
  if (!(anchor.ndim === positive.ndim && positive.ndim === negative.ndim)) {
    throw new Error(`All inputs should have same dimension but got ${anchor.ndim}D, ${positive.ndim}D and ${negative.ndim}D inputs.`);
  }
  return tidy(() => {
    const distPos = pairwiseDistance(anchor, positive, o.p, o.eps);
    let distNeg = pairwiseDistance(anchor, negative, o.p, o.eps);
    if (o.swap) distNeg = distNeg.minimum(pairwiseDistance(positive, negative, o.p, o.eps));
    return applyReduction(distPos.add(o.margin).sub(distNeg).clamp({ min: 0 }), reduction);
  });
}

export interface TripletMarginWithDistanceOptions {
  distanceFunction?: ((x1: Tensor, x2: Tensor) => Tensor) | null;
  margin?: number;
  swap?: boolean;
  reduction?: Reduction;
}

const TRIPLET_MARGIN_WITH_DISTANCE_LOSS_SIGNATURE = signature("tripletMarginWithDistanceLoss(Tensor anchor, Tensor positive, Tensor negative, *, callable? distanceFunction=None, float margin=1, bool swap=False, str reduction='mean')");

/**
 * The triplet loss with any distance (default: the pairwise L2 distance); keyword-only options.
 *
 * @example
 * F.tripletMarginWithDistanceLoss(a, p, n, { distanceFunction: (x, y) => F.cosineSimilarity(x, y).neg().add(1) });
 */
export function tripletMarginWithDistanceLoss(anchor: Tensor, positive: Tensor, negative: Tensor, options: TripletMarginWithDistanceOptions = {}): Tensor {
  const o = TRIPLET_MARGIN_WITH_DISTANCE_LOSS_SIGNATURE.parse<Required<TripletMarginWithDistanceOptions> & { anchor: typeof anchor; positive: typeof positive; negative: typeof negative }>([anchor, positive, negative, options]);
  ({ anchor, positive, negative } = o);
  const distance = o.distanceFunction ?? ((x1: Tensor, x2: Tensor) => pairwiseDistance(x1, x2, 2, 1e-6));
  return tidy(() => {
    const positiveDist = distance(anchor, positive);
    let negativeDist = distance(anchor, negative);
    if (o.swap) negativeDist = negativeDist.minimum(distance(positive, negative));
    const output = positiveDist.sub(negativeDist).add(o.margin).clamp({ min: 0 });
    return applyReduction(output, checkReduction(o.reduction));
  });
}

// ---------------------------------------------------------------------------------------------
// CTC
// ---------------------------------------------------------------------------------------------

export interface CtcLossOptions {
  blank?: number;
  reduction?: Reduction;
  zeroInfinity?: boolean;
}
type CtcArgs = Args<[blank: number, reduction: Reduction, zeroInfinity: boolean], CtcLossOptions>;
type Lengths = Tensor | readonly number[] | number;

/** Stands in for log 0 inside the recursion: finite, so no inf − inf reaches a gradient. */
const LOG_ZERO = -1e30;

function lengthsOf(name: string, lengths: Lengths): number[] {
  if (typeof lengths === 'number') return [lengths];
  if (Array.isArray(lengths)) return lengths.map(Number);
  const t = lengths as Tensor;
  if (isFloatingPoint(t.dtype) || t.dtype === 'bool') throw new Error(`${name} must be integral`);
  if (!t.backend.readSync) throw new Error(`${name}: pass the lengths as a CPU tensor or an array of numbers`);
  return Array.from(t.reshape(-1).numpy() as ArrayLike<number | bigint>, Number);
}

const CTC_CHECK = '(while checking arguments for ctc_loss_cpu)';

const CTC_LOSS_SIGNATURE = signature("ctcLoss(Tensor logProbs, Tensor targets, Tensor|int[] inputLengths, Tensor|int[] targetLengths, int blank=0, str reduction='mean', bool zeroInfinity=False)");

/**
 * Connectionist temporal classification loss. `logProbs` is [T, N, C] (or [T, C]) log-probabilities,
 * `targets` padded [N, S] or concatenated [Σ targetLengths] class indices (never `blank`), the
 * lengths tensors or arrays of N integers. 'mean' averages loss_n / targetLength_n over the batch.
 *
 * The forward pass is the alpha recursion in log space, one vectorised step per time step; the
 * gradient is autograd's through it, plus exp(logProbs) over each sequence's time steps, the term
 * PyTorch's CTC backward adds (it treats logProbs as a log-softmax output, so the term vanishes
 * through the softmax but shows on a log-probability leaf).
 *
 * @example
 * const loss = F.ctcLoss(logits.logSoftmax(2), targets, inputLengths, targetLengths);
 */
export function ctcLoss(logProbs: Tensor, targets: Tensor, inputLengths: Lengths, targetLengths: Lengths, ...args: CtcArgs): Tensor {
  const o = CTC_LOSS_SIGNATURE.parse<Required<CtcLossOptions> & { logProbs: typeof logProbs; targets: typeof targets; inputLengths: typeof inputLengths; targetLengths: typeof targetLengths }>([logProbs, targets, inputLengths, targetLengths, ...args]);
  ({ logProbs, targets, inputLengths, targetLengths } = o);
  const reduction = checkReduction(o.reduction);
  const il = lengthsOf('input_lengths', inputLengths);
  const tl = lengthsOf('target_lengths', targetLengths);
  const batched = logProbs.ndim === 3;
  const lpDims = batched ? 3 : logProbs.ndim + 1;
  if (lpDims !== 3) throw new Error(`Expected 3-dimensional tensor, but got ${lpDims}-dimensional tensor for argument #1 'log_probs' ${CTC_CHECK}`);
  if (targets.ndim < 1 || targets.ndim > 2) {
    throw new Error(`Expected 1 to 2 dimensions, but got ${targets.ndim}-dimensional tensor for argument #2 'targets' ${CTC_CHECK}`);
  }
  const lp = batched ? logProbs : logProbs.unsqueeze(1);
  const [T, B, C] = lp.shape as [number, number, number];
  if (!(o.blank >= 0 && o.blank < C)) throw new Error('blank must be in label range');
  if (il.length !== B) throw new Error('input_lengths must be of size batch_size');
  if (tl.length !== B) throw new Error('target_lengths must be of size batch_size');
  for (const l of tl) if (l < 0) throw new Error(`Expected target_lengths to have value at least 0, but got value ${l} ${CTC_CHECK}`);
  const Lmax = Math.max(0, ...tl);
  const total = tl.reduce((a, b) => a + b, 0);
  if (targets.ndim === 1) {
    if (targets.shape[0] !== total) {
      throw new Error(`Expected tensor to have size ${total} at dimension 0, but got size ${targets.shape[0]} for argument #2 'targets' ${CTC_CHECK}`);
    }
  } else {
    if (targets.shape[0] !== B) {
      throw new Error(`Expected tensor to have size ${B} at dimension 0, but got size ${targets.shape[0]} for argument #2 'targets' ${CTC_CHECK}`);
    }
    if (targets.shape[1]! < Lmax) {
      throw new Error(`Expected tensor to have size at least ${Lmax} at dimension 1, but got size ${targets.shape[1]} for argument #2 'targets' ${CTC_CHECK}`);
    }
  }
  for (const l of il) {
    if (l > T) throw new Error(`Expected input_lengths to have value at most ${T}, but got value ${l} ${CTC_CHECK}`);
  }
  const steps = Math.max(0, ...il);
  return tidy(() => {
    const long = (values: number[], shape: number[]): Tensor => lp.newTensor(values, { dtype: 'int64' }).reshape(shape);
    const tlT = long(tl, [B]);
    const S = 2 * Lmax + 1;
    // Extended labels [B, S]: blank, l1, blank, l2, …, blank.
    let ext: Tensor;
    if (Lmax === 0) {
      ext = lp.newFull([B, 1], o.blank, { dtype: 'int64' });
    } else {
      let padded: Tensor;
      const tg = targets.long();
      if (targets.ndim === 1) {
        const offsets = tl.map((_, b) => tl.slice(0, b).reduce((a, c) => a + c, 0));
        const idx = long(offsets, [B, 1]).add(long(Array.from({ length: Lmax }, (_, k) => k), [1, Lmax])).clamp({ max: Math.max(total - 1, 0) });
        padded = tg.gather(0, idx.reshape(-1)).reshape(B, Lmax);
      } else {
        padded = tg.narrow(1, 0, Lmax);
      }
      const blanks = lp.newFull([B, Lmax], o.blank, { dtype: 'int64' });
      ext = cat([stack([blanks, padded], 2).reshape(B, 2 * Lmax), lp.newFull([B, 1], o.blank, { dtype: 'int64' })], 1);
    }
    // A label may be reached from two states back when it is not blank and differs from that one.
    const skip =
      S > 2
        ? cat([lp.newZeros([B, 2], { dtype: 'bool' }), ext.narrow(1, 2, S - 2).ne(ext.narrow(1, 0, S - 2))], 1).logicalAnd(ext.ne(o.blank))
        : null;
    const lpExt = lp.gather(2, ext.unsqueeze(0).expand(T, B, S).contiguous());
    // alpha before the first step: all mass on a virtual start feeding states 0 and 1.
    let alpha = cat([lp.newZeros([B, 1]), lp.newFull([B, S - 1], LOG_ZERO)], 1);
    const ilT = long(il, [B, 1]);
    const logZeroCol = lp.newFull([B, 1], LOG_ZERO);
    const logZeroCol2 = lp.newFull([B, 2], LOG_ZERO);
    const shortest = Math.min(...il);
    for (let t = 0; t < steps; t++) {
      const terms = [alpha];
      if (S > 1) terms.push(cat([logZeroCol, alpha.narrow(1, 0, S - 1)], 1));
      if (skip !== null) terms.push(where(skip, cat([logZeroCol2, alpha.narrow(1, 0, S - 2)], 1), LOG_ZERO));
      const next = stack(terms, 0).logsumexp(0).add(lpExt.select(0, t));
      // Sequences that have ended keep their last alpha.
      alpha = t < shortest ? next : where(ilT.gt(t), next, alpha);
    }
    // log p(target) = logsumexp(alpha[2L], alpha[2L − 1]) (only alpha[0] for an empty target).
    const ends = stack([tlT.mul(2), tlT.mul(2).sub(1).clamp({ min: 0 })], 1);
    const endAlpha = where(stack([tlT.ge(0), tlT.gt(0)], 1), alpha.gather(1, ends), LOG_ZERO);
    const logLikelihood = endAlpha.logsumexp(1);
    const infeasible = logLikelihood.lt(LOG_ZERO / 2);
    // PyTorch's gradient adds exp(logProbs) over each sequence's steps: a term with value 0 and that gradient.
    const times = long(Array.from({ length: T }, (_, i) => i), [T, 1]);
    const probMass = where(times.lt(ilT.reshape(1, B)).unsqueeze(2), lp.exp(), 0).sum([0, 2]);
    const zeroWithGrad = where(infeasible, 0, probMass.sub(probMass.detach()));
    let res = where(infeasible, Infinity, logLikelihood.neg()).add(zeroWithGrad);
    if (o.zeroInfinity) res = where(res.eq(Infinity), 0, res);
    if (reduction === 'mean') return res.div(tlT.clamp({ min: 1 }).to(res.dtype)).mean();
    if (reduction === 'sum') return res.sum();
    return batched ? res : res.squeeze(0);
  });
}
