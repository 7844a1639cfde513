/**
 * The elementwise ops a backend leaves out of its `unaryOps` / `binaryOps`, composed from primitive
 * kernels (PRIMITIVE_UNARY_OPS, PRIMITIVE_BINARY_OPS, where, copy, fill). A backend that implements
 * every op never reaches a composition: `runUnary` and `runBinary` cost it one property read.
 *
 * Each composition computes in its operands' dtype and keeps the semantics of the op's own kernel:
 * NaN and ±inf come out where they would, zeros keep their sign, integers stay exact (wrapping as
 * the kernels wrap), and the identities are the accurate ones (Kahan's expm1, Goldberg's log1p), so
 * a result is off by a few ulp at most, never by a cancellation.
 *
 * A composition writes `out` only with its last kernel, so out may be x itself (in-place ops); the
 * steps before write temporaries of out's shape, freed when it returns. A composed op may use other
 * composed ops; the primitives end every chain.
 */
import type { Backend, BinaryOp, PrimitiveBinaryOp, PrimitiveUnaryOp, UnaryOp, View } from '../backend';
import { BOOL_BINARY_OPS, BOOL_UNARY_OPS } from '../backend';
import type { DType } from '../dtype';
import { isFloatingPoint } from '../dtype';
import { numelOf } from '../shape';
import type { Tensor } from '../tensor';
import { emptyTensor, viewOf } from './util';

/** A kernel operand: a view, or a scalar already in the operands' dtype. */
type Operand = View | number;

/** x's unary op into out: the backend's own kernel when it declares one, else its composition. */
export function runUnary(backend: Backend, op: UnaryOp, x: View, out: View): void {
  const own = backend.unaryOps;
  if (own === undefined || own.has(op)) backend.unary(op, x, out);
  else composeUnary(backend, op, x, out);
}

/** a op b into out: the backend's own kernel when it declares one, else its composition. */
export function runBinary(backend: Backend, op: BinaryOp, a: Operand, b: Operand, out: View): void {
  const own = backend.binaryOps;
  if (own === undefined || own.has(op)) backend.binary(op, a, b, out);
  else composeBinary(backend, op, a, b, out);
}

/** The temporaries of one composition, all of out's shape, and the kernels that write them. */
class Scratch {
  private readonly temps: Tensor[] = [];

  constructor(
    private readonly backend: Backend,
    private readonly shape: readonly number[],
  ) {}

  private temp(dtype: DType): View {
    const t = emptyTensor(this.shape, dtype, this.backend);
    this.temps.push(t);
    return t;
  }

  /** `value` at every position: one element, broadcast with stride 0. */
  constant(value: number, dtype: DType): View {
    const t = emptyTensor([], dtype, this.backend);
    this.temps.push(t);
    this.backend.fill(t, value);
    return viewOf(t, this.shape, this.shape.map(() => 0), 0);
  }

  view(x: Operand, dtype: DType): View {
    return typeof x === 'number' ? this.constant(x, dtype) : x;
  }

  unary(op: UnaryOp, x: View, into?: View): View {
    const out = into ?? this.temp(BOOL_UNARY_OPS.has(op) ? 'bool' : x.dtype);
    runUnary(this.backend, op, x, out);
    return out;
  }

  binary(op: BinaryOp, a: Operand, b: Operand, into?: View): View {
    const out = into ?? this.temp(BOOL_BINARY_OPS.has(op) ? 'bool' : operandDType(a, b));
    runBinary(this.backend, op, a, b, out);
    return out;
  }

  /** cond ? a : b, a scalar branch broadcast from one element. */
  where(cond: View, a: Operand, b: Operand, into?: View): View {
    const dtype = operandDType(a, b);
    const out = into ?? this.temp(dtype);
    this.backend.where(cond, this.view(a, dtype), this.view(b, dtype), out);
    return out;
  }

  cast(x: View, dtype: DType): View {
    const out = this.temp(dtype);
    this.backend.copy(x, out);
    return out;
  }

  copy(x: View, into: View): void {
    this.backend.copy(x, into);
  }

  fill(into: View, value: number): void {
    this.backend.fill(into, value);
  }

  dispose(): void {
    for (const t of this.temps) t.dispose();
  }
}

function operandDType(a: Operand, b: Operand): DType {
  if (typeof a !== 'number') return a.dtype;
  if (typeof b !== 'number') return b.dtype;
  throw new TypeError('a composed elementwise kernel needs at least one tensor operand, but got two scalars');
}

/** -1 in dtype: every bit set (uint8's is 255, as -1 wraps there). */
function minusOne(dtype: DType): number {
  return dtype === 'uint8' ? 255 : -1;
}

