/**
 * Tensor lifetimes: counting, tidy scopes, and the garbage collector.
 *
 * Every tensor takes one reference on its storage when created and gives it back exactly once: by
 * `dispose()`, by the tidy scope it was created in, or by the FinalizationRegistry after the tensor
 * became unreachable (reclaim.ts sees that this happens before the memory behind them piles up).
 * Scopes are context variables, so `tidy(async () => …)` holds across `await`.
 */
import { contextVar } from './context';
import { finalizationRegistry, onBeforeCollect, reclaimInfo, type ReclaimInfo } from './reclaim';
import type { Storage } from './storage';
import { storageUsage } from './storage';

/** The part of a Tensor this module manages. */
export interface Managed {
  readonly storage: Storage;
  readonly isDisposed: boolean;
  /** Marks the tensor disposed; returns false if it already was. */
  markDisposed(): boolean;
  /** The finalizer's ticket, once it watches the tensor (tensors inside a scope only once they leave it). */
  _ticket: Ticket | null;
}

/**
 * What the finalizer holds for a watched tensor: the storage reference it gives back, or null once
 * the tensor gave it back itself. Registering without an unregister token keeps collections cheap
 * (V8 spends far longer on cells that have one); a disposed tensor clears its ticket instead.
 */
export interface Ticket {
  storage: Storage | null;
}

let liveTensors = 0;

const finalizer = finalizationRegistry<Ticket>((ticket) => {
  const storage = ticket.storage;
  if (storage === null) return;
  ticket.storage = null;
  liveTensors--;
  storage.release();
});

class Scope {
  readonly tensors: Managed[] = [];
  readonly kept = new Set<Managed>();
  constructor(
    readonly parent: Scope | null,
    /** tidy disposes what is left at the end; a leak check only reports it. */
    readonly disposes: boolean,
  ) {}
}

const currentScope = contextVar<Scope | null>(null);

/** Called by every Tensor constructor. */
export function adopt(t: Managed): void {
  t.storage.retain();
  liveTensors++;
  const scope = currentScope.get();
  // A scope holds its tensors strongly until it closes, so the (costly) finalizer registration
  // is deferred to the tensors that outlive it.
  if (scope !== null) scope.tensors.push(t);
  else watchSoon(t);
}

// FinalizationRegistry.register costs about a microsecond, more than a small op itself, and most
// tensors of a hot loop are disposed right after use. So new tensors wait in a short nursery
// (held strongly, at most NURSERY_SIZE of them) and only those still alive when it fills are watched.
const NURSERY_SIZE = 256;
const nursery: Managed[] = [];

function watchSoon(t: Managed): void {
  nursery.push(t);
  if (nursery.length >= NURSERY_SIZE) flushNursery();
}

function flushNursery(): void {
  for (const t of nursery) if (!t.isDisposed) watch(t);
  nursery.length = 0;
}
// A reclaim must be able to find the newest tensors too.
onBeforeCollect(flushNursery);

function watch(t: Managed): void {
  const ticket: Ticket = { storage: t.storage };
  finalizer.register(t, ticket);
  t._ticket = ticket;
}

/** After t.set_() swapped its storage: the finalizer must release the new one, not the old. */
export function storageChanged(t: Managed): void {
  if (t._ticket !== null) t._ticket.storage = t.storage;
}

/** Gives the tensor's storage reference back now; idempotent. */
export function release(t: Managed): void {
  if (!t.markDisposed()) return;
  if (t._ticket !== null) t._ticket.storage = null;
  liveTensors--;
  t.storage.release();
}

function collectTensors(value: unknown, into: Set<Managed>, seen = new Set<unknown>()): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (isManaged(value)) {
    into.add(value);
    return;
  }
  if (Array.isArray(value)) for (const v of value) collectTensors(v, into, seen);
  else if (value instanceof Map) for (const v of value.values()) collectTensors(v, into, seen);
  else if (Object.getPrototypeOf(value) === Object.prototype) {
    for (const v of Object.values(value)) collectTensors(v, into, seen);
  }
}

function isManaged(v: object): v is Managed {
  return 'markDisposed' in v && 'storage' in v;
}

function closeScope(scope: Scope, result: unknown): Managed[] {
  const returned = new Set<Managed>();
  collectTensors(result, returned);
  const leftovers: Managed[] = [];
  for (const t of scope.tensors) {
    if (t.isDisposed) continue;
    if (returned.has(t) || scope.kept.has(t)) {
      // A tensor that leaves a scope belongs to the enclosing one.
      if (scope.parent && !scope.kept.has(t)) scope.parent.tensors.push(t);
      else watch(t);
      continue;
    }
    if (scope.disposes) release(t);
    else {
      leftovers.push(t);
      watch(t);
    }
  }
  return leftovers;
}

function runInScope<R>(scope: Scope, fn: () => R, done: (result: Awaited<R>) => void): R {
  const result = currentScope.run(scope, fn);
  if (result instanceof Promise) {
    return result.then((r: Awaited<R>) => {
      done(r);
      return r;
    }) as R;
  }
  done(result as Awaited<R>);
  return result;
}

/**
 * Runs fn and disposes every tensor it created that is not part of its result (tensors found in
 * returned arrays, Maps and plain objects are kept, as are those passed to `keep`). An async fn is
 * tracked across its awaits; the returned promise resolves after the cleanup.
 *
 * @example
 * const y = torch.tidy(() => x.mul(2).add(1)); // the intermediate x.mul(2) is freed
 */
export function tidy<R>(fn: () => R): R {
  const scope = new Scope(currentScope.get(), true);
  return runInScope(scope, fn, (r) => void closeScope(scope, r));
}

/**
 * Runs fn outside every tidy scope: what it creates is owned by whoever keeps it (the sparse layout's
 * indices and values belong to their sparse tensor and are released with it, not by a scope).
 */
export function outsideScopes<R>(fn: () => R): R {
  return currentScope.run(null, fn);
}

/** Exempts a tensor from disposal by the enclosing tidy scopes. */
export function keep<T extends Managed>(t: T): T {
  for (let s = currentScope.get(); s !== null; s = s.parent) s.kept.add(t);
  return t;
}

/**
 * Runs fn and reports the tensors it created that are still alive at its end and not part of its
 * result: the leaks a loop body would accumulate. Nothing is disposed.
 */
export function findLeaks<R>(fn: () => R): R extends Promise<infer U> ? Promise<{ result: U; leaked: Managed[] }> : { result: R; leaked: Managed[] } {
  const scope = new Scope(currentScope.get(), false);
  let leaked: Managed[] = [];
  const r = runInScope(scope, fn, (res) => {
    leaked = closeScope(scope, res);
  });
  if (r instanceof Promise) return r.then((result) => ({ result, leaked })) as never;
  return { result: r, leaked } as never;
}

export interface MemoryInfo {
  /** Tensors created and not yet released (by dispose, tidy or the garbage collector). */
  numTensors: number;
  numStorages: number;
  numBytes: number;
  backends: Record<string, { numStorages: number; numBytes: number; backendBytes?: number }>;
  /** How tensors nobody disposed are reclaimed here, and what that has cost so far. */
  reclaim: ReclaimInfo;
}

/** Live tensors and bytes, in all and per backend. */
export function memory(): MemoryInfo {
  const info: MemoryInfo = { numTensors: liveTensors, numStorages: 0, numBytes: 0, backends: {}, reclaim: reclaimInfo() };
  for (const [name, u] of storageUsage()) {
    info.numStorages += u.storages;
    info.numBytes += u.bytes;
    info.backends[name] = { numStorages: u.storages, numBytes: u.bytes };
  }
  return info;
}
