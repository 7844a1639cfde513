/*
 * Batched, strided matrix multiply kernels.
 *
 * f32: GotoBLAS/BLIS-style blocked GEMM. B is packed into kc x 16 micro-panels (zero padded),
 * A is packed into kc x 2 micro-panels, and a 2x16 register-blocked micro-kernel (8 v128
 * accumulators, A broadcast from memory) does the work. V8 maps v128 locals to xmm registers
 * (15 allocatable on x64); 2x16 keeps the loop at 8 accumulators + 4 B + 2 A + 1 temp without
 * spills, which measured fastest among 2x16/4x8/3x12/4x12/5x8/6x8 (see native/wasm/README.md).
 * Special shapes: small N with long k -> dot products along k (gemm_dot_f32); M <= 2 with B rows
 * contiguous -> axpy over B rows (gemm_rows_f32). Threads split C by rows or columns (per batch
 * entry) with part_range().
 *
 * f64: the same blocked structure with a 2x8 f64x2 tile. i32 / i64: simple cache-blocked loops.
 */
#include "kernels.h"

/* ---------------------------------------------------------------- f32 blocking parameters */
#define MR 2
#define NR 16
#ifndef KC
#define KC 256
#endif
#ifndef MC
#define MC 128
#endif
#ifndef NC
#define NC 512
#endif

/* ------------------------------------------------------------------------ work splitting */

/* A part's share of the (batch x split-dimension) index space, rounded to multiples of g. */
static int64_t split_bound(int32_t batch, int32_t d, int32_t g, int32_t part, int32_t nparts) {
  int64_t total = (int64_t)batch * d;
  int64_t t = total * part / nparts;
  int64_t bi = t / d;
  int64_t i = t - bi * d;
  i = ((i + g / 2) / g) * g;
  if (i > d) i = d;
  return bi * d + i;
}

typedef struct {
  int32_t split_m;    /* 1: ranges are rows of C, 0: ranges are columns of C */
  int64_t lo, hi;     /* flattened (batch, row-or-col) range */
  int32_t d;          /* size of the split dimension */
} x_part_range;

static x_part_range part_range(const x_matmul_args *p, int32_t part, int32_t nparts,
                               int32_t mr, int32_t nr) {
  x_part_range r;
  int64_t um = (int64_t)p->batch * ((p->M + mr - 1) / mr);
  int64_t un = (int64_t)p->batch * ((p->N + nr - 1) / nr);
  r.split_m = (um >= un) || (um >= 4 * (int64_t)nparts);
  r.d = r.split_m ? p->M : p->N;
  int32_t g = r.split_m ? mr : nr;
  if (nparts <= 1) {
    r.lo = 0;
    r.hi = (int64_t)p->batch * r.d;
  } else {
    r.lo = split_bound(p->batch, r.d, g, part, nparts);
    r.hi = split_bound(p->batch, r.d, g, part + 1, nparts);
  }
  return r;
}

/* Calls fn(p, batch, m0, m1, n0, n1) for each batch slice in the part's range. */
#define FOR_EACH_BLOCK(p, r, BODY)                                                         \
  do {                                                                                     \
    int64_t t_ = (r).lo;                                                                   \
    while (t_ < (r).hi) {                                                                  \
      int32_t bi = (int32_t)(t_ / (r).d);                                                  \
      int32_t i0_ = (int32_t)(t_ - (int64_t)bi * (r).d);                                   \
      int64_t end_ = (int64_t)(bi + 1) * (r).d;                                            \
      if (end_ > (r).hi) end_ = (r).hi;                                                    \
      int32_t i1_ = (int32_t)(end_ - (int64_t)bi * (r).d);                                 \
      int32_t m0 = (r).split_m ? i0_ : 0, m1 = (r).split_m ? i1_ : (p)->M;                \
      int32_t n0 = (r).split_m ? 0 : i0_, n1 = (r).split_m ? (p)->N : i1_;                \
      BODY;                                                                                \
      t_ = end_;                                                                           \
    }                                                                                      \
  } while (0)

/* -------------------------------------------------------------------------- f32 kernels */

