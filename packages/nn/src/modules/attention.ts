/** nn.MultiheadAttention, with the parameters, initialisation and repr of PyTorch 1.13's. */
import { empty, signature, type Args, type Tensor } from '@x/tensor';
import { multiHeadAttentionForward } from '../functional/attention';
import * as init from '../init';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { factoryKwargs, type FactoryArgs, type FactoryOptions } from './factory';
import { Linear } from './linear';

/**
 * A Linear under another name: PyTorch gives MultiheadAttention's output projection this class (so
 * dynamic quantization leaves it alone), and its repr shows the name.
 */
export class NonDynamicallyQuantizableLinear extends Linear {}

export interface MultiheadAttentionOptions extends FactoryOptions {
  embedDim?: number;
  numHeads?: number;
  dropout?: number;
  bias?: boolean;
  addBiasKv?: boolean;
  addZeroAttn?: boolean;
  kdim?: number | null;
  vdim?: number | null;
  batchFirst?: boolean;
}

export interface MultiheadAttentionForwardOptions {
  query?: Tensor;
  key?: Tensor;
  value?: Tensor;
  keyPaddingMask?: Tensor | null;
  needWeights?: boolean;
  attnMask?: Tensor | null;
  averageAttnWeights?: boolean;
}

const SIGNATURE = signature(
  'MultiheadAttention(int embedDim, int numHeads, float dropout=0.0, bool bias=True, bool addBiasKv=False, bool addZeroAttn=False, '
    + 'int? kdim=None, int? vdim=None, bool batchFirst=False, device? device=None, dtype? dtype=None)',
);
const FORWARD_SIGNATURE = signature(
  'forward(Tensor query, Tensor key, Tensor value, Tensor? keyPaddingMask=None, bool needWeights=True, Tensor? attnMask=None, bool averageAttnWeights=True)',
);

/**
 * Attention over `numHeads` heads of `embedDim / numHeads` features each. `forward(query, key,
 * value)` returns `[output, weights]` (weights averaged over heads; null with `needWeights: false`).
 * Inputs are (L, N, E), or (N, L, E) with `batchFirst`, or unbatched (L, E).
 *
 * @example
 * const mha = new nn.MultiheadAttention(64, 8, { batchFirst: true });
 * const [out] = mha.forward(x, x, x, { needWeights: false });
 */
export class MultiheadAttention extends Module {
  readonly embedDim: number;
  readonly kdim: number;
  readonly vdim: number;
  readonly qkvSameEmbedDim: boolean;
  readonly numHeads: number;
  readonly dropout: number;
  readonly batchFirst: boolean;
  readonly headDim: number;
  readonly addZeroAttn: boolean;
  // PyTorch's registration order (the state dict's): separate q/k/v weights or the packed one, its bias, bias_k/bias_v, out_proj.
  q_proj_weight: Parameter | null = null;
  k_proj_weight: Parameter | null = null;
  v_proj_weight: Parameter | null = null;
  in_proj_weight: Parameter | null = null;
  in_proj_bias: Parameter | null = null;
  out_proj: NonDynamicallyQuantizableLinear;
  bias_k: Parameter | null = null;
  bias_v: Parameter | null = null;

