/**
 * @x/backend-wasm: the default CPU backend of @x (C kernels compiled to WebAssembly SIMD128,
 * multithreaded over shared memory). Importing this module registers nothing: call
 * registerWasmBackend() (the umbrella @x/torch does it on import).
 *
 * @example
 * import { registerWasmBackend, setNumThreads } from '@x/backend-wasm';
 * registerWasmBackend();      // 'cpu' tensors now run on wasm
 * setNumThreads(4);
 */
import { registerBackend } from '@x/tensor';
import { WasmBackend } from './backend.js';
import { createRuntime, createRuntimeSync, type RuntimeOptions } from './runtime/node.js';

export { WasmBackend } from './backend.js';
export type { RuntimeOptions } from './runtime/node.js';

export interface WasmBackendOptions {
  /** Total threads including the main thread (default: min(hardware threads, 4)). */
  threads?: number;
  /** 'auto' (default) uses relaxed SIMD where the engine supports it. */
  simd?: RuntimeOptions['simd'];
  /** Folder holding x*.wasm instead of the package's own wasm/ folder. */
  wasmDir?: string | URL;
  /** Force the single-threaded build (no SharedArrayBuffer needed). */
  singleThreaded?: boolean;
}

function runtimeOptions(o: WasmBackendOptions): RuntimeOptions {
  const r: RuntimeOptions = {};
  if (o.threads !== undefined) r.threads = o.threads;
  if (o.simd !== undefined) r.simd = o.simd;
  if (o.wasmDir !== undefined) r.wasmDir = o.wasmDir;
  if (o.singleThreaded !== undefined) r.singleThreaded = o.singleThreaded;
  return r;
}

/** Loads and compiles the wasm module asynchronously, then starts the worker threads. */
export async function createWasmBackend(options: WasmBackendOptions = {}): Promise<WasmBackend> {
  const rt = await createRuntime(runtimeOptions(options));
  await rt.ready();
  return new WasmBackend(rt);
}

/** Synchronous creation (Node): workers start in the background and join jobs once up. */
export function createWasmBackendSync(options: WasmBackendOptions = {}): WasmBackend {
  return new WasmBackend(createRuntimeSync(runtimeOptions(options)));
}

let shared: WasmBackend | null = null;

/** The backend registerWasmBackend() registers (created synchronously on first use). */
export function getWasmBackend(): WasmBackend {
  return (shared ??= createWasmBackendSync());
}

/**
 * Registers a wasm backend for 'cpu' with priority 10 (above the reference backend): the given one,
 * or the shared default one. Returns it.
 */
export function registerWasmBackend(backend?: WasmBackend, options: { priority?: number } = {}): WasmBackend {
  const b = backend ?? getWasmBackend();
  if (!backend) shared = b;
  registerBackend(b, { priority: options.priority ?? 10 });
  return b;
}

/**
 * What a DataLoader worker thread runs when the main thread computes on this backend
 * (`workerSetup`): a one-thread backend of its own for 'cpu', as PyTorch's workers run the same
 * kernels on one thread each.
 */
export function registerWorkerBackend(): WasmBackend {
  // the shared one, so a dataset module that imports @x/torch afterwards starts no thread pool
  shared ??= createWasmBackendSync({ threads: 1 });
  return registerWasmBackend(shared);
}

/** Sets the number of threads (main thread included) of the shared backend. */
export function setNumThreads(n: number): void {
  getWasmBackend().setThreads(n);
}

/** Resolves once the shared backend's worker threads have started (benchmarks wait for this). */
export function threadsReady(): Promise<void> {
  return getWasmBackend().ready();
}

/** Threads (main thread included) of the shared backend. */
export function getNumThreads(): number {
  return getWasmBackend().threads;
}
