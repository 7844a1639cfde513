/*
 * Elementwise kernels: unary, binary, where, copy (strided, with dtype casts) and fill.
 * Arguments: x_ew_args (ew.h). Semantics: packages/tensor/src/reference (math.ts, strided.ts).
 *
 * Each (op, dtype) pair that matters has a specialised row function (contiguous loops are
 * vectorised; float32 exp/log/tanh/sigmoid use the SIMD kernels of xmath.c); every other
 * combination goes through a generic row function that computes in float64 like the reference.
 */
#include "kernels.h"
#include "ew.h"


X_INLINE int un_is_bool(int32_t op) { return op >= U_LOGICAL_NOT && op <= U_ISFINITE; }
X_INLINE int bin_is_bool(int32_t op) { return op >= B_EQ && op <= B_LOGICAL_XOR; }

typedef struct {
  int32_t op, din, dout;
} op_ctx;

/* Contiguous loops: vectorise without runtime alias checks (out is either exactly an input, as in
 * in-place ops, or disjoint from it). Loops that cannot vectorise (calls) stay scalar silently. */
#pragma clang diagnostic ignored "-Wpass-failed"
#define VECTORIZE _Pragma("clang loop vectorize(assume_safety) interleave_count(1)")

/* ================================================================== unary */

/* The reference's UNARY table, in float64 (generic path). */
static double un_f64(int32_t op, double x) {
  switch (op) {
    case U_NEG: return -x;
    case U_ABS: return x_fabs(x);
    case U_SIGN: return x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0; /* (0 < x) - (x < 0): NaN, -0 -> 0 */
    case U_EXP: return x_exp(x);
    case U_EXP2: return x_exp2(x);
    case U_LOG: return x_log(x);
    case U_LOG2: return x_log2(x);
    case U_LOG10: return x_log10(x);
    case U_LOG1P: return x_log1p(x);
    case U_EXPM1: return x_expm1(x);
    case U_SQRT: return x_sqrt(x);
    case U_RSQRT: return 1.0 / x_sqrt(x);
    case U_SIN: return x_sin(x);
    case U_COS: return x_cos(x);
    case U_TAN: return x_tan(x);
    case U_ASIN: return x_asin(x);
    case U_ACOS: return x_acos(x);
    case U_ATAN: return x_atan(x);
    case U_SINH: return x_sinh(x);
    case U_COSH: return x_cosh(x);
    case U_TANH: return x_tanh(x);
    case U_ASINH: return x_asinh(x);
    case U_ACOSH: return x_acosh(x);
    case U_ATANH: return x_atanh(x);
    case U_SIGMOID: return x_sigmoid(x);
    case U_RELU: return x > 0 ? x : x != x ? x : 0.0;
    case U_FLOOR: return x_floor(x);
    case U_CEIL: return x_ceil(x);
    case U_ROUND: return x_rint(x);
    case U_TRUNC: return x_trunc(x);
    case U_FRAC: return x - x_trunc(x);
    case U_RECIPROCAL: return 1.0 / x;
    case U_SQUARE: return x * x;
    case U_ERF: return x_erf(x);
    case U_ERFC: return x_erfc(x);
    case U_LOGICAL_NOT: return x == 0 ? 1.0 : 0.0;
    case U_ISNAN: return x != x ? 1.0 : 0.0;
    case U_ISINF: return (x == X_INF || x == -X_INF) ? 1.0 : 0.0;
    case U_ISFINITE: return (x - x == 0) ? 1.0 : 0.0;
    case U_BITWISE_NOT: {
      int32_t v = (x != x || x - x != 0) ? 0 : (int32_t)(uint32_t)x_wrap_u64(x); /* JS ToInt32 */
      return (double)~v;
    }
    default: return X_NAN;
  }
}

static void un_generic(int32_t n, char **p, const int32_t *s, const void *ctx) {
  const op_ctx *c = (const op_ctx *)ctx;
  const int32_t ei = x_dt_size[c->din] * s[1], eo = x_dt_size[c->dout] * s[0];
  const char *in = p[1];
  char *o = p[0];
  for (int32_t i = 0; i < n; i++) x_st(c->dout, o + (ptrdiff_t)i * eo, un_f64(c->op, x_ld(c->din, in + (ptrdiff_t)i * ei)));
}

#define UN_ROW(NAME, TI, TO, EXPR)                                                      \
  static void NAME(int32_t n, char **p, const int32_t *s, const void *ctx) {            \
    (void)ctx;                                                                          \
    TO *o = (TO *)p[0];                                                                 \
    const TI *in = (const TI *)p[1];                                                    \
    const int32_t so = s[0], si = s[1];                                                 \
    if (so == 1 && si == 1) {                                                           \
      VECTORIZE for (int32_t i = 0; i < n; i++) {                                       \
        TI x = in[i];                                                                   \
        o[i] = (TO)(EXPR);                                                              \
      }                                                                                 \
    } else {                                                                            \
      for (int32_t i = 0; i < n; i++) {                                                 \
        TI x = in[(ptrdiff_t)i * si];                                                   \
        o[(ptrdiff_t)i * so] = (TO)(EXPR);                                              \
      }                                                                                 \
    }                                                                                   \
  }

/* float32 rows with a SIMD kernel: contiguous directly, strided through a stack buffer */
#define UN_ROW_VEC(NAME, VFN)                                                           \
  static void NAME(int32_t n, char **p, const int32_t *s, const void *ctx) {            \
    (void)ctx;                                                                          \
    float *o = (float *)p[0];                                                           \
    const float *in = (const float *)p[1];                                              \
    if (s[0] == 1 && s[1] == 1) {                                                       \
      VFN(in, o, n);                                                                    \
      return;                                                                           \
    }                                                                                   \
    float buf[256];                                                                     \
    for (int32_t i0 = 0; i0 < n; i0 += 256) {                                           \
      int32_t m = X_MIN(256, n - i0);                                                   \
      for (int32_t j = 0; j < m; j++) buf[j] = in[(ptrdiff_t)(i0 + j) * s[1]];          \
      VFN(buf, buf, m);                                                                 \
      for (int32_t j = 0; j < m; j++) o[(ptrdiff_t)(i0 + j) * s[0]] = buf[j];           \
    }                                                                                   \
  }

