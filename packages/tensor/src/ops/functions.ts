/**
 * The torch.* free functions: each is the same definition as the Tensor method of the same name
 * (torch.add(a, b) === a.add(b)), so PyTorch code ports either way.
 */
import type { DType } from '../dtype';
import { Tensor, type ClampOptions } from '../tensor';
import type { DimArg, ReduceOptions, VarOptions } from './reduce';
import type { TensorOrScalar } from './util';
import * as ew from './elementwise';
import * as red from './reduce';
import * as linalg from './linalg';
import * as smx from './softmax';

type T = Tensor;

// elementwise, unary
export const neg = (t: T): T => t.neg();
export const negative = neg;
export const abs = (t: T): T => t.abs();
export const sign = (t: T): T => t.sign();
export const exp = (t: T): T => t.exp();
export const exp2 = (t: T): T => t.exp2();
export const log = (t: T): T => t.log();
export const log2 = (t: T): T => t.log2();
export const log10 = (t: T): T => t.log10();
export const log1p = (t: T): T => t.log1p();
export const expm1 = (t: T): T => t.expm1();
export const sqrt = (t: T): T => t.sqrt();
export const rsqrt = (t: T): T => t.rsqrt();
export const sin = (t: T): T => t.sin();
export const cos = (t: T): T => t.cos();
export const tan = (t: T): T => t.tan();
export const asin = (t: T): T => t.asin();
export const acos = (t: T): T => t.acos();
export const atan = (t: T): T => t.atan();
export const sinh = (t: T): T => t.sinh();
export const cosh = (t: T): T => t.cosh();
export const tanh = (t: T): T => t.tanh();
export const asinh = (t: T): T => t.asinh();
export const acosh = (t: T): T => t.acosh();
export const atanh = (t: T): T => t.atanh();
export const sigmoid = (t: T): T => t.sigmoid();
export const relu = (t: T): T => t.relu();
export const floor = (t: T): T => t.floor();
export const ceil = (t: T): T => t.ceil();
export const round = (t: T, options?: { decimals?: number }): T => t.round(options);
export const trunc = (t: T): T => t.trunc();
export const frac = (t: T): T => t.frac();
export const reciprocal = (t: T): T => t.reciprocal();
export const square = (t: T): T => t.square();
export const erf = (t: T): T => t.erf();
export const erfc = (t: T): T => t.erfc();
export const logicalNot = (t: T): T => t.logicalNot();
export const bitwiseNot = (t: T): T => t.bitwiseNot();
export const isnan = (t: T): T => t.isnan();
export const isinf = (t: T): T => t.isinf();
export const isfinite = (t: T): T => t.isfinite();
export const clamp = (t: T, min?: TensorOrScalar | null | ClampOptions, max?: TensorOrScalar | null): T => t.clamp(min, max);
export const clip = clamp;
export const nanToNum = (t: T, nan?: number | { nan?: number; posinf?: number; neginf?: number }, posinf?: number, neginf?: number): T => t.nanToNum(nan, posinf, neginf);

