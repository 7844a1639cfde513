/*
 * Reductions over trailing dims (sum, prod, max, min, argmax, argmin, all, any) and scans
 * (cumsum, cumprod). Semantics: ReferenceBackend.reduce / .scan.
 *
 * float32 sums and scans accumulate in float64 (SIMD f64x2 accumulators for contiguous rows), so
 * they are as accurate as the reference's. A reduction whose outputs are contiguous in x (e.g. a
 * sum over dim 0 of a row-major matrix) accumulates whole rows of outputs at once instead of
 * walking each output's strided column.
 */
#include "kernels.h"
#include "ew.h"


/*
 * x [outer dims..., inner dims...] -> out [outer dims...]. Both groups coalesced separately.
 * flags: 0 = normal; 1 = partial (nouter must be 1): part k reduces its share of the inner
 * elements into the state scratch[k]; 2 = combine: merges scratch[0 .. i0) into out (1 part).
 */

typedef x_reduce_state rstate;

X_INLINE int is_float(int32_t dt) { return dt <= DT_BF16; }

static void rstate_init(int32_t op, rstate *s) {
  s->d = 0;
  s->i = 0;
  s->idx = 0;
  s->has = 0;
  s->stop = 0;
  switch (op) {
    case R_PROD: s->d = 1; s->i = 1; break;
    case R_MAX: s->d = -X_INF; s->i = (int64_t)0x8000000000000000ull; break;
    case R_MIN: s->d = X_INF; s->i = 0x7fffffffffffffffll; break;
    case R_ALL: s->i = 1; break;
    default: break;
  }
}

/* ---- spans: n elements at p with stride s (elements); pos = index of the first one ---- */

static double sum_f32(const float *p, int32_t n, int32_t s) {
  double t = 0;
  int32_t i = 0;
  if (s == 1) {
    v128_t a0 = wasm_f64x2_splat(0), a1 = a0, a2 = a0, a3 = a0;
    for (; i + 8 <= n; i += 8) {
      v128_t v = wasm_v128_load(p + i), w = wasm_v128_load(p + i + 4);
      a0 = wasm_f64x2_add(a0, wasm_f64x2_promote_low_f32x4(v));
      a1 = wasm_f64x2_add(a1, wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(v, v, 2, 3, 0, 1)));
      a2 = wasm_f64x2_add(a2, wasm_f64x2_promote_low_f32x4(w));
      a3 = wasm_f64x2_add(a3, wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(w, w, 2, 3, 0, 1)));
    }
    v128_t a = wasm_f64x2_add(wasm_f64x2_add(a0, a1), wasm_f64x2_add(a2, a3));
    t = wasm_f64x2_extract_lane(a, 0) + wasm_f64x2_extract_lane(a, 1);
    for (; i < n; i++) t += p[i];
    return t;
  }
  for (; i < n; i++) t += p[(ptrdiff_t)i * s];
  return t;
}

static double sum_f64(const double *p, int32_t n, int32_t s) {
  double t = 0;
  int32_t i = 0;
  if (s == 1) {
    v128_t a0 = wasm_f64x2_splat(0), a1 = a0, a2 = a0, a3 = a0;
    for (; i + 8 <= n; i += 8) {
      a0 = wasm_f64x2_add(a0, wasm_v128_load(p + i));
      a1 = wasm_f64x2_add(a1, wasm_v128_load(p + i + 2));
      a2 = wasm_f64x2_add(a2, wasm_v128_load(p + i + 4));
      a3 = wasm_f64x2_add(a3, wasm_v128_load(p + i + 6));
    }
    v128_t a = wasm_f64x2_add(wasm_f64x2_add(a0, a1), wasm_f64x2_add(a2, a3));
    t = wasm_f64x2_extract_lane(a, 0) + wasm_f64x2_extract_lane(a, 1);
    for (; i < n; i++) t += p[i];
    return t;
  }
  for (; i < n; i++) t += p[(ptrdiff_t)i * s];
  return t;
}

/* NaN-propagating max / min of a float32 span (as double) */
static double maxmin_f32(const float *p, int32_t n, int32_t s, int is_max) {
  float r = is_max ? -X_INFF : X_INFF;
  int32_t i = 0;
  if (s == 1 && n >= 8) {
    v128_t a = wasm_f32x4_splat(r), b = a;
    for (; i + 8 <= n; i += 8) {
      v128_t v = wasm_v128_load(p + i), w = wasm_v128_load(p + i + 4);
      if (is_max) { a = wasm_f32x4_max(a, v); b = wasm_f32x4_max(b, w); }
      else { a = wasm_f32x4_min(a, v); b = wasm_f32x4_min(b, w); }
    }
    a = is_max ? wasm_f32x4_max(a, b) : wasm_f32x4_min(a, b);
    float t[4];
    wasm_v128_store(t, a);
    for (int k = 0; k < 4; k++) r = is_max ? x_maxf(r, t[k]) : x_minf(r, t[k]);
  }
  for (; i < n; i++) {
    float v = p[(ptrdiff_t)i * s];
    r = is_max ? x_maxf(r, v) : x_minf(r, v);
  }
  return r;
}

