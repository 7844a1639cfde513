/**
 * Shared WGSL functions, pulled into a shader by name: `library(['f16', 'convert'])` returns the
 * source of those snippets and of everything they depend on, each once, in dependency order.
 *
 * Snippets:
 * - 'float': f32 classification by bits (`f32_is_nan`, `f32_is_inf`, `f32_is_finite`) and the
 *   constants `f32_inf()`, `f32_nan()`. WGSL lets implementations assume NaN and infinity never occur
 *   in arithmetic, so kernels must test them on bits, never with `x != x`, and must not write them as
 *   constant expressions (a shader-creation error): they come from private variables here.
 * - 'f16', 'bf16': `f16_bits_to_f32`, `f32_to_f16_bits`, `f32_to_bf16_bits` (round to nearest even,
 *   as @x/tensor's half.ts).
 * - 'int64': the emulated 64-bit integers of int64.ts.
 * - 'convert': exact conversions with C cast semantics: `f32_to_i64` (truncating, wrapping modulo
 *   2^64 for finite inputs), `u32_to_f32`, `i32_to_f32`, `i64_to_f32` (round to nearest even).
 * - 'math': f32 functions with C / PyTorch edge semantics and ~1 ulp exp/log/trig (math.ts).
 * - 'cast': float → integer with the reference's NaN / infinity results (convert.ts).
 */
import { CAST_WGSL } from './convert';
import { INT64_WGSL } from './int64';
import { MATH_WGSL } from './math';

const FLOAT = /* wgsl */ `
var<private> F32_INF_BITS: u32 = 0x7f800000u;
var<private> F32_NAN_BITS: u32 = 0x7fc00000u;
fn f32_inf() -> f32 { return bitcast<f32>(F32_INF_BITS); }
fn f32_nan() -> f32 { return bitcast<f32>(F32_NAN_BITS); }
fn f32_is_nan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn f32_is_inf(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }
fn f32_is_finite(x: f32) -> bool { return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u; }
fn f32_is_zero(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0u; }
fn f32_sign_bit(x: f32) -> bool { return (bitcast<u32>(x) >> 31u) != 0u; }
fn f32_is_subnormal(x: f32) -> bool { let b = bitcast<u32>(x) & 0x7fffffffu; return b != 0u && b < 0x00800000u; }
// An order-preserving key (for non-NaN x; -0 and +0 share one): compares exactly even on drivers that
// flush subnormals to zero in float comparisons.
fn f32_key(x: f32) -> u32 {
  let b = bitcast<u32>(x);
  if ((b & 0x7fffffffu) == 0u) { return 0x80000000u; }
  return select(b | 0x80000000u, ~b, (b >> 31u) != 0u);
}
fn f32_copysign(x: f32, s: f32) -> f32 { return bitcast<f32>((bitcast<u32>(x) & 0x7fffffffu) | (bitcast<u32>(s) & 0x80000000u)); }
`;

const F16 = /* wgsl */ `
fn f16_bits_to_f32(h: u32) -> f32 {
  let s = (h & 0x8000u) << 16u;
  let e = (h >> 10u) & 0x1fu;
  let m = h & 0x3ffu;
  if (e == 0u) {
    let v = f32(m) * 5.9604644775390625e-8;
    return bitcast<f32>(bitcast<u32>(v) | s);
  }
  if (e == 31u) { return bitcast<f32>(s | 0x7f800000u | (m << 13u)); }
  return bitcast<f32>(s | ((e + 112u) << 23u) | (m << 13u));
}
fn f32_to_f16_bits(v: f32) -> u32 {
  let x = bitcast<u32>(v);
  let sign = (x >> 16u) & 0x8000u;
  let exp = (x >> 23u) & 0xffu;
  var mant = x & 0x7fffffu;
  if (exp == 0xffu) { return sign | 0x7c00u | select(0u, 0x200u, mant != 0u); }
  var e = i32(exp) - 112;
  if (e >= 31) { return sign | 0x7c00u; }
  if (e <= 0) {
    if (e < -10) { return sign; }
    mant = mant | 0x800000u;
    let shift = u32(14 - e);
    let half = 1u << (shift - 1u);
    var m = mant >> shift;
    let rem = mant & ((1u << shift) - 1u);
    if (rem > half || (rem == half && (m & 1u) != 0u)) { m = m + 1u; }
    return sign | m;
  }
  var m = mant >> 13u;
  let rem = mant & 0x1fffu;
  if (rem > 0x1000u || (rem == 0x1000u && (m & 1u) != 0u)) {
    m = m + 1u;
    if (m == 0x400u) {
      m = 0u;
      e = e + 1;
      if (e >= 31) { return sign | 0x7c00u; }
    }
  }
  return sign | (u32(e) << 10u) | m;
}
`;

