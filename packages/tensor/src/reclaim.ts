/**
 * Reclaiming the memory of tensors nobody disposed. Their storage lives where the JavaScript garbage
 * collector does not look (WASM linear memory, GPU buffers): a tensor object is a few hundred bytes
 * to the collector, so left alone it may never collect while megabytes pile up behind those objects.
 * This module gives that memory a voice, and keeps the collector's cost out of the hot path.
 *
 * - Pressure: every storage counts its bytes here. When live storage grows a threshold past what was
 *   live after the last reclaim, the next allocation reclaims. Tensors freed by dispose, tidy or
 *   `using`, and autograd's own releases, lower it: a loop that frees its tensors never pays for a
 *   collection, and one that leaves them to the collector pays once per threshold of garbage.
 * - Reclaim, in Node (the default): a full collection, then the finalizers of the tensors it found
 *   unreachable, run synchronously (`gc()` and `FinalizationRegistry.prototype.cleanupSome`, two V8
 *   features switched on at load through `v8.setFlagsFromString` and taken from a fresh `vm`
 *   context). A synchronous loop is bounded as well as one that awaits. Allocations call it only
 *   at their start, before the backend is asked for memory: every tensor an op still reads is then
 *   an argument or a local it uses later, hence reachable.
 * - Fallback (browsers; Node where the flags cannot be set, or with X_RECLAIM=off): finalizers run
 *   only between tasks, after collections the engine decides on. Past the threshold this module
 *   makes the engine feel the memory (a large untouched ArrayBuffer held until it has collected), and
 *   the places where a loop awaits (the async reads, the DataLoader's `for await`) let the event loop
 *   turn while a collection is pending (settleMemory). A loop that awaits each step then stays
 *   bounded; a synchronous one must free its tensors (tidy, dispose, `using`) or await
 *   settleMemory(): nothing can run a finalizer inside it.
 */

/** What a collector needs: a synchronous full collection and registries that can drain synchronously. */
interface SyncCollector {
  gc(): void;
  FinalizationRegistry: FinalizationRegistryConstructor;
}

interface CleanupSome {
  cleanupSome?(callback?: (held: unknown) => void): void;
}

interface NodeLike {
  getBuiltinModule?: (id: string) => unknown;
  env?: Record<string, string | undefined>;
}

const proc = (globalThis as { process?: NodeLike }).process;

/**
 * V8's `gc` and a FinalizationRegistry with cleanupSome, from a context created after switching
 * the two flags on. The main thread switches them back off, so that contexts and workers made later
 * are as before; a worker thread (flags are process-wide) leaves them on, so that it can never turn
 * them off under another thread that is creating its context.
 */
function nodeCollector(): SyncCollector | null {
  const get = proc?.getBuiltinModule;
  if (typeof get !== 'function' || proc?.env?.X_RECLAIM === 'off') return null;
  try {
    const v8 = get('node:v8') as { setFlagsFromString(flags: string): void };
    const vm = get('node:vm') as { runInNewContext(code: string): unknown };
    const wt = get('node:worker_threads') as { isMainThread?: boolean } | undefined;
    const restore = wt?.isMainThread !== false;
    const hadGc = typeof (globalThis as { gc?: unknown }).gc === 'function';
    const hadCleanup = typeof (FinalizationRegistry.prototype as CleanupSome).cleanupSome === 'function';
    if (!hadGc) v8.setFlagsFromString('--expose-gc');
    if (!hadCleanup) v8.setFlagsFromString('--harmony-weak-refs-with-cleanup-some');
    let c: Partial<SyncCollector>;
    try {
      c = vm.runInNewContext('({ gc: globalThis.gc, FinalizationRegistry })') as Partial<SyncCollector>;
    } finally {
      if (restore && !hadGc) v8.setFlagsFromString('--no-expose-gc');
      if (restore && !hadCleanup) v8.setFlagsFromString('--no-harmony-weak-refs-with-cleanup-some');
    }
    if (typeof c.gc !== 'function' || typeof (c.FinalizationRegistry?.prototype as CleanupSome | undefined)?.cleanupSome !== 'function') return null;
    return c as SyncCollector;
  } catch {
    return null;
  }
}

const collector = nodeCollector();

/**
 * How unreachable tensors are reclaimed here: 'sync' (Node: a collection and the finalizers run
 * inside the allocation that crossed the threshold, so synchronous loops are bounded too), or
 * 'async' (the engine's collections, finalizers between tasks: loops that yield are bounded).
 */
