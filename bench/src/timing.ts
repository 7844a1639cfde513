/** Median-of-runs timing: machines are shared and noisy, so every figure is a median. */

export interface Timing {
  /** median seconds per call */
  median: number;
  runs: number;
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
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)]!, runs: samples.length };
}
