/**
 * Pooling. Fixed windows (max, avg) are im2col over each plane (N*C images of one channel), giving
 * (planes, K, L) with the windows contiguous along L, followed by one reduction over K (the backends
 * reduce such a dim across contiguous outputs at once); adaptive windows use a gather into the same
 * layout (max) or two small matmuls (avg). The 1-D forms are the 2-D ones on a height
 * of 1, as PyTorch 1.13 computes them (so their graphs end in SqueezeBackward1 as PyTorch's do).
 */
import type { Backend } from '../backend';
import { scalarTypeName, type DType } from '../dtype';
import { traced } from '../autograd';
import { tidy } from '../memory';
import { shapeStr } from '../shape';
import { Tensor } from '../tensor';
import { encode } from './create';
import { indexSelect } from './join';
import { emptyTensor } from './util';
import { im2col, poolingCount, type IntOrTuple, type WindowGeometry } from './window';
import { bound, type Args, type BoundFunction, type Signature } from '../signature';
import { boundsError } from './indexing';

function hostTensor(values: ArrayLike<number>, shape: readonly number[], dtype: DType, backend: Backend): Tensor {
  const t = emptyTensor(shape, dtype, backend);
  if (values.length > 0) backend.write(t.storage.handle, encode(values, dtype), 0);
  return t;
}



/** PyTorch's pooling argument rule: an int or a tuple of two ints (stride: also omitted / empty). */
function pair(op: string, what: string, v: IntOrTuple | null | undefined, fallback: [number, number] | null): [number, number] {
  if ((v === undefined || v === null || (Array.isArray(v) && v.length === 0)) && fallback) return fallback;
  if (typeof v === 'number' && Number.isInteger(v)) return [v, v];
  if (Array.isArray(v) && (v.length === 1 || v.length === 2) && v.every((x) => Number.isInteger(x))) return v.length === 1 ? [v[0]!, v[0]!] : [v[0]!, v[1]!];
  throw new Error(`${op}: ${what}`);
}

interface Pool2dArgs {
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  ceilMode: boolean;
}

function poolArgs(op: string, kernelSize: IntOrTuple, stride: IntOrTuple | null | undefined, padding: IntOrTuple | undefined, dilation: IntOrTuple | undefined, ceilMode: boolean | undefined): Pool2dArgs {
  const kernel = pair(op, 'kernel_size must either be a single int, or a tuple of two ints', kernelSize, null);
  return {
    kernel,
    stride: pair(op, 'stride must either be omitted, a single int, or a tuple of two ints', stride, kernel),
    padding: pair(op, `padding must ${op === 'avg_pool2d' ? 'either' : 'be either'} be a single int, or a tuple of two ints`, padding ?? 0, null),
    dilation: pair(op, 'dilation must be either a single int, or a tuple of two ints', dilation ?? 1, null),
    ceilMode: ceilMode ?? false,
  };
}

/** PyTorch's pool2d_shape_check, and the geometry of the windows over each plane. */
function poolGeometry(input: Tensor, a: Pool2dArgs, padValue: number): WindowGeometry {
  const [kH, kW] = a.kernel;
  const [dH, dW] = a.stride;
  const [pH, pW] = a.padding;
  const [dilH, dilW] = a.dilation;
  if (dH === 0 || dW === 0) throw new Error('stride should not be zero');
  if (kW <= 0 || kH <= 0) throw new Error(`kernel size should be greater than zero, but got kH: ${kH} kW: ${kW}`);
  if (dW <= 0 || dH <= 0) throw new Error(`stride should be greater than zero, but got dH: ${dH} dW: ${dW}`);
  if (dilH <= 0 || dilW <= 0) throw new Error(`dilation should be greater than zero, but got dilationH: ${dilH} dilationW: ${dilW}`);
  const nd = input.ndim;
  if ((nd !== 3 && nd !== 4) || input.shape.slice(1).some((s) => s === 0)) {
    throw new Error('non-empty 3D or 4D (batch mode) tensor expected for input');
  }
  // PyTorch 1.13's torch.max_pool2d / avg_pool2d words (the with-indices kernels say it otherwise).
  if (Math.floor(kW / 2) < pW || Math.floor(kH / 2) < pH) {
    const [p, k] = Math.floor(kH / 2) < pH ? [pH, kH] : [pW, kW];
    throw new Error(`pad should be at most half of kernel size, but got pad=${p} and kernel_size=${k}`);
  }
  const [C, H, W] = input.shape.slice(-3) as [number, number, number];
  const OH = poolingCount(H, kH, dH, pH, dilH, a.ceilMode);
  const OW = poolingCount(W, kW, dW, pW, dilW, a.ceilMode);
  if (OH < 1 || OW < 1) {
    throw new Error(`Given input size: (${C}x${H}x${W}). Calculated output size: (${C}x${OH}x${OW}). Output size is too small`);
  }
  return { inputSize: [H, W], outputSize: [OH, OW], kernelSize: a.kernel, stride: a.stride, padding: a.padding, dilation: a.dilation, padValue };
}

