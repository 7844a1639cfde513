/**
 * Convolutions (conv1d, conv2d, their transposes) as im2col + one large matmul per group, and the
 * three building blocks their forward and backward are made of. Columns are unfolded in the 'KNL'
 * layout, so a chunk of images gives one (C*K, n*L) matrix and each product is a single GEMM; the
 * batch is cut into chunks so that the column matrix stays bounded (columnBudget elements).
 */
import { traced } from '../autograd';
import { tidy } from '../memory';
import { shapeStr } from '../shape';
import { Tensor } from '../tensor';
import { cTypeName, isIntegral, legacyTypeName, scalarTypeName } from '../dtype';
import { add } from './elementwise';
import { cat, pad } from './join';
import { emptyTensor } from './util';
import { col2im, expandParam, im2col, slidingCount, spatialOf, type IntOrTuple, type WindowGeometry } from './window';
import { bound, type Args, type BoundFunction } from '../signature';

/** Elements of one chunk's column matrix (C*K x n*L): 8M floats, 32 MB in float32. */
let columnBudget = 1 << 23;

/** Sets the column budget (tests use a tiny one to run the chunked paths); returns the previous one. */
export function setColumnBudget(elements: number): number {
  const previous = columnBudget;
  columnBudget = elements;
  return previous;
}

/** torch.convolution's arguments besides the tensors (one entry per spatial dim). */
export interface ConvolutionParams {
  readonly stride: readonly number[];
  readonly padding: readonly number[];
  readonly dilation: readonly number[];
  readonly transposed: boolean;
  readonly outputPadding: readonly number[];
  readonly groups: number;
}

/**
 * The window geometry of a convolution on a batched input of `inputShape` with a weight of
 * `weightShape`. The window runs over the larger side: the input of a convolution, the output of a
 * transposed one.
 */
export function convolutionGeometry(inputShape: readonly number[], weightShape: readonly number[], p: ConvolutionParams): WindowGeometry {
  const kernel = weightShape.slice(2);
  const size = inputShape.slice(2);
  if (!p.transposed) {
    const out = size.map((n, i) => slidingCount(n, kernel[i]!, p.stride[i]!, p.padding[i]!, p.dilation[i]!));
    return { inputSize: size, outputSize: out, kernelSize: kernel, stride: p.stride, padding: p.padding, dilation: p.dilation, padValue: 0 };
  }
  const big = size.map((n, i) => (n - 1) * p.stride[i]! - 2 * p.padding[i]! + p.dilation[i]! * (kernel[i]! - 1) + p.outputPadding[i]! + 1);
  return { inputSize: big, outputSize: size, kernelSize: kernel, stride: p.stride, padding: p.padding, dilation: p.dilation, padValue: 0 };
}

function product(a: readonly number[]): number {
  return a.reduce((x, y) => x * y, 1);
}

/** [start, length] chunks of the batch whose column matrices fit COLUMN_BUDGET (at least one image each). */
function chunks(n: number, columnsPerImage: number): [number, number][] {
  const per = Math.max(1, Math.floor(columnBudget / Math.max(columnsPerImage, 1)));
  const out: [number, number][] = [];
  for (let s = 0; s < n; s += per) out.push([s, Math.min(per, n - s)]);
  return out;
}

function joined(parts: Tensor[]): Tensor {
  return parts.length === 1 ? parts[0]! : cat(parts, 0);
}

/** The images of `t` in [start, start + n), as (groups, rows / groups, n * L) with a copy when the layout needs one. */
function asGroupMatrix(t: Tensor, start: number, n: number, groups: number): Tensor {
  const rows = t.shape[1]!;
  const L = product(spatialOf(t));
  const part = n === t.shape[0] ? t : t.narrow(0, start, n);
  return part.reshape(n, rows, L).permute(1, 0, 2).reshape(groups, rows / groups, n * L);
}

/** im2col of images [start, start + n) of `big` as one (groups, C*K / groups, n * L) matrix (no copy). */
function columns(big: Tensor, start: number, n: number, g: WindowGeometry, groups: number): Tensor {
  const part = n === big.shape[0] ? big : big.narrow(0, start, n);
  const cols = im2col(part, g, 'KNL');
  const CK = cols.shape[1]!;
  return cols.permute(1, 0, 2).reshape(groups, CK / groups, n * cols.shape[2]!);
}

