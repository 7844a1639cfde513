/** torch.utils.data.Dataset: a map-style dataset, samples looked up by index. */
import type { WorkerSource } from './module-ref';

/** Anything with `getItem(i)` and `length`: what the DataLoader and the samplers need of a map-style dataset. */
export interface MapDataset<T = unknown> {
  getItem(index: number): T;
  readonly length: number;
}

/**
 * Subclass it as PyTorch's `Dataset` (`__getitem__` → `getItem`, `__len__` → `length`).
 * `getItem` may return a Promise when the loader is iterated with `for await`.
 *
 * With `numWorkers > 0` each worker thread receives the dataset as it is here (its class and its
 * fields; the constructor does not run again), as PyTorch's spawned workers unpickle it. A worker
 * finds the class by name, so load the dataset with `datasetFromModule` from a module that exports
 * it (see the @x/data README, "Workers").
 *
 * @example
 * class Squares extends Dataset<[number, number]> {
 *   get length() { return 10; }
 *   getItem(i: number): [number, number] { return [i, i * i]; }
 * }
 */
export abstract class Dataset<T = unknown> implements MapDataset<T> {
  abstract getItem(index: number): T;
  abstract get length(): number;
  /**
   * Optional, as pickle's `__reduce__`: a worker thread then builds its copy by calling a module's
   * export with `args` instead of receiving this object's fields. Only for a dataset whose
   * construction gives the same dataset every time (no random draws); undefined: send the fields.
   */
  workerSource?(): WorkerSource | undefined;
}

/** Whether x is map-style: it has a getItem method (a Dataset subclass or a duck-typed object), or is an array. */
export function isMapDataset(x: unknown): x is MapDataset | readonly unknown[] {
  return Array.isArray(x) || typeof (x as { getItem?: unknown } | null)?.getItem === 'function';
}

/** `dataset[i]` for a map-style dataset; a plain array serves as one, as a Python list does. */
export function getItemOf<T>(dataset: MapDataset<T> | readonly T[], index: number): T {
  if (Array.isArray(dataset)) {
    const n = dataset.length;
    const i = index < 0 ? index + n : index;
    if (!Number.isInteger(index) || i < 0 || i >= n) throw new RangeError(`list index out of range: ${index} (length ${n})`);
    return dataset[i] as T;
  }
  return (dataset as MapDataset<T>).getItem(index);
}
