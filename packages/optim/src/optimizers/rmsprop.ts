/** torch.optim.RMSprop (Hinton), with PyTorch's centered and momentum variants. */
import { keep, zerosLike, type Tensor, signature } from '@x/tensor';
import { checkLr, checkNonNegative } from '../checks';
import { Optimizer, type ParamState, type Params } from '../optimizer';
import { addcdiv_, addcmul_, decayedGrad, type Temps } from '../pointwise';

export interface RMSpropOptions {
  lr?: number;
  alpha?: number;
  eps?: number;
  weightDecay?: number;
  momentum?: number;
  centered?: boolean;
  /** Accepted for PyTorch compatibility; every path computes the same update. */
  foreach?: boolean | null;
  maximize?: boolean;
  differentiable?: boolean;
}

export interface RMSpropHyperparameters {
  lr: number;
  momentum: number;
  alpha: number;
  eps: number;
  centered: boolean;
  weightDecay: number;
  foreach: boolean | null;
  maximize: boolean;
  differentiable: boolean;
}


/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const RM_SPROP_SIGNATURE = signature('RMSprop(any params, float lr=0.01, float alpha=0.99, float eps=1e-08, float weightDecay=0, float momentum=0, bool centered=False, bool? foreach=None, bool maximize=False, bool differentiable=False)');

/**
 * RMSprop as PyTorch 1.13: `v = alpha·v + (1 − alpha)·g²`; centered subtracts the squared running
 * mean of g; `p −= lr·g / (√v + eps)`, through a momentum buffer when momentum > 0.
 * State: `step` (a number), `square_avg`, `momentum_buffer`, `grad_avg`.
 *
 * @example
 * const opt = new optim.RMSprop(net.parameters(), { lr: 0.01, momentum: 0.9, centered: true });
 */
export class RMSprop extends Optimizer<RMSpropHyperparameters> {
  constructor(params: Params, options?: RMSpropOptions);
  constructor(
    params: Params, lr: number, alpha?: number, eps?: number, weightDecay?: number, momentum?: number, centered?: boolean,
    foreach?: boolean | null, maximize?: boolean, differentiable?: boolean,
  );
  constructor(params: Params, ...args: unknown[]) {
    const o = RM_SPROP_SIGNATURE.parse<Record<string, unknown>>([params, ...args]);
    const h = {
      lr: o.lr ?? 1e-2, momentum: o.momentum ?? 0, alpha: o.alpha ?? 0.99, eps: o.eps ?? 1e-8, centered: o.centered ?? false,
      weightDecay: o.weightDecay ?? 0, foreach: o.foreach ?? null, maximize: o.maximize ?? false, differentiable: o.differentiable ?? false,
    };
    checkLr(h.lr);
    checkNonNegative(h.eps, 'Invalid epsilon value');
    checkNonNegative(h.momentum, 'Invalid momentum value');
    checkNonNegative(h.weightDecay, 'Invalid weight_decay value');
    checkNonNegative(h.alpha, 'Invalid alpha value');
    super(params, h);
  }

  protected override readonly sparseGradError = 'RMSprop does not support sparse gradients';

  protected override initState(state: ParamState, p: Tensor, group: RMSpropHyperparameters): void {
    state.step = 0;
    state.square_avg = keep(zerosLike(p));
    if (group.momentum > 0) state.momentum_buffer = keep(zerosLike(p));
    if (group.centered) state.grad_avg = keep(zerosLike(p));
  }

  protected override updateParam(p: Tensor, grad: Tensor, state: ParamState, group: RMSpropHyperparameters, temps: Temps): void {
    const { lr, alpha, eps, weightDecay, momentum, centered, maximize } = group;
    state.step = (state.step as number) + 1;
    const g = decayedGrad(p, grad, temps, maximize, weightDecay);
    const squareAvg = state.square_avg as Tensor;
    addcmul_(squareAvg.mul_(alpha), g, g, 1 - alpha);
    let avg: Tensor;
    if (centered) {
      const gradAvg = state.grad_avg as Tensor;
      gradAvg.mul_(alpha).add_(g, { alpha: 1 - alpha });
      // square_avg.addcmul(grad_avg, grad_avg, value=-1): square_avg + (−grad_avg)·grad_avg.
      avg = temps.add(gradAvg.mul(-1)).mul_(gradAvg).add_(squareAvg).sqrt_();
    } else {
      avg = temps.add(squareAvg.sqrt());
    }
    avg.add_(eps);
    if (momentum > 0) {
      const buf = state.momentum_buffer as Tensor;
      addcdiv_(buf.mul_(momentum), g, avg);
      p.add_(buf, { alpha: -lr });
    } else {
      addcdiv_(p, g, avg, -lr);
    }
  }
}
