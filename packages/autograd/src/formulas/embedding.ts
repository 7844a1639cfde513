/**
 * EmbeddingBackward0 (derivatives.yaml: embedding_backward): the gradient rows go back to the weight
 * rows that were looked up, except the padding row; with scaleGradByFreq each is divided by how often
 * its index occurs in the batch. Dense (embedding_dense_backward, an accumulating index_put, itself
 * differentiable), or with `sparse` a COO tensor whose indices are the looked-up indices and whose
 * values are the incoming gradient rows (embedding_sparse_backward, Embedding.cpp).
 */
import { ones, SparseTensor, zeros, type EmbeddingAttrs, type Tensor } from '@x/tensor';
import type { FormulaTable } from './types';

function denseBackward(g: Tensor, indices: Tensor, num: number, dim: number, attrs: EmbeddingAttrs): Tensor {
  const flat = indices.reshape(-1).to('int64');
  let rows = g.reshape(-1, dim);
  if (attrs.paddingIdx >= 0) rows = rows.mul(flat.ne(attrs.paddingIdx).unsqueeze(1).to(g.dtype));
  if (attrs.scaleGradByFreq) {
    const counts = zeros([num], { dtype: g.dtype, device: g.device }).indexPut([flat], ones([flat.shape[0]!], { dtype: g.dtype, device: g.device }), true);
    rows = rows.div(counts.indexSelect(0, flat).unsqueeze(1));
  }
  return zeros([num, dim], { dtype: g.dtype, device: g.device }).indexPut([flat], rows, true);
}

function sparseBackward(g: Tensor, indices: Tensor, num: number, dim: number, attrs: EmbeddingAttrs): Tensor {
  if (attrs.scaleGradByFreq) throw new Error('embedding_backward: scale_grad_by_freq not supported with sparse gradients');
  let flat = indices.reshape(-1).to('int64');
  let values = g.reshape(-1, dim);
  if (attrs.paddingIdx >= 0) {
    const keep = flat.ne(attrs.paddingIdx);
    flat = flat.index(keep);
    values = values.index(keep);
  }
  if (values.numel() === 0) {
    flat = zeros([0], { dtype: 'int64', device: g.device });
    values = zeros([0, dim], { dtype: g.dtype, device: g.device });
  }
  // _sparse_coo_tensor_unsafe: no checks, coalesced only when it cannot hold a repeat.
  return new SparseTensor(flat.reshape(1, -1), values, [num, dim], flat.shape[0]! < 2);
}

export const EMBEDDING = {
  embedding: {
    name: 'EmbeddingBackward0',
    saves: { inputs: [1] },
    backward: ([g], ctx) => {
      if (!ctx.needsInputGrad[0]) return [null, null];
      const [num, dim] = ctx.inputShapes[0] as [number, number];
      const attrs = ctx.attrs as unknown as EmbeddingAttrs;
      const backward = attrs.sparse ? sparseBackward : denseBackward;
      return [backward(g!, ctx.input(1), num, dim, attrs), null];
    },
  },
} satisfies FormulaTable;