const BF16 = /* wgsl */ `
fn f32_to_bf16_bits(v: f32) -> u32 {
  let x = bitcast<u32>(v);
  if ((x & 0x7f800000u) == 0x7f800000u && (x & 0x7fffffu) != 0u) { return 0x7fc0u; }
  return ((x + 0x7fffu + ((x >> 16u) & 1u)) >> 16u) & 0xffffu;
}
`;

const CONVERT = /* wgsl */ `
fn f32_to_i64(x: f32) -> vec2<u32> {
  let b = bitcast<u32>(x);
  let be = (b >> 23u) & 0xffu;
  let e = i32(be) - 150;
  let m = (b & 0x7fffffu) | 0x800000u;
  var mag = vec2<u32>(0u, 0u);
  if (be == 0u || e <= -24) { mag = vec2<u32>(0u, 0u); }
  else if (e < 0) { mag = vec2<u32>(m >> u32(-e), 0u); }
  else if (e == 0) { mag = vec2<u32>(m, 0u); }
  else if (e < 32) { mag = vec2<u32>(m << u32(e), m >> u32(32 - e)); }
  else if (e < 64) { mag = vec2<u32>(0u, m << u32(e - 32)); }
  return select(mag, i64_neg(mag), (b >> 31u) != 0u);
}
// Rounds a magnitude whose leading one is at bit 31 of hi (lo below it) to 24 bits, to nearest even.
fn normalized_to_f32(hi: u32, lo: u32, exponent: i32) -> f32 {
  var mant = hi >> 8u;
  let rest = hi & 0xffu;
  if (rest > 0x80u || (rest == 0x80u && (lo != 0u || (mant & 1u) != 0u))) { mant = mant + 1u; }
  return ldexp(f32(mant), exponent - 23);
}
fn u32_to_f32(x: u32) -> f32 {
  if (x < 0x1000000u) { return f32(x); }
  let lz = countLeadingZeros(x);
  return normalized_to_f32(x << lz, 0u, 31 - i32(lz));
}
fn i32_to_f32(x: i32) -> f32 {
  let m = u32_to_f32(select(bitcast<u32>(x), 0u - bitcast<u32>(x), x < 0));
  return select(m, -m, x < 0);
}
fn i64_to_f32(v: vec2<u32>) -> f32 {
  let neg = i64_is_neg(v);
  let a = select(v, i64_neg(v), neg);
  var r: f32;
  if (a.y == 0u) { r = u32_to_f32(a.x); }
  else {
    let lz = countLeadingZeros(a.y);
    let hi = select((a.y << lz) | (a.x >> (32u - lz)), a.y, lz == 0u);
    let lo = a.x << lz;
    r = normalized_to_f32(hi, lo, 63 - i32(lz));
  }
  return select(r, -r, neg);
}
`;

interface Snippet {
  readonly deps: readonly string[];
  readonly code: string;
}

const SNIPPETS: Record<string, Snippet> = {
  float: { deps: [], code: FLOAT },
  f16: { deps: [], code: F16 },
  bf16: { deps: [], code: BF16 },
  int64: { deps: [], code: INT64_WGSL },
  convert: { deps: ['int64'], code: CONVERT },
  cast: { deps: ['float', 'convert'], code: CAST_WGSL },
  math: { deps: ['float', 'int64', 'convert'], code: MATH_WGSL },
};

/** The source of the named snippets and their dependencies, each once. */
export function library(names: Iterable<string>): string {
  const done = new Set<string>();
  const out: string[] = [];
  const add = (name: string): void => {
    if (done.has(name)) return;
    const s = SNIPPETS[name];
    if (!s) throw new Error(`unknown WGSL library snippet '${name}'`);
    done.add(name);
    for (const d of s.deps) add(d);
    out.push(s.code);
  };
  for (const n of names) add(n);
  return out.join('\n');
}

/** Registers a snippet (for kernel families that share code, e.g. accurate f32 math). */
export function defineSnippet(name: string, code: string, deps: readonly string[] = []): void {
  SNIPPETS[name] = { deps, code };
}
