/*
 * gather / scatter along one dim with int64 indices in [0, size) (the op layer wraps negative ones).
 * Semantics: ReferenceBackend.gather / .scatter. An index outside [0, size) is reported in the
 * argument block (the first one in row-major order of each part) and the TypeScript side
 * raises `index J is out of bounds for dimension D with size S`. scatter checks every index
 * before it writes anything.
 */
#include "kernels.h"
#include "ew.h"

/*
 * Iteration space: the index tensor's shape (not coalesced).
 * gather:  o[0] = out, o[1] = index, o[2] = x with st[dim] = 0; sdim = x's stride along dim
 * scatter: o[0] = dst with st[dim] = 0, o[1] = index, o[2] = src; sdim = dst's stride along dim
 * dtype = dtype of x / out (gather) or dst (scatter); sdtype = src dtype (scatter)
 * reduce (scatter): 0 = none, 1 = add
 */

typedef struct {
  int32_t size, sdim, es;
  int32_t *bad;
  int64_t *bad_val;
  int32_t dtype, sdtype, reduce;
} ix_ctx;

X_INLINE int ix_fix(const ix_ctx *c, int64_t j, int64_t *out) {
  if (j < 0 || j >= c->size) {
    if (!*c->bad) {
      *c->bad = 1;
      *c->bad_val = j;
    }
    return 0;
  }
  *out = j;
  return 1;
}

#define GATHER_ROW(NAME, T)                                                             \
  static void NAME(int32_t n, char **p, const int32_t *s, const void *ctx) {            \
    const ix_ctx *c = (const ix_ctx *)ctx;                                              \
    T *o = (T *)p[0];                                                                   \
    const int64_t *ix = (const int64_t *)p[1];                                          \
    const T *x = (const T *)p[2];                                                       \
    for (int32_t i = 0; i < n; i++) {                                                   \
      int64_t j;                                                                        \
      if (!ix_fix(c, ix[(ptrdiff_t)i * s[1]], &j)) continue;                            \
      o[(ptrdiff_t)i * s[0]] = x[(ptrdiff_t)i * s[2] + (ptrdiff_t)j * c->sdim];         \
    }                                                                                   \
  }
GATHER_ROW(gather_1, uint8_t)
GATHER_ROW(gather_2, uint16_t)
GATHER_ROW(gather_4, uint32_t)
GATHER_ROW(gather_8, uint64_t)

void x_k_gather(const void *args, int32_t part, int32_t nparts) {
  x_index_args *a = (x_index_args *)(uintptr_t)args;
  if ((uint32_t)a->dtype >= DT_COUNT || part >= X_INDEX_MAXPARTS) return;
  int32_t es = x_dt_size[a->dtype];
  a->bad[part] = 0;
  ix_ctx c = { a->size, a->sdim, es, &a->bad[part], &a->bad_val[part], a->dtype, a->dtype, 0 };
  x_row_fn fn = es == 1 ? gather_1 : es == 2 ? gather_2 : es == 4 ? gather_4 : gather_8;
  char *base[3] = { (char *)(uintptr_t)a->o[0].ptr, (char *)(uintptr_t)a->o[1].ptr, (char *)(uintptr_t)a->o[2].ptr };
  const int32_t *stv[3] = { a->o[0].st, a->o[1].st, a->o[2].st };
  int32_t esz[3] = { es, 8, es };
  int32_t lo = nparts > 1 ? x_split(a->n, 64, part, nparts) : 0;
  int32_t hi = nparts > 1 ? x_split(a->n, 64, part + 1, nparts) : a->n;
  x_iterate(a->ndim, a->shape, lo, hi, 3, base, stv, esz, fn, &c);
}

static void check_row(int32_t n, char **p, const int32_t *s, const void *ctx) {
  const ix_ctx *c = (const ix_ctx *)ctx;
  const int64_t *ix = (const int64_t *)p[0];
  for (int32_t i = 0; i < n && !*c->bad; i++) {
    int64_t j;
    ix_fix(c, ix[(ptrdiff_t)i * s[0]], &j);
  }
}