#define INT_SPAN(T)                                                                     \
  static void span_##T(int32_t op, const T *p, int32_t n, int32_t s, int64_t pos, rstate *st) { \
    switch (op) {                                                                       \
      case R_SUM: {                                                                     \
        uint64_t t = 0;                                                                 \
        for (int32_t i = 0; i < n; i++) t += (uint64_t)(int64_t)p[(ptrdiff_t)i * s];    \
        st->i = (int64_t)((uint64_t)st->i + t);                                         \
        break;                                                                          \
      }                                                                                 \
      case R_PROD: {                                                                    \
        uint64_t t = (uint64_t)st->i;                                                   \
        for (int32_t i = 0; i < n; i++) t *= (uint64_t)(int64_t)p[(ptrdiff_t)i * s];    \
        st->i = (int64_t)t;                                                             \
        break;                                                                          \
      }                                                                                 \
      case R_MAX:                                                                       \
        for (int32_t i = 0; i < n; i++) {                                               \
          int64_t v = p[(ptrdiff_t)i * s];                                              \
          if (v > st->i) st->i = v;                                                     \
        }                                                                               \
        st->has |= n > 0;                                                               \
        break;                                                                          \
      case R_MIN:                                                                       \
        for (int32_t i = 0; i < n; i++) {                                               \
          int64_t v = p[(ptrdiff_t)i * s];                                              \
          if (v < st->i) st->i = v;                                                     \
        }                                                                               \
        st->has |= n > 0;                                                               \
        break;                                                                          \
      case R_ARGMAX:                                                                    \
      case R_ARGMIN: {                                                                  \
        int32_t i = 0;                                                                  \
        if (!st->has && n > 0) {                                                        \
          st->has = 1;                                                                  \
          st->i = p[0];                                                                 \
          st->idx = pos;                                                                \
          i = 1;                                                                        \
        }                                                                               \
        int64_t best = st->i, bi = st->idx;                                             \
        if (op == R_ARGMAX) {                                                           \
          for (; i < n; i++) {                                                          \
            int64_t v = p[(ptrdiff_t)i * s];                                            \
            if (v > best) { best = v; bi = pos + i; }                                   \
          }                                                                             \
        } else {                                                                        \
          for (; i < n; i++) {                                                          \
            int64_t v = p[(ptrdiff_t)i * s];                                            \
            if (v < best) { best = v; bi = pos + i; }                                   \
          }                                                                             \
        }                                                                               \
        st->i = best;                                                                   \
        st->idx = bi;                                                                   \
        break;                                                                          \
      }                                                                                 \
      case R_ALL:                                                                       \
        for (int32_t i = 0; i < n; i++)                                                 \
          if (p[(ptrdiff_t)i * s] == 0) { st->i = 0; st->stop = 1; break; }             \
        break;                                                                          \
      case R_ANY:                                                                       \
        for (int32_t i = 0; i < n; i++)                                                 \
          if (p[(ptrdiff_t)i * s] != 0) { st->i = 1; st->stop = 1; break; }             \
        break;                                                                          \
    }                                                                                   \
  }
INT_SPAN(int32_t)
INT_SPAN(int64_t)
INT_SPAN(uint8_t)

