/**
 * @x/backend-wasm in browsers (the "browser" export condition): the same backend, created
 * asynchronously (wasm is fetched; there is no synchronous creation on the web). Threads need
 * cross-origin isolation (COOP/COEP) for SharedArrayBuffer, else the single-threaded build runs.
 * Importing this module registers nothing.
 */
import { registerBackend } from '@x/tensor';
import { WasmBackend } from './backend.js';
import { createRuntime, type RuntimeOptions } from './runtime/web.js';

export { WasmBackend } from './backend.js';
export type { RuntimeOptions } from './runtime/web.js';

export interface WasmBackendOptions {
  /** Total threads including the main thread (default: min(hardware threads, 4)). */
  threads?: number;
  /** 'auto' (default) uses relaxed SIMD where the engine supports it. */
  simd?: RuntimeOptions['simd'];
  /** URL of the folder holding x*.wasm, instead of the package's own wasm/ folder. */
  wasmDir?: string | URL;
  /** Force the single-threaded build (no SharedArrayBuffer needed). */
  singleThreaded?: boolean;
}

/** Fetches and compiles the wasm module, then starts the worker threads. */
export async function createWasmBackend(options: WasmBackendOptions = {}): Promise<WasmBackend> {
  const o: RuntimeOptions = {};
  if (options.threads !== undefined) o.threads = options.threads;
  if (options.simd !== undefined) o.simd = options.simd;
  if (options.wasmDir !== undefined) o.wasmDir = options.wasmDir;
  if (options.singleThreaded !== undefined) o.singleThreaded = options.singleThreaded;
  const rt = await createRuntime(o);
  await rt.ready();
  return new WasmBackend(rt);
}

let shared: WasmBackend | null = null;

/** The backend registerWasmBackend() registered last, if any. */
export function getWasmBackend(): WasmBackend | null {
  return shared;
}

/** Registers a wasm backend for 'cpu' with priority 10: the given one, or a new default one. */
export async function registerWasmBackend(backend?: WasmBackend, options: { priority?: number } = {}): Promise<WasmBackend> {
  const b = backend ?? shared ?? (await createWasmBackend());
  shared = b;
  registerBackend(b, { priority: options.priority ?? 10 });
  return b;
}

function registered(): WasmBackend {
  if (!shared) throw new Error('@x/backend-wasm: call registerWasmBackend() first');
  return shared;
}

/** Sets the number of threads (main thread included) of the registered backend. */
export function setNumThreads(n: number): void {
  registered().setThreads(n);
}

/** Threads (main thread included) of the registered backend. */
export function getNumThreads(): number {
  return registered().threads;
}