#define SCATTER_ROW(NAME, T, EXPR)                                                      \
  static void NAME(int32_t n, char **p, const int32_t *s, const void *ctx) {            \
    const ix_ctx *c = (const ix_ctx *)ctx;                                              \
    T *d = (T *)p[0];                                                                   \
    const int64_t *ix = (const int64_t *)p[1];                                          \
    const T *src = (const T *)p[2];                                                     \
    for (int32_t i = 0; i < n; i++) {                                                   \
      int64_t j;                                                                        \
      if (!ix_fix(c, ix[(ptrdiff_t)i * s[1]], &j)) continue;                            \
      T *q = d + (ptrdiff_t)i * s[0] + (ptrdiff_t)j * c->sdim;                          \
      T v = src[(ptrdiff_t)i * s[2]];                                                   \
      *q = EXPR;                                                                        \
    }                                                                                   \
  }
SCATTER_ROW(scatter_1, uint8_t, v)
SCATTER_ROW(scatter_2, uint16_t, v)
SCATTER_ROW(scatter_4, uint32_t, v)
SCATTER_ROW(scatter_8, uint64_t, v)
SCATTER_ROW(scatter_add_f32, float, *q + v)
SCATTER_ROW(scatter_add_f64, double, *q + v)
SCATTER_ROW(scatter_add_i32, uint32_t, *q + v)
SCATTER_ROW(scatter_add_i64, uint64_t, *q + v)
SCATTER_ROW(scatter_add_u8, uint8_t, (uint8_t)(*q + v))

/* any dtype pair: through float64 as the reference (cur + value, stored with storeOne) */
static void scatter_generic(int32_t n, char **p, const int32_t *s, const void *ctx) {
  const ix_ctx *c = (const ix_ctx *)ctx;
  const int32_t ed = x_dt_size[c->dtype], esrc = x_dt_size[c->sdtype];
  const int64_t *ix = (const int64_t *)p[1];
  for (int32_t i = 0; i < n; i++) {
    int64_t j;
    if (!ix_fix(c, ix[(ptrdiff_t)i * s[1]], &j)) continue;
    char *q = p[0] + ((ptrdiff_t)i * s[0] + (ptrdiff_t)j * c->sdim) * ed;
    double v = x_ld(c->sdtype, p[2] + (ptrdiff_t)i * s[2] * esrc);
    double cur = c->reduce ? x_ld(c->dtype, q) : 0.0;
    x_st(c->dtype, q, cur + v);
  }
}

/* single part (writes may collide: later elements win, adds accumulate in order) */
void x_k_scatter(const void *args, int32_t part, int32_t nparts) {
  x_index_args *a = (x_index_args *)(uintptr_t)args;
  if (part != 0 || (uint32_t)a->dtype >= DT_COUNT || (uint32_t)a->sdtype >= DT_COUNT) return;
  int32_t es = x_dt_size[a->dtype];
  a->bad[0] = 0;
  ix_ctx c = { a->size, a->sdim, es, &a->bad[0], &a->bad_val[0], a->dtype, a->sdtype, a->reduce };
  /* check every index first */
  {
    char *base[1] = { (char *)(uintptr_t)a->o[1].ptr };
    const int32_t *stv[1] = { a->o[1].st };
    int32_t esz[1] = { 8 };
    x_iterate(a->ndim, a->shape, 0, a->n, 1, base, stv, esz, check_row, &c);
    if (a->bad[0]) return;
  }
  x_row_fn fn = scatter_generic;
  if (a->dtype == a->sdtype) {
    if (!a->reduce) fn = es == 1 ? scatter_1 : es == 2 ? scatter_2 : es == 4 ? scatter_4 : scatter_8;
    else if (a->dtype == DT_F32) fn = scatter_add_f32;
    else if (a->dtype == DT_F64) fn = scatter_add_f64;
    else if (a->dtype == DT_I32) fn = scatter_add_i32;
    else if (a->dtype == DT_I64) fn = scatter_add_i64;
    else if (a->dtype == DT_U8) fn = scatter_add_u8;
  }
  char *base[3] = { (char *)(uintptr_t)a->o[0].ptr, (char *)(uintptr_t)a->o[1].ptr, (char *)(uintptr_t)a->o[2].ptr };
  const int32_t *stv[3] = { a->o[0].st, a->o[1].st, a->o[2].st };
  int32_t esz[3] = { es, 8, x_dt_size[a->sdtype] };
  x_iterate(a->ndim, a->shape, 0, a->n, 3, base, stv, esz, fn, &c);
}
