/**
 * Reductions: the reduced dims are permuted to the end (a view, no copy) and one backend kernel
 * reduces the trailing dims. Composite statistics (mean, var, std, norm, logsumexp) are built on it.
 */
import type { ReduceOp } from '../backend';
import type { DType } from '../dtype';
import { isFloatingPoint, isHalf, scalarTypeName } from '../dtype';
import { traced } from '../autograd';
import { tidy } from '../memory';
import { contiguousStrides, normalizeDim, numelOf } from '../shape';
import { Tensor } from '../tensor';
import { castTo, toDType } from './cast';
import { binary, unary, where } from './elementwise';
import { makeView, squeeze } from './views';
import { emptyTensor, viewOf } from './util';

export type DimArg = number | readonly number[];
/** The keyword arguments of the reductions (sum, mean, amax, …): `x.sum({ dim: 1, keepdim: true })`. */
export interface ReduceOptions {
  dim?: DimArg | null;
  keepdim?: boolean;
  dtype?: DType | null;
}
/** var and std's keyword arguments. */
export interface VarOptions extends ReduceOptions {
  /** Bessel's correction (PyTorch 1.13 default: true, i.e. correction 1). */
  unbiased?: boolean;
  correction?: number | null;
}

/** The reduced dims as given: null for all (PyTorch's dim=None). */
function dimsOf(dim: DimArg | null | undefined): number[] | null {
  return dim === undefined || dim === null ? null : toArray(dim);
}

function toArray(d: DimArg): number[] {
  return typeof d === 'number' ? [d] : d.slice();
}

/** Normalized, de-duplicated reduced dims (null or [] = all dims, as in PyTorch 1.13). */
function resolveDims(t: Tensor, dims: number[] | null): number[] {
  if (dims === null || dims.length === 0) return [...Array(t.ndim).keys()];
  const out = dims.map((d) => normalizeDim(d, t.ndim));
  if (new Set(out).size !== out.length) throw new Error(`dim ${out.find((d, i) => out.indexOf(d) !== i)} appears multiple times in the list of dims`);
  return t.ndim === 0 ? [] : out;
}

/** Runs one reduction kernel; out dtype as given. */
function reduceKernel(op: ReduceOp, t: Tensor, dims: number[], keepdim: boolean, outDType: DType): Tensor {
  t._live();
  const reduced = new Set(dims);
  const kept = [...Array(t.ndim).keys()].filter((d) => !reduced.has(d));
  const order = [...kept, ...dims];
  const view = viewOf(t, order.map((d) => t.shape[d]!), order.map((d) => t.strides[d]!));
  const outShape = kept.map((d) => t.shape[d]!);
  const out = emptyTensor(outShape, outDType, t.backend);
  if (numelOf(outShape) > 0) t.backend.reduce(op, view, out);
  if (!keepdim) return out;
  const kShape = t.shape.map((s, d) => (reduced.has(d) ? 1 : s));
  const r = makeView(out, kShape, contiguousStrides(kShape), 0);
  out.dispose();
  return r;
}

