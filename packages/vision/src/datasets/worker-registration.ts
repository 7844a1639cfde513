/**
 * Makes src/worker-names known to DataLoader workers, once, when the first vision dataset is made.
 * Each dataset class calls it (not VisionDataset, which worker-names' modules extend: importing this
 * from there would evaluate them before their base class exists).
 */
import { registerWorkerModule } from '@x/data';
import * as names from '../worker-names';

let registered = false;

/** worker-names beside this file, in the same form: from source src/worker-names.ts; built, dist/worker-names.js or .cjs beside every chunk. */
function workerNamesUrl(): URL {
  const here = new URL(import.meta.url);
  const ext = /\.[cm]?[jt]s$/.exec(here.pathname)?.[0] ?? '.js';
  return ext === '.ts' ? new URL('../worker-names.ts', here) : new URL(`./worker-names${ext}`, here);
}

export function registerVisionWorkerNames(): void {
  if (registered) return;
  registered = true;
  registerWorkerModule(workerNamesUrl(), names as unknown as Record<string, unknown>);
}
