/** torch.optim.Adamax: Adam with the infinity norm. */
import { type Tensor, signature } from '@x/tensor';
import { zeroBuffers } from '../buffers';
import { Optimizer, type ParamState, type Params } from '../optimizer';
import { addcdiv_, decayedGrad, type Temps } from '../pointwise';
import { scalarTensor } from '../scalar-state';
import { checkAdamFamily } from './adam';

export interface AdamaxOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  /** Accepted for PyTorch compatibility; every path computes the same update. */
  foreach?: boolean | null;
  maximize?: boolean;
}

export interface AdamaxHyperparameters {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  foreach: boolean | null;
  maximize: boolean;
}


/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const ADAMAX_SIGNATURE = signature('Adamax(any params, float lr=0.002, float[] betas=(0.9, 0.999), float eps=1e-08, float weightDecay=0, bool? foreach=None, *, bool maximize=False)');

/**
 * Adamax as PyTorch 1.13: `exp_inf = max(beta2·exp_inf, |g| + eps)`,
 * `p −= lr / (1 − beta1^t) · exp_avg / exp_inf`. State: `step`, `exp_avg`, `exp_inf`.
 *
 * @example
 * const opt = new optim.Adamax(net.parameters(), { lr: 2e-3 });
 */
export class Adamax extends Optimizer<AdamaxHyperparameters> {
  constructor(params: Params, options?: AdamaxOptions);
  constructor(params: Params, lr: number, betas?: [number, number], eps?: number, weightDecay?: number, foreach?: boolean | null, options?: AdamaxOptions);
  constructor(params: Params, ...args: unknown[]) {
    const o = ADAMAX_SIGNATURE.parse<Record<string, unknown>>([params, ...args]);
    const h = {
      lr: o.lr ?? 2e-3, betas: o.betas ?? [0.9, 0.999], eps: o.eps ?? 1e-8, weightDecay: o.weightDecay ?? 0,
      foreach: o.foreach ?? null, maximize: o.maximize ?? false,
    };
    checkAdamFamily(h);
    super(params, h);
  }

  protected override readonly sparseGradError = 'Adamax does not support sparse gradients';
  protected override readonly scalarStateKeys = ['step'];

  protected override initState(state: ParamState, p: Tensor): void {
    state.step = scalarTensor(0);
    zeroBuffers(state, p, ['exp_avg', 'exp_inf']);
  }

  protected override updateParam(p: Tensor, grad: Tensor, state: ParamState, group: AdamaxHyperparameters, temps: Temps): void {
    const step = (state.step as Tensor).add_(1).item();
    const { lr, eps, weightDecay, maximize } = group;
    const [beta1, beta2] = group.betas;
    const expAvg = state.exp_avg as Tensor;
    const expInf = state.exp_inf as Tensor;
    const g = decayedGrad(p, grad, temps, maximize, weightDecay);
    expAvg.mul_(beta1).add_(g, { alpha: 1 - beta1 });
    // torch.amax(cat([beta2·exp_inf, |g| + eps]), 0): the elementwise maximum, NaN propagating.
    expInf.mul_(beta2).maximum_(temps.add(g.abs()).add_(eps));
    const clr = lr / (1 - beta1 ** step);
    addcdiv_(p, expAvg, expInf, -clr);
  }
}
