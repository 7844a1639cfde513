/**
 * The seam autograd plugs into. @x/tensor records nothing by itself: every differentiable op runs its
 * forward through `traced`, which is a plain call until a package (@x/autograd) installs a hook. With
 * a hook, an op whose inputs require grad runs its forward without recording (so the composite ops
 * it is built from leave no trace) and the hook attaches one graph node, named and differentiated
 * as PyTorch's, to the outputs.
 */
import type { TracedOp } from './recorded-ops';
import type { Tensor } from './tensor';

/** A node of the backward graph, as `t.gradFn` shows it. */
export interface GradFn {
  /** PyTorch's name: 'AddBackward0', 'MmBackward0', … */
  readonly name: string;
  /** The nodes gradients flow to next, with the input slot of each (PyTorch's next_functions). */
  readonly nextFunctions: readonly (readonly [GradFn | null, number])[];
  /** Registers a hook on the gradient of output `slot` (how Tensor.registerHook reaches non-leaves). */
  addHook?(slot: number, fn: (grad: Tensor) => Tensor | void): { remove(): void };
  /** Makes backward store the gradient of output `slot` into `t.grad` (Tensor.retainGrad). */
  retainGrad?(slot: number, t: Tensor): void;
}

/** Attributes an op passes to its derivative (dims, keepdim, alpha, the original shape, …). */
export type OpAttrs = Readonly<Record<string, unknown>>;

export interface AutogradHook {
  /** Whether grad mode is on (torch.is_grad_enabled()). */
  isEnabled(): boolean;
  /** Runs forward with recording off, then records op `op` from `inputs` to its result. */
  record<R extends Tensor | readonly Tensor[]>(op: TracedOp, inputs: readonly (Tensor | null)[], attrs: OpAttrs, forward: () => R): R;
  /**
   * An in-place op on `target`: `outOfPlace(self)` computes the new value as a recorded out-of-place
   * op from `self` (a copy of target's current value, so what the op saves stays intact); the hook
   * writes it into target and moves target's history onto the new node.
   */
  recordInplace(target: Tensor, inputs: readonly (Tensor | null)[], outOfPlace: (self: Tensor) => Tensor): void;
  backward(t: Tensor, gradient: Tensor | undefined, options: BackwardOptions): void;
}

export interface BackwardOptions {
  retainGraph?: boolean;
  createGraph?: boolean;
  inputs?: readonly Tensor[];
}

let hook: AutogradHook | null = null;

/** Installs the autograd hook (done by @x/autograd on import). */
export function setAutogradHook(h: AutogradHook | null): void {
  hook = h;
}

export function autogradHook(): AutogradHook | null {
  return hook;
}

function anyRequiresGrad(inputs: readonly (Tensor | null | undefined)[]): boolean {
  for (const t of inputs) if (t != null && t.requiresGrad) return true;
  return false;
}

/**
 * Runs a differentiable op. Without a hook, or when no input requires grad, or in no-grad mode,
 * this is just `forward()`.
 */
export function traced<R extends Tensor | readonly Tensor[]>(op: TracedOp, inputs: readonly (Tensor | null | undefined)[], attrs: OpAttrs, forward: () => R): R {
  if (hook === null || !anyRequiresGrad(inputs) || !hook.isEnabled()) return forward();
  return hook.record(op, inputs.map((t) => t ?? null), attrs, forward);
}

/**
 * Runs an in-place op on target. With grad recording active for target or the inputs, the hook
 * re-expresses it as `outOfPlace(self)` (computed from `self`, a copy of target, never from target
 * itself) written back into target; otherwise `inplace()` runs directly.
 */
export function tracedInplace(target: Tensor, inputs: readonly (Tensor | null | undefined)[], inplace: () => void, outOfPlace: (self: Tensor) => Tensor): void {
  if (hook === null || !hook.isEnabled() || !(target.requiresGrad || anyRequiresGrad(inputs))) {
    inplace();
    return;
  }
  hook.recordInplace(target, inputs.map((t) => t ?? null), outOfPlace);
}
