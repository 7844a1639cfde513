/**
 * imgaug's argument conventions, for augmenters turning their options into parameters. In imgaug a
 * number is fixed, a tuple `(a, b)` is a range and a list is a choice; a JavaScript array cannot tell
 * a tuple from a list, so here:
 *
 * - a number is fixed (Deterministic);
 * - a 2-element array `[a, b]` is a range: Uniform for continuous, DiscreteUniform for discrete values;
 * - a list of choices is written `iap.choice([...])` (or `new iap.Choice([...])`);
 * - where imgaug takes lists but no ranges (`tupleToUniform: false`), an array is a choice list;
 * - any StochasticParameter is used as it is.
 */
import { Choice } from './choice';
import { Binomial, DiscreteUniform } from './discrete';
import { Deterministic } from './deterministic';
import { Uniform } from './continuous';
import { describeArgument, StochasticParameter } from './stochastic-parameter';

/** An argument taking continuous values: fixed, a range, or a parameter. */
export type ContinuousArg = number | readonly [number, number] | StochasticParameter<number>;
/** An argument taking integer values: fixed, a range (inclusive, as imgaug's), or a parameter. */
export type DiscreteArg = number | readonly [number, number] | StochasticParameter<number>;
/** A probability: fixed (or a boolean), or a parameter drawing 0 or 1. */
export type ProbabilityArg = number | boolean | readonly [number, number] | StochasticParameter<number>;
/** A categorical string argument: one value, a list to choose from, ALL of the valid values, or a parameter. */
export type CategoricalArg<T extends string = string> = T | readonly T[] | typeof ALL | StochasticParameter<T>;

/** imgaug's `ia.ALL`: every allowed value. */
export const ALL = 'ALL' as const;

/** Allowed values: [min, max] with null for no bound (inclusive), or a function that throws for bad values. */
export type ValueRange = readonly [number | null, number | null] | ((value: number) => void);

export interface HandleOptions {
  valueRange?: ValueRange;
  /** Whether a 2-element array is a range (default true). */
  tupleToUniform?: boolean;
  /** Whether an array is a choice list where it is not a range (default true). */
  listToChoice?: boolean;
}

export function checkValueRange(value: number, name: string, valueRange: ValueRange | undefined): void {
  if (valueRange === undefined) return;
  if (typeof valueRange === 'function') {
    valueRange(value);
    return;
  }
  const [lo, hi] = valueRange;
  if ((lo !== null && !(value >= lo)) || (hi !== null && !(value <= hi))) {
    const range = lo === null ? `x <= ${hi}` : hi === null ? `${lo} <= x` : `${lo} <= x <= ${hi}`;
    throw new Error(`Parameter '${name}' is outside of the expected value range (${range}), got ${value}`);
  }
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && !Number.isNaN(v);
}

function expected(name: string, kind: string, options: HandleOptions, param: unknown): Error {
  const { tupleToUniform = true, listToChoice = true } = options;
  const forms = [kind, tupleToUniform ? `a range [a, b] of ${kind}s` : null, listToChoice ? `a choice list (iap.choice([...])${tupleToUniform ? '' : ` or an array of ${kind}s`})` : null, 'a StochasticParameter'];
  return new Error(`Expected ${forms.filter((f) => f !== null).join(', ')} for ${name}, got ${describeArgument(param)}`);
}

function rangeArray(param: readonly unknown[], name: string, kind: string, check: (v: unknown) => boolean): readonly [number, number] {
  if (param.length !== 2) {
    throw new Error(`Expected the array for ${name} to be a range [a, b] with exactly 2 entries, got ${param.length} entries; for a list of choices use iap.choice([...])`);
  }
  if (!param.every(check)) throw new Error(`Expected the range for ${name} to hold two ${kind}s, got ${describeArgument(param)}`);
  return param as unknown as readonly [number, number];
}

/**
 * A parameter for a continuous argument (imgaug's `handle_continuous_param`).
 *
 * @example
 * handleContinuousParam([-25, 25], 'rotate'); // Uniform(-25, 25)
 */
export function handleContinuousParam(param: unknown, name: string, options: HandleOptions = {}): StochasticParameter<number> {
  const { valueRange, tupleToUniform = true, listToChoice = true } = options;
  if (isNumber(param)) {
    checkValueRange(param, name, valueRange);
    return new Deterministic(param);
  }
  if (Array.isArray(param)) {
    if (tupleToUniform) {
      const [a, b] = rangeArray(param, name, 'number', isNumber);
      checkValueRange(a, name, valueRange);
      checkValueRange(b, name, valueRange);
      return new Uniform(a, b);
    }
    if (listToChoice) {
      if (!param.every(isNumber)) throw new Error(`Expected the list for ${name} to hold only numbers, got ${describeArgument(param)}`);
      for (const v of param) checkValueRange(v, name, valueRange);
      return new Choice<number>(param);
    }
  }
  if (param instanceof StochasticParameter) return param as StochasticParameter<number>;
  throw expected(name, 'number', options, param);
}

/**
 * A parameter for an integer argument (imgaug's `handle_discrete_param`): numbers are truncated to
 * integers, a range [a, b] includes both ends.
 *
 * @example
 * handleDiscreteParam([0, 3], 'k'); // DiscreteUniform(0, 3)
 */
