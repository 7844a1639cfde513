/**
 * Platform-neutral part of the wasm runtime. Hosts: ./node.ts (Node.js) and ./web.ts (browsers)
 * export createRuntime bound to their platform; createRuntimeWith takes any Platform.
 */
export {
  Runtime,
  createRuntimeSyncWith,
  createRuntimeWith,
  relaxedSimdSupported,
  type RuntimeOptions,
  type SimdMode,
  type XExports,
} from './runtime.js';
export { Heap, OutOfMemoryError, type HeapStats } from './memory.js';
export type { Platform, WorkerHandle } from './platform.js';
export { ABI_VERSION, ARGS_BYTES, KernelId } from './args.js';
export {
  MATMUL_MIN_FLOPS_PER_PART,
  matmul,
  writeMatmulArgs,
  type MatmulDtype,
  type MatmulParams,
} from './kernels.js';