/* C[0..1][0..15] = alpha * sum_k a_r[k*as] * b[k*16 + j] + beta * C (beta == 0: C not read). */
static X_NOINLINE void uk_2x16(int32_t kc, const float *a0, const float *a1, int32_t as,
                              const float *b, float *c, int32_t ldc, float alpha, float beta) {
  v128_t c00 = wasm_f32x4_splat(0.f), c01 = c00, c02 = c00, c03 = c00;
  v128_t c10 = c00, c11 = c00, c12 = c00, c13 = c00;
  for (int32_t k = 0; k < kc; k++) {
    v128_t b0 = wasm_v128_load(b), b1 = wasm_v128_load(b + 4);
    v128_t b2 = wasm_v128_load(b + 8), b3 = wasm_v128_load(b + 12);
    v128_t x0 = wasm_v128_load32_splat(a0), x1 = wasm_v128_load32_splat(a1);
    c00 = X_MADD(c00, x0, b0);
    c01 = X_MADD(c01, x0, b1);
    c02 = X_MADD(c02, x0, b2);
    c03 = X_MADD(c03, x0, b3);
    c10 = X_MADD(c10, x1, b0);
    c11 = X_MADD(c11, x1, b1);
    c12 = X_MADD(c12, x1, b2);
    c13 = X_MADD(c13, x1, b3);
    a0 += as;
    a1 += as;
    b += 16;
  }
  v128_t va = wasm_f32x4_splat(alpha);
  float *d = c + ldc;
  if (beta == 0.f) {
    wasm_v128_store(c, wasm_f32x4_mul(c00, va));
    wasm_v128_store(c + 4, wasm_f32x4_mul(c01, va));
    wasm_v128_store(c + 8, wasm_f32x4_mul(c02, va));
    wasm_v128_store(c + 12, wasm_f32x4_mul(c03, va));
    wasm_v128_store(d, wasm_f32x4_mul(c10, va));
    wasm_v128_store(d + 4, wasm_f32x4_mul(c11, va));
    wasm_v128_store(d + 8, wasm_f32x4_mul(c12, va));
    wasm_v128_store(d + 12, wasm_f32x4_mul(c13, va));
  } else if (beta == 1.f) {
    wasm_v128_store(c, X_MADD(wasm_v128_load(c), c00, va));
    wasm_v128_store(c + 4, X_MADD(wasm_v128_load(c + 4), c01, va));
    wasm_v128_store(c + 8, X_MADD(wasm_v128_load(c + 8), c02, va));
    wasm_v128_store(c + 12, X_MADD(wasm_v128_load(c + 12), c03, va));
    wasm_v128_store(d, X_MADD(wasm_v128_load(d), c10, va));
    wasm_v128_store(d + 4, X_MADD(wasm_v128_load(d + 4), c11, va));
    wasm_v128_store(d + 8, X_MADD(wasm_v128_load(d + 8), c12, va));
    wasm_v128_store(d + 12, X_MADD(wasm_v128_load(d + 12), c13, va));
  } else {
    v128_t vb = wasm_f32x4_splat(beta);
#define UPD(p, acc) wasm_v128_store((p), X_MADD(wasm_f32x4_mul(wasm_v128_load(p), vb), (acc), va))
    UPD(c, c00); UPD(c + 4, c01); UPD(c + 8, c02); UPD(c + 12, c03);
    UPD(d, c10); UPD(d + 4, c11); UPD(d + 8, c12); UPD(d + 12, c13);
#undef UPD
  }
}

/* Pack B[0..kc)[0..nc) (strides rs, cs) into ceil(nc/16) zero-padded panels of kc x 16. */
static void pack_b_f32(int32_t kc, int32_t nc, const float *B, int32_t rs, int32_t cs, float *bp) {
  for (int32_t j0 = 0; j0 < nc; j0 += NR) {
    int32_t nr = X_MIN(NR, nc - j0);
    const float *src = B + (int64_t)j0 * cs;
    float *dst = bp + (int64_t)j0 * kc;
    if (nr == NR && cs == 1) {
      for (int32_t k = 0; k < kc; k++) {
        const float *s = src + (int64_t)k * rs;
        wasm_v128_store(dst, wasm_v128_load(s));
        wasm_v128_store(dst + 4, wasm_v128_load(s + 4));
        wasm_v128_store(dst + 8, wasm_v128_load(s + 8));
        wasm_v128_store(dst + 12, wasm_v128_load(s + 12));
        dst += NR;
      }
    } else if (rs == 1) {
      /* columns contiguous along k (e.g. a transposed view): read each column once */
      if (nr < NR) __builtin_memset(dst, 0, (size_t)kc * NR * sizeof(float));
      for (int32_t j = 0; j < nr; j++) {
        const float *s = src + (int64_t)j * cs;
        for (int32_t k = 0; k < kc; k++) dst[k * NR + j] = s[k];
      }
    } else {
      for (int32_t k = 0; k < kc; k++) {
        const float *s = src + (int64_t)k * rs;
        int32_t j = 0;
        for (; j < nr; j++) dst[j] = s[(int64_t)j * cs];
        for (; j < NR; j++) dst[j] = 0.f;
        dst += NR;
      }
    }
  }
}

