/** Browser entry of the runtime (Web Workers, fetch). */
import { webPlatform } from './platform-web.js';
import { createRuntimeWith, type Runtime, type RuntimeOptions } from './runtime.js';

export * from './index.js';
export { webPlatform } from './platform-web.js';

export function createRuntime(opts?: RuntimeOptions): Promise<Runtime> {
  return createRuntimeWith(webPlatform, opts);
}
