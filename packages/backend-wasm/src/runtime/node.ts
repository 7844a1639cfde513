/** Node.js entry of the runtime (worker_threads, fs). */
import { nodePlatform } from './platform-node.js';
import { createRuntimeSyncWith, createRuntimeWith, type Runtime, type RuntimeOptions } from './runtime.js';

export * from './index.js';
export { nodePlatform, wasmDir } from './platform-node.js';

export function createRuntime(opts?: RuntimeOptions): Promise<Runtime> {
  return createRuntimeWith(nodePlatform, opts);
}

/** Synchronous creation: compiles the module and starts the workers (which join jobs once up). */
export function createRuntimeSync(opts?: RuntimeOptions): Runtime {
  return createRuntimeSyncWith(nodePlatform, opts);
}
