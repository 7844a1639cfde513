/**
 * Grad mode (torch.no_grad / enable_grad / set_grad_enabled), a context variable: it holds across
 * `await` inside the callback, and concurrent async code keeps its own mode.
 */
import { contextVar } from '@x/tensor';

const gradEnabled = contextVar(true);

/** torch.is_grad_enabled() */
export function isGradEnabled(): boolean {
  return gradEnabled.get();
}

/**
 * Runs fn with gradient recording off (torch.no_grad) and returns its result; an async fn stays in
 * no-grad mode across its awaits.
 *
 * @example
 * torch.noGrad(() => { for (const p of params) p.sub_(p.grad.mul(lr)); });
 */
export function noGrad<R>(fn: () => R): R {
  return gradEnabled.run(false, fn);
}

/** Runs fn with gradient recording on, also inside noGrad (torch.enable_grad). */
export function enableGrad<R>(fn: () => R): R {
  return gradEnabled.run(true, fn);
}

/** Turns recording on or off for the rest of the current (async) context (torch.set_grad_enabled). */
export function setGradEnabled(enabled: boolean): void {
  gradEnabled.set(enabled);
}

export function withGradMode<R>(enabled: boolean, fn: () => R): R {
  return gradEnabled.run(enabled, fn);
}
