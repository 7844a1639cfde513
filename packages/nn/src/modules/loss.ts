/**
 * The loss modules of torch.nn: each keeps its settings (PyTorch's attributes, camelCase) and calls
 * its functional form in forward. As in PyTorch they print with no arguments (`CrossEntropyLoss()`),
 * and a class `weight` (or BCEWithLogitsLoss's `pos_weight`) is a registered buffer, so it moves
 * with `.to()` and appears in `stateDict()` when set.
 */
import type { Tensor } from '@x/tensor';
import { signature } from '@x/tensor';
import { Module } from '../module';
import type { Args } from '@x/tensor';
import * as F from '../functional/loss';
import type { Reduction } from '../functional/loss';

/** Base of the losses (torch.nn.modules.loss._Loss): resolves the legacy sizeAverage/reduce pair. */
export abstract class _Loss extends Module {
  reduction: string;

  constructor(sizeAverage: boolean | null = null, reduce: boolean | null = null, reduction: string = 'mean') {
    super();
    this.reduction = sizeAverage !== null || reduce !== null ? F.legacyGetString(sizeAverage, reduce) : reduction;
  }
}

/** A loss with an optional per-class `weight` buffer (torch.nn.modules.loss._WeightedLoss). */
export abstract class _WeightedLoss extends _Loss {
  constructor(weight: Tensor | null = null, sizeAverage: boolean | null = null, reduce: boolean | null = null, reduction: string = 'mean') {
    super(sizeAverage, reduce, reduction);
    this.registerBuffer('weight', weight);
  }

  get weight(): Tensor | null {
    return this.getBuffer('weight');
  }
  set weight(w: Tensor | null) {
    this.setBuffer('weight', w);
  }
}

interface LegacyOptions {
  sizeAverage?: boolean | null;
  reduce?: boolean | null;
  reduction?: Reduction;
}
type PlainArgs = Args<[sizeAverage: boolean | null, reduce: boolean | null, reduction: Reduction], LegacyOptions>;

function plain(cls: string, args: readonly unknown[]): Required<LegacyOptions> {
  return signature(`${cls}(bool? sizeAverage=None, bool? reduce=None, str reduction='mean')`).parse<Required<LegacyOptions>>(args);
}

// ---- regression ----

/**
 * Mean absolute error.
 *
 * @example
 * const loss = new nn.L1Loss();
 * loss.forward(input, target).backward();
 */
export class L1Loss extends _Loss {
  constructor(...args: PlainArgs) {
    const o = plain('L1Loss', args);
    super(o.sizeAverage, o.reduce, o.reduction);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.l1Loss(input, target, { reduction: this.reduction as Reduction });
  }
}

/**
 * Mean squared error.
 *
 * @example
 * const loss = new nn.MSELoss({ reduction: 'sum' });
 */
export class MSELoss extends _Loss {
  constructor(...args: PlainArgs) {
    const o = plain('MSELoss', args);
    super(o.sizeAverage, o.reduce, o.reduction);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.mseLoss(input, target, { reduction: this.reduction as Reduction });
  }
}

const SMOOTH_L1_LOSS_SIGNATURE = signature("SmoothL1Loss(bool? sizeAverage=None, bool? reduce=None, str reduction='mean', float beta=1)");

/**
 * Smooth L1: quadratic below `beta`, linear above.
 *
 * @example
 * new nn.SmoothL1Loss({ beta: 0.5 });
 */
export class SmoothL1Loss extends _Loss {
  beta: number;
  constructor(...args: Args<[sizeAverage: boolean | null, reduce: boolean | null, reduction: Reduction, beta: number], F.SmoothL1LossOptions>) {
    const o = SMOOTH_L1_LOSS_SIGNATURE.parse<Required<F.SmoothL1LossOptions>>(args);
    super(o.sizeAverage, o.reduce, o.reduction);
    this.beta = o.beta;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.smoothL1Loss(input, target, { reduction: this.reduction as Reduction, beta: this.beta });
  }
}

const HUBER_LOSS_SIGNATURE = signature("HuberLoss(str reduction='mean', float delta=1)");

/**
 * Huber loss: quadratic below `delta`, delta-scaled linear above.
 *
 * @example
 * new nn.HuberLoss('mean', 2); new nn.HuberLoss({ delta: 2 });
 */
