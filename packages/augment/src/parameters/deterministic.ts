/** Parameters without randomness: Deterministic (one value) and DeterministicList (values in order, repeated). */
import { full, type Tensor, tensor } from '@x/tensor';
import { describeArgument, type SampleValue, StochasticParameter } from './stochastic-parameter';

function dtypeOf(values: readonly number[]): 'int32' | 'float32' {
  // imgaug keeps integers as int32 and floats as float32; a JavaScript number is an integer when it has no fraction.
  return values.every((v) => Number.isInteger(v)) ? 'int32' : 'float32';
}

/**
 * Always the same value (imgaug's `iap.Deterministic`). Given a parameter, it draws one value from it
 * once, now.
 *
 * @example
 * new iap.Deterministic(2).drawSamples(3); // int32 [2, 2, 2]
 */
export class Deterministic<T extends SampleValue = number> extends StochasticParameter<T> {
  readonly value: T;

  constructor(value: T | StochasticParameter<T>) {
    super();
    if (value instanceof StochasticParameter) this.value = value.drawSample();
    else if ((typeof value === 'number' && !Number.isNaN(value)) || typeof value === 'string') this.value = value;
    else throw new Error(`Deterministic: expected a number, a string or a StochasticParameter, got ${describeArgument(value)}`);
  }

  protected sample(dims: readonly number[]): Tensor | T[] {
    if (typeof this.value === 'string') return new Array(dims.reduce((a, b) => a * b, 1)).fill(this.value);
    return full(dims, this.value as number, { dtype: dtypeOf([this.value as number]) });
  }

  toString(): string {
    if (typeof this.value === 'number') return Number.isInteger(this.value) ? `Deterministic(int ${this.value})` : `Deterministic(float ${this.value.toFixed(8)})`;
    return `Deterministic(${this.value})`;
  }
}

/**
 * The given values in order, repeated as often as needed to fill the requested shape (imgaug's
 * `iap.DeterministicList`).
 *
 * @example
 * new iap.DeterministicList([1, 2, 3]).drawSamples(5); // int32 [1, 2, 3, 1, 2]
 */
export class DeterministicList extends StochasticParameter<number> {
  readonly values: readonly number[];

  constructor(values: readonly number[]) {
    super();
    if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'number')) {
      throw new Error(`DeterministicList: expected a non-empty array of numbers, got ${describeArgument(values)}`);
    }
    this.values = [...values];
  }

  protected sample(dims: readonly number[]): Tensor {
    const n = dims.reduce((a, b) => a * b, 1);
    const out = Array.from({ length: n }, (_, i) => this.values[i % this.values.length]!);
    return tensor(out, { dtype: dtypeOf(this.values) }).reshape([...dims]);
  }

  toString(): string {
    return dtypeOf(this.values) === 'float32' ? `DeterministicList([${this.values.map((v) => v.toFixed(4)).join(', ')}])` : `DeterministicList([${this.values.join(', ')}])`;
  }
}
