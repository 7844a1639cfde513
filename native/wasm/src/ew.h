/*
 * Shared definitions of the tensor kernels: dtype sizes and the row iterator that walks N-d strided
 * operands in row-major order, split into parts for threads.
 *
 * The TypeScript side coalesces dims before it writes an argument struct (adjacent dims that are
 * contiguous for every operand are merged, size-1 dims dropped), so the usual case is one
 * contiguous (stride 1) or broadcast (stride 0) row; row functions take fast paths for those.
 */
#ifndef X_EW_H
#define X_EW_H
#include "xmath.h"
#include "args.h"

/* bytes of an element of each dtype code */
static const int32_t x_dt_size[DT_COUNT] = { 4, 8, 2, 2, 4, 8, 1, 1 };

/* Row function: n elements; p[k] byte pointers; s[k] strides in elements of each operand. */
typedef void (*x_row_fn)(int32_t n, char **p, const int32_t *s, const void *ctx);

/*
 * Walks the elements [lo, hi) of the row-major index space of shape[0 .. ndim) and calls fn for
 * each run along the last dim. base[k] is operand k's first element, st[k] its strides, esz[k]
 * its element size.
 */
__attribute__((unused)) static void x_iterate(int32_t ndim, const int32_t *shape, int32_t lo, int32_t hi, int32_t nops, char **base,
                      const int32_t *const *st, const int32_t *esz, x_row_fn fn, const void *ctx) {
  if (lo >= hi) return;
  char *p[X_MAXOPS];
  int32_t s[X_MAXOPS];
  if (ndim <= 1) {
    for (int32_t k = 0; k < nops; k++) {
      s[k] = ndim ? st[k][0] : 0;
      p[k] = base[k] + (ptrdiff_t)lo * s[k] * esz[k];
    }
    fn(hi - lo, p, s, ctx);
    return;
  }
  int32_t idx[X_MAXDIM];
  int32_t rem = lo;
  for (int32_t d = ndim - 1; d >= 0; d--) {
    idx[d] = rem % shape[d];
    rem /= shape[d];
  }
  const int32_t last = ndim - 1;
  for (int32_t k = 0; k < nops; k++) {
    ptrdiff_t off = 0;
    for (int32_t d = 0; d < ndim; d++) off += (ptrdiff_t)idx[d] * st[k][d];
    p[k] = base[k] + off * esz[k];
    s[k] = st[k][last];
  }
  const int32_t inner = shape[last];
  int32_t cur = lo;
  for (;;) {
    int32_t cnt = inner - idx[last];
    if (cnt > hi - cur) cnt = hi - cur;
    fn(cnt, p, s, ctx);
    cur += cnt;
    if (cur >= hi) break;
    /* back to the start of the row, then carry into the outer dims */
    for (int32_t k = 0; k < nops; k++) p[k] -= (ptrdiff_t)idx[last] * s[k] * esz[k];
    idx[last] = 0;
    for (int32_t d = last - 1; d >= 0; d--) {
      for (int32_t k = 0; k < nops; k++) p[k] += (ptrdiff_t)st[k][d] * esz[k];
      if (++idx[d] < shape[d]) break;
      for (int32_t k = 0; k < nops; k++) p[k] -= (ptrdiff_t)shape[d] * st[k][d] * esz[k];
      idx[d] = 0;
    }
  }
}

/* Runs fn over this part's share of the elementwise arguments' index space. */
__attribute__((unused)) static void x_ew_run(const x_ew_args *a, int32_t nops, char **base, const int32_t *esz, x_row_fn fn, const void *ctx,
                     int32_t part, int32_t nparts) {
  int32_t lo = nparts > 1 ? x_split(a->n, 64, part, nparts) : 0;
  int32_t hi = nparts > 1 ? x_split(a->n, 64, part + 1, nparts) : a->n;
  const int32_t *st[X_MAXOPS];
  for (int32_t k = 0; k < nops; k++) st[k] = a->o[k].st;
  x_iterate(a->ndim, a->shape, lo, hi, nops, base, st, esz, fn, ctx);
}

/* ---- loads / stores through float64 (the generic paths) ---- */

X_INLINE double x_ld(int32_t dt, const char *p) {
  switch (dt) {
    case DT_F32: return *(const float *)p;
    case DT_F64: return *(const double *)p;
    case DT_F16: return x_f16_to_f32(*(const uint16_t *)p);
    case DT_BF16: return x_bf16_to_f32(*(const uint16_t *)p);
    case DT_I32: return *(const int32_t *)p;
    case DT_I64: return (double)*(const int64_t *)p;
    default: return *(const uint8_t *)p;
  }
}

X_INLINE void x_st(int32_t dt, char *p, double v) {
  switch (dt) {
    case DT_F32: *(float *)p = (float)v; break;
    case DT_F64: *(double *)p = v; break;
    case DT_F16: *(uint16_t *)p = x_d2f16(v); break;
    case DT_BF16: *(uint16_t *)p = x_d2bf16(v); break;
    case DT_I32: *(int32_t *)p = x_d2i32(v); break;
    case DT_I64: *(int64_t *)p = x_d2i64(v); break;
    case DT_U8: *(uint8_t *)p = x_d2u8(v); break;
    default: *(uint8_t *)p = x_d2bool(v); break;
  }
}

#endif
