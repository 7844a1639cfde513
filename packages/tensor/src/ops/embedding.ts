/**
 * The embedding lookup as one recorded op (PyTorch's aten::embedding, node EmbeddingBackward0): rows
 * of a [num, dim] weight picked by integer indices of any shape. Its derivative (in @x/autograd)
 * follows embedding_backward: dense, or a sparse COO gradient when `sparse` is set.
 */
import { traced } from '../autograd';
import type { Tensor } from '../tensor';

export interface EmbeddingAttrs {
  /** The row that gets no gradient, normalized to [0, num); -1 for none. */
  paddingIdx: number;
  scaleGradByFreq: boolean;
  sparse: boolean;
}

/** weight[indices]: output [...indices.shape, dim]. Arguments are checked by the caller (F.embedding). */
export function embeddingLookup(weight: Tensor, indices: Tensor, attrs: EmbeddingAttrs): Tensor {
  return traced('embedding', [weight, indices], { ...attrs }, () => {
    const flat = indices.reshape(-1);
    const rows = weight.indexSelect(0, flat);
    flat.dispose();
    const out = rows.reshape([...indices.shape, weight.shape[1]!]);
    if (out !== rows) rows.dispose();
    return out;
  });
}