/**
 * W @ im2col(big): a convolution's output (and a transposed convolution's input gradient).
 * big (N, C, *inputSize), weights (groups, O / groups, C / groups * K) → (N, O, *outputSize),
 * plus bias (O) when given.
 */
export function im2colMatmul(big: Tensor, weights: Tensor, g: WindowGeometry, bias: Tensor | null = null): Tensor {
  return tidy(() => {
    const [N, C] = big.shape as [number, number];
    const groups = weights.shape[0]!;
    const O = groups * weights.shape[1]!;
    const L = product(g.outputSize);
    const K = product(g.kernelSize);
    if (N === 0) return emptyTensor([0, O, ...g.outputSize], big.dtype, big.backend);
    const parts = chunks(N, C * K * L).map(([s, n]) => {
      const y = weights.bmm(columns(big, s, n, g, groups)).reshape(O, n, L).permute(1, 0, 2);
      return bias ? add(y, bias.reshape(O, 1)) : y.contiguous();
    });
    return joined(parts).reshape(N, O, ...g.outputSize);
  });
}

/**
 * col2im(W^T @ small): a convolution's input gradient (and a transposed convolution's output).
 * small (N, O, *outputSize), weights (groups, O / groups, C / groups * K) → (N, C, *inputSize).
 */
export function matmulCol2im(small: Tensor, weights: Tensor, g: WindowGeometry): Tensor {
  return tidy(() => {
    const N = small.shape[0]!;
    const groups = weights.shape[0]!;
    const CK = groups * weights.shape[2]!;
    const L = product(g.outputSize);
    if (N === 0) return emptyTensor([0, CK / product(g.kernelSize), ...g.inputSize], small.dtype, small.backend);
    const wt = weights.transpose(1, 2);
    const parts = chunks(N, CK * L).map(([s, n]) => {
      const cols = wt.bmm(asGroupMatrix(small, s, n, groups)).reshape(CK, n, L).permute(1, 0, 2);
      return col2im(cols, g);
    });
    return joined(parts);
  });
}

/**
 * small @ im2col(big)^T summed over the batch: a convolution's weight gradient (small is the output
 * gradient) and a transposed convolution's (big is the output gradient). Returns
 * (groups, O / groups, C / groups * K).
 */
export function im2colWeightGrad(big: Tensor, small: Tensor, g: WindowGeometry, groups: number): Tensor {
  return tidy(() => {
    const [N, C] = big.shape as [number, number];
    const K = product(g.kernelSize);
    const L = product(g.outputSize);
    // Computed transposed, im2col(big) @ small^T: the column matrix is then read along its rows
    // (measured ~10% faster in the packed GEMM than packing it transposed).
    let acc: Tensor | null = null;
    for (const [s, n] of chunks(N, C * K * L)) {
      const part = columns(big, s, n, g, groups).bmm(asGroupMatrix(small, s, n, groups).transpose(1, 2));
      acc = acc === null ? part : add(acc, part);
    }
    if (acc === null) {
      const z = emptyTensor([groups, small.shape[1]! / groups, (C / groups) * K], big.dtype, big.backend);
      big.backend.fill(z, 0);
      return z;
    }
    return acc.transpose(1, 2);
  });
}

/** The weight as (groups, rows / groups, cols * K): rows are out channels (conv) or in channels (transposed). */
function groupedWeight(weight: Tensor, groups: number): Tensor {
  return weight.reshape(groups, weight.shape[0]! / groups, -1);
}