/** The input as (N*C, 1, H, W) planes: every channel an image of one channel. */
function planes(input: Tensor): Tensor {
  const [H, W] = input.shape.slice(-2) as [number, number];
  return input.reshape(-1, 1, H, W);
}

function checkFloat(op: string, input: Tensor): void {
  if (input.dtype !== 'float32' && input.dtype !== 'float64') throw new Error(`"${op}" not implemented for '${scalarTypeName(input.dtype)}'`);
}

/**
 * For each (kernel offset k, window position l) of a max-pool geometry, the flat plane index
 * h * W + w it reads; a padding offset gets the window's first in-image position, the index PyTorch
 * reports when no value beats -inf.
 */
function windowIndexTable(g: WindowGeometry): Float64Array {
  const [H, W] = g.inputSize as [number, number];
  const [OH, OW] = g.outputSize as [number, number];
  const [kH, kW] = g.kernelSize as [number, number];
  const K = kH * kW;
  const L = OH * OW;
  const table = new Float64Array(K * L);
  for (let oh = 0; oh < OH; oh++) {
    for (let ow = 0; ow < OW; ow++) {
      const l = oh * OW + ow;
      const h0 = oh * g.stride[0]! - g.padding[0]!;
      const w0 = ow * g.stride[1]! - g.padding[1]!;
      let first = -1;
      for (let i = 0; i < kH; i++) {
        for (let j = 0; j < kW; j++) {
          const h = h0 + i * g.dilation[0]!;
          const w = w0 + j * g.dilation[1]!;
          const inside = h >= 0 && h < H && w >= 0 && w < W;
          table[(i * kW + j) * L + l] = inside ? h * W + w : -1;
          if (inside && first < 0) first = h * W + w;
        }
      }
      for (let k = 0; k < K; k++) if (table[k * L + l]! < 0) table[k * L + l] = Math.max(first, 0);
    }
  }
  return table;
}

/** Max pooling of (…, C, H, W) with a geometry: [values, flat per-plane int64 indices], recorded as one op. */
function maxPoolWithIndices(input: Tensor, g: WindowGeometry): [Tensor, Tensor] {
  return traced('maxPool2d', [input], { geometry: g }, () => tidy(() => {
    const lead = input.shape.slice(0, -2);
    const outShape = [...lead, ...g.outputSize];
    const L = g.outputSize[0]! * g.outputSize[1]!;
    const K = g.kernelSize[0]! * g.kernelSize[1]!;
    if (input.numel() === 0) return [emptyTensor(outShape, input.dtype, input.backend), emptyTensor(outShape, 'int64', input.backend)] as [Tensor, Tensor];
    // (planes, K, L): the K values of every window along dim 1, windows contiguous along dim 2
    const windows = im2col(planes(input), g);
    const [values, which] = windows.max(1) as [Tensor, Tensor];
    const table = hostTensor(windowIndexTable(g), [1, K, L], 'int64', input.backend);
    const indices = table.expand(windows.shape[0]!, K, L).gather(1, which.unsqueeze(1));
    return [values.reshape(outShape), indices.reshape(outShape)] as [Tensor, Tensor];
  }));
}

