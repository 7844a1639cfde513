/**
 * PyTorch 1.13's CPU random fills, bit for bit, drawn from a Generator's mt19937: each function is
 * the per-element algorithm of ATen's CPU kernel (native/cpu/DistributionTemplates.h,
 * DistributionKernels.cpp, core/DistributionsHelper.h, core/TransformationHelper.h), run serially in
 * the order PyTorch's serial kernel visits a contiguous tensor. They return the n values in the
 * storage array of the output dtype where that is float32/float64 (the fast paths), else as numbers
 * or bigints the caller encodes.
 */
import type { DType } from '../dtype';
import { logPs, sincosPs } from './avx-mathfun';
import { fma, fmaf } from './fma';
import type { MT19937 } from './mt19937';

/** What the CPU fills need of a generator: the engine and the cached second Box–Muller values. */
export interface CpuRandomState {
  readonly mt: MT19937;
  /** normal_distribution<double>'s cached r·sin(θ) (CPUGeneratorImpl's next_double_normal_sample). */
  nextDoubleNormal: number | null;
  /** normal_distribution<float>'s cache (next_float_normal_sample); the CPU kernels never set it. */
  nextFloatNormal: number | null;
}

const fr = Math.fround;
const TWO_POW_M24 = 2 ** -24;
const TWO_POW_M53 = 2 ** -53;

/** Mantissa bits (std::numeric_limits<T>::digits) of each floating dtype. */
const DIGITS: Partial<Record<DType, number>> = { float32: 24, float64: 53, float16: 11, bfloat16: 8 };

/** uniform_real_distribution<double>(0, 1): the low 53 bits of random64() times 2^-53. */
function uniform53(mt: MT19937): number {
  return mt.nextU53() * TWO_POW_M53;
}

/** uniform_(from, to): x = (random() & (2^digits - 1)) 2^-digits, then fma(x, to - from, from) in the accumulate type. */
export function uniformValues(g: CpuRandomState, dtype: DType, n: number, from: number, to: number): Float32Array | Float64Array {
  const mt = g.mt;
  if (dtype === 'float64') {
    const out = new Float64Array(n);
    const d = to - from;
    if (from === 0 && d === 1) for (let i = 0; i < n; i++) out[i] = uniform53(mt);
    else for (let i = 0; i < n; i++) out[i] = fma(uniform53(mt), d, from);
    return out;
  }
  // float32 and the half types accumulate in float (DistAccumType); from/to are first cast to the dtype
  const digits = DIGITS[dtype]!;
  const mask = 2 ** digits - 1;
  const scale = 2 ** -digits;
  const f = fr(from);
  const d = fr(fr(to) - f);
  const out = new Float32Array(n);
  if (f === 0 && d === 1) for (let i = 0; i < n; i++) out[i] = (mt.nextU32() & mask) * scale;
  else for (let i = 0; i < n; i++) out[i] = fmaf((mt.nextU32() & mask) * scale, d, f);
  return out;
}

/**
 * normal_distribution<double>(mean, std) for one value: Box–Muller on two float64 uniforms, the
 * second value r·sin(θ) cached on the generator for the next call.
 */
export function scalarNormal(g: CpuRandomState, mean: number, std: number): number {
  let z: number;
  if (g.nextDoubleNormal !== null) {
    z = g.nextDoubleNormal;
    g.nextDoubleNormal = null;
  } else {
    const u1 = uniform53(g.mt);
    const u2 = uniform53(g.mt);
    const r = Math.sqrt(-2 * Math.log(1 - u2));
    const theta = 2 * Math.PI * u1;
    g.nextDoubleNormal = r * Math.sin(theta);
    z = r * Math.cos(theta);
  }
  return fma(z, std, mean);
}

const sincos = new Float64Array(2);
const TWO_PI_F = fr(2 * Math.PI);

/** normal_fill_16_AVX2: Box–Muller on 16 float32 uniforms in place (u1 from the first 8, θ from the last 8). */
function normal16f32(d: Float32Array, o: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = fr(1 - d[o + j]!);
    const radius = fr(Math.sqrt(fr(-2 * logPs(u1))));
    sincosPs(fr(TWO_PI_F * d[o + j + 8]!), sincos);
    d[o + j] = fmaf(fr(radius * sincos[1]!), std, mean);
    d[o + j + 8] = fmaf(fr(radius * sincos[0]!), std, mean);
  }
}

/** normal_fill_16<double>: the same in float64 with the C library's log, cos and sin. */
function normal16f64(d: Float64Array, o: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - d[o + j]!;
    const u2 = d[o + j + 8]!;
    const radius = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    d[o + j] = fma(radius * Math.cos(theta), std, mean);
    d[o + j + 8] = fma(radius * Math.sin(theta), std, mean);
  }
}

/**
 * normal_(mean, std) as normal_kernel picks: a contiguous float32/float64 tensor of 16 or more
 * elements takes normal_fill (all n uniforms first, Box–Muller on blocks of 16, and when n is not a
 * multiple of 16 the last 16 positions drawn again and transformed again); anything else draws
 * normal_distribution<double> per element, with its cached second value.
 */