export const reclaimMode: 'sync' | 'async' = collector ? 'sync' : 'async';

type Registry<T> = FinalizationRegistry<T> & CleanupSome;
const drains: (() => void)[] = [];
const beforeCollect: (() => void)[] = [];

/** Runs fn before every reclaim's collection (memory.ts watches the tensors of its nursery). */
export function onBeforeCollect(fn: () => void): void {
  beforeCollect.push(fn);
}

/**
 * A FinalizationRegistry whose finalizers a reclaim runs synchronously (where it can); memory.ts
 * makes the one that returns tensors' storage.
 */
export function finalizationRegistry<T>(cleanup: (held: T) => void): FinalizationRegistry<T> {
  const Ctor = collector?.FinalizationRegistry ?? FinalizationRegistry;
  const r = new Ctor<T>(cleanup) as Registry<T>;
  if (typeof r.cleanupSome === 'function') drains.push(() => r.cleanupSome!());
  return r;
}

export interface ReclaimOptions {
  /**
   * How far the bytes of live storages may grow past what was live after the last reclaim before
   * the next allocation reclaims (default 48 MiB, or a quarter of that live memory if more). Lower
   * bounds memory tighter and collects more often; a full collection costs milliseconds.
   */
  threshold?: number;
  /** Turns automatic reclaiming off (tidy, dispose and `using` still free at once). Default true. */
  enabled?: boolean;
}

const MiB = 1024 * 1024;
const DEFAULT_THRESHOLD = 48 * MiB;
const options = { threshold: DEFAULT_THRESHOLD, enabled: true };

/**
 * Sets the pressure threshold, or turns automatic reclaiming off; fields left out stay as they are.
 * Returns the options as they were, for restoring.
 *
 * @example
 * const saved = torch.setReclaimOptions({ threshold: 256 * 2 ** 20 }); // fewer collections, more memory
 * torch.setReclaimOptions(saved);
 */
export function setReclaimOptions(o: ReclaimOptions): Required<ReclaimOptions> {
  const before = { ...options };
  if (o.threshold !== undefined) {
    if (!(o.threshold >= 0)) throw new RangeError(`threshold must be a number of bytes >= 0, got ${o.threshold}`);
    options.threshold = o.threshold;
  }
  if (o.enabled !== undefined) options.enabled = o.enabled;
  limit = triggerAt();
  nextNudgeAt = limit;
  return before;
}

/**
 * Bytes of live storages (all backends), what was live right after the last reclaim, and the
 * level at which the next allocation reclaims. A loop whose tensors are all freed by dispose, tidy,
 * `using` or autograd stays under it and never pays for a collection; in a loop that leaves tensors
 * to the collector it is crossed once per `threshold` bytes of garbage. Memory that is live during
 * a step (activations kept for backward) may cross it too: the collection then frees little, and
 * the level after it sits above that memory, so such collections stop after a few.
 */
let liveBytes = 0;
let liveAfterReclaim = 0;
let limit = triggerAt();
let allocations = 0;
/** Where no collection runs synchronously: the level of the next ballast (one per threshold of growth). */
let nextNudgeAt = limit;

function triggerAt(): number {
  return liveAfterReclaim + Math.max(options.threshold, liveAfterReclaim / 4);
}

const stats = { reclaims: 0, milliseconds: 0, nudges: 0, collectionsSeen: 0 };

/** Called by every new Storage. */
export function storageCreated(bytes: number): void {
  liveBytes += bytes;
}

/** Called when a storage's memory goes back to its backend. */
export function storageReleased(bytes: number): void {
  liveBytes -= bytes;
  // Where finalizers trickle in between tasks after a collection, the level follows the lowest live
  // memory seen since: the collection's frees arrive after the engine says it collected.
  if (!collector && liveBytes < liveAfterReclaim) rebase();
}

/** Drains every finalizer that is due; cheap when none is. */
function drain(): void {
  for (const d of drains) d();
}

/**
 * Called at the start of every storage allocation, before the backend is asked for memory (a safe
 * point: nothing is half-built). Reclaims when live storage would cross the level.
 */
export function beforeAllocate(bytes: number): void {
  // Finalizers the engine's own collections made due, drained now and then (a synchronous loop
  // never returns to the event loop, where they would otherwise run).
  if ((++allocations & 255) === 0) drain();
  if (liveBytes + bytes < limit || !options.enabled) return;
  if (collector) reclaim();
  else if (liveBytes + bytes >= nextNudgeAt) nudge();
}

