/** lr_scheduler.PolynomialLR: lr decays as (1 − t/totalIters)^power. */
import { signature } from '@x/tensor';
import { LRScheduler, type AnyOptimizer } from './lr-scheduler';

export interface PolynomialLROptions {
  totalIters?: number;
  power?: number;
  lastEpoch?: number;
  verbose?: boolean;
}

/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const POLYNOMIAL_LR_SIGNATURE = signature('PolynomialLR(any optimizer, int totalIters=5, float power=1.0, int lastEpoch=-1, bool verbose=False)');

/**
 * Decays each group's lr polynomially to 0 over totalIters epochs.
 *
 * @example
 * const scheduler = new lrScheduler.PolynomialLR(optimizer, { totalIters: 100, power: 2 });
 */
export class PolynomialLR extends LRScheduler {
  totalIters: number;
  power: number;

  constructor(optimizer: AnyOptimizer, totalIters?: number, power?: number, lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, options?: PolynomialLROptions);
  constructor(optimizer: AnyOptimizer, ...args: unknown[]) {
    const o = POLYNOMIAL_LR_SIGNATURE.parse<Record<string, unknown>>([optimizer, ...args]);
    super(optimizer, (o.lastEpoch ?? -1) as number, (o.verbose ?? false) as boolean);
    this.totalIters = (o.totalIters ?? 5) as number;
    this.power = (o.power ?? 1.0) as number;
    this._initialStep();
  }

  getLr(): number[] {
    this.warnIfOutsideStep();
    if (this.lastEpoch === 0 || this.lastEpoch > this.totalIters) return this.groups.map((g) => g.lr);
    const decay = ((1.0 - this.lastEpoch / this.totalIters) / (1.0 - (this.lastEpoch - 1) / this.totalIters)) ** this.power;
    return this.groups.map((g) => g.lr * decay);
  }

  /** @internal */
  _getClosedFormLr(): number[] {
    return this.baseLrs.map((b) => b * (1.0 - Math.min(this.totalIters, this.lastEpoch) / this.totalIters) ** this.power);
  }
}
