/**
 * Random fills from Philox 4x32-10, the stream @x/tensor's random/philox.ts defines: element i uses the
 * block at counter (offset + i) under key (seedLo, seedHi).
 *
 * - uniform: the 24-bit draw k = w0 >> 8 is exact in f32; a + k·2^-24·(b - a) is computed with the
 *   product and the sum carried as unevaluated f32 pairs (error-free transformations on 12-bit
 *   halves), so the f32 result is the float64 value the CPU computes, rounded once — bit-identical
 *   except when that value lies within 2^-48 relative of a rounding midpoint.
 * - normal: Box–Muller in f32 with -ln(u1) taken without cancellation; equal to the CPU's values to
 *   float32 tolerance, not bitwise (the CPU computes log and cos in float64).
 * - randint: lo + w0 mod r exactly (int64 arithmetic) for ranges r ≤ 2^32; wider ranges take the
 *   53-bit draw K and compute floor(K 2^-53 r) as the CPU's float64 product would round it, exactly.
 * - bernoulli(p): 1 where the 53-bit draw K is below ceil(p 2^53) (a 64-bit compare of u32 pairs):
 *   the CPU's masks exactly.
 */
import type { RandomArgs } from '@x/tensor';
import { dispatch1d, type Program } from '../program';
import { convertExpr, convertRequires } from '../wgsl/convert';
import { library } from '../wgsl/library';
import { Params } from '../wgsl/params';
import { requires, storeFn } from '../wgsl/storage';
import { bindings, ENTRY_BUILTINS, linearIndex } from '../wgsl/views';
import { bufferOf, type GpuView } from './common';

const WG = 256;

/** `n` elements from out's offset, drawn under key (seed_lo, seed_hi) from counter (counter_lo, counter_hi). */
const DRAW = { n: 'u32', out_offset: 'u32', seed_lo: 'u32', seed_hi: 'u32', counter_lo: 'u32', counter_hi: 'u32' } as const;
const PARAMS = {
  /** a and b - a as float64 values split into f32 pairs (hi + lo). */
  uniform: new Params({ ...DRAW, a_hi: 'f32', a_lo: 'f32', span_hi: 'f32', span_lo: 'f32' }),
  normal: new Params({ ...DRAW, mean: 'f32', stddev: 'f32' }),
  /** ceil(p 2^53) as an int64. */
  bernoulli: new Params({ ...DRAW, bound: 'vec2<u32>' }),
  /** The int64 lower bound and the number of values (2^64 wraps to 0). */
  randint: new Params({ ...DRAW, low: 'vec2<u32>', range: 'vec2<u32>' }),
};

const PHILOX = /* wgsl */ `
fn mulhilo(a: u32, b: u32) -> vec2<u32> { return u32_mul_wide(a, b); }
fn philox(ctr_lo: u32, ctr_hi: u32, key0: u32, key1: u32) -> vec4<u32> {
  var c = vec4<u32>(ctr_lo, ctr_hi, 0u, 0u);
  var k0 = key0; var k1 = key1;
  for (var r = 0; r < 10; r++) {
    let p0 = mulhilo(0xd2511f53u, c.x);
    let p1 = mulhilo(0xcd9e8d57u, c.z);
    c = vec4<u32>(p1.y ^ c.y ^ k0, p1.x, p0.y ^ c.w ^ k1, p0.x);
    k0 = k0 + 0x9e3779b9u; k1 = k1 + 0xbb67ae85u;
  }
  return c;
}
// Error-free sum of two f32 (Knuth's TwoSum): s + e == a + b exactly.
fn two_sum(a: f32, b: f32) -> vec2<f32> {
  let s = a + b; let bb = s - a; let e = (a - (s - bb)) + (b - bb);
  return vec2<f32>(s, e);
}
fn split12(x: f32) -> vec2<f32> {
  let hi = bitcast<f32>(bitcast<u32>(x) & 0xfffff000u);
  return vec2<f32>(hi, x - hi);
}
// a + k * 2^-24 * d, with a = (ah, al), d = (dh, dl) float64 values split into f32 pairs, rounded once to f32.
fn uniform_value(k: u32, ah: f32, al: f32, dh: f32, dl: f32) -> f32 {
  let u = f32(k) * 5.9604644775390625e-8;
  let us = split12(u); let ds = split12(dh);
  // u * dh exactly as a sum of four exact partial products, then u * dl (tiny) and a, accumulated in pairs.
  var s = two_sum(us.x * ds.x, us.x * ds.y);
  var t = two_sum(s.x, us.y * ds.x); s = vec2<f32>(t.x, s.y + t.y);
  t = two_sum(s.x, us.y * ds.y); s = vec2<f32>(t.x, s.y + t.y);
  s = vec2<f32>(s.x, s.y + u * dl);
  t = two_sum(ah, s.x);
  let lo = t.y + s.y + al;
  return t.x + lo;
}
`;

