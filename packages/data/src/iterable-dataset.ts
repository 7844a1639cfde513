/** torch.utils.data.IterableDataset: a stream of samples, read in order. */
import type { WorkerSource } from './module-ref';

/**
 * Subclass it as PyTorch's `IterableDataset` (`__iter__` → `[Symbol.iterator]`). A source that is
 * asynchronous may define `[Symbol.asyncIterator]` instead; the loader then needs `for await`.
 * `length`, when defined, gives `loader.length`.
 *
 * With `numWorkers > 0` every worker iterates its own copy, so split the work with
 * `getWorkerInfo()` as in PyTorch, or every sample comes once per worker.
 *
 * @example
 * class Range extends IterableDataset<number> {
 *   constructor(readonly start: number, readonly end: number) { super(); }
 *   override *[Symbol.iterator]() { for (let i = this.start; i < this.end; i++) yield i; }
 * }
 */
export abstract class IterableDataset<T = unknown> {}
// Members declared without class fields, so a subclass may define `length` as a getter or a field.
export interface IterableDataset<T = unknown> {
  [Symbol.iterator]?(): Iterator<T>;
  [Symbol.asyncIterator]?(): AsyncIterator<T>;
  readonly length?: number;
  /** As Dataset's: a worker builds its copy by calling a module's export instead of receiving the fields. */
  workerSource?(): WorkerSource | undefined;
}

/** What the loader iterates: an IterableDataset or any object with an iterator and no getItem. */
export type IterableSource<T = unknown> = IterableDataset<T> | Iterable<T> | AsyncIterable<T>;

export function isIterableDataset(x: unknown): x is IterableSource {
  if (x instanceof IterableDataset) return true;
  if (x === null || typeof x !== 'object' || Array.isArray(x) || typeof (x as { getItem?: unknown }).getItem === 'function') return false;
  return Symbol.iterator in x || Symbol.asyncIterator in x;
}
