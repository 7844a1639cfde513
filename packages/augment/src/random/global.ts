/**
 * imgaug's global RNG: the state every augmenter made without a `seed` draws from, seeded by `seed(n)`
 * (imgaug's `ia.seed`). Reseeding is in place, so augmenters made before `seed(n)` follow it, as in imgaug.
 */
import { RandomState } from './random-state';
import { currentWorkerSeed, workerSeedFor } from './worker-key';

/**
 * The global state: seeded unpredictably, as imgaug's. Inside a DataLoader worker its stream comes
 * from the worker's seed alone until `seed(n)` is called, so a loader whose seed is fixed (by
 * torch.manualSeed or its generator) repeats its augmentations, as PyTorch's workers seed numpy;
 * seeded in the main thread, each worker mixes its seed in; seeded in a worker (the seed's
 * `worker_init_fn` calling `ia.seed`), that seed alone decides the stream, as in imgaug.
 */
class GlobalRandomState extends RandomState {
  private seeded = false;
  private seededInWorker: bigint | null = null;

  override reseed(seed: number | bigint): this {
    this.seeded = true;
    this.seededInWorker = currentWorkerSeed();
    return super.reseed(seed);
  }

  protected override seedInWorker(workerSeed: bigint): bigint {
    if (!this.seeded) return workerSeedFor(0n, workerSeed);
    return this.seededInWorker === workerSeed ? this.baseSeed : super.seedInWorker(workerSeed);
  }
}

let globalState: RandomState | null = null;

/** The global random state (imgaug's global RNG), made on first use. */
export function getGlobalRandomState(): RandomState {
  globalState ??= new GlobalRandomState();
  return globalState;
}

/**
 * Seeds imgaug's global random state (imgaug's `ia.seed`): every augmenter without its own `seed`
 * then draws the same sequence on every run.
 *
 * @example
 * augment.seed(1);
 * const aug = new iaa.Fliplr(0.5); // flips the same images on every run
 */
export function seed(entropy: number | bigint): void {
  getGlobalRandomState().reseed(entropy);
}

/** What a `seed` option or a `randomState` argument may be: a state, an integer seed, or nothing (the global state). */
export type RandomStateLike = RandomState | number | bigint | null | undefined;

/** A state for `like`: the global state for nothing, a new state for a seed, the state itself otherwise. */
export function normalizeRandomState(like: RandomStateLike): RandomState {
  if (like === undefined || like === null) return getGlobalRandomState();
  if (like instanceof RandomState) return like;
  if (typeof like === 'bigint' || (typeof like === 'number' && Number.isInteger(like))) return new RandomState(like);
  throw new Error(`Expected a RandomState, an integer seed or nothing for the random state, got ${String(like)}`);
}

/** Runs fn, then puts the state back where it was when `deterministic` (imgaug's `_maybe_deterministic_ctx`). */
export function withDeterministicState<T>(randomState: RandomState, deterministic: boolean, fn: () => T): T {
  if (!deterministic) return fn();
  const saved = randomState.state;
  try {
    return fn();
  } finally {
    randomState.state = saved;
  }
}
