/**
 * Runs an algorithm written as a generator that yields the waits it needs (evaluate the closure,
 * read a scalar off the device): synchronously while every answer comes at once, switching to a
 * Promise at the first one that does not (an async closure, a GPU read).
 */
import type { Tensor } from '@x/tensor';
import { noGrad } from '@x/autograd';

/** What the algorithm waits for. */
export type Wait = { kind: 'closure' } | { kind: 'read'; tensor: Tensor };

export type Coroutine<R> = Generator<Wait, R, unknown>;

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return x !== null && (typeof x === 'object' || typeof x === 'function') && typeof (x as { then?: unknown }).then === 'function';
}

/** Reads a 0-dim tensor's value (synchronously where the backend can); frees the tensor unless told not to. */
export function* readScalar(t: Tensor, dispose = true): Coroutine<number> {
  const v = (yield { kind: 'read', tensor: t }) as number;
  if (dispose) t.dispose();
  return v;
}

function answer(wait: Wait, closure: () => unknown): unknown {
  if (wait.kind === 'closure') return closure();
  const t = wait.tensor;
  return t.backend.readSync ? t.item() : t.itemAsync();
}

/**
 * Drives gen: its own code runs with gradients off (the optimizer's `torch.no_grad()`), the
 * closure with them on (the caller passes it already wrapped).
 */
export function drive<R>(gen: Coroutine<R>, closure: () => unknown): R | Promise<R> {
  let input: unknown;
  for (;;) {
    const next = noGrad(() => gen.next(input));
    if (next.done) return next.value;
    const a = answer(next.value, closure);
    if (isThenable(a)) return driveAsync(gen, closure, a);
    input = a;
  }
}

async function driveAsync<R>(gen: Coroutine<R>, closure: () => unknown, pending: PromiseLike<unknown>): Promise<R> {
  let input = await pending;
  for (;;) {
    const next = noGrad(() => gen.next(input));
    if (next.done) return next.value;
    input = await answer(next.value, closure);
  }
}