export interface MaxPool2dOptions {
  stride?: IntOrTuple | null;
  padding?: IntOrTuple;
  dilation?: IntOrTuple;
  ceilMode?: boolean;
  returnIndices?: boolean;
}
/** max_pool's arguments after (input, kernelSize), in PyTorch's order or as options. */
export type MaxPoolArgs = Args<[stride: IntOrTuple | null, padding: IntOrTuple, dilation: IntOrTuple, ceilMode: boolean, returnIndices: boolean], MaxPool2dOptions>;
/** F.max_pool1d / 2d: values, or [values, indices] with returnIndices. */
export interface MaxPoolFn {
  (input: Tensor, kernelSize: IntOrTuple, options: MaxPool2dOptions & { returnIndices: true }): [Tensor, Tensor];
  (input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple | null | undefined, padding: IntOrTuple | undefined, dilation: IntOrTuple | undefined, ceilMode: boolean | undefined, returnIndices: true): [Tensor, Tensor];
  (input: Tensor, kernelSize: IntOrTuple, ...rest: MaxPoolArgs): Tensor;
  readonly signature: Signature;
}
const MAX_POOL = (name: string): string =>
  `${name}(Tensor input, int|int[] kernelSize, int|int[]? stride=None, int|int[] padding=0, int|int[] dilation=1, bool ceilMode=False, bool returnIndices=False)`;

/**
 * F.max_pool2d(input, kernelSize, stride = kernelSize, padding = 0, dilation = 1, ceilMode = false,
 * returnIndices = false) on (N, C, H, W) or (C, H, W). With returnIndices, returns [values,
 * indices], the indices flat within each (H, W) plane as PyTorch's (what maxUnpool2d takes).
 *
 * @example
 * torch.maxPool2d(x, 2);                                 // stride 2
 * torch.maxPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true });
 * const [v, i] = torch.maxPool2d(x, 2, { returnIndices: true });
 */
export const maxPool2d = bound(MAX_POOL('maxPool2d'), (
  input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple | null | undefined, padding: IntOrTuple, dilation: IntOrTuple, ceilMode: boolean, returnIndices: boolean,
): Tensor | [Tensor, Tensor] => {
  input._live();
  const a = poolArgs('max_pool2d', kernelSize, stride, padding, dilation, ceilMode);
  const g = poolGeometry(input, a, -Infinity);
  checkFloat('max_pool2d', input);
  const [values, indices] = maxPoolWithIndices(input, g);
  if (returnIndices) return [values, indices];
  indices.dispose(); // backward holds its own reference to them
  return values;
}) as unknown as MaxPoolFn;

/**
 * F.max_pool1d(input, kernelSize, stride = kernelSize, padding = 0, dilation = 1, ceilMode = false,
 * returnIndices = false) on (N, C, L) or (C, L).
 *
 * @example
 * torch.maxPool1d(x, 3, { stride: 2 });
 */