/* ---- float32 ---- */
UN_ROW(un_f32_neg, float, float, -x)
UN_ROW(un_f32_abs, float, float, x_fabsf(x))
UN_ROW(un_f32_sign, float, float, x > 0 ? 1.0f : x < 0 ? -1.0f : 0.0f)
UN_ROW_VEC(un_f32_exp, x_vexp_f32)
UN_ROW(un_f32_exp2, float, float, x_exp2(x))
UN_ROW_VEC(un_f32_log, x_vlog_f32)
UN_ROW(un_f32_log2, float, float, x_log2(x))
UN_ROW(un_f32_log10, float, float, x_log10(x))
UN_ROW(un_f32_log1p, float, float, x_log1p(x))
UN_ROW(un_f32_expm1, float, float, x_expm1(x))
UN_ROW(un_f32_sqrt, float, float, __builtin_sqrtf(x))
UN_ROW(un_f32_rsqrt, float, float, 1.0 / x_sqrt(x))
UN_ROW(un_f32_sin, float, float, x_sin(x))
UN_ROW(un_f32_cos, float, float, x_cos(x))
UN_ROW(un_f32_tan, float, float, x_tan(x))
UN_ROW(un_f32_asin, float, float, x_asin(x))
UN_ROW(un_f32_acos, float, float, x_acos(x))
UN_ROW(un_f32_atan, float, float, x_atan(x))
UN_ROW(un_f32_sinh, float, float, x_sinh(x))
UN_ROW(un_f32_cosh, float, float, x_cosh(x))
UN_ROW_VEC(un_f32_tanh, x_vtanh_f32)
UN_ROW(un_f32_asinh, float, float, x_asinh(x))
UN_ROW(un_f32_acosh, float, float, x_acosh(x))
UN_ROW(un_f32_atanh, float, float, x_atanh(x))
UN_ROW_VEC(un_f32_sigmoid, x_vsigmoid_f32)
UN_ROW(un_f32_relu, float, float, x_maxf(x, 0.0f))
UN_ROW(un_f32_floor, float, float, __builtin_floorf(x))
UN_ROW(un_f32_ceil, float, float, __builtin_ceilf(x))
UN_ROW(un_f32_round, float, float, x_rintf(x))
UN_ROW(un_f32_trunc, float, float, __builtin_truncf(x))
UN_ROW(un_f32_frac, float, float, x - __builtin_truncf(x))
UN_ROW(un_f32_reciprocal, float, float, 1.0f / x)
UN_ROW(un_f32_square, float, float, x * x)
UN_ROW_VEC(un_f32_erf, x_verf_f32)
UN_ROW(un_f32_erfc, float, float, x_erfc(x))
UN_ROW(un_f32_lnot, float, uint8_t, x == 0)
UN_ROW(un_f32_isnan, float, uint8_t, x != x)
UN_ROW(un_f32_isinf, float, uint8_t, x_fabsf(x) == X_INFF)
UN_ROW(un_f32_isfinite, float, uint8_t, x_fabsf(x) < X_INFF)

/* ---- float64 ---- */
UN_ROW(un_f64_neg, double, double, -x)
UN_ROW(un_f64_abs, double, double, x_fabs(x))
UN_ROW(un_f64_sign, double, double, x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0)
UN_ROW(un_f64_exp, double, double, x_exp(x))
UN_ROW(un_f64_exp2, double, double, x_exp2(x))
UN_ROW(un_f64_log, double, double, x_log(x))
UN_ROW(un_f64_log2, double, double, x_log2(x))
UN_ROW(un_f64_log10, double, double, x_log10(x))
UN_ROW(un_f64_log1p, double, double, x_log1p(x))
UN_ROW(un_f64_expm1, double, double, x_expm1(x))
UN_ROW(un_f64_sqrt, double, double, x_sqrt(x))
UN_ROW(un_f64_rsqrt, double, double, 1.0 / x_sqrt(x))
UN_ROW(un_f64_sin, double, double, x_sin(x))
UN_ROW(un_f64_cos, double, double, x_cos(x))
UN_ROW(un_f64_tan, double, double, x_tan(x))
UN_ROW(un_f64_asin, double, double, x_asin(x))
UN_ROW(un_f64_acos, double, double, x_acos(x))
UN_ROW(un_f64_atan, double, double, x_atan(x))
UN_ROW(un_f64_sinh, double, double, x_sinh(x))
UN_ROW(un_f64_cosh, double, double, x_cosh(x))
UN_ROW(un_f64_tanh, double, double, x_tanh(x))
UN_ROW(un_f64_asinh, double, double, x_asinh(x))
UN_ROW(un_f64_acosh, double, double, x_acosh(x))
UN_ROW(un_f64_atanh, double, double, x_atanh(x))
UN_ROW(un_f64_sigmoid, double, double, x_sigmoid(x))
UN_ROW(un_f64_relu, double, double, x_max(x, 0.0))
UN_ROW(un_f64_floor, double, double, x_floor(x))
UN_ROW(un_f64_ceil, double, double, x_ceil(x))
UN_ROW(un_f64_round, double, double, x_rint(x))
UN_ROW(un_f64_trunc, double, double, x_trunc(x))
UN_ROW(un_f64_frac, double, double, x - x_trunc(x))
UN_ROW(un_f64_reciprocal, double, double, 1.0 / x)
UN_ROW(un_f64_square, double, double, x * x)
UN_ROW(un_f64_erf, double, double, x_erf(x))
UN_ROW(un_f64_erfc, double, double, x_erfc(x))
UN_ROW(un_f64_lnot, double, uint8_t, x == 0)
UN_ROW(un_f64_isnan, double, uint8_t, x != x)
UN_ROW(un_f64_isinf, double, uint8_t, x_fabs(x) == X_INF)
UN_ROW(un_f64_isfinite, double, uint8_t, x_fabs(x) < X_INF)