export function normalValues(g: CpuRandomState, dtype: DType, n: number, mean: number, std: number, contiguous: boolean): Float32Array | Float64Array {
  const fill = n >= 16 && contiguous && (dtype === 'float32' || dtype === 'float64');
  if (!fill) {
    const out = dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = scalarNormal(g, mean, std);
    return out;
  }
  // float32 rounds mean and std to float first (normal_fill_AVX2 takes them as float)
  const block = dtype === 'float32'
    ? (d: Float32Array | Float64Array, o: number): void => normal16f32(d as Float32Array, o, fr(mean), fr(std))
    : (d: Float32Array | Float64Array, o: number): void => normal16f64(d as Float64Array, o, mean, std);
  const d = uniformValues(g, dtype, n, 0, 1);
  for (let i = 0; i + 16 <= n; i += 16) block(d, i);
  if (n % 16 !== 0) {
    d.set(uniformValues(g, dtype, 16, 0, 1), n - 16);
    block(d, n - 16);
  }
  return d;
}

/** Whether random_(from, to) of this dtype draws random64() for a range of 2^32 or more (uniform_int_from_to_distribution). */
function wideDraws(dtype: DType): boolean {
  return dtype === 'int64' || dtype === 'float64' || dtype === 'float32' || dtype === 'bfloat16';
}

/** random_(from, to) and randint: (draw % range) + from, the draw 32-bit unless the range needs 64. */
export function randintValues(g: CpuRandomState, dtype: DType, n: number, from: number, to: number): number[] | BigInt64Array {
  const mt = g.mt;
  const range = to - from;
  if (range < 2 ** 32 || !wideDraws(dtype)) {
    const r = range >= 2 ** 32 ? Number(BigInt(range) % 2n ** 32n) : range; // a 32-bit draw modulo a wider range is the draw itself
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = (range >= 2 ** 32 ? mt.nextU32() : mt.nextU32() % r) + from;
    return out;
  }
  const out = new BigInt64Array(n);
  const R = BigInt(range);
  const F = BigInt(from);
  for (let i = 0; i < n; i++) out[i] = (mt.nextU64() % R) + F;
  return out;
}

/**
 * random_() with no bounds (uniform_int_distribution): int64 draws random64() modulo 2^63; float64
 * random64() modulo 2^53 + 1; the other types random() modulo (2^digits + 1) for floats, or
 * max + 1 for integers; bool the draw's low bit.
 */
export function randomFullValues(g: CpuRandomState, dtype: DType, n: number): number[] | BigInt64Array {
  const mt = g.mt;
  if (dtype === 'int64') {
    const out = new BigInt64Array(n);
    for (let i = 0; i < n; i++) out[i] = BigInt.asUintN(63, mt.nextU64());
    return out;
  }
  const out = new Array<number>(n);
  if (dtype === 'float64') {
    const M = 2n ** 53n + 1n;
    for (let i = 0; i < n; i++) out[i] = Number(mt.nextU64() % M);
    return out;
  }
  if (dtype === 'bool') {
    for (let i = 0; i < n; i++) out[i] = mt.nextU32() & 1;
    return out;
  }
  const digits = DIGITS[dtype];
  const m = digits !== undefined ? 2 ** digits + 1 : dtype === 'int32' ? 2 ** 31 : 256; // uint8: 256
  for (let i = 0; i < n; i++) out[i] = mt.nextU32() % m;
  return out;
}

/** bernoulli_(p) with a scalar p (bernoulli_distribution<double>): 1 where the float64 uniform is below p. */
export function bernoulliValues(g: CpuRandomState, n: number, p: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = uniform53(g.mt) < p ? 1 : 0;
  return out;
}

/**
 * bernoulli_(p) with a tensor p, one draw per element: a float64 p compares a float64 uniform
 * (bernoulli_distribution<double>), other dtypes a float32 one (bernoulli_distribution<float>).
 */
export function bernoulliTensorValues(g: CpuRandomState, p: ArrayLike<number>, pIsDouble: boolean): Uint8Array {
  const n = p.length;
  const out = new Uint8Array(n);
  if (pIsDouble) for (let i = 0; i < n; i++) out[i] = uniform53(g.mt) < p[i]! ? 1 : 0;
  else for (let i = 0; i < n; i++) out[i] = (g.mt.nextU32() & 0xffffff) * TWO_POW_M24 < fr(p[i]!) ? 1 : 0;
  return out;
}

/** exponential_(lambda) (exponential_distribution<double>): -1 / lambda * log(1 - u), u the float64 uniform. */
export function exponentialValues(g: CpuRandomState, dtype: DType, n: number, lambda: number): Float32Array | Float64Array {
  const out = dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
  const k = -1 / lambda;
  for (let i = 0; i < n; i++) out[i] = k * Math.log(1 - uniform53(g.mt));
  return out;
}

/**
 * randperm(n) (randperm_cpu): for n below 2^32 / 20 the Fisher–Yates swaps of i with i + random() % (n - i);
 * above, the inside-out shuffle with random64() % (i + 1).
 */
export function randpermValues(g: CpuRandomState, n: number): Float64Array {
  const r = new Float64Array(n);
  const mt = g.mt;
  if (n < Math.floor(4294967295 / 20)) {
    for (let i = 0; i < n; i++) r[i] = i;
    for (let i = 0; i < n - 1; i++) {
      const z = mt.nextU32() % (n - i);
      const t = r[i]!;
      r[i] = r[z + i]!;
      r[z + i] = t;
    }
    return r;
  }
  for (let i = 0; i < n; i++) {
    const z = Number(mt.nextU64() % BigInt(i + 1));
    r[i] = r[z]!;
    r[z] = i;
  }
  return r;
}
