/* Common definitions for the @x/backend-wasm kernels (wasm32, no libc). */
#ifndef X_H
#define X_H

#include <stdint.h>
#include <stddef.h>
#include <wasm_simd128.h>

#define X_EXPORT(name) __attribute__((export_name(#name))) 
#define X_INLINE static inline __attribute__((always_inline))
#define X_NOINLINE __attribute__((noinline))

#define X_MIN(a, b) ((a) < (b) ? (a) : (b))
#define X_MAX(a, b) ((a) > (b) ? (a) : (b))

typedef float x_f32x4 __attribute__((vector_size(16)));

/* acc + a * b: fused on relaxed-SIMD builds, mul + add otherwise. */
#ifdef X_RELAXED_SIMD
#define X_MADD(acc, a, b) ((v128_t)__builtin_wasm_relaxed_madd_f32x4((x_f32x4)(a), (x_f32x4)(b), (x_f32x4)(acc)))
#else
#define X_MADD(acc, a, b) wasm_f32x4_add((acc), wasm_f32x4_mul((a), (b)))
#endif

/* Split [0, n) into nparts near-equal contiguous ranges, boundaries rounded to multiples of g. */
X_INLINE int32_t x_split(int32_t n, int32_t g, int32_t part, int32_t nparts) {
  if (part >= nparts) return n; /* the last boundary is n itself, never rounded */
  int64_t b = ((int64_t)n * part) / nparts;
  b = ((b + g / 2) / g) * g;
  return (int32_t)(b > n ? n : b);
}

/* Kernel entry type used by the dispatcher: args points into wasm memory. */
typedef void (*x_kernel_fn)(const void *args, int32_t part, int32_t nparts);

#endif
