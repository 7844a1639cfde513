/*
 * PyTorch 1.13's CPU generator fills, bit for bit with packages/tensor/src/random/cpu-distributions.ts
 * (the definition, and the fallback for the draws not here): the at::mt19937 engine, sequential as in
 * PyTorch's serial CPU kernels, and per kind the algorithm of ATen's CPU kernel:
 *   uniform   float32: (random() & (2^24 - 1)) 2^-24, then fma(x, to - from, from) in float;
 *             float64: (random64() & (2^53 - 1)) 2^-53, then fma(x, to - from, from)
 *   normal    float32, n >= 16 (normal_fill_AVX2): all n uniforms, Box–Muller on blocks of 16 with
 *             avx_mathfun's log and sincos (their multiply-adds fused, as GCC compiles them), the last
 *             16 positions drawn and transformed again when n is not a multiple of 16
 *   randint   (random() % (b - a)) + a, for ranges below 2^32
 *   bernoulli uniform float64 < p
 * The fused multiply-adds are computed exactly (wasm has no fma): the float32 product is exact in
 * float64, and the float64 sum is rounded to odd before the one rounding to float32.
 */
#include <wasm_simd128.h>
#include "kernels.h"

#pragma clang fp contract(off)

#define MT_N 624
#define MT_M 397

typedef struct {
  uint32_t *s;
  int32_t left, next;
} mt_engine;

static void mt_twist(mt_engine *e) {
  uint32_t *s = e->s;
  for (int32_t i = 0; i < MT_N; i++) {
    uint32_t y = (s[i] & 0x80000000u) | (s[i + 1 == MT_N ? 0 : i + 1] & 0x7fffffffu);
    int32_t k = i + MT_M >= MT_N ? i + MT_M - MT_N : i + MT_M;
    s[i] = s[k] ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
  }
  e->left = MT_N;
  e->next = 0;
}