/** Checks of PyTorch's check_shape_forward (Convolution.cpp), in its order and words. */
function checkShapes(input: Tensor, weight: Tensor, bias: Tensor | null, p: ConvolutionParams): void {
  if (p.groups <= 0) throw new Error('non-positive groups is not supported');
  if (p.padding.some((v) => v < 0)) throw new Error('negative padding is not supported');
  if (p.outputPadding.some((v) => v < 0)) throw new Error('negative output_padding is not supported');
  if (p.stride.some((v) => v <= 0)) throw new Error('non-positive stride is not supported');
  // PyTorch's CPU convolutions check a 1-D one as 2-D (height 1), and say so in their messages.
  const as2d = (a: readonly number[], one: number): number[] => (a.length === 1 ? [one, a[0]!] : [...a]);
  if (p.dilation.some((v) => v <= 0)) throw new Error(`dilation should be greater than zero, but got [${as2d(p.dilation, 1).join(', ')}]`);
  const k = input.ndim;
  const ws = shapeStr(weight.shape);
  if (weight.ndim !== k) {
    throw new Error(`Expected ${weight.ndim}-dimensional input for ${weight.ndim}-dimensional weight ${ws}, but got ${k}-dimensional input of size ${shapeStr(input.shape)} instead`);
  }
  if (weight.shape[0]! < p.groups) {
    throw new Error(`Given groups=${p.groups}, expected weight to be at least ${p.groups} at dimension 0, but got weight of size ${ws} instead`);
  }
  if (weight.shape[0]! % p.groups !== 0) {
    throw new Error(`Given groups=${p.groups}, expected weight to be divisible by ${p.groups} at dimension 0, but got weight of size [${ws}] instead`);
  }
  const is = shapeStr(input.shape);
  if (!p.transposed) {
    const expected = weight.shape[1]! * p.groups;
    if (input.shape[1] !== expected) {
      throw new Error(`Given groups=${p.groups}, weight of size ${ws}, expected input${is} to have ${expected} channels, but got ${input.shape[1]} channels instead`);
    }
    if (bias && (bias.ndim !== 1 || bias.shape[0] !== weight.shape[0])) {
      throw new Error(`Given weight of size ${ws}, expected bias to be 1-dimensional with ${weight.shape[0]} elements, but got bias of size ${shapeStr(bias.shape)} instead`);
    }
    const padded = spatialOf(input).map((n, i) => n + 2 * p.padding[i]!);
    const kernel = weight.shape.slice(2).map((n, i) => p.dilation[i]! * (n - 1) + 1);
    if (padded.some((n, i) => n < kernel[i]!)) {
      throw new Error(`Calculated padded input size per channel: (${padded.join(' x ')}). Kernel size: (${kernel.join(' x ')}). Kernel size can't be greater than actual input size`);
    }
  } else {
    if (input.shape[1] !== weight.shape[0]) {
      throw new Error(`Given transposed=1, weight of size ${ws}, expected input${is} to have ${weight.shape[0]} channels, but got ${input.shape[1]} channels instead`);
    }
    const channels = weight.shape[1]! * p.groups;
    if (bias && (bias.ndim !== 1 || bias.shape[0] !== channels)) {
      throw new Error(`Given transposed=1, weight of size ${ws}, expected bias to be 1-dimensional with ${channels} elements, but got bias of size ${shapeStr(bias.shape)} instead`);
    }
    if (p.outputPadding.some((op, i) => op >= p.stride[i]! && op >= p.dilation[i]!)) {
      const [oh, ow] = as2d(p.outputPadding, 0);
      const [sh, sw] = as2d(p.stride, 1);
      const [dh, dw] = as2d(p.dilation, 1);
      throw new Error(
        `output padding must be smaller than either stride or dilation, but got output_padding_height: ${oh} output_padding_width: ${ow} stride_height: ${sh} stride_width: ${sw} dilation_height: ${dh} dilation_width: ${dw}`,
      );
    }
  }
}

function checkDTypes(input: Tensor, weight: Tensor, bias: Tensor | null): void {
  if (weight.dtype !== input.dtype) {
    throw new Error(
      `Input type (${legacyTypeName(input.dtype)}) and weight type (${legacyTypeName(weight.dtype)}) should be the same or input should be a MKLDNN tensor and weight is a dense tensor`,
    );
  }
  if (bias && bias.dtype !== input.dtype) {
    throw new Error(`Input type (${cTypeName(input.dtype)}) and bias type (${cTypeName(bias.dtype)}) should be the same`);
  }
  if (input.dtype === 'float16' || input.dtype === 'bool') {
    // PyTorch 1.13's CPU convolutions of every rank run on slow_conv2d, which has no Half or Bool
    // kernel; integer dtypes (wrapping on overflow) and bfloat16 it does convolve.
    throw new Error(`"slow_conv2d_cpu" not implemented for '${scalarTypeName(input.dtype)}'`);
  }
}

