/** lr_scheduler.LambdaLR: lr = initial lr × lrLambda(epoch). */
import { signature } from '@x/tensor';
import { LRScheduler, type AnyOptimizer } from './lr-scheduler';

export type LrLambda = (epoch: number) => number;

/** One function for every group, or one per group (PyTorch's "Expected N lr_lambdas" check). */
export function lambdasFor(optimizer: AnyOptimizer, lrLambda: LrLambda | readonly LrLambda[]): LrLambda[] {
  const n = optimizer.paramGroups.length;
  if (!Array.isArray(lrLambda)) return new Array<LrLambda>(n).fill(lrLambda as LrLambda);
  if (lrLambda.length !== n) throw new Error(`Expected ${n} lr_lambdas, but got ${lrLambda.length}`);
  return [...(lrLambda as LrLambda[])];
}

/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const LAMBDA_LR_SIGNATURE = signature('LambdaLR(any optimizer, callable|callable[] lrLambda, int lastEpoch=-1, bool verbose=False)');

/**
 * Sets each group's lr to its initial lr times a function of the epoch.
 *
 * @example
 * const scheduler = new lrScheduler.LambdaLR(optimizer, (epoch) => 0.95 ** epoch);
 */
export class LambdaLR extends LRScheduler {
  lrLambdas: LrLambda[];

  constructor(optimizer: AnyOptimizer, lrLambda: LrLambda | readonly LrLambda[], lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, lrLambda: LrLambda | readonly LrLambda[], options?: { lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer, options: { lrLambda: LrLambda | readonly LrLambda[]; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer, ...args: unknown[]) {
    const o = LAMBDA_LR_SIGNATURE.parse<Record<string, unknown>>([optimizer, ...args]);
    super(optimizer, (o.lastEpoch ?? -1) as number, (o.verbose ?? false) as boolean);
    this.lrLambdas = lambdasFor(optimizer, o.lrLambda as LrLambda);
    this._initialStep();
  }

  getLr(): number[] {
    this.warnIfOutsideStep();
    return this.lrLambdas.map((f, i) => this.baseLrs[i]! * f(this.lastEpoch));
  }

  protected override stateDictExcludes(): readonly string[] {
    return ['lrLambdas'];
  }

  /** PyTorch saves functions as None (only callable objects' attributes are saved). */
  override stateDict(): Record<string, unknown> {
    return { ...super.stateDict(), lr_lambdas: this.lrLambdas.map(() => null) };
  }

  override loadStateDict(stateDict: Record<string, unknown>): void {
    const { lr_lambdas: _ignored, ...rest } = stateDict;
    super.loadStateDict(rest);
  }
}