/* Pack A[0..mc)[0..kc) (strides rs, cs) into ceil(mc/2) panels of kc x 2 (odd tail zero padded). */
static void pack_a_f32(int32_t mc, int32_t kc, const float *A, int32_t rs, int32_t cs, float *ap) {
  for (int32_t i0 = 0; i0 < mc; i0 += MR) {
    const float *s0 = A + (int64_t)i0 * rs;
    float *dst = ap + (int64_t)i0 * kc;
    if (i0 + 1 < mc) {
      const float *s1 = s0 + rs;
      if (cs == 1) {
        int32_t k = 0;
        for (; k + 4 <= kc; k += 4) {
          v128_t x = wasm_v128_load(s0 + k), y = wasm_v128_load(s1 + k);
          wasm_v128_store(dst + 2 * k, wasm_i32x4_shuffle(x, y, 0, 4, 1, 5));
          wasm_v128_store(dst + 2 * k + 4, wasm_i32x4_shuffle(x, y, 2, 6, 3, 7));
        }
        for (; k < kc; k++) {
          dst[2 * k] = s0[k];
          dst[2 * k + 1] = s1[k];
        }
      } else {
        for (int32_t k = 0; k < kc; k++) {
          dst[2 * k] = s0[(int64_t)k * cs];
          dst[2 * k + 1] = s1[(int64_t)k * cs];
        }
      }
    } else {
      for (int32_t k = 0; k < kc; k++) {
        dst[2 * k] = s0[(int64_t)k * cs];
        dst[2 * k + 1] = 0.f;
      }
    }
  }
}

/* C[i][j] = alpha * t[i][j] + beta * C[i][j] for a partial tile held in t (row stride 16). */
static void store_partial_f32(const float *t, int32_t mr, int32_t nr, float *c, int32_t ldc,
                              float alpha, float beta, int32_t ldt) {
  for (int32_t i = 0; i < mr; i++) {
    float *cr = c + (int64_t)i * ldc;
    const float *tr = t + i * ldt;
    if (beta == 0.f) {
      for (int32_t j = 0; j < nr; j++) cr[j] = alpha * tr[j];
    } else {
      for (int32_t j = 0; j < nr; j++) cr[j] = alpha * tr[j] + beta * cr[j];
    }
  }
}

static void scale_f32(int32_t m, int32_t n, float *C, int32_t ldc, float beta) {
  for (int32_t i = 0; i < m; i++) {
    float *cr = C + (int64_t)i * ldc;
    if (beta == 0.f) __builtin_memset(cr, 0, (size_t)n * sizeof(float));
    else for (int32_t j = 0; j < n; j++) cr[j] *= beta;
  }
}

/* Single (non-batched) block: C (m x n) = alpha * A (m x k) @ B (k x n) + beta * C. */
static void gemm_f32(int32_t m, int32_t n, int32_t k, const float *A, int32_t ars, int32_t acs,
                     const float *B, int32_t brs, int32_t bcs, float *C, int32_t ldc, float alpha,
                     float beta) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    scale_f32(m, n, C, ldc, beta);
    return;
  }
  /* Packing buffers live on this thread's stack (each thread has its own, see runtime). */
  float bp[KC * NC] __attribute__((aligned(16)));
  float ap[MC * KC] __attribute__((aligned(16)));
  float tile[MR * NR] __attribute__((aligned(16)));

  /* A is read in place when its rows are contiguous along k and there is a single A block per
   * B panel (no reuse to gain from packing); otherwise it is packed. */
  for (int32_t jc = 0; jc < n; jc += NC) {
    int32_t nc = X_MIN(NC, n - jc);
    for (int32_t pc = 0; pc < k; pc += KC) {
      int32_t kc = X_MIN(KC, k - pc);
      pack_b_f32(kc, nc, B + (int64_t)pc * brs + (int64_t)jc * bcs, brs, bcs, bp);
      float beta_eff = pc == 0 ? beta : 1.f;
      for (int32_t ic = 0; ic < m; ic += MC) {
        int32_t mc = X_MIN(MC, m - ic);
        const float *asrc = A + (int64_t)ic * ars + (int64_t)pc * acs;
        /* a0/a1: first element of the two A rows of a micro-panel; as: step along k. */
        int32_t a_inplace = acs == 1 && nc <= NR, as = MR, a_row = 1, a_panel = kc * MR;
        const float *abase = ap;
        if (a_inplace) {
          abase = asrc; as = 1; a_row = ars; a_panel = ars * MR;
        } else {
          pack_a_f32(mc, kc, asrc, ars, acs, ap);
        }
        for (int32_t jr = 0; jr < nc; jr += NR) {
          int32_t nr = X_MIN(NR, nc - jr);
          const float *bpanel = bp + (int64_t)jr * kc;
          float *cc = C + (int64_t)ic * ldc + jc + jr;
          for (int32_t ir = 0; ir < mc; ir += MR) {
            int32_t mr = X_MIN(MR, mc - ir);
            const float *a0 = abase + (int64_t)(ir / MR) * a_panel;
            const float *a1 = mr == MR ? a0 + a_row : a0;
            if (mr == MR && nr == NR) {
              uk_2x16(kc, a0, a1, as, bpanel, cc + (int64_t)ir * ldc, ldc, alpha, beta_eff);
            } else {
              uk_2x16(kc, a0, a1, as, bpanel, tile, NR, 1.f, 0.f);
              store_partial_f32(tile, mr, nr, cc + (int64_t)ir * ldc, ldc, alpha, beta_eff, NR);
            }
          }
        }
      }
    }
  }
}

