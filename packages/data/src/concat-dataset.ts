/** torch.utils.data.ConcatDataset: several map-style datasets read one after another. */
import { Dataset, getItemOf, isMapDataset, type MapDataset } from './dataset';
import { isIterableDataset } from './iterable-dataset';

/**
 * @example
 * const both = new ConcatDataset([trainA, trainB]);
 * both.length === trainA.length + trainB.length;
 */
export class ConcatDataset<T = unknown> extends Dataset<T> {
  readonly datasets: readonly (MapDataset<T> | readonly T[])[];
  /** Running totals of the lengths (PyTorch's cumulative_sizes). */
  readonly cumulativeSizes: readonly number[];

  constructor(datasets: Iterable<MapDataset<T> | readonly T[]>) {
    super();
    this.datasets = [...datasets];
    if (this.datasets.length === 0) throw new Error('datasets should not be an empty iterable');
    this.datasets.forEach((d, i) => {
      if (isIterableDataset(d) || !isMapDataset(d)) throw new TypeError(`ConcatDataset does not support IterableDataset (dataset ${i} is not map-style)`);
    });
    let total = 0;
    this.cumulativeSizes = this.datasets.map((d) => (total += d.length));
  }

  get length(): number {
    return this.cumulativeSizes[this.cumulativeSizes.length - 1]!;
  }

  getItem(index: number): T {
    let idx = index;
    if (idx < 0) {
      if (-idx > this.length) throw new Error('absolute value of index should not exceed dataset length');
      idx += this.length;
    }
    if (!Number.isInteger(idx) || idx >= this.length) throw new RangeError(`index ${index} is out of range for a ConcatDataset of length ${this.length}`);
    // bisect_right, as PyTorch finds the dataset holding idx.
    let lo = 0;
    let hi = this.cumulativeSizes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulativeSizes[mid]! <= idx) lo = mid + 1;
      else hi = mid;
    }
    const sampleIdx = lo === 0 ? idx : idx - this.cumulativeSizes[lo - 1]!;
    return getItemOf(this.datasets[lo]!, sampleIdx);
  }
}
