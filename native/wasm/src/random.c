/*
 * Random fills from the counter-based Philox 4x32-10 generator, bit-exact with
 * packages/tensor/src/random/philox.ts: element i uses the block for counter (offset + i) under
 * key (seedLo, seedHi); the value is computed in float64 and rounded once to the output dtype.
 *
 * Eight counters go through Philox at once, as two groups of four SIMD lanes whose independent chains
 * the CPU overlaps (the high words of the 32x32 -> 64-bit products come from i64x2.extmul, the low
 * words from i32x4.mul); uniform float32/float64 and bernoulli float32 outputs are formed in SIMD too,
 * with the same float64 operations as the scalar definition (never fused: see the pragma), so the
 * values are identical; the other kinds and dtypes take the scalar value of each lane's words.
 */
#include <wasm_simd128.h>
#include "kernels.h"
#include "ew.h"
#include "xtables.h"

/* The values are the float64 arithmetic of philox.ts, operation by operation: no a * b + c fusing. */
#pragma clang fp contract(off)

/* kind: 0 uniform(a, b), 1 normal(mean a, std b), 2 randint [a, b), 3 bernoulli(p = a); o[0] = out (any dtype) */


#define PHILOX_M0 0xd2511f53u
#define PHILOX_M1 0xcd9e8d57u
#define PHILOX_W0 0x9e3779b9u
#define PHILOX_W1 0xbb67ae85u

/*
 * i64x2.extmul_{low,high}_i32x4_u as instructions: given a constant operand (the Philox multipliers),
 * clang turns wasm_u64x2_extmul_*_u32x4 into an extend and a full i64x2.mul, which V8 emulates with
 * several instructions on x64; the extmul itself is one pmuludq.
 */