export const maxPool1d = bound(MAX_POOL('maxPool1d'), (
  input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple | null | undefined, padding: IntOrTuple, dilation: IntOrTuple, ceilMode: boolean, returnIndices: boolean,
): Tensor | [Tensor, Tensor] => {
  input._live();
  if (input.ndim !== 2 && input.ndim !== 3) {
    throw new Error(`max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:${shapeStr(input.shape)}`);
  }
  const one = (name: string, v: IntOrTuple | null | undefined, fallback: number | null): number => {
    if ((v === undefined || v === null || (Array.isArray(v) && v.length === 0)) && fallback !== null) return fallback;
    if (typeof v === 'number') return v;
    if (Array.isArray(v) && v.length === 1) return v[0]!;
    throw new Error(`max_pool1d() ${name} must be an int, list of ints or tuple of ints of size 1 but got size ${Array.isArray(v) ? v.length : 0}`);
  };
  const k = one('kernel_size', kernelSize, null);
  const a: Pool2dArgs = {
    kernel: [1, k],
    stride: [1, one('stride', stride, k)],
    padding: [0, one('padding', padding, null)],
    dilation: [1, one('dilation', dilation, null)],
    ceilMode,
  };
  // max_pool1d's own checks (PyTorch 1.13's max_pool1d_impl), before the 2-D ones
  if (a.kernel[1] <= 0) throw new Error(`max_pool1d() kernel_size must be greater than zero, but got ${a.kernel[1]}`);
  if (a.stride[1] <= 0) throw new Error(`max_pool1d() stride must be greater than zero, but got ${a.stride[1]}`);
  if (a.padding[1] < 0) throw new Error(`max_pool1d() padding must be non-negative, but got ${a.padding[1]}`);
  if (a.padding[1] > Math.floor(a.kernel[1] / 2)) {
    throw new Error(`max_pool1d() padding should be at most half of kernel size, but got padding=${a.padding[1]} and kernel_size=${a.kernel[1]}`);
  }
  if (a.dilation[1] <= 0) throw new Error(`max_pool1d() dilation must be greater than zero, but got ${a.dilation[1]}`);
  checkFloat('max_pool2d', input);
  return tidy(() => {
    const g = poolGeometry(input.unsqueeze(-2), a, -Infinity);
    const [values, indices] = maxPoolWithIndices(input.unsqueeze(-2), g);
    const v = values.squeeze(-2);
    return returnIndices ? [v, indices.squeeze(-2)] : v;
  });
}) as unknown as MaxPoolFn;

/**
 * The divisor of each average-pooling window (PyTorch's avg_pool2d kernel): the window clipped to
 * the padded input (countIncludePad) or to the input, or divisorOverride. A number when every window
 * has the same one, else a tensor of the output's spatial shape.
 */
export function avgPoolDivisor(g: WindowGeometry, countIncludePad: boolean, divisorOverride: number | null, backend: Backend, dtype: DType): number | Tensor {
  if (divisorOverride !== null) return divisorOverride;
  const counts = (d: number): number[] => {
    const out: number[] = [];
    for (let o = 0; o < g.outputSize[d]!; o++) {
      let start = o * g.stride[d]! - g.padding[d]!;
      let end = Math.min(start + g.kernelSize[d]!, g.inputSize[d]! + g.padding[d]!);
      const withPad = end - start;
      start = Math.max(start, 0);
      end = Math.min(end, g.inputSize[d]!);
      out.push(countIncludePad ? withPad : Math.max(end - start, 0));
    }
    return out;
  };
  const rows = counts(0);
  const cols = counts(1);
  const values = new Float64Array(rows.length * cols.length);
  rows.forEach((r, i) => cols.forEach((c, j) => (values[i * cols.length + j] = r * c || 1)));
  if (values.every((v) => v === values[0])) return values[0] ?? 1;
  return hostTensor(values, g.outputSize, dtype, backend);
}

export interface AvgPool2dOptions {
  stride?: IntOrTuple | null;
  padding?: IntOrTuple;
  ceilMode?: boolean;
  countIncludePad?: boolean;
  divisorOverride?: number | null;
}
/** avg_pool2d's arguments after (input, kernelSize), in PyTorch's order or as options. */
export type AvgPoolArgs = Args<[stride: IntOrTuple | null, padding: IntOrTuple, ceilMode: boolean, countIncludePad: boolean, divisorOverride: number | null], AvgPool2dOptions>;
type AvgPoolFn = BoundFunction<[input: Tensor, kernelSize: IntOrTuple, ...AvgPoolArgs], Tensor>;

function avgPool(input: Tensor, g: WindowGeometry, countIncludePad: boolean, divisorOverride: number | null): Tensor {
  return traced('avgPool2d', [input], { geometry: g, countIncludePad, divisorOverride }, () => tidy(() => {
    const outShape = [...input.shape.slice(0, -2), ...g.outputSize];
    if (input.numel() === 0) return emptyTensor(outShape, input.dtype, input.backend);
    const sums = im2col(planes(input), g).sum(1);
    const divisor = avgPoolDivisor(g, countIncludePad, divisorOverride, input.backend, input.dtype);
    return sums.reshape(outShape).div(divisor);
  }));
}

