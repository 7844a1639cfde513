/**
 * The Tensor methods that have no torch.* function of the same name (in-place ops, views by size,
 * casts, random fills, autograd's), each described once by its PyTorch signature with `self` first
 * and bound through it (signature.ts). tensor.ts calls them as `m.method(this, args)`.
 */
import type { DeviceLike } from '../device';
import type { DType } from '../dtype';
import type { Generator } from '../random/generator';
import { autogradHook } from '../autograd';
import { Tensor } from '../tensor';
import { bound, signature, type Args, type BoundFunction } from '../signature';
import * as cast from './cast';
import * as ew from './elementwise';
import * as join from './join';
import * as rnd from './random';
import * as views from './views';
import type { ScatterReduce } from './join';
import type { Scalar, TensorOrScalar } from './util';

type T = Tensor;
/** A method's bound form: `self` first, then the method's own arguments. */
type Method<A extends readonly unknown[], R = T> = BoundFunction<[self: T, ...A], R>;

// ---------------------------------------------------------------- in place

function unaryInplace(name: string, op: Parameters<typeof ew.unaryInplace>[0]): Method<[]> {
  return bound(`${name}(Tensor self)`, (t: T) => {
    ew.unaryInplace(op, t);
    return t;
  });
}
export const neg_ = unaryInplace('neg_', 'neg');
export const abs_ = unaryInplace('abs_', 'abs');
export const sign_ = unaryInplace('sign_', 'sign');
export const exp_ = unaryInplace('exp_', 'exp');
export const log_ = unaryInplace('log_', 'log');
export const log1p_ = unaryInplace('log1p_', 'log1p');
export const expm1_ = unaryInplace('expm1_', 'expm1');
export const sqrt_ = unaryInplace('sqrt_', 'sqrt');
export const rsqrt_ = unaryInplace('rsqrt_', 'rsqrt');
export const sin_ = unaryInplace('sin_', 'sin');
export const cos_ = unaryInplace('cos_', 'cos');
export const tan_ = unaryInplace('tan_', 'tan');
export const tanh_ = unaryInplace('tanh_', 'tanh');
export const sigmoid_ = unaryInplace('sigmoid_', 'sigmoid');
export const relu_ = unaryInplace('relu_', 'relu');
export const floor_ = unaryInplace('floor_', 'floor');
export const ceil_ = unaryInplace('ceil_', 'ceil');
export const trunc_ = unaryInplace('trunc_', 'trunc');
export const reciprocal_ = unaryInplace('reciprocal_', 'reciprocal');
export const square_ = unaryInplace('square_', 'square');
export const erf_ = unaryInplace('erf_', 'erf');
export const round_: Method<Args<[], { decimals?: number }>> = bound('round_(Tensor self, *, int decimals=0)', (t: T, decimals: number) => {
  if (decimals === 0) ew.unaryInplace('round', t);
  else t._assign(ew.round(t, decimals));
  return t;
});

type ClampArgs = Args<[min: TensorOrScalar | null, max: TensorOrScalar | null], { min?: TensorOrScalar | null; max?: TensorOrScalar | null }>;
const clampInplace = (t: T, min?: TensorOrScalar | null, max?: TensorOrScalar | null): T => {
  ew.clampInplace(t, min, max);
  return t;
};
export const clamp_: Method<ClampArgs> = bound('clamp_(Tensor self, Tensor|Number? min=None, Tensor|Number? max=None)', clampInplace);
export const clip_: Method<ClampArgs> = bound('clip_(Tensor self, Tensor|Number? min=None, Tensor|Number? max=None)', clampInplace);

