/** imgaug's discrete distributions: Binomial (0 or 1), DiscreteUniform, Poisson. Draws are int32. */
import { full, type Tensor } from '@x/tensor';
import type { RandomState } from '../random/random-state';
import { handleContinuousParam, handleDiscreteParam } from './handle';
import { drawRange, StochasticParameter } from './stochastic-parameter';

/**
 * 1 with probability p, else 0 (numpy's `binomial(1, p)`); p may be a parameter, drawn once per call.
 *
 * @example
 * new iap.Binomial(0.3).drawSamples(1000, 1); // about 300 ones
 */
export class Binomial extends StochasticParameter<number> {
  readonly p: StochasticParameter<number>;

  constructor(p: unknown) {
    super();
    this.p = handleContinuousParam(p, 'p');
  }

  protected sample(dims: readonly number[], rs: RandomState): Tensor {
    const p = this.p.drawSample(rs);
    if (!(p >= 0 && p <= 1)) throw new Error(`Expected probability p to be in the interval [0.0, 1.0], got ${p}`);
    return rs.binomial(p, dims);
  }

  toString(): string {
    return `Binomial(${this.p})`;
  }
}

/**
 * Integers uniform in [a, b], both ends included.
 *
 * @example
 * new iap.DiscreteUniform(0, 3).drawSamples(4, 1); // e.g. int32 [2, 0, 3, 3]
 */
export class DiscreteUniform extends StochasticParameter<number> {
  readonly a: StochasticParameter<number>;
  readonly b: StochasticParameter<number>;

  constructor(a: unknown, b: unknown) {
    super();
    this.a = handleDiscreteParam(a, 'a');
    this.b = handleDiscreteParam(b, 'b');
  }

  protected sample(dims: readonly number[], rs: RandomState): Tensor {
    const [a, b] = drawRange(this.a, this.b, rs);
    return a === b ? full([...dims], a, { dtype: 'int32' }) : rs.integers(a, b + 1, dims);
  }

  toString(): string {
    return `DiscreteUniform(${this.a}, ${this.b})`;
  }
}

/**
 * Counts from a Poisson distribution with mean lam (negative lam counts as 0).
 *
 * @example
 * new iap.Poisson(3).drawSamples(100, 1);
 */
export class Poisson extends StochasticParameter<number> {
  readonly lam: StochasticParameter<number>;

  constructor(lam: unknown) {
    super();
    this.lam = handleContinuousParam(lam, 'lam');
  }

  protected sample(dims: readonly number[], rs: RandomState): Tensor {
    return rs.poisson(Math.max(this.lam.drawSample(rs), 0), dims);
  }

  toString(): string {
    return `Poisson(${this.lam})`;
  }
}