#define FLOAT_SPAN(T, SUM)                                                              \
  static void span_##T(int32_t op, const T *p, int32_t n, int32_t s, int64_t pos, rstate *st) { \
    switch (op) {                                                                       \
      case R_SUM: st->d += SUM; break;                                                  \
      case R_PROD: {                                                                    \
        double t = st->d;                                                               \
        for (int32_t i = 0; i < n; i++) t *= p[(ptrdiff_t)i * s];                       \
        st->d = t;                                                                      \
        break;                                                                          \
      }                                                                                 \
      case R_MAX:                                                                       \
      case R_MIN: {                                                                     \
        double r = sizeof(T) == 4 ? maxmin_f32((const float *)p, n, s, op == R_MAX) : st->d; \
        if (sizeof(T) == 8) {                                                           \
          for (int32_t i = 0; i < n; i++) {                                             \
            double v = p[(ptrdiff_t)i * s];                                             \
            r = op == R_MAX ? x_max(r, v) : x_min(r, v);                                \
          }                                                                             \
        }                                                                               \
        st->d = op == R_MAX ? x_max(st->d, r) : x_min(st->d, r);                        \
        if (st->d != st->d) st->stop = 1;                                               \
        break;                                                                          \
      }                                                                                 \
      case R_ARGMAX:                                                                    \
      case R_ARGMIN: {                                                                  \
        int32_t i = 0;                                                                  \
        if (!st->has && n > 0) {                                                        \
          st->has = 1;                                                                  \
          st->d = p[0];                                                                 \
          st->idx = pos;                                                                \
          i = 1;                                                                        \
        }                                                                               \
        double best = st->d;                                                            \
        int64_t bi = st->idx;                                                           \
        if (best != best) { st->stop = 1; break; }                                      \
        for (; i < n; i++) {                                                            \
          double v = p[(ptrdiff_t)i * s];                                               \
          if (v != v) { best = v; bi = pos + i; st->stop = 1; break; }                  \
          if (op == R_ARGMAX ? v > best : v < best) { best = v; bi = pos + i; }         \
        }                                                                               \
        st->d = best;                                                                   \
        st->idx = bi;                                                                   \
        break;                                                                          \
      }                                                                                 \
      case R_ALL:                                                                       \
        for (int32_t i = 0; i < n; i++)                                                 \
          if (p[(ptrdiff_t)i * s] == 0) { st->i = 0; st->stop = 1; break; }             \
        break;                                                                          \
      case R_ANY:                                                                       \
        for (int32_t i = 0; i < n; i++)                                                 \
          if (p[(ptrdiff_t)i * s] != 0) { st->i = 1; st->stop = 1; break; }             \
        break;                                                                          \
    }                                                                                   \
  }
FLOAT_SPAN(float, sum_f32(p, n, s))
FLOAT_SPAN(double, sum_f64(p, n, s))

/* float16 / bfloat16: widened to float32 in chunks */
static void span_half(int32_t op, int32_t dt, const uint16_t *p, int32_t n, int32_t s, int64_t pos, rstate *st) {
  float buf[256];
  for (int32_t i0 = 0; i0 < n && !st->stop; i0 += 256) {
    int32_t m = X_MIN(256, n - i0);
    for (int32_t j = 0; j < m; j++) {
      uint16_t h = p[(ptrdiff_t)(i0 + j) * s];
      buf[j] = dt == DT_F16 ? x_f16_to_f32(h) : x_bf16_to_f32(h);
    }
    span_float(op, buf, m, 1, pos + i0, st);
  }
}

static void span(int32_t op, int32_t dt, const char *p, int32_t n, int32_t s, int64_t pos, rstate *st) {
  if (st->stop) return;
  switch (dt) {
    case DT_F16:
    case DT_BF16: span_half(op, dt, (const uint16_t *)p, n, s, pos, st); break;
    case DT_F32: span_float(op, (const float *)p, n, s, pos, st); break;
    case DT_F64: span_double(op, (const double *)p, n, s, pos, st); break;
    case DT_I32: span_int32_t(op, (const int32_t *)p, n, s, pos, st); break;
    case DT_I64: span_int64_t(op, (const int64_t *)p, n, s, pos, st); break;
    default: span_uint8_t(op, (const uint8_t *)p, n, s, pos, st); break;
  }
}

/* merges b (a later range) into a */
static void rstate_merge(int32_t op, int32_t dt, rstate *a, const rstate *b) {
  int fl = is_float(dt);
  switch (op) {
    case R_SUM: a->d += b->d; a->i = (int64_t)((uint64_t)a->i + (uint64_t)b->i); break;
    case R_PROD: a->d *= b->d; a->i = (int64_t)((uint64_t)a->i * (uint64_t)b->i); break;
    case R_MAX:
      a->d = x_max(a->d, b->d);
      if (b->i > a->i) a->i = b->i;
      a->has |= b->has;
      break;
    case R_MIN:
      a->d = x_min(a->d, b->d);
      if (b->i < a->i) a->i = b->i;
      a->has |= b->has;
      break;
    case R_ARGMAX:
    case R_ARGMIN: {
      if (!b->has) break;
      if (!a->has) { *a = *b; break; }
      if (fl) {
        if (a->d != a->d) break;
        if (b->d != b->d || (op == R_ARGMAX ? b->d > a->d : b->d < a->d)) { a->d = b->d; a->idx = b->idx; }
      } else if (op == R_ARGMAX ? b->i > a->i : b->i < a->i) {
        a->i = b->i;
        a->idx = b->idx;
      }
      break;
    }
    case R_ALL: a->i = a->i && b->i; break;
    case R_ANY: a->i = a->i || b->i; break;
  }
}

