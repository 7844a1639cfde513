/** torch.optim.RAdam: Adam with the variance of the adaptive learning rate rectified (Liu et al.). */
import { type Tensor, signature } from '@x/tensor';
import { Optimizer, type ParamState, type Params } from '../optimizer';
import { addcmul_, decayedGrad, type Temps } from '../pointwise';
import { adamState, checkAdamFamily } from './adam';

export interface RAdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  /** Accepted for PyTorch compatibility; every path computes the same update. */
  foreach?: boolean | null;
}

export interface RAdamHyperparameters {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  foreach: boolean | null;
}


/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const R_ADAM_SIGNATURE = signature('RAdam(any params, float lr=0.001, float[] betas=(0.9, 0.999), float eps=1e-08, float weightDecay=0, bool? foreach=None)');

/**
 * RAdam as PyTorch 1.13: while the approximated SMA length `rho_t` is at most 5 the step is plain
 * momentum SGD; after, Adam's step scaled by the rectification term. State: `step`, `exp_avg`, `exp_avg_sq`.
 *
 * @example
 * const opt = new optim.RAdam(net.parameters(), { lr: 1e-3 });
 */
export class RAdam extends Optimizer<RAdamHyperparameters> {
  constructor(params: Params, options?: RAdamOptions);
  constructor(params: Params, lr: number, betas?: [number, number], eps?: number, weightDecay?: number, foreach?: boolean | null);
  constructor(params: Params, ...args: unknown[]) {
    const o = R_ADAM_SIGNATURE.parse<Record<string, unknown>>([params, ...args]);
    const h = { lr: o.lr ?? 1e-3, betas: o.betas ?? [0.9, 0.999], eps: o.eps ?? 1e-8, weightDecay: o.weightDecay ?? 0, foreach: o.foreach ?? null };
    checkAdamFamily(h);
    super(params, h);
  }

  protected override readonly sparseGradError = 'RAdam does not support sparse gradients';
  protected override readonly scalarStateKeys = ['step'];

  protected override initState(state: ParamState, p: Tensor): void {
    adamState(state, p, false);
  }

  protected override updateParam(p: Tensor, grad: Tensor, state: ParamState, group: RAdamHyperparameters, temps: Temps): void {
    const { lr, eps, weightDecay } = group;
    const [beta1, beta2] = group.betas;
    const expAvg = state.exp_avg as Tensor;
    const expAvgSq = state.exp_avg_sq as Tensor;
    const step = (state.step as Tensor).add_(1).item();
    const biasCorrection1 = 1 - beta1 ** step;
    const biasCorrection2 = 1 - beta2 ** step;
    const g = decayedGrad(p, grad, temps, false, weightDecay);
    expAvg.mul_(beta1).add_(g, { alpha: 1 - beta1 });
    addcmul_(expAvgSq.mul_(beta2), g, g, 1 - beta2);
    const update = temps.add(expAvg.div(biasCorrection1)).mul_(lr);
    const rhoInf = 2 / (1 - beta2) - 1;
    const rhoT = rhoInf - (2 * step * beta2 ** step) / biasCorrection2;
    if (rhoT > 5) {
      const rect = Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
      // sqrt(bc2) / denom is Tensor.__rtruediv__: denom.reciprocal() * sqrt(bc2).
      const adaptiveLr = temps.add(expAvgSq.sqrt()).add_(eps).reciprocal_().mul_(Math.sqrt(biasCorrection2));
      update.mul_(adaptiveLr).mul_(rect);
    }
    p.sub_(update);
  }
}
