/*
 * im2col / col2im: the sliding-window layout convolution and pooling are built on (PyTorch's
 * F.unfold / F.fold). Semantics: packages/tensor/src/reference/im2col.ts.
 *
 * Geometry (one or two spatial dims; a 1-D one arrives as H = OH = kh = 1): the image is
 * (N, C, H, W), the columns (N, C*kh*kw, OH*OW); column row c*K + ki*kw + kj, column oh*OW + ow
 * reads image position (oh*sh - ph + ki*dh, ow*sw - pw + kj*dw), padding outside the image.
 * Every operand has arbitrary strides (elements). Work is split by (part, nparts) over the N*C
 * planes, which write disjoint parts of the output in both directions.
 *
 * im2col copies elements of any dtype by size (the pad value is converted once); col2im sums in
 * float32 / float64. Fast paths: column rows contiguous (stride 1 along L) with a stride-1
 * window row is a clipped block copy / add (vectorized); windows contiguous (stride 1 along the
 * rows, pooling's layout) walk each window's kernel offsets innermost.
 */
#include "kernels.h"
#include "ew.h"


/* The planes [lo, hi) of this part. */
X_INLINE void plane_range(const x_im2col_args *a, int32_t part, int32_t nparts, int32_t *lo, int32_t *hi) {
  int32_t n = a->N * a->C;
  *lo = nparts > 1 ? x_split(n, 1, part, nparts) : 0;
  *hi = nparts > 1 ? x_split(n, 1, part + 1, nparts) : n;
}

/*
 * Plane p as (n, c). When the columns of consecutive images lie next to each other (the 'KNL'
 * layout convolution uses: cs_n < cs_r), planes are walked channel-major, so that for each kernel
 * offset the rows of consecutive planes are consecutive in memory (a few sequential streams
 * instead of jumps of N * L elements).
 */
X_INLINE void plane_at(const x_im2col_args *a, int32_t p, int32_t *n, int32_t *c) {
  if (a->cs_n < a->cs_r) {
    *c = p / a->N;
    *n = p % a->N;
  } else {
    *n = p / a->C;
    *c = p % a->C;
  }
}

/* The output positions [lo, hi) of one dim whose window offset `off` (= k*d - p) lands in [0, size). */
X_INLINE void valid_range(int32_t out, int32_t stride, int32_t off, int32_t size, int32_t *lo, int32_t *hi) {
  /* o*stride + off >= 0  <=>  o >= ceil(-off / stride) */
  int32_t l = off >= 0 ? 0 : (-off + stride - 1) / stride;
  /* o*stride + off <= size - 1  <=>  o <= floor((size - 1 - off) / stride) */
  int32_t h = size - 1 - off < 0 ? 0 : (size - 1 - off) / stride + 1;
  if (l > out) l = out;
  if (h > out) h = out;
  if (h < l) h = l;
  *lo = l;
  *hi = h;
}

/* n contiguous elements of `esz` bytes from s to d, 16 bytes at a time (rows are short: OW elements). */
X_INLINE void copy_run(char *restrict d, const char *restrict s, int32_t bytes) {
  int32_t i = 0;
  for (; i + 16 <= bytes; i += 16) wasm_v128_store(d + i, wasm_v128_load(s + i));
  for (; i + 4 <= bytes; i += 4) *(uint32_t *)(d + i) = *(const uint32_t *)(s + i);
  for (; i < bytes; i++) d[i] = s[i];
}

X_INLINE void add_run_f32(float *restrict d, const float *restrict s, int32_t n) {
  int32_t i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(d + i, wasm_f32x4_add(wasm_v128_load(d + i), wasm_v128_load(s + i)));
  for (; i < n; i++) d[i] += s[i];
}

X_INLINE void add_run_f64(double *restrict d, const double *restrict s, int32_t n) {
  int32_t i = 0;
  for (; i + 2 <= n; i += 2) wasm_v128_store(d + i, wasm_f64x2_add(wasm_v128_load(d + i), wasm_v128_load(s + i)));
  for (; i < n; i++) d[i] += s[i];
}

/* ---------------------------------------------------------------- im2col, by element size */

/*
 * One plane's rows for kernel offset (ki, kj): rows [0, hlo) and [hhi, OH) read only padding, as do
 * columns [0, wlo) and [whi, OW) of the others; the rest is a strided 2-D block of the image.
 */
typedef struct {
  int32_t hlo, hhi, wlo, whi;
  ptrdiff_t src; /* element offset of the first valid source element in the plane */
} window_span;