/** -v as the kernels of dtype see it: integers wrap. */
function negatedScalar(v: number, dtype: DType): number {
  if (dtype === 'uint8') return -v & 255;
  if (dtype === 'int32') return -v | 0;
  return -v;
}

/** sqrt(1 - x²) as sqrt((1 - x)(1 + x)): accurate near |x| = 1, where 1 - x * x cancels; NaN for |x| > 1. */
function sqrtOneMinusSquare(k: Scratch, x: View): View {
  return k.unary('sqrt', k.binary('mul', k.binary('sub', 1, x), k.binary('add', 1, x)));
}

/** e^x / 2 and e^-x / 2 as (h/2)h and (1/2h)/h with h = e^(x/2): each overflows only where it must. */
function halfExps(k: Scratch, x: View): [View, View] {
  const h = k.unary('exp', k.binary('mul', x, 0.5));
  return [k.binary('mul', k.binary('mul', h, 0.5), h), k.binary('div', k.binary('div', 0.5, h), h)];
}

/** An odd function's value at x from r = its value at |x|: -r where x < 0. */
function oddFrom(k: Scratch, x: View, r: View, into?: View): View {
  return k.where(k.binary('lt', x, 0), k.unary('neg', r), r, into);
}

/** x as a bool truth value (nonzero, NaN included), as the logical ops read their operands. */
function truth(k: Scratch, x: Operand): Operand {
  if (typeof x === 'number') return x !== 0 ? 1 : 0;
  return x.dtype === 'bool' ? x : k.binary('ne', x, 0);
}

/** Where maximum or minimum takes b: where b is the better one, or NaN (which wins from either side). */
function takesB(k: Scratch, better: View, b: View): View {
  return isFloatingPoint(b.dtype) ? k.binary('bitwiseOr', better, k.binary('ne', b, b)) : better;
}

type UnaryComposition = (k: Scratch, x: View, out: View) => void;
type BinaryComposition = (k: Scratch, a: Operand, b: Operand, out: View, dtype: DType) => void;

