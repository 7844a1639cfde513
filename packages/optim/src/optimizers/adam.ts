/** torch.optim.Adam, and the update AdamW shares with it. */
import { type Tensor, signature } from '@x/tensor';
import { zeroBuffers } from '../buffers';
import { checkBetas, checkLr, checkNonNegative } from '../checks';
import { Optimizer, type ParamState, type Params } from '../optimizer';
import { addcdiv_, addcmul_, decayedGrad, type Temps } from '../pointwise';
import { scalarTensor } from '../scalar-state';

export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  amsgrad?: boolean;
  maximize?: boolean;
  /** Accepted for PyTorch compatibility; every path computes the same update. */
  foreach?: boolean | null;
  capturable?: boolean;
  differentiable?: boolean;
  fused?: boolean;
}

export interface AdamHyperparameters {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
  foreach: boolean | null;
  capturable: boolean;
  differentiable: boolean;
  fused: boolean;
}


/** What Adam's update reads from a group: Adam's and AdamW's hyperparameters both have it. */
export type AdamFamilyHyperparameters = Pick<AdamHyperparameters, 'lr' | 'betas' | 'eps' | 'weightDecay' | 'amsgrad' | 'maximize'>;

/** Checks shared by Adam, AdamW, Adamax, NAdam and RAdam (PyTorch's messages and order). */
export function checkAdamFamily(o: { lr: unknown; eps: unknown; betas: unknown; weightDecay: unknown }): void {
  checkLr(o.lr);
  checkNonNegative(o.eps, 'Invalid epsilon value');
  checkBetas(o.betas);
  checkNonNegative(o.weightDecay, 'Invalid weight_decay value');
}

/** Creates Adam's state: `step` (a float32 CPU scalar, as 1.13), `exp_avg`, `exp_avg_sq` (+ `max_exp_avg_sq`). */
export function adamState(state: ParamState, p: Tensor, amsgrad: boolean): void {
  state.step = scalarTensor(0);
  zeroBuffers(state, p, amsgrad ? ['exp_avg', 'exp_avg_sq', 'max_exp_avg_sq'] : ['exp_avg', 'exp_avg_sq']);
}

/**
 * One Adam update of p (PyTorch 1.13's `_single_tensor_adam` / `_single_tensor_adamw`).
 * `decoupled` is AdamW: the weight decay shrinks p instead of adding to the gradient.
 */
export function adamUpdate(p: Tensor, grad: Tensor, state: ParamState, h: AdamFamilyHyperparameters, decoupled: boolean, temps: Temps): void {
  const { lr, eps, weightDecay, amsgrad, maximize } = h;
  const [beta1, beta2] = h.betas;
  const stepT = state.step as Tensor;
  const expAvg = state.exp_avg as Tensor;
  const expAvgSq = state.exp_avg_sq as Tensor;
  stepT.add_(1);
  if (decoupled) p.mul_(1 - lr * weightDecay);
  const g = decayedGrad(p, grad, temps, maximize, decoupled ? 0 : weightDecay);
  expAvg.mul_(beta1).add_(g, { alpha: 1 - beta1 });
  addcmul_(expAvgSq.mul_(beta2), g, g, 1 - beta2);
  const step = stepT.item();
  const biasCorrection1 = 1 - beta1 ** step;
  const biasCorrection2 = 1 - beta2 ** step;
  const stepSize = lr / biasCorrection1;
  const biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
  let second = expAvgSq;
  if (amsgrad) {
    second = state.max_exp_avg_sq as Tensor;
    second.maximum_(expAvgSq);
  }
  const denom = temps.add(second.sqrt());
  denom.div_(biasCorrection2Sqrt).add_(eps);
  addcdiv_(p, expAvg, denom, -stepSize);
}

/** The state and update Adam and AdamW share; `decoupled` says which weight decay applies. */
export abstract class AdamFamily<H extends AdamFamilyHyperparameters> extends Optimizer<H> {
  /** AdamW's weight decay, which shrinks p, instead of Adam's, which adds to the gradient. */
  protected abstract readonly decoupled: boolean;
  protected override readonly scalarStateKeys = ['step'];

  protected override initState(state: ParamState, p: Tensor, group: H): void {
    adamState(state, p, group.amsgrad);
  }

  protected override updateParam(p: Tensor, grad: Tensor, state: ParamState, group: H, temps: Temps): void {
    adamUpdate(p, grad, state, group, this.decoupled, temps);
  }
}

/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const ADAM_SIGNATURE = signature('Adam(any params, float lr=0.001, float[] betas=(0.9, 0.999), float eps=1e-08, float weightDecay=0, bool amsgrad=False, *, bool? foreach=None, bool maximize=False, bool capturable=False, bool differentiable=False, bool fused=False)');

/**
 * Adam (Kingma & Ba) as PyTorch 1.13, with `amsgrad`, `maximize` and L2 `weightDecay`.
 * State: `step`, `exp_avg`, `exp_avg_sq` (and `max_exp_avg_sq`).
 *
 * @example
 * const opt = new optim.Adam(model.parameters(), { lr: 0.001 });
 */
export class Adam extends AdamFamily<AdamHyperparameters> {
  constructor(params: Params, options?: AdamOptions);
  constructor(params: Params, lr: number, betas?: [number, number], eps?: number, weightDecay?: number, amsgrad?: boolean, options?: AdamOptions);
  constructor(params: Params, ...args: unknown[]) {
    const o = ADAM_SIGNATURE.parse<Record<string, unknown>>([params, ...args]);
    const h = {
      lr: o.lr ?? 1e-3, betas: o.betas ?? [0.9, 0.999], eps: o.eps ?? 1e-8, weightDecay: o.weightDecay ?? 0, amsgrad: o.amsgrad ?? false,
      maximize: o.maximize ?? false, foreach: o.foreach ?? null, capturable: o.capturable ?? false, differentiable: o.differentiable ?? false, fused: o.fused ?? false,
    };
    checkAdamFamily(h);
    super(params, h);
    if (h.fused) {
      if (h.differentiable) throw new Error('`fused` cannot be `differentiable`');
      if (!this.paramGroups.every((g) => g.params.every((p) => p.device.startsWith('cuda') && p.isFloatingPoint()))) {
        throw new Error('FusedAdam requires all the params to be CUDA, floating point');
      }
    }
  }

  protected override readonly sparseGradError = 'Adam does not support sparse gradients, please consider SparseAdam instead';
  protected override readonly decoupled = false;
}