/* ------------------------------------------------- f32 thin path: dot products along k
 * For small N (and for M <= 2 with B's columns contiguous, e.g. x @ W^T): C[i][j] is the dot
 * product of A's row i and B's column j, both contiguous along k, 4 k's per v128. A 2x4 tile
 * keeps 8 accumulators + 2 A + 4 B + 1 temp = 15 xmm registers live (TurboFan hoists all loads
 * of an iteration to its top, so a 2x5 tile spills), and wastes no lanes on N padding. */
#define DR 2
#define DC 4
#define DKC 4096 /* k block when B's columns must be packed */

X_INLINE float hsum_f32(v128_t v) {
  v = wasm_f32x4_add(v, wasm_i32x4_shuffle(v, v, 2, 3, 0, 1));
  v = wasm_f32x4_add(v, wasm_i32x4_shuffle(v, v, 1, 0, 3, 2));
  return wasm_f32x4_extract_lane(v, 0);
}

/* out[r*DC + c] = sum_{k<kc} a_r[k] * b_c[k] */
static X_NOINLINE void dot_2x4(int32_t kc, const float *a0, const float *a1, const float *b0,
                               const float *b1, const float *b2, const float *b3, float *out) {
  v128_t s00 = wasm_f32x4_splat(0.f), s01 = s00, s02 = s00, s03 = s00;
  v128_t s10 = s00, s11 = s00, s12 = s00, s13 = s00;
  int32_t k = 0;
  for (; k + 4 <= kc; k += 4) {
    v128_t x0 = wasm_v128_load(a0 + k), x1 = wasm_v128_load(a1 + k);
    v128_t y0 = wasm_v128_load(b0 + k), y1 = wasm_v128_load(b1 + k);
    v128_t y2 = wasm_v128_load(b2 + k), y3 = wasm_v128_load(b3 + k);
    s00 = X_MADD(s00, x0, y0); s01 = X_MADD(s01, x0, y1);
    s02 = X_MADD(s02, x0, y2); s03 = X_MADD(s03, x0, y3);
    s10 = X_MADD(s10, x1, y0); s11 = X_MADD(s11, x1, y1);
    s12 = X_MADD(s12, x1, y2); s13 = X_MADD(s13, x1, y3);
  }
  float t[DR * DC] = {0};
  for (; k < kc; k++) {
    float x0 = a0[k], x1 = a1[k];
    t[0] += x0 * b0[k]; t[1] += x0 * b1[k]; t[2] += x0 * b2[k]; t[3] += x0 * b3[k];
    t[4] += x1 * b0[k]; t[5] += x1 * b1[k]; t[6] += x1 * b2[k]; t[7] += x1 * b3[k];
  }
  out[0] = hsum_f32(s00) + t[0]; out[1] = hsum_f32(s01) + t[1];
  out[2] = hsum_f32(s02) + t[2]; out[3] = hsum_f32(s03) + t[3];
  out[4] = hsum_f32(s10) + t[4]; out[5] = hsum_f32(s11) + t[5];
  out[6] = hsum_f32(s12) + t[6]; out[7] = hsum_f32(s13) + t[7];
}

/* Matrix-vector (n == 1): out[r] = sum_k a_r[k] * b[k] for 4 rows; A is read once. */
static X_NOINLINE void dot_4x1(int32_t kc, const float *a0, const float *a1, const float *a2,
                               const float *a3, const float *b, float *out) {
  v128_t s0 = wasm_f32x4_splat(0.f), s1 = s0, s2 = s0, s3 = s0;
  int32_t k = 0;
  for (; k + 4 <= kc; k += 4) {
    v128_t y = wasm_v128_load(b + k);
    s0 = X_MADD(s0, wasm_v128_load(a0 + k), y);
    s1 = X_MADD(s1, wasm_v128_load(a1 + k), y);
    s2 = X_MADD(s2, wasm_v128_load(a2 + k), y);
    s3 = X_MADD(s3, wasm_v128_load(a3 + k), y);
  }
  float t0 = 0.f, t1 = 0.f, t2 = 0.f, t3 = 0.f;
  for (; k < kc; k++) {
    t0 += a0[k] * b[k]; t1 += a1[k] * b[k]; t2 += a2[k] * b[k]; t3 += a3[k] * b[k];
  }
  out[0] = hsum_f32(s0) + t0; out[1] = hsum_f32(s1) + t1;
  out[2] = hsum_f32(s2) + t2; out[3] = hsum_f32(s3) + t3;
}

/* Requires acs == 1. B's column j starts at B + j*bcs and is contiguous along k when brs == 1;
 * otherwise (then n <= 16) the columns are packed per k block. Rows are the outer loop so a pair
 * of A rows is reused from L1 for all column tiles. */