// elementwise, binary (the first operand may be a number where PyTorch allows a scalar)
export const add = (a: TensorOrScalar, b: TensorOrScalar, options?: { alpha?: number }): T => ew.add(a, b, options?.alpha);
export const sub = (a: TensorOrScalar, b: TensorOrScalar, options?: { alpha?: number }): T => ew.sub(a, b, options?.alpha);
export const subtract = sub;
export const rsub = (a: T, b: TensorOrScalar, options?: { alpha?: number }): T => ew.rsub(a, b, options?.alpha);
export const mul = (a: TensorOrScalar, b: TensorOrScalar): T => ew.binary('mul', a, b);
export const multiply = mul;
export const div = (a: TensorOrScalar, b: TensorOrScalar, options?: { roundingMode?: 'trunc' | 'floor' | null }): T => ew.div(a, b, options?.roundingMode);
export const divide = div;
export const trueDivide = (a: TensorOrScalar, b: TensorOrScalar): T => ew.div(a, b);
export const floorDivide = (a: TensorOrScalar, b: TensorOrScalar): T => ew.binary('floorDivide', a, b);
export const pow = (a: TensorOrScalar, b: TensorOrScalar): T => ew.binary('pow', a, b);
export const maximum = (a: T, b: T): T => ew.binary('maximum', a, b);
export const minimum = (a: T, b: T): T => ew.binary('minimum', a, b);
export const fmod = (a: T, b: TensorOrScalar): T => ew.binary('fmod', a, b);
export const remainder = (a: TensorOrScalar, b: TensorOrScalar): T => ew.binary('remainder', a, b);
export const atan2 = (a: T, b: T): T => ew.binary('atan2', a, b);
export const eq = (a: T, b: TensorOrScalar): T => ew.binary('eq', a, b);
export const ne = (a: T, b: TensorOrScalar): T => ew.binary('ne', a, b);
export const lt = (a: T, b: TensorOrScalar): T => ew.binary('lt', a, b);
export const le = (a: T, b: TensorOrScalar): T => ew.binary('le', a, b);
export const gt = (a: T, b: TensorOrScalar): T => ew.binary('gt', a, b);
export const ge = (a: T, b: TensorOrScalar): T => ew.binary('ge', a, b);
export const logicalAnd = (a: T, b: TensorOrScalar): T => ew.binary('logicalAnd', a, b);
export const logicalOr = (a: T, b: TensorOrScalar): T => ew.binary('logicalOr', a, b);
export const logicalXor = (a: T, b: TensorOrScalar): T => ew.binary('logicalXor', a, b);
export const bitwiseAnd = (a: T, b: TensorOrScalar): T => ew.binary('bitwiseAnd', a, b);
export const bitwiseOr = (a: T, b: TensorOrScalar): T => ew.binary('bitwiseOr', a, b);
export const bitwiseXor = (a: T, b: TensorOrScalar): T => ew.binary('bitwiseXor', a, b);
export const where = (condition: T, a: TensorOrScalar, b: TensorOrScalar): T => ew.where(condition, a, b);
export const equal = (a: T, b: T): boolean => ew.equal(a, b);
export const allclose = (a: T, b: T, options?: { rtol?: number; atol?: number; equalNan?: boolean }): boolean => ew.allclose(a, b, options);
export const isclose = (a: T, b: T, options?: { rtol?: number; atol?: number; equalNan?: boolean }): T => ew.isclose(a, b, options);
export const lerp = (start: T, end: T, weight: TensorOrScalar): T => ew.lerp(start, end, weight);
export const addcmul = (t: T, t1: T, t2: T, options?: { value?: number }): T => ew.addcmul(t, t1, t2, options?.value ?? 1);
export const addcdiv = (t: T, t1: T, t2: T, options?: { value?: number }): T => ew.addcdiv(t, t1, t2, options?.value ?? 1);
export const maskedFill = (t: T, mask: T, value: TensorOrScalar): T => ew.maskedFill(t, mask, value);

