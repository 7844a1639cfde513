/**
 * torch.multinomial over one row of non-negative weights, drawn from a Generator's stream.
 * @x/tensor has no multinomial yet; this follows PyTorch's CPU algorithms: with replacement, a
 * uniform draw looked up in the normalised cumulative distribution; without, the exponential trick
 * (the k largest of w / Exp(1)), which is what aten's multinomial does when it cannot sample in place.
 */
import { rand, type Generator } from '@x/tensor';

export function multinomial(weights: Float64Array, numSamples: number, replacement: boolean, generator?: Generator): number[] {
  const n = weights.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!Number.isFinite(w)) throw new Error('probability tensor contains either `inf`, `nan` or element < 0');
    if (w < 0) throw new Error('invalid multinomial distribution (encountering probability entry < 0)');
    total += w;
  }
  if (!(total > 0)) throw new Error('invalid multinomial distribution (sum of probabilities <= 0)');
  if (!replacement && numSamples > n) throw new Error('cannot sample n_sample > prob_dist.size(-1) samples without replacement');
  if (replacement) {
    const cdf = new Float64Array(n);
    let acc = 0;
    for (let i = 0; i < n; i++) cdf[i] = acc += weights[i]! / total;
    const u = uniforms(numSamples, generator);
    const out = new Array<number>(numSamples);
    for (let s = 0; s < numSamples; s++) {
      // First category whose cumulative probability exceeds u, skipping zero-weight ones.
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cdf[mid]! <= u[s]!) lo = mid + 1;
        else hi = mid;
      }
      while (lo > 0 && weights[lo] === 0) lo--;
      out[s] = lo;
    }
    return out;
  }
  const u = uniforms(n, generator);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = weights[i] === 0 ? 0 : weights[i]! / -Math.log1p(-u[i]!);
  // Zero weights get key 0: they come last, as in PyTorch, which does not refuse them.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[b]! - keys[a]! || a - b);
  return order.slice(0, numSamples);
}

function uniforms(n: number, generator?: Generator): Float64Array {
  const t = rand([n], { dtype: 'float64', device: 'cpu', generator });
  const values = t.numpy() as Float64Array;
  t.dispose();
  return values;
}