// randint over more than 2^32 values: lo + floor(fl64(K 2^-53 r)) with K the 53-bit draw. K r is
// formed exactly in 128 bits, rounded to 53 significant bits (nearest even, as the float64 product),
// then shifted down by 53.
const WIDE_RANDINT = /* wgsl */ `
fn u128_get(p: array<u32, 4>, i: i32) -> u32 { if (i < 0 || i > 3) { return 0u; } return p[i]; }
fn u128_shr(p: array<u32, 4>, n: u32) -> array<u32, 4> {
  let w = i32(n >> 5u); let b = n & 31u;
  var r: array<u32, 4>;
  for (var i = 0; i < 4; i++) {
    let lo = u128_get(p, i + w);
    let hi = u128_get(p, i + w + 1);
    r[i] = select((lo >> b) | (hi << (32u - b)), lo, b == 0u);
  }
  return r;
}
fn u128_low_bits_nonzero(p: array<u32, 4>, n: u32) -> bool {
  // whether any of the lowest n bits is set
  for (var i = 0u; i < 4u; i++) {
    let start = i * 32u;
    if (n <= start) { break; }
    let k = min(n - start, 32u);
    let mask = select((1u << k) - 1u, 0xffffffffu, k == 32u);
    if ((p[i] & mask) != 0u) { return true; }
  }
  return false;
}
fn mul_128(a: vec2<u32>, b: vec2<u32>) -> array<u32, 4> {
  let p00 = u32_mul_wide(a.x, b.x); let p01 = u32_mul_wide(a.x, b.y);
  let p10 = u32_mul_wide(a.y, b.x); let p11 = u32_mul_wide(a.y, b.y);
  var w1 = p00.y; var c1 = 0u;
  w1 = w1 + p01.x; c1 = c1 + select(0u, 1u, w1 < p01.x);
  w1 = w1 + p10.x; c1 = c1 + select(0u, 1u, w1 < p10.x);
  var w2 = p11.x; var c2 = 0u;
  w2 = w2 + p01.y; c2 = c2 + select(0u, 1u, w2 < p01.y);
  w2 = w2 + p10.y; c2 = c2 + select(0u, 1u, w2 < p10.y);
  w2 = w2 + c1; c2 = c2 + select(0u, 1u, w2 < c1);
  return array<u32, 4>(p00.x, w1, w2, p11.y + c2);
}
fn wide_randint_offset(w0: u32, w1: u32, r: vec2<u32>) -> vec2<u32> {
  let k = vec2<u32>(((w0 >> 5u) << 26u) | (w1 >> 6u), w0 >> 11u);
  let p = mul_128(k, r);
  var top = -1i;
  for (var i = 3i; i >= 0; i--) { if (p[i] != 0u) { top = i * 32 + 31 - i32(countLeadingZeros(p[i])); break; } }
  if (top < 53) { return vec2<u32>(0u, 0u); }
  let shift = u32(top - 52);
  let m4 = u128_shr(p, shift);
  var m = vec2<u32>(m4[0], m4[1]);
  let round_bit = (u128_shr(p, shift - 1u)[0] & 1u) != 0u;
  let sticky = u128_low_bits_nonzero(p, shift - 1u);
  if (round_bit && (sticky || (m.x & 1u) != 0u)) { m = i64_add(m, vec2<u32>(1u, 0u)); }
  if (shift >= 53u) { return i64_shl(m, shift - 53u); }
  return i64_ushr(m, 53u - shift);
}
`;

function splitF64(v: number): [number, number] {
  const hi = Math.fround(v);
  return [hi, Math.fround(v - hi)];
}

/** An integer (up to 2^64) as int64 words [lo, hi], wrapping as a u64. */
function int64Words(v: number): [number, number] {
  const w = BigInt.asUintN(64, BigInt(v));
  return [Number(w & 0xffffffffn), Number(w >> 32n)];
}

