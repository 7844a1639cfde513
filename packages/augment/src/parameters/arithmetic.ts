/**
 * imgaug's parameter arithmetic (what Python writes `param * 255`, `param - 0.5`, `1.0 - param`):
 * Add, Subtract and Multiply of a parameter's samples and a value, and ForceSign. As in imgaug the
 * value is drawn once per call unless elementwise.
 */
import type { Tensor } from '@x/tensor';
import type { RandomState } from '../random/random-state';
import { handleContinuousParam } from './handle';
import { Deterministic } from './deterministic';
import { StochasticParameter } from './stochastic-parameter';

/** The base of Add, Subtract and Multiply: other's samples combined with val's (one draw, or one per sample). */
abstract class BinaryParameter extends StochasticParameter<number> {
  readonly other: StochasticParameter<number>;
  readonly val: StochasticParameter<number>;
  readonly elementwise: boolean;

  constructor(other: unknown, val: unknown, elementwise = false) {
    super();
    this.other = handleContinuousParam(other, 'otherParam');
    this.val = handleContinuousParam(val, 'val');
    this.elementwise = elementwise;
  }

  protected abstract combine(samples: Tensor, val: Tensor | number): Tensor;

  protected sample(dims: readonly number[], rs: RandomState): Tensor {
    const [rsOther, rsVal] = rs.deriveMany(2) as [RandomState, RandomState];
    const samples = this.other.drawSamples(dims, rsOther).to('float32');
    const elementwise = this.elementwise && !(this.val instanceof Deterministic);
    return this.combine(samples, elementwise ? this.val.drawSamples(dims, rsVal).to('float32') : this.val.drawSample(rsVal));
  }

  protected describe(name: string): string {
    return `${name}(${this.other}, ${this.val}, ${this.elementwise ? 'True' : 'False'})`;
  }
}

/**
 * other + val (imgaug's `iap.Add`, Python's `param + val`).
 *
 * @example
 * new iap.Add(new iap.Beta(0.5, 0.5), -0.5);
 */
export class Add extends BinaryParameter {
  protected combine(samples: Tensor, val: Tensor | number): Tensor {
    return samples.add(val);
  }

  toString(): string {
    return this.describe('Add');
  }
}

/**
 * other − val (imgaug's `iap.Subtract`, Python's `param - val`).
 *
 * @example
 * new iap.Subtract(1.0, new iap.Uniform(0, 1));   // 1 − U(0, 1)
 */
export class Subtract extends BinaryParameter {
  protected combine(samples: Tensor, val: Tensor | number): Tensor {
    return samples.sub(val);
  }

  toString(): string {
    return this.describe('Subtract');
  }
}

/**
 * other · val (imgaug's `iap.Multiply`, Python's `param * val`).
 *
 * @example
 * new iap.Multiply(new iap.Beta(0.5, 0.5), 255);
 */
export class Multiply extends BinaryParameter {
  protected combine(samples: Tensor, val: Tensor | number): Tensor {
    return samples.mul(val);
  }

  toString(): string {
    return this.describe('Multiply');
  }
}

/**
 * other's samples with the wrong sign flipped (imgaug's `iap.ForceSign` in its "invert" mode):
 * all positive, or all negative.
 *
 * @example
 * new iap.ForceSign(new iap.Normal(0, 1), { positive: true });   // |N(0, 1)|
 */
export class ForceSign extends StochasticParameter<number> {
  readonly other: StochasticParameter<number>;
  readonly positive: boolean;

  constructor(other: unknown, options: { positive: boolean; mode?: 'invert' }) {
    super();
    this.other = handleContinuousParam(other, 'otherParam');
    if (typeof options?.positive !== 'boolean') throw new Error(`ForceSign: expected positive to be a boolean, got ${String(options?.positive)}`);
    if ((options.mode ?? 'invert') !== 'invert') {
      throw new Error(`ForceSign: only mode 'invert' is implemented (imgaug's 'reroll' is not), got ${JSON.stringify(options.mode)}`);
    }
    this.positive = options.positive;
  }

  protected sample(dims: readonly number[], rs: RandomState): Tensor {
    const samples = this.other.drawSamples(dims, rs.deriveMany(1)[0]!).to('float32');
    return this.positive ? samples.abs() : samples.abs().neg();
  }

  toString(): string {
    return `ForceSign(${this.other}, ${this.positive ? 'True' : 'False'}, invert, 2)`;
  }
}

/**
 * other's samples with a random sign, positive with probability pPositive (imgaug's `iap.RandomSign`).
 *
 * @example
 * new iap.RandomSign(new iap.Poisson(5));
 */
export class RandomSign extends StochasticParameter<number> {
  readonly other: StochasticParameter<number>;
  readonly pPositive: number;

  constructor(other: unknown, pPositive = 0.5) {
    super();
    this.other = handleContinuousParam(other, 'otherParam');
    if (!(pPositive >= 0 && pPositive <= 1)) throw new Error(`RandomSign: expected pPositive in [0.0, 1.0], got ${pPositive}`);
    this.pPositive = pPositive;
  }

  protected sample(dims: readonly number[], rs: RandomState): Tensor {
    const [rsOther, rsSign] = rs.deriveMany(2) as [RandomState, RandomState];
    const samples = this.other.drawSamples(dims, rsOther);
    const signs = rsSign.binomial(this.pPositive, dims).mul(2).sub(1);
    return samples.mul(signs.to(samples.dtype));
  }

  toString(): string {
    return `RandomSign(${this.other}, ${this.pPositive.toFixed(2)})`;
  }
}
