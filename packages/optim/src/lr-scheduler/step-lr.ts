/** lr_scheduler.StepLR: lr ×= gamma every stepSize epochs. */
import { signature } from '@x/tensor';
import { LRScheduler, type AnyOptimizer } from './lr-scheduler';

export interface StepLROptions {
  stepSize?: number;
  gamma?: number;
  lastEpoch?: number;
  verbose?: boolean;
}

/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const STEP_LR_SIGNATURE = signature('StepLR(any optimizer, int stepSize, float gamma=0.1, int lastEpoch=-1, bool verbose=False)');

/**
 * Decays each group's lr by gamma every stepSize epochs.
 *
 * @example
 * const scheduler = new lrScheduler.StepLR(optimizer, 30, { gamma: 0.1 });
 */
export class StepLR extends LRScheduler {
  stepSize: number;
  gamma: number;

  constructor(optimizer: AnyOptimizer, stepSize: number, gamma?: number, lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, stepSize: number, options?: StepLROptions);
  constructor(optimizer: AnyOptimizer, options: StepLROptions & { stepSize: number });
  constructor(optimizer: AnyOptimizer, ...args: unknown[]) {
    const o = STEP_LR_SIGNATURE.parse<Record<string, unknown>>([optimizer, ...args]);
    super(optimizer, (o.lastEpoch ?? -1) as number, (o.verbose ?? false) as boolean);
    this.stepSize = o.stepSize as number;
    this.gamma = (o.gamma ?? 0.1) as number;
    this._initialStep();
  }

  getLr(): number[] {
    this.warnIfOutsideStep();
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * this.gamma);
  }

  /** @internal */
  _getClosedFormLr(): number[] {
    return this.baseLrs.map((b) => b * this.gamma ** Math.floor(this.lastEpoch / this.stepSize));
  }
}
