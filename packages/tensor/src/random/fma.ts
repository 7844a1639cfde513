/**
 * Fused multiply-add, rounded once, as the x86 FMA instructions PyTorch's AVX2 CPU kernels are
 * compiled to (GCC contracts `x * (to - from) + from` and the Box–Muller steps into vfmadd), so the
 * random fills round exactly as PyTorch's do.
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter

/** s + t === a + b exactly (Knuth's TwoSum); returns t. */
function twoSumError(a: number, b: number, s: number): number {
  const bb = s - a;
  return (a - (s - bb)) + (b - bb);
}

/** a * b - p exactly (Dekker's TwoProduct), for p = a * b rounded. */
function twoProductError(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/** The double next to s in the direction of the sign of err (s nonzero, finite). */
function nudge(s: number, err: number): number {
  f64[0] = s;
  const away = (s > 0) === (err > 0); // toward larger magnitude
  if (away) {
    if (u32[0] === 0xffffffff) {
      u32[0] = 0;
      u32[1]!++;
    } else u32[0]!++;
  } else if (u32[0] === 0) {
    u32[0] = 0xffffffff;
    u32[1]!--;
  } else u32[0]!--;
  return f64[0]!;
}

/** float32 fma(a, b, c) of float32 values: the product is exact in float64; round to odd, then to float32. */
export function fmaf(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const err = twoSumError(p, c, s);
  if (err === 0 || s === 0 || !Number.isFinite(s)) return Math.fround(s);
  f64[0] = s;
  // round to odd: an inexact sum whose last bit is 0 moves one ulp toward the exact value
  return Math.fround((u32[0]! & 1) === 0 ? nudge(s, err) : s);
}

/** float64 fma(a, b, c): a * b + c with one rounding (up to ties decided by the low-order terms). */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  if (!Number.isFinite(p)) return p + c;
  const e = twoProductError(a, b, p);
  const s = p + c;
  const t = twoSumError(p, c, s);
  return s + (t + e);
}
