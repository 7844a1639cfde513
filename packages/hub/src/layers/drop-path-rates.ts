/** timm's calculate_drop_path_rates (layers/drop.py): stochastic-depth rates rising linearly over the blocks. */

/** torch.linspace(0, rate, n) in float32, as timm reads it with .item(). */
function linspace(rate: number, n: number): number[] {
  if (n === 1) return [0];
  return Array.from({ length: n }, (_, i) => Math.fround((rate * i) / (n - 1)));
}

/** One rate per block, from 0 at the first to `dropPathRate` at the last. */
export function calculateDropPathRates(dropPathRate: number, depth: number): number[] {
  if (!Number.isInteger(depth) || depth < 0) throw new Error(`calculateDropPathRates: expected a depth that is a non-negative integer, got ${depth}`);
  return linspace(dropPathRate, depth);
}

/** The same rising rates over all the stages' blocks, split into one list per stage. */
export function calculateStageDropPathRates(dropPathRate: number, depths: readonly number[]): number[][] {
  const all = calculateDropPathRates(dropPathRate, depths.reduce((a, b) => a + b, 0));
  let start = 0;
  return depths.map((d) => all.slice(start, (start += d)));
}