export class HuberLoss extends _Loss {
  delta: number;
  constructor(...args: Args<[reduction: Reduction, delta: number], F.HuberLossOptions>) {
    const o = HUBER_LOSS_SIGNATURE.parse<Required<F.HuberLossOptions>>(args);
    super(null, null, o.reduction);
    this.delta = o.delta;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.huberLoss(input, target, { reduction: this.reduction as Reduction, delta: this.delta });
  }
}

const POISSON_NLL_LOSS_SIGNATURE = signature("PoissonNLLLoss(bool logInput=True, bool full=False, bool? sizeAverage=None, float eps=1e-8, bool? reduce=None, str reduction='mean')");

/**
 * Poisson negative log likelihood.
 *
 * @example
 * new nn.PoissonNLLLoss({ logInput: false, full: true });
 */
export class PoissonNLLLoss extends _Loss {
  logInput: boolean;
  full: boolean;
  eps: number;
  constructor(
    ...args: Args<
      [logInput: boolean, full: boolean, sizeAverage: boolean | null, eps: number, reduce: boolean | null, reduction: Reduction],
      F.PoissonNllLossOptions
    >
  ) {
    const o = POISSON_NLL_LOSS_SIGNATURE.parse<Required<F.PoissonNllLossOptions>>(args);
    super(o.sizeAverage, o.reduce, o.reduction);
    this.logInput = o.logInput;
    this.full = o.full;
    this.eps = o.eps;
  }
  forward(logInput: Tensor, target: Tensor): Tensor {
    return F.poissonNllLoss(logInput, target, { logInput: this.logInput, full: this.full, eps: this.eps, reduction: this.reduction as Reduction });
  }
}

const GAUSSIAN_NLL_LOSS_SIGNATURE = signature("GaussianNLLLoss(*, bool full=False, float eps=1e-6, str reduction='mean')");

/**
 * Gaussian negative log likelihood; its options are keyword-only, as in PyTorch.
 *
 * @example
 * new nn.GaussianNLLLoss({ full: true }).forward(mean, target, variance);
 */
export class GaussianNLLLoss extends _Loss {
  full: boolean;
  eps: number;
  constructor(options: F.GaussianNllLossOptions = {}) {
    const o = GAUSSIAN_NLL_LOSS_SIGNATURE.parse<Required<F.GaussianNllLossOptions>>([options]);
    super(null, null, o.reduction);
    this.full = o.full;
    this.eps = o.eps;
  }
  forward(input: Tensor, target: Tensor, variance: Tensor): Tensor {
    return F.gaussianNllLoss(input, target, variance, { full: this.full, eps: this.eps, reduction: this.reduction as Reduction });
  }
}

const KL_DIV_LOSS_SIGNATURE = signature("KLDivLoss(bool? sizeAverage=None, bool? reduce=None, str reduction='mean', bool logTarget=False)");

/**
 * Kullback–Leibler divergence of log-probability inputs ('batchmean' for the true KL value).
 *
 * @example
 * new nn.KLDivLoss({ reduction: 'batchmean', logTarget: true });
 */
export class KLDivLoss extends _Loss {
  logTarget: boolean;
  constructor(...args: Args<[sizeAverage: boolean | null, reduce: boolean | null, reduction: Reduction | 'batchmean', logTarget: boolean], F.KlDivOptions>) {
    const o = KL_DIV_LOSS_SIGNATURE.parse<Required<F.KlDivOptions>>(args);
    super(o.sizeAverage, o.reduce, o.reduction);
    this.logTarget = o.logTarget;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.klDiv(input, target, { reduction: this.reduction as Reduction | 'batchmean', logTarget: this.logTarget });
  }
}

// ---- binary classification ----

type WeightedArgs = Args<[weight: Tensor | null, sizeAverage: boolean | null, reduce: boolean | null, reduction: Reduction], F.WeightedOptions>;

const BCE_LOSS_SIGNATURE = signature("BCELoss(Tensor? weight=None, bool? sizeAverage=None, bool? reduce=None, str reduction='mean')");

/**
 * Binary cross entropy of probabilities (apply a Sigmoid first, or use BCEWithLogitsLoss).
 *
 * @example
 * const loss = new nn.BCELoss();
 * loss.forward(torch.sigmoid(logits), target);
 */
