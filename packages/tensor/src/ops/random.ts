/** Random creation and in-place fills, all drawn from a Generator's Philox stream by the backend. */
import type { RandomKind } from '../backend';
import type { DType } from '../dtype';
import { assertDType, getDefaultDType, isFloatingPoint, isHalf } from '../dtype';
import { defaultGenerator, type Generator } from '../random/generator';
import { checkSize } from '../shape';
import { Tensor } from '../tensor';
import { castTo, copy_ } from './cast';
import { binary } from './elementwise';
import { typeName } from './elementwise';
import { emptyTensor, resolveBackend, splitSizeArgs, type CreationOptions } from './util';

export interface GeneratorOption {
  generator?: Generator;
}
export type RandomOptions = CreationOptions & GeneratorOption;

/** Fills t (any layout) with a draw of `kind`; half types are drawn in float32 and rounded. */
function fill(t: Tensor, kind: RandomKind, a: number, b: number, generator = defaultGenerator): void {
  t._live();
  const n = t.numel();
  if (n === 0) return;
  // randint and bernoulli give integers, exact in every dtype; the others are rounded once from float32 for half types
  const drawType: DType = kind === 'randint' || kind === 'bernoulli' ? t.dtype : isHalf(t.dtype) ? 'float32' : t.dtype;
  const direct = drawType === t.dtype && t.isContiguous();
  const target = direct ? t : emptyTensor(t.shape, drawType, t.backend);
  const { seedLo, seedHi, offset } = generator.reserve(n);
  t.backend.random(target, { kind, seedLo, seedHi, offset, a, b });
  if (!direct) {
    copy_(t, target);
    target.dispose();
  } else t._version.value++;
}

function floatOnly(name: string, t: Tensor): void {
  if (!isFloatingPoint(t.dtype)) throw new Error(`"${name}" not implemented for '${typeName(t.dtype)}'`);
}