/**
 * F.avg_pool2d(input, kernelSize, stride = kernelSize, padding = 0, ceilMode = false,
 * countIncludePad = true, divisorOverride = null) on (N, C, H, W) or (C, H, W).
 *
 * @example
 * torch.avgPool2d(x, 2);
 * torch.avgPool2d(x, 3, { stride: 2, padding: 1, countIncludePad: false });
 */
export const avgPool2d: AvgPoolFn = bound(
  'avgPool2d(Tensor input, int|int[] kernelSize, int|int[]? stride=None, int|int[] padding=0, bool ceilMode=False, bool countIncludePad=True, int? divisorOverride=None)',
  (input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple | null | undefined, padding: IntOrTuple, ceilMode: boolean, countIncludePad: boolean, divisorOverride: number | null | undefined): Tensor => {
    input._live();
    const a = poolArgs('avg_pool2d', kernelSize, stride, padding, 1, ceilMode);
    if (divisorOverride === 0) throw new Error('divisor must be not zero');
    const g = poolGeometry(input, a, 0);
    checkFloat('avg_pool2d', input);
    return avgPool(input, g, countIncludePad, divisorOverride ?? null);
  },
);

/**
 * F.avg_pool1d(input, kernelSize, stride = kernelSize, padding = 0, ceilMode = false,
 * countIncludePad = true) on (N, C, L) or (C, L).
 *
 * @example
 * torch.avgPool1d(x, 3, { stride: 2, padding: 1 });
 */
export const avgPool1d: BoundFunction<[input: Tensor, kernelSize: IntOrTuple, ...Args<[stride: IntOrTuple | null, padding: IntOrTuple, ceilMode: boolean, countIncludePad: boolean], Omit<AvgPool2dOptions, 'divisorOverride'>>], Tensor> = bound(
  'avgPool1d(Tensor input, int|int[] kernelSize, int|int[]? stride=None, int|int[] padding=0, bool ceilMode=False, bool countIncludePad=True)',
  (input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple | null | undefined, padding: IntOrTuple, ceilMode: boolean, countIncludePad: boolean): Tensor => {
  input._live();
  if (input.ndim !== 2 && input.ndim !== 3) throw new Error(dimsError('avg_pool1d', input));
  const one = (name: string, v: IntOrTuple | null | undefined, fallback: number | null): number => {
    if ((v === undefined || v === null || (Array.isArray(v) && v.length === 0)) && fallback !== null) return fallback;
    if (typeof v === 'number') return v;
    if (Array.isArray(v) && v.length === 1) return v[0]!;
    throw new Error(`avg_pool1d() argument '${name}' should contain one int (got ${Array.isArray(v) ? v.length : 0})`);
  };
  const k = one('kernel_size', kernelSize, null);
  const a: Pool2dArgs = {
    kernel: [1, k],
    stride: [1, one('stride', stride, k)],
    padding: [0, one('padding', padding, null)],
    dilation: [1, 1],
    ceilMode,
  };
  checkFloat('avg_pool2d', input);
  const x = input.unsqueeze(-2);
  const g = poolGeometry(x, a, 0);
  return avgPool(x, g, countIncludePad, null).squeeze(-2);
  },
);

/** PyTorch's check_dim_size-style message of the 1-D pools for a wrong number of dims. */
function dimsError(op: string, input: Tensor): string {
  return `Expected 2 to 3 dimensions, but got ${input.ndim}-dimensional tensor for argument #1 'self' (while checking arguments for ${op})`;
}

/** PyTorch's adaptive window of output position i: [floor(i * n / out), ceil((i + 1) * n / out)). */
function adaptiveWindow(i: number, n: number, out: number): [number, number] {
  return [Math.floor((i * n) / out), Math.ceil(((i + 1) * n) / out)];
}

