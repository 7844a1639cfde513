/* The kernels x_run dispatches to. Their ids, op codes and argument structs are in args.h, generated
 * with the TypeScript side from native/wasm/tools/gen_args.py. */
#ifndef X_KERNELS_H
#define X_KERNELS_H
#include "x.h"
#include "args.h"

/* GEMM (x_matmul_args); integer kernels truncate alpha and beta to integers. */
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
void x_k_mt_random(const void *args, int32_t part, int32_t nparts);
void x_k_im2col(const void *args, int32_t part, int32_t nparts);
void x_k_col2im(const void *args, int32_t part, int32_t nparts);

#endif