/**
 * torch.convolution: the one recorded convolution op (ConvolutionBackward0) behind conv1d/conv2d
 * and their transposes, on a batched input (N, C, *spatial) with one or two spatial dims.
 *
 * @example
 * torch.convolution(x, w, null, { stride: [1, 1], padding: [0, 0], dilation: [1, 1], transposed: false, outputPadding: [0, 0], groups: 1 });
 */
export function convolution(input: Tensor, weight: Tensor, bias: Tensor | null, params: ConvolutionParams): Tensor {
  input._live();
  weight._live();
  bias?._live();
  // PyTorch's _convolution expands each parameter to the weight's spatial rank first.
  const rank = weight.ndim - 2;
  const p: ConvolutionParams = {
    ...params,
    stride: expandParam('stride', params.stride, rank),
    padding: expandParam('padding', params.padding, rank),
    dilation: expandParam('dilation', params.dilation, rank),
    outputPadding: expandParam('output_padding', params.outputPadding, rank),
  };
  return convolutionChecked(input, weight, bias, p);
}

function convolutionChecked(input: Tensor, weight: Tensor, bias: Tensor | null, params: ConvolutionParams): Tensor {
  checkShapes(input, weight, bias, params);
  checkDTypes(input, weight, bias);
  const g = convolutionGeometry(input.shape, weight.shape, params);
  if (g.inputSize.some((n) => n <= 0) || g.outputSize.some((n) => n <= 0)) {
    throw new Error(`Given input size: (${input.shape.slice(1).join('x')}). Calculated output size is too small`);
  }
  if (isIntegral(input.dtype)) return integerConvolution(input, weight, bias, params);
  return traced('convolution', [input, weight, bias], params as unknown as Record<string, unknown>, () => tidy(() => {
    const w = groupedWeight(weight, params.groups);
    if (!params.transposed) return im2colMatmul(input, w, g, bias);
    const y = matmulCol2im(input, w, g);
    return bias ? add(y, bias.reshape(-1, ...g.inputSize.map(() => 1))) : y;
  }));
}

/** 2^53: every integer up to it is exact in float64. */
const EXACT_IN_FLOAT64 = 2 ** 53;

/**
 * An integer convolution (PyTorch 1.13's slow_conv2d convolves int64, int32 and uint8 on CPU, wrapping
 * on overflow as C integer arithmetic does). Computed exactly in float64, then wrapped to the dtype:
 * every partial sum is an integer below 2^53 in magnitude when |x|·|w|·(terms per output) + |bias|
 * is, which is checked first; a larger int64 convolution is refused rather than rounded.
 */
function integerConvolution(input: Tensor, weight: Tensor, bias: Tensor | null, params: ConvolutionParams): Tensor {
  if (!params.transposed && params.dilation.some((d) => d !== 1) && input.dtype !== 'int64') {
    // Dilated convolutions run on slow_conv_dilated, whose integer kernel is int64 only.
    throw new Error(`"slow_conv_dilated<>" not implemented for '${scalarTypeName(input.dtype)}'`);
  }
  return tidy(() => {
    const maxAbs = (t: Tensor): number => (t.numel() === 0 ? 0 : Number(t.abs().max().to('float64').item()));
    // Products summed into one output: C/groups·K for a convolution; at most all of the weight for a transposed one.
    const terms = params.transposed ? weight.numel() : weight.numel() / weight.shape[0]!;
    const bound = maxAbs(input) * maxAbs(weight) * terms + (bias ? maxAbs(bias) : 0);
    if (!(bound < EXACT_IN_FLOAT64)) {
      throw new Error(
        `convolution of ${input.dtype} tensors: the sums can reach ${bound.toExponential(3)}, past 2^53, where @x cannot compute them exactly (it convolves integers in float64)`,
      );
    }
    const out = convolutionChecked(input.to('float64'), weight.to('float64'), bias ? bias.to('float64') : null, params);
    if (input.dtype === 'int64') return out.to('int64');
    // uint8 and int32 wrap modulo 2^bits, as C arithmetic on those types.
    const bits = input.dtype === 'uint8' ? 8 : 32;
    const modulus = 2 ** bits;
    const offset = input.dtype === 'uint8' ? 0 : 2 ** (bits - 1);
    return out.add(offset).remainder(modulus).sub(offset).to(input.dtype);
  });
}