/* ---- integers (wrapping arithmetic through the unsigned type) ---- */
#define UN_INT(SUF, T, UT)                                                              \
  UN_ROW(un_##SUF##_neg, T, T, (T)((UT)0 - (UT)x))                                      \
  UN_ROW(un_##SUF##_abs, T, T, x < 0 ? (T)((UT)0 - (UT)x) : x)                          \
  UN_ROW(un_##SUF##_sign, T, T, (T)((x > 0) - (x < 0)))                                 \
  UN_ROW(un_##SUF##_relu, T, T, x > 0 ? x : 0)                                          \
  UN_ROW(un_##SUF##_square, T, T, (T)((UT)x * (UT)x))                                   \
  UN_ROW(un_##SUF##_copy, T, T, x)                                                      \
  UN_ROW(un_##SUF##_bnot, T, T, (T)~x)                                                  \
  UN_ROW(un_##SUF##_lnot, T, uint8_t, x == 0)                                           \
  UN_ROW(un_##SUF##_false, T, uint8_t, ((void)x, 0))                                    \
  UN_ROW(un_##SUF##_true, T, uint8_t, ((void)x, 1))
UN_INT(i32, int32_t, uint32_t)
UN_INT(i64, int64_t, uint64_t)
UN_INT(u8, uint8_t, uint8_t)
UN_ROW(un_bool_bnot, uint8_t, uint8_t, !x)
UN_ROW(un_bool_id, uint8_t, uint8_t, x)

#define UN_F(D)                                                                          \
  [U_NEG] = un_##D##_neg, [U_ABS] = un_##D##_abs, [U_SIGN] = un_##D##_sign, [U_EXP] = un_##D##_exp, \
  [U_EXP2] = un_##D##_exp2, [U_LOG] = un_##D##_log, [U_LOG2] = un_##D##_log2, [U_LOG10] = un_##D##_log10, \
  [U_LOG1P] = un_##D##_log1p, [U_EXPM1] = un_##D##_expm1, [U_SQRT] = un_##D##_sqrt, [U_RSQRT] = un_##D##_rsqrt, \
  [U_SIN] = un_##D##_sin, [U_COS] = un_##D##_cos, [U_TAN] = un_##D##_tan, [U_ASIN] = un_##D##_asin, \
  [U_ACOS] = un_##D##_acos, [U_ATAN] = un_##D##_atan, [U_SINH] = un_##D##_sinh, [U_COSH] = un_##D##_cosh, \
  [U_TANH] = un_##D##_tanh, [U_ASINH] = un_##D##_asinh, [U_ACOSH] = un_##D##_acosh, [U_ATANH] = un_##D##_atanh, \
  [U_SIGMOID] = un_##D##_sigmoid, [U_RELU] = un_##D##_relu, [U_FLOOR] = un_##D##_floor, [U_CEIL] = un_##D##_ceil, \
  [U_ROUND] = un_##D##_round, [U_TRUNC] = un_##D##_trunc, [U_FRAC] = un_##D##_frac, \
  [U_RECIPROCAL] = un_##D##_reciprocal, [U_SQUARE] = un_##D##_square, [U_ERF] = un_##D##_erf, \
  [U_ERFC] = un_##D##_erfc, [U_LOGICAL_NOT] = un_##D##_lnot, [U_ISNAN] = un_##D##_isnan, \
  [U_ISINF] = un_##D##_isinf, [U_ISFINITE] = un_##D##_isfinite

#define UN_I(D)                                                                          \
  [U_NEG] = un_##D##_neg, [U_ABS] = un_##D##_abs, [U_SIGN] = un_##D##_sign, [U_RELU] = un_##D##_relu, \
  [U_SQUARE] = un_##D##_square, [U_FLOOR] = un_##D##_copy, [U_CEIL] = un_##D##_copy, \
  [U_ROUND] = un_##D##_copy, [U_TRUNC] = un_##D##_copy, [U_BITWISE_NOT] = un_##D##_bnot, \
  [U_LOGICAL_NOT] = un_##D##_lnot, [U_ISNAN] = un_##D##_false, [U_ISINF] = un_##D##_false, \
  [U_ISFINITE] = un_##D##_true

static const x_row_fn un_tab[DT_COUNT][U_COUNT] = {
  [DT_F32] = { UN_F(f32) },
  [DT_F64] = { UN_F(f64) },
  [DT_I32] = { UN_I(i32) },
  [DT_I64] = { UN_I(i64) },
  [DT_U8] = { UN_I(u8) },
  [DT_BOOL] = {
    [U_ABS] = un_bool_id, [U_RELU] = un_bool_id, [U_SQUARE] = un_bool_id, [U_SIGN] = un_bool_id,
    [U_FLOOR] = un_bool_id, [U_CEIL] = un_bool_id, [U_ROUND] = un_bool_id, [U_TRUNC] = un_bool_id,
    [U_BITWISE_NOT] = un_bool_bnot, [U_LOGICAL_NOT] = un_u8_lnot, [U_ISNAN] = un_u8_false,
    [U_ISINF] = un_u8_false, [U_ISFINITE] = un_u8_true,
  },
};

/* op = UnaryOp code; dtype = input dtype; dtype2 = output dtype; o[0] = out, o[1] = x */
void x_k_unary(const void *args, int32_t part, int32_t nparts) {
  const x_ew_args *a = (const x_ew_args *)args;
  op_ctx c = { a->op, a->dtype, a->dtype2 };
  if ((uint32_t)c.op >= U_COUNT || (uint32_t)c.din >= DT_COUNT || (uint32_t)c.dout >= DT_COUNT) return;
  x_row_fn fn = un_tab[c.din][c.op];
  int32_t want = un_is_bool(c.op) ? DT_BOOL : c.din;
  if (!fn || c.dout != want) fn = un_generic;
  char *base[2] = { (char *)(uintptr_t)a->o[0].ptr, (char *)(uintptr_t)a->o[1].ptr };
  int32_t esz[2] = { x_dt_size[c.dout], x_dt_size[c.din] };
  x_ew_run(a, 2, base, esz, fn, &c, part, nparts);
}

/* ================================================================== binary */

/* The reference's BINARY table in float64, with INTEGER_BINARY for integer dtypes (generic path). */
static double bin_f64(int32_t op, int integer, double a, double b) {
  switch (op) {
    case B_ADD: return a + b;
    case B_SUB: return a - b;
    case B_MUL: return a * b;
    case B_DIV: return a / b;
    case B_POW: return x_pow_ref(a, b);
    case B_MAXIMUM: return x_max(a, b);
    case B_MINIMUM: return x_min(a, b);
    case B_FMOD: return x_fmod(a, b);
    case B_REMAINDER: return x_remainder(a, b);
    case B_FLOOR_DIVIDE: return integer ? x_floor(a / b) : x_floor_divide(a, b);
    case B_ATAN2: return x_atan2(a, b);
    case B_EQ: return a == b;
    case B_NE: return a != b;
    case B_LT: return a < b;
    case B_LE: return a <= b;
    case B_GT: return a > b;
    case B_GE: return a >= b;
    case B_LOGICAL_AND: return a != 0 && b != 0;
    case B_LOGICAL_OR: return a != 0 || b != 0;
    case B_LOGICAL_XOR: return (a != 0) != (b != 0);
    default: {
      int32_t x = (a != a || a - a != 0) ? 0 : (int32_t)(uint32_t)x_wrap_u64(a);
      int32_t y = (b != b || b - b != 0) ? 0 : (int32_t)(uint32_t)x_wrap_u64(b);
      return op == B_BITWISE_AND ? (x & y) : op == B_BITWISE_OR ? (x | y) : (x ^ y);
    }
  }
}

static void bin_generic(int32_t n, char **p, const int32_t *s, const void *ctx) {
  const op_ctx *c = (const op_ctx *)ctx;
  const int32_t ea = x_dt_size[c->din] * s[1], eb = x_dt_size[c->din] * s[2], eo = x_dt_size[c->dout] * s[0];
  const int integer = c->din >= DT_I32;
  for (int32_t i = 0; i < n; i++) {
    double a = x_ld(c->din, p[1] + (ptrdiff_t)i * ea), b = x_ld(c->din, p[2] + (ptrdiff_t)i * eb);
    x_st(c->dout, p[0] + (ptrdiff_t)i * eo, bin_f64(c->op, integer, a, b));
  }
}

#define BIN_ROW(NAME, T, TO, EXPR)                                                      \
  static void NAME(int32_t n, char **p, const int32_t *s, const void *ctx) {            \
    (void)ctx;                                                                          \
    TO *o = (TO *)p[0];                                                                 \
    const T *A = (const T *)p[1];                                                       \
    const T *B = (const T *)p[2];                                                       \
    const int32_t so = s[0], sa = s[1], sb = s[2];                                      \
    if (so == 1) {                                                                      \
      if (sa == 1 && sb == 1) {                                                         \
        VECTORIZE for (int32_t i = 0; i < n; i++) {                                     \
          T a = A[i], b = B[i];                                                         \
          o[i] = (TO)(EXPR);                                                            \
        }                                                                               \
        return;                                                                         \
      }                                                                                 \
      if (sa == 1 && sb == 0) {                                                         \
        const T b = B[0];                                                               \
        VECTORIZE for (int32_t i = 0; i < n; i++) {                                     \
          T a = A[i];                                                                   \
          o[i] = (TO)(EXPR);                                                            \
        }                                                                               \
        return;                                                                         \
      }                                                                                 \
      if (sa == 0 && sb == 1) {                                                         \
        const T a = A[0];                                                               \
        VECTORIZE for (int32_t i = 0; i < n; i++) {                                     \
          T b = B[i];                                                                   \
          o[i] = (TO)(EXPR);                                                            \
        }                                                                               \
        return;                                                                         \
      }                                                                                 \
    }                                                                                   \
    for (int32_t i = 0; i < n; i++) {                                                   \
      T a = A[(ptrdiff_t)i * sa], b = B[(ptrdiff_t)i * sb];                             \
      o[(ptrdiff_t)i * so] = (TO)(EXPR);                                                \
    }                                                                                   \
  }

/* ---- floats ---- */
#define BIN_F(SUF, T, MAX, MIN)                                                         \
  BIN_ROW(bin_##SUF##_add, T, T, a + b)                                                 \
  BIN_ROW(bin_##SUF##_sub, T, T, a - b)                                                 \
  BIN_ROW(bin_##SUF##_mul, T, T, a * b)                                                 \
  BIN_ROW(bin_##SUF##_div, T, T, a / b)                                                 \
  BIN_ROW(bin_##SUF##_pow, T, T, x_pow_ref(a, b))                                       \
  BIN_ROW(bin_##SUF##_maximum, T, T, MAX(a, b))                                         \
  BIN_ROW(bin_##SUF##_minimum, T, T, MIN(a, b))                                         \
  BIN_ROW(bin_##SUF##_fmod, T, T, x_fmod(a, b))                                         \
  BIN_ROW(bin_##SUF##_remainder, T, T, x_remainder(a, b))                               \
  BIN_ROW(bin_##SUF##_floordiv, T, T, x_floor_divide(a, b))                             \
  BIN_ROW(bin_##SUF##_atan2, T, T, x_atan2(a, b))                                       \
  BIN_ROW(bin_##SUF##_eq, T, uint8_t, a == b)                                           \
  BIN_ROW(bin_##SUF##_ne, T, uint8_t, a != b)                                           \
  BIN_ROW(bin_##SUF##_lt, T, uint8_t, a < b)                                            \
  BIN_ROW(bin_##SUF##_le, T, uint8_t, a <= b)                                           \
  BIN_ROW(bin_##SUF##_gt, T, uint8_t, a > b)                                            \
  BIN_ROW(bin_##SUF##_ge, T, uint8_t, a >= b)                                           \
  BIN_ROW(bin_##SUF##_land, T, uint8_t, (a != 0) & (b != 0))                            \
  BIN_ROW(bin_##SUF##_lor, T, uint8_t, (a != 0) | (b != 0))                             \
  BIN_ROW(bin_##SUF##_lxor, T, uint8_t, (a != 0) ^ (b != 0))
BIN_F(f32, float, x_maxf, x_minf)
BIN_F(f64, double, x_max, x_min)

/* ---- integers: wrapping arithmetic, C division semantics made total (x / 0 = 0) ---- */
X_INLINE int64_t idiv64(int64_t a, int64_t b) {
  if (b == 0) return 0;
  if (b == -1) return (int64_t)(0 - (uint64_t)a);
  return a / b;
}
X_INLINE int64_t imod64(int64_t a, int64_t b) { return (b == 0 || b == -1) ? 0 : a % b; }
X_INLINE int64_t iremainder64(int64_t a, int64_t b) {
  int64_t r = imod64(a, b);
  return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}
X_INLINE int64_t ifloordiv64(int64_t a, int64_t b) {
  int64_t q = idiv64(a, b);
  return (imod64(a, b) != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
X_INLINE int32_t idiv32(int32_t a, int32_t b) {
  if (b == 0) return 0;
  if (b == -1) return (int32_t)(0 - (uint32_t)a);
  return a / b;
}
X_INLINE int32_t imod32(int32_t a, int32_t b) { return (b == 0 || b == -1) ? 0 : a % b; }
X_INLINE int32_t iremainder32(int32_t a, int32_t b) {
  int32_t r = imod32(a, b);
  return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}
X_INLINE int32_t ifloordiv32(int32_t a, int32_t b) {
  int32_t q = idiv32(a, b);
  return (imod32(a, b) != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
/* a ** b; negative exponents give 1 / a truncated (the op layer rejects them first) */
X_INLINE uint64_t ipow_u64(uint64_t a, int64_t b) {
  uint64_t r = 1;
  while (b > 0) {
    if (b & 1) r *= a;
    a *= a;
    b >>= 1;
  }
  return r;
}
X_INLINE int64_t ipow64(int64_t a, int64_t b) {
  if (b < 0) return a == 1 ? 1 : a == -1 ? ((b & 1) ? -1 : 1) : 0;
  return (int64_t)ipow_u64((uint64_t)a, b);
}

#define BIN_I(SUF, T, UT, DIV, MOD, REM, FDIV)                                          \
  BIN_ROW(bin_##SUF##_add, T, T, (T)((UT)a + (UT)b))                                    \
  BIN_ROW(bin_##SUF##_sub, T, T, (T)((UT)a - (UT)b))                                    \
  BIN_ROW(bin_##SUF##_mul, T, T, (T)((UT)a * (UT)b))                                    \
  BIN_ROW(bin_##SUF##_div, T, T, DIV(a, b))                                             \
  BIN_ROW(bin_##SUF##_pow, T, T, (T)ipow64(a, b))                                       \
  BIN_ROW(bin_##SUF##_maximum, T, T, a > b ? a : b)                                     \
  BIN_ROW(bin_##SUF##_minimum, T, T, a < b ? a : b)                                     \
  BIN_ROW(bin_##SUF##_fmod, T, T, MOD(a, b))                                            \
  BIN_ROW(bin_##SUF##_remainder, T, T, REM(a, b))                                       \
  BIN_ROW(bin_##SUF##_floordiv, T, T, FDIV(a, b))                                       \
  BIN_ROW(bin_##SUF##_eq, T, uint8_t, a == b)                                           \
  BIN_ROW(bin_##SUF##_ne, T, uint8_t, a != b)                                           \
  BIN_ROW(bin_##SUF##_lt, T, uint8_t, a < b)                                            \
  BIN_ROW(bin_##SUF##_le, T, uint8_t, a <= b)                                           \
  BIN_ROW(bin_##SUF##_gt, T, uint8_t, a > b)                                            \
  BIN_ROW(bin_##SUF##_ge, T, uint8_t, a >= b)                                           \
  BIN_ROW(bin_##SUF##_land, T, uint8_t, (a != 0) & (b != 0))                            \
  BIN_ROW(bin_##SUF##_lor, T, uint8_t, (a != 0) | (b != 0))                             \
  BIN_ROW(bin_##SUF##_lxor, T, uint8_t, (a != 0) ^ (b != 0))                            \
  BIN_ROW(bin_##SUF##_band, T, T, a & b)                                                \
  BIN_ROW(bin_##SUF##_bor, T, T, a | b)                                                 \
  BIN_ROW(bin_##SUF##_bxor, T, T, a ^ b)

X_INLINE uint8_t udiv8(uint8_t a, uint8_t b) { return b ? a / b : 0; }
X_INLINE uint8_t umod8(uint8_t a, uint8_t b) { return b ? a % b : 0; }
BIN_I(i32, int32_t, uint32_t, idiv32, imod32, iremainder32, ifloordiv32)
BIN_I(i64, int64_t, uint64_t, idiv64, imod64, iremainder64, ifloordiv64)
BIN_I(u8, uint8_t, uint8_t, udiv8, umod8, umod8, udiv8)
/* bool: results are normalised to 0/1 */
BIN_ROW(bin_bool_or, uint8_t, uint8_t, a | b)
BIN_ROW(bin_bool_and, uint8_t, uint8_t, a & b)

#define BIN_TAB_COMMON(D)                                                                \
  [B_ADD] = bin_##D##_add, [B_SUB] = bin_##D##_sub, [B_MUL] = bin_##D##_mul, [B_DIV] = bin_##D##_div, \
  [B_POW] = bin_##D##_pow, [B_MAXIMUM] = bin_##D##_maximum, [B_MINIMUM] = bin_##D##_minimum, \
  [B_FMOD] = bin_##D##_fmod, [B_REMAINDER] = bin_##D##_remainder, [B_FLOOR_DIVIDE] = bin_##D##_floordiv, \
  [B_EQ] = bin_##D##_eq, [B_NE] = bin_##D##_ne, [B_LT] = bin_##D##_lt, [B_LE] = bin_##D##_le, \
  [B_GT] = bin_##D##_gt, [B_GE] = bin_##D##_ge, [B_LOGICAL_AND] = bin_##D##_land, \
  [B_LOGICAL_OR] = bin_##D##_lor, [B_LOGICAL_XOR] = bin_##D##_lxor

static const x_row_fn bin_tab[DT_COUNT][B_COUNT] = {
  [DT_F32] = { BIN_TAB_COMMON(f32), [B_ATAN2] = bin_f32_atan2 },
  [DT_F64] = { BIN_TAB_COMMON(f64), [B_ATAN2] = bin_f64_atan2 },
  [DT_I32] = { BIN_TAB_COMMON(i32), [B_BITWISE_AND] = bin_i32_band, [B_BITWISE_OR] = bin_i32_bor, [B_BITWISE_XOR] = bin_i32_bxor },
  [DT_I64] = { BIN_TAB_COMMON(i64), [B_BITWISE_AND] = bin_i64_band, [B_BITWISE_OR] = bin_i64_bor, [B_BITWISE_XOR] = bin_i64_bxor },
  [DT_U8] = { BIN_TAB_COMMON(u8), [B_BITWISE_AND] = bin_u8_band, [B_BITWISE_OR] = bin_u8_bor, [B_BITWISE_XOR] = bin_u8_bxor },
  [DT_BOOL] = {
    [B_ADD] = bin_bool_or, [B_MUL] = bin_bool_and, [B_MAXIMUM] = bin_bool_or, [B_MINIMUM] = bin_bool_and,
    [B_EQ] = bin_u8_eq, [B_NE] = bin_u8_ne, [B_LT] = bin_u8_lt, [B_LE] = bin_u8_le, [B_GT] = bin_u8_gt, [B_GE] = bin_u8_ge,
    [B_LOGICAL_AND] = bin_u8_land, [B_LOGICAL_OR] = bin_u8_lor, [B_LOGICAL_XOR] = bin_u8_lxor,
    [B_BITWISE_AND] = bin_u8_band, [B_BITWISE_OR] = bin_u8_bor, [B_BITWISE_XOR] = bin_u8_bxor,
  },
};

/*
 * op = BinaryOp code; dtype = compute dtype of a and b; dtype2 = output dtype.
 * o[0] = out, o[1] = a, o[2] = b; flags bit 0: a is the scalar sa, bit 1: b is the scalar sb
 * (its strides must be 0).
 */
void x_k_binary(const void *args, int32_t part, int32_t nparts) {
  const x_ew_args *a = (const x_ew_args *)args;
  op_ctx c = { a->op, a->dtype, a->dtype2 };
  if ((uint32_t)c.op >= B_COUNT || (uint32_t)c.din >= DT_COUNT || (uint32_t)c.dout >= DT_COUNT) return;
  x_row_fn fn = bin_tab[c.din][c.op];
  int32_t want = bin_is_bool(c.op) ? DT_BOOL : c.din;
  if (!fn || c.dout != want) fn = bin_generic;
  uint64_t sa = 0, sb = 0; /* the scalars converted to the compute dtype */
  char *base[3] = { (char *)(uintptr_t)a->o[0].ptr, (char *)(uintptr_t)a->o[1].ptr, (char *)(uintptr_t)a->o[2].ptr };
  if (a->flags & X_EW_A_SCALAR) {
    x_st(c.din, (char *)&sa, a->sa);
    base[1] = (char *)&sa;
  }
  if (a->flags & X_EW_B_SCALAR) {
    x_st(c.din, (char *)&sb, a->sb);
    base[2] = (char *)&sb;
  }
  int32_t esz[3] = { x_dt_size[c.dout], x_dt_size[c.din], x_dt_size[c.din] };
  x_ew_run(a, 3, base, esz, fn, &c, part, nparts);
}

/* ================================================================== where */

#define WHERE_ROW(NAME, T)                                                              \
  static void NAME(int32_t n, char **p, const int32_t *s, const void *ctx) {            \
    (void)ctx;                                                                          \
    T *o = (T *)p[0];                                                                   \
    const uint8_t *c = (const uint8_t *)p[1];                                           \
    const T *A = (const T *)p[2];                                                       \
    const T *B = (const T *)p[3];                                                       \
    if (s[0] == 1 && s[1] == 1 && s[2] == 1 && s[3] == 1) {                             \
      VECTORIZE for (int32_t i = 0; i < n; i++) o[i] = c[i] ? A[i] : B[i];              \
      return;                                                                           \
    }                                                                                   \
    for (int32_t i = 0; i < n; i++)                                                     \
      o[(ptrdiff_t)i * s[0]] = c[(ptrdiff_t)i * s[1]] ? A[(ptrdiff_t)i * s[2]] : B[(ptrdiff_t)i * s[3]]; \
  }
WHERE_ROW(where_1, uint8_t)
WHERE_ROW(where_2, uint16_t)
WHERE_ROW(where_4, uint32_t)
WHERE_ROW(where_8, uint64_t)

/* dtype = dtype of a, b and out (any); o[0] = out, o[1] = cond (bool), o[2] = a, o[3] = b */
void x_k_where(const void *args, int32_t part, int32_t nparts) {
  const x_ew_args *a = (const x_ew_args *)args;
  if ((uint32_t)a->dtype >= DT_COUNT) return;
  int32_t es = x_dt_size[a->dtype];
  x_row_fn fn = es == 1 ? where_1 : es == 2 ? where_2 : es == 4 ? where_4 : where_8;
  char *base[4];
  for (int k = 0; k < 4; k++) base[k] = (char *)(uintptr_t)a->o[k].ptr;
  int32_t esz[4] = { es, 1, es, es };
  x_ew_run(a, 4, base, esz, fn, 0, part, nparts);
}

/* ================================================================== copy */

#define LD_F32(x) ((double)(x))
#define LD_F64(x) (x)
#define LD_F16(x) ((double)x_f16_to_f32(x))
#define LD_BF16(x) ((double)x_bf16_to_f32(x))
#define LD_I32(x) ((double)(x))
#define LD_I64(x) ((double)(x))
#define LD_U8(x) ((double)(x))
#define LD_BOOL(x) ((double)(x))
#define ST_F32(v) ((float)(v))
#define ST_F64(v) (v)
#define ST_F16(v) x_d2f16(v)
#define ST_BF16(v) x_d2bf16(v)
#define ST_I32(v) x_d2i32(v)
#define ST_I64(v) x_d2i64(v)
#define ST_U8(v) x_d2u8(v)
#define ST_BOOL(v) ((v) != 0)

#define T_F32 float
#define T_F64 double
#define T_F16 uint16_t
#define T_BF16 uint16_t
#define T_I32 int32_t
#define T_I64 int64_t
#define T_U8 uint8_t
#define T_BOOL uint8_t

#define CP_ROW(NAME, TS, TD, EXPR)                                                      \
  __attribute__((unused)) static void NAME(int32_t n, char **p, const int32_t *s, const void *ctx) {            \
    (void)ctx;                                                                          \
    TD *o = (TD *)p[0];                                                                 \
    const TS *in = (const TS *)p[1];                                                    \
    if (s[0] == 1 && s[1] == 1) {                                                       \
      VECTORIZE for (int32_t i = 0; i < n; i++) {                                       \
        TS x = in[i];                                                                   \
        o[i] = (TD)(EXPR);                                                              \
      }                                                                                 \
      return;                                                                           \
    }                                                                                   \
    for (int32_t i = 0; i < n; i++) {                                                   \
      TS x = in[(ptrdiff_t)i * s[1]];                                                   \
      o[(ptrdiff_t)i * s[0]] = (TD)(EXPR);                                              \
    }                                                                                   \
  }

/* generic conversion through float64, as the reference's load + storeOne */
#define CP_GEN(S, D) CP_ROW(cp_##S##_##D, T_##S, T_##D, ST_##D(LD_##S(x)))
#define CP_FROM(S) CP_GEN(S, F32) CP_GEN(S, F64) CP_GEN(S, F16) CP_GEN(S, BF16) CP_GEN(S, I32) CP_GEN(S, I64) CP_GEN(S, U8) CP_GEN(S, BOOL)
CP_FROM(F32)
CP_FROM(F64)
CP_FROM(F16)
CP_FROM(BF16)
CP_FROM(I32)
CP_FROM(U8)
CP_FROM(BOOL)
/* int64 sources: exact wrapping to narrower integers, float64 rounding (as Number(bigint)) to floats */
CP_GEN(I64, F32)
CP_GEN(I64, F64)
CP_GEN(I64, F16)
CP_GEN(I64, BF16)
CP_ROW(cp_I64_I32, int64_t, int32_t, (int32_t)(uint32_t)(uint64_t)x)
CP_ROW(cp_I64_U8, int64_t, uint8_t, (uint8_t)(uint64_t)x)
CP_ROW(cp_I64_BOOL, int64_t, uint8_t, x != 0)
/* direct forms of common casts */
CP_ROW(cp_F32_F16d, float, uint16_t, x_f32_to_f16(x))
CP_ROW(cp_F32_BF16d, float, uint16_t, x_f32_to_bf16(x))
CP_ROW(cp_I32_I64d, int32_t, int64_t, (int64_t)x)

#define CP_TAB(S) { cp_##S##_F32, cp_##S##_F64, cp_##S##_F16, cp_##S##_BF16, cp_##S##_I32, cp_##S##_I64, cp_##S##_U8, cp_##S##_BOOL }
static const x_row_fn cp_tab[DT_COUNT][DT_COUNT] = {
  { cp_F32_F32, cp_F32_F64, cp_F32_F16d, cp_F32_BF16d, cp_F32_I32, cp_F32_I64, cp_F32_U8, cp_F32_BOOL },
  CP_TAB(F64),
  CP_TAB(F16),
  CP_TAB(BF16),
  { cp_I32_F32, cp_I32_F64, cp_I32_F16, cp_I32_BF16, cp_I32_I32, cp_I32_I64d, cp_I32_U8, cp_I32_BOOL },
  { cp_I64_F32, cp_I64_F64, cp_I64_F16, cp_I64_BF16, cp_I64_I32, 0, cp_I64_U8, cp_I64_BOOL },
  CP_TAB(U8),
  CP_TAB(BOOL),
};

/* same-dtype copies move bits (NaN payloads and -0 are kept) */
#define RAW_ROW(NAME, T)                                                                \
  static void NAME(int32_t n, char **p, const int32_t *s, const void *ctx) {            \
    (void)ctx;                                                                          \
    T *o = (T *)p[0];                                                                   \
    const T *in = (const T *)p[1];                                                      \
    if (s[0] == 1 && s[1] == 1) {                                                       \
      __builtin_memmove(o, in, (size_t)n * sizeof(T));                                  \
      return;                                                                           \
    }                                                                                   \
    if (s[0] == 1 && s[1] == 0) {                                                       \
      const T v = in[0];                                                                \
      for (int32_t i = 0; i < n; i++) o[i] = v;                                         \
      return;                                                                           \
    }                                                                                   \
    for (int32_t i = 0; i < n; i++) o[(ptrdiff_t)i * s[0]] = in[(ptrdiff_t)i * s[1]];   \
  }
RAW_ROW(raw_1, uint8_t)
RAW_ROW(raw_2, uint16_t)
RAW_ROW(raw_4, uint32_t)
RAW_ROW(raw_8, uint64_t)

/*
 * Transposing copies (dst contiguous along the last dim, src along the one before it, e.g.
 * x.t().contiguous()) go in 8x8 tiles so that both sides stay in L1 even with power-of-two
 * strides (which map a tile's lines to one cache set); 4-byte elements use 4x4 SIMD transposes.
 * Parts split the tiles.
 */
#define TILE 8
#define TRANSPOSE_T(T)                                                                  \
  static void transpose_##T(T *d, const T *s, int32_t r0, int32_t r1, int32_t c0, int32_t c1, \
                            int32_t dr, int32_t sc) {                                   \
    for (int32_t i = r0; i < r1; i++)                                                   \
      for (int32_t j = c0; j < c1; j++) d[(ptrdiff_t)i * dr + j] = s[i + (ptrdiff_t)j * sc]; \
  }
TRANSPOSE_T(uint8_t)
TRANSPOSE_T(uint16_t)
TRANSPOSE_T(uint32_t)
TRANSPOSE_T(uint64_t)

/* full 8x8 tile of 4-byte elements: D(i, j) = d[i dr + j] = S(i, j) = s[i + j sc] */
static void transpose_8x8_4(uint32_t *d, const uint32_t *s, int32_t dr, int32_t sc) {
  for (int32_t i0 = 0; i0 < 8; i0 += 4) {
    for (int32_t j0 = 0; j0 < 8; j0 += 4) {
      const uint32_t *q = s + i0 + (ptrdiff_t)j0 * sc;
      v128_t v0 = wasm_v128_load(q), v1 = wasm_v128_load(q + sc), v2 = wasm_v128_load(q + 2 * (ptrdiff_t)sc),
             v3 = wasm_v128_load(q + 3 * (ptrdiff_t)sc);
      v128_t t0 = wasm_i32x4_shuffle(v0, v1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(v0, v1, 2, 6, 3, 7);
      v128_t t2 = wasm_i32x4_shuffle(v2, v3, 0, 4, 1, 5), t3 = wasm_i32x4_shuffle(v2, v3, 2, 6, 3, 7);
      uint32_t *o = d + (ptrdiff_t)i0 * dr + j0;
      wasm_v128_store(o, wasm_i32x4_shuffle(t0, t2, 0, 1, 4, 5));
      wasm_v128_store(o + dr, wasm_i32x4_shuffle(t0, t2, 2, 3, 6, 7));
      wasm_v128_store(o + 2 * (ptrdiff_t)dr, wasm_i32x4_shuffle(t1, t3, 0, 1, 4, 5));
      wasm_v128_store(o + 3 * (ptrdiff_t)dr, wasm_i32x4_shuffle(t1, t3, 2, 3, 6, 7));
    }
  }
}

static int copy_is_transpose(const x_ew_args *a) {
  int32_t nd = a->ndim;
  if (nd < 2) return 0;
  int32_t R = a->shape[nd - 2], C = a->shape[nd - 1];
  int32_t sc = a->o[1].st[nd - 1];
  return R >= 8 && C >= 8 && a->o[0].st[nd - 1] == 1 && a->o[1].st[nd - 2] == 1 && (sc > 8 || sc < -8);
}

static void copy_transpose(const x_ew_args *a, int32_t es, int32_t part, int32_t nparts) {
  const int32_t nd = a->ndim, R = a->shape[nd - 2], C = a->shape[nd - 1];
  const int32_t tr = (R + TILE - 1) / TILE, tc = (C + TILE - 1) / TILE;
  const int32_t outer = a->n / (R * C);
  const int64_t tiles = (int64_t)outer * tr * tc;
  const int64_t lo = tiles * part / nparts, hi = tiles * (part + 1) / nparts;
  const int32_t dr = a->o[0].st[nd - 2], sc = a->o[1].st[nd - 1];
  int32_t o = -1;
  char *dst = 0;
  const char *src = 0;
  for (int64_t t = lo; t < hi; t++) {
    int32_t ot = (int32_t)(t / ((int64_t)tr * tc));
    if (ot != o) {
      o = ot;
      ptrdiff_t od = 0, os = 0;
      for (int32_t d = nd - 3, q = o; d >= 0; d--) {
        int32_t k = q % a->shape[d];
        q /= a->shape[d];
        od += (ptrdiff_t)k * a->o[0].st[d];
        os += (ptrdiff_t)k * a->o[1].st[d];
      }
      dst = (char *)(uintptr_t)a->o[0].ptr + od * es;
      src = (const char *)(uintptr_t)a->o[1].ptr + os * es;
    }
    int32_t rem = (int32_t)(t - (int64_t)o * tr * tc);
    int32_t bi = rem / tc, bj = rem - bi * tc;
    int32_t r0 = bi * TILE, r1 = X_MIN(R, r0 + TILE), c0 = bj * TILE, c1 = X_MIN(C, c0 + TILE);
    switch (es) {
      case 1: transpose_uint8_t((uint8_t *)dst, (const uint8_t *)src, r0, r1, c0, c1, dr, sc); break;
      case 2: transpose_uint16_t((uint16_t *)dst, (const uint16_t *)src, r0, r1, c0, c1, dr, sc); break;
      case 4:
        if (r1 - r0 == 8 && c1 - c0 == 8)
          transpose_8x8_4((uint32_t *)dst + (ptrdiff_t)r0 * dr + c0, (const uint32_t *)src + r0 + (ptrdiff_t)c0 * sc, dr, sc);
        else
          transpose_uint32_t((uint32_t *)dst, (const uint32_t *)src, r0, r1, c0, c1, dr, sc);
        break;
      default: transpose_uint64_t((uint64_t *)dst, (const uint64_t *)src, r0, r1, c0, c1, dr, sc); break;
    }
  }
}

/* dtype = source dtype, dtype2 = destination dtype; o[0] = dst, o[1] = src */
void x_k_copy(const void *args, int32_t part, int32_t nparts) {
  const x_ew_args *a = (const x_ew_args *)args;
  int32_t ds = a->dtype, dd = a->dtype2;
  if ((uint32_t)ds >= DT_COUNT || (uint32_t)dd >= DT_COUNT) return;
  x_row_fn fn;
  if (ds == dd && copy_is_transpose(a)) {
    copy_transpose(a, x_dt_size[ds], part, nparts);
    return;
  }
  if (ds == dd) {
    int32_t es = x_dt_size[ds];
    fn = es == 1 ? raw_1 : es == 2 ? raw_2 : es == 4 ? raw_4 : raw_8;
  } else {
    fn = cp_tab[ds][dd];
  }
  char *base[2] = { (char *)(uintptr_t)a->o[0].ptr, (char *)(uintptr_t)a->o[1].ptr };
  int32_t esz[2] = { x_dt_size[dd], x_dt_size[ds] };
  x_ew_run(a, 2, base, esz, fn, 0, part, nparts);
}

/* ================================================================== fill */

#define FILL_ROW(NAME, T)                                                               \
  static void NAME(int32_t n, char **p, const int32_t *s, const void *ctx) {            \
    const T v = *(const T *)ctx;                                                        \
    T *o = (T *)p[0];                                                                   \
    if (s[0] == 1) {                                                                    \
      for (int32_t i = 0; i < n; i++) o[i] = v;                                         \
      return;                                                                           \
    }                                                                                   \
    for (int32_t i = 0; i < n; i++) o[(ptrdiff_t)i * s[0]] = v;                         \
  }
FILL_ROW(fill_1, uint8_t)
FILL_ROW(fill_2, uint16_t)
FILL_ROW(fill_4, uint32_t)
FILL_ROW(fill_8, uint64_t)

/* dtype = dtype of o[0]; sa = the value (converted as the reference's storeOne) */
void x_k_fill(const void *args, int32_t part, int32_t nparts) {
  const x_ew_args *a = (const x_ew_args *)args;
  if ((uint32_t)a->dtype >= DT_COUNT) return;
  uint64_t v = 0;
  x_st(a->dtype, (char *)&v, a->sa);
  int32_t es = x_dt_size[a->dtype];
  x_row_fn fn = es == 1 ? fill_1 : es == 2 ? fill_2 : es == 4 ? fill_4 : fill_8;
  char *base[1] = { (char *)(uintptr_t)a->o[0].ptr };
  int32_t esz[1] = { es };
  x_ew_run(a, 1, base, esz, fn, &v, part, nparts);
}