X_INLINE window_span span_of(const x_im2col_args *a, int32_t ki, int32_t kj) {
  window_span w;
  const int32_t hoff = ki * a->dh - a->ph, woff = kj * a->dw - a->pw;
  valid_range(a->OH, a->sh, hoff, a->H, &w.hlo, &w.hhi);
  valid_range(a->OW, a->sw, woff, a->W, &w.wlo, &w.whi);
  w.src = (ptrdiff_t)(w.hlo * a->sh + hoff) * a->is_h + (ptrdiff_t)(w.wlo * a->sw + woff) * a->is_w;
  return w;
}

#define IM2COL(NAME, T)                                                                                     \
  /* rows (ki, kj) of one plane: src is the plane's first element, drow the row's first column */         \
  X_INLINE void NAME##_rows(const x_im2col_args *a, const T *src, T *drow, window_span w, T pad) {          \
    const int32_t OW = a->OW, cl = a->cs_l;                                                                 \
    const ptrdiff_t hstep = (ptrdiff_t)a->sh * a->is_h, wstep = (ptrdiff_t)a->sw * a->is_w;                 \
    const T *s = src + w.src;                                                                               \
    for (int32_t oh = 0; oh < a->OH; oh++) {                                                                \
      T *d = drow + (ptrdiff_t)oh * OW * cl;                                                                \
      if (oh < w.hlo || oh >= w.hhi || w.wlo >= w.whi) {                                                    \
        for (int32_t ow = 0; ow < OW; ow++) d[(ptrdiff_t)ow * cl] = pad;                                    \
        continue;                                                                                           \
      }                                                                                                     \
      for (int32_t ow = 0; ow < w.wlo; ow++) d[(ptrdiff_t)ow * cl] = pad;                                   \
      if (cl == 1 && wstep == 1) {                                                                          \
        copy_run((char *)(d + w.wlo), (const char *)s, (w.whi - w.wlo) * (int32_t)sizeof(T));              \
      } else {                                                                                              \
        const T *ss = s;                                                                                    \
        for (int32_t ow = w.wlo; ow < w.whi; ow++, ss += wstep) d[(ptrdiff_t)ow * cl] = *ss;                \
      }                                                                                                     \
      for (int32_t ow = w.whi; ow < OW; ow++) d[(ptrdiff_t)ow * cl] = pad;                                  \
      s += hstep;                                                                                           \
    }                                                                                                       \
  }                                                                                                         \
  static void NAME(const x_im2col_args *a, int32_t part, int32_t nparts) {                                  \
    T pad;                                                                                                  \
    x_st(a->dtype, (char *)&pad, a->pad_value);                                                             \
    const int32_t K = a->kh * a->kw, OW = a->OW, cl = a->cs_l;                                              \
    const T *img = (const T *)(uintptr_t)a->img;                                                            \
    T *col = (T *)(uintptr_t)a->col;                                                                        \
    if (a->cs_n < a->cs_r) {                                                                                \
      /* 'KNL': each column row holds every image's windows; walk units (row, image) in memory order */   \
      const int32_t N = a->N, total = a->C * K * N;                                                         \
      int32_t u = nparts > 1 ? x_split(total, 1, part, nparts) : 0;                                         \
      const int32_t uend = nparts > 1 ? x_split(total, 1, part + 1, nparts) : total;                        \
      while (u < uend) {                                                                                    \
        const int32_t r = u / N, n0 = u % N;                                                                \
        const int32_t n1 = X_MIN(N, n0 + (uend - u));                                                      \
        const int32_t c = r / K, k = r % K;                                                                 \
        const window_span w = span_of(a, k / a->kw, k % a->kw);                                            \
        for (int32_t n = n0; n < n1; n++) {                                                                 \
          NAME##_rows(a, img + (ptrdiff_t)n * a->is_n + (ptrdiff_t)c * a->is_c,                             \
                      col + (ptrdiff_t)n * a->cs_n + (ptrdiff_t)r * a->cs_r, w, pad);                       \
        }                                                                                                   \
        u += n1 - n0;                                                                                       \
      }                                                                                                     \
      return;                                                                                               \
    }                                                                                                       \
    int32_t lo, hi;                                                                                         \
    plane_range(a, part, nparts, &lo, &hi);                                                                 \
    for (int32_t p = lo; p < hi; p++) {                                                                     \
      const int32_t n = p / a->C, c = p % a->C;                                                             \
      const T *src = img + (ptrdiff_t)n * a->is_n + (ptrdiff_t)c * a->is_c;                                 \
      T *dst = col + (ptrdiff_t)n * a->cs_n + (ptrdiff_t)c * K * a->cs_r;                                   \
      if (a->cs_r == 1 && cl != 1) {                                                                        \
        /* windows contiguous (pooling): each window's K values in a row */                                 \
        for (int32_t oh = 0; oh < a->OH; oh++) {                                                            \
          for (int32_t ow = 0; ow < OW; ow++) {                                                             \
            T *d = dst + (ptrdiff_t)(oh * OW + ow) * cl;                                                    \
            const int32_t h0 = oh * a->sh - a->ph, w0 = ow * a->sw - a->pw;                                 \
            for (int32_t ki = 0; ki < a->kh; ki++) {                                                        \
              const int32_t h = h0 + ki * a->dh;                                                            \
              const int hin = h >= 0 && h < a->H;                                                           \
              const T *row = src + (ptrdiff_t)h * a->is_h;                                                  \
              for (int32_t kj = 0; kj < a->kw; kj++) {                                                      \
                const int32_t w = w0 + kj * a->dw;                                                          \
                *d++ = hin && w >= 0 && w < a->W ? row[(ptrdiff_t)w * a->is_w] : pad;                       \
              }                                                                                             \
            }                                                                                               \
          }                                                                                                 \
        }                                                                                                   \
        continue;                                                                                           \
      }                                                                                                     \
      for (int32_t ki = 0; ki < a->kh; ki++) {                                                              \
        for (int32_t kj = 0; kj < a->kw; kj++) {                                                            \
          NAME##_rows(a, src, dst + (ptrdiff_t)(ki * a->kw + kj) * a->cs_r, span_of(a, ki, kj), pad);       \
        }                                                                                                   \
      }                                                                                                     \
    }                                                                                                       \
  }