/** conv1d/conv2d's padding: ints, or PyTorch's 'valid' (none) and 'same' (output size = input size, stride 1). */
export type ConvPadding = IntOrTuple | 'same' | 'valid';

export interface ConvOptions {
  bias?: Tensor | null;
  stride?: IntOrTuple;
  padding?: ConvPadding;
  dilation?: IntOrTuple;
  groups?: number;
}

export interface ConvTransposeOptions {
  bias?: Tensor | null;
  stride?: IntOrTuple;
  padding?: IntOrTuple;
  outputPadding?: IntOrTuple;
  groups?: number;
  dilation?: IntOrTuple;
}




/** Adds the batch dim of an unbatched input (PyTorch's conv accepts both) and checks the rank. */
function batchedInput(name: string, input: Tensor, rank: number): [Tensor, boolean] {
  input._live();
  if (input.ndim === rank + 1) return [input.unsqueeze(0), true];
  if (input.ndim !== rank + 2) {
    throw new Error(`Expected ${rank + 1}D (unbatched) or ${rank + 2}D (batched) input to ${name}, but got input of size: ${shapeStr(input.shape)}`);
  }
  return [input, false];
}

function convNd(name: string, rank: number, input: Tensor, weight: Tensor, o: ConvOptions): Tensor {
  const [x, unbatched] = batchedInput(name, input, rank);
  const stride = expandParam('stride', o.stride ?? 1, rank);
  const dilation = expandParam('dilation', o.dilation ?? 1, rank);
  const groups = o.groups ?? 1;
  const bias = o.bias ?? null;
  let padding: number[];
  let padded = x;
  const pad0 = o.padding ?? 0;
  if (typeof pad0 === 'string') {
    if (pad0 === 'valid') padding = new Array<number>(rank).fill(0);
    else if (pad0 === 'same') {
      if (stride.some((s) => s !== 1)) throw new Error("padding='same' is not supported for strided convolutions");
      // PyTorch's _convolution_mode: total padding d*(k-1) split left = total / 2; an odd total
      // pads one more on the right with an explicit F.pad first (ConstantPadNdBackward0).
      const kernel = weight.shape.slice(2);
      const total = kernel.map((k, i) => dilation[i]! * (k - 1));
      padding = total.map((t) => Math.floor(t / 2));
      if (total.some((t) => t % 2 !== 0) && weight.ndim === rank + 2) {
        const extra: number[] = [];
        for (let i = rank - 1; i >= 0; i--) extra.push(0, total[i]! % 2);
        padded = pad(x, extra);
      }
    } else throw new Error(`Invalid padding string: '${pad0}'`);
  } else padding = expandParam('padding', pad0, rank);
  const params: ConvolutionParams = {
    stride, padding, dilation, groups, transposed: false, outputPadding: new Array<number>(rank).fill(0),
  };
  const y = convolution(padded, weight, bias, params);
  return unbatched ? y.squeeze(0) : y;
}

function convTransposeNd(name: string, rank: number, input: Tensor, weight: Tensor, o: ConvTransposeOptions): Tensor {
  const [x, unbatched] = batchedInput(name, input, rank);
  const params: ConvolutionParams = {
    stride: expandParam('stride', o.stride ?? 1, rank),
    padding: expandParam('padding', o.padding ?? 0, rank),
    dilation: expandParam('dilation', o.dilation ?? 1, rank),
    outputPadding: expandParam('output_padding', o.outputPadding ?? 0, rank),
    groups: o.groups ?? 1,
    transposed: true,
  };
  const y = convolution(x, weight, o.bias ?? null, params);
  return unbatched ? y.squeeze(0) : y;
}

