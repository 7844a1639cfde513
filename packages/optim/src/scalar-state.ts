/**
 * Scalar state PyTorch 1.13 keeps as 0-dim float tensors on the CPU (`step`, NAdam's `mu_product`,
 * ASGD's `eta` and `mu`), so checkpoints hold the same types and the arithmetic rounds as PyTorch's.
 */
import { Tensor, getDefaultDType, keep, tensor } from '@x/tensor';

/** torch.tensor(value): a 0-dim tensor of the default float dtype on the CPU, kept by tidy scopes. */
export function scalarTensor(value: number): Tensor {
  return keep(tensor(value, { dtype: getDefaultDType(), device: 'cpu' }));
}

/** The value of a 0-dim state tensor (or of a plain number from an older checkpoint). */
export function scalarValue(x: unknown): number {
  return x instanceof Tensor ? x.item() : Number(x);
}

/** Upgrades number-valued scalar state (as older checkpoints store it) to 0-dim tensors. */
export function upgradeScalars(state: Iterable<Record<string, unknown>>, keys: readonly string[]): void {
  for (const s of state) for (const k of keys) if (k in s && !(s[k] instanceof Tensor)) s[k] = scalarTensor(Number(s[k]));
}