// reductions
export const sum = (t: T, dim?: DimArg | ReduceOptions, options?: ReduceOptions): T => red.sum(t, dim, options);
export const nansum = (t: T, dim?: DimArg | ReduceOptions, options?: ReduceOptions): T => red.nansum(t, dim, options);
export const mean = (t: T, dim?: DimArg | ReduceOptions, options?: ReduceOptions): T => red.mean(t, dim, options);
export const nanmean = (t: T, dim?: DimArg | ReduceOptions, options?: ReduceOptions): T => red.nanmean(t, dim, options);
export const prod = (t: T, dim?: number | ReduceOptions, options?: ReduceOptions): T => red.prod(t, dim, options);
export function max(t: T): T;
export function max(t: T, dim: number, options?: { keepdim?: boolean }): [T, T];
export function max(t: T, other: T): T;
export function max(t: T, arg?: number | T, options?: { keepdim?: boolean }): T | [T, T] {
  return red.maxOrMin('max', t, arg, options);
}
export function min(t: T): T;
export function min(t: T, dim: number, options?: { keepdim?: boolean }): [T, T];
export function min(t: T, other: T): T;
export function min(t: T, arg?: number | T, options?: { keepdim?: boolean }): T | [T, T] {
  return red.maxOrMin('min', t, arg, options);
}
export const amax = (t: T, dim?: DimArg | ReduceOptions, options?: ReduceOptions): T => red.amax(t, dim, options);
export const amin = (t: T, dim?: DimArg | ReduceOptions, options?: ReduceOptions): T => red.amin(t, dim, options);
export const argmax = (t: T, dim?: number | ReduceOptions, options?: ReduceOptions): T => red.argmax(t, dim, options);
export const argmin = (t: T, dim?: number | ReduceOptions, options?: ReduceOptions): T => red.argmin(t, dim, options);
export const all = (t: T, dim?: DimArg | ReduceOptions, options?: ReduceOptions): T => red.all(t, dim, options);
export const any = (t: T, dim?: DimArg | ReduceOptions, options?: ReduceOptions): T => red.any(t, dim, options);
export const variance = (t: T, dim?: DimArg | VarOptions, options?: VarOptions): T => red.variance(t, dim, options);
export { variance as var_ };
export const std = (t: T, dim?: DimArg | VarOptions, options?: VarOptions): T => red.std(t, dim, options);
export const norm = (t: T, p?: number | 'fro' | null, dim?: DimArg | ReduceOptions, options?: ReduceOptions): T => red.norm(t, p, dim, options);
export const logsumexp = (t: T, dim: DimArg, options?: ReduceOptions): T => red.logsumexp(t, dim, options);
export const cumsum = (t: T, dim: number, options?: { dtype?: DType }): T => red.cumsum(t, dim, options);
export const cumprod = (t: T, dim: number, options?: { dtype?: DType }): T => red.cumprod(t, dim, options);
export const countNonzero = (t: T, dim?: DimArg): T => red.countNonzero(t, dim);

// linear algebra
export const matmul = linalg.matmul;
export const mm = linalg.mm;
export const bmm = linalg.bmm;
export const mv = linalg.mv;
export const dot = linalg.dot;
export const outer = linalg.outer;
export const addmm = linalg.addmm;

// activations
export const softmax = (t: T, dim: number, options?: { dtype?: DType }): T => smx.softmax(t, dim, options?.dtype);
export const logSoftmax = (t: T, dim: number, options?: { dtype?: DType }): T => smx.logSoftmax(t, dim, options?.dtype);

// views and casts
export const reshape = (t: T, shape: readonly number[]): T => t.reshape(shape);
export const permute = (t: T, dims: readonly number[]): T => t.permute(dims);
export const transpose = (t: T, dim0: number, dim1: number): T => t.transpose(dim0, dim1);
export const swapaxes = transpose;
export const t = (x: T): T => x.t();
export const squeeze = (x: T, dim?: number | readonly number[]): T => x.squeeze(dim);
export const unsqueeze = (x: T, dim: number): T => x.unsqueeze(dim);
export const flatten = (x: T, startDim?: number | { startDim?: number; endDim?: number }, endDim?: number): T => x.flatten(startDim, endDim);
export const unflatten = (x: T, dim: number, sizes: readonly number[]): T => x.unflatten(dim, sizes);
export const narrow = (x: T, dim: number, start: number, length: number): T => x.narrow(dim, start, length);
export const select = (x: T, dim: number, index: number): T => x.select(dim, index);
export const movedim = (x: T, source: number | readonly number[], destination: number | readonly number[]): T => x.movedim(source, destination);
export const clone = (x: T): T => x.clone();
export const detach = (x: T): T => x.detach();
export const numel = (x: T): number => x.numel();
export const isTensor = (x: unknown): x is T => x instanceof Tensor;
