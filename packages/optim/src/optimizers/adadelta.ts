/** torch.optim.Adadelta (Zeiler): step sizes from running averages of squared gradients and updates. */
import { type Tensor, signature } from '@x/tensor';
import { zeroBuffers } from '../buffers';
import { check, checkLr, checkNonNegative } from '../checks';
import { Optimizer, type ParamState, type Params } from '../optimizer';
import { addcmul_, decayedGrad, type Temps } from '../pointwise';

export interface AdadeltaOptions {
  lr?: number;
  rho?: number;
  eps?: number;
  weightDecay?: number;
  /** Accepted for PyTorch compatibility; every path computes the same update. */
  foreach?: boolean | null;
  maximize?: boolean;
}

export interface AdadeltaHyperparameters {
  lr: number;
  rho: number;
  eps: number;
  weightDecay: number;
  maximize: boolean;
  foreach: boolean | null;
}


/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const ADADELTA_SIGNATURE = signature('Adadelta(any params, float lr=1.0, float rho=0.9, float eps=1e-06, float weightDecay=0, bool? foreach=None, *, bool maximize=False)');

/**
 * Adadelta as PyTorch 1.13: `v = rho·v + (1 − rho)·g²`, `Δ = √(u + eps) / √(v + eps) · g`,
 * `u = rho·u + (1 − rho)·Δ²`, `p −= lr·Δ`. State: `step` (a number), `square_avg`, `acc_delta`.
 *
 * @example
 * const opt = new optim.Adadelta(net.parameters(), { lr: 1.0, rho: 0.9 });
 */
export class Adadelta extends Optimizer<AdadeltaHyperparameters> {
  constructor(params: Params, options?: AdadeltaOptions);
  constructor(params: Params, lr: number, rho?: number, eps?: number, weightDecay?: number, foreach?: boolean | null, options?: AdadeltaOptions);
  constructor(params: Params, ...args: unknown[]) {
    const o = ADADELTA_SIGNATURE.parse<Record<string, unknown>>([params, ...args]);
    const h = { lr: o.lr ?? 1.0, rho: o.rho ?? 0.9, eps: o.eps ?? 1e-6, weightDecay: o.weightDecay ?? 0, maximize: o.maximize ?? false, foreach: o.foreach ?? null };
    checkLr(h.lr);
    check(typeof h.rho === 'number' && h.rho >= 0 && h.rho <= 1, 'Invalid rho value', h.rho);
    checkNonNegative(h.eps, 'Invalid epsilon value');
    checkNonNegative(h.weightDecay, 'Invalid weight_decay value');
    super(params, h);
  }

  protected override readonly sparseGradError = 'Adadelta does not support sparse gradients';

  protected override initState(state: ParamState, p: Tensor): void {
    state.step = 0;
    zeroBuffers(state, p, ['square_avg', 'acc_delta']);
  }

  protected override updateParam(p: Tensor, grad: Tensor, state: ParamState, group: AdadeltaHyperparameters, temps: Temps): void {
    const { lr, rho, eps, weightDecay, maximize } = group;
    state.step = (state.step as number) + 1;
    const g = decayedGrad(p, grad, temps, maximize, weightDecay);
    const squareAvg = state.square_avg as Tensor;
    const accDelta = state.acc_delta as Tensor;
    addcmul_(squareAvg.mul_(rho), g, g, 1 - rho);
    const std = temps.add(squareAvg.add(eps)).sqrt_();
    const delta = temps.add(accDelta.add(eps)).sqrt_().div_(std).mul_(g);
    addcmul_(accDelta.mul_(rho), delta, delta, 1 - rho);
    p.add_(delta, { alpha: -lr });
  }
}
