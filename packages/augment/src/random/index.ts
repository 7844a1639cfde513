export { RandomState, SEED_MAX_VALUE, SEED_MIN_VALUE, sizeDims, type RandomStateSnapshot, type Size } from './random-state';
export { getGlobalRandomState, normalizeRandomState, seed, withDeterministicState, type RandomStateLike } from './global';
