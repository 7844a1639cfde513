/**
 * Kernel ids and argument layouts of the wasm module. Keep in sync with native/wasm/src/kernels.h.
 */
import type { Runtime } from './runtime.js';

export const KernelId = {
  NOP: 0,
  MATMUL_F32: 1,
  MATMUL_F64: 2,
  MATMUL_I32: 3,
  MATMUL_I64: 4,
  // tensor kernels (native/wasm/src/{elementwise,reduce,index,sort,random,softmax,conv}.c; used by ../backend.ts)
  UNARY: 5,
  BINARY: 6,
  WHERE: 7,
  COPY: 8,
  FILL: 9,
  REDUCE: 10,
  SCAN: 11,
  GATHER: 12,
  SCATTER: 13,
  SORT: 14,
  RANDOM: 15,
  SOFTMAX: 16,
  IM2COL: 17,
  COL2IM: 18,
} as const;
export type KernelId = (typeof KernelId)[keyof typeof KernelId];

export type MatmulDtype = 'float32' | 'float64' | 'int32' | 'int64';

const MATMUL_KERNEL: Record<MatmulDtype, KernelId> = {
  float32: KernelId.MATMUL_F32,
  float64: KernelId.MATMUL_F64,
  int32: KernelId.MATMUL_I32,
  int64: KernelId.MATMUL_I64,
};

/**
 * Batched strided matmul: for b < batch, C[b] = alpha * A[b] @ B[b] + beta * C[b] where
 *   A[b][i][k] = a[b*aBatchStride + i*aRowStride + k*aColStride]   (M x K)
 *   B[b][k][j] = b[b*bBatchStride + k*bRowStride + j*bColStride]   (K x N)
 *   C[b][i][j] = c[b*cBatchStride + i*ldc + j]                      (M x N)
 * Pointers are byte offsets; strides are in elements; a batch stride of 0 broadcasts.
 * beta = 0 (the default) does not read C.
 *
 * Struct x_matmul_args (80 bytes):
 *   0 M i32 | 4 N i32 | 8 K i32 | 12 batch i32
 *   16 a u32 | 20 a_rs i32 | 24 a_cs i32 | 28 a_bs i32
 *   32 b u32 | 36 b_rs i32 | 40 b_cs i32 | 44 b_bs i32
 *   48 c u32 | 52 ldc i32 | 56 c_bs i32 | 60 flags i32 (0)
 *   64 alpha f64 | 72 beta f64
 */
export interface MatmulParams {
  M: number;
  N: number;
  K: number;
  batch?: number;
  a: number;
  aRowStride: number;
  aColStride: number;
  aBatchStride?: number;
  b: number;
  bRowStride: number;
  bColStride: number;
  bBatchStride?: number;
  c: number;
  /** row stride of C in elements (default N) */
  ldc?: number;
  /** batch stride of C in elements (default M * ldc) */
  cBatchStride?: number;
  alpha?: number;
  beta?: number;
}

export const MATMUL_ARGS_BYTES = 80;

export function writeMatmulArgs(rt: Runtime, ptr: number, p: MatmulParams): void {
  const dv = rt.dataView();
  const ldc = p.ldc ?? p.N;
  const i32 = (off: number, v: number) => dv.setInt32(ptr + off, v, true);
  i32(0, p.M);
  i32(4, p.N);
  i32(8, p.K);
  i32(12, p.batch ?? 1);
  i32(16, p.a);
  i32(20, p.aRowStride);
  i32(24, p.aColStride);
  i32(28, p.aBatchStride ?? 0);
  i32(32, p.b);
  i32(36, p.bRowStride);
  i32(40, p.bColStride);
  i32(44, p.bBatchStride ?? 0);
  i32(48, p.c);
  i32(52, ldc);
  i32(56, p.cBatchStride ?? p.M * ldc);
  i32(60, 0);
  dv.setFloat64(ptr + 64, p.alpha ?? 1, true);
  dv.setFloat64(ptr + 72, p.beta ?? 0, true);
}

/** Work (flops) below which a matmul runs on the main thread alone. */
export const MATMUL_MIN_FLOPS_PER_PART = 1 << 19;

/** Runs a batched strided matmul, threaded when it is large enough. */
export function matmul(rt: Runtime, dtype: MatmulDtype, p: MatmulParams, nparts?: number): void {
  writeMatmulArgs(rt, rt.argsPtr, p);
  const flops = 2 * p.M * p.N * p.K * (p.batch ?? 1);
  rt.run(MATMUL_KERNEL[dtype], rt.argsPtr, nparts ?? rt.partsFor(flops, MATMUL_MIN_FLOPS_PER_PART, 2));
}
