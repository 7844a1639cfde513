/** lr_scheduler.SequentialLR: runs schedulers one after another, switching at milestone epochs. */
import { signature } from '@x/tensor';
import { LRScheduler, type AnyOptimizer } from './lr-scheduler';
import { bisectRight } from './multi-step-lr';

/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const SEQUENTIAL_LR_SIGNATURE = signature('SequentialLR(any optimizer, any[] schedulers, int[] milestones, int lastEpoch=-1, bool verbose=False)');

/**
 * Hands the schedule from one scheduler to the next at each milestone (the next one starts from
 * its epoch 0, through the deprecated `step(0)`, as PyTorch does).
 *
 * @example
 * const warmup = new lrScheduler.LinearLR(optimizer, { startFactor: 0.1, totalIters: 5 });
 * const decay = new lrScheduler.ExponentialLR(optimizer, 0.9);
 * const scheduler = new lrScheduler.SequentialLR(optimizer, [warmup, decay], [5]);
 */
export class SequentialLR extends LRScheduler {
  _schedulers: LRScheduler[];
  _milestones: number[];

  constructor(optimizer: AnyOptimizer, schedulers: LRScheduler[], milestones: number[], lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, schedulers: LRScheduler[], milestones: number[], options?: { lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer, options: { schedulers: LRScheduler[]; milestones: number[]; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer, ...args: unknown[]) {
    const o = SEQUENTIAL_LR_SIGNATURE.parse<Record<string, unknown>>([optimizer, ...args]);
    const schedulers = o.schedulers as LRScheduler[];
    const milestones = o.milestones as number[];
    schedulers.forEach((s, idx) => {
      if (s.optimizer !== optimizer) {
        throw new Error(
          `Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index ${idx} to be different than the optimizer passed in.`,
        );
      }
      if (s.optimizer !== schedulers[0]!.optimizer) {
        throw new Error(
          `Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and ${idx} to be different.`,
        );
      }
    });
    if (milestones.length !== schedulers.length - 1) {
      throw new Error(
        `Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${schedulers.length} and the number of milestones to be equal to ${milestones.length}`,
      );
    }
    super(optimizer, -1, false, false);
    this._schedulers = schedulers;
    this._milestones = milestones;
    this.lastEpoch = ((o.lastEpoch ?? -1) as number) + 1;
    for (const g of this.groups) g.lr = g.initialLr as number;
    for (const s of schedulers) s.lastEpoch -= 1;
    schedulers[0]!._initialStep();
    this._lastLr = schedulers[0]!.getLastLr();
  }

  getLr(): number[] {
    return this._lastLr;
  }

  override step(): void {
    this.lastEpoch += 1;
    const idx = bisectRight(this._milestones, this.lastEpoch);
    const scheduler = this._schedulers[idx]!;
    if (idx > 0 && this._milestones[idx - 1] === this.lastEpoch) scheduler.step(0);
    else scheduler.step();
    this._lastLr = scheduler.getLastLr();
  }

  protected override stateDictExcludes(): readonly string[] {
    return ['_schedulers'];
  }

  /** The child schedulers' state dicts go under `_schedulers`. */
  override stateDict(): Record<string, unknown> {
    return { ...super.stateDict(), _schedulers: this._schedulers.map((s) => s.stateDict()) };
  }

  override loadStateDict(stateDict: Record<string, unknown>): void {
    const { _schedulers: children, ...rest } = stateDict;
    super.loadStateDict(rest);
    (children as Record<string, unknown>[]).forEach((s, i) => this._schedulers[i]!.loadStateDict(s));
  }
}