const UNARY: Record<Exclude<UnaryOp, PrimitiveUnaryOp>, UnaryComposition> = {
  // x * -1 is exact in every dtype, -0 included; uint8's -1 is 255, and both wrap modulo 256.
  neg: (k, x, out) => k.binary('mul', x, minusOne(x.dtype), out),
  // -x where x < 0; elsewhere x + 0, which turns a float -0 into +0 and keeps NaN.
  abs: (k, x, out) => k.where(k.binary('lt', x, 0), k.unary('neg', x), isFloatingPoint(x.dtype) ? k.binary('add', x, 0) : x, out),
  // (0 < x) - (x < 0), as PyTorch computes it: NaN and ±0 give +0; a bool is its own sign.
  sign: (k, x, out) => {
    if (x.dtype === 'bool') return k.copy(x, out);
    k.binary('sub', k.cast(k.binary('lt', 0, x), x.dtype), k.cast(k.binary('lt', x, 0), x.dtype), out);
  },
  exp2: (k, x, out) => k.binary('pow', 2, x, out),
  log2: (k, x, out) => k.binary('div', k.unary('log', x), Math.LN2, out),
  log10: (k, x, out) => k.binary('div', k.unary('log', x), Math.LN10, out),
  // Goldberg's log1p: with u = 1 + x rounded, log(u) * (x / (u - 1)) cancels u's rounding error.
  // u = 1 means x is below half an ulp of 1, where log1p(x) = x (-0 kept); x = inf would be inf/inf.
  log1p: (k, x, out) => {
    const u = k.binary('add', x, 1);
    const r = k.binary('mul', k.unary('log', u), k.binary('div', x, k.binary('sub', u, 1)));
    k.where(k.binary('bitwiseOr', k.binary('eq', u, 1), k.binary('eq', x, Infinity)), x, r, out);
  },
  // Kahan's expm1: with u = e^x rounded, (u - 1) * (x / log(u)) cancels u's rounding error. u = 1
  // means expm1(x) = x (-0 kept); where u - 1 rounds to -1, or u overflows, u - 1 is the answer.
  expm1: (k, x, out) => {
    const u = k.unary('exp', x);
    const um1 = k.binary('sub', u, 1);
    const r = k.binary('mul', um1, k.binary('div', x, k.unary('log', u)));
    const saturated = k.binary('bitwiseOr', k.binary('eq', um1, -1), k.binary('eq', u, Infinity));
    k.where(k.binary('eq', u, 1), x, k.where(saturated, um1, r), out);
  },
  rsqrt: (k, x, out) => k.binary('div', 1, k.unary('sqrt', x), out),
  tan: (k, x, out) => k.binary('div', k.unary('sin', x), k.unary('cos', x), out),
  // The angles of a right triangle with sides x and sqrt(1 - x²), through atan2.
  asin: (k, x, out) => k.binary('atan2', x, sqrtOneMinusSquare(k, x), out),
  acos: (k, x, out) => k.binary('atan2', sqrtOneMinusSquare(k, x), x, out),
  atan: (k, x, out) => k.binary('atan2', x, 1, out),
  // e^x/2 - e^-x/2 cancels below |x| = 1; there, with u = expm1(x), (u + u / (u + 1)) / 2 does not.
  sinh: (k, x, out) => {
    const [up, down] = halfExps(k, x);
    const u = k.unary('expm1', x);
    const small = k.binary('mul', k.binary('add', u, k.binary('div', u, k.binary('add', u, 1))), 0.5);
    k.where(k.binary('lt', k.binary('mul', x, x), 1), small, k.binary('sub', up, down), out);
  },
  cosh: (k, x, out) => {
    const [up, down] = halfExps(k, x);
    k.binary('add', up, down, out);
  },
  // u / (u + 2) with u = expm1(2x) is accurate near 0; beyond x = 20 tanh is 1 even in float64, and u
  // would overflow.
  tanh: (k, x, out) => {
    const u = k.unary('expm1', k.binary('mul', x, 2));
    k.where(k.binary('lt', 20, x), 1, k.binary('div', u, k.binary('add', u, 2)), out);
  },
  // log1p(a + a² / (1 + sqrt(1 + a²))) for a = |x| (no cancellation); beyond 2^28, where a² may
  // overflow, log(a) + ln 2; below 2^-28 asinh(x) = x, -0 included.
  asinh: (k, x, out) => {
    const a = k.unary('abs', x);
    const a2 = k.binary('mul', a, a);
    const mid = k.unary('log1p', k.binary('add', a, k.binary('div', a2, k.binary('add', k.unary('sqrt', k.binary('add', a2, 1)), 1))));
    const r = k.where(k.binary('lt', a, 2 ** 28), mid, k.binary('add', k.unary('log', a), Math.LN2));
    k.where(k.binary('lt', a, 2 ** -28), x, oddFrom(k, x, r), out);
  },
  // log1p(t + sqrt(t) sqrt(t + 2)) with t = x - 1: accurate near 1 and NaN below it (sqrt(t));
  // beyond 2^28 log(x) + ln 2.
  acosh: (k, x, out) => {
    const t = k.binary('sub', x, 1);
    const near = k.unary('log1p', k.binary('add', t, k.binary('mul', k.unary('sqrt', t), k.unary('sqrt', k.binary('add', t, 2)))));
    k.where(k.binary('lt', x, 2 ** 28), near, k.binary('add', k.unary('log', x), Math.LN2), out);
  },
  // log1p(2m / (1 - m)) / 2 for m = |x|, with -0 kept as m (so atanh(-0) = -0); 1 - m is exact
  // near 1, where atanh grows, which 1 + x would not be for x near -1.
  atanh: (k, x, out) => {
    const m = k.where(k.binary('lt', x, 0), k.unary('neg', x), x);
    const r = k.binary('mul', k.unary('log1p', k.binary('div', k.binary('mul', m, 2), k.binary('sub', 1, m))), 0.5);
    oddFrom(k, x, r, out);
  },
  sigmoid: (k, x, out) => k.binary('div', 1, k.binary('add', k.unary('exp', k.unary('neg', x)), 1), out),
  // x < 0 ? 0 : x, so NaN passes through.
  relu: (k, x, out) => k.where(k.binary('lt', x, 0), 0, x, out),
  // trunc rounds toward zero: one step down where that went up, one up where it went down.
  floor: (k, x, out) => {
    const t = k.unary('trunc', x);
    k.where(k.binary('lt', x, t), k.binary('sub', t, 1), t, out);
  },
  ceil: (k, x, out) => {
    const t = k.unary('trunc', x);
    k.where(k.binary('lt', t, x), k.binary('add', t, 1), t, out);
  },
  // Half to even: trunc(x), one step away from zero where the dropped fraction |x - trunc(x)| (exact)
  // is above a half, or is a half and trunc(x) is odd.
  round: (k, x, out) => {
    const t = k.unary('trunc', x);
    const f = k.unary('abs', k.binary('sub', x, t));
    const odd = k.binary('ne', k.binary('fmod', t, 2), 0);
    const away = k.binary('bitwiseOr', k.binary('lt', 0.5, f), k.binary('bitwiseAnd', k.binary('eq', f, 0.5), odd));
    const step = k.where(k.binary('lt', x, 0), k.binary('sub', t, 1), k.binary('add', t, 1));
    k.where(away, step, t, out);
  },
  frac: (k, x, out) => k.binary('sub', x, k.unary('trunc', x), out),
  reciprocal: (k, x, out) => k.binary('div', 1, x, out),
  square: (k, x, out) => k.binary('mul', x, x, out),
  logicalNot: (k, x, out) => k.binary('eq', x, 0, out),
  // Only floats hold NaN and infinities. x - x is 0 exactly where x is finite.
  isnan: (k, x, out) => (isFloatingPoint(x.dtype) ? k.binary('ne', x, x, out) : k.fill(out, 0)),
  isinf: (k, x, out) => (isFloatingPoint(x.dtype) ? k.binary('eq', k.unary('abs', x), Infinity, out) : k.fill(out, 0)),
  isfinite: (k, x, out) => (isFloatingPoint(x.dtype) ? k.binary('eq', k.binary('sub', x, x), 0, out) : k.fill(out, 1)),
  // ~x is x ^ -1 (every bit set); a bool's is its logical not.
  bitwiseNot: (k, x, out) => (x.dtype === 'bool' ? k.binary('eq', x, 0, out) : k.binary('bitwiseXor', x, minusOne(x.dtype), out)),
};

