/** torch.optim.ASGD: averaged stochastic gradient descent (Polyak & Juditsky). */
import { keep, zerosLike, type Tensor, signature } from '@x/tensor';
import { checkLr, checkNonNegative } from '../checks';
import { Optimizer, type ParamState, type Params } from '../optimizer';
import { decayedGrad, type Temps } from '../pointwise';
import { scalarTensor } from '../scalar-state';

export interface ASGDOptions {
  lr?: number;
  lambd?: number;
  alpha?: number;
  t0?: number;
  weightDecay?: number;
  /** Accepted for PyTorch compatibility; every path computes the same update. */
  foreach?: boolean | null;
  maximize?: boolean;
}

export interface ASGDHyperparameters {
  lr: number;
  lambd: number;
  alpha: number;
  t0: number;
  weightDecay: number;
  foreach: boolean | null;
  maximize: boolean;
}


/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const ASGD_SIGNATURE = signature('ASGD(any params, float lr=0.01, float lambd=0.0001, float alpha=0.75, float t0=1000000.0, float weightDecay=0, bool? foreach=None, bool maximize=False)');

/**
 * ASGD as PyTorch 1.13: `p *= 1 − lambd·eta`, `p −= eta·g`, the average `ax` follows p from step t0,
 * `eta = lr / (1 + lambd·lr·t)^alpha`, `mu = 1 / max(1, t − t0)`.
 * State: `step`, `eta`, `mu` (float32 scalars), `ax`.
 *
 * @example
 * const opt = new optim.ASGD(net.parameters(), { lr: 0.01, t0: 100 });
 */
export class ASGD extends Optimizer<ASGDHyperparameters> {
  constructor(params: Params, options?: ASGDOptions);
  constructor(params: Params, lr: number, lambd?: number, alpha?: number, t0?: number, weightDecay?: number, foreach?: boolean | null, maximize?: boolean);
  constructor(params: Params, ...args: unknown[]) {
    const o = ASGD_SIGNATURE.parse<Record<string, unknown>>([params, ...args]);
    const h = {
      lr: o.lr ?? 1e-2, lambd: o.lambd ?? 1e-4, alpha: o.alpha ?? 0.75, t0: o.t0 ?? 1e6, weightDecay: o.weightDecay ?? 0,
      foreach: o.foreach ?? null, maximize: o.maximize ?? false,
    };
    checkLr(h.lr);
    checkNonNegative(h.weightDecay, 'Invalid weight_decay value');
    super(params, h);
  }

  protected override readonly sparseGradError = 'ASGD does not support sparse gradients';
  protected override readonly scalarStateKeys = ['step', 'eta', 'mu'];

  protected override initState(state: ParamState, p: Tensor, group: ASGDHyperparameters): void {
    state.step = scalarTensor(0);
    state.eta = scalarTensor(group.lr);
    state.mu = scalarTensor(1);
    state.ax = keep(zerosLike(p));
  }

  protected override updateParam(p: Tensor, grad: Tensor, state: ParamState, group: ASGDHyperparameters, temps: Temps): void {
    const { lr, lambd, alpha, t0, weightDecay, maximize } = group;
    const mu = state.mu as Tensor;
    const eta = state.eta as Tensor;
    const ax = state.ax as Tensor;
    const step = (state.step as Tensor).add_(1).item();
    const g = decayedGrad(p, grad, temps, maximize, weightDecay);
    const etaValue = eta.item();
    p.mul_(1 - lambd * etaValue);
    p.add_(g, { alpha: -etaValue });
    const muValue = mu.item();
    if (muValue !== 1) ax.add_(temps.add(p.sub(ax)).mul_(muValue));
    else ax.copy_(p);
    // torch.tensor(x) rounds to the default dtype before the copy into the state scalar.
    const newEta = temps.add(scalarTensor(lr / (1 + lambd * lr * step) ** alpha));
    eta.copy_(newEta);
    const newMu = temps.add(scalarTensor(1 / Math.max(1, step - t0)));
    mu.copy_(newMu);
  }
}
