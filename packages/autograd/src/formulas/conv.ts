/**
 * Derivatives of convolution and pooling (conv.ts, pool.ts, window.ts of @x/tensor), with PyTorch
 * 1.13's node names. They are written with recorded ops (im2col, col2im, matmul, scatter/gather),
 * so every one of them is itself differentiable.
 *
 * - convolution: grad input = col2im(W^T @ grad) (a transposed convolution's is W @ im2col(grad)),
 *   grad weight = grad @ im2col(input)^T summed over the batch, grad bias = grad summed over all but
 *   the channel dim.
 * - max pooling: the gradient goes to the argmax of each window (a scatter-add on the planes).
 * - average pooling: the gradient divided by each window's divisor, spread over its window (col2im).
 */
import {
  adaptivePoolMatrix, avgPoolDivisor, col2im, convolutionGeometry, im2col, im2colMatmul, im2colWeightGrad, matmulCol2im, zeros,
  type ConvolutionParams, type Tensor, type WindowGeometry,
} from '@x/tensor';
import type { BackwardContext, Formula, FormulaTable } from './types';
import { asInput } from './pointwise';

function geometryOf(ctx: BackwardContext): WindowGeometry {
  return ctx.attrs.geometry as WindowGeometry;
}

/** Number of (H, W) planes of an input of `shape` (every dim but the last two). */
function planeCount(shape: readonly number[]): number {
  return shape.slice(0, -2).reduce((a, b) => a * b, 1);
}

/** The gradient of values picked at flat per-plane indices: scattered (accumulating) back into zeros of the input's shape. */
function scatterToIndices(g: Tensor, indices: Tensor, inputShape: readonly number[]): Tensor {
  const P = planeCount(inputShape);
  const plane = inputShape.slice(-2).reduce((a, b) => a * b, 1);
  const L = g.shape.slice(-2).reduce((a, b) => a * b, 1);
  const z = zeros([P, plane], { dtype: g.dtype, device: g.device });
  return z.scatterAdd(1, indices.reshape(P, L), g.reshape(P, L)).reshape([...inputShape]);
}

function convolutionBackward(grads: readonly Tensor[], ctx: BackwardContext): (Tensor | null)[] {
  const g = grads[0]!;
  const p = ctx.attrs as unknown as ConvolutionParams;
  const needs = ctx.needsInputGrad;
  const x = needs[1] ? ctx.input(0) : null;
  const w = needs[0] || needs[1] ? ctx.input(1) : null;
  const geometry = convolutionGeometry(ctx.inputShapes[0]!, ctx.inputShapes[1]!, p);
  const weights = w ? w.reshape(p.groups, w.shape[0]! / p.groups, -1) : null;
  let gx: Tensor | null = null;
  let gw: Tensor | null = null;
  if (!p.transposed) {
    if (needs[0]) gx = matmulCol2im(g, weights!, geometry);
    if (needs[1]) gw = im2colWeightGrad(x!, g, geometry, p.groups).reshape([...ctx.inputShapes[1]!]);
  } else {
    if (needs[0]) gx = im2colMatmul(g, weights!, geometry);
    if (needs[1]) gw = im2colWeightGrad(g, x!, geometry, p.groups).reshape([...ctx.inputShapes[1]!]);
  }
  const spatial = ctx.inputShapes[0]!.slice(2).map((_, i) => i + 2);
  const gb = needs[2] ? g.sum({ dim: [0, ...spatial] }) : null;
  return [gx && asInput(gx, ctx, 0), gw && asInput(gw, ctx, 1), gb && asInput(gb, ctx, 2)];
}

function single(name: string, saves: Formula['saves'], backward: (g: Tensor, ctx: BackwardContext) => Tensor): Formula {
  return { name, saves, backward: (grads, ctx) => [ctx.needsInputGrad[0] ? asInput(backward(grads[0]!, ctx), ctx, 0) : null] };
}

/** avg_pool2d_backward: each output's gradient over its divisor, spread evenly over its window. */
function avgPoolBackward(g: Tensor, ctx: BackwardContext): Tensor {
  const geometry = geometryOf(ctx);
  const shape = ctx.inputShapes[0]!;
  const P = planeCount(shape);
  const K = geometry.kernelSize.reduce((a, b) => a * b, 1);
  const L = geometry.outputSize.reduce((a, b) => a * b, 1);
  const divisor = avgPoolDivisor(geometry, ctx.attrs.countIncludePad as boolean, ctx.attrs.divisorOverride as number | null, g.backend, g.dtype);
  const share = g.reshape(P, 1, L).div(typeof divisor === 'number' ? divisor : divisor.reshape(1, 1, L));
  return col2im(share.expand(P, K, L), geometry).reshape([...shape]);
}

/** adaptive_avg_pool2d_backward: the transposed averaging matrices, Ph^T @ grad @ Pw. */
function adaptiveAvgBackward(g: Tensor, ctx: BackwardContext): Tensor {
  const [OH, OW] = ctx.attrs.outputSize as [number, number];
  const [H, W] = ctx.inputShapes[0]!.slice(-2) as [number, number];
  const ph = adaptivePoolMatrix(H, OH, g.backend, g.dtype);
  const pw = adaptivePoolMatrix(W, OW, g.backend, g.dtype);
  return ph.t().matmul(g).matmul(pw);
}

export const CONV = {
  im2col: single('Im2ColBackward0', {}, (g, ctx) => col2im(g, geometryOf(ctx))),
  // an unbatched col2im (C*K, L) → (C, *size) has an unbatched image gradient
  col2im: single('Col2ImBackward0', {}, (g, ctx) => {
    const geometry = { ...geometryOf(ctx), padValue: 0 };
    return g.ndim === geometry.inputSize.length + 1 ? im2col(g.unsqueeze(0), geometry).squeeze(0) : im2col(g, geometry);
  }),
  // inputs [input, weight, bias]
  convolution: { name: 'ConvolutionBackward0', saves: { inputs: [0, 1] }, backward: convolutionBackward },
  // outputs [values, indices]: only values carry a gradient
  maxPool2d: single('MaxPool2DWithIndicesBackward0', { outputs: true }, (g, ctx) => scatterToIndices(g, ctx.output(1), ctx.inputShapes[0]!)),
  adaptiveMaxPool2d: single('AdaptiveMaxPool2DBackward0', { outputs: true }, (g, ctx) => scatterToIndices(g, ctx.output(1), ctx.inputShapes[0]!)),
  avgPool2d: single('AvgPool2DBackward0', {}, avgPoolBackward),
  adaptiveAvgPool2d: single('AdaptiveAvgPool2DBackward0', {}, adaptiveAvgBackward),
  // inputs [input, indices]: the gradient read back at the indices
  maxUnpool2d: single('MaxUnpool2DBackward0', { inputs: [1] }, (g, ctx) => {
    const shape = ctx.inputShapes[0]!;
    const P = planeCount(shape);
    const L = shape.slice(-2).reduce((a, b) => a * b, 1);
    return g.reshape(P, -1).gather(1, ctx.input(1).reshape(P, L)).reshape([...shape]);
  }),
} satisfies FormulaTable;
