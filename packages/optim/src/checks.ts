/** Constructor checks with PyTorch's messages (`Invalid learning rate: -1`). */
import { pyRepr } from './python';

/** Throws `message: value` unless ok; NaN never passes (PyTorch's `not 0.0 <= x` refuses it too). */
export function check(ok: boolean, message: string, value: unknown): void {
  if (!ok || (typeof value === 'number' && Number.isNaN(value))) throw new Error(`${message}: ${pyRepr(value)}`);
}

/**
 * lr must be a finite number >= 0 (> 0 for SparseAdam). PyTorch 1.13 lets inf (and, for SGD, NaN)
 * through, to fail later as NaN parameters; refusing them here is deliberate.
 */
export function checkLr(lr: unknown, strictlyPositive = false): void {
  const ok = typeof lr === 'number' && Number.isFinite(lr) && (strictlyPositive ? lr > 0 : lr >= 0);
  if (!ok) throw new Error(`Invalid learning rate: ${pyRepr(lr)}`);
}

/** 0 <= value (PyTorch's `not 0.0 <= value` check). */
export function checkNonNegative(value: unknown, message: string): void {
  check(typeof value === 'number' && value >= 0, message, value);
}

/** Adam-family betas: each in [0, 1). */
export function checkBetas(betas: unknown): asserts betas is [number, number] {
  if (!Array.isArray(betas) || betas.length !== 2) throw new Error(`betas must be a pair of numbers, got ${pyRepr(betas)}`);
  check(typeof betas[0] === 'number' && betas[0] >= 0 && betas[0] < 1, 'Invalid beta parameter at index 0', betas[0]);
  check(typeof betas[1] === 'number' && betas[1] >= 0 && betas[1] < 1, 'Invalid beta parameter at index 1', betas[1]);
}

/**
 * Optimizers without a sparse update refuse a sparse gradient (nn.Embedding with sparse: true) before
 * touching any parameter, with PyTorch 1.13's message for that optimizer.
 */
export function refuseSparseGrads(groups: readonly { params: readonly { _grad: { isSparse: boolean } | null }[] }[], message: string): void {
  for (const group of groups) for (const p of group.params) if (p._grad !== null && p._grad.isSparse) throw new Error(message);
}
