/*
 * Random fills from the counter-based Philox 4x32-10 generator, bit-exact with
 * packages/tensor/src/random/philox.ts: element i uses the block for counter (offset + i) under
 * key (seedLo, seedHi); the value is computed in float64 and rounded once to the output dtype.
 */
#include "kernels.h"
#include "ew.h"
#include "xtables.h"

/* kind: 0 uniform(a, b), 1 normal(mean a, std b), 2 randint [a, b); o[0] = out (any dtype) */
typedef struct {
  int32_t kind, dtype, ndim, n;                  /* 0 */
  uint32_t seed_lo, seed_hi, off_lo, off_hi;     /* 16 */
  double a, b;                                   /* 32 */
  int32_t shape[X_MAXDIM];                       /* 48 */
  x_opnd o[1];                                   /* 112 */
  int32_t pad;                                   /* 180 */
} x_random_args;
_Static_assert(sizeof(x_random_args) == 184, "x_random_args layout");

X_INLINE void philox(uint64_t ctr, uint32_t k0, uint32_t k1, uint32_t *w0, uint32_t *w1) {
  uint32_t c0 = (uint32_t)ctr, c1 = (uint32_t)(ctr >> 32), c2 = 0, c3 = 0;
  for (int r = 0; r < 10; r++) {
    uint64_t p0 = (uint64_t)0xd2511f53u * c0, p1 = (uint64_t)0xcd9e8d57u * c2;
    uint32_t n0 = (uint32_t)(p1 >> 32) ^ c1 ^ k0;
    uint32_t n2 = (uint32_t)(p0 >> 32) ^ c3 ^ k1;
    c1 = (uint32_t)p1;
    c3 = (uint32_t)p0;
    c0 = n0;
    c2 = n2;
    k0 += 0x9e3779b9u;
    k1 += 0xbb67ae85u;
  }
  *w0 = c0;
  *w1 = c1;
}

typedef struct {
  const x_random_args *a;
  uint64_t pos; /* counter of the next element */
  int dbl;
} rnd_ctx;

static double rnd_value(const rnd_ctx *c, uint64_t ctr) {
  const x_random_args *a = c->a;
  uint32_t w0, w1;
  philox(ctr, a->seed_lo, a->seed_hi, &w0, &w1);
  switch (a->kind) {
    case 0: {
      double u = c->dbl ? ((double)(w0 >> 5) * 67108864.0 + (double)(w1 >> 6)) * 0x1p-53 : (double)(w0 >> 8) * 0x1p-24;
      return a->a + u * (a->b - a->a);
    }
    case 1: {
      double u1 = ((double)w0 + 1.0) * 0x1p-32;
      double u2 = (double)w1 * 0x1p-32;
      return a->a + a->b * x_sqrt(-2.0 * x_log(u1)) * x_cos(2.0 * X_PI_HI * u2);
    }
    default: {
      double r = a->b - a->a;
      if (r <= 4294967296.0) return a->a + (double)((uint64_t)w0 % (uint64_t)r);
      double u = ((double)(w0 >> 5) * 67108864.0 + (double)(w1 >> 6)) * 0x1p-53;
      return a->a + x_floor(u * r);
    }
  }
}

static void rnd_row(int32_t n, char **p, const int32_t *s, const void *ctx) {
  rnd_ctx *c = (rnd_ctx *)(uintptr_t)ctx;
  const int32_t dt = c->a->dtype;
  const int32_t es = x_dt_size[dt];
  if (dt == DT_F32 && s[0] == 1) {
    float *o = (float *)p[0];
    for (int32_t i = 0; i < n; i++) o[i] = (float)rnd_value(c, c->pos + (uint64_t)i);
  } else {
    for (int32_t i = 0; i < n; i++) x_st(dt, p[0] + (ptrdiff_t)i * s[0] * es, rnd_value(c, c->pos + (uint64_t)i));
  }
  c->pos += (uint64_t)n;
}

void x_k_random(const void *args, int32_t part, int32_t nparts) {
  const x_random_args *a = (const x_random_args *)args;
  if ((uint32_t)a->dtype >= DT_COUNT || (uint32_t)a->kind > 2) return;
  int32_t lo = nparts > 1 ? x_split(a->n, 64, part, nparts) : 0;
  int32_t hi = nparts > 1 ? x_split(a->n, 64, part + 1, nparts) : a->n;
  rnd_ctx c = { a, (((uint64_t)a->off_hi << 32) | a->off_lo) + (uint64_t)lo, a->dtype == DT_F64 };
  char *base[1] = { (char *)(uintptr_t)a->o[0].ptr };
  const int32_t *stv[1] = { a->o[0].st };
  int32_t esz[1] = { x_dt_size[a->dtype] };
  x_iterate(a->ndim, a->shape, lo, hi, 1, base, stv, esz, rnd_row, &c);
}
