/**
 * timm's Attention (layers/attention.py): multi-head self-attention with one fused qkv projection,
 * computed explicitly as timm does without scaled_dot_product_attention (softmax(q·kᵀ·scale)·v).
 */
import type { Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { forwardTensor } from '../module-call';

export interface AttentionOptions {
  numHeads?: number;
  qkvBias?: boolean;
  /** Normalise q and k per head (needs normLayer). */
  qkNorm?: boolean;
  /** Normalise the heads' output before the projection (needs normLayer). */
  scaleNorm?: boolean;
  projBias?: boolean;
  attnDrop?: number;
  projDrop?: number;
  normLayer?: ((dim: number) => nn.Module) | null;
}

export class Attention extends nn.Module {
  qkv: nn.Linear;
  q_norm: nn.Module;
  k_norm: nn.Module;
  attn_drop: nn.Dropout;
  norm: nn.Module;
  proj: nn.Linear;
  proj_drop: nn.Dropout;
  readonly numHeads: number;
  readonly headDim: number;
  readonly attnDim: number;
  readonly scale: number;

  constructor(dim: number, { numHeads = 8, qkvBias = false, qkNorm = false, scaleNorm = false, projBias = true, attnDrop = 0, projDrop = 0, normLayer = null }: AttentionOptions = {}) {
    super();
    if (dim % numHeads !== 0) throw new Error(`Attention: dim should be divisible by num_heads, got dim ${dim} and ${numHeads} heads`);
    if ((qkNorm || scaleNorm) && !normLayer) throw new Error('Attention: norm_layer must be provided if qk_norm or scale_norm is True');
    this.numHeads = numHeads;
    this.headDim = dim / numHeads;
    this.attnDim = numHeads * this.headDim;
    this.scale = this.headDim ** -0.5;
    this.qkv = new nn.Linear(dim, this.attnDim * 3, qkvBias);
    this.q_norm = qkNorm ? normLayer!(this.headDim) : new nn.Identity();
    this.k_norm = qkNorm ? normLayer!(this.headDim) : new nn.Identity();
    this.attn_drop = new nn.Dropout(attnDrop);
    this.norm = scaleNorm ? normLayer!(this.attnDim) : new nn.Identity();
    this.proj = new nn.Linear(this.attnDim, dim, projBias);
    this.proj_drop = new nn.Dropout(projDrop);
  }

  forward(x: Tensor): Tensor {
    if (x.dim() !== 3) throw new Error(`Attention: expected tokens [N, L, C], got [${x.shape.join(', ')}]`);
    const [b, n] = x.shape as [number, number, number];
    const qkv = this.qkv.forward(x).reshape(b, n, 3, this.numHeads, this.headDim).permute(2, 0, 3, 1, 4);
    const [q0, k0, v] = qkv.unbind(0) as [Tensor, Tensor, Tensor];
    const q = forwardTensor(this.q_norm, q0).mul(this.scale);
    const k = forwardTensor(this.k_norm, k0);
    const attn = this.attn_drop.forward(q.matmul(k.transpose(-2, -1)).softmax(-1));
    x = attn.matmul(v).transpose(1, 2).reshape(b, n, this.attnDim);
    return this.proj_drop.forward(this.proj.forward(forwardTensor(this.norm, x)));
  }
}