const BINARY: Record<Exclude<BinaryOp, PrimitiveBinaryOp>, BinaryComposition> = {
  // a + (-b) is a - b exactly, signed zeros included; integers wrap alike.
  sub: (k, a, b, out, dtype) => k.binary('add', a, typeof b === 'number' ? negatedScalar(b, dtype) : k.unary('neg', b), out),
  // b where a < b or b is NaN, else a: NaN wins from either side, as in PyTorch.
  maximum: (k, a, b, out, dtype) => {
    const bv = k.view(b, dtype);
    k.where(takesB(k, k.binary('lt', a, bv), bv), bv, a, out);
  },
  minimum: (k, a, b, out, dtype) => {
    const bv = k.view(b, dtype);
    k.where(takesB(k, k.binary('lt', bv, a), bv), bv, a, out);
  },
  // Python's modulo from C's, as PyTorch defines it: r = fmod(a, b), plus b where r is nonzero and
  // its sign differs from b's. Exact for integers, the same roundings as PyTorch's for floats.
  remainder: (k, a, b, out, dtype) => {
    const bv = k.view(b, dtype);
    const r = k.binary('fmod', a, bv);
    const fix = k.binary('bitwiseAnd', k.binary('ne', r, 0), k.binary('bitwiseXor', k.binary('lt', r, 0), k.binary('lt', bv, 0)));
    k.where(fix, k.binary('add', r, bv), r, out);
  },
  // Each comparison from == and <: NaN compares false with both, so a != b is not (a == b) and
  // a <= b is (a < b) or (a == b), never not (a > b).
  ne: (k, a, b, out) => k.binary('eq', k.binary('eq', a, b), 0, out),
  le: (k, a, b, out) => k.binary('bitwiseOr', k.binary('lt', a, b), k.binary('eq', a, b), out),
  gt: (k, a, b, out) => k.binary('lt', b, a, out),
  ge: (k, a, b, out) => k.binary('le', b, a, out),
  logicalAnd: (k, a, b, out) => k.binary('bitwiseAnd', truth(k, a), truth(k, b), out),
  logicalOr: (k, a, b, out) => k.binary('bitwiseOr', truth(k, a), truth(k, b), out),
  logicalXor: (k, a, b, out) => k.binary('bitwiseXor', truth(k, a), truth(k, b), out),
};

function primitiveMissing(backend: Backend, kind: string, op: string): Error {
  return new Error(`backend '${backend.name}' declares no '${op}' ${kind} kernel, but every backend must implement it (${kind === 'unary' ? 'PRIMITIVE_UNARY_OPS' : 'PRIMITIVE_BINARY_OPS'} in @x/tensor)`);
}

function composeUnary(backend: Backend, op: UnaryOp, x: View, out: View): void {
  const composition = (UNARY as Partial<Record<UnaryOp, UnaryComposition>>)[op];
  if (!composition) throw primitiveMissing(backend, 'unary', op);
  if (numelOf(out.shape) === 0) return;
  const k = new Scratch(backend, out.shape);
  try {
    composition(k, x, out);
  } finally {
    k.dispose();
  }
}

function composeBinary(backend: Backend, op: BinaryOp, a: Operand, b: Operand, out: View): void {
  const composition = (BINARY as Partial<Record<BinaryOp, BinaryComposition>>)[op];
  if (!composition) throw primitiveMissing(backend, 'binary', op);
  if (numelOf(out.shape) === 0) return;
  const k = new Scratch(backend, out.shape);
  try {
    composition(k, a, b, out, operandDType(a, b));
  } finally {
    k.dispose();
  }
}