static inline uint32_t mt_u32(mt_engine *e) {
  if (--e->left == 0) mt_twist(e);
  uint32_t y = e->s[e->next++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

/* uniform_real_distribution<double>(0, 1): the low 53 bits of random64() (first draw high) times 2^-53. */
static inline double mt_u53(mt_engine *e) {
  uint32_t hi = mt_u32(e), lo = mt_u32(e);
  return (double)(((uint64_t)(hi & 0x1fffffu) << 32) | lo) * 0x1p-53;
}

static inline uint64_t bits64(double x) { union { double d; uint64_t u; } v = { x }; return v.u; }
static inline double from_bits64(uint64_t u) { union { uint64_t u; double d; } v = { u }; return v.d; }

/* fmaf(a, b, c), rounded once: a * b is exact in double; s + err = p + c exactly; round s to odd, then to float. */
static inline float fmaf_exact(float a, float b, float c) {
  double p = (double)a * (double)b, cd = (double)c;
  double s = p + cd;
  double bb = s - p;
  double err = (p - (s - bb)) + (cd - bb);
  if (err != 0.0 && s != 0.0) {
    uint64_t u = bits64(s);
    if ((u & 1u) == 0) u += ((s > 0) == (err > 0)) ? 1 : (uint64_t)-1;
    s = from_bits64(u);
  }
  return (float)s;
}

/* fma(a, b, c) in double: Dekker's exact product and Knuth's exact sum, then one final addition. */
static inline double fma_dd(double a, double b, double c) {
  double p = a * b;
  const double split = 134217729.0;
  double t = split * a, ah = t - (t - a), al = a - ah;
  t = split * b;
  double bh = t - (t - b), bl = b - bh;
  double e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  double s = p + c;
  double bb = s - p;
  double err = (p - (s - bb)) + (c - bb);
  return s + (err + e);
}

/* ---- avx_mathfun.h's log256_ps and sincos256_ps, four lanes at a time (inputs: log of (0, 1], sincos of [0, 2pi)) ---- */

/*
 * fmaf on four float32 lanes, each rounded once: the products are exact in float64; a float64 sum
 * that lands exactly halfway between two floats is rounded to odd (an inexact sum with an even last
 * bit moves one step toward the exact value), after which rounding to float32 gives the correctly
 * rounded fused result.
 */
X_INLINE v128_t fma_odd_f64x2(v128_t a, v128_t b, v128_t c) {
  const v128_t p = wasm_f64x2_mul(a, b);
  v128_t s = wasm_f64x2_add(p, c);
  /* Rounding s to float32 can differ from rounding the exact sum only where s is exactly halfway
   * between two floats (low 29 bits 1 followed by zeros); elsewhere s will do. */
  const v128_t halfway = wasm_i64x2_eq(wasm_v128_and(s, wasm_i64x2_splat(0x1fffffff)), wasm_i64x2_splat(0x10000000));
  if (__builtin_expect(!wasm_v128_any_true(halfway), 1)) return s;
  const v128_t bb = wasm_f64x2_sub(s, p);
  const v128_t err = wasm_f64x2_add(wasm_f64x2_sub(p, wasm_f64x2_sub(s, bb)), wasm_f64x2_sub(c, bb));
  const v128_t zero = wasm_f64x2_splat(0.0);
  const v128_t even = wasm_i64x2_eq(wasm_v128_and(s, wasm_i64x2_splat(1)), wasm_i64x2_splat(0));
  const v128_t inexact = wasm_v128_andnot(wasm_f64x2_ne(err, zero), wasm_f64x2_eq(s, zero));
  /* +1 on the bits when s and err have the same sign (away from zero), else -1 */
  const v128_t step = wasm_v128_or(wasm_i64x2_shr(wasm_v128_xor(s, err), 63), wasm_i64x2_splat(1));
  return wasm_i64x2_add(s, wasm_v128_and(step, wasm_v128_and(even, inexact)));
}

X_INLINE v128_t fmaf4(v128_t a, v128_t b, v128_t c) {
  const v128_t lo = fma_odd_f64x2(wasm_f64x2_promote_low_f32x4(a), wasm_f64x2_promote_low_f32x4(b), wasm_f64x2_promote_low_f32x4(c));
  const v128_t hi = fma_odd_f64x2(wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(a, a, 2, 3, 2, 3)),
                                  wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(b, b, 2, 3, 2, 3)),
                                  wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(c, c, 2, 3, 2, 3)));
  return wasm_i32x4_shuffle(wasm_f32x4_demote_f64x2_zero(lo), wasm_f32x4_demote_f64x2_zero(hi), 0, 1, 4, 5);
}

#define SPLATF(x) wasm_f32x4_splat(x)

static v128_t log4_avx(v128_t x) {
  static const float P[9] = { 7.0376836292e-2f, -1.1514610310e-1f, 1.1676998740e-1f, -1.2420140846e-1f, 1.4249322787e-1f,
                              -1.6668057665e-1f, 2.0000714765e-1f, -2.4999993993e-1f, 3.3333331174e-1f };
  const v128_t one = SPLATF(1.0f);
  const v128_t expo = wasm_u32x4_shr(x, 23);
  v128_t m = wasm_v128_or(wasm_v128_and(x, wasm_i32x4_splat(~0x7f800000)), wasm_i32x4_splat(0x3f000000));
  v128_t e = wasm_f32x4_add(wasm_f32x4_convert_i32x4(wasm_i32x4_sub(expo, wasm_i32x4_splat(0x7f))), one);
  const v128_t below = wasm_f32x4_lt(m, SPLATF(0.707106781186547524f));
  const v128_t tmp = wasm_v128_and(m, below);
  m = wasm_f32x4_sub(m, one);
  e = wasm_f32x4_sub(e, wasm_v128_and(one, below));
  m = wasm_f32x4_add(m, tmp);
  const v128_t z = wasm_f32x4_mul(m, m);
  v128_t y = SPLATF(P[0]);
  for (int i = 1; i < 9; i++) y = fmaf4(y, m, SPLATF(P[i]));
  y = wasm_f32x4_mul(y, m);
  y = fmaf4(y, z, wasm_f32x4_mul(e, SPLATF(-2.12194440e-4f)));
  y = wasm_f32x4_sub(y, wasm_f32x4_mul(z, SPLATF(0.5f)));
  m = wasm_f32x4_add(m, y);
  return fmaf4(e, SPLATF(0.693359375f), m);
}

