/** The seed each DataLoader iterator draws (PyTorch's _base_seed); worker i seeds its generator with it + i. */
import { empty, type Generator } from '@x/tensor';

/** One int64 draw from `generator` (or the default one), as `torch.empty((), dtype=torch.int64).random_(generator=g)`. */
export function drawBaseSeed(generator?: Generator | null): bigint {
  const t = empty([], { dtype: 'int64', device: 'cpu' }).random_(undefined, undefined, { generator: generator ?? undefined });
  const seed = (t.numpy() as BigInt64Array)[0]!;
  t.dispose();
  return seed;
}
