/** torch.optim.Rprop: resilient backpropagation, per-coordinate step sizes driven by gradient signs. */
import { fullLike, keep, where, zerosLike, type Tensor, signature } from '@x/tensor';
import { checkLr } from '../checks';
import { Optimizer, type ParamState, type Params } from '../optimizer';
import { pyNumber } from '../python';
import { decayedGrad, type Temps } from '../pointwise';

export interface RpropOptions {
  lr?: number;
  etas?: [number, number];
  stepSizes?: [number, number];
  /** Accepted for PyTorch compatibility; every path computes the same update. */
  foreach?: boolean | null;
  maximize?: boolean;
}

export interface RpropHyperparameters {
  lr: number;
  etas: [number, number];
  stepSizes: [number, number];
  foreach: boolean | null;
  maximize: boolean;
}


/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const RPROP_SIGNATURE = signature('Rprop(any params, float lr=0.01, float[] etas=(0.5, 1.2), float[] stepSizes=(1e-06, 50), bool? foreach=None, *, bool maximize=False)');

/**
 * Rprop as PyTorch 1.13: where g·prev > 0 the step size grows by etaplus, where < 0 it shrinks by
 * etaminus (and that coordinate's gradient counts as 0), clamped to stepSizes;
 * `p −= sign(g)·step_size`. State: `step` (a number), `prev`, `step_size`.
 *
 * @example
 * const opt = new optim.Rprop(net.parameters(), { lr: 0.01, etas: [0.5, 1.2] });
 */
export class Rprop extends Optimizer<RpropHyperparameters> {
  constructor(params: Params, options?: RpropOptions);
  constructor(params: Params, lr: number, etas?: [number, number], stepSizes?: [number, number], foreach?: boolean | null, maximize?: boolean);
  constructor(params: Params, ...args: unknown[]) {
    const o = RPROP_SIGNATURE.parse<Record<string, unknown>>([params, ...args]);
    const h = { lr: o.lr ?? 1e-2, etas: o.etas ?? [0.5, 1.2], stepSizes: o.stepSizes ?? [1e-6, 50], foreach: o.foreach ?? null, maximize: o.maximize ?? false };
    checkLr(h.lr);
    const [etaminus, etaplus] = h.etas as [number, number];
    if (!(etaminus > 0 && etaminus < 1 && etaplus > 1)) throw new Error(`Invalid eta values: ${pyNumber(etaminus)}, ${pyNumber(etaplus)}`);
    super(params, h);
  }

  protected override readonly sparseGradError = 'Rprop does not support sparse gradients';

  protected override initState(state: ParamState, p: Tensor, group: RpropHyperparameters, grad: Tensor): void {
    state.step = 0;
    state.prev = keep(zerosLike(p));
    state.step_size = keep(fullLike(grad, group.lr));
  }

  protected override updateParam(p: Tensor, grad: Tensor, state: ParamState, group: RpropHyperparameters, temps: Temps): void {
    const [etaminus, etaplus] = group.etas;
    const [stepSizeMin, stepSizeMax] = group.stepSizes;
    state.step = (state.step as number) + 1;
    const g = decayedGrad(p, grad, temps, group.maximize, 0);
    const prev = state.prev as Tensor;
    const stepSize = state.step_size as Tensor;
    const sign = temps.add(g.mul(prev)).sign_();
    // sign[sign > 0] = etaplus; sign[sign < 0] = etaminus; sign[sign == 0] = 1 (NaN stays NaN).
    const isZero = temps.add(sign.eq(0));
    const factor = temps.add(where(temps.add(sign.gt(0)), etaplus, temps.add(where(temps.add(sign.lt(0)), etaminus, temps.add(where(isZero, 1, sign))))));
    stepSize.mul_(factor).clamp_(stepSizeMin, stepSizeMax);
    const shrunk = temps.add(factor.eq(etaminus));
    const gKept = temps.add(where(shrunk, 0, g));
    p.sub_(temps.add(gKept.sign()).mul_(stepSize));
    prev.copy_(gKept);
  }
}