static void sincos4_avx(v128_t x, v128_t *sn, v128_t *cs) {
  v128_t j = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_mul(x, SPLATF(1.27323954473516f)));
  j = wasm_v128_and(wasm_i32x4_add(j, wasm_i32x4_splat(1)), wasm_i32x4_splat(~1));
  const v128_t y = wasm_f32x4_convert_i32x4(j);
  const v128_t four = wasm_i32x4_splat(4);
  const v128_t sin_sign = wasm_i32x4_shl(wasm_v128_and(j, four), 29);
  const v128_t cos_sign = wasm_i32x4_shl(wasm_v128_andnot(four, wasm_i32x4_sub(j, wasm_i32x4_splat(2))), 29);
  const v128_t sin_poly = wasm_i32x4_eq(wasm_v128_and(j, wasm_i32x4_splat(2)), wasm_i32x4_splat(0));
  x = fmaf4(y, SPLATF(-0.78515625f), x);
  x = fmaf4(y, SPLATF(-2.4187564849853515625e-4f), x);
  x = fmaf4(y, SPLATF(-3.77489497744594108e-8f), x);
  const v128_t z = wasm_f32x4_mul(x, x);
  v128_t yc = fmaf4(fmaf4(SPLATF(2.443315711809948e-5f), z, SPLATF(-1.388731625493765e-3f)), z, SPLATF(4.166664568298827e-2f));
  yc = wasm_f32x4_mul(yc, z);
  yc = fmaf4(yc, z, wasm_f32x4_neg(wasm_f32x4_mul(z, SPLATF(0.5f))));
  yc = wasm_f32x4_add(yc, SPLATF(1.0f));
  v128_t ys = fmaf4(fmaf4(SPLATF(-1.9515295891e-4f), z, SPLATF(8.3321608736e-3f)), z, SPLATF(-1.6666654611e-1f));
  ys = wasm_f32x4_mul(ys, z);
  ys = fmaf4(ys, x, x);
  *sn = wasm_v128_xor(wasm_v128_bitselect(ys, yc, sin_poly), sin_sign);
  *cs = wasm_v128_xor(wasm_v128_bitselect(yc, ys, sin_poly), cos_sign);
}

/* normal_fill_16_AVX2 on d[0..15] in place: normals from u1 = 1 - d[j] and theta = 2 pi d[j + 8]. */
__attribute__((noinline)) static void normal16_f32(float *d, float mean, float std) {
  const v128_t two_pi = SPLATF((float)(2.0 * 3.14159265358979323846));
  for (int q = 0; q < 2; q++) {
    const v128_t u1 = wasm_f32x4_sub(SPLATF(1.0f), wasm_v128_load(d + 4 * q));
    const v128_t u2 = wasm_v128_load(d + 8 + 4 * q);
    const v128_t radius = wasm_f32x4_sqrt(wasm_f32x4_mul(SPLATF(-2.0f), log4_avx(u1)));
    v128_t s, c;
    sincos4_avx(wasm_f32x4_mul(two_pi, u2), &s, &c);
    wasm_v128_store(d + 4 * q, fmaf4(wasm_f32x4_mul(radius, c), SPLATF(std), SPLATF(mean)));
    wasm_v128_store(d + 8 + 4 * q, fmaf4(wasm_f32x4_mul(radius, s), SPLATF(std), SPLATF(mean)));
  }
}

/*
 * V8 runs a wasm function's first calls as baseline (Liftoff) code and has no on-stack replacement:
 * one call looping over 26 M elements would run unoptimized throughout. The loops therefore call
 * these noinline pieces block by block, and the optimized code takes over after the first few.
 */
#define MT_BLOCK 8192

