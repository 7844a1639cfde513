/**
 * Browser host: Web Workers started from a Blob URL, wasm files fetched relative to this module.
 * Threads need cross-origin isolation (COOP/COEP headers) for SharedArrayBuffer; without it the
 * runtime falls back to the single-threaded build. The browser main thread cannot block in
 * Atomics.wait, so it spins while workers finish a job (run kernels from a worker to avoid it).
 */
import type { Platform, WorkerHandle } from './platform.js';
import { probeAtomicsWait } from './platform.js';
import { WEB_WORKER_SOURCE, type WorkerInit } from './worker-source.js';

/** Literal URLs so that bundlers (vite, webpack, esbuild) see and copy the assets. */
function defaultUrl(file: string): URL {
  switch (file) {
    case 'x.wasm':
      return new URL('../wasm/x.wasm', import.meta.url);
    case 'x-relaxed.wasm':
      return new URL('../wasm/x-relaxed.wasm', import.meta.url);
    case 'x-st.wasm':
      return new URL('../wasm/x-st.wasm', import.meta.url);
    case 'x-st-relaxed.wasm':
      return new URL('../wasm/x-st-relaxed.wasm', import.meta.url);
    default:
      return new URL(`../wasm/${file}`, import.meta.url);
  }
}

let workerUrl: string | undefined;

export const webPlatform: Platform = {
  name: 'web',
  async readWasm(file, dir) {
    const url =
      dir === undefined ? defaultUrl(file) : new URL(file, String(dir).endsWith('/') ? dir : `${String(dir)}/`);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`@x/backend-wasm: fetching ${url.href} failed: ${res.status}`);
    return res.arrayBuffer();
  },
  spawnWorker(init: WorkerInit, onError): WorkerHandle {
    workerUrl ??= URL.createObjectURL(new Blob([WEB_WORKER_SOURCE], { type: 'text/javascript' }));
    const w = new Worker(workerUrl);
    w.onmessage = (e: MessageEvent) => {
      const m: unknown = e.data;
      if (m && typeof m === 'object' && 'error' in m) onError(String((m as { error: unknown }).error));
    };
    w.onerror = (e: ErrorEvent) => onError(e.message);
    w.postMessage(init);
    return {
      terminate() {
        w.terminate();
        return Promise.resolve();
      },
    };
  },
  hardwareConcurrency() {
    return typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 1;
  },
  sharedMemoryAvailable() {
    if (typeof SharedArrayBuffer !== 'function')
      return { ok: false, reason: 'SharedArrayBuffer is not available' };
    const g = globalThis as { crossOriginIsolated?: boolean };
    if (g.crossOriginIsolated === false)
      return {
        ok: false,
        reason: 'the page is not cross-origin isolated (serve it with COOP: same-origin and COEP: require-corp)',
      };
    return { ok: true };
  },
  mainThreadCanWait: probeAtomicsWait,
};