/** conv1d / conv2d's arguments after (input, weight): PyTorch's order, or any of them as options. */
export type ConvArgs = Args<[bias: Tensor | null, stride: IntOrTuple, padding: ConvPadding, dilation: IntOrTuple, groups: number], ConvOptions>;
/** conv_transpose's arguments after (input, weight) (output_padding before groups, dilation last, as PyTorch). */
export type ConvTransposeArgs = Args<[bias: Tensor | null, stride: IntOrTuple, padding: IntOrTuple, outputPadding: IntOrTuple, groups: number, dilation: IntOrTuple], ConvTransposeOptions>;
type ConvFn<A extends readonly unknown[]> = BoundFunction<[input: Tensor, weight: Tensor, ...A], Tensor>;

const CONV = (name: string): string =>
  `${name}(Tensor input, Tensor weight, Tensor? bias=None, int|int[] stride=1, int|int[]|str padding=0, int|int[] dilation=1, int groups=1)`;
const CONV_T = (name: string): string =>
  `${name}(Tensor input, Tensor weight, Tensor? bias=None, int|int[] stride=1, int|int[] padding=0, int|int[] outputPadding=0, int groups=1, int|int[] dilation=1)`;

function convForm(name: string, rank: number): ConvFn<ConvArgs> {
  return bound(CONV(name), (input: Tensor, weight: Tensor, bias: Tensor | null | undefined, stride: IntOrTuple, padding: ConvPadding, dilation: IntOrTuple, groups: number) =>
    convNd(name, rank, input, weight, { bias, stride, padding, dilation, groups }));
}
/** `op` names it in the checks' messages, as PyTorch does (conv_transpose2d). */
function convTransposeForm(name: string, op: string, rank: number): ConvFn<ConvTransposeArgs> {
  return bound(CONV_T(name), (input: Tensor, weight: Tensor, bias: Tensor | null | undefined, stride: IntOrTuple, padding: IntOrTuple, outputPadding: IntOrTuple, groups: number, dilation: IntOrTuple) =>
    convTransposeNd(op, rank, input, weight, { bias, stride, padding, outputPadding, groups, dilation }));
}

/**
 * torch.conv2d / F.conv2d(input, weight, bias?, stride = 1, padding = 0, dilation = 1, groups = 1):
 * input (N, C, H, W) or unbatched (C, H, W), weight (O, C / groups, kH, kW). padding may be 'same'
 * or 'valid'. Any trailing arguments may come as one options object.
 *
 * @example
 * torch.conv2d(x, w);                                  // no bias, stride 1
 * torch.conv2d(x, w, b, 2, 1);                         // stride 2, padding 1
 * torch.conv2d(x, w, { bias: b, padding: 'same', groups: 2 });
 */
export const conv2d = convForm('conv2d', 2);

/**
 * torch.conv1d / F.conv1d(input, weight, bias?, stride = 1, padding = 0, dilation = 1, groups = 1):
 * input (N, C, L) or unbatched (C, L), weight (O, C / groups, k).
 *
 * @example
 * torch.conv1d(x, w, null, { stride: 2, padding: 'valid' });
 */
export const conv1d = convForm('conv1d', 1);

/**
 * torch.conv_transpose2d / F.conv_transpose2d(input, weight, bias?, stride = 1, padding = 0,
 * output_padding = 0, groups = 1, dilation = 1): weight (C_in, C_out / groups, kH, kW); the output
 * size is (H - 1) * stride - 2 * padding + dilation * (k - 1) + output_padding + 1.
 *
 * @example
 * torch.convTranspose2d(x, w, b, 2, 1, 1);             // stride 2, padding 1, output_padding 1
 * torch.convTranspose2d(x, w, { stride: 2, outputPadding: 1 });
 */
export const convTranspose2d = convTransposeForm('convTranspose2d', 'conv_transpose2d', 2);

/**
 * torch.conv_transpose1d / F.conv_transpose1d: as convTranspose2d with one spatial dim.
 *
 * @example
 * torch.convTranspose1d(x, w, null, { stride: 3, outputPadding: 2 });
 */
export const convTranspose1d = convTransposeForm('convTranspose1d', 'conv_transpose1d', 1);