static void store_result(int32_t op, int32_t dt, char *o, const rstate *st) {
  switch (op) {
    case R_ARGMAX:
    case R_ARGMIN: *(int64_t *)o = st->idx; return;
    case R_ALL:
    case R_ANY: *(uint8_t *)o = st->i != 0; return;
    case R_MAX:
    case R_MIN:
      if (!is_float(dt) && !st->has) { /* empty: -inf / +inf stored as the reference does */
        x_st(dt, o, op == R_MAX ? -X_INF : X_INF);
        return;
      }
      break;
    default: break;
  }
  switch (dt) {
    case DT_F32: *(float *)o = (float)st->d; break;
    case DT_F64: *(double *)o = st->d; break;
    case DT_F16: *(uint16_t *)o = x_d2f16(st->d); break;
    case DT_BF16: *(uint16_t *)o = x_d2bf16(st->d); break;
    case DT_I32: *(int32_t *)o = (int32_t)(uint32_t)(uint64_t)st->i; break;
    case DT_I64: *(int64_t *)o = st->i; break;
    case DT_U8: *(uint8_t *)o = (uint8_t)(uint64_t)st->i; break;
    default: *(uint8_t *)o = st->i != 0; break;
  }
}

X_INLINE int32_t out_dtype(int32_t op, int32_t dt) {
  if (op == R_ARGMAX || op == R_ARGMIN) return DT_I64;
  if (op == R_ALL || op == R_ANY) return DT_BOOL;
  return dt;
}

typedef struct {
  int32_t op, dt;
  int64_t pos;
  rstate st;
} row_ctx;

static void reduce_row(int32_t n, char **p, const int32_t *s, const void *ctx) {
  row_ctx *c = (row_ctx *)(uintptr_t)ctx;
  span(c->op, c->dt, p[0], n, s[0], c->pos, &c->st);
  c->pos += n;
}

/* reduces inner elements [lo, hi) of the inner space starting at x into st */
static void reduce_inner(const x_reduce_args *a, const char *x, int32_t lo, int32_t hi, rstate *st) {
  row_ctx c = { a->op, a->dtype, lo, *st };
  char *base[1] = { (char *)(uintptr_t)x };
  const int32_t *stv[1] = { a->xi };
  int32_t esz[1] = { x_dt_size[a->dtype] };
  x_iterate(a->ndi, a->ishape, lo, hi, 1, base, stv, esz, reduce_row, &c);
  *st = c.st;
}

/* ---- outputs contiguous in x: accumulate chunks of outputs row by row ---- */

#define CHUNK 256
typedef struct {
  int32_t op, dt, m; /* m outputs in this chunk */
  double *acc;
} col_ctx;

static void col_row(int32_t n, char **p, const int32_t *s, const void *ctx) {
  const col_ctx *c = (const col_ctx *)ctx;
  double *acc = c->acc;
  const int32_t m = c->m;
  for (int32_t i = 0; i < n; i++) {
    if (c->dt == DT_F32) {
      const float *q = (const float *)p[0] + (ptrdiff_t)i * s[0];
      if (c->op == R_SUM) for (int32_t j = 0; j < m; j++) acc[j] += q[j];
      else if (c->op == R_MAX) for (int32_t j = 0; j < m; j++) acc[j] = x_max(acc[j], q[j]);
      else for (int32_t j = 0; j < m; j++) acc[j] = x_min(acc[j], q[j]);
    } else {
      const double *q = (const double *)p[0] + (ptrdiff_t)i * s[0];
      if (c->op == R_SUM) for (int32_t j = 0; j < m; j++) acc[j] += q[j];
      else if (c->op == R_MAX) for (int32_t j = 0; j < m; j++) acc[j] = x_max(acc[j], q[j]);
      else for (int32_t j = 0; j < m; j++) acc[j] = x_min(acc[j], q[j]);
    }
  }
}

static void reduce_columns(const x_reduce_args *a, int32_t lo, int32_t hi) {
  const int32_t es = x_dt_size[a->dtype];
  double acc[CHUNK];
  double init = a->op == R_SUM ? 0.0 : a->op == R_MAX ? -X_INF : X_INF;
  for (int32_t c0 = lo; c0 < hi; c0 += CHUNK) {
    int32_t m = X_MIN(CHUNK, hi - c0);
    for (int32_t j = 0; j < m; j++) acc[j] = init;
    col_ctx c = { a->op, a->dtype, m, acc };
    char *base[1] = { (char *)(uintptr_t)a->x + (ptrdiff_t)c0 * es };
    const int32_t *stv[1] = { a->xi };
    int32_t esz[1] = { es };
    x_iterate(a->ndi, a->ishape, 0, a->ninner, 1, base, stv, esz, col_row, &c);
    char *o = (char *)(uintptr_t)a->out;
    for (int32_t j = 0; j < m; j++) {
      char *q = o + (ptrdiff_t)(c0 + j) * a->os[0] * es;
      if (a->dtype == DT_F32) *(float *)q = (float)acc[j];
      else *(double *)q = acc[j];
    }
  }
}

