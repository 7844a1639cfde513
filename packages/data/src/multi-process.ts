/**
 * Batches read by worker threads, PyTorch's _MultiProcessingDataLoaderIter: up to
 * prefetchFactor × numWorkers tasks are out at once, handed to the workers in turn; batches come back
 * in the sampler's order; a worker's error, death or a timeout stops everything and is thrown here.
 */
import type { LoaderPlan } from './loader-plan';
import type { Outcome, WorkerPool } from './worker-pool';

export interface MultiProcessOptions {
  pool: WorkerPool;
  prefetchFactor: number;
  /** Seconds to wait for one batch; 0 waits forever. */
  timeout: number;
  /** The main thread's collate, when workers return raw samples (a collateFn function). */
  collateInMain: ((batch: any) => unknown) | null;
  /** Called once when the pass ends: spent, stopped early (return() or dropped), or failed (the pool must go). */
  onEnd(how: 'spent' | 'stopped' | 'failed'): void;
}

// Abandoned iterators (a `break` skipped, an iterator dropped) still release their workers.
const abandoned = new FinalizationRegistry<() => void>((stop) => stop());

export class MultiProcessIterator<B> implements AsyncIterableIterator<B> {
  private readonly queue: { worker: number; outcome: Promise<Outcome> }[] = [];
  private readonly active: boolean[];
  private readonly indices: Iterator<number | number[]> | null;
  private nextWorker = 0;
  private done = false;

  constructor(plan: LoaderPlan, private readonly options: MultiProcessOptions) {
    this.active = Array.from({ length: options.pool.size }, () => true);
    this.indices = plan.kind === 'map' ? plan.indexSampler![Symbol.iterator]() : null;
    const { onEnd } = options;
    abandoned.register(this, () => onEnd('stopped'), this);
    for (let i = 0; i < options.prefetchFactor * options.pool.size; i++) this.tryPut();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Sends the next task to the next worker still active; nothing when the sampler is spent or no worker is left. */
  private tryPut(): void {
    let index: number | number[] | null = null;
    if (this.indices) {
      const r = this.indices.next();
      if (r.done) return;
      index = r.value;
    }
    const n = this.active.length;
    for (let k = 0; k < n; k++) {
      const w = (this.nextWorker + k) % n;
      if (!this.active[w]) continue;
      this.nextWorker = (w + 1) % n;
      this.queue.push({ worker: w, outcome: this.options.pool.submit(w, index) });
      return;
    }
  }

  private wait(outcome: Promise<Outcome>): Promise<Outcome> {
    const seconds = this.options.timeout;
    if (seconds <= 0) return outcome;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<Outcome>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'error', error: new Error(`DataLoader timed out after ${seconds} seconds`) }), seconds * 1000);
      timer.unref?.();
    });
    return Promise.race([outcome, timedOut]).finally(() => clearTimeout(timer));
  }

  async next(): Promise<IteratorResult<B>> {
    while (!this.done) {
      const task = this.queue.shift();
      if (!task) {
        this.finish('spent');
        break;
      }
      this.options.pool.hold();
      const outcome = await this.wait(task.outcome).finally(() => this.options.pool.unhold());
      if (this.done) break;
      if (outcome.kind === 'end') {
        this.active[task.worker] = false;
        this.tryPut();
        continue;
      }
      if (outcome.kind === 'error') {
        this.finish('failed');
        throw outcome.error;
      }
      this.tryPut();
      const collate = this.options.collateInMain;
      return { value: (collate ? collate(outcome.value) : outcome.value) as B, done: false };
    }
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<B>> {
    this.finish('stopped');
    return { value: undefined, done: true };
  }

  private finish(how: 'spent' | 'stopped' | 'failed'): void {
    if (this.done) return;
    this.done = true;
    this.queue.length = 0;
    abandoned.unregister(this);
    this.options.onEnd(how);
  }
}
