/**
 * The torch.* functions, each described once by its PyTorch signature and bound through it
 * (signature.ts): positional arguments in PyTorch's order, or any of them in one trailing options
 * object. The Tensor method of the same name is the same definition (`x.sum(1)` is
 * `sum.method(x, [1])`), so `torch.add(a, b)` and `a.add(b)` accept exactly the same arguments.
 */
import type { DType } from '../dtype';
import { Tensor } from '../tensor';
import { bound, signature, type Args, type BoundFunction } from '../signature';
import * as asy from './async';
import * as cast from './cast';
import * as ew from './elementwise';
import * as idx from './indexing';
import * as join from './join';
import * as linalg from './linalg';
import * as red from './reduce';
import * as smx from './softmax';
import * as srt from './sort';
import * as views from './views';
import type { IndexEntry } from './indexing';
import type { PadMode, ScatterReduce } from './join';
import type { DimArg } from './reduce';
import type { TensorOrScalar } from './util';

type T = Tensor;
/** The free-function form of a method's argument list: the input first. */
type Fn<A extends readonly unknown[], R = T> = BoundFunction<[input: T, ...A], R>;

// ---------------------------------------------------------------- elementwise, unary

/**
 * `name(Tensor input)`: the unary ops take nothing but the input. A sparse input goes to its own
 * method, which refuses the op by name (as PyTorch's dispatcher names the op it cannot run).
 */
function unaryOp(name: string, op: Parameters<typeof ew.unary>[0]): Fn<[]> {
  return bound(`${name}(Tensor input)`, (t: T) => (t.isSparse ? (t as unknown as Record<string, () => T>)[name]!() : ew.unary(op, t)));
}

export const neg = unaryOp('neg', 'neg');
export const negative = unaryOp('negative', 'neg');
export const abs = unaryOp('abs', 'abs');
export const sign = unaryOp('sign', 'sign');
export const exp = unaryOp('exp', 'exp');
export const exp2 = unaryOp('exp2', 'exp2');
export const log = unaryOp('log', 'log');
export const log2 = unaryOp('log2', 'log2');
export const log10 = unaryOp('log10', 'log10');
export const log1p = unaryOp('log1p', 'log1p');
export const expm1 = unaryOp('expm1', 'expm1');
export const sqrt = unaryOp('sqrt', 'sqrt');
export const rsqrt = unaryOp('rsqrt', 'rsqrt');
export const sin = unaryOp('sin', 'sin');
export const cos = unaryOp('cos', 'cos');
export const tan = unaryOp('tan', 'tan');
export const asin = unaryOp('asin', 'asin');
export const acos = unaryOp('acos', 'acos');
export const atan = unaryOp('atan', 'atan');
export const sinh = unaryOp('sinh', 'sinh');
export const cosh = unaryOp('cosh', 'cosh');
export const tanh = unaryOp('tanh', 'tanh');
export const asinh = unaryOp('asinh', 'asinh');
export const acosh = unaryOp('acosh', 'acosh');
export const atanh = unaryOp('atanh', 'atanh');
export const sigmoid = unaryOp('sigmoid', 'sigmoid');
export const relu = unaryOp('relu', 'relu');
export const floor = unaryOp('floor', 'floor');
export const ceil = unaryOp('ceil', 'ceil');
export const trunc = unaryOp('trunc', 'trunc');
export const frac = unaryOp('frac', 'frac');
export const reciprocal = unaryOp('reciprocal', 'reciprocal');
export const square = unaryOp('square', 'square');
export const erf = unaryOp('erf', 'erf');
export const erfc = unaryOp('erfc', 'erfc');
export const logicalNot = unaryOp('logicalNot', 'logicalNot');
export const bitwiseNot = unaryOp('bitwiseNot', 'bitwiseNot');
export const isnan = unaryOp('isnan', 'isnan');
export const isinf = unaryOp('isinf', 'isinf');
export const isfinite = unaryOp('isfinite', 'isfinite');

export type RoundArgs = Args<[], { decimals?: number }>;
export const round: Fn<RoundArgs> = bound('round(Tensor input, *, int decimals=0)', ew.round);

/** PyTorch's keyword form of clamp: x.clamp({ min: 0 }). */
export interface ClampOptions {
  min?: TensorOrScalar | null;
  max?: TensorOrScalar | null;
}
export type ClampArgs = Args<[min: TensorOrScalar | null, max: TensorOrScalar | null], ClampOptions>;
export const clamp: Fn<ClampArgs> = bound('clamp(Tensor input, Tensor|Number? min=None, Tensor|Number? max=None)', ew.clamp);
export const clip: Fn<ClampArgs> = bound('clip(Tensor input, Tensor|Number? min=None, Tensor|Number? max=None)', ew.clamp);