/*
 * max / min / argmax / argmin of one short float span per output (pooling windows): the loops of
 * span_float / span_double without the per-output dispatch. The same rules: NaN wins (the first
 * NaN's index for arg*), ties keep the first, strict comparisons from the first element.
 */
#define EXTREME_SPANS(NAME, T)                                                          \
  static void NAME(int32_t op, const T *x, int32_t n, int32_t s, int32_t ndo, const int32_t *oshape, \
                   const int32_t *xo, const int32_t *os, int32_t lo, int32_t hi, char *o) { \
    int32_t idx[X_MAXDIM];                                                              \
    int32_t rem = lo;                                                                   \
    for (int32_t d = ndo - 1; d >= 0; d--) {                                            \
      idx[d] = rem % oshape[d];                                                         \
      rem /= oshape[d];                                                                 \
    }                                                                                   \
    ptrdiff_t xoff = 0, ooff = 0;                                                       \
    for (int32_t d = 0; d < ndo; d++) {                                                 \
      xoff += (ptrdiff_t)idx[d] * xo[d];                                                \
      ooff += (ptrdiff_t)idx[d] * os[d];                                                \
    }                                                                                   \
    const int arg = op == R_ARGMAX || op == R_ARGMIN, want_max = op == R_MAX || op == R_ARGMAX; \
    for (int32_t k = lo; k < hi; k++) {                                                 \
      const T *p = x + xoff;                                                            \
      T best = p[0];                                                                    \
      int32_t bi = 0;                                                                   \
      /* branch-free (window values are random: branches would mispredict); a NaN is */ \
      /* taken only while best is not NaN, so the first one stays */                    \
      for (int32_t i = 1; i < n; i++) {                                                 \
        T v = p[(ptrdiff_t)i * s];                                                      \
        int take = (want_max ? v > best : v < best) | ((v != v) & (best == best));      \
        best = take ? v : best;                                                         \
        bi = take ? i : bi;                                                             \
      }                                                                                 \
      if (arg) ((int64_t *)o)[ooff] = (int64_t)bi;                                      \
      else ((T *)o)[ooff] = best;                                                       \
      for (int32_t d = ndo - 1; d >= 0; d--) {                                          \
        xoff += xo[d];                                                                  \
        ooff += os[d];                                                                  \
        if (++idx[d] < oshape[d]) break;                                                \
        xoff -= (ptrdiff_t)oshape[d] * xo[d];                                           \
        ooff -= (ptrdiff_t)oshape[d] * os[d];                                           \
        idx[d] = 0;                                                                     \
      }                                                                                 \
    }                                                                                   \
  }
EXTREME_SPANS(extreme_spans_f32, float)
EXTREME_SPANS(extreme_spans_f64, double)

/*
 * One reduced dim across contiguous outputs: x[r][k][j] (k reduced, stride ks; j the last kept dim,
 * contiguous in x and in out; r the other kept dim, strides xr / orr), as pooling's (planes, K, L)
 * windows give. Four outputs per SIMD vector, each reduced over k in order: the same values as the
 * reference (float32 sums accumulate in float64 and round once; NaN wins, the first NaN's index
 * for arg*; ties keep the first).
 */
static void reduce_lanes_f32(int32_t op, const float *x, int32_t K, int32_t ks, char *o, int32_t n) {
  const int arg = op == R_ARGMAX || op == R_ARGMIN, want_max = op == R_MAX || op == R_ARGMAX;
  int32_t j = 0;
  if (op == R_SUM) {
    float *out = (float *)o;
    for (; j + 4 <= n; j += 4) {
      v128_t lo = wasm_f64x2_splat(0), hi = lo;
      for (int32_t k = 0; k < K; k++) {
        v128_t v = wasm_v128_load(x + (ptrdiff_t)k * ks + j);
        lo = wasm_f64x2_add(lo, wasm_f64x2_promote_low_f32x4(v));
        hi = wasm_f64x2_add(hi, wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(v, v, 2, 3, 0, 1)));
      }
      v128_t r = wasm_i32x4_shuffle(wasm_f32x4_demote_f64x2_zero(lo), wasm_f32x4_demote_f64x2_zero(hi), 0, 1, 4, 5);
      wasm_v128_store(out + j, r);
    }
    for (; j < n; j++) {
      double t = 0;
      for (int32_t k = 0; k < K; k++) t += x[(ptrdiff_t)k * ks + j];
      out[j] = (float)t;
    }
    return;
  }
  for (; j + 4 <= n; j += 4) {
    v128_t best = wasm_v128_load(x + j), bi = wasm_i32x4_splat(0);
    for (int32_t k = 1; k < K; k++) {
      v128_t v = wasm_v128_load(x + (ptrdiff_t)k * ks + j);
      v128_t better = want_max ? wasm_f32x4_gt(v, best) : wasm_f32x4_lt(v, best);
      v128_t take = wasm_v128_or(better, wasm_v128_andnot(wasm_f32x4_ne(v, v), wasm_f32x4_ne(best, best)));
      best = wasm_v128_bitselect(v, best, take);
      bi = wasm_v128_bitselect(wasm_i32x4_splat(k), bi, take);
    }
    if (arg) {
      wasm_v128_store((int64_t *)o + j, wasm_i64x2_extend_low_i32x4(bi));
      wasm_v128_store((int64_t *)o + j + 2, wasm_i64x2_extend_high_i32x4(bi));
    } else {
      wasm_v128_store((float *)o + j, best);
    }
  }
  for (; j < n; j++) {
    float best = x[j];
    int32_t bi = 0;
    for (int32_t k = 1; k < K; k++) {
      float v = x[(ptrdiff_t)k * ks + j];
      if ((want_max ? v > best : v < best) || (v != v && best == best)) { best = v; bi = k; }
    }
    if (arg) ((int64_t *)o)[j] = bi;
    else ((float *)o)[j] = best;
  }
}

