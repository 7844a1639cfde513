/** imgaug's continuous distributions: Uniform, Normal, TruncatedNormal, Laplace, Beta. Draws are float32. */
import { full, type Tensor } from '@x/tensor';
import type { RandomState } from '../random/random-state';
import { handleContinuousParam } from './handle';
import { StochasticParameter } from './stochastic-parameter';

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
    let a = this.a.drawSample(rs);
    let b = this.b.drawSample(rs);
    if (a > b) [a, b] = [b, a];
    else if (a === b) return constant(dims, a);
    return rs.uniform(a, b, dims);
  }

  toString(): string {
    return `Uniform(${this.a}, ${this.b})`;
  }
}

/**
 * Values from a normal distribution N(loc, scale²).
 *
 * @example
 * new iap.Normal(0, 1).drawSamples(100, 1);
 */
export class Normal extends StochasticParameter<number> {
  readonly loc: StochasticParameter<number>;
  readonly scale: StochasticParameter<number>;

  constructor(loc: unknown, scale: unknown) {
    super();
    this.loc = handleContinuousParam(loc, 'loc');
    this.scale = handleContinuousParam(scale, 'scale', { valueRange: [0, null] });
  }

  protected sample(dims: readonly number[], rs: RandomState): Tensor {
    const loc = this.loc.drawSample(rs);
    const scale = this.scale.drawSample(rs);
    if (!(scale >= 0)) throw new Error(`Expected scale to be >=0, got ${scale}`);
    return scale === 0 ? constant(dims, loc) : rs.normal(loc, scale, dims);
  }

  toString(): string {
    return `Normal(loc=${this.loc}, scale=${this.scale})`;
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
export class TruncatedNormal extends StochasticParameter<number> {
  readonly loc: StochasticParameter<number>;
  readonly scale: StochasticParameter<number>;
  readonly low: StochasticParameter<number>;
  readonly high: StochasticParameter<number>;

  constructor(loc: unknown, scale: unknown, options: TruncatedNormalOptions = {}) {
    super();
    this.loc = handleContinuousParam(loc, 'loc');
    this.scale = handleContinuousParam(scale, 'scale', { valueRange: [0, null] });
    this.low = handleContinuousParam(options.low ?? -Infinity, 'low');
    this.high = handleContinuousParam(options.high ?? Infinity, 'high');
  }

  protected sample(dims: readonly number[], rs: RandomState): Tensor {
    const loc = this.loc.drawSample(rs);
    const scale = this.scale.drawSample(rs);
    let low = this.low.drawSample(rs);
    let high = this.high.drawSample(rs);
    if (low > high) [low, high] = [high, low];
    if (!(scale >= 0)) throw new Error(`Expected scale to be >=0, got ${scale}`);
    if (scale === 0) return constant(dims, loc);
    return rs.truncatedNormal(loc, scale, low, high, dims);
  }

  toString(): string {
    return `TruncatedNormal(loc=${this.loc}, scale=${this.scale}, low=${this.low}, high=${this.high})`;
  }
}

/**
 * Values from a Laplace distribution (peaked at loc, scale its spread).
 *
 * @example
 * new iap.Laplace(0, 1).drawSamples(100, 1);
 */
export class Laplace extends StochasticParameter<number> {
  readonly loc: StochasticParameter<number>;
  readonly scale: StochasticParameter<number>;

  constructor(loc: unknown, scale: unknown) {
    super();
    this.loc = handleContinuousParam(loc, 'loc');
    this.scale = handleContinuousParam(scale, 'scale', { valueRange: [0, null] });
  }

  protected sample(dims: readonly number[], rs: RandomState): Tensor {
    const loc = this.loc.drawSample(rs);
    const scale = this.scale.drawSample(rs);
    if (!(scale >= 0)) throw new Error(`Expected scale to be >=0, got ${scale}`);
    return scale === 0 ? constant(dims, loc) : rs.laplace(loc, scale, dims);
  }

  toString(): string {
    return `Laplace(loc=${this.loc}, scale=${this.scale})`;
  }
}