export interface NanToNumOptions {
  nan?: number | null;
  posinf?: number | null;
  neginf?: number | null;
}
export type NanToNumArgs = Args<[nan: number | null, posinf: number | null, neginf: number | null], NanToNumOptions>;
export const nanToNum: Fn<NanToNumArgs> = bound(
  'nanToNum(Tensor input, float? nan=0.0, float? posinf=None, float? neginf=None)',
  (t: T, nan: number | null, posinf?: number | null, neginf?: number | null) => ew.nanToNum(t, nan ?? 0, posinf ?? undefined, neginf ?? undefined),
);

// ---------------------------------------------------------------- elementwise, binary

export type OtherArgs<O = TensorOrScalar> = Args<[other: O], { other?: O }>;
export type AlphaArgs = Args<[other: TensorOrScalar], { other?: TensorOrScalar; alpha?: number }>;
export type RoundingMode = 'trunc' | 'floor';
export type DivArgs = Args<[other: TensorOrScalar], { other?: TensorOrScalar; roundingMode?: RoundingMode | null }>;

/** The binary ops whose operands may be tensors or numbers (the first too, as PyTorch's Scalar overloads). */
type BinaryFn<A extends readonly unknown[] = OtherArgs> = BoundFunction<[input: TensorOrScalar, ...A], T>;

function binaryOp(name: string, op: Parameters<typeof ew.binary>[0], input = 'Tensor|Number', other = 'Tensor|Number'): BinaryFn {
  return bound(`${name}(${input} input, ${other} other)`, (a: TensorOrScalar, b: TensorOrScalar) => ew.binary(op, a, b));
}

export const add: BinaryFn<AlphaArgs> = bound('add(Tensor|Number input, Tensor|Number other, *, Number alpha=1)', ew.add);
export const sub: BinaryFn<AlphaArgs> = bound('sub(Tensor|Number input, Tensor|Number other, *, Number alpha=1)', ew.sub);
export const subtract: BinaryFn<AlphaArgs> = bound('subtract(Tensor|Number input, Tensor|Number other, *, Number alpha=1)', ew.sub);
export const rsub: Fn<AlphaArgs> = bound('rsub(Tensor input, Tensor|Number other, *, Number alpha=1)', ew.rsub);
export const mul = binaryOp('mul', 'mul');
export const multiply = binaryOp('multiply', 'mul');
export const div: BinaryFn<DivArgs> = bound('div(Tensor|Number input, Tensor|Number other, *, str? roundingMode=None)', ew.div);
export const divide: BinaryFn<DivArgs> = bound('divide(Tensor|Number input, Tensor|Number other, *, str? roundingMode=None)', ew.div);
export const trueDivide: BinaryFn = bound('trueDivide(Tensor|Number input, Tensor|Number other)', (a: TensorOrScalar, b: TensorOrScalar) => ew.div(a, b));
export const floorDivide = binaryOp('floorDivide', 'floorDivide');
export type PowArgs = Args<[exponent: TensorOrScalar], { exponent?: TensorOrScalar }>;
export const pow: BinaryFn<PowArgs> = bound('pow(Tensor|Number input, Tensor|Number exponent)', (a: TensorOrScalar, b: TensorOrScalar) => ew.binary('pow', a, b));
export const maximum = binaryOp('maximum', 'maximum', 'Tensor', 'Tensor') as Fn<OtherArgs<T>>;
export const minimum = binaryOp('minimum', 'minimum', 'Tensor', 'Tensor') as Fn<OtherArgs<T>>;
export const fmod = binaryOp('fmod', 'fmod', 'Tensor') as Fn<OtherArgs>;
export const remainder = binaryOp('remainder', 'remainder');
export const atan2 = binaryOp('atan2', 'atan2', 'Tensor', 'Tensor') as Fn<OtherArgs<T>>;
export const eq = binaryOp('eq', 'eq', 'Tensor') as Fn<OtherArgs>;
export const ne = binaryOp('ne', 'ne', 'Tensor') as Fn<OtherArgs>;
export const lt = binaryOp('lt', 'lt', 'Tensor') as Fn<OtherArgs>;
export const le = binaryOp('le', 'le', 'Tensor') as Fn<OtherArgs>;
export const gt = binaryOp('gt', 'gt', 'Tensor') as Fn<OtherArgs>;
export const ge = binaryOp('ge', 'ge', 'Tensor') as Fn<OtherArgs>;
export const logicalAnd = binaryOp('logicalAnd', 'logicalAnd', 'Tensor') as Fn<OtherArgs>;
export const logicalOr = binaryOp('logicalOr', 'logicalOr', 'Tensor') as Fn<OtherArgs>;
export const logicalXor = binaryOp('logicalXor', 'logicalXor', 'Tensor') as Fn<OtherArgs>;
export const bitwiseAnd = binaryOp('bitwiseAnd', 'bitwiseAnd', 'Tensor') as Fn<OtherArgs>;
export const bitwiseOr = binaryOp('bitwiseOr', 'bitwiseOr', 'Tensor') as Fn<OtherArgs>;
export const bitwiseXor = binaryOp('bitwiseXor', 'bitwiseXor', 'Tensor') as Fn<OtherArgs>;

