/** lr_scheduler.ExponentialLR: lr ×= gamma every epoch. */
import { bindArguments } from '../arguments';
import { LRScheduler, type AnyOptimizer } from './lr-scheduler';

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
    const o = bindArguments('ExponentialLR', ['gamma', 'lastEpoch', 'verbose'], 3, args, ['gamma']);
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
