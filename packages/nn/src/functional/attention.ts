/**
 * F.multi_head_attention_forward: PyTorch 1.13's multi-head attention, step by step as
 * torch/nn/functional.py computes it (packed or separate input projections, bias_k/bias_v, zero
 * attention, boolean or additive masks, dropout on the weights, averaged or per-head weights).
 */
import { cat, signature, zeros, zerosLike, pad, type Args, type Tensor } from '@x/tensor';
import { softmax } from './activation';
import { dropout } from './dropout';
import { linear } from './linear';

export interface MultiHeadAttentionForwardOptions {
  training?: boolean;
  keyPaddingMask?: Tensor | null;
  needWeights?: boolean;
  attnMask?: Tensor | null;
  useSeparateProjWeight?: boolean;
  qProjWeight?: Tensor | null;
  kProjWeight?: Tensor | null;
  vProjWeight?: Tensor | null;
  staticK?: Tensor | null;
  staticV?: Tensor | null;
  averageAttnWeights?: boolean;
}

type Positional = [
  query: Tensor, key: Tensor, value: Tensor, embedDimToCheck: number, numHeads: number, inProjWeight: Tensor | null, inProjBias: Tensor | null,
  biasK: Tensor | null, biasV: Tensor | null, addZeroAttn: boolean, dropoutP: number, outProjWeight: Tensor, outProjBias: Tensor | null,
  training: boolean, keyPaddingMask: Tensor | null, needWeights: boolean, attnMask: Tensor | null, useSeparateProjWeight: boolean,
  qProjWeight: Tensor | null, kProjWeight: Tensor | null, vProjWeight: Tensor | null, staticK: Tensor | null, staticV: Tensor | null,
  averageAttnWeights: boolean,
];

type Bound = {
  query: Tensor; key: Tensor; value: Tensor; embedDimToCheck: number; numHeads: number; inProjWeight: Tensor | null; inProjBias: Tensor | null;
  biasK: Tensor | null; biasV: Tensor | null; addZeroAttn: boolean; dropoutP: number; outProjWeight: Tensor; outProjBias: Tensor | null;
} & Required<MultiHeadAttentionForwardOptions>;

const SIGNATURE = signature(
  'multi_head_attention_forward(Tensor query, Tensor key, Tensor value, int embedDimToCheck, int numHeads, Tensor? inProjWeight, Tensor? inProjBias, '
    + 'Tensor? biasK, Tensor? biasV, bool addZeroAttn, float dropoutP, Tensor outProjWeight, Tensor? outProjBias, bool training=True, '
    + 'Tensor? keyPaddingMask=None, bool needWeights=True, Tensor? attnMask=None, bool useSeparateProjWeight=False, Tensor? qProjWeight=None, '
    + 'Tensor? kProjWeight=None, Tensor? vProjWeight=None, Tensor? staticK=None, Tensor? staticV=None, bool averageAttnWeights=True)',
);

const shapeText = (t: Tensor): string => `torch.Size([${t.shape.join(', ')}])`;
const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

