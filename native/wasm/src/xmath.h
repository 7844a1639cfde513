/*
 * Math library of the kernels (there is no libm): float64 scalar functions accurate to a few ulp,
 * float32 SIMD kernels (exp, log, tanh, sigmoid) accurate to about 2 ulp, and the conversions
 * between the storage dtypes with the exact semantics of the reference backend.
 */
#ifndef X_MATH_H
#define X_MATH_H
#include "x.h"

#define X_INF __builtin_inf()
#define X_INFF __builtin_inff()
#define X_NAN __builtin_nan("")
#define X_NANF __builtin_nanf("")

X_INLINE uint64_t x_asu64(double x) { union { double f; uint64_t u; } v = { x }; return v.u; }
X_INLINE double x_asf64(uint64_t u) { union { uint64_t u; double f; } v = { u }; return v.f; }
X_INLINE uint32_t x_asu32(float x) { union { float f; uint32_t u; } v = { x }; return v.u; }
X_INLINE float x_asf32(uint32_t u) { union { uint32_t u; float f; } v = { u }; return v.f; }

X_INLINE double x_fabs(double x) { return __builtin_fabs(x); }
X_INLINE float x_fabsf(float x) { return __builtin_fabsf(x); }
X_INLINE double x_floor(double x) { return __builtin_floor(x); }
X_INLINE double x_ceil(double x) { return __builtin_ceil(x); }
X_INLINE double x_trunc(double x) { return __builtin_trunc(x); }
/* round half to even (f64.nearest) */
X_INLINE double x_rint(double x) { return __builtin_rint(x); }
X_INLINE float x_rintf(float x) { return __builtin_rintf(x); }
X_INLINE double x_sqrt(double x) { return __builtin_sqrt(x); }
/* NaN-propagating min / max (wasm f64.min / f64.max), as Math.min / Math.max */
X_INLINE double x_max(double a, double b) { return __builtin_wasm_max_f64(a, b); }
X_INLINE double x_min(double a, double b) { return __builtin_wasm_min_f64(a, b); }
X_INLINE float x_maxf(float a, float b) { return __builtin_wasm_max_f32(a, b); }
X_INLINE float x_minf(float a, float b) { return __builtin_wasm_min_f32(a, b); }
X_INLINE int x_isnan(double x) { return x != x; }

/* ---- float64 functions (xmath.c) ---- */
double x_scalbn(double x, int n);
double x_exp(double x);
double x_exp2(double x);
double x_expm1(double x);
double x_log(double x);
double x_log2(double x);
double x_log10(double x);
double x_log1p(double x);
double x_pow(double x, double y);
double x_sin(double x);
double x_cos(double x);
double x_tan(double x);
double x_asin(double x);
double x_acos(double x);
double x_atan(double x);
double x_atan2(double y, double x);
double x_sinh(double x);
double x_cosh(double x);
double x_tanh(double x);
double x_asinh(double x);
double x_acosh(double x);
double x_atanh(double x);
double x_erf(double x);
double x_erfc(double x);
double x_fmod(double x, double y);
/* Python-style remainder (result has the divisor's sign), as torch.remainder */
double x_remainder(double a, double b);
/* ATen's div_floor_floating */
double x_floor_divide(double a, double b);
/* JS a ** b with the reference's overrides (1 ** y = 1, x ** 0 = 1) */
double x_pow_ref(double a, double b);
X_INLINE double x_sigmoid(double x) { return 1.0 / (1.0 + x_exp(-x)); }

/* ---- float32 SIMD kernels (xmath.c): n elements, contiguous, in may equal out ---- */
void x_vexp_f32(const float *in, float *out, int32_t n);
void x_vlog_f32(const float *in, float *out, int32_t n);
void x_vtanh_f32(const float *in, float *out, int32_t n);
void x_vsigmoid_f32(const float *in, float *out, int32_t n);
void x_verf_f32(const float *in, float *out, int32_t n);
/* out[i] = exp(in[i] - shift); returns the sum of the outputs (in float64) */
double x_vexp_shift_sum_f32(const float *in, float *out, int32_t n, float shift);

