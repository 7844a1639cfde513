/** torch.optim.SGD: stochastic gradient descent with momentum, dampening, Nesterov and weight decay. */
import { keep, type Tensor, signature } from '@x/tensor';
import { checkLr, checkNonNegative } from '../checks';
import { Optimizer, required, type ParamState, type Params } from '../optimizer';
import { decayedGrad, type Temps } from '../pointwise';

export interface SGDOptions {
  lr?: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
  maximize?: boolean;
  /** Accepted for PyTorch compatibility; every path computes the same update. */
  foreach?: boolean | null;
  differentiable?: boolean;
}

export interface SGDHyperparameters {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  maximize: boolean;
  foreach: boolean | null;
  differentiable: boolean;
}


/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const SGD_SIGNATURE = signature('SGD(any params, float? lr=None, float momentum=0, float dampening=0, float weightDecay=0, bool nesterov=False, *, bool maximize=False, bool? foreach=None, bool differentiable=False)');

/**
 * SGD as PyTorch 1.13: `g = grad + weightDecay·p`; `buf = g` on the first step, then
 * `buf = momentum·buf + (1 − dampening)·g`; `g = g + momentum·buf` with Nesterov, else `g = buf`;
 * `p −= lr·g`. State: `momentum_buffer`.
 *
 * @example
 * const opt = new optim.SGD(net.parameters(), { lr: 0.1, momentum: 0.9 });
 */
export class SGD extends Optimizer<SGDHyperparameters> {
  constructor(params: Params, options?: SGDOptions);
  constructor(params: Params, lr: number, momentum?: number, dampening?: number, weightDecay?: number, nesterov?: boolean, options?: SGDOptions);
  constructor(params: Params, ...args: unknown[]) {
    const o = SGD_SIGNATURE.parse<Record<string, unknown>>([params, ...args]);
    const lr = o.lr ?? required;
    const momentum = (o.momentum ?? 0) as number;
    const dampening = (o.dampening ?? 0) as number;
    const weightDecay = (o.weightDecay ?? 0) as number;
    const nesterov = (o.nesterov ?? false) as boolean;
    if (lr !== required) checkLr(lr);
    checkNonNegative(momentum, 'Invalid momentum value');
    checkNonNegative(weightDecay, 'Invalid weight_decay value');
    if (nesterov && (momentum <= 0 || dampening !== 0)) throw new Error('Nesterov momentum requires a momentum and zero dampening');
    super(params, {
      lr, momentum, dampening, weightDecay, nesterov,
      maximize: o.maximize ?? false, foreach: o.foreach ?? null, differentiable: o.differentiable ?? false,
    });
  }

  protected override updateParam(p: Tensor, grad: Tensor, state: ParamState, group: SGDHyperparameters, temps: Temps): void {
    const { lr, momentum, dampening, weightDecay, nesterov, maximize } = group;
    let d = decayedGrad(p, grad, temps, maximize, weightDecay);
    if (momentum !== 0) {
      let buf = (state.momentum_buffer ?? null) as Tensor | null;
      if (buf === null) {
        buf = keep(d.clone());
      } else {
        buf.mul_(momentum).add_(d, { alpha: 1 - dampening });
      }
      state.momentum_buffer = buf;
      d = nesterov ? temps.add(d.add(buf, { alpha: momentum })) : buf;
    } else {
      state.momentum_buffer = null;
    }
    p.add_(d, { alpha: -lr });
  }
}
