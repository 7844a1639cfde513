/**
 * The float32 log and sincos of avx_mathfun.h (Cephes polynomials, Pommier's SSE/AVX port), which
 * PyTorch 1.13's AVX2 `normal_fill` uses for float32 tensors of 16 elements or more, step by step in
 * float32 with the multiply-adds GCC fuses into FMA instructions, so the normals equal PyTorch's bit
 * for bit. Inputs are those normal_fill gives: log of (0, 1], sincos of [0, 2π).
 */
import { fmaf } from './fma';

const fr = Math.fround;
const F32 = new Float32Array(1);
const I32 = new Int32Array(F32.buffer);

const SQRTHF = fr(0.707106781186547524);
const LOG_P = [7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1].map(fr);
const LOG_Q1 = fr(-2.1219444e-4);
const LOG_Q2 = fr(0.693359375);

/** log256_ps for one positive normal float32 lane. */
export function logPs(x: number): number {
  F32[0] = x;
  const bits = I32[0]!;
  const exponent = bits >>> 23;
  I32[0] = (bits & ~0x7f800000) | 0x3f000000; // mantissa in [0.5, 1)
  let m = F32[0]!;
  let e = exponent - 0x7f + 1;
  const below = m < SQRTHF;
  const tmp = below ? m : 0;
  m = fr(m - 1);
  if (below) e -= 1;
  m = fr(m + tmp);
  const z = fr(m * m);
  let y = LOG_P[0]!;
  for (let i = 1; i < LOG_P.length; i++) y = fmaf(y, m, LOG_P[i]!);
  y = fr(y * m);
  y = fmaf(y, z, fr(e * LOG_Q1));
  y = fr(y - fr(z * 0.5));
  m = fr(m + y);
  return fmaf(e, LOG_Q2, m);
}

const FOPI = fr(1.27323954473516);
const DP1 = fr(-0.78515625);
const DP2 = fr(-2.4187564849853515625e-4);
const DP3 = fr(-3.77489497744594108e-8);
const SIN_P = [-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1].map(fr);
const COS_P = [2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2].map(fr);

/** sincos256_ps for one non-negative float32 lane: writes [sin, cos] into out. */
export function sincosPs(x: number, out: Float64Array | number[]): void {
  const j = ((Math.trunc(fr(x * FOPI)) + 1) & ~1) | 0;
  const y = j;
  const sinNegative = (j & 4) !== 0;
  const cosNegative = (~(j - 2) & 4) !== 0;
  const sinPoly = (j & 2) === 0;
  x = fmaf(y, DP1, x);
  x = fmaf(y, DP2, x);
  x = fmaf(y, DP3, x);
  const z = fr(x * x);
  let yc = fmaf(fmaf(COS_P[0]!, z, COS_P[1]!), z, COS_P[2]!);
  yc = fr(yc * z);
  yc = fmaf(yc, z, -fr(z * 0.5));
  yc = fr(yc + 1);
  let ys = fmaf(fmaf(SIN_P[0]!, z, SIN_P[1]!), z, SIN_P[2]!);
  ys = fr(ys * z);
  ys = fmaf(ys, x, x);
  const s = sinPoly ? ys : yc;
  const c = sinPoly ? yc : ys;
  out[0] = sinNegative ? -s : s;
  out[1] = cosNegative ? -c : c;
}