static void reduce_lanes_f64(int32_t op, const double *x, int32_t K, int32_t ks, char *o, int32_t n) {
  const int arg = op == R_ARGMAX || op == R_ARGMIN, want_max = op == R_MAX || op == R_ARGMAX;
  int32_t j = 0;
  for (; j + 2 <= n; j += 2) {
    v128_t best = wasm_v128_load(x + j), bi = wasm_i64x2_splat(0);
    if (op == R_SUM) {
      for (int32_t k = 1; k < K; k++) best = wasm_f64x2_add(best, wasm_v128_load(x + (ptrdiff_t)k * ks + j));
      best = wasm_f64x2_add(wasm_f64x2_splat(0), best); /* as the reference: 0 + x0 + x1 + ... */
      wasm_v128_store((double *)o + j, best);
      continue;
    }
    for (int32_t k = 1; k < K; k++) {
      v128_t v = wasm_v128_load(x + (ptrdiff_t)k * ks + j);
      v128_t better = want_max ? wasm_f64x2_gt(v, best) : wasm_f64x2_lt(v, best);
      v128_t take = wasm_v128_or(better, wasm_v128_andnot(wasm_f64x2_ne(v, v), wasm_f64x2_ne(best, best)));
      best = wasm_v128_bitselect(v, best, take);
      bi = wasm_v128_bitselect(wasm_i64x2_splat(k), bi, take);
    }
    wasm_v128_store(arg ? (void *)((int64_t *)o + j) : (void *)((double *)o + j), arg ? bi : best);
  }
  for (; j < n; j++) {
    double best = x[j];
    int32_t bi = 0;
    for (int32_t k = 1; k < K; k++) {
      double v = x[(ptrdiff_t)k * ks + j];
      if (op == R_SUM) best += v;
      else if ((want_max ? v > best : v < best) || (v != v && best == best)) { best = v; bi = k; }
    }
    if (op == R_SUM) best = 0.0 + best;
    if (arg) ((int64_t *)o)[j] = bi;
    else ((double *)o)[j] = best;
  }
}

/* outputs [lo, hi) of the lanes layout: rows of `len` contiguous outputs */
static void reduce_lanes(const x_reduce_args *a, int32_t lo, int32_t hi) {
  const int32_t dt = a->dtype, op = a->op;
  const int32_t len = a->oshape[a->ndo - 1];
  const ptrdiff_t xr = a->ndo == 2 ? a->xo[0] : 0, orr = a->ndo == 2 ? a->os[0] : 0;
  const int32_t ex = x_dt_size[dt], eo = x_dt_size[out_dtype(op, dt)];
  for (int32_t o = lo; o < hi;) {
    const int32_t r = o / len, j = o % len, n = X_MIN(len - j, hi - o);
    const char *xp = (const char *)(uintptr_t)a->x + ((ptrdiff_t)r * xr + j) * ex;
    char *op_ = (char *)(uintptr_t)a->out + ((ptrdiff_t)r * orr + j) * eo;
    if (dt == DT_F32) reduce_lanes_f32(op, (const float *)xp, a->ishape[0], a->xi[0], op_, n);
    else reduce_lanes_f64(op, (const double *)xp, a->ishape[0], a->xi[0], op_, n);
    o += n;
  }
}

