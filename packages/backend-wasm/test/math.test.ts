// Accuracy of the kernels' own float64 math library (there is no libm in the module) against
// JavaScript's Math over wide ranges: magnitudes from subnormal to huge, huge trig arguments
// (Payne-Hanek reduction), and the float32 SIMD kernels against float64 results rounded once.
import { describe, expect, it } from 'vitest';
import type { BinaryOp, UnaryOp } from '@x/tensor';
import { Storage } from '@x/tensor';
import { rng, wasm } from './helpers';

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
function ordinal(x: number): bigint {
  f64[0] = x;
  const v = i64[0]!;
  return v < 0n ? -(v & 0x7fffffffffffffffn) : v;
}
/** distance in float64 ulps (NaN vs NaN and equal infinities = 0) */
function ulps(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  if (a === b) return 0;
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}
const f32 = new Float32Array(1);
const u32 = new Int32Array(f32.buffer);
function ord32(x: number): number {
  f32[0] = x;
  const v = u32[0]!;
  return v < 0 ? -(v & 0x7fffffff) : v;
}
function ulps32(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  if (a === b) return 0;
  return Math.abs(ord32(a) - ord32(b));
}

function run1(op: UnaryOp, xs: Float64Array | Float32Array): Float64Array | Float32Array {
  const w = wasm();
  const dtype = xs instanceof Float64Array ? 'float64' : 'float32';
  const bytes = xs.byteLength;
  const a = new Storage(w, w.alloc(bytes), bytes);
  const o = new Storage(w, w.alloc(bytes), bytes);
  w.write(a.handle, xs, 0);
  const v = (s: Storage<number>) => ({ storage: s, dtype, shape: [xs.length], strides: [1], offset: 0 }) as const;
  w.unary(op, v(a), v(o));
  const out = w.readSync(o.handle, dtype, 0, xs.length) as Float64Array | Float32Array;
  w.free(a.handle);
  w.free(o.handle);
  return out;
}

function run2(op: BinaryOp, xs: Float64Array, ys: Float64Array): Float64Array {
  const w = wasm();
  const bytes = xs.byteLength;
  const s = [0, 1, 2].map(() => new Storage(w, w.alloc(bytes), bytes));
  w.write(s[0]!.handle, xs, 0);
  w.write(s[1]!.handle, ys, 0);
  const v = (st: Storage<number>) => ({ storage: st, dtype: 'float64', shape: [xs.length], strides: [1], offset: 0 }) as const;
  w.binary(op, v(s[0]!), v(s[1]!), v(s[2]!));
  const out = w.readSync(s[2]!.handle, 'float64', 0, xs.length) as Float64Array;
  for (const st of s) w.free(st.handle);
  return out;
}

/** magnitudes 2^lo .. 2^hi (log-uniform), both signs unless positive */
function logUniform(n: number, lo: number, hi: number, positive: boolean, seed: number): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: n }, () => {
    const v = (1 + r()) * 2 ** Math.floor(lo + (hi - lo) * r());
    return positive || r() < 0.5 ? v : -v;
  });
}
function uniform(n: number, lo: number, hi: number, seed: number): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: n }, () => lo + (hi - lo) * r());
}

