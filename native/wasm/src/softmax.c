/*
 * Fused softmax / log-softmax over the contiguous last dim of a float32 / float64 input. It
 * reproduces the composed definition of packages/tensor/src/ops/softmax.ts step by step in the
 * same dtype: m = max(x); e = exp(x - m); s = sum(e) (accumulated in float64, rounded to the
 * dtype); softmax = e / s, log-softmax = (x - m) - log(s).
 */
#include "kernels.h"
#include "ew.h"


static float max_f32(const float *p, int32_t n) {
  float r = -X_INFF;
  int32_t i = 0;
  if (n >= 8) {
    v128_t a = wasm_f32x4_splat(r), b = a;
    for (; i + 8 <= n; i += 8) {
      a = wasm_f32x4_max(a, wasm_v128_load(p + i));
      b = wasm_f32x4_max(b, wasm_v128_load(p + i + 4));
    }
    a = wasm_f32x4_max(a, b);
    float t[4];
    wasm_v128_store(t, a);
    r = x_maxf(x_maxf(t[0], t[1]), x_maxf(t[2], t[3]));
  }
  for (; i < n; i++) r = x_maxf(r, p[i]);
  return r;
}

static void row_f32(const float *x, float *o, int32_t n, int log) {
  float m = max_f32(x, n);
  float s = (float)x_vexp_shift_sum_f32(x, o, n, m);
  if (log) {
    float ls = (float)x_log(s);
    for (int32_t i = 0; i < n; i++) o[i] = (x[i] - m) - ls;
  } else {
    for (int32_t i = 0; i < n; i++) o[i] = o[i] / s;
  }
}

static void row_f64(const double *x, double *o, int32_t n, int log) {
  double m = -X_INF;
  for (int32_t i = 0; i < n; i++) m = x_max(m, x[i]);
  double s = 0;
  for (int32_t i = 0; i < n; i++) {
    o[i] = x_exp(x[i] - m);
    s += o[i];
  }
  if (log) {
    double ls = x_log(s);
    for (int32_t i = 0; i < n; i++) o[i] = (x[i] - m) - ls;
  } else {
    for (int32_t i = 0; i < n; i++) o[i] = o[i] / s;
  }
}

void x_k_softmax(const void *args, int32_t part, int32_t nparts) {
  const x_softmax_args *a = (const x_softmax_args *)args;
  int32_t lo = nparts > 1 ? x_split(a->rows, 1, part, nparts) : 0;
  int32_t hi = nparts > 1 ? x_split(a->rows, 1, part + 1, nparts) : a->rows;
  for (int32_t r = lo; r < hi; r++) {
    if (a->dtype == DT_F32)
      row_f32((const float *)(uintptr_t)a->x + (ptrdiff_t)r * a->len, (float *)(uintptr_t)a->out + (ptrdiff_t)r * a->len, a->len, a->log);
    else if (a->dtype == DT_F64)
      row_f64((const double *)(uintptr_t)a->x + (ptrdiff_t)r * a->len, (double *)(uintptr_t)a->out + (ptrdiff_t)r * a->len, a->len, a->log);
  }
}
