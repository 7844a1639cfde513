/** lr_scheduler.ExponentialLR: lr ×= gamma every epoch. */
import { signature } from '@x/tensor';
import { LRScheduler, type AnyOptimizer } from './lr-scheduler';

/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const EXPONENTIAL_LR_SIGNATURE = signature('ExponentialLR(any optimizer, float gamma, int lastEpoch=-1, bool verbose=False)');

/**
 * Decays each group's lr by gamma every epoch.
 *
 * @example
 * const scheduler = new lrScheduler.ExponentialLR(optimizer, 0.9);
 */
export class ExponentialLR extends LRScheduler {
  gamma: number;

  constructor(optimizer: AnyOptimizer, gamma: number, lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, gamma: number, options?: { lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer, options: { gamma: number; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer, ...args: unknown[]) {
    const o = EXPONENTIAL_LR_SIGNATURE.parse<Record<string, unknown>>([optimizer, ...args]);
    super(optimizer, (o.lastEpoch ?? -1) as number, (o.verbose ?? false) as boolean);
    this.gamma = o.gamma as number;
    this._initialStep();
  }

  getLr(): number[] {
    this.warnIfOutsideStep();
    if (this.lastEpoch === 0) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * this.gamma);
  }

  /** @internal */
  _getClosedFormLr(): number[] {
    return this.baseLrs.map((b) => b * this.gamma ** this.lastEpoch);
  }
}
