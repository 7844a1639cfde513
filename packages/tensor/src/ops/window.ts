/**
 * Sliding windows over image batches (N, C, *spatial), the shared ground of convolution and pooling:
 * PyTorch's int-or-tuple arguments, window geometry, and the two recorded primitives on the
 * backend's im2col / col2im kernels, with their public forms F.unfold and F.fold.
 */
import type { Im2ColParams } from '../backend';
import { isFloatingPoint, isHalf, scalarTypeName } from '../dtype';
import { traced } from '../autograd';
import { Tensor } from '../tensor';
import { castTo } from './cast';
import { emptyTensor, viewOf } from './util';
import { shapeStr } from '../shape';
import { bound, type Args, type BoundFunction } from '../signature';

/** An int, or one int per spatial dim: PyTorch's `int or tuple` arguments (kernel_size, stride, …). */
export type IntOrTuple = number | readonly number[];

/** The full geometry of a window op: the backend's Im2ColParams. */
export type WindowGeometry = Im2ColParams;

/**
 * Expands an int-or-tuple argument to `rank` entries. `what` names it in PyTorch's words when the
 * tuple has the wrong length (e.g. "expected stride to be a single integer value or a list of 2
 * values to match the convolution dimensions, but got stride=[1, 1, 1]").
 */
export function expandParam(name: string, value: IntOrTuple, rank: number, what = 'convolution'): number[] {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new TypeError(`${name} must be an integer or a tuple of integers, but got ${value}`);
    return new Array<number>(rank).fill(value);
  }
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'number' || !Number.isInteger(v))) {
    throw new TypeError(`${name} must be an integer or a tuple of integers, but got ${String(value)}`);
  }
  if (value.length === 1) return new Array<number>(rank).fill(value[0]!);
  if (value.length !== rank) {
    throw new Error(`expected ${name} to be a single integer value or a list of ${rank} values to match the ${what} dimensions, but got ${name}=[${value.join(', ')}]`);
  }
  return value.slice();
}

