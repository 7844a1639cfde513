/** torch.utils.data.random_split: disjoint random subsets of given lengths or fractions. */
import { randperm, type Generator } from '@x/tensor';
import { isOptionsObject } from './args';
import type { MapDataset } from './dataset';
import { Subset } from './subset';
import { warn } from './warn';

/**
 * Splits `dataset` into non-overlapping `Subset`s. `lengths` are counts summing to the dataset's
 * length, or fractions summing to 1: each gets floor(n·f) and the remainder is dealt out one by one
 * from the first split on, as PyTorch does. The order comes from `randperm(n, { generator })`.
 *
 * @example
 * const [train, val] = randomSplit(ds, [0.8, 0.2], torch.manualSeed(42)); // or { generator }
 */
export function randomSplit<T>(
  dataset: MapDataset<T> | readonly T[],
  lengths: readonly number[],
  generator?: Generator | { generator?: Generator },
): Subset<T>[] {
  const gen = isOptionsObject(generator) ? (generator as { generator?: Generator }).generator : (generator as Generator | undefined);
  const n = dataset.length;
  let counts = [...lengths];
  const total = counts.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) <= 1e-9 && total <= 1) {
    counts = lengths.map((frac, i) => {
      if (frac < 0 || frac > 1) throw new Error(`Fraction at index ${i} is not between 0 and 1`);
      return Math.floor(n * frac);
    });
    const remainder = n - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) counts[i % counts.length]! += 1;
    counts.forEach((len, i) => {
      if (len === 0) warn(`Length of split at index ${i} is 0. This might result in an empty dataset.`);
    });
  }
  if (counts.some((c) => !Number.isInteger(c) || c < 0)) {
    throw new Error(`random_split lengths must be non-negative integers or fractions summing to 1, got [${lengths.join(', ')}]`);
  }
  if (counts.reduce((a, b) => a + b, 0) !== n) {
    throw new Error(`Sum of input lengths does not equal the length of the input dataset! (lengths sum to ${counts.reduce((a, b) => a + b, 0)}, the dataset has ${n})`);
  }
  const perm = randperm(n, { generator: gen, device: 'cpu' });
  const indices = Array.from(perm.numpy() as BigInt64Array, Number);
  perm.dispose();
  let offset = 0;
  return counts.map((len) => new Subset(dataset, indices.slice(offset, (offset += len))));
}
