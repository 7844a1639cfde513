/*
 * Stable sort along the last dim, writing values and int64 indices. Semantics:
 * ReferenceBackend.sort: ascending or descending, equal keys keep their order, NaN sorts above
 * +inf (so first when descending), -0 and +0 are equal.
 *
 * Each value is mapped to an unsigned 64-bit key whose integer order is the sort order (descending
 * complements the key), then (key, position) records are merge-sorted; values are copied from x
 * by position, so their bits (NaN payloads, -0) are kept.
 */
#include "kernels.h"
#include "ew.h"

/*
 * Rows: the row dims (all but the last, coalesced) of shape[0 .. ndim).
 * o[0] = values, o[1] = indices (int64), o[2] = x (row strides); vl / il / xl = strides along
 * the last dim. scratch: 32 * len bytes per part, 16-aligned.
 */

typedef struct {
  uint64_t k;
  uint32_t i, pad;
} rec;

#define RUN 16

/* sorts n records stably; a and b are n-record buffers; returns the sorted one */
static rec *sort_recs(rec *a, rec *b, int32_t n) {
  for (int32_t s = 0; s < n; s += RUN) {
    int32_t e = X_MIN(n, s + RUN);
    for (int32_t i = s + 1; i < e; i++) {
      rec r = a[i];
      int32_t j = i - 1;
      while (j >= s && a[j].k > r.k) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = r;
    }
  }
  rec *src = a, *dst = b;
  for (int32_t w = RUN; w < n; w *= 2) {
    for (int32_t lo = 0; lo < n; lo += 2 * w) {
      int32_t mid = X_MIN(lo + w, n), hi = X_MIN(lo + 2 * w, n);
      int32_t i = lo, j = mid, k = lo;
      if (mid >= hi || src[mid - 1].k <= src[mid].k) { /* already in order */
        for (; i < hi; i++) dst[i] = src[i];
        continue;
      }
      while (i < mid && j < hi) dst[k++] = src[j].k < src[i].k ? src[j++] : src[i++];
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    rec *t = src;
    src = dst;
    dst = t;
  }
  return src;
}

X_INLINE uint64_t key_f32(float x) {
  if (x != x) return 0xffffffffull;
  uint32_t u = x_asu32(x);
  if (u == 0x80000000u) u = 0;
  return (u >> 31) ? (uint32_t)~u : (u | 0x80000000u);
}
X_INLINE uint64_t key_f64(double x) {
  if (x != x) return ~0ull;
  uint64_t u = x_asu64(x);
  if (u == 0x8000000000000000ull) u = 0;
  return (u >> 63) ? ~u : (u | 0x8000000000000000ull);
}

typedef struct {
  int32_t dt, desc, len, xl, vl, il, es;
  rec *a, *b;
} sort_ctx;

static void sort_one(const sort_ctx *c, char *vals, int64_t *idx, const char *x) {
  const int32_t len = c->len, xl = c->xl;
  rec *a = c->a;
  for (int32_t i = 0; i < len; i++) {
    const char *q = x + (ptrdiff_t)i * xl * c->es;
    uint64_t k;
    switch (c->dt) {
      case DT_F32: k = key_f32(*(const float *)q); break;
      case DT_F64: k = key_f64(*(const double *)q); break;
      case DT_I32: k = (uint32_t)*(const int32_t *)q ^ 0x80000000u; break;
      case DT_I64: k = (uint64_t)*(const int64_t *)q ^ 0x8000000000000000ull; break;
      case DT_F16: k = key_f32(x_f16_to_f32(*(const uint16_t *)q)); break;
      case DT_BF16: k = key_f32(x_bf16_to_f32(*(const uint16_t *)q)); break;
      default: k = *(const uint8_t *)q; break;
    }
    a[i].k = c->desc ? ~k : k;
    a[i].i = (uint32_t)i;
  }
  rec *r = sort_recs(a, c->b, len);
  for (int32_t i = 0; i < len; i++) {
    uint32_t j = r[i].i;
    idx[(ptrdiff_t)i * c->il] = j;
    const char *src = x + (ptrdiff_t)j * xl * c->es;
    char *dst = vals + (ptrdiff_t)i * c->vl * c->es;
    switch (c->es) {
      case 1: *(uint8_t *)dst = *(const uint8_t *)src; break;
      case 2: *(uint16_t *)dst = *(const uint16_t *)src; break;
      case 4: *(uint32_t *)dst = *(const uint32_t *)src; break;
      default: *(uint64_t *)dst = *(const uint64_t *)src; break;
    }
  }
}

static void sort_row(int32_t n, char **p, const int32_t *s, const void *ctx) {
  const sort_ctx *c = (const sort_ctx *)ctx;
  for (int32_t r = 0; r < n; r++)
    sort_one(c, p[0] + (ptrdiff_t)r * s[0] * c->es, (int64_t *)p[1] + (ptrdiff_t)r * s[1],
             p[2] + (ptrdiff_t)r * s[2] * c->es);
}

void x_k_sort(const void *args, int32_t part, int32_t nparts) {
  const x_sort_args *a = (const x_sort_args *)args;
  if ((uint32_t)a->dtype >= DT_COUNT || a->len <= 0) return;
  int32_t es = x_dt_size[a->dtype];
  rec *buf = (rec *)(uintptr_t)(a->scratch + (uint32_t)part * 32u * (uint32_t)a->len);
  sort_ctx c = { a->dtype, a->desc, a->len, a->xl, a->vl, a->il, es, buf, buf + a->len };
  int32_t lo = nparts > 1 ? x_split(a->nrows, 1, part, nparts) : 0;
  int32_t hi = nparts > 1 ? x_split(a->nrows, 1, part + 1, nparts) : a->nrows;
  char *base[3] = { (char *)(uintptr_t)a->o[0].ptr, (char *)(uintptr_t)a->o[1].ptr, (char *)(uintptr_t)a->o[2].ptr };
  const int32_t *stv[3] = { a->o[0].st, a->o[1].st, a->o[2].st };
  int32_t esz[3] = { es, 8, es };
  x_iterate(a->ndim, a->shape, lo, hi, 3, base, stv, esz, sort_row, &c);
}
