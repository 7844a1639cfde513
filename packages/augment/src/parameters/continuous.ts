/** imgaug's continuous distributions: Uniform, Normal, TruncatedNormal, Laplace, Beta. Draws are float32. */
import { full, type Tensor } from '@x/tensor';
import type { RandomState } from '../random/random-state';
import { handleContinuousParam } from './handle';
import { drawRange, StochasticParameter } from './stochastic-parameter';

function constant(dims: readonly number[], value: number): Tensor {
  return full([...dims], value, { dtype: 'float32' });
}

/**
 * Values uniform between a and b (a and b may be parameters, drawn once per call).
 *
 * @example
 * new iap.Uniform(-25, 25).drawSamples(10, 1);
 */
export class Uniform extends StochasticParameter<number> {
  readonly a: StochasticParameter<number>;
  readonly b: StochasticParameter<number>;

  constructor(a: unknown, b: unknown) {
    super();
    this.a = handleContinuousParam(a, 'a');
    this.b = handleContinuousParam(b, 'b');
  }

  protected sample(dims: readonly number[], rs: RandomState): Tensor {
    const [a, b] = drawRange(this.a, this.b, rs);
    return a === b ? constant(dims, a) : rs.uniform(a, b, dims);
  }

  toString(): string {
    return `Uniform(${this.a}, ${this.b})`;
  }
}

/** What Normal and Laplace share: loc and scale, drawn once per call; scale 0 gives loc everywhere. */
abstract class LocationScale extends StochasticParameter<number> {
  readonly loc: StochasticParameter<number>;
  readonly scale: StochasticParameter<number>;

  constructor(loc: unknown, scale: unknown) {
    super();
    this.loc = handleContinuousParam(loc, 'loc');
    this.scale = handleContinuousParam(scale, 'scale', { valueRange: [0, null] });
  }

  /** Values of the distribution with this loc and (positive) scale. */
  protected abstract sampleWith(loc: number, scale: number, dims: readonly number[], rs: RandomState): Tensor;

  protected sample(dims: readonly number[], rs: RandomState): Tensor {
    const loc = this.loc.drawSample(rs);
    const scale = this.scale.drawSample(rs);
    if (!(scale >= 0)) throw new Error(`Expected scale to be >=0, got ${scale}`);
    return scale === 0 ? constant(dims, loc) : this.sampleWith(loc, scale, dims, rs);
  }

  toString(): string {
    return `${this.constructor.name}(loc=${this.loc}, scale=${this.scale})`;
  }
}

/**
 * Values from a normal distribution N(loc, scale²).
 *
 * @example
 * new iap.Normal(0, 1).drawSamples(100, 1);
 */
export class Normal extends LocationScale {
  protected sampleWith(loc: number, scale: number, dims: readonly number[], rs: RandomState): Tensor {
    return rs.normal(loc, scale, dims);
  }
}

/**
 * Values from a Laplace distribution (peaked at loc, scale its spread).
 *
 * @example
 * new iap.Laplace(0, 1).drawSamples(100, 1);
 */
export class Laplace extends LocationScale {
  protected sampleWith(loc: number, scale: number, dims: readonly number[], rs: RandomState): Tensor {
    return rs.laplace(loc, scale, dims);
  }
}

export interface TruncatedNormalOptions {
  low?: unknown;
  high?: unknown;
}

/**
 * Values from N(loc, scale²) kept within [low, high] (imgaug's `iap.TruncatedNormal`).
 *
 * @example
 * new iap.TruncatedNormal(0, 1, { low: -1, high: 1 }).drawSamples(100, 1);
 */
export class TruncatedNormal extends LocationScale {
  readonly low: StochasticParameter<number>;
  readonly high: StochasticParameter<number>;

  constructor(loc: unknown, scale: unknown, options: TruncatedNormalOptions = {}) {
    super(loc, scale);
    this.low = handleContinuousParam(options.low ?? -Infinity, 'low');
    this.high = handleContinuousParam(options.high ?? Infinity, 'high');
  }

  protected sampleWith(loc: number, scale: number, dims: readonly number[], rs: RandomState): Tensor {
    let low = this.low.drawSample(rs);
    let high = this.high.drawSample(rs);
    if (low > high) [low, high] = [high, low];
    return rs.truncatedNormal(loc, scale, low, high, dims);
  }

  override toString(): string {
    return `TruncatedNormal(loc=${this.loc}, scale=${this.scale}, low=${this.low}, high=${this.high})`;
  }
}

/**
 * Values from a Beta distribution in [0, 1] (imgaug's `iap.Beta`); alpha and beta below `epsilon`
 * count as epsilon.
 *
 * @example
 * new iap.Beta(0.5, 0.5).drawSamples(100, 1); // mostly near 0 or 1
 */
export class Beta extends StochasticParameter<number> {
  readonly alpha: StochasticParameter<number>;
  readonly beta: StochasticParameter<number>;
  readonly epsilon: number;

  constructor(alpha: unknown, beta: unknown, options: { epsilon?: number } = {}) {
    super();
    this.alpha = handleContinuousParam(alpha, 'alpha');
    this.beta = handleContinuousParam(beta, 'beta');
    const { epsilon = 0.0001 } = options;
    if (typeof epsilon !== 'number' || Number.isNaN(epsilon)) throw new Error(`Beta: expected epsilon to be a number, got ${String(epsilon)}`);
    this.epsilon = epsilon;
  }

  protected sample(dims: readonly number[], rs: RandomState): Tensor {
    const alpha = Math.max(this.alpha.drawSample(rs), this.epsilon);
    const beta = Math.max(this.beta.drawSample(rs), this.epsilon);
    return rs.beta(alpha, beta, dims);
  }

  toString(): string {
    return `Beta(${this.alpha}, ${this.beta})`;
  }
}
