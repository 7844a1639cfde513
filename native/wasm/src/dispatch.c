/*
 * Entry points called from JavaScript.
 *
 * x_run(kernel_id, args, part, nparts): runs part `part` of `nparts` of a kernel whose arguments
 * are the struct at `args` (a byte offset into the shared memory). The main thread fills the
 * struct, then every participating thread calls x_run with a distinct part; each kernel splits
 * its own work by (part, nparts), so any assignment of parts to threads is valid.
 */
#include "kernels.h"

static void x_nop(const void *args, int32_t part, int32_t nparts) {
  (void)args; (void)part; (void)nparts;
}

static const x_kernel_fn x_kernels[X_K_COUNT] = {
  [X_K_NOP] = x_nop,
  [X_K_MATMUL_F32] = x_matmul_f32,
  [X_K_MATMUL_F64] = x_matmul_f64,
  [X_K_MATMUL_I32] = x_matmul_i32,
  [X_K_MATMUL_I64] = x_matmul_i64,
  [X_K_UNARY] = x_k_unary,
  [X_K_BINARY] = x_k_binary,
  [X_K_WHERE] = x_k_where,
  [X_K_COPY] = x_k_copy,
  [X_K_FILL] = x_k_fill,
  [X_K_REDUCE] = x_k_reduce,
  [X_K_SCAN] = x_k_scan,
  [X_K_GATHER] = x_k_gather,
  [X_K_SCATTER] = x_k_scatter,
  [X_K_SORT] = x_k_sort,
  [X_K_RANDOM] = x_k_random,
  [X_K_SOFTMAX] = x_k_softmax,
  [X_K_MT_RANDOM] = x_k_mt_random,
  [X_K_IM2COL] = x_k_im2col,
  [X_K_COL2IM] = x_k_col2im,
};

/* Returns 0 on success, -1 for an unknown kernel id or a bad part index. */
X_EXPORT(x_run) int32_t x_run(int32_t kernel_id, const void *args, int32_t part, int32_t nparts) {
  if ((uint32_t)kernel_id >= (uint32_t)X_K_COUNT || !x_kernels[kernel_id]) return -1;
  if (nparts < 1 || part < 0 || part >= nparts) return -1;
  x_kernels[kernel_id](args, part, nparts);
  return 0;
}

/* Checksum of the calling convention (args.h), which the runtime compares with its own. */
X_EXPORT(x_abi_version) int32_t x_abi_version(void) { return X_ABI_VERSION; }

/* Number of kernel ids (valid ids are 0 .. x_kernel_count() - 1). */
X_EXPORT(x_kernel_count) int32_t x_kernel_count(void) { return X_K_COUNT; }

/* Stack bytes each thread needs (the f32 GEMM keeps its packing buffers on the stack). */
X_EXPORT(x_stack_size) int32_t x_stack_size(void) { return 1 << 20; }