/** The (out, n) matrix whose row i averages adaptive window i (for adaptive average pooling and its gradient). */
export function adaptivePoolMatrix(n: number, out: number, backend: Backend, dtype: DType): Tensor {
  const values = new Float64Array(out * n);
  for (let i = 0; i < out; i++) {
    const [s, e] = adaptiveWindow(i, n, out);
    for (let j = s; j < e; j++) values[i * n + j] = 1 / (e - s);
  }
  return hostTensor(values, [out, n], dtype, backend);
}

type AdaptiveSize = number | null | readonly (number | null)[];

function adaptiveSize(op: string, input: Tensor, outputSize: AdaptiveSize): [number, number] {
  const v = typeof outputSize === 'number' || outputSize === null ? [outputSize, outputSize] : outputSize.length === 1 ? [outputSize[0]!, outputSize[0]!] : outputSize;
  if (v.length !== 2) throw new Error(`${op}: output_size must be 2`);
  const [H, W] = input.shape.slice(-2) as [number, number];
  return [v[0] ?? H, v[1] ?? W];
}

function checkAdaptiveInput(op: string, input: Tensor, size: readonly number[]): void {
  if (input.ndim !== 3 && input.ndim !== 4) {
    throw new Error(`${op}(): Expected 3D or 4D tensor, but got${op === 'adaptive_max_pool2d' ? ':' : ''} ${shapeStr(input.shape)}`);
  }
  for (let i = 1; i < input.ndim; i++) {
    if (input.shape[i] === 0) {
      throw new Error(`${op}(): Expected input to have non-zero size for non-batch dimensions, but input has sizes ${shapeStr(input.shape)} with dimension ${i} being empty`);
    }
  }
  if (size.some((s) => s < 0)) {
    throw new Error(`Trying to create tensor with negative dimension ${size.find((s) => s < 0)}: ${shapeStr([...input.shape.slice(0, -2), ...size])}`);
  }
}

/**
 * F.adaptive_avg_pool2d(input, outputSize): averages over PyTorch's adaptive windows, so any input
 * size gives outputSize (an int, or [H, W] where null keeps the input's size).
 *
 * @example
 * torch.adaptiveAvgPool2d(x, [5, 7]);
 * torch.adaptiveAvgPool2d(x, 1);                          // global average pooling
 */
export const adaptiveAvgPool2d: BoundFunction<[input: Tensor, outputSize: AdaptiveSize] | [input: Tensor, options: { outputSize: AdaptiveSize }], Tensor> = bound(
  'adaptiveAvgPool2d(Tensor input, any outputSize)',
  (input: Tensor, outputSize: AdaptiveSize): Tensor => adaptiveAvgPool2dImpl(input, outputSize),
);

function adaptiveAvgPool2dImpl(input: Tensor, outputSize: AdaptiveSize): Tensor {
  input._live();
  const [OH, OW] = adaptiveSize('adaptive_avg_pool2d', input, outputSize);
  checkAdaptiveInput('adaptive_avg_pool2d', input, [OH, OW]);
  checkFloat('adaptive_avg_pool2d', input);
  // PyTorch 1.13 computes a 1x1 output as a mean (MeanBackward1).
  if (OH === 1 && OW === 1) return input.mean({ dim: [-1, -2], keepdim: true });
  return traced('adaptiveAvgPool2d', [input], { outputSize: [OH, OW] }, () => tidy(() => {
    const [H, W] = input.shape.slice(-2) as [number, number];
    const ph = adaptivePoolMatrix(H, OH, input.backend, input.dtype);
    const pw = adaptivePoolMatrix(W, OW, input.backend, input.dtype);
    return ph.matmul(input).matmul(pw.t());
  }));
}

/**
 * F.adaptive_avg_pool1d(input, outputSize) on (N, C, L) or (C, L).
 *
 * @example
 * torch.adaptiveAvgPool1d(x, 4);
 */
