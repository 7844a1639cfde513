/** torch.utils.data.get_worker_info(): who am I, inside a DataLoader worker. */

export interface WorkerInfo {
  /** This worker's index, 0 … numWorkers-1. */
  readonly id: number;
  readonly numWorkers: number;
  /** The seed this worker's default generator got: the loader's base seed + id, as in PyTorch. */
  readonly seed: bigint;
  /** This worker's own copy of the dataset. */
  readonly dataset: unknown;
}

// Kept on the thread's global object, not in this module: a worker running the CommonJS build has
// its entry's copy of this module beside the package's, and both must answer alike.
const CURRENT = Symbol.for('@x/data.workerInfo');
const slot = globalThis as { [CURRENT]?: WorkerInfo | null };

/**
 * In a DataLoader worker thread, its id, the worker count, its seed and its copy of the dataset;
 * null in the main thread. An IterableDataset uses it to give each worker a share of the stream.
 *
 * @example
 * *[Symbol.iterator]() {
 *   const info = getWorkerInfo();
 *   const [start, step] = info ? [info.id, info.numWorkers] : [0, 1];
 *   for (let i = this.start + start; i < this.end; i += step) yield i;
 * }
 */
export function getWorkerInfo(): WorkerInfo | null {
  return slot[CURRENT] ?? null;
}

/** @internal Set by the worker entry once the dataset is rebuilt, before workerInitFn runs. */
export function setWorkerInfo(info: WorkerInfo): void {
  slot[CURRENT] = info;
}
