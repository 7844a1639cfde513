/**
 * Which DataLoader worker this thread is, read without depending on @x/data: the worker entry keeps
 * its WorkerInfo on the thread's global object under a registry symbol (see @x/data's worker-info).
 * A random state used inside a worker mixes the worker's seed into its own, so every worker draws
 * its own stream with no `workerInitFn` (imgaug needs one: `ia.seed(...)` per worker).
 */
const WORKER_INFO = Symbol.for('@x/data.workerInfo');

/** The seed of the DataLoader worker running this thread (the loader's base seed + worker id), or null outside workers. */
export function currentWorkerSeed(): bigint | null {
  const info = (globalThis as { [WORKER_INFO]?: { seed?: unknown } | null })[WORKER_INFO];
  if (info === null || info === undefined) return null;
  const s = info.seed;
  return typeof s === 'bigint' ? s : typeof s === 'number' ? BigInt(Math.trunc(s)) : null;
}

const MASK64 = (1n << 64n) - 1n;

/** splitmix64's finalizer: spreads every input bit over the whole 64-bit output. */
function mix64(x: bigint): bigint {
  let z = (x + 0x9e3779b97f4a7c15n) & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/** A 64-bit seed made of a stream's seed and a worker's seed: distinct workers give unrelated streams. */
export function workerSeedFor(seed: bigint, workerSeed: bigint): bigint {
  return mix64(mix64(seed) ^ BigInt.asUintN(64, workerSeed));
}