type OtherArgs<O = TensorOrScalar> = Args<[other: O], { other?: O }>;
type AlphaArgs = Args<[other: TensorOrScalar], { other?: TensorOrScalar; alpha?: number }>;
export const add_: Method<AlphaArgs> = bound('add_(Tensor self, Tensor|Number other, *, Number alpha=1)', (t: T, other: TensorOrScalar, alpha: number) => {
  ew.addInplace(t, other, alpha);
  return t;
});
export const sub_: Method<AlphaArgs> = bound('sub_(Tensor self, Tensor|Number other, *, Number alpha=1)', (t: T, other: TensorOrScalar, alpha: number) => {
  ew.addInplace(t, other, -alpha);
  return t;
});
export const div_: Method<Args<[other: TensorOrScalar], { other?: TensorOrScalar; roundingMode?: 'trunc' | 'floor' | null }>> = bound(
  'div_(Tensor self, Tensor|Number other, *, str? roundingMode=None)',
  (t: T, other: TensorOrScalar, roundingMode?: 'trunc' | 'floor' | null) => {
    ew.divInplace(t, other, roundingMode);
    return t;
  },
);
function binaryInplace(name: string, op: Parameters<typeof ew.binaryInplace>[0], other = 'Tensor|Number', param = 'other'): Method<OtherArgs> {
  return bound(`${name}(Tensor self, ${other} ${param})`, (t: T, o: TensorOrScalar) => {
    ew.binaryInplace(op, t, o);
    return t;
  });
}
export const mul_ = binaryInplace('mul_', 'mul');
export const pow_ = binaryInplace('pow_', 'pow', 'Tensor|Number', 'exponent') as Method<Args<[exponent: TensorOrScalar], { exponent?: TensorOrScalar }>>;
export const fmod_ = binaryInplace('fmod_', 'fmod');
export const remainder_ = binaryInplace('remainder_', 'remainder');
export const floorDivide_ = binaryInplace('floorDivide_', 'floorDivide');
export const maximum_ = binaryInplace('maximum_', 'maximum', 'Tensor') as Method<OtherArgs<T>>;
export const minimum_ = binaryInplace('minimum_', 'minimum', 'Tensor') as Method<OtherArgs<T>>;
export const lerp_: Method<Args<[end: T, weight: TensorOrScalar], { end?: T; weight?: TensorOrScalar }>> = bound('lerp_(Tensor self, Tensor end, Tensor|Number weight)', (t: T, end: T, weight: TensorOrScalar) =>
  t._assign(ew.lerp(t, end, weight)));
type AddcArgs = Args<[tensor1: T, tensor2: T], { tensor1?: T; tensor2?: T; value?: number }>;
export const addcmul_: Method<AddcArgs> = bound('addcmul_(Tensor self, Tensor tensor1, Tensor tensor2, *, Number value=1)', (t: T, t1: T, t2: T, value: number) => t._assign(ew.addcmul(t, t1, t2, value)));
export const addcdiv_: Method<AddcArgs> = bound('addcdiv_(Tensor self, Tensor tensor1, Tensor tensor2, *, Number value=1)', (t: T, t1: T, t2: T, value: number) => t._assign(ew.addcdiv(t, t1, t2, value)));
export const maskedFill_: Method<Args<[mask: T, value: TensorOrScalar], { mask?: T; value?: TensorOrScalar }>> = bound('maskedFill_(Tensor self, Tensor mask, Tensor|Number value)', (t: T, mask: T, value: TensorOrScalar) =>
  t._assign(ew.maskedFill(t, mask, value)));
export const scatter_: Method<Args<[dim: number, index: T, src: TensorOrScalar], { dim?: number; index?: T; src?: T; value?: number; reduce?: ScatterReduce | null }>> = bound(
  signature(
    "scatter_(Tensor self, int dim, Tensor index, Tensor src, *, str? reduce=None)",
    "scatter_(Tensor self, int dim, Tensor index, Number value, *, str? reduce=None)",
  ),
  (t: T, dim: number, index: T, src: TensorOrScalar, reduce?: ScatterReduce | null) => {
    join.scatterInplace(t, dim, index, src, reduce);
    return t;
  },
);
export const scatterAdd_: Method<Args<[dim: number, index: T, src: T], { dim?: number; index?: T; src?: T }>> = bound('scatterAdd_(Tensor self, int dim, Tensor index, Tensor src)', (t: T, dim: number, index: T, src: T) => {
  join.scatterAddInplace(t, dim, index, src);
  return t;
});
export const copy_: Method<Args<[src: TensorOrScalar, nonBlocking: boolean], { src?: TensorOrScalar; nonBlocking?: boolean }>> = bound('copy_(Tensor self, Tensor|Number src, bool nonBlocking=False)', (t: T, src: TensorOrScalar) => {
  cast.copy_(t, src);
  return t;
});
export const fill_: Method<Args<[value: Scalar], { value?: Scalar }>> = bound('fill_(Tensor self, Number value)', (t: T, value: Scalar) => {
  cast.fill_(t, value);
  return t;
});
export const zero_: Method<[]> = bound('zero_(Tensor self)', (t: T) => {
  cast.fill_(t, 0);
  return t;
});

