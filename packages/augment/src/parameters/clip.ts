/** imgaug's `iap.Clip`: another parameter's values, limited to [minval, maxval]. */
import type { Tensor } from '@x/tensor';
import type { RandomState } from '../random/random-state';
import { describeArgument, StochasticParameter } from './stochastic-parameter';

/**
 * Values of `other` clipped to [minval, maxval]; null leaves that side open.
 *
 * @example
 * new iap.Clip(new iap.Normal(0, 1), -2, 2);
 */
export class Clip extends StochasticParameter<number> {
  constructor(
    readonly other: StochasticParameter<number>,
    readonly minval: number | null = null,
    readonly maxval: number | null = null,
  ) {
    super();
    if (!(other instanceof StochasticParameter)) throw new Error(`Clip: expected other to be a StochasticParameter, got ${describeArgument(other)}`);
    for (const [k, v] of [['minval', minval], ['maxval', maxval]] as const) {
      if (v !== null && typeof v !== 'number') throw new Error(`Clip: expected ${k} to be a number or null, got ${describeArgument(v)}`);
    }
    if (minval !== null && maxval !== null && minval > maxval) throw new Error(`Clip: expected minval <= maxval, got ${minval} > ${maxval}`);
  }

  protected sample(dims: readonly number[], rs: RandomState): Tensor {
    const values = this.other.drawSamples(dims, rs);
    if (this.minval === null && this.maxval === null) return values;
    return values.clamp(this.minval ?? undefined, this.maxval ?? undefined);
  }

  toString(): string {
    const f = (v: number | null): string => (v === null ? 'None' : String(v));
    return `Clip(${this.other}, ${f(this.minval)}, ${f(this.maxval)})`;
  }
}