void x_k_reduce(const void *args, int32_t part, int32_t nparts) {
  const x_reduce_args *a = (const x_reduce_args *)args;
  const int32_t op = a->op, dt = a->dtype;
  if ((uint32_t)op >= R_COUNT || (uint32_t)dt >= DT_COUNT) return;
  const int32_t eo = x_dt_size[out_dtype(op, dt)], ex = x_dt_size[dt];
  rstate *scratch = (rstate *)(uintptr_t)a->scratch;

  if (a->flags == X_REDUCE_PARTIAL) { /* partial: this part's share of the (single) output's inner elements */
    rstate st;
    rstate_init(op, &st);
    int32_t lo = x_split(a->ninner, 64, part, nparts), hi = x_split(a->ninner, 64, part + 1, nparts);
    if (lo < hi) reduce_inner(a, (const char *)(uintptr_t)a->x, lo, hi, &st);
    scratch[part] = st;
    return;
  }
  if (a->flags == X_REDUCE_COMBINE) { /* combine the partial states */
    if (part != 0) return;
    rstate st = scratch[0];
    for (int32_t k = 1; k < a->i0; k++) rstate_merge(op, dt, &st, &scratch[k]);
    store_result(op, dt, (char *)(uintptr_t)a->out, &st);
    return;
  }

  int32_t lo = nparts > 1 ? x_split(a->nouter, 1, part, nparts) : 0;
  int32_t hi = nparts > 1 ? x_split(a->nouter, 1, part + 1, nparts) : a->nouter;
  if (lo >= hi) return;
  if (a->ndi == 1 && a->ninner > 1 && (a->ndo == 1 || a->ndo == 2) && a->xo[a->ndo - 1] == 1 && a->os[a->ndo - 1] == 1 &&
      (dt == DT_F32 || dt == DT_F64) && op <= R_ARGMIN && op != R_PROD) {
    reduce_lanes(a, lo, hi);
    return;
  }
  if (a->ndo == 1 && a->xo[0] == 1 && a->ninner > 1 && (dt == DT_F32 || dt == DT_F64) && (op == R_SUM || op == R_MAX || op == R_MIN)) {
    reduce_columns(a, lo, hi);
    return;
  }
  if (a->ndi <= 1 && a->ninner >= 1 && a->ninner <= 64 && (dt == DT_F32 || dt == DT_F64) &&
      (op == R_MAX || op == R_MIN || op == R_ARGMAX || op == R_ARGMIN)) {
    const int32_t s = a->ndi == 1 ? a->xi[0] : 0;
    if (dt == DT_F32) extreme_spans_f32(op, (const float *)(uintptr_t)a->x, a->ninner, s, a->ndo, a->oshape, a->xo, a->os, lo, hi, (char *)(uintptr_t)a->out);
    else extreme_spans_f64(op, (const double *)(uintptr_t)a->x, a->ninner, s, a->ndo, a->oshape, a->xo, a->os, lo, hi, (char *)(uintptr_t)a->out);
    return;
  }
  /* walk the outputs [lo, hi) */
  int32_t idx[X_MAXDIM];
  int32_t rem = lo;
  for (int32_t d = a->ndo - 1; d >= 0; d--) {
    idx[d] = rem % a->oshape[d];
    rem /= a->oshape[d];
  }
  ptrdiff_t xoff = 0, ooff = 0;
  for (int32_t d = 0; d < a->ndo; d++) {
    xoff += (ptrdiff_t)idx[d] * a->xo[d];
    ooff += (ptrdiff_t)idx[d] * a->os[d];
  }
  const char *x = (const char *)(uintptr_t)a->x;
  char *o = (char *)(uintptr_t)a->out;
  /* one (coalesced) inner dim: each output is one span, no row iterator needed (pooling windows) */
  const int one_span = a->ndi <= 1;
  const int32_t span_stride = a->ndi == 1 ? a->xi[0] : 0;
  for (int32_t k = lo; k < hi; k++) {
    rstate st;
    rstate_init(op, &st);
    if (one_span) span(op, dt, x + xoff * ex, a->ninner, span_stride, 0, &st);
    else reduce_inner(a, x + xoff * ex, 0, a->ninner, &st);
    store_result(op, dt, o + ooff * eo, &st);
    for (int32_t d = a->ndo - 1; d >= 0; d--) {
      xoff += a->xo[d];
      ooff += a->os[d];
      if (++idx[d] < a->oshape[d]) break;
      xoff -= (ptrdiff_t)a->oshape[d] * a->xo[d];
      ooff -= (ptrdiff_t)a->oshape[d] * a->os[d];
      idx[d] = 0;
    }
  }
}

/* ================================================================== scan */

/* x and out [other dims..., len along the scan dim] (other dims coalesced); parts split the rows */

typedef struct {
  int32_t op, dt, len, xd, od;
} scan_ctx;