// ---------------------------------------------------------------- views by size

/** A size given as separate ints or as one array: `x.view(2, 3)`, `x.view([2, 3])`. */
export type SizeArgs = (number | readonly number[])[];
export const view: Method<SizeArgs> = bound('view(Tensor self, int... size)', (t: T, size: readonly number[]) => views.view(t, [size]));
export const expand: Method<SizeArgs> = bound('expand(Tensor self, int... size)', (t: T, size: readonly number[]) => views.expand(t, [size]));
export const repeat: Method<SizeArgs> = bound('repeat(Tensor self, int... repeats)', (t: T, repeats: readonly number[]) => join.repeat(t, [repeats]));
type OtherTensor = Args<[other: T], { other?: T }>;
export const viewAs: Method<OtherTensor> = bound('viewAs(Tensor self, Tensor other)', (t: T, other: T) => views.view(t, [other.shape]));
export const reshapeAs: Method<OtherTensor> = bound('reshapeAs(Tensor self, Tensor other)', (t: T, other: T) => views.reshape(t, [other.shape]));
export const expandAs: Method<OtherTensor> = bound('expandAs(Tensor self, Tensor other)', (t: T, other: T) => views.expand(t, [other.shape]));
export const unfold: Method<Args<[dimension: number, size: number, step: number], { dimension?: number; size?: number; step?: number }>> = bound(
  'unfold(Tensor self, int dimension, int size, int step)',
  views.unfold,
);
export const asStrided: Method<Args<[size: readonly number[], stride: readonly number[], storageOffset: number | null], { size?: readonly number[]; stride?: readonly number[]; storageOffset?: number | null }>> = bound(
  'asStrided(Tensor self, int[] size, int[] stride, int? storageOffset=None)',
  (t: T, size: readonly number[], stride: readonly number[], storageOffset?: number | null) => views.asStrided(t, size, stride, storageOffset ?? undefined),
);

// ---------------------------------------------------------------- casts and copies

/** t.to's keyword arguments. */
export interface ToOptions {
  dtype?: DType | null;
  device?: DeviceLike | null;
  other?: T;
  nonBlocking?: boolean;
  copy?: boolean;
}
export type ToArgs =
  | Args<[dtype: DType, nonBlocking: boolean, copy: boolean], ToOptions>
  | Args<[device: DeviceLike | null, dtype: DType | null, nonBlocking: boolean, copy: boolean], ToOptions>
  | Args<[other: T, nonBlocking: boolean, copy: boolean], ToOptions>;

/** PyTorch's three Tensor.to signatures: to(dtype, …), to(device, dtype, …), to(other, …). */
function toSignature(name: string): ReturnType<typeof signature> {
  return signature(
    `${name}(Tensor self, dtype dtype, bool nonBlocking=False, bool copy=False)`,
    `${name}(Tensor self, device? device=None, dtype? dtype=None, bool nonBlocking=False, bool copy=False)`,
    `${name}(Tensor self, Tensor other, bool nonBlocking=False, bool copy=False)`,
  );
}

/** The target of a bound to() call, as cast.to takes it. */
function toTarget(overload: number, v: readonly unknown[]): { dtype?: DType; device?: string; copy?: boolean } {
  switch (overload) {
    case 0:
      return { dtype: v[1] as DType, copy: v[3] as boolean };
    case 1:
      return { device: (v[1] ?? undefined) as string | undefined, dtype: (v[2] ?? undefined) as DType | undefined, copy: v[4] as boolean };
    default: {
      const other = v[1] as T;
      return { device: other.device, dtype: other.dtype, copy: v[3] as boolean };
    }
  }
}

const TO = toSignature('to');
export const to: Method<ToArgs> = bound(TO, (...v: unknown[]) => cast.to(v[0] as T, toTarget(TO.overload, v)));
const TO_ASYNC = toSignature('toAsync');
export const toAsync: Method<ToArgs, Promise<T>> = bound(TO_ASYNC, (...v: unknown[]) => cast.toAsync(v[0] as T, toTarget(TO_ASYNC.overload, v)));