static void gemm_dot_f32(int32_t m, int32_t n, int32_t k, const float *A, int32_t ars,
                         const float *B, int32_t brs, int32_t bcs, float *C, int32_t ldc,
                         float alpha, float beta) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    scale_f32(m, n, C, ldc, beta);
    return;
  }
  float bt[16 * DKC] __attribute__((aligned(16)));
  float out[DR * DC];
  int32_t inplace = brs == 1;
  int32_t kb = inplace ? k : DKC;
  for (int32_t pc = 0; pc < k; pc += kb) {
    int32_t kc = X_MIN(kb, k - pc);
    const float *bb = B + (int64_t)pc * brs; /* column j at bb + j * bstep */
    int64_t bstep = bcs;
    if (!inplace) {
      for (int32_t j = 0; j < n; j++) {
        const float *src = bb + (int64_t)j * bcs;
        float *d = bt + j * kc;
        for (int32_t q = 0; q < kc; q++) d[q] = src[(int64_t)q * brs];
      }
      bb = bt;
      bstep = kc;
    }
    float beta_eff = pc == 0 ? beta : 1.f;
    if (n == 1) {
      for (int32_t i = 0; i < m; i += 4) {
        int32_t mr = X_MIN(4, m - i);
        const float *a0 = A + (int64_t)i * ars + pc;
        const float *a1 = mr > 1 ? a0 + ars : a0;
        const float *a2 = mr > 2 ? a1 + ars : a0;
        const float *a3 = mr > 3 ? a2 + ars : a0;
        dot_4x1(kc, a0, a1, a2, a3, bb, out);
        store_partial_f32(out, mr, 1, C + (int64_t)i * ldc, ldc, alpha, beta_eff, 1);
      }
      continue;
    }
    for (int32_t i = 0; i < m; i += DR) {
      int32_t mr = X_MIN(DR, m - i);
      const float *a0 = A + (int64_t)i * ars + pc;
      const float *a1 = mr == DR ? a0 + ars : a0;
      float *cr = C + (int64_t)i * ldc;
      for (int32_t j0 = 0; j0 < n; j0 += DC) {
        int32_t nc = X_MIN(DC, n - j0);
        const float *b0 = bb + (int64_t)j0 * bstep;
        const float *b1 = nc > 1 ? b0 + bstep : b0;
        const float *b2 = nc > 2 ? b1 + bstep : b0;
        const float *b3 = nc > 3 ? b2 + bstep : b0;
        dot_2x4(kc, a0, a1, b0, b1, b2, b3, out);
        store_partial_f32(out, mr, nc, cr + j0, ldc, alpha, beta_eff, DC);
      }
    }
  }
}

/* ------------------------------------------- f32 rows path: few rows of A, B rows contiguous
 * C[i][:] = alpha * sum_k A[i][k] * B[k][:] + beta * C[i][:], accumulated in C itself, four
 * rows of B per pass over a 4 KiB chunk of C (kept in L1); B is streamed once per row of A. */
#define RJB 1024

static void gemm_rows_f32(int32_t m, int32_t n, int32_t k, const float *A, int32_t ars,
                          int32_t acs, const float *B, int32_t brs, float *C, int32_t ldc,
                          float alpha, float beta) {
  for (int32_t i = 0; i < m; i++) {
    const float *ar = A + (int64_t)i * ars;
    float *cr = C + (int64_t)i * ldc;
    scale_f32(1, n, cr, ldc, beta);
    for (int32_t j0 = 0; j0 < n; j0 += RJB) {
      int32_t nb = X_MIN(RJB, n - j0);
      int32_t nv = nb & ~3;
      float *c = cr + j0;
      int32_t kk = 0;
      for (; kk + 4 <= k; kk += 4) {
        float f0 = alpha * ar[(int64_t)kk * acs], f1 = alpha * ar[(int64_t)(kk + 1) * acs];
        float f2 = alpha * ar[(int64_t)(kk + 2) * acs], f3 = alpha * ar[(int64_t)(kk + 3) * acs];
        v128_t x0 = wasm_f32x4_splat(f0), x1 = wasm_f32x4_splat(f1);
        v128_t x2 = wasm_f32x4_splat(f2), x3 = wasm_f32x4_splat(f3);
        const float *b0 = B + (int64_t)kk * brs + j0, *b1 = b0 + brs, *b2 = b1 + brs, *b3 = b2 + brs;
        int32_t j = 0;
        for (; j < nv; j += 4) {
          v128_t acc = wasm_v128_load(c + j);
          acc = X_MADD(acc, x0, wasm_v128_load(b0 + j));
          acc = X_MADD(acc, x1, wasm_v128_load(b1 + j));
          acc = X_MADD(acc, x2, wasm_v128_load(b2 + j));
          acc = X_MADD(acc, x3, wasm_v128_load(b3 + j));
          wasm_v128_store(c + j, acc);
        }
        for (; j < nb; j++) c[j] += f0 * b0[j] + f1 * b1[j] + f2 * b2[j] + f3 * b3[j];
      }
      for (; kk < k; kk++) {
        float f = alpha * ar[(int64_t)kk * acs];
        const float *b0 = B + (int64_t)kk * brs + j0;
        for (int32_t j = 0; j < nb; j++) c[j] += f * b0[j];
      }
    }
  }
}

