/** torch.optim.NAdam: Adam with Nesterov momentum (Dozat), with PyTorch's momentum decay schedule. */
import { type Tensor, signature } from '@x/tensor';
import { zeroBuffers } from '../buffers';
import { checkNonNegative } from '../checks';
import { Optimizer, type ParamState, type Params } from '../optimizer';
import { addcdiv_, addcmul_, decayedGrad, type Temps } from '../pointwise';
import { scalarTensor } from '../scalar-state';
import { checkAdamFamily } from './adam';

export interface NAdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  momentumDecay?: number;
  /** Accepted for PyTorch compatibility; every path computes the same update. */
  foreach?: boolean | null;
}

export interface NAdamHyperparameters {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  momentumDecay: number;
  foreach: boolean | null;
}


/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const N_ADAM_SIGNATURE = signature('NAdam(any params, float lr=0.002, float[] betas=(0.9, 0.999), float eps=1e-08, float weightDecay=0, float momentumDecay=0.004, bool? foreach=None)');

/**
 * NAdam as PyTorch 1.13: `mu_t = beta1·(1 − 0.5·0.96^(t·momentumDecay))`, with the running product
 * of the mu's kept as a float32 scalar (`mu_product`). State: `step`, `mu_product`, `exp_avg`, `exp_avg_sq`.
 *
 * @example
 * const opt = new optim.NAdam(net.parameters(), { lr: 2e-3 });
 */
export class NAdam extends Optimizer<NAdamHyperparameters> {
  constructor(params: Params, options?: NAdamOptions);
  constructor(params: Params, lr: number, betas?: [number, number], eps?: number, weightDecay?: number, momentumDecay?: number, foreach?: boolean | null);
  constructor(params: Params, ...args: unknown[]) {
    const o = N_ADAM_SIGNATURE.parse<Record<string, unknown>>([params, ...args]);
    const h = {
      lr: o.lr ?? 2e-3, betas: o.betas ?? [0.9, 0.999], eps: o.eps ?? 1e-8, weightDecay: o.weightDecay ?? 0,
      momentumDecay: o.momentumDecay ?? 4e-3, foreach: o.foreach ?? null,
    };
    checkAdamFamily(h);
    checkNonNegative(h.momentumDecay, 'Invalid momentum_decay value');
    super(params, h);
  }

  protected override readonly sparseGradError = 'NAdam does not support sparse gradients';
  protected override readonly scalarStateKeys = ['step', 'mu_product'];

  protected override initState(state: ParamState, p: Tensor): void {
    state.step = scalarTensor(0);
    state.mu_product = scalarTensor(1);
    zeroBuffers(state, p, ['exp_avg', 'exp_avg_sq']);
  }

  protected override updateParam(p: Tensor, grad: Tensor, state: ParamState, group: NAdamHyperparameters, temps: Temps): void {
    const { lr, eps, weightDecay, momentumDecay } = group;
    const [beta1, beta2] = group.betas;
    const expAvg = state.exp_avg as Tensor;
    const expAvgSq = state.exp_avg_sq as Tensor;
    const muProduct = state.mu_product as Tensor;
    const step = (state.step as Tensor).add_(1).item();
    const biasCorrection2 = 1 - beta2 ** step;
    const g = decayedGrad(p, grad, temps, false, weightDecay);
    const mu = beta1 * (1 - 0.5 * 0.96 ** (step * momentumDecay));
    const muNext = beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * momentumDecay));
    // mu_product is a float32 tensor in PyTorch: its products round as float32 does.
    muProduct.mul_(mu);
    const muProductNext = temps.add(muProduct.mul(mu).mul_(muNext));
    expAvg.mul_(beta1).add_(g, { alpha: 1 - beta1 });
    addcmul_(expAvgSq.mul_(beta2), g, g, 1 - beta2);
    const denom = temps.add(expAvgSq.div(biasCorrection2)).sqrt_().add_(eps);
    addcdiv_(p, g, denom, (-lr * (1 - mu)) / (1 - muProduct.item()));
    addcdiv_(p, expAvg, denom, (-lr * muNext) / (1 - muProductNext.item()));
  }
}