/** torch.where(condition, input, other); the method is input.where(condition, other). */
export const where: BoundFunction<[condition: T, input: TensorOrScalar, other: TensorOrScalar] | [condition: T, options: { input?: TensorOrScalar; other?: TensorOrScalar }] | [condition: T, input: TensorOrScalar, options: { other?: TensorOrScalar }], T> =
  bound('where(Tensor condition, Tensor|Number input, Tensor|Number other)', ew.where);
export type WhereArgs = Args<[condition: T, other: TensorOrScalar], { condition?: T; other?: TensorOrScalar }>;
export const whereMethod: Fn<WhereArgs> = bound('where(Tensor input, Tensor condition, Tensor|Number other)', (t: T, condition: T, other: TensorOrScalar) => ew.where(condition, t, other));

export const equal: Fn<OtherArgs<T>, boolean> = bound('equal(Tensor input, Tensor other)', ew.equal);

export interface CloseOptions {
  rtol?: number;
  atol?: number;
  equalNan?: boolean;
}
export type CloseArgs = Args<[other: T, rtol: number, atol: number, equalNan: boolean], CloseOptions & { other?: T }>;
const CLOSE = 'Tensor input, Tensor other, float rtol=1e-05, float atol=1e-08, bool equalNan=False';
export const isclose: Fn<CloseArgs> = bound(`isclose(${CLOSE})`, (a: T, b: T, rtol: number, atol: number, equalNan: boolean) => ew.isclose(a, b, { rtol, atol, equalNan }));
export const allclose: Fn<CloseArgs, boolean> = bound(`allclose(${CLOSE})`, (a: T, b: T, rtol: number, atol: number, equalNan: boolean) => ew.allclose(a, b, { rtol, atol, equalNan }));
export const allcloseAsync: Fn<CloseArgs, Promise<boolean>> = bound(`allcloseAsync(${CLOSE})`, (a: T, b: T, rtol: number, atol: number, equalNan: boolean) => asy.allcloseAsync(a, b, { rtol, atol, equalNan }));
export const equalAsync: Fn<OtherArgs<T>, Promise<boolean>> = bound('equalAsync(Tensor input, Tensor other)', asy.equalAsync);

export type LerpArgs = Args<[end: T, weight: TensorOrScalar], { end?: T; weight?: TensorOrScalar }>;
export const lerp: Fn<LerpArgs> = bound('lerp(Tensor input, Tensor end, Tensor|Number weight)', ew.lerp);
export type AddcArgs = Args<[tensor1: T, tensor2: T], { tensor1?: T; tensor2?: T; value?: number }>;
export const addcmul: Fn<AddcArgs> = bound('addcmul(Tensor input, Tensor tensor1, Tensor tensor2, *, Number value=1)', ew.addcmul);
export const addcdiv: Fn<AddcArgs> = bound('addcdiv(Tensor input, Tensor tensor1, Tensor tensor2, *, Number value=1)', ew.addcdiv);
export type MaskedFillArgs = Args<[mask: T, value: TensorOrScalar], { mask?: T; value?: TensorOrScalar }>;
export const maskedFill: Fn<MaskedFillArgs> = bound('maskedFill(Tensor input, Tensor mask, Tensor|Number value)', ew.maskedFill);

// ---------------------------------------------------------------- reductions

/** The keyword arguments of sum, mean, nansum, nanmean, prod. */
export interface ReduceOptions {
  dim?: DimArg | null;
  keepdim?: boolean;
  dtype?: DType | null;
}
export type ReduceArgs<D = DimArg> = Args<[dim: D | null, keepdim: boolean], ReduceOptions>;
const REDUCE = 'Tensor input, int|int[]? dim=None, bool keepdim=False, *, dtype? dtype=None';
export const sum: Fn<ReduceArgs> = bound(`sum(${REDUCE})`, red.sum);
export const nansum: Fn<ReduceArgs> = bound(`nansum(${REDUCE})`, red.nansum);
export const mean: Fn<ReduceArgs> = bound(`mean(${REDUCE})`, red.mean);
export const nanmean: Fn<ReduceArgs> = bound(`nanmean(${REDUCE})`, red.nanmean);
export const prod: Fn<ReduceArgs<number>> = bound('prod(Tensor input, int? dim=None, bool keepdim=False, *, dtype? dtype=None)', red.prod);