export const adaptiveAvgPool1d: BoundFunction<[input: Tensor, outputSize: IntOrTuple] | [input: Tensor, options: { outputSize: IntOrTuple }], Tensor> = bound(
  'adaptiveAvgPool1d(Tensor input, int|int[] outputSize)',
  (input: Tensor, outputSize: IntOrTuple): Tensor => {
    input._live();
    if (input.ndim !== 2 && input.ndim !== 3) throw new Error(dimsError('adaptive_avg_pool1d', input));
    const size = typeof outputSize === 'number' ? outputSize : outputSize[0]!;
    return adaptiveAvgPool2dImpl(input.unsqueeze(-2), [1, size]).squeeze(-2);
  },
);

/** adaptive_max_pool2d as one recorded op: [values, flat per-plane indices]. */
function adaptiveMax(input: Tensor, OH: number, OW: number): [Tensor, Tensor] {
  return traced('adaptiveMaxPool2d', [input], { outputSize: [OH, OW] }, () => tidy(() => {
    const [H, W] = input.shape.slice(-2) as [number, number];
    const outShape = [...input.shape.slice(0, -2), OH, OW];
    // Every window padded to the largest with repeats of its first position (they never win a
    // max), stored (K, L): offset k of every window along dim 1, as fixed-size pooling.
    const rows = Array.from({ length: OH }, (_, i) => adaptiveWindow(i, H, OH));
    const cols = Array.from({ length: OW }, (_, j) => adaptiveWindow(j, W, OW));
    const K = Math.max(...rows.map(([s, e]) => e - s)) * Math.max(...cols.map(([s, e]) => e - s));
    const L = OH * OW;
    const table = new Float64Array(K * L);
    rows.forEach(([hs, he], i) => cols.forEach(([ws, we], j) => {
      const l = i * OW + j;
      let k = 0;
      for (let h = hs; h < he; h++) for (let w = ws; w < we; w++) table[k++ * L + l] = h * W + w;
      for (; k < K; k++) table[k * L + l] = hs * W + ws;
    }));
    const index = hostTensor(table, [K * L], 'int64', input.backend);
    const windows = indexSelect(input.reshape(-1, H * W), 1, index).reshape(-1, K, L);
    const [values, which] = windows.max(1) as [Tensor, Tensor];
    const indices = index.reshape(1, K, L).expand(which.shape[0]!, K, L).gather(1, which.unsqueeze(1));
    return [values.reshape(outShape), indices.reshape(outShape)] as [Tensor, Tensor];
  }));
}

/**
 * F.adaptive_max_pool2d(input, outputSize, returnIndices = false).
 *
 * @example
 * torch.adaptiveMaxPool2d(x, [3, 3]);
 * const [v, i] = torch.adaptiveMaxPool2d(x, 4, true);
 */
export interface AdaptiveMaxPoolFn {
  (input: Tensor, outputSize: AdaptiveSize, returnIndices: true): [Tensor, Tensor];
  (input: Tensor, outputSize: AdaptiveSize, options: { returnIndices: true }): [Tensor, Tensor];
  (input: Tensor, outputSize: AdaptiveSize, returnIndices?: boolean): Tensor;
  (input: Tensor, outputSize: AdaptiveSize, options: { returnIndices?: boolean }): Tensor | [Tensor, Tensor];
  readonly signature: Signature;
}
export const adaptiveMaxPool2d = bound('adaptiveMaxPool2d(Tensor input, any outputSize, bool returnIndices=False)', (input: Tensor, outputSize: AdaptiveSize, withIndices: boolean): Tensor | [Tensor, Tensor] => {
  input._live();
  const [OH, OW] = adaptiveSize('adaptive_max_pool2d', input, outputSize);
  checkAdaptiveInput('adaptive_max_pool2d', input, [OH, OW]);
  checkFloat('adaptive_max_pool2d', input);
  if (OH * OW === 0) {
    const shape = [...input.shape.slice(0, -2), OH, OW];
    const empty = [emptyTensor(shape, input.dtype, input.backend), emptyTensor(shape, 'int64', input.backend)];
    return withIndices ? (empty as [Tensor, Tensor]) : empty[0]!;
  }
  const [values, indices] = adaptiveMax(input, OH, OW);
  if (withIndices) return [values, indices];
  indices.dispose(); // backward holds its own reference to them
  return values;
}) as unknown as AdaptiveMaxPoolFn;