  constructor(
    ...args: Args<
      [embedDim: number, numHeads: number, dropout: number, bias: boolean, addBiasKv: boolean, addZeroAttn: boolean, kdim: number | null, vdim: number | null, batchFirst: boolean, ...FactoryArgs],
      MultiheadAttentionOptions
    >
  ) {
    super();
    const o = SIGNATURE.parse<Required<Omit<MultiheadAttentionOptions, keyof FactoryOptions>> & FactoryOptions>(args);
    const factory = factoryKwargs(o);
    this.embedDim = o.embedDim;
    this.kdim = o.kdim ?? o.embedDim;
    this.vdim = o.vdim ?? o.embedDim;
    this.qkvSameEmbedDim = this.kdim === o.embedDim && this.vdim === o.embedDim;
    this.numHeads = o.numHeads;
    this.dropout = o.dropout;
    this.batchFirst = o.batchFirst;
    this.headDim = Math.floor(o.embedDim / o.numHeads);
    if (this.headDim * o.numHeads !== o.embedDim) throw new Error(`embed_dim must be divisible by num_heads (got embed_dim=${o.embedDim}, num_heads=${o.numHeads})`);
    if (!this.qkvSameEmbedDim) {
      this.q_proj_weight = new Parameter(empty([o.embedDim, o.embedDim], factory));
      this.k_proj_weight = new Parameter(empty([o.embedDim, this.kdim], factory));
      this.v_proj_weight = new Parameter(empty([o.embedDim, this.vdim], factory));
    } else {
      this.in_proj_weight = new Parameter(empty([3 * o.embedDim, o.embedDim], factory));
    }
    if (o.bias) this.in_proj_bias = new Parameter(empty([3 * o.embedDim], factory));
    this.out_proj = new NonDynamicallyQuantizableLinear(o.embedDim, o.embedDim, { bias: o.bias, ...factory });
    if (o.addBiasKv) {
      this.bias_k = new Parameter(empty([1, 1, o.embedDim], factory));
      this.bias_v = new Parameter(empty([1, 1, o.embedDim], factory));
    }
    this.addZeroAttn = o.addZeroAttn;
    this.resetParameters();
  }

  /** Xavier-uniform projection weights, zero biases, Xavier-normal bias_k/bias_v (PyTorch's _reset_parameters). */
  resetParameters(): void {
    if (this.qkvSameEmbedDim) init.xavierUniform_(this.in_proj_weight!);
    else {
      init.xavierUniform_(this.q_proj_weight!);
      init.xavierUniform_(this.k_proj_weight!);
      init.xavierUniform_(this.v_proj_weight!);
    }
    if (this.in_proj_bias !== null) {
      init.constant_(this.in_proj_bias, 0);
      init.constant_(this.out_proj.bias!, 0);
    }
    if (this.bias_k !== null) init.xavierNormal_(this.bias_k);
    if (this.bias_v !== null) init.xavierNormal_(this.bias_v);
  }

  forward(
    ...args: Args<
      [query: Tensor, key: Tensor, value: Tensor, keyPaddingMask: Tensor | null, needWeights: boolean, attnMask: Tensor | null, averageAttnWeights: boolean],
      MultiheadAttentionForwardOptions
    >
  ): [Tensor, Tensor | null] {
    const o = FORWARD_SIGNATURE.parse<Required<MultiheadAttentionForwardOptions>>(args);
    let { query, key, value } = o;
    const isBatched = query.dim() === 3;
    if (o.keyPaddingMask !== null && o.keyPaddingMask.dtype !== 'bool' && !o.keyPaddingMask.isFloatingPoint()) {
      throw new Error('only bool and floating types of key_padding_mask are supported');
    }
    if (this.batchFirst && isBatched) {
      // Keep identity between query, key and value: the packed projection uses one matmul for self-attention.
      if (key === value) {
        if (query === key) query = key = value = query.transpose(1, 0);
        else {
          query = query.transpose(1, 0);
          key = value = key.transpose(1, 0);
        }
      } else [query, key, value] = [query.transpose(1, 0), key.transpose(1, 0), value.transpose(1, 0)];
    }
    const common = {
      training: this.training,
      keyPaddingMask: o.keyPaddingMask,
      needWeights: o.needWeights,
      attnMask: o.attnMask,
      averageAttnWeights: o.averageAttnWeights,
    };
    const separate = this.qkvSameEmbedDim ? {} : { useSeparateProjWeight: true, qProjWeight: this.q_proj_weight, kProjWeight: this.k_proj_weight, vProjWeight: this.v_proj_weight };
    const [output, weights] = multiHeadAttentionForward(
      query, key, value, this.embedDim, this.numHeads, this.in_proj_weight, this.in_proj_bias, this.bias_k, this.bias_v, this.addZeroAttn,
      this.dropout, this.out_proj.weight, this.out_proj.bias, { ...common, ...separate },
    );
    return [this.batchFirst && isBatched ? output.transpose(1, 0) : output, weights];
  }
}