export type DimKeepdimArgs<D = DimArg> = Args<[dim: D | null, keepdim: boolean], { dim?: D | null; keepdim?: boolean }>;
export const amax: Fn<DimKeepdimArgs> = bound('amax(Tensor input, int|int[] dim=[], bool keepdim=False)', red.amax);
export const amin: Fn<DimKeepdimArgs> = bound('amin(Tensor input, int|int[] dim=[], bool keepdim=False)', red.amin);
export const argmax: Fn<DimKeepdimArgs<number>> = bound('argmax(Tensor input, int? dim=None, bool keepdim=False)', red.argmax);
export const argmin: Fn<DimKeepdimArgs<number>> = bound('argmin(Tensor input, int? dim=None, bool keepdim=False)', red.argmin);
export const all: Fn<DimKeepdimArgs> = bound('all(Tensor input, int|int[]? dim=None, bool keepdim=False)', red.all);
export const any: Fn<DimKeepdimArgs> = bound('any(Tensor input, int|int[]? dim=None, bool keepdim=False)', red.any);

/** max() → the largest value; max(dim) → [values, indices]; max(other) → the elementwise maximum. */
export interface MaxMinFn {
  (input: T): T;
  (input: T, other: T): T;
  (input: T, dim: number, keepdim?: boolean): [T, T];
  (input: T, dim: number, options: { keepdim?: boolean }): [T, T];
  (input: T, options: { dim: number; keepdim?: boolean }): [T, T];
  (input: T, options: { other: T }): T;
  readonly signature: BoundFunction<[], T>['signature'];
  method(self: unknown, args: ArrayLike<unknown>): T | [T, T];
}
function maxOrMin(op: 'max' | 'min'): MaxMinFn {
  return bound(signature(`${op}(Tensor input)`, `${op}(Tensor input, Tensor other)`, `${op}(Tensor input, int dim, bool keepdim=False)`), (t: T, arg?: number | T, keepdim?: boolean) =>
    red.maxOrMin(op, t, arg, keepdim)) as unknown as MaxMinFn;
}
export const max = maxOrMin('max');
export const min = maxOrMin('min');

/** var and std's keyword arguments: unbiased (PyTorch 1.13's default true) or correction, not both. */
export interface VarOptions {
  dim?: DimArg | null;
  keepdim?: boolean;
  unbiased?: boolean;
  correction?: number | null;
}
export type VarArgs =
  | Args<[dim: DimArg | null, unbiased: boolean, keepdim: boolean], { dim?: DimArg | null; unbiased?: boolean; keepdim?: boolean }>
  | [options: { dim?: DimArg | null; correction?: number | null; keepdim?: boolean }]
  | [dim: DimArg | null, options: { correction?: number | null; keepdim?: boolean }]
  | [unbiased: boolean];
/** PyTorch 1.13's three var/std signatures; the impl takes (input, dim, correction, keepdim). */
function varianceLike(name: string, impl: typeof red.variance): Fn<VarArgs> {
  const sig = signature(
    `${name}(Tensor input, int|int[]? dim=None, bool unbiased=True, bool keepdim=False)`,
    `${name}(Tensor input, int|int[]? dim=None, *, int? correction=None, bool keepdim=False)`,
    `${name}(Tensor input, bool unbiased)`,
  );
  return bound(sig, (t: T, a: unknown, b: unknown, keepdim?: boolean) => {
    switch (sig.overload) {
      case 0:
        return impl(t, a as DimArg | null, b ? 1 : 0, keepdim);
      case 1:
        return impl(t, a as DimArg | null, (b as number | null) ?? 1, keepdim);
      default:
        return impl(t, null, a ? 1 : 0, false);
    }
  });
}
export const variance = varianceLike('var', red.variance);
export { variance as var_ };
export const std = varianceLike('std', red.std);