export function handleDiscreteParam(param: unknown, name: string, options: HandleOptions & { allowFloats?: boolean } = {}): StochasticParameter<number> {
  const { valueRange, tupleToUniform = true, listToChoice = true, allowFloats = true } = options;
  const accepted = (v: unknown): v is number => isNumber(v) && (allowFloats || Number.isInteger(v));
  const kind = allowFloats ? 'number' : 'integer';
  if (accepted(param)) {
    checkValueRange(param, name, valueRange);
    return new Deterministic(Math.trunc(param));
  }
  if (Array.isArray(param)) {
    if (tupleToUniform) {
      const [a, b] = rangeArray(param, name, kind, accepted);
      checkValueRange(a, name, valueRange);
      checkValueRange(b, name, valueRange);
      return new DiscreteUniform(Math.trunc(a), Math.trunc(b));
    }
    if (listToChoice) {
      if (!param.every(accepted)) throw new Error(`Expected the list for ${name} to hold only ${kind}s, got ${describeArgument(param)}`);
      for (const v of param) checkValueRange(v, name, valueRange);
      return new Choice<number>(param.map((v) => Math.trunc(v)));
    }
  }
  if (param instanceof StochasticParameter) return param as StochasticParameter<number>;
  throw expected(name, kind, { tupleToUniform, listToChoice }, param);
}

/**
 * A parameter drawing 0 or 1 for a probability argument (imgaug's `handle_probability_param`): true,
 * false, 0 and 1 are fixed; another number p in [0, 1] is Binomial(p).
 *
 * @example
 * handleProbabilityParam(0.5, 'p'); // Binomial(Deterministic(float 0.5))
 */
export function handleProbabilityParam(param: unknown, name: string, options: { tupleToUniform?: boolean; listToChoice?: boolean } = {}): StochasticParameter<number> {
  const { tupleToUniform = false, listToChoice = false } = options;
  const eps = 1e-6;
  if (typeof param === 'boolean') return new Deterministic(param ? 1 : 0);
  if (isNumber(param)) {
    if (!(param >= 0 && param <= 1)) throw new Error(`Expected probability of parameter '${name}' to be in the interval [0.0, 1.0], got ${param}`);
    if (Math.abs(param) < eps || Math.abs(param - 1) < eps) return new Deterministic(Math.round(param));
    return new Binomial(param);
  }
  if (Array.isArray(param) && (tupleToUniform || listToChoice)) {
    if (!param.every((v) => isNumber(v) && v >= 0 && v <= 1)) {
      throw new Error(`Expected the array for ${name} to hold probabilities in the interval [0.0, 1.0], got ${describeArgument(param)}`);
    }
    if (tupleToUniform) {
      const [a, b] = rangeArray(param, name, 'probability', isNumber);
      return new Binomial(new Uniform(a, b));
    }
    return new Binomial(new Choice<number>(param));
  }
  if (param instanceof StochasticParameter) return param as StochasticParameter<number>;
  const forms = ['a boolean', 'a number in [0, 1]', tupleToUniform ? 'a range [a, b] of probabilities' : null, listToChoice ? 'a choice list of probabilities' : null, 'a StochasticParameter'];
  throw new Error(`Expected ${forms.filter((f) => f !== null).join(', ')} for ${name}, got ${describeArgument(param)}`);
}

/**
 * A parameter for a string argument from a fixed set (imgaug's `handle_categorical_string_param`):
 * one string is fixed, an array of strings is a choice list, ALL chooses among every valid value.
 *
 * @example
 * handleCategoricalStringParam(['constant', 'edge'], 'mode', ['constant', 'edge', 'symmetric']);
 */
export function handleCategoricalStringParam<T extends string>(param: unknown, name: string, validValues?: readonly T[]): StochasticParameter<T> {
  const checkValid = (v: string): void => {
    if (validValues !== undefined && !validValues.includes(v as T)) {
      throw new Error(`Expected parameter '${name}' to be one of: ${validValues.join(', ')}. Got: ${v}`);
    }
  };
  if (param === ALL && validValues !== undefined) return new Choice<T>([...validValues]);
  if (typeof param === 'string') {
    checkValid(param);
    return new Deterministic<T>(param as T);
  }
  if (Array.isArray(param)) {
    if (!param.every((v) => typeof v === 'string')) throw new Error(`Expected the list for parameter '${name}' to hold only strings, got ${describeArgument(param)}`);
    param.forEach(checkValid);
    return new Choice<T>(param as T[]);
  }
  if (param instanceof StochasticParameter) return param as StochasticParameter<T>;
  throw new Error(`Expected parameter '${name}' to be${validValues !== undefined ? ' ALL,' : ''} a string, an array of strings or a StochasticParameter, got ${describeArgument(param)}`);
}

/**
 * Kernel sizes (imgaug's `handle_discrete_kernel_size_param`): one parameter for square kernels, or,
 * for a pair of parameters `[ph, pw]`, one per axis.
 */
export function handleDiscreteKernelSizeParam(
  param: unknown,
  name: string,
  options: { valueRange?: ValueRange; allowFloats?: boolean } = {},
): [StochasticParameter<number>, StochasticParameter<number> | null] {
  const { valueRange = [1, null], allowFloats = true } = options;
  if (Array.isArray(param) && param.length === 2 && !param.every(isNumber)) {
    if (param.every((p) => p instanceof StochasticParameter)) return [param[0], param[1]];
    return [handleDiscreteParam(param[0], `${name}[0]`, { valueRange, allowFloats }), handleDiscreteParam(param[1], `${name}[1]`, { valueRange, allowFloats })];
  }
  return [handleDiscreteParam(param, name, { valueRange, allowFloats }), null];
}