export class BCELoss extends _WeightedLoss {
  constructor(...args: WeightedArgs) {
    const o = BCE_LOSS_SIGNATURE.parse<Required<F.WeightedOptions>>(args);
    super(o.weight, o.sizeAverage, o.reduce, o.reduction);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropy(input, target, { weight: this.weight, reduction: this.reduction as Reduction });
  }
}

const BCE_WITH_LOGITS_LOSS_SIGNATURE = signature("BCEWithLogitsLoss(Tensor? weight=None, bool? sizeAverage=None, bool? reduce=None, str reduction='mean', Tensor? posWeight=None)");

/**
 * Sigmoid + binary cross entropy, numerically stable; `posWeight` weighs positives per class.
 *
 * @example
 * new nn.BCEWithLogitsLoss({ posWeight: torch.full([10], 3) });
 */
export class BCEWithLogitsLoss extends _Loss {
  constructor(
    ...args: Args<
      [weight: Tensor | null, sizeAverage: boolean | null, reduce: boolean | null, reduction: Reduction, posWeight: Tensor | null],
      F.BinaryCrossEntropyWithLogitsOptions
    >
  ) {
    const o = BCE_WITH_LOGITS_LOSS_SIGNATURE.parse<Required<F.BinaryCrossEntropyWithLogitsOptions>>(args);
    super(o.sizeAverage, o.reduce, o.reduction);
    this.registerBuffer('weight', o.weight);
    this.registerBuffer('pos_weight', o.posWeight);
  }
  get weight(): Tensor | null {
    return this.getBuffer('weight');
  }
  set weight(w: Tensor | null) {
    this.setBuffer('weight', w);
  }
  /** PyTorch's `pos_weight` buffer. */
  get posWeight(): Tensor | null {
    return this.getBuffer('pos_weight');
  }
  set posWeight(w: Tensor | null) {
    this.setBuffer('pos_weight', w);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropyWithLogits(input, target, { weight: this.weight, posWeight: this.posWeight, reduction: this.reduction as Reduction });
  }
}

// ---- classification over classes ----

const NLL_LOSS_SIGNATURE = signature("NLLLoss(Tensor? weight=None, bool? sizeAverage=None, int ignoreIndex=-100, bool? reduce=None, str reduction='mean')");

/**
 * Negative log likelihood of class indices, for log-probability inputs.
 *
 * @example
 * const loss = new nn.NLLLoss();
 * loss.forward(new nn.LogSoftmax(1).forward(x), target);
 */
export class NLLLoss extends _WeightedLoss {
  ignoreIndex: number;
  constructor(
    ...args: Args<
      [weight: Tensor | null, sizeAverage: boolean | null, ignoreIndex: number, reduce: boolean | null, reduction: Reduction],
      F.NllLossOptions
    >
  ) {
    const o = NLL_LOSS_SIGNATURE.parse<Required<F.NllLossOptions>>(args);
    super(o.weight, o.sizeAverage, o.reduce, o.reduction);
    this.ignoreIndex = o.ignoreIndex;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.nllLoss(input, target, { weight: this.weight, ignoreIndex: this.ignoreIndex, reduction: this.reduction as Reduction });
  }
}

const CROSS_ENTROPY_LOSS_SIGNATURE = signature("CrossEntropyLoss(Tensor? weight=None, bool? sizeAverage=None, int ignoreIndex=-100, bool? reduce=None, str reduction='mean', float labelSmoothing=0)");

/**
 * Cross entropy of logits against class indices or class probabilities.
 *
 * @example
 * const criterion = new nn.CrossEntropyLoss();
 * const loss = criterion.forward(net.forward(x), labels);
 * String(criterion) // 'CrossEntropyLoss()'
 */
export class CrossEntropyLoss extends _WeightedLoss {
  ignoreIndex: number;
  labelSmoothing: number;
  constructor(
    ...args: Args<
      [weight: Tensor | null, sizeAverage: boolean | null, ignoreIndex: number, reduce: boolean | null, reduction: Reduction, labelSmoothing: number],
      F.CrossEntropyOptions
    >
  ) {
    const o = CROSS_ENTROPY_LOSS_SIGNATURE.parse<Required<F.CrossEntropyOptions>>(args);
    super(o.weight, o.sizeAverage, o.reduce, o.reduction);
    this.ignoreIndex = o.ignoreIndex;
    this.labelSmoothing = o.labelSmoothing;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.crossEntropy(input, target, {
      weight: this.weight,
      ignoreIndex: this.ignoreIndex,
      reduction: this.reduction as Reduction,
      labelSmoothing: this.labelSmoothing,
    });
  }
}

