/** Test helpers: seeded float64 inputs and gradgradcheck (gradcheck of a createGraph derivative). */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { enableGrad, grad, gradcheck } from '../src/index';

/** A float64 leaf that requires grad, uniform in [lo, hi) from a fixed seed. */
export function input(shape: number[], lo = -2, hi = 2, seed = 1): Tensor {
  torch.manualSeed(seed);
  return torch.rand(shape, { dtype: 'float64' }).mul(hi - lo).add(lo).requiresGrad_();
}

/** torch.autograd.gradgradcheck: the first derivative (taken with createGraph) checked by finite differences. */
export function gradgradcheck(fn: (...xs: Tensor[]) => Tensor, inputs: Tensor[]): boolean {
  torch.manualSeed(7);
  const out = fn(...inputs);
  const v = torch.randn(out.shape, { dtype: 'float64' });
  // gradcheck evaluates fn under noGrad for finite differences; the first derivative needs recording.
  return gradcheck((...xs: Tensor[]) => enableGrad(() => {
    const gs = grad(fn(...xs), xs, { gradOutputs: v, createGraph: true, allowUnused: true });
    // A first derivative that does not depend on the inputs (e.g. of a sum) has nothing to check.
    const varying = gs.filter((g): g is Tensor => g !== null && g.requiresGrad);
    return varying.length > 0 ? varying : [torch.zerosLike(xs[0]!)];
  }), inputs);
}
