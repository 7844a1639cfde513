/**
 * In-place pointwise updates the optimizers share, composed of tensor ops so they run on every
 * backend. Each keeps PyTorch's order of rounding (its CPU kernels compute `self + value * t1 * t2`
 * and `self + value * t1 / t2`) and frees its temporary at once.
 */
import type { Tensor } from '@x/tensor';

/** self += value * t1 * t2 (torch.addcmul_). */
export function addcmul_(self: Tensor, t1: Tensor, t2: Tensor, value = 1): Tensor {
  const tmp = value === 1 ? t1.mul(t2) : t1.mul(value).mul_(t2);
  self.add_(tmp);
  tmp.dispose();
  return self;
}

/** self += value * t1 / t2 (torch.addcdiv_). */
export function addcdiv_(self: Tensor, t1: Tensor, t2: Tensor, value = 1): Tensor {
  const tmp = value === 1 ? t1.div(t2) : t1.mul(value).div_(t2);
  self.add_(tmp);
  tmp.dispose();
  return self;
}

/**
 * Temporaries of one update, freed together: `const t = new Temps(); const g = t.add(grad.neg()); … t.dispose();`.
 * Tensors passed through that are not temporaries (the gradient itself) are left alone.
 */
export class Temps {
  private readonly list: Tensor[] = [];
  /** Registers t as a temporary and returns it. */
  add(t: Tensor): Tensor {
    this.list.push(t);
    return t;
  }
  /** Frees every temporary; those in `live` stay (and stay registered). */
  dispose(live?: Iterable<Tensor | null | undefined>): void {
    const spared = new Set(live ?? []);
    const kept: Tensor[] = [];
    for (const t of this.list) {
      if (spared.has(t)) kept.push(t);
      else t.dispose();
    }
    this.list.length = 0;
    this.list.push(...kept);
  }
}

/**
 * The gradient an update follows: negated under `maximize`, plus `weightDecay·p` (L2 decay,
 * PyTorch's `grad.add(param, alpha=weight_decay)`). New tensors are registered in temps.
 */
export function decayedGrad(p: Tensor, grad: Tensor, temps: Temps, maximize: boolean, weightDecay: number): Tensor {
  let g = maximize ? temps.add(grad.neg()) : grad;
  if (weightDecay !== 0) g = temps.add(g.add(p, { alpha: weightDecay }));
  return g;
}
