/** lr_scheduler.LinearLR: the lr factor moves linearly from startFactor to endFactor over totalIters epochs. */
import { signature } from '@x/tensor';
import { LRScheduler, type AnyOptimizer } from './lr-scheduler';

export interface LinearLROptions {
  startFactor?: number;
  endFactor?: number;
  totalIters?: number;
  lastEpoch?: number;
  verbose?: boolean;
}

/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const LINEAR_LR_SIGNATURE = signature('LinearLR(any optimizer, float startFactor=0.3333333333333333, float endFactor=1.0, int totalIters=5, int lastEpoch=-1, bool verbose=False)');

/**
 * Warms up (or decays) each group's lr linearly between two factors of its initial lr.
 *
 * @example
 * const scheduler = new lrScheduler.LinearLR(optimizer, { startFactor: 0.1, totalIters: 10 });
 */
export class LinearLR extends LRScheduler {
  startFactor: number;
  endFactor: number;
  totalIters: number;

  constructor(optimizer: AnyOptimizer, startFactor?: number, endFactor?: number, totalIters?: number, lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, options?: LinearLROptions);
  constructor(optimizer: AnyOptimizer, ...args: unknown[]) {
    const o = LINEAR_LR_SIGNATURE.parse<Record<string, unknown>>([optimizer, ...args]);
    const startFactor = (o.startFactor ?? 1.0 / 3) as number;
    const endFactor = (o.endFactor ?? 1.0) as number;
    if (startFactor > 1.0 || startFactor < 0) throw new Error('Starting multiplicative factor expected to be between 0 and 1.');
    if (endFactor > 1.0 || endFactor < 0) throw new Error('Ending multiplicative factor expected to be between 0 and 1.');
    super(optimizer, (o.lastEpoch ?? -1) as number, (o.verbose ?? false) as boolean);
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = (o.totalIters ?? 5) as number;
    this._initialStep();
  }

  getLr(): number[] {
    this.warnIfOutsideStep();
    if (this.lastEpoch === 0) return this.groups.map((g) => g.lr * this.startFactor);
    if (this.lastEpoch > this.totalIters) return this.groups.map((g) => g.lr);
    const span = this.endFactor - this.startFactor;
    return this.groups.map((g) => g.lr * (1 + span / (this.totalIters * this.startFactor + (this.lastEpoch - 1) * span)));
  }

  /** @internal */
  _getClosedFormLr(): number[] {
    const span = this.endFactor - this.startFactor;
    return this.baseLrs.map((b) => b * (this.startFactor + (span * Math.min(this.totalIters, this.lastEpoch)) / this.totalIters));
  }
}
