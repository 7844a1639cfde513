/** Median-of-runs timing: machines are shared and noisy, so every figure is a median. */

export interface Timing {
  /** median seconds per call */
  median: number;
  runs: number;
}

/** The middle value (the upper of the two middle ones for an even count). */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

/** Times fn (one call = one unit of work) after a warm-up; at least `minRuns` runs and ~`budget` s. */
export function time(fn: () => void, options: { minRuns?: number; budget?: number; warmup?: number } = {}): Timing {
  const { minRuns = 7, budget = 1.5, warmup = 2 } = options;
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < minRuns || (performance.now() - start) / 1000 < budget) {
    const t0 = performance.now();
    fn();
    samples.push((performance.now() - t0) / 1000);
    if (samples.length >= 200) break;
  }
  return { median: median(samples), runs: samples.length };
}

/** time() for a function that resolves when its work is done (ONNX Runtime's session.run). */
export async function timeAsync(fn: () => Promise<unknown>, options: { minRuns?: number; budget?: number; warmup?: number } = {}): Promise<Timing> {
  const { minRuns = 7, budget = 1.5, warmup = 2 } = options;
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < minRuns || (performance.now() - start) / 1000 < budget) {
    const t0 = performance.now();
    await fn();
    samples.push((performance.now() - t0) / 1000);
    if (samples.length >= 200) break;
  }
  return { median: median(samples), runs: samples.length };
}
