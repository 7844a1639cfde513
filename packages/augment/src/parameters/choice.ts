/** imgaug's `iap.Choice`: values picked from a list, the list's entries possibly parameters themselves. */
import { type Tensor, tensor } from '@x/tensor';
import type { RandomState } from '../random/random-state';
import { describeArgument, type SampleValue, StochasticParameter } from './stochastic-parameter';

export interface ChoiceOptions {
  /** Whether a value may be picked more than once (default true). */
  replace?: boolean;
  /** The probability of each entry (default: all equal). */
  p?: readonly number[];
}

type Entry<T extends SampleValue> = T | StochasticParameter<T>;

/**
 * Picks entries of `a` at random; an entry that is a parameter is replaced by a value drawn from it.
 *
 * @example
 * new iap.Choice([0, 90, 180, 270]).drawSamples(4, 1); // e.g. int32 [90, 0, 270, 90]
 * new iap.Choice(['constant', 'edge'], { p: [0.9, 0.1] }).drawValues(2);
 */
export class Choice<T extends SampleValue = number> extends StochasticParameter<T> {
  readonly a: readonly Entry<T>[];
  readonly replace: boolean;
  readonly p: readonly number[] | null;

  constructor(a: readonly Entry<T>[], options: ChoiceOptions = {}) {
    super();
    if (!Array.isArray(a) || a.length === 0) throw new Error(`Choice: expected a non-empty array of values to choose from, got ${describeArgument(a)}`);
    for (const [i, v] of a.entries()) {
      if (typeof v !== 'number' && typeof v !== 'string' && !(v instanceof StochasticParameter)) {
        throw new Error(`Choice: a[${i}] should be a number, a string or a StochasticParameter, got ${describeArgument(v)}`);
      }
    }
    const { replace = true, p } = options;
    if (p !== undefined && (!Array.isArray(p) || p.length !== a.length)) {
      throw new Error(`Choice: expected p to have one probability per value (${a.length}), got ${describeArgument(p)}`);
    }
    this.a = [...a];
    this.replace = replace;
    this.p = p === undefined ? null : [...p];
  }

  private indices(n: number, rs: RandomState): Int32Array {
    const k = this.a.length;
    if (this.replace) return rs.choiceIndices(k, n, this.p ?? undefined).numpy() as Int32Array;
    if (n > k) throw new Error(`Choice: cannot take ${n} values without replacement from ${k}`);
    if (this.p === null) return (rs.permutation(k).numpy() as Int32Array).slice(0, n);
    // Without replacement and with weights: pick one at a time among what is left, weights renormalized.
    const left = Array.from({ length: k }, (_, i) => i);
    const out = new Int32Array(n);
    for (let j = 0; j < n; j++) {
      const w = left.map((i) => this.p![i]!);
      const total = w.reduce((s, v) => s + v, 0);
      const pick = rs.choiceIndices(left.length, 1, w.map((v) => v / total)).item();
      out[j] = left[pick]!;
      left.splice(pick, 1);
    }
    return out;
  }

  protected sample(dims: readonly number[], rs: RandomState): Tensor | T[] {
    const n = dims.reduce((a, b) => a * b, 1);
    const hasParameters = this.a.some((v) => v instanceof StochasticParameter);
    // As imgaug: with parameters among the entries, the picks and each parameter's values come from
    // separate child states, so a parameter draws the same whichever entries were picked before it.
    const [pickState, ...paramStates] = hasParameters ? rs.deriveMany(1 + this.a.length) : [rs];
    const picks = this.indices(n, pickState!);
    const values: SampleValue[] = new Array(n);
    if (hasParameters) {
      const counts = new Array(this.a.length).fill(0);
      for (const i of picks) counts[i]++;
      const drawn = this.a.map((entry, i) => (entry instanceof StochasticParameter && counts[i] > 0 ? entry.drawValues(counts[i], paramStates[i]) : null));
      const read = new Array(this.a.length).fill(0);
      picks.forEach((i, j) => {
        const entry = this.a[i]!;
        values[j] = entry instanceof StochasticParameter ? drawn[i]![read[i]++]! : entry;
      });
    } else {
      picks.forEach((i, j) => (values[j] = this.a[i] as SampleValue));
    }
    if (values.every((v) => typeof v === 'number')) {
      const nums = values as number[];
      return tensor(nums, { dtype: nums.every((v) => Number.isInteger(v)) ? 'int32' : 'float32' }).reshape([...dims]);
    }
    return values as T[];
  }

  toString(): string {
    return `Choice(a=[${this.a.map(String).join(', ')}], replace=${this.replace ? 'True' : 'False'}, p=${this.p === null ? 'None' : `[${this.p.join(', ')}]`})`;
  }
}

/**
 * An explicit list of values to pick from, where imgaug would take a Python list. A two-element
 * array is a range (imgaug's tuple), so a list of choices is written with `choice`.
 *
 * @example
 * new iaa.Rot90(iaa.choice([1, 3])); // k is 1 or 3, never 2
 */
export function choice<T extends SampleValue>(values: readonly (T | StochasticParameter<T>)[], options: ChoiceOptions = {}): Choice<T> {
  return new Choice<T>(values, options);
}
