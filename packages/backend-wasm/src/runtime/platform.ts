/**
 * What the runtime needs from its host (Node or a browser). Implementations:
 * platform-node.ts (worker_threads, fs) and platform-web.ts (Web Workers, fetch).
 */
import type { WorkerInit } from './worker-source.js';

export interface WorkerHandle {
  /** Stops the worker; resolves once it can no longer run (its stack may then be reused). */
  terminate(): Promise<void>;
}

export interface Platform {
  readonly name: string;
  /** Reads a file of the wasm/ folder shipped with the package (e.g. "x.wasm"). */
  readWasm(file: string, dir?: string | URL): Promise<BufferSource>;
  /** Synchronous variant, where the platform has one (Node). */
  readWasmSync?(file: string, dir?: string | URL): BufferSource;
  /** Starts a worker running the pool's worker loop; onError gets failures it reports. */
  spawnWorker(init: WorkerInit, onError: (message: string) => void): WorkerHandle;
  /** The package's main module as a file URL, for another thread to import (DataLoader workers), where there is one. */
  entryModule?(): string | undefined;
  /** Number of hardware threads. */
  hardwareConcurrency(): number;
  /** Whether SharedArrayBuffer / shared WebAssembly memory can be used here. */
  sharedMemoryAvailable(): { ok: boolean; reason?: string };
  /**
   * Turns on relaxed SIMD where the engine has it behind a flag (Node 20: V8 11.3's
   * --experimental-wasm-relaxed-simd, final opcodes). Returns whether it tried.
   */
  enableRelaxedSimd?(): boolean;
  /** Whether the calling (main) thread may block in Atomics.wait. */
  mainThreadCanWait(): boolean;
}

/** Atomics.wait with timeout 0 on a private buffer throws where blocking is not allowed. */
export function probeAtomicsWait(): boolean {
  try {
    const i = new Int32Array(new SharedArrayBuffer(4));
    Atomics.wait(i, 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}
