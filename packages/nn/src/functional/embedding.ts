/** F.embedding and F.oneHot. */
import { noGrad } from '@x/autograd';
import { div, embeddingLookup, legacyTypeName, type Tensor, where, zeros, signature } from '@x/tensor';
import type { Args } from '@x/tensor';

export interface EmbeddingOptions {
  paddingIdx?: number | null;
  maxNorm?: number | null;
  normType?: number;
  scaleGradByFreq?: boolean;
  /** The weight's gradient is a sparse COO tensor (for optim.SparseAdam, or SGD) instead of a dense one. */
  sparse?: boolean;
}

/** Normalizes padding_idx as F.embedding does: negative counts from the end, none is -1. */
export function embeddingPaddingIdx(paddingIdx: number | null | undefined, numEmbeddings: number): number {
  if (paddingIdx === null || paddingIdx === undefined) return -1;
  if (paddingIdx > 0 && paddingIdx >= numEmbeddings) throw new Error('Padding_idx must be within num_embeddings');
  if (paddingIdx < 0) {
    if (paddingIdx < -numEmbeddings) throw new Error('Padding_idx must be within num_embeddings');
    return numEmbeddings + paddingIdx;
  }
  return paddingIdx;
}

const EMBEDDING_SIGNATURE = signature('embedding(Tensor input, Tensor weight, int? paddingIdx=None, float? maxNorm=None, float normType=2, bool scaleGradByFreq=False, bool sparse=False)');

/**
 * Rows of `weight` looked up by integer `input` (any shape): output [...input.shape, dim]. The row
 * at paddingIdx receives no gradient; with maxNorm, the looked-up rows are first renormalized in
 * place (as embedding_renorm_); with scaleGradByFreq, gradients are divided by how often each index
 * occurs in the batch. With `sparse`, the weight's gradient is a sparse COO tensor listing the
 * looked-up rows (EmbeddingBackward0, as PyTorch's embedding_sparse_backward).
 *
 * @example
 * F.embedding(torch.tensor([[1, 2], [4, 0]]), weight, { paddingIdx: 0 });
 */
export function embedding(
  input: Tensor,
  weight: Tensor,
  ...args: Args<[paddingIdx: number | null, maxNorm: number | null, normType: number, scaleGradByFreq: boolean, sparse: boolean], EmbeddingOptions>
): Tensor {
  const o = EMBEDDING_SIGNATURE.parse<Required<EmbeddingOptions> & { input: typeof input; weight: typeof weight }>([input, weight, ...args]);
  ({ input, weight } = o);
  if (input.dtype !== 'int64' && input.dtype !== 'int32') {
    throw new Error(
      `Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got ${legacyTypeName(input.dtype)} instead (while checking arguments for embedding)`,
    );
  }
  if (weight.dim() !== 2) throw new Error("'weight' must be 2-D");
  const num = weight.shape[0]!;
  const pad = embeddingPaddingIdx(o.paddingIdx, num);
  if (o.maxNorm !== null) {
    const flat = input.reshape(-1);
    renorm_(weight, flat, o.maxNorm, o.normType);
    flat.dispose();
  }
  return embeddingLookup(weight, input, { paddingIdx: pad, scaleGradByFreq: o.scaleGradByFreq, sparse: o.sparse });
}

/** embedding_renorm_: rows referenced by `indices` whose p-norm exceeds maxNorm are scaled to maxNorm (in place, unrecorded). */
function renorm_(weight: Tensor, indices: Tensor, maxNorm: number, normType: number): void {
  noGrad(() => {
    const unique = indices.unique() as Tensor;
    const rows = weight.indexSelect(0, unique);
    const norms = rows.norm(normType, 1, { keepdim: true });
    const scale = where(norms.gt(maxNorm), div(maxNorm, norms.add(1e-7)), 1);
    weight.indexPut_([unique], rows.mul(scale));
  });
}

const ONE_HOT_SIGNATURE = signature('oneHot(Tensor tensor, int numClasses=-1)');

/**
 * Integer class indices → one-hot int64 vectors in a new last dim of size numClasses (inferred as
 * max + 1 when -1).
 *
 * @example
 * F.oneHot(torch.tensor([0, 2, 1]), 3); // [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
 */
export function oneHot(tensor: Tensor, ...args: Args<[numClasses: number], { numClasses?: number }>): Tensor {
  const o = ONE_HOT_SIGNATURE.parse<{ tensor: Tensor; numClasses: number }>([tensor, ...args]);
  tensor = o.tensor;
  const numClasses = o.numClasses;
  if (tensor.dtype !== 'int64') throw new Error('one_hot is only applicable to index tensor.');
  let n = numClasses;
  if (tensor.numel() === 0) {
    if (n === -1) throw new Error('Can not infer total number of classes from empty tensor.');
  } else {
    if (tensor.min().item() < 0) throw new Error('Class values must be non-negative.');
    const max = tensor.max().item();
    if (n === -1) n = max + 1;
    else if (max >= n) throw new Error('Class values must be smaller than num_classes.');
  }
  return zeros([...tensor.shape, n], { dtype: 'int64', device: tensor.device }).scatter_(-1, tensor.unsqueeze(-1), 1);
}
