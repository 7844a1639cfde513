/** lr_scheduler.MultiplicativeLR: lr ×= lrLambda(epoch) every epoch. */
import { signature } from '@x/tensor';
import { lambdasFor, type LrLambda } from './lambda-lr';
import { LRScheduler, type AnyOptimizer } from './lr-scheduler';

/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const MULTIPLICATIVE_LR_SIGNATURE = signature('MultiplicativeLR(any optimizer, callable|callable[] lrLambda, int lastEpoch=-1, bool verbose=False)');

/**
 * Multiplies each group's lr by a function of the epoch, every epoch after the first.
 *
 * @example
 * const scheduler = new lrScheduler.MultiplicativeLR(optimizer, () => 0.95);
 */
export class MultiplicativeLR extends LRScheduler {
  lrLambdas: LrLambda[];

  constructor(optimizer: AnyOptimizer, lrLambda: LrLambda | readonly LrLambda[], lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, lrLambda: LrLambda | readonly LrLambda[], options?: { lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer, options: { lrLambda: LrLambda | readonly LrLambda[]; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer, ...args: unknown[]) {
    const o = MULTIPLICATIVE_LR_SIGNATURE.parse<Record<string, unknown>>([optimizer, ...args]);
    super(optimizer, (o.lastEpoch ?? -1) as number, (o.verbose ?? false) as boolean);
    this.lrLambdas = lambdasFor(optimizer, o.lrLambda as LrLambda);
    this._initialStep();
  }

  getLr(): number[] {
    this.warnIfOutsideStep();
    if (this.lastEpoch > 0) return this.groups.map((g, i) => g.lr * this.lrLambdas[i]!(this.lastEpoch));
    return this.groups.map((g) => g.lr);
  }

  protected override stateDictExcludes(): readonly string[] {
    return ['lrLambdas'];
  }

  override stateDict(): Record<string, unknown> {
    return { ...super.stateDict(), lr_lambdas: this.lrLambdas.map(() => null) };
  }

  override loadStateDict(stateDict: Record<string, unknown>): void {
    const { lr_lambdas: _ignored, ...rest } = stateDict;
    super.loadStateDict(rest);
  }
}