void x_matmul_f32(const void *args, int32_t part, int32_t nparts) {
  const x_matmul_args *p = (const x_matmul_args *)args;
  if (p->M <= 0 || p->N <= 0 || p->batch <= 0) return;
  const float *A = (const float *)(uintptr_t)p->a;
  const float *B = (const float *)(uintptr_t)p->b;
  float *C = (float *)(uintptr_t)p->c;
  float alpha = (float)p->alpha, beta = (float)p->beta;
  /* the dot path pays horizontal sums per tile: only worth it for long enough k */
  int32_t dot = (p->a_cs == 1 || p->K <= 1) &&
                ((p->N <= 16 && (p->K >= 64 || p->N == 1)) || (p->M <= 2 && p->b_rs == 1));
  if (dot) {
    x_part_range r = part_range(p, part, nparts, DR, DC);
    FOR_EACH_BLOCK(p, r, {
      gemm_dot_f32(m1 - m0, n1 - n0, p->K,
                   A + (int64_t)bi * p->a_bs + (int64_t)m0 * p->a_rs, p->a_rs,
                   B + (int64_t)bi * p->b_bs + (int64_t)n0 * p->b_cs, p->b_rs, p->b_cs,
                   C + (int64_t)bi * p->c_bs + (int64_t)m0 * p->ldc + n0, p->ldc, alpha, beta);
    });
    return;
  }
  if (p->M <= 2 && p->b_cs == 1) {
    x_part_range r = part_range(p, part, nparts, 1, 64);
    FOR_EACH_BLOCK(p, r, {
      gemm_rows_f32(m1 - m0, n1 - n0, p->K,
                    A + (int64_t)bi * p->a_bs + (int64_t)m0 * p->a_rs, p->a_rs, p->a_cs,
                    B + (int64_t)bi * p->b_bs + n0, p->b_rs,
                    C + (int64_t)bi * p->c_bs + (int64_t)m0 * p->ldc + n0, p->ldc, alpha, beta);
    });
    return;
  }
  x_part_range r = part_range(p, part, nparts, MR, NR);
  FOR_EACH_BLOCK(p, r, {
    gemm_f32(m1 - m0, n1 - n0, p->K,
             A + (int64_t)bi * p->a_bs + (int64_t)m0 * p->a_rs, p->a_rs, p->a_cs,
             B + (int64_t)bi * p->b_bs + (int64_t)n0 * p->b_cs, p->b_rs, p->b_cs,
             C + (int64_t)bi * p->c_bs + (int64_t)m0 * p->ldc + n0, p->ldc, alpha, beta);
  });
}

/* -------------------------------------------------------------------------- f64 kernels
 * Same structure as f32 with f64x2 vectors: 2x8 register tile (8 accumulators), B packed into
 * kc x 8 panels, A into kc x 2 panels. */
typedef double x_f64x2 __attribute__((vector_size(16)));
#ifdef X_RELAXED_SIMD
#define X_MADD64(acc, a, b) ((v128_t)__builtin_wasm_relaxed_madd_f64x2((x_f64x2)(a), (x_f64x2)(b), (x_f64x2)(acc)))
#else
#define X_MADD64(acc, a, b) wasm_f64x2_add((acc), wasm_f64x2_mul((a), (b)))
#endif
#define NR64 8
#define NC64 256

static X_NOINLINE void uk_2x8_f64(int32_t kc, const double *a, const double *b, double *c,
                                  int32_t ldc, double alpha, double beta) {
  v128_t c00 = wasm_f64x2_splat(0.0), c01 = c00, c02 = c00, c03 = c00;
  v128_t c10 = c00, c11 = c00, c12 = c00, c13 = c00;
  for (int32_t k = 0; k < kc; k++) {
    v128_t b0 = wasm_v128_load(b), b1 = wasm_v128_load(b + 2);
    v128_t b2 = wasm_v128_load(b + 4), b3 = wasm_v128_load(b + 6);
    v128_t x0 = wasm_v128_load64_splat(a), x1 = wasm_v128_load64_splat(a + 1);
    c00 = X_MADD64(c00, x0, b0);
    c01 = X_MADD64(c01, x0, b1);
    c02 = X_MADD64(c02, x0, b2);
    c03 = X_MADD64(c03, x0, b3);
    c10 = X_MADD64(c10, x1, b0);
    c11 = X_MADD64(c11, x1, b1);
    c12 = X_MADD64(c12, x1, b2);
    c13 = X_MADD64(c13, x1, b3);
    a += 2;
    b += 8;
  }
  v128_t va = wasm_f64x2_splat(alpha);
  double *d = c + ldc;
  if (beta == 0.0) {
#define ST(p, acc) wasm_v128_store((p), wasm_f64x2_mul((acc), va))
    ST(c, c00); ST(c + 2, c01); ST(c + 4, c02); ST(c + 6, c03);
    ST(d, c10); ST(d + 2, c11); ST(d + 4, c12); ST(d + 6, c13);
#undef ST
  } else {
    v128_t vb = wasm_f64x2_splat(beta);
#define UPD(p, acc) wasm_v128_store((p), X_MADD64(wasm_f64x2_mul(wasm_v128_load(p), vb), (acc), va))
    UPD(c, c00); UPD(c + 2, c01); UPD(c + 4, c02); UPD(c + 6, c03);
    UPD(d, c10); UPD(d + 2, c11); UPD(d + 4, c12); UPD(d + 6, c13);
#undef UPD
  }
}

