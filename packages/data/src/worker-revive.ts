/**
 * What an object that keeps per-instance functions tells the worker codec (pickle's `__getstate__`
 * and `__setstate__`, for the one thing a thread cannot copy). A function-valued own property marked
 * `WORKER_TRANSIENT` is left out when the object is sent; the copy a worker builds has its class's
 * prototype and its other fields, and then its `WORKER_REVIVE` method, if the class has one, runs to
 * make those functions again. nn.Module uses it for the per-instance `forward` that runs hooks.
 * Registry symbols (`Symbol.for`), so a package marks its objects without depending on this one.
 */
export const WORKER_TRANSIENT: unique symbol = Symbol.for('@x/data.workerTransient') as never;
export const WORKER_REVIVE: unique symbol = Symbol.for('@x/data.workerRevive') as never;

/** Whether v is a function its owner rebuilds in the worker (not sent). */
export function isWorkerTransient(v: unknown): boolean {
  return typeof v === 'function' && (v as { [WORKER_TRANSIENT]?: unknown })[WORKER_TRANSIENT] === true;
}

/** Runs obj's revive method, if its class has one, once its fields are in place. */
export function reviveInWorker(obj: object): void {
  const revive = (obj as { [WORKER_REVIVE]?: unknown })[WORKER_REVIVE];
  if (typeof revive === 'function') revive.call(obj);
}
