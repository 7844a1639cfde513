/** The results file: what ran, on what, and the numbers of every epoch, as JSON. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EpochRecord } from './checkpoint';
import type { Options } from './options';

export interface Results {
  /** False while the run goes on (the file is rewritten after every epoch), true at its end. */
  finished: boolean;
  program: string;
  options: Options;
  backend: { device: string; name: string; threads: number };
  node: string;
  seed: number;
  data: { kind: 'full' | 'subset'; root: string; how: string; train: number; test: number };
  epochs: EpochRecord[];
  bestAccuracy: number;
  /** Wall seconds of this run (a resumed run counts only its own epochs). */
  seconds: number;
  files: { model: string; checkpoint: string; plot: string; results: string };
}

/** Writes the results atomically (a temporary file renamed into place). */
export function writeResults(path: string, results: Results): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(tmp, path);
}
