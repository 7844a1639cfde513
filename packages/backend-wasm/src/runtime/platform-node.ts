/**
 * Node.js host: worker_threads workers (unref'd so they never keep the process alive), wasm files
 * read with fs from the package's wasm/ folder. All Node-specific imports live in this file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Platform, WorkerHandle } from './platform.js';
import { probeAtomicsWait } from './platform.js';
import { NODE_WORKER_SOURCE, type WorkerInit } from './worker-source.js';

/**
 * Directory of this module, in both the ESM build (import.meta.url) and the CJS build (__dirname).
 * import.meta.url comes first: an ES module sees no __dirname of its own, but `node -e` defines a
 * global `__dirname` of '.', which made `node -e "import('@x/torch')"` search the working directory.
 */
function moduleDir(): string {
  const url = (import.meta as { url?: string }).url; // absent in the CJS build
  if (typeof url === 'string' && url.startsWith('file:')) return dirname(fileURLToPath(url));
  if (typeof __dirname === 'string') return __dirname;
  throw new Error('@x/backend-wasm: cannot locate this module (neither import.meta.url nor __dirname is set); set X_BACKEND_WASM_DIR');
}

let cachedDir: string | undefined;

/** The package's wasm/ folder: found by walking up from this module (src/runtime, dist, ...). */
export function wasmDir(): string {
  if (cachedDir !== undefined) return cachedDir;
  const env = typeof process !== 'undefined' ? process.env['X_BACKEND_WASM_DIR'] : undefined;
  if (env) return (cachedDir = resolve(env));
  let d = moduleDir();
  for (let i = 0; i < 5; i++) {
    const cand = join(d, 'wasm');
    if (existsSync(join(cand, 'x.wasm'))) return (cachedDir = cand);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  throw new Error(
    `@x/backend-wasm: cannot find wasm/x.wasm above ${moduleDir()} ` +
      `(set X_BACKEND_WASM_DIR or pass the wasm option)`,
  );
}

function filePath(file: string, dir?: string | URL): string {
  if (dir === undefined) return join(wasmDir(), file);
  if (dir instanceof URL) return fileURLToPath(new URL(file, dir.href.endsWith('/') ? dir : `${dir.href}/`));
  return join(dir, file);
}

export const nodePlatform: Platform = {
  name: 'node',
  entryModule() {
    // dist/ holds the bundles beside the entry; from src/runtime (tests), the entry is ../index.ts
    const dir = moduleDir();
    for (const file of ['index.js', 'index.cjs', '../index.ts']) {
      const path = join(dir, file);
      if (existsSync(path)) return pathToFileURL(path).href;
    }
    return undefined;
  },
  async readWasm(file, dir) {
    return new Uint8Array(await readFile(filePath(file, dir)));
  },
  readWasmSync(file, dir) {
    return new Uint8Array(readFileSync(filePath(file, dir)));
  },
  spawnWorker(init: WorkerInit, onError): WorkerHandle {
    // The worker is plain JavaScript: it must not inherit the parent's loader hooks (tsx, ts-node…),
    // which would make it load a TypeScript toolchain and start seconds late (jobs run without it
    // until it is up, i.e. single-threaded).
    const w = new Worker(NODE_WORKER_SOURCE, { eval: true, workerData: init, execArgv: [] });
    w.on('message', (m: unknown) => {
      if (m && typeof m === 'object' && 'error' in m) onError(String((m as { error: unknown }).error));
    });
    w.on('error', (e: Error) => onError(e.message));
    // after the listeners: adding a 'message' listener refs the worker again
    w.unref();
    return {
      async terminate() {
        await w.terminate();
      },
    };
  },
  hardwareConcurrency() {
    return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  },
  sharedMemoryAvailable() {
    return typeof SharedArrayBuffer === 'function'
      ? { ok: true }
      : { ok: false, reason: 'SharedArrayBuffer is not available in this Node.js process' };
  },
  enableRelaxedSimd() {
    // V8 11.3 (Node 20) implements relaxed SIMD with the final opcodes behind a flag; it is
    // on by default from V8 11.4 (Node 22). Older V8s used other opcodes: leave them alone.
    const [major = 0, minor = 0] = process.versions.v8.split('.').map(Number);
    if (major < 11 || (major === 11 && minor < 3)) return false;
    v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
    return true;
  },
  mainThreadCanWait: probeAtomicsWait,
};
