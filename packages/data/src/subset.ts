/** torch.utils.data.Subset: a dataset seen through a list of indices. */
import { Dataset, getItemOf, type MapDataset } from './dataset';

/**
 * Item i is `dataset.getItem(indices[i])`.
 *
 * @example
 * const firstTen = new Subset(ds, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
 */
export class Subset<T = unknown> extends Dataset<T> {
  readonly indices: readonly number[];

  constructor(readonly dataset: MapDataset<T> | readonly T[], indices: Iterable<number> | ArrayLike<number>) {
    super();
    this.indices = Array.from(indices as ArrayLike<number>, Number);
  }

  getItem(index: number): T {
    const n = this.indices.length;
    const i = index < 0 ? index + n : index;
    if (!Number.isInteger(index) || i < 0 || i >= n) throw new RangeError(`Subset index ${index} is out of range for a subset of length ${n}`);
    return getItemOf(this.dataset, this.indices[i]!);
  }

  get length(): number {
    return this.indices.length;
  }
}
