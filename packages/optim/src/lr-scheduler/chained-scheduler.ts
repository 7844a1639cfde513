/** lr_scheduler.ChainedScheduler: steps several schedulers together, their effects multiplying. */
import { LRScheduler } from './lr-scheduler';

/**
 * Calls step() on every scheduler in the list, in order, on each step.
 *
 * @example
 * const scheduler = new lrScheduler.ChainedScheduler([
 *   new lrScheduler.ConstantLR(optimizer, { factor: 0.1, totalIters: 2 }),
 *   new lrScheduler.ExponentialLR(optimizer, 0.9),
 * ]);
 */
export class ChainedScheduler extends LRScheduler {
  _schedulers: LRScheduler[];

  constructor(schedulers: LRScheduler[]) {
    for (let i = 1; i < schedulers.length; i++) {
      if (schedulers[i]!.optimizer !== schedulers[0]!.optimizer) {
        throw new Error(`ChainedScheduler expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and ${i} to be different`);
      }
    }
    super(schedulers[0]!.optimizer, -1, false, false);
    this._schedulers = [...schedulers];
    this._lastLr = this.groups.map((g) => g.lr);
  }

  getLr(): number[] {
    return this._lastLr;
  }

  override step(): void {
    for (const s of this._schedulers) s.step();
    this._lastLr = this.groups.map((g) => g.lr);
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
