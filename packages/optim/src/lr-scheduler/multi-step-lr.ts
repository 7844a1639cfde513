/** lr_scheduler.MultiStepLR: lr ×= gamma at each milestone epoch. */
import { signature } from '@x/tensor';
import { LRScheduler, type AnyOptimizer } from './lr-scheduler';

export interface MultiStepLROptions {
  milestones?: readonly number[];
  gamma?: number;
  lastEpoch?: number;
  verbose?: boolean;
}

/** Python's bisect_right: how many sorted values are <= x. */
export function bisectRight(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < sorted[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const MULTI_STEP_LR_SIGNATURE = signature('MultiStepLR(any optimizer, int[] milestones, float gamma=0.1, int lastEpoch=-1, bool verbose=False)');

/**
 * Decays each group's lr by gamma once the epoch reaches each milestone (a milestone listed twice
 * decays twice).
 *
 * @example
 * const scheduler = new lrScheduler.MultiStepLR(optimizer, [30, 80], { gamma: 0.1 });
 */
export class MultiStepLR extends LRScheduler {
  /** PyTorch's Counter of milestones: milestone → how many times it was listed. */
  milestones: Record<number, number>;
  gamma: number;

  constructor(optimizer: AnyOptimizer, milestones: readonly number[], gamma?: number, lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, milestones: readonly number[], options?: MultiStepLROptions);
  constructor(optimizer: AnyOptimizer, options: MultiStepLROptions & { milestones: readonly number[] });
  constructor(optimizer: AnyOptimizer, ...args: unknown[]) {
    const o = MULTI_STEP_LR_SIGNATURE.parse<Record<string, unknown>>([optimizer, ...args]);
    super(optimizer, (o.lastEpoch ?? -1) as number, (o.verbose ?? false) as boolean);
    const counter: Record<number, number> = {};
    for (const m of o.milestones as number[]) counter[m] = (counter[m] ?? 0) + 1;
    this.milestones = counter;
    this.gamma = (o.gamma ?? 0.1) as number;
    this._initialStep();
  }

  getLr(): number[] {
    this.warnIfOutsideStep();
    const count = this.milestones[this.lastEpoch];
    if (count === undefined) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * this.gamma ** count);
  }

  /** @internal */
  _getClosedFormLr(): number[] {
    const sorted = Object.entries(this.milestones).flatMap(([m, c]) => new Array<number>(c).fill(Number(m))).sort((a, b) => a - b);
    return this.baseLrs.map((b) => b * this.gamma ** bisectRight(sorted, this.lastEpoch));
  }
}
