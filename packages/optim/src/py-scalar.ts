/**
 * The scalars of PyTorch's LBFGS as Python sees them: either Python floats (double precision) or
 * 0-dim tensors of the parameters' dtype, whose arithmetic rounds to that dtype (a float32 tensor
 * times a Python float is a float32 tensor). Mixing the two as Python does keeps the line search's
 * decisions the same as PyTorch's.
 */
import { bf16BitsToF32, f16BitsToF32, f32ToBF16Bits, f32ToF16Bits, keep, tensor, type DType, type Tensor } from '@x/tensor';

/** A 0-dim tensor's value and dtype (its arithmetic rounds to the dtype). */
export class TensorScalar {
  constructor(
    readonly value: number,
    readonly dtype: DType,
  ) {}
  /** The 0-dim tensor PyTorch would hold (for state dicts), on `device`. */
  toTensor(device: string): Tensor {
    return keep(tensor(this.value, { dtype: this.dtype, device }));
  }
}

/** A Python float, or a 0-dim tensor. */
export type PyScalar = number | TensorScalar;

function rounder(dtype: DType): (x: number) => number {
  switch (dtype) {
    case 'float32': return Math.fround;
    case 'float16': return (x) => f16BitsToF32(f32ToF16Bits(x));
    case 'bfloat16': return (x) => bf16BitsToF32(f32ToBF16Bits(x));
    default: return (x) => x;
  }
}

/** The numeric value (a tensor's, as `.itemAsync()` gives it). */
export function val(x: PyScalar): number {
  return typeof x === 'number' ? x : x.value;
}

function dtypeOf(a: PyScalar, b: PyScalar): DType | null {
  if (a instanceof TensorScalar) return a.dtype;
  if (b instanceof TensorScalar) return b.dtype;
  return null;
}

function binary(a: PyScalar, b: PyScalar, f: (x: number, y: number) => number): PyScalar {
  const dtype = dtypeOf(a, b);
  if (dtype === null) return f(val(a), val(b));
  const r = rounder(dtype);
  return new TensorScalar(r(f(r(val(a)), r(val(b)))), dtype);
}

export const add = (a: PyScalar, b: PyScalar): PyScalar => binary(a, b, (x, y) => x + y);
export const sub = (a: PyScalar, b: PyScalar): PyScalar => binary(a, b, (x, y) => x - y);
export const mul = (a: PyScalar, b: PyScalar): PyScalar => binary(a, b, (x, y) => x * y);
export const div = (a: PyScalar, b: PyScalar): PyScalar => binary(a, b, (x, y) => x / y);

function unary(a: PyScalar, f: (x: number) => number): PyScalar {
  if (typeof a === 'number') return f(a);
  return new TensorScalar(rounder(a.dtype)(f(a.value)), a.dtype);
}

export const neg = (a: PyScalar): PyScalar => unary(a, (x) => -x);
export const abs = (a: PyScalar): PyScalar => unary(a, Math.abs);
export const sqrt = (a: PyScalar): PyScalar => unary(a, Math.sqrt);

/** Comparisons: a tensor compares with a Python number converted to its dtype. */
function compare(a: PyScalar, b: PyScalar, f: (x: number, y: number) => boolean): boolean {
  const dtype = dtypeOf(a, b);
  if (dtype === null) return f(val(a), val(b));
  const r = rounder(dtype);
  return f(r(val(a)), r(val(b)));
}

export const lt = (a: PyScalar, b: PyScalar): boolean => compare(a, b, (x, y) => x < y);
export const le = (a: PyScalar, b: PyScalar): boolean => compare(a, b, (x, y) => x <= y);
export const gt = (a: PyScalar, b: PyScalar): boolean => compare(a, b, (x, y) => x > y);
export const ge = (a: PyScalar, b: PyScalar): boolean => compare(a, b, (x, y) => x >= y);

/** Python's min(a, b, …): the first of the smallest (it keeps the winner's type). */
export function min(...xs: PyScalar[]): PyScalar {
  let best = xs[0]!;
  for (const x of xs.slice(1)) if (lt(x, best)) best = x;
  return best;
}

/** Python's max(a, b, …): the first of the largest. */
export function max(...xs: PyScalar[]): PyScalar {
  let best = xs[0]!;
  for (const x of xs.slice(1)) if (gt(x, best)) best = x;
  return best;
}
