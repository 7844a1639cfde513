/**
 * The main thread's side of DataLoader workers: starts them, hands each task to one and settles the
 * task's promise with its answer; a worker that dies fails everything it owed. Workers keep the
 * process alive only while someone waits for a batch (`hold`): a pool that is idle, prefetching for
 * nobody, or stuck behind an abandoned iterator never stops the process from exiting.
 */
import { Worker } from 'node:worker_threads';
import { decodeBatch } from './batch-transfer';
import { packageFile } from './module-ref';
import { workerError, type FromWorker, type ToWorker, type WorkerConfig } from './worker-protocol';

export type Outcome = { kind: 'data'; value: unknown } | { kind: 'end' } | { kind: 'error'; error: Error };

interface Pending {
  worker: number;
  settle: (o: Outcome) => void;
}

/** The worker entry next to this module: worker.js / worker.cjs as the main thread's build, worker.ts from source (tests). */
function workerEntry(): URL {
  return packageFile('worker');
}

export class WorkerPool {
  private readonly workers: Worker[];
  private holds = 0;
  private readonly dead: (Error | null)[];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closing = false;

  constructor(configs: readonly WorkerConfig[]) {
    this.workers = configs.map((config) => new Worker(workerEntry(), { workerData: config, name: `DataLoader worker ${config.id}` }));
    this.dead = configs.map(() => null);
    this.workers.forEach((w, i) => {
      w.unref();
      w.on('message', (msg: FromWorker) => this.onMessage(i, msg));
      w.on('error', (e: Error) => this.onDeath(i, workerError(i, { name: e.name, message: e.message, stack: e.stack ?? String(e) })));
      w.on('messageerror', (e: Error) => this.onDeath(i, new Error(`DataLoader worker ${i} sent a message that could not be read: ${e.message}`)));
      w.on('exit', (code) => this.onDeath(i, new Error(`DataLoader worker (id ${i}) exited unexpectedly with exit code ${code}`)));
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /** Sends one task to worker w; the promise settles with its answer (or the worker's death). */
  submit(w: number, index: number[] | number | null): Promise<Outcome> {
    return new Promise<Outcome>((settle) => {
      const dead = this.dead[w];
      if (dead) return settle({ kind: 'error', error: dead });
      const id = this.nextId++;
      this.pending.set(id, { worker: w, settle });
      this.workers[w]!.postMessage({ type: 'task', id, index } satisfies ToWorker);
    });
  }

  /** Keeps the process alive while a caller waits for an answer; pair with `unhold`. */
  hold(): void {
    if (this.holds++ === 0) for (const w of this.workers) w.ref();
  }

  unhold(): void {
    if (--this.holds === 0) for (const w of this.workers) w.unref();
  }

  /** Starts a new pass in every worker (a persistent pool's next epoch). */
  reset(): void {
    this.workers.forEach((w, i) => {
      if (!this.dead[i]) w.postMessage({ type: 'reset' } satisfies ToWorker);
    });
  }

  get alive(): boolean {
    return !this.closing && this.dead.every((d) => d === null);
  }

  /** Stops every worker now; answers still owed are dropped. */
  async terminate(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.pending.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private onMessage(w: number, msg: FromWorker): void {
    const task = this.pending.get(msg.id);
    if (!task) return;
    this.pending.delete(msg.id);
    if (msg.type === 'data') task.settle({ kind: 'data', value: decodeBatch(msg.value) });
    else if (msg.type === 'end') task.settle({ kind: 'end' });
    else task.settle({ kind: 'error', error: workerError(w, msg.error) });
  }

  private onDeath(w: number, error: Error): void {
    if (this.closing || this.dead[w]) return;
    this.dead[w] = error;
    for (const [id, task] of this.pending) {
      if (task.worker !== w) continue;
      this.pending.delete(id);
      task.settle({ kind: 'error', error });
    }
  }
}