static void pack_b_f64(int32_t kc, int32_t nc, const double *B, int32_t rs, int32_t cs, double *bp) {
  for (int32_t j0 = 0; j0 < nc; j0 += NR64) {
    int32_t nr = X_MIN(NR64, nc - j0);
    const double *src = B + (int64_t)j0 * cs;
    double *dst = bp + (int64_t)j0 * kc;
    if (rs == 1) {
      if (nr < NR64) __builtin_memset(dst, 0, (size_t)kc * NR64 * sizeof(double));
      for (int32_t j = 0; j < nr; j++) {
        const double *sc = src + (int64_t)j * cs;
        for (int32_t k = 0; k < kc; k++) dst[k * NR64 + j] = sc[k];
      }
    } else {
      for (int32_t k = 0; k < kc; k++) {
        const double *sr = src + (int64_t)k * rs;
        int32_t j = 0;
        if (cs == 1) for (; j < nr; j++) dst[j] = sr[j];
        else for (; j < nr; j++) dst[j] = sr[(int64_t)j * cs];
        for (; j < NR64; j++) dst[j] = 0.0;
        dst += NR64;
      }
    }
  }
}

static void pack_a_f64(int32_t mc, int32_t kc, const double *A, int32_t rs, int32_t cs, double *ap) {
  for (int32_t i0 = 0; i0 < mc; i0 += MR) {
    const double *s0 = A + (int64_t)i0 * rs;
    const double *s1 = i0 + 1 < mc ? s0 + rs : 0;
    double *dst = ap + (int64_t)i0 * kc;
    for (int32_t k = 0; k < kc; k++) {
      dst[2 * k] = s0[(int64_t)k * cs];
      dst[2 * k + 1] = s1 ? s1[(int64_t)k * cs] : 0.0;
    }
  }
}

static void gemm_f64(int32_t m, int32_t n, int32_t k, const double *A, int32_t ars, int32_t acs,
                     const double *B, int32_t brs, int32_t bcs, double *C, int32_t ldc,
                     double alpha, double beta) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    for (int32_t i = 0; i < m; i++) {
      double *cr = C + (int64_t)i * ldc;
      if (beta == 0.0) __builtin_memset(cr, 0, (size_t)n * sizeof(double));
      else for (int32_t j = 0; j < n; j++) cr[j] *= beta;
    }
    return;
  }
  double bp[KC * NC64] __attribute__((aligned(16)));
  double ap[MC * KC] __attribute__((aligned(16)));
  double tile[MR * NR64] __attribute__((aligned(16)));
  for (int32_t jc = 0; jc < n; jc += NC64) {
    int32_t nc = X_MIN(NC64, n - jc);
    for (int32_t pc = 0; pc < k; pc += KC) {
      int32_t kc = X_MIN(KC, k - pc);
      pack_b_f64(kc, nc, B + (int64_t)pc * brs + (int64_t)jc * bcs, brs, bcs, bp);
      double beta_eff = pc == 0 ? beta : 1.0;
      for (int32_t ic = 0; ic < m; ic += MC) {
        int32_t mc = X_MIN(MC, m - ic);
        pack_a_f64(mc, kc, A + (int64_t)ic * ars + (int64_t)pc * acs, ars, acs, ap);
        for (int32_t jr = 0; jr < nc; jr += NR64) {
          int32_t nr = X_MIN(NR64, nc - jr);
          const double *bpanel = bp + (int64_t)jr * kc;
          double *cc = C + (int64_t)ic * ldc + jc + jr;
          for (int32_t ir = 0; ir < mc; ir += MR) {
            int32_t mr = X_MIN(MR, mc - ir);
            const double *apanel = ap + (int64_t)ir * kc;
            double *ct = cc + (int64_t)ir * ldc;
            if (mr == MR && nr == NR64) {
              uk_2x8_f64(kc, apanel, bpanel, ct, ldc, alpha, beta_eff);
            } else {
              uk_2x8_f64(kc, apanel, bpanel, tile, NR64, 1.0, 0.0);
              for (int32_t i = 0; i < mr; i++)
                for (int32_t j = 0; j < nr; j++) {
                  double *cp = ct + (int64_t)i * ldc + j;
                  *cp = beta_eff == 0.0 ? alpha * tile[i * NR64 + j]
                                        : alpha * tile[i * NR64 + j] + beta_eff * *cp;
                }
            }
          }
        }
      }
    }
  }
}