export type NormArgs = Args<[p: number | 'fro' | null, dim: DimArg | null, keepdim: boolean], { p?: number | 'fro' | null; dim?: DimArg | null; keepdim?: boolean; dtype?: DType | null }>;
export const norm: Fn<NormArgs> = bound("norm(Tensor input, Number|'fro'? p='fro', int|int[]? dim=None, bool keepdim=False, *, dtype? dtype=None)", (t: T, p: number | 'fro' | null, dim: DimArg | null, keepdim: boolean, dtype?: DType | null) => {
  if (dtype == null) return red.norm(t, p, dim, keepdim);
  const cast = t.to(dtype);
  try {
    return red.norm(cast, p, dim, keepdim);
  } finally {
    if (cast !== t) cast.dispose();
  }
});
export type LogsumexpArgs = Args<[dim: DimArg, keepdim: boolean], { dim?: DimArg; keepdim?: boolean }>;
export const logsumexp: Fn<LogsumexpArgs> = bound('logsumexp(Tensor input, int|int[] dim, bool keepdim=False)', red.logsumexp);
export type ScanArgs = Args<[dim: number], { dim?: number; dtype?: DType | null }>;
export const cumsum: Fn<ScanArgs> = bound('cumsum(Tensor input, int dim, *, dtype? dtype=None)', red.cumsum);
export const cumprod: Fn<ScanArgs> = bound('cumprod(Tensor input, int dim, *, dtype? dtype=None)', red.cumprod);
export type CountNonzeroArgs = Args<[dim: DimArg | null], { dim?: DimArg | null }>;
export const countNonzero: Fn<CountNonzeroArgs> = bound('countNonzero(Tensor input, int|int[]? dim=None)', red.countNonzero);

// ---------------------------------------------------------------- linear algebra

export const matmul: Fn<OtherArgs<T>> = bound('matmul(Tensor input, Tensor other)', linalg.matmul);
export type Mat2Args = Args<[mat2: T], { mat2?: T }>;
export const mm: Fn<Mat2Args> = bound('mm(Tensor input, Tensor mat2)', linalg.mm);
export const bmm: Fn<Mat2Args> = bound('bmm(Tensor input, Tensor mat2)', linalg.bmm);
export const mv: Fn<Args<[vec: T], { vec?: T }>> = bound('mv(Tensor input, Tensor vec)', linalg.mv);
export const dot: Fn<Args<[other: T], { other?: T }>> = bound('dot(Tensor input, Tensor other)', linalg.dot);
export const outer: Fn<Args<[vec2: T], { vec2?: T }>> = bound('outer(Tensor input, Tensor vec2)', linalg.outer);
export type AddmmArgs = Args<[mat1: T, mat2: T], { mat1?: T; mat2?: T; beta?: number; alpha?: number }>;
export const addmm: Fn<AddmmArgs> = bound('addmm(Tensor input, Tensor mat1, Tensor mat2, *, Number beta=1, Number alpha=1)', (input: T, mat1: T, mat2: T, beta: number, alpha: number) =>
  linalg.addmm(input, mat1, mat2, { beta, alpha }));

// ---------------------------------------------------------------- softmax

export type SoftmaxArgs = Args<[dim: number, dtype: DType | null], { dim?: number; dtype?: DType | null }>;
export const softmax: Fn<SoftmaxArgs> = bound('softmax(Tensor input, int dim, dtype? dtype=None)', smx.softmax);
export const logSoftmax: Fn<SoftmaxArgs> = bound('logSoftmax(Tensor input, int dim, dtype? dtype=None)', smx.logSoftmax);

// ---------------------------------------------------------------- views