// ---- margins and embeddings ----

type MarginArgs = Args<[margin: number, sizeAverage: boolean | null, reduce: boolean | null, reduction: Reduction], F.MarginOptions>;

function margin(cls: string, fallback: number, args: readonly unknown[]): Required<F.MarginOptions> {
  return signature(`${cls}(float margin=${fallback}, bool? sizeAverage=None, bool? reduce=None, str reduction='mean')`).parse<Required<F.MarginOptions>>(args);
}

/**
 * Ranking hinge max(0, −y·(x1 − x2) + margin).
 *
 * @example
 * new nn.MarginRankingLoss({ margin: 0.1 }).forward(x1, x2, y);
 */
export class MarginRankingLoss extends _Loss {
  margin: number;
  constructor(...args: MarginArgs) {
    const o = margin('MarginRankingLoss', 0, args);
    super(o.sizeAverage, o.reduce, o.reduction);
    this.margin = o.margin;
  }
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.marginRankingLoss(input1, input2, target, { margin: this.margin, reduction: this.reduction as Reduction });
  }
}

/**
 * x for y = 1, max(0, margin − x) for y = −1.
 *
 * @example
 * new nn.HingeEmbeddingLoss().forward(torch.tensor([[1, 0.8, 0.5]]), torch.tensor([[1, 1, -1]])); // 0.7667
 */
export class HingeEmbeddingLoss extends _Loss {
  margin: number;
  constructor(...args: MarginArgs) {
    const o = margin('HingeEmbeddingLoss', 1, args);
    super(o.sizeAverage, o.reduce, o.reduction);
    this.margin = o.margin;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.hingeEmbeddingLoss(input, target, { margin: this.margin, reduction: this.reduction as Reduction });
  }
}

/**
 * 1 − cos for y = 1, max(0, cos − margin) for y = −1.
 *
 * @example
 * new nn.CosineEmbeddingLoss().forward(a, b, torch.tensor([1, -1]));
 */
export class CosineEmbeddingLoss extends _Loss {
  margin: number;
  constructor(...args: MarginArgs) {
    const o = margin('CosineEmbeddingLoss', 0, args);
    super(o.sizeAverage, o.reduce, o.reduction);
    this.margin = o.margin;
  }
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.cosineEmbeddingLoss(input1, input2, target, { margin: this.margin, reduction: this.reduction as Reduction });
  }
}

/**
 * Two-class logistic loss log(1 + exp(−y·x)).
 *
 * @example
 * new nn.SoftMarginLoss().forward(scores, y);
 */
export class SoftMarginLoss extends _Loss {
  constructor(...args: PlainArgs) {
    const o = plain('SoftMarginLoss', args);
    super(o.sizeAverage, o.reduce, o.reduction);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.softMarginLoss(input, target, { reduction: this.reduction as Reduction });
  }
}

const MULTI_LABEL_SOFT_MARGIN_LOSS_SIGNATURE = signature("MultiLabelSoftMarginLoss(Tensor? weight=None, bool? sizeAverage=None, bool? reduce=None, str reduction='mean')");

/**
 * Multi-label one-versus-all logistic loss.
 *
 * @example
 * new nn.MultiLabelSoftMarginLoss().forward(logits, multiHot);
 */
export class MultiLabelSoftMarginLoss extends _WeightedLoss {
  constructor(...args: WeightedArgs) {
    const o = MULTI_LABEL_SOFT_MARGIN_LOSS_SIGNATURE.parse<Required<F.WeightedOptions>>(args);
    super(o.weight, o.sizeAverage, o.reduce, o.reduction);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.multilabelSoftMarginLoss(input, target, { weight: this.weight, reduction: this.reduction as Reduction });
  }
}

/**
 * Multi-label hinge loss; target rows list class indices up to the first −1.
 *
 * @example
 * new nn.MultiLabelMarginLoss().forward(torch.tensor([[0.9, 0.2, 0.4, 0.8]]), torch.tensor([[3, 0, -1, 1]])); // 0.45
 */