/** Window positions along one dim (floor mode): floor((size + 2p - d(k-1) - 1) / s) + 1. */
export function slidingCount(size: number, kernel: number, stride: number, padding: number, dilation: number): number {
  return Math.floor((size + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1;
}

/**
 * PyTorch's pooling_output_shape: floor or ceil mode, and in ceil mode the last window must start
 * inside the input or its left padding.
 */
export function poolingCount(size: number, kernel: number, stride: number, padding: number, dilation: number, ceilMode: boolean): number {
  const span = size + 2 * padding - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0);
  let out = Math.floor(span / stride) + 1;
  if (ceilMode && (out - 1) * stride >= size + padding) out--;
  return out;
}

/** Spatial dims (everything after N and C) of a batched image tensor. */
export function spatialOf(t: Tensor): number[] {
  return t.shape.slice(2);
}

/**
 * The column layout im2col writes; the result is always the logical (N, C*K, L) tensor. 'NKL' is
 * F.unfold's contiguous layout. 'KNL' is a permuted view of a contiguous (C*K, N, L) tensor, so the
 * columns of every image form one (C*K, N*L) matrix for a single large matmul (convolution). 'NLK'
 * is a permuted view of a contiguous (N, L, C*K) tensor, so each window's values are contiguous
 * (pooling reduces over them).
 */
export type ColumnLayout = 'NKL' | 'KNL' | 'NLK';

function columnsShape(x: Tensor, g: WindowGeometry): [number, number, number] {
  const K = g.kernelSize.reduce((a, b) => a * b, 1);
  const L = g.outputSize.reduce((a, b) => a * b, 1);
  return [x.shape[0]!, x.shape[1]! * K, L];
}

/** Float dtypes only (PyTorch's im2col/col2im dispatch floating types); half types go through float32. */
function checkFloat(name: string, t: Tensor): void {
  if (!isFloatingPoint(t.dtype)) throw new Error(`"${name}" not implemented for '${scalarTypeName(t.dtype)}'`);
}

/**
 * im2col as a recorded op: x (N, C, *inputSize) → columns (N, C*K, L), padding positions read as
 * `padValue`; an unbatched (C, *inputSize) gives (C*K, L). Its gradient is col2im (Im2ColBackward0).
 */
export function im2col(x: Tensor, g: WindowGeometry, layout: ColumnLayout = 'NKL'): Tensor {
  return traced('im2col', [x], { geometry: g }, () => {
    x._live();
    checkFloat('im2col_out_cpu', x);
    if (x.ndim === g.inputSize.length + 1) {
      // unbatched (C, *size) → (C*K, L)
      const batched = x.unsqueeze(0);
      const cols = im2col(batched, g, layout);
      const r = cols.squeeze(0);
      batched.dispose();
      cols.dispose();
      return r;
    }
    const [N, CK, L] = columnsShape(x, g);
    const src = isHalf(x.dtype) ? castTo(x, 'float32') : x;
    const compute = src.dtype;
    let result: Tensor;
    if (layout === 'KNL') {
      const base = emptyTensor([CK, N, L], compute, x.backend);
      if (base.numel() > 0) x.backend.im2col(src, g, viewOf(base, [N, CK, L], [L, N * L, 1]));
      result = base.permute(1, 0, 2);
      base.dispose();
    } else if (layout === 'NLK') {
      const base = emptyTensor([N, L, CK], compute, x.backend);
      if (base.numel() > 0) x.backend.im2col(src, g, viewOf(base, [N, CK, L], [L * CK, 1, CK]));
      result = base.permute(0, 2, 1);
      base.dispose();
    } else {
      result = emptyTensor([N, CK, L], compute, x.backend);
      if (result.numel() > 0) x.backend.im2col(src, g, result);
    }
    if (src !== x) src.dispose();
    if (compute === x.dtype) return result;
    const r = castTo(result, x.dtype);
    result.dispose();
    return r;
  });
}

/**
 * col2im as a recorded op: columns (N, C*K, L) of any strides → the image (N, C, *inputSize), each
 * position the sum of the entries that read it; unbatched columns (C*K, L) give (C, *inputSize).
 * Its gradient is im2col (Col2ImBackward0).
 */
export function col2im(cols: Tensor, g: WindowGeometry): Tensor {
  return traced('col2im', [cols], { geometry: g }, () => {
    cols._live();
    checkFloat('col2im_out_cpu', cols);
    const unbatched = cols.ndim === 2;
    const batched = unbatched ? cols.unsqueeze(0) : cols;
    const K = g.kernelSize.reduce((a, b) => a * b, 1);
    const shape = [batched.shape[0]!, batched.shape[1]! / K, ...g.inputSize];
    const src = isHalf(cols.dtype) ? castTo(batched, 'float32') : batched;
    let out = emptyTensor(shape, src.dtype, cols.backend);
    if (out.numel() > 0) {
      if (src.numel() === 0) cols.backend.fill(out, 0);
      else cols.backend.col2im(src, g, out);
    }
    if (src !== batched) src.dispose();
    if (out.dtype !== cols.dtype) {
      const r = castTo(out, cols.dtype);
      out.dispose();
      out = r;
    }
    if (!unbatched) return out;
    const r = out.squeeze(0);
    out.dispose();
    return r;
  });
}

export interface UnfoldOptions {
  dilation?: IntOrTuple;
  padding?: IntOrTuple;
  stride?: IntOrTuple;
}

function pair(name: string, v: IntOrTuple, op: string): [number, number] {
  if (typeof v !== 'number' && (!Array.isArray(v) || v.length !== 2)) {
    throw new Error(`${op}(): argument '${name}' must be tuple of ints, not ${Array.isArray(v) ? 'list' : typeof v}`);
  }
  const [a, b] = expandParam(name, v, 2);
  return [a!, b!];
}

function windowArgs(op: string, dilation: IntOrTuple, padding: IntOrTuple, stride: IntOrTuple): { dilation: [number, number]; padding: [number, number]; stride: [number, number] } {
  return { dilation: pair('dilation', dilation, op), padding: pair('padding', padding, op), stride: pair('stride', stride, op) };
}

/** unfold's arguments after (input, kernelSize), in PyTorch's order or as options. */
export type UnfoldArgs = Args<[dilation: IntOrTuple, padding: IntOrTuple, stride: IntOrTuple], UnfoldOptions>;

/**
 * F.unfold (torch.nn.functional.unfold): sliding local blocks of a batched image (N, C, H, W) as
 * columns (N, C * kH * kW, L), or of an unbatched (C, H, W) as (C * kH * kW, L). Arguments in PyTorch's order: kernelSize, dilation, padding, stride
 * (or an options object).
 *
 * @example
 * torch.unfold(torch.randn(1, 3, 10, 12), [2, 3]).shape; // [1, 18, 90]
 * torch.unfold(img, 3, { padding: 1, stride: 2 });
 */
export const unfold: BoundFunction<[input: Tensor, kernelSize: IntOrTuple, ...UnfoldArgs], Tensor> = bound(
  'unfold(Tensor input, int|int[] kernelSize, int|int[] dilation=1, int|int[] padding=0, int|int[] stride=1)',
  (input: Tensor, kernelSize: IntOrTuple, dilation: IntOrTuple, padding: IntOrTuple, stride: IntOrTuple): Tensor => {
  input._live();
  const k = pair('kernel_size', kernelSize, 'im2col');
  const { dilation: d, padding: p, stride: s } = windowArgs('im2col', dilation, padding, stride);
  checkWindow(k, s, d, p);
  if (input.ndim < 3) {
    // PyTorch 1.13's F.unfold reads input.size(2) before any check
    const n = Math.max(input.ndim, 1);
    throw new RangeError(`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got 2)`);
  }
  if (input.ndim > 4 || input.shape.slice(-3).some((n) => n === 0)) {
    throw new Error(`Expected 3D or 4D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: ${shapeStr(input.shape)}`);
  }
  const size = input.shape.slice(-2);
  const out = size.map((n, i) => slidingCount(n, k[i]!, s[i]!, p[i]!, d[i]!));
  if (out.some((o) => o < 1)) {
    throw new Error(
      `Given input with spatial size (${size.join(', ')}), kernel_size=(${k.join(', ')}), dilation=(${d.join(', ')}), padding=(${p.join(', ')}), calculated shape of the array of sliding blocks as (${out.join(', ')}), but its components must be at least one.`,
    );
  }
  return im2col(input, { inputSize: size, outputSize: out, kernelSize: k, stride: s, padding: p, dilation: d, padValue: 0 });
  },
);

function checkWindow(k: readonly number[], s: readonly number[], d: readonly number[], p: readonly number[]): void {
  if (k.some((v) => v <= 0)) throw new Error(`kernel size should be greater than zero, but got kernel_height: ${k[0]} kernel_width: ${k[1]}`);
  if (d.some((v) => v <= 0)) throw new Error(`dilation should be greater than zero, but got dilation_height: ${d[0]} dilation_width: ${d[1]}`);
  if (p.some((v) => v < 0)) throw new Error(`padding should be non-negative, but got pad_height: ${p[0]} pad_width: ${p[1]}`);
  if (s.some((v) => v <= 0)) throw new Error(`stride should be greater than zero, but got stride_height: ${s[0]} stride_width: ${s[1]}`);
}

/**
 * F.fold (torch.nn.functional.fold): the adjoint of unfold, summing overlapping entries of columns
 * (N, C * kH * kW, L) (or unbatched (C * kH * kW, L)) into an image (N, C, *outputSize).
 *
 * @example
 * torch.fold(torch.ones(1, 12, 12), [4, 5], [2, 2]).shape; // [1, 3, 4, 5]
 */
export const fold: BoundFunction<[input: Tensor, outputSize: IntOrTuple, kernelSize: IntOrTuple, ...UnfoldArgs], Tensor> = bound(
  'fold(Tensor input, int|int[] outputSize, int|int[] kernelSize, int|int[] dilation=1, int|int[] padding=0, int|int[] stride=1)',
  (input: Tensor, outputSize: IntOrTuple, kernelSize: IntOrTuple, dilation: IntOrTuple, padding: IntOrTuple, stride: IntOrTuple): Tensor => {
  input._live();
  if ((input.ndim !== 3 && input.ndim !== 2) || input.shape.slice(-2).some((n) => n === 0)) {
    throw new Error(`Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: ${shapeStr(input.shape)}`);
  }
  const size = pair('output_size', outputSize, 'col2im');
  const k = pair('kernel_size', kernelSize, 'col2im');
  const { dilation: d, padding: p, stride: s } = windowArgs('col2im', dilation, padding, stride);
  if (size.some((v) => v <= 0)) throw new Error(`output size should be greater than zero, but got output_height: ${size[0]} output_width: ${size[1]}`);
  checkWindow(k, s, d, p);
  const rows = input.shape[input.ndim - 2]!;
  const cols = input.shape[input.ndim - 1]!;
  const K = k[0] * k[1];
  if (rows % K !== 0) {
    throw new Error(`Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=${rows} and kernel_size=(${k.join(', ')}).`);
  }
  const blocks = size.map((n, i) => slidingCount(n, k[i]!, s[i]!, p[i]!, d[i]!));
  if (blocks.some((b) => b < 1) || blocks[0]! * blocks[1]! !== cols) {
    throw new Error(
      `Given output_size=(${size.join(', ')}), kernel_size=(${k.join(', ')}), dilation=(${d.join(', ')}), padding=(${p.join(', ')}), stride=(${s.join(', ')}), expected size of input's dimension 2 to match the calculated number of sliding blocks ${blocks[0]} * ${blocks[1]} = ${blocks[0]! * blocks[1]!}, but got input.size(2)=${cols}.`,
    );
  }
  return col2im(input, { inputSize: size, outputSize: blocks, kernelSize: k, stride: s, padding: p, dilation: d, padValue: 0 });
  },
);
