/** lr_scheduler.ConstantLR: lr × factor until totalIters, then the initial lr. */
import { signature } from '@x/tensor';
import { LRScheduler, type AnyOptimizer } from './lr-scheduler';

export interface ConstantLROptions {
  factor?: number;
  totalIters?: number;
  lastEpoch?: number;
  verbose?: boolean;
}

/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const CONSTANT_LR_SIGNATURE = signature('ConstantLR(any optimizer, float factor=0.3333333333333333, int totalIters=5, int lastEpoch=-1, bool verbose=False)');

/**
 * Scales each group's lr by a constant factor for the first totalIters epochs.
 *
 * @example
 * const scheduler = new lrScheduler.ConstantLR(optimizer, { factor: 0.5, totalIters: 4 });
 */
export class ConstantLR extends LRScheduler {
  factor: number;
  totalIters: number;

  constructor(optimizer: AnyOptimizer, factor?: number, totalIters?: number, lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, options?: ConstantLROptions);
  constructor(optimizer: AnyOptimizer, ...args: unknown[]) {
    const o = CONSTANT_LR_SIGNATURE.parse<Record<string, unknown>>([optimizer, ...args]);
    const factor = (o.factor ?? 1.0 / 3) as number;
    if (factor > 1.0 || factor < 0) throw new Error('Constant multiplicative factor expected to be between 0 and 1.');
    super(optimizer, (o.lastEpoch ?? -1) as number, (o.verbose ?? false) as boolean);
    this.factor = factor;
    this.totalIters = (o.totalIters ?? 5) as number;
    this._initialStep();
  }

  getLr(): number[] {
    this.warnIfOutsideStep();
    if (this.lastEpoch === 0) return this.groups.map((g) => g.lr * this.factor);
    if (this.lastEpoch > this.totalIters || this.lastEpoch !== this.totalIters) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * (1.0 / this.factor));
  }

  /** @internal */
  _getClosedFormLr(): number[] {
    return this.baseLrs.map((b) => b * (this.factor + (this.lastEpoch >= this.totalIters ? 1 : 0) * (1 - this.factor)));
  }
}