export interface MaxUnpool2dOptions {
  stride?: IntOrTuple | null;
  padding?: IntOrTuple;
  outputSize?: readonly number[] | null;
}

/**
 * F.max_unpool2d(input, indices, kernelSize, stride = kernelSize, padding = 0, outputSize = null):
 * the inverse of maxPool2d with returnIndices, zeros everywhere but at the indices. outputSize
 * (H, W), or with the leading dims, picks among the sizes that pool to the input's.
 *
 * @example
 * const [v, i] = torch.maxPool2d(x, 2, { returnIndices: true });
 * torch.maxUnpool2d(v, i, 2, { outputSize: x.shape });
 */
export const maxUnpool2d: BoundFunction<[input: Tensor, indices: Tensor, kernelSize: IntOrTuple, ...Args<[stride: IntOrTuple | null, padding: IntOrTuple, outputSize: readonly number[] | null], MaxUnpool2dOptions>], Tensor> = bound(
  'maxUnpool2d(Tensor input, Tensor indices, int|int[] kernelSize, int|int[]? stride=None, int|int[] padding=0, int[]? outputSize=None)',
  (input: Tensor, indices: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple | null | undefined, padding: IntOrTuple, outputSize: readonly number[] | null | undefined): Tensor => {
  input._live();
  indices._live();
  const o = { stride, padding, outputSize };
  const k = pair('max_unpool2d', 'kernel_size must either be a single int, or a tuple of two ints', kernelSize, null);
  const s = pair('max_unpool2d', 'stride must either be omitted, a single int, or a tuple of two ints', o.stride, k);
  const p = pair('max_unpool2d', 'padding must be either be a single int, or a tuple of two ints', o.padding ?? 0, null);
  const [H, W] = input.shape.slice(-2) as [number, number];
  const defaults = [(H - 1) * s[0] - 2 * p[0] + k[0], (W - 1) * s[1] - 2 * p[1] + k[1]];
  let size = defaults;
  if (o.outputSize) {
    const given = o.outputSize.length === input.ndim ? o.outputSize.slice(-2) : o.outputSize.slice();
    if (given.length !== 2) throw new Error(`output_size should be a sequence containing 2 or ${input.ndim} elements, but it has a length of '${o.outputSize.length}'`);
    given.forEach((v, d) => {
      const min = defaults[d]! - s[d]!;
      const max = defaults[d]! + s[d]!;
      if (v <= min || v >= max) throw new Error(`invalid output_size "${shapeStr(given)}" (dim ${d} must be between ${min} and ${max})`);
    });
    size = given;
  }
  if (indices.dtype !== 'int64') throw new Error(`elements in indices should be type int64 but got: ${scalarTypeName(indices.dtype)}`);
  if (input.shape.length !== indices.shape.length || input.shape.some((v, i) => v !== indices.shape[i])) {
    throw new Error(`Expected shape of indices to be same as that of the input tensor (${shapeStr(input.shape)}) but got indices tensor with shape: ${shapeStr(indices.shape)}`);
  }
  if (input.ndim !== 3 && input.ndim !== 4) throw new Error(`Input to max_unpooling2d should be a 3d or 4d Tensor, but got a tensor with ${input.ndim} dimensions.`);
  const [OH, OW] = size as [number, number];
  return traced('maxUnpool2d', [input, indices], { outputSize: [OH, OW] }, () => tidy(() => {
    const lead = input.shape.slice(0, -2);
    const out = emptyTensor([...lead, OH * OW], input.dtype, input.backend);
    input.backend.fill(out, 0);
    const flat = out.reshape(-1, OH * OW);
    try {
      flat.scatter_(1, indices.reshape(-1, H * W), input.reshape(-1, H * W));
    } catch (e) {
      throw boundsError(e, (j) => `Found an invalid max index: ${j} (output volumes are of size ${OH}x${OW}`);
    }
    return out.reshape(...lead, OH, OW);
  }));
  },
);