void x_matmul_f64(const void *args, int32_t part, int32_t nparts) {
  const x_matmul_args *p = (const x_matmul_args *)args;
  if (p->M <= 0 || p->N <= 0 || p->batch <= 0) return;
  x_part_range r = part_range(p, part, nparts, MR, NR64);
  const double *A = (const double *)(uintptr_t)p->a;
  const double *B = (const double *)(uintptr_t)p->b;
  double *C = (double *)(uintptr_t)p->c;
  FOR_EACH_BLOCK(p, r, {
    gemm_f64(m1 - m0, n1 - n0, p->K,
             A + (int64_t)bi * p->a_bs + (int64_t)m0 * p->a_rs, p->a_rs, p->a_cs,
             B + (int64_t)bi * p->b_bs + (int64_t)n0 * p->b_cs, p->b_rs, p->b_cs,
             C + (int64_t)bi * p->c_bs + (int64_t)m0 * p->ldc + n0, p->ldc, p->alpha, p->beta);
  });
}

/* ------------------------------------------------- i32 / i64: simple blocked loops */

/* T: element type, U: type used for arithmetic (unsigned for integers: wrap-around). */
#define DEFINE_SIMPLE_GEMM(NAME, T, U, CONV)                                     \
  static void NAME##_2d(int32_t m, int32_t n, int32_t k, const T *A, int32_t ars,          \
                        int32_t acs, const T *B, int32_t brs, int32_t bcs, T *C,            \
                        int32_t ldc, U alpha, U beta, int beta_zero) {                      \
    const int32_t NB = 256, KB = 128;                                                       \
    for (int32_t i = 0; i < m; i++) {                                                       \
      T *cr = C + (int64_t)i * ldc;                                                         \
      if (beta_zero) __builtin_memset(cr, 0, (size_t)n * sizeof(T));                        \
      else for (int32_t j = 0; j < n; j++) cr[j] = (T)((U)beta * (U)cr[j]);                 \
    }                                                                                       \
    for (int32_t j0 = 0; j0 < n; j0 += NB) {                                                \
      int32_t j1 = X_MIN(n, j0 + NB);                                                       \
      for (int32_t k0 = 0; k0 < k; k0 += KB) {                                              \
        int32_t k1 = X_MIN(k, k0 + KB);                                                     \
        for (int32_t i = 0; i < m; i++) {                                                   \
          T *cr = C + (int64_t)i * ldc;                                                     \
          const T *ar = A + (int64_t)i * ars;                                               \
          for (int32_t kk = k0; kk < k1; kk++) {                                            \
            U a = alpha * (U)ar[(int64_t)kk * acs];                                         \
            const T *br = B + (int64_t)kk * brs;                                            \
            if (bcs == 1) {                                                                 \
              for (int32_t j = j0; j < j1; j++) cr[j] = (T)((U)cr[j] + a * (U)br[j]);      \
            } else {                                                                        \
              for (int32_t j = j0; j < j1; j++)                                             \
                cr[j] = (T)((U)cr[j] + a * (U)br[(int64_t)j * bcs]);                        \
            }                                                                               \
          }                                                                                 \
        }                                                                                   \
      }                                                                                     \
    }                                                                                       \
  }                                                                                         \
  void x_##NAME(const void *args, int32_t part, int32_t nparts) {                           \
    const x_matmul_args *p = (const x_matmul_args *)args;                                   \
    if (p->M <= 0 || p->N <= 0 || p->batch <= 0) return;                                   \
    x_part_range r = part_range(p, part, nparts, 4, 16);                                    \
    const T *A = (const T *)(uintptr_t)p->a;                                                \
    const T *B = (const T *)(uintptr_t)p->b;                                                \
    T *C = (T *)(uintptr_t)p->c;                                                            \
    U alpha = (U)(CONV)p->alpha, beta = (U)(CONV)p->beta;                                   \
    int beta_zero = p->beta == 0.0;                                                         \
    FOR_EACH_BLOCK(p, r, {                                                                  \
      NAME##_2d(m1 - m0, n1 - n0, p->K,                                                     \
                A + (int64_t)bi * p->a_bs + (int64_t)m0 * p->a_rs, p->a_rs, p->a_cs,        \
                B + (int64_t)bi * p->b_bs + (int64_t)n0 * p->b_cs, p->b_rs, p->b_cs,        \
                C + (int64_t)bi * p->c_bs + (int64_t)m0 * p->ldc + n0, p->ldc, alpha, beta, \
                beta_zero);                                                                 \
    });                                                                                     \
  }

DEFINE_SIMPLE_GEMM(matmul_i32, int32_t, uint32_t, int64_t)
DEFINE_SIMPLE_GEMM(matmul_i64, int64_t, uint64_t, int64_t)