/** Whether query, key and value are batched (3-D), checking their and the masks' ranks as PyTorch's _mha_shape_check. */
function shapeCheck(query: Tensor, key: Tensor, value: Tensor, keyPaddingMask: Tensor | null, attnMask: Tensor | null, numHeads: number): boolean {
  if (query.dim() === 3) {
    check(key.dim() === 3 && value.dim() === 3, `For batched (3-D) \`query\`, expected \`key\` and \`value\` to be 3-D but found ${key.dim()}-D and ${value.dim()}-D tensors respectively`);
    if (keyPaddingMask !== null) check(keyPaddingMask.dim() === 2, `For batched (3-D) \`query\`, expected \`key_padding_mask\` to be \`None\` or 2-D but found ${keyPaddingMask.dim()}-D tensor instead`);
    if (attnMask !== null) check(attnMask.dim() === 2 || attnMask.dim() === 3, `For batched (3-D) \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${attnMask.dim()}-D tensor instead`);
    return true;
  }
  if (query.dim() === 2) {
    check(key.dim() === 2 && value.dim() === 2, `For unbatched (2-D) \`query\`, expected \`key\` and \`value\` to be 2-D but found ${key.dim()}-D and ${value.dim()}-D tensors respectively`);
    if (keyPaddingMask !== null) check(keyPaddingMask.dim() === 1, `For unbatched (2-D) \`query\`, expected \`key_padding_mask\` to be \`None\` or 1-D but found ${keyPaddingMask.dim()}-D tensor instead`);
    if (attnMask !== null) {
      check(attnMask.dim() === 2 || attnMask.dim() === 3, `For unbatched (2-D) \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${attnMask.dim()}-D tensor instead`);
      if (attnMask.dim() === 3) {
        const expected = [numHeads, query.shape[0]!, key.shape[0]!];
        check(sameShape(attnMask.shape, expected), `Expected \`attn_mask\` shape to be (${expected.join(', ')}) but got ${shapeText(attnMask)}`);
      }
    }
    return false;
  }
  throw new Error(`query should be unbatched 2D or batched 3D tensor but received ${query.dim()}-D query tensor`);
}

/** q, k, v projected by one packed [3E, E] weight (one matmul when they are the same tensor). */
function inProjectionPacked(q: Tensor, k: Tensor, v: Tensor, w: Tensor, b: Tensor | null): Tensor[] {
  const e = q.shape[q.dim() - 1]!;
  if (k === v) {
    if (q === k) return linear(q, w, b).chunk(3, -1);
    const [wQ, wKv] = w.split([e, e * 2]) as [Tensor, Tensor];
    const [bQ, bKv] = b === null ? [null, null] : (b.split([e, e * 2]) as [Tensor, Tensor]);
    return [linear(q, wQ, bQ), ...linear(k, wKv, bKv).chunk(2, -1)];
  }
  const [wQ, wK, wV] = w.chunk(3) as [Tensor, Tensor, Tensor];
  const [bQ, bK, bV] = b === null ? [null, null, null] : (b.chunk(3) as [Tensor, Tensor, Tensor]);
  return [linear(q, wQ, bQ), linear(k, wK, bK), linear(v, wV, bV)];
}

/** q, k, v projected by their own weights (key and value may have other widths than the query). */
function inProjection(q: Tensor, k: Tensor, v: Tensor, wQ: Tensor, wK: Tensor, wV: Tensor, bQ: Tensor | null, bK: Tensor | null, bV: Tensor | null): Tensor[] {
  const [eq, ek, ev] = [q, k, v].map((t) => t.shape[t.dim() - 1]!) as [number, number, number];
  check(sameShape(wQ.shape, [eq, eq]), `expecting query weights shape of (${eq}, ${eq}), but got ${shapeText(wQ)}`);
  check(sameShape(wK.shape, [eq, ek]), `expecting key weights shape of (${eq}, ${ek}), but got ${shapeText(wK)}`);
  check(sameShape(wV.shape, [eq, ev]), `expecting value weights shape of (${eq}, ${ev}), but got ${shapeText(wV)}`);
  return [linear(q, wQ, bQ), linear(k, wK, bK), linear(v, wV, bV)];
}

/**
 * Multi-head attention over (L, N, E) query and (S, N, E) key/value inputs (or unbatched (L, E) and
 * (S, E)). Returns `[output, weights]`: the weights (N, L, S) averaged over heads, (N, heads, L, S)
 * with `averageAttnWeights: false`, or null with `needWeights: false`.
 *
 * @example
 * const [out, w] = F.multiHeadAttentionForward(q, k, v, 8, 2, inW, inB, null, null, false, 0, outW, outB, { training: false });
 */