X_INLINE v128_t extmul_low_u32(v128_t a, v128_t b) {
  v128_t r;
  __asm__("local.get %1\n\tlocal.get %2\n\ti64x2.extmul_low_i32x4_u\n\tlocal.set %0" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
X_INLINE v128_t extmul_high_u32(v128_t a, v128_t b) {
  v128_t r;
  __asm__("local.get %1\n\tlocal.get %2\n\ti64x2.extmul_high_i32x4_u\n\tlocal.set %0" : "=r"(r) : "r"(a), "r"(b));
  return r;
}

/* Philox's state for four lanes: the counter words c0..c3. */
typedef struct {
  v128_t c0, c1, c2, c3;
} lanes4;

/* Counters ctr + first .. ctr + first + 3 (64-bit: a lane whose low word wraps carries into the high word). */
X_INLINE lanes4 counters(uint64_t ctr, int32_t first) {
  const v128_t lo = wasm_i32x4_splat((int32_t)(uint32_t)ctr);
  lanes4 s;
  s.c0 = wasm_i32x4_add(lo, wasm_i32x4_make(first, first + 1, first + 2, first + 3));
  s.c1 = wasm_i32x4_sub(wasm_i32x4_splat((int32_t)(uint32_t)(ctr >> 32)), wasm_u32x4_lt(s.c0, lo)); /* the mask is -1 */
  s.c2 = wasm_i32x4_splat(0);
  s.c3 = s.c2;
  return s;
}

/* One Philox round on four lanes. */
X_INLINE lanes4 round4(lanes4 s, v128_t k0, v128_t k1) {
  const v128_t m0 = wasm_i32x4_splat((int32_t)PHILOX_M0), m1 = wasm_i32x4_splat((int32_t)PHILOX_M1);
  const v128_t hi0 = wasm_i32x4_shuffle(extmul_low_u32(s.c0, m0), extmul_high_u32(s.c0, m0), 1, 3, 5, 7);
  const v128_t hi1 = wasm_i32x4_shuffle(extmul_low_u32(s.c2, m1), extmul_high_u32(s.c2, m1), 1, 3, 5, 7);
  lanes4 n;
  n.c0 = wasm_v128_xor(wasm_v128_xor(hi1, s.c1), k0);
  n.c1 = wasm_i32x4_mul(s.c2, m1);
  n.c2 = wasm_v128_xor(wasm_v128_xor(hi0, s.c3), k1);
  n.c3 = wasm_i32x4_mul(s.c0, m0);
  return n;
}

/* The words w0, w1 of the Philox blocks for the counters ctr .. ctr + 7: lanes 0-3 in [0], 4-7 in [1]. */
X_INLINE void philox8(uint64_t ctr, uint32_t key0, uint32_t key1, v128_t w0[2], v128_t w1[2]) {
  lanes4 a = counters(ctr, 0), b = counters(ctr, 4);
  for (int r = 0; r < 10; r++) {
    const v128_t k0 = wasm_i32x4_splat((int32_t)key0), k1 = wasm_i32x4_splat((int32_t)key1);
    a = round4(a, k0, k1);
    b = round4(b, k0, k1);
    key0 += PHILOX_W0;
    key1 += PHILOX_W1;
  }
  w0[0] = a.c0;
  w1[0] = a.c1;
  w0[1] = b.c0;
  w1[1] = b.c1;
}

typedef struct {
  const x_random_args *a;
  uint64_t pos;  /* counter of the next element */
  int dbl;       /* float64 output: the 53-bit uniform */
  double bern_t; /* bernoulli: ceil(p 2^53), the 53-bit draws below it give 1 */
} rnd_ctx;

/* The value of one element from its block's words w0, w1 (float64, before rounding to the dtype). */
static double rnd_value(const rnd_ctx *c, uint32_t w0, uint32_t w1) {
  const x_random_args *a = c->a;
  switch (a->kind) {
    case K_UNIFORM: {
      double u = c->dbl ? ((double)(w0 >> 5) * 67108864.0 + (double)(w1 >> 6)) * 0x1p-53 : (double)(w0 >> 8) * 0x1p-24;
      return a->a + u * (a->b - a->a);
    }
    case K_NORMAL: {
      double u1 = ((double)w0 + 1.0) * 0x1p-32;
      double u2 = (double)w1 * 0x1p-32;
      return a->a + a->b * x_sqrt(-2.0 * x_log(u1)) * x_cos(2.0 * X_PI_HI * u2);
    }
    case K_RANDINT: {
      double r = a->b - a->a;
      if (r < 4294967296.0) return a->a + (double)(w0 % (uint32_t)r);
      if (r == 4294967296.0) return a->a + (double)w0;
      double u = ((double)(w0 >> 5) * 67108864.0 + (double)(w1 >> 6)) * 0x1p-53;
      return a->a + x_floor(u * r);
    }
    default: /* K_BERNOULLI: the 53-bit draw K = u53 2^53 (exact), 1 where u53 < p */
      return (double)(w0 >> 5) * 67108864.0 + (double)(w1 >> 6) < c->bern_t ? 1.0 : 0.0;
  }
}

/* Four lanes of u32 as two f64x2 (lanes 0-1, lanes 2-3). */
X_INLINE void u32x4_to_f64(v128_t v, v128_t *lo, v128_t *hi) {
  *lo = wasm_f64x2_convert_low_u32x4(v);
  *hi = wasm_f64x2_convert_low_u32x4(wasm_i32x4_shuffle(v, v, 2, 3, 2, 3));
}

/* The 53-bit draw (w0 >> 5) 2^26 + (w1 >> 6) of four lanes, exact in float64. */
X_INLINE void draw53(v128_t w0, v128_t w1, v128_t *lo, v128_t *hi) {
  v128_t al, ah, bl, bh;
  u32x4_to_f64(wasm_u32x4_shr(w0, 5), &al, &ah);
  u32x4_to_f64(wasm_u32x4_shr(w1, 6), &bl, &bh);
  const v128_t s26 = wasm_f64x2_splat(67108864.0);
  *lo = wasm_f64x2_add(wasm_f64x2_mul(al, s26), bl);
  *hi = wasm_f64x2_add(wasm_f64x2_mul(ah, s26), bh);
}

/* Contiguous uniform float32: returns how many elements it wrote (a multiple of 8). */
static int32_t uniform_f32(const rnd_ctx *c, int32_t n, float *o) {
  const x_random_args *a = c->a;
  const v128_t av = wasm_f64x2_splat(a->a), dv = wasm_f64x2_splat(a->b - a->a), scale = wasm_f64x2_splat(0x1p-24);
  int32_t i = 0;
  for (; i + 8 <= n; i += 8) {
    v128_t w0[2], w1[2];
    philox8(c->pos + (uint64_t)i, a->seed_lo, a->seed_hi, w0, w1);
    for (int g = 0; g < 2; g++) {
      v128_t lo, hi;
      u32x4_to_f64(wasm_u32x4_shr(w0[g], 8), &lo, &hi);
      lo = wasm_f64x2_add(av, wasm_f64x2_mul(wasm_f64x2_mul(lo, scale), dv));
      hi = wasm_f64x2_add(av, wasm_f64x2_mul(wasm_f64x2_mul(hi, scale), dv));
      wasm_v128_store(o + i + 4 * g, wasm_i32x4_shuffle(wasm_f32x4_demote_f64x2_zero(lo), wasm_f32x4_demote_f64x2_zero(hi), 0, 1, 4, 5));
    }
  }
  return i;
}

/* Contiguous uniform float64. */
static int32_t uniform_f64(const rnd_ctx *c, int32_t n, double *o) {
  const x_random_args *a = c->a;
  const v128_t av = wasm_f64x2_splat(a->a), dv = wasm_f64x2_splat(a->b - a->a), scale = wasm_f64x2_splat(0x1p-53);
  int32_t i = 0;
  for (; i + 8 <= n; i += 8) {
    v128_t w0[2], w1[2];
    philox8(c->pos + (uint64_t)i, a->seed_lo, a->seed_hi, w0, w1);
    for (int g = 0; g < 2; g++) {
      v128_t lo, hi;
      draw53(w0[g], w1[g], &lo, &hi);
      wasm_v128_store(o + i + 4 * g, wasm_f64x2_add(av, wasm_f64x2_mul(wasm_f64x2_mul(lo, scale), dv)));
      wasm_v128_store(o + i + 4 * g + 2, wasm_f64x2_add(av, wasm_f64x2_mul(wasm_f64x2_mul(hi, scale), dv)));
    }
  }
  return i;
}

/* Contiguous bernoulli float32 (dropout masks): 1.0f where the 53-bit draw is below ceil(p 2^53). */
static int32_t bernoulli_f32(const rnd_ctx *c, int32_t n, float *o) {
  const x_random_args *a = c->a;
  const v128_t t = wasm_f64x2_splat(c->bern_t), one = wasm_f32x4_splat(1.0f);
  int32_t i = 0;
  for (; i + 8 <= n; i += 8) {
    v128_t w0[2], w1[2];
    philox8(c->pos + (uint64_t)i, a->seed_lo, a->seed_hi, w0, w1);
    for (int g = 0; g < 2; g++) {
      v128_t lo, hi;
      draw53(w0[g], w1[g], &lo, &hi);
      v128_t mask = wasm_i32x4_shuffle(wasm_f64x2_lt(lo, t), wasm_f64x2_lt(hi, t), 0, 2, 4, 6);
      wasm_v128_store(o + i + 4 * g, wasm_v128_and(mask, one));
    }
  }
  return i;
}

/*
 * A row, in blocks of RND_BLOCK elements: V8 runs a function's first calls as baseline (Liftoff) code
 * and swaps in optimized code only for later calls, so one call over a 26 M-element row would run
 * unoptimized throughout (5x slower); blocks let the optimized code take over after the first few.
 */
#define RND_BLOCK 8192

__attribute__((noinline)) static void rnd_block(rnd_ctx *c, int32_t n, char **p, const int32_t *s);

static void rnd_row(int32_t n, char **p, const int32_t *s, const void *ctx) {
  rnd_ctx *c = (rnd_ctx *)(uintptr_t)ctx;
  const int32_t es = x_dt_size[c->a->dtype];
  char *q[1] = { p[0] };
  for (int32_t i = 0; i < n; i += RND_BLOCK) {
    const int32_t m = n - i < RND_BLOCK ? n - i : RND_BLOCK;
    rnd_block(c, m, q, s);
    q[0] += (ptrdiff_t)m * s[0] * es;
  }
}

__attribute__((noinline)) static void rnd_block(rnd_ctx *c, int32_t n, char **p, const int32_t *s) {
  const x_random_args *a = c->a;
  const int32_t dt = a->dtype;
  const int32_t es = x_dt_size[dt];
  int32_t i = 0;
  if (s[0] == 1) {
    if (a->kind == K_UNIFORM && dt == DT_F32) i = uniform_f32(c, n, (float *)p[0]);
    else if (a->kind == K_UNIFORM && dt == DT_F64) i = uniform_f64(c, n, (double *)p[0]);
    else if (a->kind == K_BERNOULLI && dt == DT_F32) i = bernoulli_f32(c, n, (float *)p[0]);
  }
  /* the rest, eight lanes of words at a time, each element's value as the scalar definition gives it */
  for (; i < n; i += 8) {
    v128_t w0[2], w1[2];
    philox8(c->pos + (uint64_t)i, a->seed_lo, a->seed_hi, w0, w1);
    uint32_t v0[8], v1[8];
    wasm_v128_store(v0, w0[0]);
    wasm_v128_store(v0 + 4, w0[1]);
    wasm_v128_store(v1, w1[0]);
    wasm_v128_store(v1 + 4, w1[1]);
    const int32_t m = n - i < 8 ? n - i : 8;
    if (dt == DT_F32 && s[0] == 1) {
      for (int32_t j = 0; j < m; j++) ((float *)p[0])[i + j] = (float)rnd_value(c, v0[j], v1[j]);
    } else {
      for (int32_t j = 0; j < m; j++) x_st(dt, p[0] + (ptrdiff_t)(i + j) * s[0] * es, rnd_value(c, v0[j], v1[j]));
    }
  }
  c->pos += (uint64_t)n;
}

void x_k_random(const void *args, int32_t part, int32_t nparts) {
  const x_random_args *a = (const x_random_args *)args;
  if ((uint32_t)a->dtype >= DT_COUNT || (uint32_t)a->kind >= K_COUNT) return;
  int32_t lo = nparts > 1 ? x_split(a->n, 64, part, nparts) : 0;
  int32_t hi = nparts > 1 ? x_split(a->n, 64, part + 1, nparts) : a->n;
  rnd_ctx c = { a, (((uint64_t)a->off_hi << 32) | a->off_lo) + (uint64_t)lo, a->dtype == DT_F64, x_ceil(a->a * 0x1p53) };
  char *base[1] = { (char *)(uintptr_t)a->o[0].ptr };
  const int32_t *stv[1] = { a->o[0].st };
  int32_t esz[1] = { x_dt_size[a->dtype] };
  x_iterate(a->ndim, a->shape, lo, hi, 1, base, stv, esz, rnd_row, &c);
}