/* ---- half types (as packages/tensor/src/half.ts) ---- */
X_INLINE float x_f16_to_f32(uint16_t h) {
  uint32_t sign = (uint32_t)(h & 0x8000) << 16;
  uint32_t exp = (h >> 10) & 0x1f;
  uint32_t mant = h & 0x3ff;
  if (exp == 0) {
    float v = (float)mant * 0x1p-24f;
    return sign ? -v : v;
  }
  if (exp == 0x1f) return x_asf32(sign | 0x7f800000u | (mant << 13));
  return x_asf32(sign | ((exp + 112) << 23) | (mant << 13));
}

X_INLINE uint16_t x_f32_to_f16(float value) {
  uint32_t x = x_asu32(value);
  uint32_t sign = (x >> 16) & 0x8000;
  int32_t exp = (int32_t)((x >> 23) & 0xff);
  uint32_t mant = x & 0x7fffff;
  if (exp == 0xff) return (uint16_t)(sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
  int32_t e = exp - 127 + 15;
  if (e >= 0x1f) return (uint16_t)(sign | 0x7c00);
  if (e <= 0) {
    if (e < -10) return (uint16_t)sign;
    mant |= 0x800000;
    uint32_t shift = (uint32_t)(14 - e);
    uint32_t half = 1u << (shift - 1);
    uint32_t m = mant >> shift;
    uint32_t rem = mant & ((1u << shift) - 1);
    if (rem > half || (rem == half && (m & 1))) m++;
    return (uint16_t)(sign | m);
  }
  uint32_t m = mant >> 13;
  uint32_t rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem == 0x1000 && (m & 1))) {
    m++;
    if (m == 0x400) {
      m = 0;
      e++;
      if (e >= 0x1f) return (uint16_t)(sign | 0x7c00);
    }
  }
  return (uint16_t)(sign | ((uint32_t)e << 10) | m);
}

X_INLINE float x_bf16_to_f32(uint16_t b) { return x_asf32((uint32_t)b << 16); }

X_INLINE uint16_t x_f32_to_bf16(float value) {
  uint32_t x = x_asu32(value);
  if ((x & 0x7f800000u) == 0x7f800000u && (x & 0x7fffffu) != 0) return 0x7fc0;
  uint32_t rounding = 0x7fffu + ((x >> 16) & 1);
  return (uint16_t)((x + rounding) >> 16);
}

/* ---- conversions from float64 with the reference's storeOne semantics ---- */

/* trunc(x) modulo 2^64, x finite */
X_INLINE uint64_t x_wrap_u64(double x) {
  if (x > -0x1p63 && x < 0x1p63) return (uint64_t)(int64_t)x;
  uint64_t u = x_asu64(x);
  int32_t e = (int32_t)((u >> 52) & 0x7ff) - 1075; /* value = m * 2^e, e >= 11 here */
  uint64_t m = (u & 0xfffffffffffffull) | 0x10000000000000ull;
  uint64_t r = e >= 64 ? 0 : m << e;
  return (u >> 63) ? (uint64_t)0 - r : r;
}

X_INLINE int32_t x_d2i32(double x) {
  if (x > -2147483649.0 && x < 2147483648.0) return (int32_t)x;
  if (x != x) return 0;
  if (x == X_INF || x == -X_INF) return (int32_t)0x80000000u;
  return (int32_t)(uint32_t)x_wrap_u64(x);
}
X_INLINE uint8_t x_d2u8(double x) {
  if (x > -2147483649.0 && x < 2147483648.0) return (uint8_t)(int32_t)x;
  if (x != x || x == X_INF || x == -X_INF) return 0;
  return (uint8_t)x_wrap_u64(x);
}
X_INLINE int64_t x_d2i64(double x) {
  if (x > -0x1p63 && x < 0x1p63) return (int64_t)x;
  if (x != x) return 0;
  if (x == X_INF || x == -X_INF) return (int64_t)0x8000000000000000ull;
  return (int64_t)x_wrap_u64(x);
}
X_INLINE uint8_t x_d2bool(double x) { return x != 0; }
X_INLINE uint16_t x_d2f16(double x) { return x_f32_to_f16((float)x); }
X_INLINE uint16_t x_d2bf16(double x) { return x_f32_to_bf16((float)x); }

#endif
