/**
 * Weights both sides can make without a weight file: tools/vision_weights.py writes the same values
 * into torchvision's models, so the eval-mode logits of a model built here compare with torchvision's
 * for every architecture, however large, from a fixture of a few kilobytes.
 *
 * Element i of the k-th stateDict entry gets u = hash(i, k) / 2^32 in [0, 1) (an integer hash, exact
 * in both languages), shaped by the entry's role so a deep network stays in range: weights of rank
 * ≥ 2 uniform in ±sqrt(6 / fanIn) (He), norm scales near 1, biases and running means near 0,
 * running variances in [0.5, 1.5). Integer entries (num_batches_tracked) stay as they are.
 */
import { Tensor, tensor } from '@x/tensor';
import { noGrad } from '@x/autograd';
import type { Module } from '@x/nn';

/** The 32-bit hash of element i of entry k (a multiply-xorshift mix; Python's twin masks to 32 bits). */
export function hash32(i: number, k: number): number {
  let h = (Math.imul(i, 0x9e3779b1) ^ Math.imul(k + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The values of entry k named `name` with shape `shape`, computed in float64 and stored in `out`
 * (a Float32Array rounds each as PyTorch's copy of a float64 tensor into a float32 one does).
 */
export function deterministicValues<A extends Float32Array | Float64Array>(name: string, shape: readonly number[], k: number, out: A): A {
  const n = out.length;
  const leaf = name.slice(name.lastIndexOf('.') + 1);
  const fanIn = shape.length >= 2 ? n / shape[0]! : 1;
  const he = Math.sqrt(6 / fanIn);
  for (let i = 0; i < n; i++) {
    const u = hash32(i, k) / 4294967296;
    if (leaf === 'running_var') out[i] = 0.5 + u;
    else if (shape.length >= 2) out[i] = (2 * u - 1) * he;
    else if (leaf === 'weight') out[i] = 0.8 + 0.4 * u;
    else out[i] = (u - 0.5) * 0.2;
  }
  return out;
}

/** Writes the deterministic values into every floating-point entry of model.stateDict(), in order. */
export function loadDeterministicWeights(model: Module): void {
  noGrad(() => {
    Object.entries(model.stateDict()).forEach(([name, t], k) => {
      if (!t.isFloatingPoint()) return;
      const n = t.numel();
      const values = t.dtype === 'float64' ? deterministicValues(name, t.shape, k, new Float64Array(n)) : deterministicValues(name, t.shape, k, new Float32Array(n));
      t.copy_(tensor(values).reshape(t.shape));
    });
  });
}

/** The input both sides feed: uniform in [-1, 1), from the hash with entry number 1000. */
export function deterministicInput(shape: readonly number[]): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = 2 * (hash32(i, 1000) / 4294967296) - 1;
  return tensor(v).reshape([...shape]);
}