__attribute__((noinline)) static void uniform_f32_block(mt_engine *e, float *o, int32_t n, float from, float to) {
  if (from == 0.0f && to == 1.0f) {
    for (int32_t i = 0; i < n; i++) o[i] = (float)(mt_u32(e) & 0xffffffu) * 0x1p-24f;
  } else {
    const float d = to - from;
    for (int32_t i = 0; i < n; i++) o[i] = fmaf_exact((float)(mt_u32(e) & 0xffffffu) * 0x1p-24f, d, from);
  }
}

static void uniform_f32(mt_engine *e, float *o, int32_t n, float from, float to) {
  for (int32_t i = 0; i < n; i += MT_BLOCK) uniform_f32_block(e, o + i, n - i < MT_BLOCK ? n - i : MT_BLOCK, from, to);
}

__attribute__((noinline)) static void uniform_f64_block(mt_engine *e, double *o, int32_t n, double from, double to) {
  const double d = to - from;
  if (from == 0.0 && d == 1.0) for (int32_t i = 0; i < n; i++) o[i] = mt_u53(e);
  else for (int32_t i = 0; i < n; i++) o[i] = fma_dd(mt_u53(e), d, from);
}

void x_k_mt_random(const void *args, int32_t part, int32_t nparts) {
  x_mt_args *a = (x_mt_args *)(uintptr_t)args;
  if (part != 0) return;
  mt_engine e = { (uint32_t *)(uintptr_t)a->state, a->left, a->next };
  const int32_t n = a->n;
  char *out = (char *)(uintptr_t)a->out;
  switch (a->kind) {
    case K_UNIFORM:
      if (a->dtype == DT_F32) uniform_f32(&e, (float *)out, n, (float)a->a, (float)a->b);
      else if (a->dtype == DT_F64) {
        for (int32_t i = 0; i < n; i += MT_BLOCK) uniform_f64_block(&e, (double *)out + i, n - i < MT_BLOCK ? n - i : MT_BLOCK, a->a, a->b);
      }
      break;
    case K_NORMAL: /* float32, n >= 16 */
      if (a->dtype == DT_F32 && n >= 16) {
        float *o = (float *)out;
        const float mean = (float)a->a, std = (float)a->b;
        uniform_f32(&e, o, n, 0.0f, 1.0f);
        for (int32_t i = 0; i + 16 <= n; i += 16) normal16_f32(o + i, mean, std);
        if (n % 16 != 0) {
          uniform_f32(&e, o + n - 16, 16, 0.0f, 1.0f);
          normal16_f32(o + n - 16, mean, std);
        }
      }
      break;
    case K_RANDINT: {
      const uint32_t range = (uint32_t)(a->b - a->a);
      const int64_t from = (int64_t)a->a;
      switch (a->dtype) {
        case DT_I64: for (int32_t i = 0; i < n; i++) ((int64_t *)out)[i] = (int64_t)(mt_u32(&e) % range) + from; break;
        case DT_I32: for (int32_t i = 0; i < n; i++) ((int32_t *)out)[i] = (int32_t)((int64_t)(mt_u32(&e) % range) + from); break;
        case DT_F32: for (int32_t i = 0; i < n; i++) ((float *)out)[i] = (float)((int64_t)(mt_u32(&e) % range) + from); break;
        case DT_F64: for (int32_t i = 0; i < n; i++) ((double *)out)[i] = (double)((int64_t)(mt_u32(&e) % range) + from); break;
        default: break;
      }
      break;
    }
    case K_BERNOULLI: {
      const double p = a->a;
      switch (a->dtype) {
        case DT_F32: for (int32_t i = 0; i < n; i++) ((float *)out)[i] = mt_u53(&e) < p ? 1.0f : 0.0f; break;
        case DT_F64: for (int32_t i = 0; i < n; i++) ((double *)out)[i] = mt_u53(&e) < p ? 1.0 : 0.0; break;
        default: break;
      }
      break;
    }
    default:
      break;
  }
  a->left = e.left;
  a->next = e.next;
}