/** A size given as separate ints or as one array: `x.view(2, 3)`, `x.view([2, 3])`. */
export type SizeArgs = (number | readonly number[])[];
export const reshape: Fn<SizeArgs> = bound('reshape(Tensor input, int... shape)', (t: T, shape: readonly number[]) => views.reshape(t, [shape]));
export const permute: Fn<SizeArgs> = bound('permute(Tensor input, int... dims)', (t: T, dims: readonly number[]) => views.permute(t, [dims]));
export type TransposeArgs = Args<[dim0: number, dim1: number], { dim0?: number; dim1?: number }>;
export const transpose: Fn<TransposeArgs> = bound('transpose(Tensor input, int dim0, int dim1)', views.transpose);
export const swapaxes: Fn<Args<[axis0: number, axis1: number], { axis0?: number; axis1?: number }>> = bound('swapaxes(Tensor input, int axis0, int axis1)', views.transpose);
export const t: Fn<[]> = bound('t(Tensor input)', views.t);
export type SqueezeArgs = Args<[dim: DimArg | null], { dim?: DimArg | null }>;
export const squeeze: Fn<SqueezeArgs> = bound('squeeze(Tensor input, int|int[]? dim=None)', (x: T, dim?: DimArg | null) => views.squeeze(x, dim ?? undefined));
export type DimArgs = Args<[dim: number], { dim?: number }>;
export const unsqueeze: Fn<DimArgs> = bound('unsqueeze(Tensor input, int dim)', views.unsqueeze);
export type FlattenArgs = Args<[startDim: number, endDim: number], { startDim?: number; endDim?: number }>;
export const flatten: Fn<FlattenArgs> = bound('flatten(Tensor input, int startDim=0, int endDim=-1)', views.flatten);
export type UnflattenArgs = Args<[dim: number, sizes: readonly number[]], { dim?: number; sizes?: readonly number[] }>;
export const unflatten: Fn<UnflattenArgs> = bound('unflatten(Tensor input, int dim, int[] sizes)', views.unflatten);
export type NarrowArgs = Args<[dim: number, start: number, length: number], { dim?: number; start?: number; length?: number }>;
export const narrow: Fn<NarrowArgs> = bound('narrow(Tensor input, int dim, int start, int length)', views.narrow);
export type SelectArgs = Args<[dim: number, index: number], { dim?: number; index?: number }>;
export const select: Fn<SelectArgs> = bound('select(Tensor input, int dim, int index)', views.select);
export type MovedimArgs = Args<[source: DimArg, destination: DimArg], { source?: DimArg; destination?: DimArg }>;
export const movedim: Fn<MovedimArgs> = bound('movedim(Tensor input, int|int[] source, int|int[] destination)', views.movedim);
export const clone: Fn<[]> = bound('clone(Tensor input)', cast.clone);
export const detach: Fn<[]> = bound('detach(Tensor input)', views.alias);
export const numel: Fn<[], number> = bound('numel(Tensor input)', (x: T) => x.numel());
export const isTensor = bound('isTensor(any obj)', (x: unknown) => x instanceof Tensor) as unknown as (obj: unknown) => obj is T;

// ---------------------------------------------------------------- joining, gathering, moving

export type TensorsArgs = Args<[dim: number], { dim?: number }>;
type ListFn<A extends readonly unknown[], R = T> = BoundFunction<[tensors: readonly T[], ...A] | [options: { tensors: readonly T[]; dim?: number }], R>;
export const cat: ListFn<TensorsArgs> = bound('cat(Tensor[] tensors, int dim=0)', join.cat);
/** Aliases of cat (PyTorch's concat and concatenate): the same function. */
export const concat = cat;
export const concatenate = cat;
export const stack: ListFn<TensorsArgs> = bound('stack(Tensor[] tensors, int dim=0)', join.stack);
export const hstack: ListFn<[]> = bound('hstack(Tensor[] tensors)', join.hstack);
export const vstack: ListFn<[]> = bound('vstack(Tensor[] tensors)', join.vstack);
export const dstack: ListFn<[]> = bound('dstack(Tensor[] tensors)', join.dstack);

export type SplitArgs = Args<[splitSizeOrSections: number | readonly number[], dim: number], { splitSizeOrSections?: number | readonly number[]; dim?: number }>;
export const split: Fn<SplitArgs, T[]> = bound('split(Tensor tensor, int|int[] splitSizeOrSections, int dim=0)', join.split);
export type ChunkArgs = Args<[chunks: number, dim: number], { chunks?: number; dim?: number }>;
export const chunk: Fn<ChunkArgs, T[]> = bound('chunk(Tensor input, int chunks, int dim=0)', join.chunk);
export const unbind: Fn<DimArgsDefault, T[]> = bound('unbind(Tensor input, int dim=0)', join.unbind);
export type DimArgsDefault = Args<[dim: number], { dim?: number }>;
export type GatherArgs = Args<[dim: number, index: T], { dim?: number; index?: T; sparseGrad?: boolean }>;
export const gather: Fn<GatherArgs> = bound('gather(Tensor input, int dim, Tensor index, *, bool sparseGrad=False)', (x: T, dim: number, index: T) => join.gather(x, dim, index));
export type ScatterArgs = Args<[dim: number, index: T, src: TensorOrScalar], { dim?: number; index?: T; src?: T; value?: number; reduce?: ScatterReduce | null }>;
const SCATTER = (name: string): string[] => [
  `${name}(Tensor input, int dim, Tensor index, Tensor src, *, str? reduce=None)`,
  `${name}(Tensor input, int dim, Tensor index, Number value, *, str? reduce=None)`,
];
export const scatter: Fn<ScatterArgs> = bound(signature(...SCATTER('scatter')), join.scatter);
export type ScatterAddArgs = Args<[dim: number, index: T, src: T], { dim?: number; index?: T; src?: T }>;
export const scatterAdd: Fn<ScatterAddArgs> = bound('scatterAdd(Tensor input, int dim, Tensor index, Tensor src)', join.scatterAdd);
export type IndexSelectArgs = Args<[dim: number, index: T], { dim?: number; index?: T }>;
export const indexSelect: Fn<IndexSelectArgs> = bound('indexSelect(Tensor input, int dim, Tensor index)', join.indexSelect);
export const take: Fn<Args<[index: T], { index?: T }>> = bound('take(Tensor input, Tensor index)', join.take);
export type MaskArgs = Args<[mask: T], { mask?: T }>;
export const maskedSelect: Fn<MaskArgs> = bound('maskedSelect(Tensor input, Tensor mask)', idx.maskedSelect);
export const maskedSelectAsync: Fn<MaskArgs, Promise<T>> = bound('maskedSelectAsync(Tensor input, Tensor mask)', asy.maskedSelectAsync);

