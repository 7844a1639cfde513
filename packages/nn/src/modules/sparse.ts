/** Embedding: a lookup table of learnable vectors. */
import { noGrad } from '@x/autograd';
import { empty, type Tensor, signature } from '@x/tensor';
import type { Args } from '@x/tensor';
import { embedding, embeddingPaddingIdx } from '../functional/embedding';
import * as init from '../init';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { factoryKwargs, type FactoryArgs, type FactoryOptions } from './factory';
import { pyBool, pyFloat } from './pyrepr';

export interface EmbeddingOptions extends FactoryOptions {
  numEmbeddings?: number;
  embeddingDim?: number;
  paddingIdx?: number | null;
  maxNorm?: number | null;
  normType?: number;
  scaleGradByFreq?: boolean;
  /** The weight's gradient is a sparse COO tensor (for optim.SparseAdam), as in PyTorch. */
  sparse?: boolean;
  /** An initial weight [numEmbeddings, embeddingDim] to use as is (PyTorch's `_weight`). */
  _weight?: Tensor | null;
}

const EMBEDDING_SIGNATURE = signature('Embedding(int numEmbeddings, int embeddingDim, int? paddingIdx=None, float? maxNorm=None, float normType=2, bool scaleGradByFreq=False, bool sparse=False, Tensor? _weight=None, device? device=None, dtype? dtype=None)');

/**
 * `numEmbeddings` vectors of size `embeddingDim`, drawn from N(0, 1); the row at paddingIdx starts
 * at zero and gets no gradient.
 *
 * @example
 * const emb = new nn.Embedding(10, 3, { paddingIdx: 0 });
 * emb.forward(torch.tensor([[1, 2, 4, 5], [4, 3, 2, 9]])); // [2, 4, 3]
 */
export class Embedding extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  readonly paddingIdx: number | null;
  readonly maxNorm: number | null;
  readonly normType: number;
  readonly scaleGradByFreq: boolean;
  readonly sparse: boolean;
  weight: Parameter;

  constructor(
    ...args: Args<[numEmbeddings: number, embeddingDim: number, paddingIdx: number | null, maxNorm: number | null, normType: number, scaleGradByFreq: boolean, sparse: boolean, _weight: Tensor | null, ...FactoryArgs], EmbeddingOptions>
  ) {
    super();
    const o = EMBEDDING_SIGNATURE.parse<Required<Omit<EmbeddingOptions, keyof FactoryOptions>> & FactoryOptions>(args);
    this.numEmbeddings = o.numEmbeddings;
    this.embeddingDim = o.embeddingDim;
    this.paddingIdx = o.paddingIdx === null ? null : embeddingPaddingIdx(o.paddingIdx, o.numEmbeddings);
    this.maxNorm = o.maxNorm;
    this.normType = o.normType;
    this.scaleGradByFreq = o.scaleGradByFreq;
    this.sparse = o.sparse;
    if (o._weight === null) {
      this.weight = new Parameter(empty([o.numEmbeddings, o.embeddingDim], factoryKwargs(o)));
      this.resetParameters();
    } else {
      if (o._weight.dim() !== 2 || o._weight.shape[0] !== o.numEmbeddings || o._weight.shape[1] !== o.embeddingDim) {
        throw new Error('Shape of weight does not match num_embeddings and embedding_dim');
      }
      this.weight = new Parameter(o._weight);
    }
  }

  /**
   * An Embedding holding `embeddings` (a [num, dim] tensor), frozen unless `freeze: false`.
   *
   * @example
   * const emb = nn.Embedding.fromPretrained(vectors, { freeze: false });
   */
  static fromPretrained(
    embeddings: Tensor,
    options: { freeze?: boolean } & Omit<EmbeddingOptions, 'numEmbeddings' | 'embeddingDim' | '_weight' | keyof FactoryOptions> = {},
  ): Embedding {
    if (embeddings.dim() !== 2) throw new Error('Embeddings parameter is expected to be 2-dimensional');
    const { freeze = true, ...rest } = options;
    const [rows, cols] = embeddings.shape as [number, number];
    const emb = new Embedding(rows, cols, { ...rest, _weight: embeddings });
    emb.weight.requiresGrad_(!freeze);
    return emb;
  }

  resetParameters(): void {
    init.normal_(this.weight);
    this.fillPaddingIdxWithZero();
  }

  private fillPaddingIdxWithZero(): void {
    if (this.paddingIdx === null) return;
    noGrad(() => this.weight.select(0, this.paddingIdx!).fill_(0));
  }

  forward(input: Tensor): Tensor {
    return embedding(input, this.weight, this.paddingIdx, this.maxNorm, this.normType, this.scaleGradByFreq, this.sparse);
  }

  override extraRepr(): string {
    let s = `${this.numEmbeddings}, ${this.embeddingDim}`;
    if (this.paddingIdx !== null) s += `, padding_idx=${this.paddingIdx}`;
    if (this.maxNorm !== null) s += `, max_norm=${pyFloat(this.maxNorm)}`;
    if (this.normType !== 2) s += `, norm_type=${pyFloat(this.normType)}`;
    if (this.scaleGradByFreq) s += `, scale_grad_by_freq=${pyBool(this.scaleGradByFreq)}`;
    if (this.sparse) s += ', sparse=True';
    return s;
  }
}
