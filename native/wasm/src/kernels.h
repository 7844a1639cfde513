/* Kernel ids for x_run(). Keep in sync with packages/backend-wasm/src/runtime/kernels.ts. */
#ifndef X_KERNELS_H
#define X_KERNELS_H
#include "x.h"

enum {
  X_K_NOP = 0,          /* does nothing (pool tests / latency) */
  X_K_MATMUL_F32 = 1,   /* args: x_matmul_args */
  X_K_MATMUL_F64 = 2,
  X_K_MATMUL_I32 = 3,
  X_K_MATMUL_I64 = 4,
  /* tensor kernels (elementwise.c, reduce.c, index.c, sort.c, random.c, softmax.c, conv.c); x_ew_args is in
     ew.h, the other argument structs next to their kernels */
  X_K_UNARY = 5,        /* x_ew_args */
  X_K_BINARY = 6,       /* x_ew_args */
  X_K_WHERE = 7,        /* x_ew_args */
  X_K_COPY = 8,         /* x_ew_args */
  X_K_FILL = 9,         /* x_ew_args */
  X_K_REDUCE = 10,      /* x_reduce_args */
  X_K_SCAN = 11,        /* x_scan_args */
  X_K_GATHER = 12,      /* x_index_args */
  X_K_SCATTER = 13,     /* x_index_args */
  X_K_SORT = 14,        /* x_sort_args */
  X_K_RANDOM = 15,      /* x_random_args */
  X_K_SOFTMAX = 16,     /* x_softmax_args */
  X_K_IM2COL = 17,      /* x_im2col_args (conv.c) */
  X_K_COL2IM = 18,      /* x_im2col_args (conv.c) */
  X_K_COUNT
};

/*
 * Batched strided matmul: for b in [0, batch):
 *   C[b] (M x N) = alpha * A[b] (M x K) @ B[b] (K x N) + beta * C[b]
 * Pointers are byte offsets into wasm memory; all strides are in ELEMENTS.
 * A[b][i][k] = a[b * a_bs + i * a_rs + k * a_cs]   (a_bs = 0 broadcasts)
 * B[b][k][j] = b[b * b_bs + k * b_rs + j * b_cs]
 * C[b][i][j] = c[b * c_bs + i * ldc + j]
 * beta == 0 means C is not read (NaNs in C do not propagate).
 * Integer kernels use alpha/beta truncated to integers.
 * Layout (80 bytes, 8-aligned):
 */
typedef struct {
  int32_t M, N, K, batch;        /*  0 .. 15 */
  uint32_t a; int32_t a_rs, a_cs, a_bs; /* 16 .. 31 */
  uint32_t b; int32_t b_rs, b_cs, b_bs; /* 32 .. 47 */
  uint32_t c; int32_t ldc, c_bs, flags; /* 48 .. 63 (flags reserved, 0) */
  double alpha, beta;            /* 64 .. 79 */
} x_matmul_args;

_Static_assert(sizeof(x_matmul_args) == 80, "x_matmul_args layout");

void x_matmul_f32(const void *args, int32_t part, int32_t nparts);
void x_matmul_f64(const void *args, int32_t part, int32_t nparts);
void x_matmul_i32(const void *args, int32_t part, int32_t nparts);
void x_matmul_i64(const void *args, int32_t part, int32_t nparts);

void x_k_unary(const void *args, int32_t part, int32_t nparts);
void x_k_binary(const void *args, int32_t part, int32_t nparts);
void x_k_where(const void *args, int32_t part, int32_t nparts);
void x_k_copy(const void *args, int32_t part, int32_t nparts);
void x_k_fill(const void *args, int32_t part, int32_t nparts);
void x_k_reduce(const void *args, int32_t part, int32_t nparts);
void x_k_scan(const void *args, int32_t part, int32_t nparts);
void x_k_gather(const void *args, int32_t part, int32_t nparts);
void x_k_scatter(const void *args, int32_t part, int32_t nparts);
void x_k_sort(const void *args, int32_t part, int32_t nparts);
void x_k_random(const void *args, int32_t part, int32_t nparts);
void x_k_softmax(const void *args, int32_t part, int32_t nparts);
void x_k_im2col(const void *args, int32_t part, int32_t nparts);
void x_k_col2im(const void *args, int32_t part, int32_t nparts);

#endif