/** nonzero(x) → [count, ndim] positions; nonzero(x, { asTuple: true }) → one tensor per dim. */
export interface NonzeroFn<R> {
  (input: T, options?: { asTuple?: false }): R extends Promise<unknown> ? Promise<T> : T;
  (input: T, options: { asTuple: true }): R extends Promise<unknown> ? Promise<T[]> : T[];
  (input: T, options: { asTuple?: boolean }): R;
  readonly signature: BoundFunction<[], T>['signature'];
  method(self: unknown, args: ArrayLike<unknown>): R;
}
export const nonzero = bound('nonzero(Tensor input, *, bool asTuple=False)', (x: T, asTuple: boolean) => idx.nonzero(x, { asTuple })) as unknown as NonzeroFn<T | T[]>;
export const nonzeroAsync = bound('nonzeroAsync(Tensor input, *, bool asTuple=False)', (x: T, asTuple: boolean) => asy.nonzeroAsync(x, { asTuple })) as unknown as NonzeroFn<Promise<T | T[]>>;
export const argwhere: Fn<[]> = bound('argwhere(Tensor input)', idx.argwhere);
export const argwhereAsync: Fn<[], Promise<T>> = bound('argwhereAsync(Tensor input)', asy.argwhereAsync);

export type IndexPutArgs = Args<[indices: IndexEntry | readonly IndexEntry[], values: TensorOrScalar, accumulate: boolean], { indices?: IndexEntry | readonly IndexEntry[]; values?: TensorOrScalar; accumulate?: boolean }>;
const entries = (indices: IndexEntry | readonly IndexEntry[]): IndexEntry[] => (Array.isArray(indices) ? [...(indices as readonly IndexEntry[])] : [indices as IndexEntry]);
const INDEX_PUT = 'Tensor input, any indices, Tensor|Number values, bool accumulate=False';
export const indexPut: Fn<IndexPutArgs> = bound(`indexPut(${INDEX_PUT})`, (x: T, indices: IndexEntry | IndexEntry[], values: TensorOrScalar, accumulate: boolean) => idx.indexPut(x, entries(indices), values, accumulate));
export const indexPutAsync: Fn<IndexPutArgs, Promise<T>> = bound(`indexPutAsync(${INDEX_PUT})`, (x: T, indices: IndexEntry | IndexEntry[], values: TensorOrScalar, accumulate: boolean) =>
  asy.indexPutAsync(x, entries(indices), values, accumulate));
/** The in-place forms (methods only: x.indexPut_(indices, values, accumulate)). */
export const indexPut_: Fn<IndexPutArgs> = bound(`indexPut_(${INDEX_PUT})`, (x: T, indices: IndexEntry | IndexEntry[], values: TensorOrScalar, accumulate: boolean) => {
  idx.indexPut_(x, entries(indices), values, accumulate);
  return x;
});
export const indexPutAsync_: Fn<IndexPutArgs, Promise<T>> = bound(`indexPutAsync_(${INDEX_PUT})`, (x: T, indices: IndexEntry | IndexEntry[], values: TensorOrScalar, accumulate: boolean) =>
  asy.indexPutAsync_(x, entries(indices), values, accumulate));

export const tile: Fn<SizeArgs> = bound('tile(Tensor input, int... dims)', (x: T, dims: readonly number[]) => join.tile(x, [dims]));
export type RepeatInterleaveArgs = Args<[repeats: number | T, dim: number | null], { repeats?: number | T; dim?: number | null; outputSize?: number | null }>;
const REPEAT_INTERLEAVE = 'Tensor input, Tensor|int? repeats=None, int? dim=None, *, int? outputSize=None';
export const repeatInterleave: Fn<RepeatInterleaveArgs> = bound(`repeatInterleave(${REPEAT_INTERLEAVE})`, (x: T, repeats?: number | T, dim?: number | null) =>
  join.repeatInterleave(x, repeats ?? undefined, dim ?? undefined));