export function randomProgram(out: GpuView, args: RandomArgs): Program {
  const n = out.shape.reduce((x, y) => x * y, 1);
  const draw = {
    n, out_offset: out.offset, seed_lo: args.seedLo, seed_hi: args.seedHi,
    counter_lo: args.offset % 2 ** 32, counter_hi: Math.floor(args.offset / 2 ** 32),
  };
  let params: Params<typeof DRAW>;
  let words: Uint32Array;
  let body: string;
  let extra = '';
  const libs = new Set<string>(['float', 'math', 'int64', ...requires(out.dtype)]);
  if (args.kind === 'uniform') {
    const [a_hi, a_lo] = splitF64(args.a);
    const [span_hi, span_lo] = splitF64(args.b - args.a);
    params = PARAMS.uniform;
    words = PARAMS.uniform.write({ ...draw, a_hi, a_lo, span_hi, span_lo });
    body = 'let v = uniform_value(w.x >> 8u, params.a_hi, params.a_lo, params.span_hi, params.span_lo);';
  } else if (args.kind === 'normal') {
    params = PARAMS.normal;
    words = PARAMS.normal.write({ ...draw, mean: args.a, stddev: args.b });
    // -ln(u1), u1 = (w0 + 1) 2^-32: from ln(w0 + 1) for small w0, from log1p(-(2^32 - 1 - w0) 2^-32) near 1.
    body = [
      'var nl: f32;',
      'if (w.x < 0x80000000u) { nl = 22.18070977791825 - acc_log(u32_to_f32(w.x + 1u)); }',
      'else { nl = -m_log1p(-u32_to_f32(~w.x) * 2.3283064365386963e-10); }',
      // cos(2π u2) = -cos(π t), t = (w1 - 2^31) 2^-31 in [-1, 1): the angle stays in [-π, π).
      'let t = f32(bitcast<i32>(w.y ^ 0x80000000u)) * 4.656612873077393e-10;',
      'let v = params.mean + params.stddev * sqrt(2.0 * nl) * -m_cos(3.141592653589793 * t);',
    ].join('\n    ');
    libs.add('convert');
  } else if (args.kind === 'bernoulli') {
    params = PARAMS.bernoulli;
    const bound = Math.ceil(args.a * 2 ** 53);
    words = PARAMS.bernoulli.write({ ...draw, bound: [bound % 2 ** 32, Math.floor(bound / 2 ** 32)] });
    body = [
      'let k = vec2<u32>(((w.x >> 5u) << 26u) | (w.y >> 6u), w.x >> 11u);',
      'let below = k.y < params.bound.y || (k.y == params.bound.y && k.x < params.bound.x);',
      'let v64 = vec2<u32>(select(0u, 1u, below), 0u);',
    ].join('\n    ');
    libs.add('convert');
  } else {
    const range = args.b - args.a;
    if (!(range > 0) || !Number.isInteger(range) || range > 2 ** 64) {
      throw new Error(`randint expects an integer range of 1 to 2^64 values, got [${args.a}, ${args.b})`);
    }
    const wide = range > 2 ** 32;
    params = PARAMS.randint;
    words = PARAMS.randint.write({ ...draw, low: int64Words(args.a), range: int64Words(range) });
    body = [
      wide ? 'let m = wide_randint_offset(w.x, w.y, params.range);'
        : 'let r = params.range.x;\n    let m = vec2<u32>(select(w.x % r, w.x, r == 0u), 0u);',
      'let v64 = i64_add(params.low, m);',
    ].join('\n    ');
    extra = wide ? WIDE_RANDINT : '';
    libs.add('convert');
  }
  const integral = args.kind === 'randint' || args.kind === 'bernoulli';
  for (const l of convertRequires(integral ? 'int64' : 'float32', out.dtype)) libs.add(l);
  const value = integral ? convertExpr('v64', 'int64', out.dtype) : convertExpr('v', 'float32', out.dtype);
  const key = `random|${args.kind}|${extra ? 'wide' : 'narrow'}|${out.dtype}`;
  const code = (): string => [
    bindings(params, [], [{ name: 'out', dtype: out.dtype }]),
    library(libs),
    PHILOX,
    extra,
    storeFn('out', out.dtype),
    `@compute @workgroup_size(${WG})`,
    `fn main(${ENTRY_BUILTINS}) {`,
    `  ${linearIndex(WG)}`,
    '  if (i >= params.n) { return; }',
    '  let ctr_lo = params.counter_lo + i;',
    '  let ctr_hi = params.counter_hi + select(0u, 1u, ctr_lo < i);',
    '  let w = philox(ctr_lo, ctr_hi, params.seed_lo, params.seed_hi);',
    `  ${body}`,
    `  store_out(params.out_offset + i, ${value});`,
    '}',
  ].join('\n');
  return { key, code, params: words, inputs: [], outputs: [bufferOf(out)], workgroups: n === 0 ? [0, 0, 0] : dispatch1d(n, WG) };
}