export function multiHeadAttentionForward(...args: Args<Positional, MultiHeadAttentionForwardOptions>): [Tensor, Tensor | null] {
  const o = SIGNATURE.parse<Bound>(args);
  const { embedDimToCheck, numHeads, inProjWeight, inProjBias, biasK, biasV, outProjWeight, outProjBias, staticK, staticV } = o;
  let { query, key, value, keyPaddingMask, attnMask } = o;
  const isBatched = shapeCheck(query, key, value, keyPaddingMask, attnMask, numHeads);
  if (!isBatched) {
    query = query.unsqueeze(1);
    key = key.unsqueeze(1);
    value = value.unsqueeze(1);
    if (keyPaddingMask !== null) keyPaddingMask = keyPaddingMask.unsqueeze(0);
  }
  const [tgtLen, bsz, embedDim] = query.shape as [number, number, number];
  if (keyPaddingMask !== null && keyPaddingMask.dtype !== 'bool' && !keyPaddingMask.isFloatingPoint()) {
    throw new Error('only bool and floating types of key_padding_mask are supported');
  }
  check(embedDim === embedDimToCheck, `was expecting embedding dimension of ${embedDimToCheck}, but got ${embedDim}`);
  const headDim = Math.floor(embedDim / numHeads);
  check(headDim * numHeads === embedDim, `embed_dim ${embedDim} not divisible by num_heads ${numHeads}`);
  if (o.useSeparateProjWeight) {
    check(sameShape(key.shape.slice(0, 2), value.shape.slice(0, 2)), `key's sequence and batch dims (${key.shape.slice(0, 2).join(', ')}) do not match value's (${value.shape.slice(0, 2).join(', ')})`);
  } else {
    check(sameShape(key.shape, value.shape), `key shape ${shapeText(key)} does not match value shape ${shapeText(value)}`);
  }

  let q: Tensor;
  let k: Tensor;
  let v: Tensor;
  if (!o.useSeparateProjWeight) {
    check(inProjWeight !== null, 'use_separate_proj_weight is False but in_proj_weight is None');
    [q, k, v] = inProjectionPacked(query, key, value, inProjWeight!, inProjBias) as [Tensor, Tensor, Tensor];
  } else {
    check(o.qProjWeight !== null, 'use_separate_proj_weight is True but q_proj_weight is None');
    check(o.kProjWeight !== null, 'use_separate_proj_weight is True but k_proj_weight is None');
    check(o.vProjWeight !== null, 'use_separate_proj_weight is True but v_proj_weight is None');
    const [bQ, bK, bV] = inProjBias === null ? [null, null, null] : (inProjBias.chunk(3) as [Tensor, Tensor, Tensor]);
    [q, k, v] = inProjection(query, key, value, o.qProjWeight!, o.kProjWeight!, o.vProjWeight!, bQ, bK, bV) as [Tensor, Tensor, Tensor];
  }

  if (attnMask !== null) {
    if (attnMask.dtype === 'uint8') {
      console.warn('Byte tensor for attn_mask in nn.MultiheadAttention is deprecated. Use bool tensor instead.');
      attnMask = attnMask.to('bool');
    } else if (!attnMask.isFloatingPoint() && attnMask.dtype !== 'bool') {
      throw new Error(`Only float, byte, and bool types are supported for attn_mask, not torch.${attnMask.dtype}`);
    }
    if (attnMask.dim() === 2) {
      if (!sameShape(attnMask.shape, [tgtLen, key.shape[0]!])) throw new Error(`The shape of the 2D attn_mask is ${shapeText(attnMask)}, but should be (${tgtLen}, ${key.shape[0]}).`);
      attnMask = attnMask.unsqueeze(0);
    } else if (attnMask.dim() === 3) {
      const correct = [bsz * numHeads, tgtLen, key.shape[0]!];
      if (!sameShape(attnMask.shape, correct)) throw new Error(`The shape of the 3D attn_mask is ${shapeText(attnMask)}, but should be (${correct.join(', ')}).`);
    } else {
      throw new Error(`attn_mask's dimension ${attnMask.dim()} is not supported`);
    }
  }

  if (biasK !== null && biasV !== null) {
    check(staticK === null, 'bias cannot be added to static key.');
    check(staticV === null, 'bias cannot be added to static value.');
    k = cat([k, biasK.repeat(1, bsz, 1)]);
    v = cat([v, biasV.repeat(1, bsz, 1)]);
    if (attnMask !== null) attnMask = pad(attnMask, [0, 1]);
    if (keyPaddingMask !== null) keyPaddingMask = pad(keyPaddingMask, [0, 1]);
  } else {
    check(biasK === null && biasV === null, 'bias_k and bias_v must be given together');
  }

  // Heads become part of the batch: (L, N, E) → (N·heads, L, headDim).
  q = q.contiguous().view(tgtLen, bsz * numHeads, headDim).transpose(0, 1);
  if (staticK === null) k = k.contiguous().view(k.shape[0]!, bsz * numHeads, headDim).transpose(0, 1);
  else {
    check(staticK.size(0) === bsz * numHeads, `expecting static_k.size(0) of ${bsz * numHeads}, but got ${staticK.size(0)}`);
    check(staticK.size(2) === headDim, `expecting static_k.size(2) of ${headDim}, but got ${staticK.size(2)}`);
    k = staticK;
  }
  if (staticV === null) v = v.contiguous().view(v.shape[0]!, bsz * numHeads, headDim).transpose(0, 1);
  else {
    check(staticV.size(0) === bsz * numHeads, `expecting static_v.size(0) of ${bsz * numHeads}, but got ${staticV.size(0)}`);
    check(staticV.size(2) === headDim, `expecting static_v.size(2) of ${headDim}, but got ${staticV.size(2)}`);
    v = staticV;
  }

  if (o.addZeroAttn) {
    const zeroShape = [bsz * numHeads, 1, headDim];
    k = cat([k, zeros(zeroShape, { dtype: k.dtype, device: k.device })], 1);
    v = cat([v, zeros(zeroShape, { dtype: v.dtype, device: v.device })], 1);
    if (attnMask !== null) attnMask = pad(attnMask, [0, 1]);
    if (keyPaddingMask !== null) keyPaddingMask = pad(keyPaddingMask, [0, 1]);
  }
  const srcLen = k.size(1);

  if (keyPaddingMask !== null) {
    check(sameShape(keyPaddingMask.shape, [bsz, srcLen]), `expecting key_padding_mask shape of (${bsz}, ${srcLen}), but got ${shapeText(keyPaddingMask)}`);
    const perHead = keyPaddingMask.view(bsz, 1, 1, srcLen).expand(-1, numHeads, -1, -1).reshape(bsz * numHeads, 1, srcLen);
    if (attnMask === null) attnMask = perHead;
    else if (attnMask.dtype === 'bool') attnMask = attnMask.logicalOr(perHead);
    // PyTorch's out-of-place masked_fill broadcasts the mask and self together; here the mask must fit self, so widen self first.
    else attnMask = attnMask.expand(bsz * numHeads, -1, -1).maskedFill(perHead, -Infinity);
  }
  // A boolean mask becomes an additive one: -inf where attention is not allowed.
  if (attnMask !== null && attnMask.dtype === 'bool') attnMask = zerosLike(attnMask, { dtype: q.dtype }).maskedFill_(attnMask, -Infinity);

  const dropoutP = o.training ? o.dropoutP : 0.0;
  const e = q.shape[2]!;
  const qScaled = q.div(Math.sqrt(e));
  const scores = qScaled.bmm(k.transpose(-2, -1));
  let weights = softmax(attnMask === null ? scores : scores.add(attnMask), -1);
  if (dropoutP > 0.0) weights = dropout(weights, { p: dropoutP });
  let output = weights.bmm(v);
  output = output.transpose(0, 1).contiguous().view(tgtLen * bsz, embedDim);
  output = linear(output, outProjWeight, outProjBias);
  output = output.view(tgtLen, bsz, output.size(1));

  if (!o.needWeights) return [isBatched ? output : output.squeeze(1), null];
  weights = weights.view(bsz, numHeads, tgtLen, srcLen);
  if (o.averageAttnWeights) weights = weights.sum(1).div(numHeads);
  return isBatched ? [output, weights] : [output.squeeze(1), weights.squeeze(0)];
}
