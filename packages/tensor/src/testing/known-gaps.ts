/**
 * Cases that cannot pass yet, each with the reason. The runner marks them `it.fails` (so the suite
 * stays green while the gap is open, and turns red the moment the gap is closed: then delete the
 * entry) or `it.todo` (not run at all: for ops that do not exist yet). Nothing is skipped silently.
 *
 * `match` is a case name (exact), or a RegExp over case names; API-surface checks are named
 * `surface:<op>`, the backend-selection check `setBackend`. `backends` limits the entry to some
 * backends by name, `when` to the backends it returns true for (default: all).
 *
 * A backend package adds its own gaps with `runConformance(backend, vitest, { knownGaps: [...] })`;
 * the ones below are decisions of @x/tensor and hold for every backend they name.
 */
import type { Backend } from '@x/tensor';

export interface KnownGap {
  readonly match: string | RegExp;
  readonly reason: string;
  readonly kind?: 'fails' | 'todo';
  readonly backends?: readonly string[];
  readonly when?: (backend: Backend) => boolean;
}

export const KNOWN_GAPS: readonly KnownGap[] = [
  {
    match: 'item/bool',
    reason: 'decision (README, porting notes): item() is typed number on every dtype, so a bool tensor gives 1/0 where PyTorch gives True/False; tolist() gives booleans',
  },
  {
    match: /^(div\/(trunc|floor)|floor_divide|remainder|fmod)\/int\/zero$/,
    reason:
      'decision (README): integer division by zero raises ZeroDivisionError only where the backend reads synchronously; a GPU backend would need a read per division to check the divisor, so the kernel result stands, as on PyTorch\'s CUDA',
    when: (backend) => backend.readSync === undefined,
  },
];

/**
 * The first gap of `gaps` that covers case `name` on `backend`, if any.
 *
 * @example
 * knownGap('item/bool', torch.findBackend('reference')!)?.reason; // 'decision (README, …'
 */
export function knownGap(name: string, backend: Backend, gaps: readonly KnownGap[] = KNOWN_GAPS): KnownGap | undefined {
  return gaps.find(
    (g) =>
      (typeof g.match === 'string' ? g.match === name : g.match.test(name)) &&
      (!g.backends || g.backends.includes(backend.name)) &&
      (!g.when || g.when(backend)),
  );
}