export const repeatInterleaveAsync: Fn<RepeatInterleaveArgs, Promise<T>> = bound(`repeatInterleaveAsync(${REPEAT_INTERLEAVE})`, (x: T, repeats?: number | T, dim?: number | null) =>
  join.repeatInterleaveAsync(x, repeats ?? undefined, dim ?? undefined));
export const flip: Fn<SizeArgs> = bound('flip(Tensor input, int... dims)', join.flip);
export type RollArgs = Args<[shifts: DimArg, dims: DimArg | null], { shifts?: DimArg; dims?: DimArg | null }>;
export const roll: Fn<RollArgs> = bound('roll(Tensor input, int|int[] shifts, int|int[]? dims=None)', (x: T, shifts: DimArg, dims?: DimArg | null) => join.roll(x, shifts, dims ?? undefined));
export type DiagonalIndexArgs = Args<[diagonal: number], { diagonal?: number }>;
export const triu: Fn<DiagonalIndexArgs> = bound('triu(Tensor input, int diagonal=0)', join.triu);
export const tril: Fn<DiagonalIndexArgs> = bound('tril(Tensor input, int diagonal=0)', join.tril);
export const diag: Fn<DiagonalIndexArgs> = bound('diag(Tensor input, int diagonal=0)', join.diag);
export type DiagonalArgs = Args<[offset: number, dim1: number, dim2: number], { offset?: number; dim1?: number; dim2?: number }>;
export const diagonal: Fn<DiagonalArgs> = bound('diagonal(Tensor input, int offset=0, int dim1=0, int dim2=1)', join.diagonal);
export type PadArgs = Args<[pad: readonly number[], mode: PadMode, value: number | null], { pad?: readonly number[]; mode?: PadMode; value?: number | null }>;
/** torch.nn.functional.pad (also torch.pad and x.pad). */
export const pad: Fn<PadArgs> = bound("pad(Tensor input, int[] pad, str mode='constant', float? value=None)", join.pad);

// ---------------------------------------------------------------- sorting

export interface SortOptions {
  dim?: number;
  descending?: boolean;
  /** Accepted for PyTorch compatibility: the sort is always stable. */
  stable?: boolean | null;
}
export type SortArgs = Args<[dim: number, descending: boolean], SortOptions>;
export const sort: Fn<SortArgs, [T, T]> = bound('sort(Tensor input, int dim=-1, bool descending=False, *, bool? stable=None)', (x: T, dim: number, descending: boolean) => srt.sort(x, dim, descending));
export const argsort: Fn<SortArgs> = bound('argsort(Tensor input, int dim=-1, bool descending=False, *, bool? stable=None)', (x: T, dim: number, descending: boolean) => srt.argsort(x, dim, descending));
export const msort: Fn<[]> = bound('msort(Tensor input)', srt.msort);
export interface TopkOptions {
  k?: number;
  dim?: number;
  largest?: boolean;
  /** Accepted for PyTorch compatibility: results always come sorted. */
  sorted?: boolean;
}
export type TopkArgs = Args<[k: number, dim: number, largest: boolean, sorted: boolean], TopkOptions>;
export const topk: Fn<TopkArgs, [T, T]> = bound('topk(Tensor input, int k, int dim=-1, bool largest=True, bool sorted=True)', (x: T, k: number, dim: number, largest: boolean) => srt.topk(x, k, dim, largest));
export interface UniqueOptions {
  /** Accepted for PyTorch compatibility: the result is always sorted. */
  sorted?: boolean;
  returnInverse?: boolean;
  returnCounts?: boolean;
  dim?: number | null;
}
export type UniqueArgs = Args<[sorted: boolean, returnInverse: boolean, returnCounts: boolean, dim: number | null], UniqueOptions>;
const UNIQUE = 'Tensor input, bool sorted=True, bool returnInverse=False, bool returnCounts=False, int? dim=None';
export const unique: Fn<UniqueArgs, T | T[]> = bound(`unique(${UNIQUE})`, (x: T, sorted: boolean, returnInverse: boolean, returnCounts: boolean, dim?: number | null) =>
  srt.unique(x, { sorted, returnInverse, returnCounts, dim }));
export const uniqueAsync: Fn<UniqueArgs, Promise<T | T[]>> = bound(`uniqueAsync(${UNIQUE})`, (x: T, sorted: boolean, returnInverse: boolean, returnCounts: boolean, dim?: number | null) =>
  srt.uniqueAsync(x, { sorted, returnInverse, returnCounts, dim }));