export class MultiLabelMarginLoss extends _Loss {
  constructor(...args: PlainArgs) {
    const o = plain('MultiLabelMarginLoss', args);
    super(o.sizeAverage, o.reduce, o.reduction);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.multilabelMarginLoss(input, target, { reduction: this.reduction as Reduction });
  }
}

const MULTI_MARGIN_LOSS_SIGNATURE = signature("MultiMarginLoss(float p=1, float margin=1, Tensor? weight=None, bool? sizeAverage=None, bool? reduce=None, str reduction='mean')");

/**
 * Multi-class hinge loss (p = 1 or 2).
 *
 * @example
 * new nn.MultiMarginLoss().forward(torch.tensor([[0.3, 0.7], [0.5, 0.5]]), torch.tensor([0, 1])); // 0.6
 */
export class MultiMarginLoss extends _WeightedLoss {
  p: number;
  margin: number;
  constructor(
    ...args: Args<
      [p: number, margin: number, weight: Tensor | null, sizeAverage: boolean | null, reduce: boolean | null, reduction: Reduction],
      F.MultiMarginOptions
    >
  ) {
    const o = MULTI_MARGIN_LOSS_SIGNATURE.parse<Required<F.MultiMarginOptions>>(args);
    if (o.p !== 1 && o.p !== 2) throw new Error('only p == 1 and p == 2 supported');
    if (o.weight !== null && o.weight.ndim !== 1) throw new Error('AssertionError: weight must be None or one-dimensional');
    super(o.weight, o.sizeAverage, o.reduce, o.reduction);
    this.p = o.p;
    this.margin = o.margin;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.multiMarginLoss(input, target, { p: this.p, margin: this.margin, weight: this.weight, reduction: this.reduction as Reduction });
  }
}

const TRIPLET_MARGIN_LOSS_SIGNATURE = signature("TripletMarginLoss(float margin=1, float p=2, float eps=1e-6, bool swap=False, bool? sizeAverage=None, bool? reduce=None, str reduction='mean')");

/**
 * Triplet loss max(d(a, p) − d(a, n) + margin, 0) with the p-norm distance.
 *
 * @example
 * new nn.TripletMarginLoss({ margin: 1, p: 2 }).forward(anchor, positive, negative);
 */
export class TripletMarginLoss extends _Loss {
  margin: number;
  p: number;
  eps: number;
  swap: boolean;
  constructor(
    ...args: Args<
      [margin: number, p: number, eps: number, swap: boolean, sizeAverage: boolean | null, reduce: boolean | null, reduction: Reduction],
      F.TripletMarginOptions
    >
  ) {
    const o = TRIPLET_MARGIN_LOSS_SIGNATURE.parse<Required<F.TripletMarginOptions>>(args);
    super(o.sizeAverage, o.reduce, o.reduction);
    this.margin = o.margin;
    this.p = o.p;
    this.eps = o.eps;
    this.swap = o.swap;
  }
  forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return F.tripletMarginLoss(anchor, positive, negative, {
      margin: this.margin,
      p: this.p,
      eps: this.eps,
      swap: this.swap,
      reduction: this.reduction as Reduction,
    });
  }
}

// ---- sequences ----

const CTC_LOSS_SIGNATURE = signature("CTCLoss(int blank=0, str reduction='mean', bool zeroInfinity=False)");

/**
 * Connectionist temporal classification loss.
 *
 * @example
 * const ctc = new nn.CTCLoss({ blank: 0, zeroInfinity: true });
 * ctc.forward(logProbs, targets, inputLengths, targetLengths);
 */
export class CTCLoss extends _Loss {
  blank: number;
  zeroInfinity: boolean;
  constructor(...args: Args<[blank: number, reduction: Reduction, zeroInfinity: boolean], F.CtcLossOptions>) {
    const o = CTC_LOSS_SIGNATURE.parse<Required<F.CtcLossOptions>>(args);
    super(null, null, o.reduction);
    this.blank = o.blank;
    this.zeroInfinity = o.zeroInfinity;
  }
  forward(logProbs: Tensor, targets: Tensor, inputLengths: Tensor | readonly number[], targetLengths: Tensor | readonly number[]): Tensor {
    return F.ctcLoss(logProbs, targets, inputLengths, targetLengths, {
      blank: this.blank,
      reduction: this.reduction as Reduction,
      zeroInfinity: this.zeroInfinity,
    });
  }
}