#define SCAN_T(T, ACC, STORE)                                                           \
  static void scan_##T(const scan_ctx *c, int32_t n, T *o, const T *x, int32_t so, int32_t sx) { \
    const int32_t len = c->len, xd = c->xd, od = c->od;                                 \
    const int prod = c->op == S_CUMPROD;                                                     \
    if (so == 1 && sx == 1 && n > 1) {                                                  \
      ACC acc[CHUNK];                                                                   \
      for (int32_t j0 = 0; j0 < n; j0 += CHUNK) {                                       \
        int32_t m = X_MIN(CHUNK, n - j0);                                               \
        for (int32_t j = 0; j < m; j++) acc[j] = prod;                                  \
        for (int32_t k = 0; k < len; k++) {                                             \
          const T *xr = x + (ptrdiff_t)k * xd + j0;                                     \
          T *orow = o + (ptrdiff_t)k * od + j0;                                         \
          if (prod) for (int32_t j = 0; j < m; j++) { acc[j] = (ACC)(acc[j] * (ACC)xr[j]); orow[j] = STORE(acc[j]); } \
          else for (int32_t j = 0; j < m; j++) { acc[j] = (ACC)(acc[j] + (ACC)xr[j]); orow[j] = STORE(acc[j]); } \
        }                                                                               \
      }                                                                                 \
      return;                                                                           \
    }                                                                                   \
    for (int32_t j = 0; j < n; j++) {                                                   \
      const T *xr = x + (ptrdiff_t)j * sx;                                              \
      T *orow = o + (ptrdiff_t)j * so;                                                  \
      ACC acc = prod;                                                                   \
      for (int32_t k = 0; k < len; k++) {                                               \
        acc = prod ? (ACC)(acc * (ACC)xr[(ptrdiff_t)k * xd]) : (ACC)(acc + (ACC)xr[(ptrdiff_t)k * xd]); \
        orow[(ptrdiff_t)k * od] = STORE(acc);                                           \
      }                                                                                 \
    }                                                                                   \
  }
#define ST_FLOAT(v) ((float)(v))
#define ST_DOUBLE(v) (v)
#define ST_I32(v) ((int32_t)(uint32_t)(v))
#define ST_I64(v) ((int64_t)(v))
#define ST_U8(v) ((uint8_t)(v))
SCAN_T(float, double, ST_FLOAT)
SCAN_T(double, double, ST_DOUBLE)
SCAN_T(int32_t, uint64_t, ST_I32)
SCAN_T(int64_t, uint64_t, ST_I64)
SCAN_T(uint8_t, uint64_t, ST_U8)

static void scan_bool(const scan_ctx *c, int32_t n, uint8_t *o, const uint8_t *x, int32_t so, int32_t sx) {
  for (int32_t j = 0; j < n; j++) {
    uint64_t acc = c->op == S_CUMPROD;
    for (int32_t k = 0; k < c->len; k++) {
      uint64_t v = x[(ptrdiff_t)j * sx + (ptrdiff_t)k * c->xd];
      acc = c->op == S_CUMPROD ? acc * v : acc + v;
      o[(ptrdiff_t)j * so + (ptrdiff_t)k * c->od] = acc != 0;
    }
  }
}

static void scan_row(int32_t n, char **p, const int32_t *s, const void *ctx) {
  const scan_ctx *c = (const scan_ctx *)ctx;
  switch (c->dt) {
    case DT_F32: scan_float(c, n, (float *)p[0], (const float *)p[1], s[0], s[1]); break;
    case DT_F64: scan_double(c, n, (double *)p[0], (const double *)p[1], s[0], s[1]); break;
    case DT_I32: scan_int32_t(c, n, (int32_t *)p[0], (const int32_t *)p[1], s[0], s[1]); break;
    case DT_I64: scan_int64_t(c, n, (int64_t *)p[0], (const int64_t *)p[1], s[0], s[1]); break;
    case DT_U8: scan_uint8_t(c, n, (uint8_t *)p[0], (const uint8_t *)p[1], s[0], s[1]); break;
    default: scan_bool(c, n, (uint8_t *)p[0], (const uint8_t *)p[1], s[0], s[1]); break;
  }
}

void x_k_scan(const void *args, int32_t part, int32_t nparts) {
  const x_scan_args *a = (const x_scan_args *)args;
  if ((uint32_t)a->dtype >= DT_COUNT || a->dtype == DT_F16 || a->dtype == DT_BF16) return;
  scan_ctx c = { a->op, a->dtype, a->len, a->xd, a->od };
  int32_t lo = nparts > 1 ? x_split(a->nrows, 1, part, nparts) : 0;
  int32_t hi = nparts > 1 ? x_split(a->nrows, 1, part + 1, nparts) : a->nrows;
  char *base[2] = { (char *)(uintptr_t)a->o[0].ptr, (char *)(uintptr_t)a->o[1].ptr };
  const int32_t *stv[2] = { a->o[0].st, a->o[1].st };
  int32_t es = x_dt_size[a->dtype];
  int32_t esz[2] = { es, es };
  x_iterate(a->ndim, a->shape, lo, hi, 2, base, stv, esz, scan_row, &c);
}