/** erf to float64 accuracy (the reference's series and continued fraction live in @x/tensor) */
function erfRef(x: number): number {
  const ax = Math.abs(x);
  let r: number;
  if (ax < 2.5) {
    let term = ax, sum = ax;
    for (let n = 1; n < 200; n++) {
      term *= (-ax * ax) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    r = (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    let f = ax, c = ax, d = 0;
    for (let i = 1; i < 300; i++) {
      const a = i / 2;
      d = ax + a * d;
      c = ax + a / c;
      d = 1 / d;
      f *= c * d;
      if (Math.abs(c * d - 1) < 1e-16) break;
    }
    r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  }
  return x < 0 ? -r : r;
}

const N = 20000;
const F64_CASES: [UnaryOp, (x: number) => number, Float64Array, number][] = [
  ['exp', Math.exp, uniform(N, -745, 710, 1), 2],
  ['exp', Math.exp, logUniform(N, -60, 3, false, 2), 2],
  ['exp2', (x) => 2 ** x, uniform(N, -1080, 1030, 3), 2],
  ['expm1', Math.expm1, logUniform(N, -60, 6, false, 4), 3],
  ['log', Math.log, logUniform(N, -1074, 1023, true, 5), 1],
  ['log', Math.log, uniform(N, 0.5, 2, 6), 1],
  ['log2', Math.log2, logUniform(N, -1074, 1023, true, 7), 1],
  ['log10', Math.log10, logUniform(N, -1074, 1023, true, 8), 1],
  ['log1p', Math.log1p, logUniform(N, -60, 100, true, 9), 2],
  ['log1p', Math.log1p, uniform(N, -1, 1, 10), 2],
  ['sin', Math.sin, uniform(N, -10, 10, 11), 2],
  ['sin', Math.sin, logUniform(N, -30, 1023, false, 12), 2],
  ['cos', Math.cos, uniform(N, -10, 10, 13), 2],
  ['cos', Math.cos, logUniform(N, -30, 1023, false, 14), 2],
  ['tan', Math.tan, uniform(N, -10, 10, 15), 3],
  ['tan', Math.tan, logUniform(N, -30, 1023, false, 16), 3],
  ['asin', Math.asin, uniform(N, -1, 1, 17), 2],
  ['acos', Math.acos, uniform(N, -1, 1, 18), 2],
  ['atan', Math.atan, logUniform(N, -40, 80, false, 19), 2],
  ['sinh', Math.sinh, uniform(N, -711, 711, 20), 3],
  ['sinh', Math.sinh, logUniform(N, -40, 3, false, 21), 3],
  ['cosh', Math.cosh, uniform(N, -711, 711, 22), 3],
  ['tanh', Math.tanh, logUniform(N, -40, 5, false, 23), 3],
  ['asinh', Math.asinh, logUniform(N, -40, 1000, false, 24), 3],
  ['acosh', Math.acosh, logUniform(N, 0, 1000, true, 25).map((v) => 1 + v), 3],
  ['acosh', Math.acosh, uniform(N, 1, 3, 26), 3],
  ['atanh', Math.atanh, uniform(N, -1, 1, 27), 3],
  ['atanh', Math.atanh, logUniform(N, -40, -1, false, 28), 3],
  ['sqrt', Math.sqrt, logUniform(N, -1074, 1023, true, 29), 0],
];

describe('float64 math library (ulps against Math)', () => {
  for (const [op, f, xs, maxUlp] of F64_CASES) {
    it(`${op} on [${Math.min(...xs).toExponential(2)}, ${Math.max(...xs).toExponential(2)}] within ${maxUlp} ulp`, () => {
      const got = run1(op, xs);
      let worst = 0, at = 0;
      for (let i = 0; i < xs.length; i++) {
        const u = ulps(got[i]!, f(xs[i]!));
        if (u > worst) { worst = u; at = i; }
      }
      expect(worst, `${op}(${xs[at]}) = ${got[at]}, Math gives ${f(xs[at]!)}`).toBeLessThanOrEqual(maxUlp);
    });
  }
  it('special values', () => {
    const specials = [0, -0, Infinity, -Infinity, NaN, 1, -1, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
      -1.7976931348623157e308, 709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412, 0.5, Math.PI, Math.PI / 2, 1e22, 2 ** 1023];
    const xs = Float64Array.from(specials);
    const ops: [UnaryOp, (x: number) => number][] = [
      ['exp', Math.exp], ['exp2', (x) => 2 ** x], ['expm1', Math.expm1], ['log', Math.log], ['log2', Math.log2], ['log10', Math.log10],
      ['log1p', Math.log1p], ['sin', Math.sin], ['cos', Math.cos], ['tan', Math.tan], ['asin', Math.asin], ['acos', Math.acos],
      ['atan', Math.atan], ['sinh', Math.sinh], ['cosh', Math.cosh], ['tanh', Math.tanh], ['asinh', Math.asinh],
      ['acosh', Math.acosh], ['atanh', Math.atanh],
    ];
    for (const [op, f] of ops) {
      const got = run1(op, xs);
      for (let i = 0; i < xs.length; i++) {
        const want = f(xs[i]!);
        const u = ulps(got[i]!, want);
        if (u > 3 || (want === 0 && Object.is(want, -0) !== Object.is(got[i], -0))) {
          expect(`${op}(${xs[i]}) = ${Object.is(got[i], -0) ? '-0' : got[i]}`).toBe(`${op}(${xs[i]}) = ${Object.is(want, -0) ? '-0' : want}`);
        }
      }
    }
    // exact results users rely on
    const exact = run1('log2', Float64Array.from([8, 1024, 2 ** -1074, 0.25]));
    expect(Array.from(exact)).toEqual([3, 10, -1074, -2]);
    expect(Array.from(run1('log10', Float64Array.from([1000, 1e-5, 1e22, 1])))).toEqual([3, -5, 22, 0]);
    expect(Array.from(run1('exp2', Float64Array.from([10, -3, 0.5 * 2, -1074])))).toEqual([1024, 0.125, 2, 5e-324]);
  });
  it('pow, atan2 and fmod against **, Math.atan2 and %', () => {
    const r = rng(99);
    const n = 20000;
    const xs = Float64Array.from({ length: n }, (_, i) => (i % 4 === 0 ? Math.round((r() - 0.5) * 20) : (r() - 0.3) * 2 ** Math.floor((r() - 0.5) * 40)));
    const ys = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? Math.round((r() - 0.5) * 40) : (r() - 0.5) * 2 ** Math.floor((r() - 0.5) * 12)));
    const cases: [BinaryOp, (a: number, b: number) => number, number][] = [
      ['pow', (a, b) => (a === 1 || b === 0 ? 1 : a ** b), 2],
      ['atan2', Math.atan2, 2],
      ['fmod', (a, b) => a % b, 0],
    ];
    for (const [op, f, maxUlp] of cases) {
      const got = run2(op, xs, ys);
      let worst = 0, at = 0;
      for (let i = 0; i < n; i++) {
        const u = ulps(got[i]!, f(xs[i]!, ys[i]!));
        if (u > worst) { worst = u; at = i; }
      }
      expect(worst, `${op}(${xs[at]}, ${ys[at]}) = ${got[at]}, JS gives ${f(xs[at]!, ys[at]!)}`).toBeLessThanOrEqual(maxUlp);
    }
    // integer powers are exact
    const bases = Float64Array.from([2, 10, 3, -2, 1.5, 7]);
    const exps = Float64Array.from([10, 15, 20, 3, 4, 11]);
    expect(Array.from(run2('pow', bases, exps))).toEqual([1024, 1e15, 3486784401, -8, 5.0625, 1977326743]);
    // fmod is exact for huge ratios
    const fx = Float64Array.from([1e300, 5e-324, -7.5, 1e22]);
    const fy = Float64Array.from([3.1, 3e-324, 2, 1e-300]);
    const fm = run2('fmod', fx, fy);
    for (let i = 0; i < 4; i++) expect(fm[i]).toBe(fx[i]! % fy[i]!);
  });
});

describe('float32 SIMD kernels (ulps against float64 rounded once)', () => {
  const cases: [UnaryOp, (x: number) => number, Float64Array][] = [
    ['exp', Math.exp, uniform(100003, -104, 89, 31)],
    ['log', Math.log, logUniform(100003, -149, 127, true, 32)],
    ['tanh', Math.tanh, logUniform(100003, -30, 5, false, 33)],
    ['sigmoid', (x) => 1 / (1 + Math.exp(-x)), uniform(100003, -110, 40, 34)],
    ['erf', erfRef, uniform(100003, -5, 5, 35)],
    ['erf', erfRef, logUniform(100003, -40, 3, false, 36)],
  ];
  for (const [op, f, xs64] of cases) {
    it(`${op} within 3 ulp`, () => {
      const xs = Float32Array.from(xs64);
      const got = run1(op, xs);
      let worst = 0, at = 0;
      for (let i = 0; i < xs.length; i++) {
        const u = ulps32(got[i]!, Math.fround(f(xs[i]!)));
        if (u > worst) { worst = u; at = i; }
      }
      expect(worst, `${op}(${xs[at]}) = ${got[at]}, want ${Math.fround(f(xs[at]!))}`).toBeLessThanOrEqual(3);
    });
  }
});
