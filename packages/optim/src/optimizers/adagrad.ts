/** torch.optim.Adagrad: per-coordinate learning rates from the running sum of squared gradients. */
import { fullLike, keep, sparseCooTensor, tidy, type Tensor, signature } from '@x/tensor';
import { checkLr, checkNonNegative } from '../checks';
import { Optimizer, type ParamState, type Params } from '../optimizer';
import { addcdiv_, addcmul_, decayedGrad, type Temps } from '../pointwise';
import { scalarTensor } from '../scalar-state';

export interface AdagradOptions {
  lr?: number;
  lrDecay?: number;
  weightDecay?: number;
  initialAccumulatorValue?: number;
  eps?: number;
  /** Accepted for PyTorch compatibility; every path computes the same update. */
  foreach?: boolean | null;
  maximize?: boolean;
}

export interface AdagradHyperparameters {
  lr: number;
  lrDecay: number;
  eps: number;
  weightDecay: number;
  initialAccumulatorValue: number;
  foreach: boolean | null;
  maximize: boolean;
}


/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const ADAGRAD_SIGNATURE = signature('Adagrad(any params, float lr=0.01, float lrDecay=0, float weightDecay=0, float initialAccumulatorValue=0, float eps=1e-10, bool? foreach=None, *, bool maximize=False)');

/**
 * Adagrad as PyTorch 1.13: `sum += g²`, `p −= lr / (1 + (t − 1)·lrDecay) · g / (√sum + eps)`.
 * State (made at construction, as PyTorch does): `step`, `sum`.
 *
 * @example
 * const opt = new optim.Adagrad(net.parameters(), { lr: 0.01 });
 */
export class Adagrad extends Optimizer<AdagradHyperparameters> {
  constructor(params: Params, options?: AdagradOptions);
  constructor(params: Params, lr: number, lrDecay?: number, weightDecay?: number, initialAccumulatorValue?: number, eps?: number, foreach?: boolean | null, options?: AdagradOptions);
  constructor(params: Params, ...args: unknown[]) {
    const o = ADAGRAD_SIGNATURE.parse<Record<string, unknown>>([params, ...args]);
    const h = {
      lr: o.lr ?? 1e-2, lrDecay: o.lrDecay ?? 0, eps: o.eps ?? 1e-10, weightDecay: o.weightDecay ?? 0,
      initialAccumulatorValue: o.initialAccumulatorValue ?? 0, foreach: o.foreach ?? null, maximize: o.maximize ?? false,
    };
    checkLr(h.lr);
    checkNonNegative(h.lrDecay, 'Invalid lr_decay value');
    checkNonNegative(h.weightDecay, 'Invalid weight_decay value');
    checkNonNegative(h.initialAccumulatorValue, 'Invalid initial_accumulator_value value');
    checkNonNegative(h.eps, 'Invalid epsilon value');
    super(params, h);
    for (const group of this.paramGroups) for (const p of group.params) this.initState(this.stateOf(p), p, group);
  }

  protected override readonly scalarStateKeys = ['step'];

  /** Made at construction, as PyTorch does; groups added later get theirs on their first step (PyTorch would fail with KeyError 'sum'). */
  protected override initState(state: ParamState, p: Tensor, group: AdagradHyperparameters): void {
    state.step = scalarTensor(0);
    state.sum = keep(fullLike(p, group.initialAccumulatorValue));
  }

  protected override updateParam(p: Tensor, grad: Tensor, state: ParamState, group: AdagradHyperparameters, temps: Temps): void {
    const { lr, lrDecay, eps, weightDecay, maximize } = group;
    const step = (state.step as Tensor).add_(1).item();
    if (weightDecay !== 0 && grad.isSparse) throw new Error('weight_decay option is not compatible with sparse gradients');
    const g = decayedGrad(p, grad, temps, maximize, weightDecay);
    const clr = lr / (1 + (step - 1) * lrDecay);
    const sum = state.sum as Tensor;
    if (g.isSparse) {
      sparseUpdate(p, g, sum, clr, eps);
      return;
    }
    addcmul_(sum, g, g, 1);
    const std = temps.add(sum.sqrt()).add_(eps);
    addcdiv_(p, g, std, -clr);
  }
}

/**
 * Adagrad's update for a sparse gradient (nn.Embedding with sparse: true), as PyTorch 1.13: the
 * gradient is coalesced, the squares of its values are added into `sum` at its entries, and only
 * those entries of the parameter move, by `clr · g / (√sum + eps)`.
 */
function sparseUpdate(p: Tensor, grad: Tensor, sum: Tensor, clr: number, eps: number): void {
  tidy(() => {
    const g = grad.coalesce();
    const indices = g._indices();
    const values = g._values();
    // _make_sparse: an empty gradient adds nothing.
    const sparse = (v: Tensor): Tensor | null => (indices.numel() === 0 || v.numel() === 0 ? null : sparseCooTensor(indices, v, [...g.shape]));
    const squares = sparse(values.pow(2));
    if (squares !== null) sum.add_(squares);
    const std = sum.sparseMask(g)._values().sqrt_().add_(eps);
    const step = sparse(values.div(std));
    if (step !== null) p.add_(step, { alpha: -clr });
  });
}
