/** PyTorch (Debian's python3-torch) with 2 threads, run as a child process on the same machine. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Case } from './cases';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../torch_peer.py', import.meta.url));

/** Why PyTorch cannot be measured here, or null when it can. */
export function unavailable(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const r = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  return r.status === 0 ? null : `${PYTHON} cannot import torch (apt-get install -y python3-torch)`;
}

export function version(): string {
  return spawnSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' }).stdout.trim();
}

/**
 * Median seconds per call for each case, measured by torch_peer.py, and the BLAS library PyTorch
 * loaded (Debian's torch uses whatever libblas.so.3 points to: the reference BLAS is ~15x slower
 * at matmul than OpenBLAS, `apt-get install libopenblas0-pthread`).
 */
export function runAll(cases: Case[]): { times: number[]; blas: string } {
  const r = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`torch_peer.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { times: number[]; blas: string };
}

/** Median seconds of one Adam step over the seed CNN's parameters (torch_peer_optim.py, 2 threads). */
export function adamStep(): number {
  const script = fileURLToPath(new URL('../torch_peer_optim.py', import.meta.url));
  const r = spawnSync(PYTHON, [script, '2'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`torch_peer_optim.py failed: ${r.stderr}`);
  return Number(r.stdout.trim().split('\n').pop());
}