/**
 * A full collection, then the finalizers of the tensors it found unreachable, now. Returns false
 * where that cannot run synchronously (browsers), having asked the engine for a collection soon.
 */
export function reclaim(): boolean {
  if (!collector) {
    if (options.enabled) nudge();
    return false;
  }
  const t0 = performance.now();
  for (const fn of beforeCollect) fn();
  collector.gc();
  drain();
  stats.milliseconds += performance.now() - t0;
  stats.reclaims++;
  rebase();
  return true;
}

function rebase(): void {
  liveAfterReclaim = liveBytes;
  limit = triggerAt();
  nextNudgeAt = limit;
}

/**
 * Where no collection can run synchronously (browsers). Engines start a major collection when the
 * memory they account grows, and they account an ArrayBuffer's bytes; one that is never touched
 * costs no physical memory (its zero pages are mapped lazily). So each threshold of growth adds a
 * ballast buffer, held until the engine is seen to have collected (the finalizer of a dropped
 * sentinel runs), then dropped: the engine feels the memory the tensors hold.
 */
const ballast: ArrayBuffer[] = [];
let ballastBytes = 0;
let sentinelOut = false;
/**
 * V8 starts a major collection when its external memory grows 64 MiB past what it was after the
 * last one (kExternalAllocationSoftLimit), and collects at once well past that: a ballast buffer of
 * 128 MiB makes each nudge count, whatever the threshold.
 */
const BALLAST = 128 * MiB;
const MAX_BALLAST = 1024 * MiB;
const sentinels = new FinalizationRegistry<null>(() => {
  sentinelOut = false;
  ballast.length = 0;
  ballastBytes = 0;
  stats.collectionsSeen++;
  rebase();
});

function nudge(): void {
  stats.nudges++;
  // The level stays where the last collection left it; the next ballast comes a threshold later.
  nextNudgeAt = liveBytes + (limit - liveAfterReclaim);
  const bytes = BALLAST;
  if (ballastBytes + bytes <= MAX_BALLAST) {
    try {
      ballast.push(new ArrayBuffer(bytes));
      ballastBytes += bytes;
    } catch {
      // an engine that refuses the allocation: the sentinel still tells when it collected
    }
  }
  if (!sentinelOut) {
    sentinelOut = true;
    sentinels.register({}, null);
  }
}

/** Whether a collection was asked for and its finalizers may be waiting for the event loop. */
export function reclaimPending(): boolean {
  return sentinelOut;
}

const HARD = 3;
const WAIT_MS = 1000;

/**
 * Resolves at once, unless finalizers run only between tasks here (browsers) and a collection is
 * pending: then it lets the event loop turn once, and waits for the collection (at most a second)
 * while memory is more than three thresholds past the level. The asynchronous reads
 * (`await t.itemAsync()`, …) and the DataLoader's `for await` (Node) call it, so that a loop which
 * awaits each step cannot outrun the engine's collections; a loop that awaits nothing else can.
 *
 * @example
 * for (const batch of batches) { step(batch); await torch.settleMemory(); }
 */
export async function settleMemory(): Promise<void> {
  if (!sentinelOut) return;
  const seen = stats.collectionsSeen;
  const t0 = performance.now();
  await nextTask();
  while (stats.collectionsSeen === seen && liveBytes > limit + HARD * (limit - liveAfterReclaim) && performance.now() - t0 < WAIT_MS) {
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** One turn of the event loop (a message, not a clamped timer), where finalizers get to run. */
export function nextTask(): Promise<void> {
  const MC = (globalThis as { MessageChannel?: typeof MessageChannel }).MessageChannel;
  if (MC === undefined) return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const c = new MC();
    c.port1.onmessage = () => {
      c.port1.close();
      resolve();
    };
    c.port2.postMessage(null);
  });
}

export interface ReclaimInfo {
  /** 'sync': Node, collections run inside the allocation that crosses the threshold; 'async': between tasks. */
  mode: 'sync' | 'async';
  enabled: boolean;
  /** The threshold in bytes. */
  threshold: number;
  /** Bytes of live storages, and the level at which the next allocation reclaims. */
  liveBytes: number;
  triggerBytes: number;
  /** Reclaims run, and the milliseconds they took in all. */
  reclaims: number;
  milliseconds: number;
  /** Where none can run synchronously: collections asked of the engine, and those seen to happen. */
  nudges: number;
  collectionsSeen: number;
}

export function reclaimInfo(): ReclaimInfo {
  return { mode: reclaimMode, enabled: options.enabled, threshold: options.threshold, liveBytes, triggerBytes: limit, ...stats };
}
