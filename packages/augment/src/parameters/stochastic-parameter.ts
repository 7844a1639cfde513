/**
 * imgaug's StochasticParameter: something augmenters draw values from. A draw takes a random state
 * (a RandomState, an integer seed, or nothing for the global state) and advances it afterwards, as
 * imgaug's `draw_samples` does, so two draws in a row differ.
 */
import type { Tensor } from '@x/tensor';
import { normalizeRandomState, type RandomStateLike } from '../random/global';
import { type RandomState, type Size, sizeDims } from '../random/random-state';
import { workerSourceOf } from '../worker-source';

/** What a parameter's values are: numbers, or strings for categorical parameters (modes, colour spaces). */
export type SampleValue = number | string;

export abstract class StochasticParameter<T extends SampleValue = number> {
  /**
   * Values of the given shape: a float32 or int32 tensor for numeric parameters, a flat array for
   * string-valued ones. Implementations draw everything from `randomState`.
   */
  protected abstract sample(dims: readonly number[], randomState: RandomState): Tensor | T[];

  /**
   * Samples of shape `size` as a tensor (imgaug's `draw_samples`).
   *
   * @example
   * new iap.Uniform(0, 10).drawSamples([2, 3], 1); // float32 tensor [2, 3]
   */
  drawSamples(size: Size, randomState?: RandomStateLike): Tensor {
    const out = this.draw(size, randomState);
    if (Array.isArray(out)) throw new Error(`${this.toString()} draws strings, which a tensor cannot hold: use drawValues(size, randomState) for them`);
    return out as Tensor;
  }

  /** Samples of shape `size`, flat, as JavaScript values (numbers or strings). */
  drawValues(size: Size, randomState?: RandomStateLike): T[] {
    const out = this.draw(size, randomState);
    return Array.isArray(out) ? out : (Array.from((out as Tensor).numpy() as ArrayLike<number>) as T[]);
  }

  /** One sample (imgaug's `draw_sample`). */
  drawSample(randomState?: RandomStateLike): T {
    return this.drawValues(1, randomState)[0]!;
  }

  private draw(size: Size, randomState: RandomStateLike): Tensor | T[] {
    const rs = normalizeRandomState(randomState);
    const out = this.sample(sizeDims(size), rs);
    rs.advance();
    return out;
  }

  /** How a DataLoader worker rebuilds this parameter (@x/data's codec asks). */
  workerSource(): ReturnType<typeof workerSourceOf> {
    return workerSourceOf(this);
  }

  abstract toString(): string;
}

/** One draw each from a and b, in increasing order: imgaug's ranges take their ends either way round. */
export function drawRange(a: StochasticParameter<number>, b: StochasticParameter<number>, rs: RandomState): [number, number] {
  const [x, y] = [a.drawSample(rs), b.drawSample(rs)];
  return x <= y ? [x, y] : [y, x];
}

/** Whether v is a stochastic parameter. */
export function isStochasticParameter(v: unknown): v is StochasticParameter<SampleValue> {
  return v instanceof StochasticParameter;
}

/** A short description of an argument for error messages: its value where short, else its type. */
export function describeArgument(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (v instanceof StochasticParameter) return v.toString();
  if (Array.isArray(v)) return `an array of ${v.length} (${v.map((x) => describeArgument(x)).join(', ')})`;
  if (typeof v === 'object') return `an object (${(v as object).constructor?.name ?? 'Object'})`;
  if (typeof v === 'string') return JSON.stringify(v);
  return `${typeof v} ${String(v)}`;
}
