/**
 * The matmul kernel as the runtime calls it: its parameters by name, written into x_matmul_args
 * through the offsets generated in ./args.ts. The backend's matmul and the standalone benches in
 * native/wasm/bench both write the struct here, so its layout is spelled once.
 */
import { KernelId, MatmulArgs, MatmulArgsF64 } from './args.js';
import type { Runtime } from './runtime.js';

export type MatmulDtype = 'float32' | 'float64' | 'int32' | 'int64';

export const MATMUL_KERNEL: Record<MatmulDtype, KernelId> = {
  float32: KernelId.MATMUL_F32,
  float64: KernelId.MATMUL_F64,
  int32: KernelId.MATMUL_I32,
  int64: KernelId.MATMUL_I64,
};

/** The fields of x_matmul_args (args.ts documents each); pointers are byte offsets, strides in elements. */
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

/** Writes x_matmul_args through int32 and float64 views that start at the struct. */
export function writeMatmulArgs(A: Int32Array, F: Float64Array, p: MatmulParams): void {
  const ldc = p.ldc ?? p.N;
  A[MatmulArgs.M] = p.M;
  A[MatmulArgs.N] = p.N;
  A[MatmulArgs.K] = p.K;
  A[MatmulArgs.batch] = p.batch ?? 1;
  A[MatmulArgs.a] = p.a;
  A[MatmulArgs.a_rs] = p.aRowStride;
  A[MatmulArgs.a_cs] = p.aColStride;
  A[MatmulArgs.a_bs] = p.aBatchStride ?? 0;
  A[MatmulArgs.b] = p.b;
  A[MatmulArgs.b_rs] = p.bRowStride;
  A[MatmulArgs.b_cs] = p.bColStride;
  A[MatmulArgs.b_bs] = p.bBatchStride ?? 0;
  A[MatmulArgs.c] = p.c;
  A[MatmulArgs.ldc] = ldc;
  A[MatmulArgs.c_bs] = p.cBatchStride ?? p.M * ldc;
  F[MatmulArgsF64.alpha] = p.alpha ?? 1;
  F[MatmulArgsF64.beta] = p.beta ?? 0;
}

/** Work (flops) below which a matmul runs on the main thread alone. */
export const MATMUL_MIN_FLOPS_PER_PART = 1 << 19;

/** Runs a batched strided matmul, threaded when it is large enough. */
export function matmul(rt: Runtime, dtype: MatmulDtype, p: MatmulParams, nparts?: number): void {
  const { buffer } = rt.memory;
  writeMatmulArgs(new Int32Array(buffer, rt.argsPtr), new Float64Array(buffer, rt.argsPtr), p);
  const flops = 2 * p.M * p.N * p.K * (p.batch ?? 1);
  rt.run(MATMUL_KERNEL[dtype], rt.argsPtr, nparts ?? rt.partsFor(flops, MATMUL_MIN_FLOPS_PER_PART, 2));
}