export function uniform_(t: Tensor, from = 0, to = 1, options: GeneratorOption = {}): void {
  floatOnly('check_uniform_bounds', t);
  if (from > to) throw new Error(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`);
  fill(t, 'uniform', from, to, options.generator);
}

export function normal_(t: Tensor, mean = 0, std = 1, options: GeneratorOption = {}): void {
  floatOnly('normal_kernel_cpu', t);
  if (std < 0) throw new Error(`normal expects std >= 0.0, but found std ${std}`);
  fill(t, 'normal', mean, std, options.generator);
}

// Largest integer each dtype represents exactly: random_() with no bounds draws from [0, this].
const RANDOM_MAX: Record<DType, number> = {
  float32: 2 ** 24, float64: 2 ** 53, float16: 2 ** 11, bfloat16: 2 ** 8, int32: 2 ** 31 - 1, int64: 2 ** 53, uint8: 255, bool: 1,
};

/** t.random_(), random_(to), random_(from, to): integers in [from, to) stored in t's dtype. */
export function random_(t: Tensor, from?: number, to?: number, options: GeneratorOption = {}): void {
  let lo = 0;
  let hi = RANDOM_MAX[t.dtype] + 1;
  if (from !== undefined && to === undefined) hi = from;
  else if (from !== undefined && to !== undefined) {
    lo = from;
    hi = to;
  }
  if (lo >= hi) throw new Error(`random_ expects 'from' to be less than 'to', but got from=${lo} >= to=${hi}`);
  if (isHalf(t.dtype)) {
    const tmp = emptyTensor(t.shape, 'float32', t.backend);
    fill(tmp, 'randint', lo, hi, options.generator);
    copy_(t, tmp);
    tmp.dispose();
    return;
  }
  fill(t, 'randint', lo, hi, options.generator);
}

/**
 * t.bernoulli_(p): 1 with probability p, else 0, in one pass of the backend's 'bernoulli' fill: the
 * float64 uniform draw u is K * 2^-53 for the 53-bit draw K at the same counter, so u < p ⇔
 * K < ceil(p * 2^53) — the masks of randint(0, 2^53) compared with that bound, on every backend.
 */
export function bernoulli_(t: Tensor, p = 0.5, options: GeneratorOption = {}): void {
  if (!(p >= 0 && p <= 1)) throw new Error(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
  fill(t, 'bernoulli', p, 0, options.generator);
}

type SizeArgs = (number | readonly number[] | RandomOptions)[];

function created(args: SizeArgs, defaultDType: DType): { t: Tensor; generator: Generator | undefined; requiresGrad: boolean } {
  const [sizeArgs, options] = splitSizeArgs<RandomOptions>(args);
  const shape = sizeArgs.length === 1 && Array.isArray(sizeArgs[0]) ? checkSize(sizeArgs[0] as number[]) : checkSize(sizeArgs as number[]);
  const dtype = options.dtype ? assertDType(options.dtype) : defaultDType;
  return { t: emptyTensor(shape, dtype, resolveBackend(options.device)), generator: options.generator, requiresGrad: options.requiresGrad ?? false };
}

/** torch.rand(2, 3): uniform on [0, 1). */
export function rand(...args: SizeArgs): Tensor {
  const { t, generator, requiresGrad } = created(args, getDefaultDType());
  uniform_(t, 0, 1, { generator });
  return t.requiresGrad_(requiresGrad);
}

/** torch.randn(2, 3): standard normal. */
export function randn(...args: SizeArgs): Tensor {
  const { t, generator, requiresGrad } = created(args, getDefaultDType());
  normal_(t, 0, 1, { generator });
  return t.requiresGrad_(requiresGrad);
}

/** torch.randint(high, size) or randint(low, high, size): int64 by default. */
export function randint(...args: (number | readonly number[] | RandomOptions)[]): Tensor {
  const [rest, options] = splitSizeArgs<RandomOptions>(args);
  const nums = rest as (number | readonly number[])[];
  const size = nums[nums.length - 1];
  if (!Array.isArray(size)) throw new TypeError('randint(): expected the size as an array, e.g. torch.randint(0, 10, [3, 4])');
  const bounds = nums.slice(0, -1) as number[];
  const [low, high] = bounds.length === 1 ? [0, bounds[0]!] : [bounds[0]!, bounds[1]!];
  if (low >= high) throw new Error(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  const { t, generator } = created([size as readonly number[], options], 'int64');
  random_(t, low, high, { generator });
  return t;
}

export function randLike(t: Tensor, options: RandomOptions = {}): Tensor {
  return rand(t.shape, { ...options, dtype: options.dtype ?? t.dtype, device: options.device ?? t.device });
}
export function randnLike(t: Tensor, options: RandomOptions = {}): Tensor {
  return randn(t.shape, { ...options, dtype: options.dtype ?? t.dtype, device: options.device ?? t.device });
}
export function randintLike(t: Tensor, low: number, high?: number, options: RandomOptions = {}): Tensor {
  const [lo, hi] = high === undefined ? [0, low] : [low, high];
  return randint(lo, hi, t.shape, { dtype: options.dtype ?? t.dtype, device: options.device ?? t.device, generator: options.generator });
}

/**
 * torch.normal(mean, std, size?): with tensors, one draw per element of the broadcast mean/std; with
 * numbers, a tensor of `size`.
 */
export function normal(mean: Tensor | number, std: Tensor | number = 1, size?: readonly number[] | RandomOptions, options: RandomOptions = {}): Tensor {
  const opts = size !== undefined && !Array.isArray(size) ? (size as RandomOptions) : options;
  if (!(mean instanceof Tensor) && !(std instanceof Tensor)) {
    if (!Array.isArray(size)) throw new TypeError('normal(mean, std, size): size is required when mean and std are numbers');
    const { t, generator, requiresGrad } = created([size as readonly number[], opts], getDefaultDType());
    normal_(t, mean, std, { generator });
    return t.requiresGrad_(requiresGrad);
  }
  const ref = (mean instanceof Tensor ? mean : std) as Tensor;
  const shapeSrc = mean instanceof Tensor && std instanceof Tensor ? binary('add', mean, std) : ref;
  const z = randn(shapeSrc.shape, { dtype: ref.dtype, device: ref.device, generator: opts.generator });
  if (shapeSrc !== ref) shapeSrc.dispose();
  const scaled = binary('mul', z, std);
  const out = binary('add', scaled, mean);
  z.dispose();
  scaled.dispose();
  return out;
}

/** torch.randperm(n): a random permutation of 0..n-1 (int64), from sorting random keys. */
export function randperm(n: number, options: RandomOptions = {}): Tensor {
  checkSize([n]);
  const backend = resolveBackend(options.device);
  // int64 keys K in [0, 2^53): by the Philox stream definition, K * 2^-53 is exactly the float64
  // uniform(0, 1) draw, so the permutation is the one float64 keys give, on backends without float64 too.
  const keys = emptyTensor([n], 'int64', backend);
  fill(keys, 'randint', 0, 2 ** 53, options.generator);
  const values = emptyTensor([n], 'int64', backend);
  const indices = emptyTensor([n], 'int64', backend);
  if (n > 0) backend.sort(keys, false, values, indices);
  keys.dispose();
  values.dispose();
  const dtype = options.dtype ?? 'int64';
  if (dtype === 'int64') return indices;
  const r = castTo(indices, dtype);
  indices.dispose();
  return r;
}