IM2COL(im2col_1, uint8_t)
IM2COL(im2col_2, uint16_t)
IM2COL(im2col_4, uint32_t)
IM2COL(im2col_8, uint64_t)

void x_k_im2col(const void *args, int32_t part, int32_t nparts) {
  const x_im2col_args *a = (const x_im2col_args *)args;
  if ((uint32_t)a->dtype >= DT_COUNT) return;
  switch (x_dt_size[a->dtype]) {
    case 1: im2col_1(a, part, nparts); break;
    case 2: im2col_2(a, part, nparts); break;
    case 4: im2col_4(a, part, nparts); break; /* float32 and int32: bits copied, the pad value stored by x_st */
    default: im2col_8(a, part, nparts); break;
  }
}

/* ---------------------------------------------------------------- col2im (float32 / float64) */

#define COL2IM(NAME, T, ADD_RUN)                                                                            \
  /* adds the rows (ki, kj) of one plane's columns (srow: the row's first column) into the plane */       \
  X_INLINE void NAME##_rows(const x_im2col_args *a, const T *srow, T *dst, window_span w) {                 \
    if (w.wlo >= w.whi) return;                                                                             \
    const int32_t OW = a->OW, cl = a->cs_l, len = w.whi - w.wlo;                                            \
    const ptrdiff_t hstep = (ptrdiff_t)a->sh * a->is_h, wstep = (ptrdiff_t)a->sw * a->is_w;                 \
    const T *s = srow + ((ptrdiff_t)w.hlo * OW + w.wlo) * cl;                                               \
    T *d = dst + w.src;                                                                                     \
    if (cl == 1 && wstep == 1) {                                                                            \
      for (int32_t oh = w.hlo; oh < w.hhi; oh++, s += OW, d += hstep) ADD_RUN(d, s, len);                   \
    } else {                                                                                                \
      for (int32_t oh = w.hlo; oh < w.hhi; oh++, s += (ptrdiff_t)OW * cl, d += hstep) {                     \
        for (int32_t i = 0; i < len; i++) d[(ptrdiff_t)i * wstep] += s[(ptrdiff_t)i * cl];                  \
      }                                                                                                     \
    }                                                                                                       \
  }                                                                                                         \
  X_INLINE void NAME##_zero(const x_im2col_args *a, T *dst) {                                               \
    for (int32_t h = 0; h < a->H; h++) {                                                                    \
      T *row = dst + (ptrdiff_t)h * a->is_h;                                                                \
      for (int32_t w = 0; w < a->W; w++) row[(ptrdiff_t)w * a->is_w] = 0;                                  \
    }                                                                                                       \
  }                                                                                                         \
  static void NAME(const x_im2col_args *a, int32_t part, int32_t nparts) {                                  \
    const int32_t K = a->kh * a->kw, OW = a->OW, cl = a->cs_l;                                              \
    T *img = (T *)(uintptr_t)a->img;                                                                        \
    const T *col = (const T *)(uintptr_t)a->col;                                                            \
    if (a->cs_n < a->cs_r && a->C >= 2 * nparts) {                                                          \
      /* 'KNL': channel by channel, each column row read once in memory order (a part owns whole */       \
      /* channels, so no other part writes its planes) */                                                   \
      const int32_t c0 = nparts > 1 ? x_split(a->C, 1, part, nparts) : 0;                                   \
      const int32_t c1 = nparts > 1 ? x_split(a->C, 1, part + 1, nparts) : a->C;                            \
      for (int32_t c = c0; c < c1; c++) {                                                                   \
        for (int32_t n = 0; n < a->N; n++) NAME##_zero(a, img + (ptrdiff_t)n * a->is_n + (ptrdiff_t)c * a->is_c); \
        for (int32_t k = 0; k < K; k++) {                                                                   \
          const window_span w = span_of(a, k / a->kw, k % a->kw);                                          \
          const T *srow = col + (ptrdiff_t)(c * K + k) * a->cs_r;                                           \
          for (int32_t n = 0; n < a->N; n++) {                                                              \
            NAME##_rows(a, srow + (ptrdiff_t)n * a->cs_n, img + (ptrdiff_t)n * a->is_n + (ptrdiff_t)c * a->is_c, w); \
          }                                                                                                 \
        }                                                                                                   \
      }                                                                                                     \
      return;                                                                                               \
    }                                                                                                       \
    int32_t lo, hi;                                                                                         \
    plane_range(a, part, nparts, &lo, &hi);                                                                 \
    for (int32_t p = lo; p < hi; p++) {                                                                     \
      int32_t n, c;                                                                                         \
      plane_at(a, p, &n, &c);                                                                               \
      T *dst = img + (ptrdiff_t)n * a->is_n + (ptrdiff_t)c * a->is_c;                                       \
      const T *src = col + (ptrdiff_t)n * a->cs_n + (ptrdiff_t)c * K * a->cs_r;                             \
      NAME##_zero(a, dst);                                                                                  \
      if (a->cs_r == 1 && cl != 1) {                                                                        \
        /* windows contiguous (pooling's layout) */                                                         \
        for (int32_t oh = 0; oh < a->OH; oh++) {                                                            \
          for (int32_t ow = 0; ow < OW; ow++) {                                                             \
            const T *s = src + (ptrdiff_t)(oh * OW + ow) * cl;                                              \
            const int32_t h0 = oh * a->sh - a->ph, w0 = ow * a->sw - a->pw;                                 \
            for (int32_t ki = 0; ki < a->kh; ki++) {                                                        \
              const int32_t h = h0 + ki * a->dh;                                                            \
              if (h < 0 || h >= a->H) { s += a->kw; continue; }                                             \
              T *row = dst + (ptrdiff_t)h * a->is_h;                                                        \
              for (int32_t kj = 0; kj < a->kw; kj++, s++) {                                                 \
                const int32_t w = w0 + kj * a->dw;                                                          \
                if (w >= 0 && w < a->W) row[(ptrdiff_t)w * a->is_w] += *s;                                  \
              }                                                                                             \
            }                                                                                               \
          }                                                                                                 \
        }                                                                                                   \
        continue;                                                                                           \
      }                                                                                                     \
      for (int32_t ki = 0; ki < a->kh; ki++) {                                                              \
        for (int32_t kj = 0; kj < a->kw; kj++) {                                                            \
          NAME##_rows(a, src + (ptrdiff_t)(ki * a->kw + kj) * a->cs_r, dst, span_of(a, ki, kj));            \
        }                                                                                                   \
      }                                                                                                     \
    }                                                                                                       \
  }

COL2IM(col2im_f32, float, add_run_f32)
COL2IM(col2im_f64, double, add_run_f64)

void x_k_col2im(const void *args, int32_t part, int32_t nparts) {
  const x_im2col_args *a = (const x_im2col_args *)args;
  if (a->dtype == DT_F32) col2im_f32(a, part, nparts);
  else if (a->dtype == DT_F64) col2im_f64(a, part, nparts);
}