function castMethod(name: string, dtype: DType): Method<[]> {
  return bound(`${name}(Tensor self)`, (t: T) => cast.toDType(t, dtype));
}
export const float = castMethod('float', 'float32');
export const double = castMethod('double', 'float64');
export const half = castMethod('half', 'float16');
export const bfloat16 = castMethod('bfloat16', 'bfloat16');
export const int = castMethod('int', 'int32');
export const long = castMethod('long', 'int64');
export const byte = castMethod('byte', 'uint8');
export const bool = castMethod('bool', 'bool');
export const type: Method<Args<[dtype: DType], { dtype?: DType }>> = bound('type(Tensor self, dtype dtype)', cast.toDType);
export const cpu: Method<[]> = bound('cpu(Tensor self)', (t: T) => cast.to(t, 'cpu'));
export const contiguous: Method<[]> = bound('contiguous(Tensor self)', cast.contiguous);

// ---------------------------------------------------------------- methods whose bodies live in tensor.ts

/** Signatures of the Tensor methods tensor.ts implements itself (it binds through them, then runs its body). */
export const SELF_SIGNATURES = {
  size: signature('size(Tensor self, int? dim=None)'),
  stride: signature('stride(Tensor self, int? dim=None)'),
  requiresGrad_: signature('requiresGrad_(Tensor self, bool requiresGrad=True)'),
  registerHook: signature('registerHook(Tensor self, callable hook)'),
  retainGrad: signature('retainGrad(Tensor self)'),
  set_: signature('set_(Tensor self, Tensor source)'),
  detach_: signature('detach_(Tensor self)'),
  toSparse: signature('toSparse(Tensor self, int? sparseDim=None)'),
  sparseMask: signature('sparseMask(Tensor self, Tensor mask)'),
};
/** Zero-argument methods: binding only checks that nothing was passed. */
export function noArguments(name: string): ReturnType<typeof signature> {
  return signature(`${name}(Tensor self)`);
}

// ---------------------------------------------------------------- random fills

type GeneratorOption = { generator?: Generator | null };
export const uniform_: Method<Args<[from: number, to: number], GeneratorOption & { from?: number; to?: number }>> = bound('uniform_(Tensor self, float from=0, float to=1, *, Generator? generator=None)', rnd.uniform_);
export const normal_: Method<Args<[mean: number, std: number], GeneratorOption & { mean?: number; std?: number }>> = bound('normal_(Tensor self, float mean=0, float std=1, *, Generator? generator=None)', rnd.normal_);
export const random_: Method<Args<[from: number | null, to: number | null], GeneratorOption & { from?: number | null; to?: number | null }>> = bound('random_(Tensor self, int? from=None, int? to=None, *, Generator? generator=None)', rnd.random_);
export const exponential_: Method<Args<[lambd: number], GeneratorOption & { lambd?: number }>> = bound('exponential_(Tensor self, float lambd=1, *, Generator? generator=None)', rnd.exponential_);
export const bernoulli_: Method<Args<[p: number | T], GeneratorOption & { p?: number | T }>> = bound(
  signature('bernoulli_(Tensor self, Tensor p, *, Generator? generator=None)', 'bernoulli_(Tensor self, float p=0.5, *, Generator? generator=None)'),
  rnd.bernoulli_,
);
export const bernoulli: Method<Args<[], GeneratorOption>> = bound('bernoulli(Tensor input, *, Generator? generator=None)', rnd.bernoulliOf);

// ---------------------------------------------------------------- autograd

/** Tensor.backward's keyword arguments (PyTorch's retain_graph, create_graph, inputs). */
export interface TensorBackwardOptions {
  gradient?: T | null;
  retainGraph?: boolean | null;
  createGraph?: boolean;
  inputs?: T | readonly T[] | null;
}
export type BackwardArgs = Args<[gradient: T | null, retainGraph: boolean | null, createGraph: boolean, inputs: T | readonly T[] | null], TensorBackwardOptions>;
export const backward: Method<BackwardArgs, void> = bound(
  'backward(Tensor self, Tensor? gradient=None, bool? retainGraph=None, bool createGraph=False, Tensor|Tensor[]? inputs=None)',
  (t: T, gradient: T | null | undefined, retainGraph: boolean | null | undefined, createGraph: boolean, inputs: T | readonly T[] | null | undefined): void => {
    const hook = autogradHook();
    if (hook === null) throw new Error("backward() needs @x/autograd: import '@x/autograd' (the @x/torch umbrella does)");
    const list = inputs == null ? undefined : inputs instanceof Tensor ? [inputs] : inputs;
    hook.backward(t, gradient ?? undefined, { retainGraph: retainGraph ?? undefined, createGraph, inputs: list });
  },
);