function checkNonEmpty(name: string, t: Tensor, dims: number[], dimGiven = true): void {
  if (t.numel() > 0) return;
  if (!dimGiven) {
    throw new Error(`${name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
  }
  for (const d of dims) {
    if (t.shape[d] === 0) throw new Error(`${name}(): Expected reduction dim ${d} to have non-zero size.`);
  }
}

/** Sums in the dtype PyTorch uses: integers and bool accumulate to int64; half types in float32. */
function sumLike(op: 'sum' | 'prod', t: Tensor, dims: number[], keepdim: boolean, dtype?: DType): Tensor {
  const target = dtype ?? (isFloatingPoint(t.dtype) ? t.dtype : 'int64');
  const compute = isHalf(target) ? 'float32' : target;
  const src = toDType(t, compute);
  const r = reduceKernel(op, src, dims, keepdim, compute);
  if (src !== t) src.dispose();
  if (compute === target) return r;
  const c = castTo(r, target);
  r.dispose();
  return c;
}

export function sum(t: Tensor, dim?: DimArg | null, keepdim = false, dtype?: DType | null): Tensor {
  const dims = dimsOf(dim);
  const rd = resolveDims(t, dims);
  return traced('sum', [t], { dims: rd, keepdim, all: dims === null }, () => sumLike('sum', t, rd, keepdim, dtype ?? undefined));
}

export function prod(t: Tensor, dim?: number | null, keepdim = false, dtype?: DType | null): Tensor {
  const dims = dimsOf(dim);
  const rd = resolveDims(t, dims);
  return traced('prod', [t], { dims: rd, keepdim, all: dims === null }, () => sumLike('prod', t, rd, keepdim, dtype ?? undefined));
}

export function nansum(t: Tensor, dim?: DimArg | null, keepdim = false, dtype?: DType | null): Tensor {
  return tidy(() => sum(isFloatingPoint(t.dtype) ? where(t.isnan(), 0, t) : t, dim, keepdim, dtype));
}

function floatForMean(name: string, t: Tensor, dtype?: DType): DType {
  const d = dtype ?? t.dtype;
  if (!isFloatingPoint(d)) {
    throw new Error(`${name}(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${scalarTypeName(d)}`);
  }
  return d;
}

export function mean(t: Tensor, dim?: DimArg | null, keepdim = false, dtype?: DType | null): Tensor {
  const dims = dimsOf(dim);
  const outDType = floatForMean('mean', t, dtype ?? undefined);
  const rd = resolveDims(t, dims);
  const count = rd.reduce((n, d) => n * t.shape[d]!, 1);
  return traced('mean', [t], { dims: rd, keepdim, all: dims === null }, () =>
    tidy(() => binary('div', sumLike('sum', t, rd, keepdim, outDType), count)));
}

export function nanmean(t: Tensor, dim?: DimArg | null, keepdim = false, dtype?: DType | null): Tensor {
  floatForMean('nanmean', t, dtype ?? undefined);
  const dims = dimsOf(dim) ?? [];
  return tidy(() => {
    const notNan = t.isnan().logicalNot();
    return binary('div', nansum(t, dims, keepdim), sum(notNan, dims, keepdim));
  });
}

/** max/min over dims in the input's dtype (NaN propagates). */
function extreme(op: 'max' | 'min', t: Tensor, dims: number[], keepdim: boolean, name: string, dimGiven = true): Tensor {
  checkNonEmpty(name, t, dims, dimGiven);
  const compute = isHalf(t.dtype) ? 'float32' : t.dtype;
  const src = toDType(t, compute);
  const r = reduceKernel(op, src, dims, keepdim, compute);
  if (src !== t) src.dispose();
  if (compute === t.dtype) return r;
  const c = castTo(r, t.dtype);
  r.dispose();
  return c;
}

export function amax(t: Tensor, dim: DimArg | null = [], keepdim = false): Tensor {
  const rd = resolveDims(t, dimsOf(dim));
  return traced('amax', [t], { dims: rd, keepdim }, () => extreme('max', t, rd, keepdim, 'amax'));
}

export function amin(t: Tensor, dim: DimArg | null = [], keepdim = false): Tensor {
  const rd = resolveDims(t, dimsOf(dim));
  return traced('amin', [t], { dims: rd, keepdim }, () => extreme('min', t, rd, keepdim, 'amin'));
}

function argExtreme(op: 'argmax' | 'argmin', t: Tensor, dim: number | null | undefined, keepdim: boolean): Tensor {
  const dims = dimsOf(dim);
  const compute = isHalf(t.dtype) ? 'float32' : t.dtype;
  const src = toDType(t, compute);
  try {
    if (dims === null) {
      // Over all elements: indices into the flattened tensor.
      checkNonEmpty(op, t, [...Array(t.ndim).keys()], false);
      const flat = src.reshape(-1);
      const r = reduceKernel(op, flat, [0], false, 'int64');
      flat.dispose();
      if (!keepdim) return r;
      const v = r.reshape(t.shape.map(() => 1));
      r.dispose();
      return v;
    }
    const d = resolveDims(t, dims);
    checkNonEmpty(op, t, d);
    return reduceKernel(op, src, d, keepdim, 'int64');
  } finally {
    if (src !== t) src.dispose();
  }
}

export function argmax(t: Tensor, dim?: number | null, keepdim = false): Tensor {
  if (t.dtype === 'bool') throw new Error(`"argmax_cpu" not implemented for 'Bool'`);
  return argExtreme('argmax', t, dim, keepdim);
}

export function argmin(t: Tensor, dim?: number | null, keepdim = false): Tensor {
  if (t.dtype === 'bool') throw new Error(`"argmin_cpu" not implemented for 'Bool'`);
  return argExtreme('argmin', t, dim, keepdim);
}

/** t.max(): the maximum; t.max(dim) → [values, indices]; t.max(other) → elementwise maximum. */
export function maxOrMin(op: 'max' | 'min', t: Tensor, arg?: number | Tensor, keepdim = false): Tensor | [Tensor, Tensor] {
  if (arg instanceof Tensor) return binary(op === 'max' ? 'maximum' : 'minimum', t, arg);
  if (arg === undefined) {
    const all = [...Array(t.ndim).keys()];
    return traced(op === 'max' ? 'maxAll' : 'minAll', [t], { dims: all, keepdim: false }, () => extreme(op, t, all, false, op, false));
  }
  const dim = arg;
  const d = [normalizeDim(dim, t.ndim)].filter(() => t.ndim > 0);
  // PyTorch's max(dim) node: values carry the gradient to the argmax positions (indices have none).
  return traced(op === 'max' ? 'maxDim' : 'minDim', [t], { dim: d[0] ?? 0, keepdim }, () => {
    const values = extreme(op, t, d, keepdim, op);
    const indices = t.ndim === 0 ? emptyScalarIndex(t) : argExtreme(op === 'max' ? 'argmax' : 'argmin', t, dim, keepdim);
    return [values, indices] as [Tensor, Tensor];
  });
}

function emptyScalarIndex(t: Tensor): Tensor {
  const z = emptyTensor([], 'int64', t.backend);
  t.backend.fill(z, 0);
  return z;
}

function boolReduce(op: 'all' | 'any', t: Tensor, dim: DimArg | null | undefined, keepdim: boolean): Tensor {
  // As PyTorch, all/any of a uint8 tensor give uint8; of anything else, bool.
  const r = reduceKernel(op, t._live(), resolveDims(t, dimsOf(dim)), keepdim, 'bool');
  if (t.dtype !== 'uint8') return r;
  const u = castTo(r, 'uint8');
  r.dispose();
  return u;
}

export function all(t: Tensor, dim?: DimArg | null, keepdim = false): Tensor {
  return boolReduce('all', t, dim, keepdim);
}

export function any(t: Tensor, dim?: DimArg | null, keepdim = false): Tensor {
  return boolReduce('any', t, dim, keepdim);
}

/** torch.var: sum((x - mean)^2) / (N - correction) (correction 1: Bessel's). */
export function variance(t: Tensor, dim?: DimArg | null, correction = 1, keepdim = false): Tensor {
  if (!isFloatingPoint(t.dtype)) throw new Error('std and var only support floating point and complex dtypes');
  const rd = resolveDims(t, dimsOf(dim));
  const n = rd.reduce((k, d) => k * t.shape[d]!, 1);
  return traced('var', [t], { dims: rd, keepdim, correction }, () => tidy(() => {
    const m = mean(t, rd, true);
    const dev = binary('sub', t, m);
    const ss = sum(binary('mul', dev, dev), rd, keepdim);
    return binary('div', ss, Math.max(n - correction, 0));
  }));
}

export function std(t: Tensor, dim?: DimArg | null, correction = 1, keepdim = false): Tensor {
  const attrs = { dims: resolveDims(t, dimsOf(dim)), keepdim, correction };
  return traced('std', [t], attrs, () => tidy(() => unary('sqrt', variance(t, dim, correction, keepdim))));
}

/** torch.norm / linalg.vector_norm: p = 2 ('fro') by default, also 1, inf, -inf, 0 and any p. */
export function norm(t: Tensor, p?: number | 'fro' | null, dim?: DimArg | null, keepdim = false): Tensor {
  const dims = dimsOf(dim);
  const ord = p === undefined || p === null || p === 'fro' ? 2 : p;
  if (typeof ord !== 'number') throw new Error(`norm(): unsupported p=${String(ord)}: a number or 'fro'`);
  if (!isFloatingPoint(t.dtype)) {
    throw new Error(`norm(): input dtype should be either floating point or complex. Got ${scalarTypeName(t.dtype)} instead.`);
  }
  const o = dims ?? [];
  return traced('norm', [t], { p: ord, dims: resolveDims(t, dims), keepdim }, () => tidy(() => {
    const a = unary('abs', t);
    if (ord === Infinity) return amax(a, o, keepdim);
    if (ord === -Infinity) return amin(a, o, keepdim);
    if (ord === 0) return sum(binary('ne', a, 0), o, keepdim).to(t.dtype);
    if (ord === 1) return sum(a, o, keepdim);
    if (ord === 2) return unary('sqrt', sum(binary('mul', a, a), o, keepdim));
    return binary('pow', sum(binary('pow', a, ord), o, keepdim), 1 / ord);
  }));
}

/** log(sum(exp(x))) computed stably: the max is subtracted first (infinite maxima handled). */
export function logsumexp(t: Tensor, dim: DimArg, keepdim = false): Tensor {
  const rdims = resolveDims(t, toArray(dim));
  return traced('logsumexp', [t], { dims: rdims, keepdim }, () => tidy(() => {
    const x = isFloatingPoint(t.dtype) ? t : t.to('float32');
    const rd = resolveDims(x, toArray(dim));
    if (x.numel() === 0) return unary('log', sum(unary('exp', x), rd, keepdim));
    const m = amax(x, rd, true);
    const finiteM = where(unary('isinf', m), 0, m);
    const s = sum(unary('exp', binary('sub', x, finiteM)), rd, keepdim);
    const mm = keepdim ? finiteM : squeeze(finiteM, rd.length === x.ndim && x.ndim > 0 ? undefined : rd);
    return binary('add', unary('log', s), mm);
  }));
}

function scan(op: 'cumsum' | 'cumprod', t: Tensor, dim: number, dtype?: DType): Tensor {
  t._live();
  const d = normalizeDim(dim, t.ndim);
  const target = dtype ?? (isFloatingPoint(t.dtype) ? t.dtype : 'int64');
  const compute = isHalf(target) ? 'float32' : target;
  const src = toDType(t, compute);
  const out = emptyTensor(t.shape, compute, t.backend);
  if (t.numel() > 0) t.backend.scan(op, src, out, t.ndim === 0 ? 0 : d);
  if (src !== t) src.dispose();
  if (compute === target) return out;
  const c = castTo(out, target);
  out.dispose();
  return c;
}

export function cumsum(t: Tensor, dim: number, dtype?: DType | null): Tensor {
  return traced('cumsum', [t], { dim: normalizeDim(dim, t.ndim) }, () => scan('cumsum', t, dim, dtype ?? undefined));
}

export function cumprod(t: Tensor, dim: number, dtype?: DType | null): Tensor {
  return traced('cumprod', [t], { dim: normalizeDim(dim, t.ndim) }, () => scan('cumprod', t, dim, dtype ?? undefined));
}

export function countNonzero(t: Tensor, dim?: DimArg | null): Tensor {
  return tidy(() => sum(binary('ne', t, 0), dim ?? null));
}
