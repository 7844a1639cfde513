/** Scalar definitions of the elementwise ops (the semantics every backend's kernels must match). */
import type { BinaryOp, UnaryOp } from '../backend';

/** erf to about 1e-15: Taylor series near zero, Lentz's continued fraction for erfc in the tails. */
export function erf(x: number): number {
  if (x !== x) return NaN;
  const ax = Math.abs(x);
  if (ax < 2.5) {
    // erf(x) = 2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1))
    let term = ax;
    let sum = ax;
    const x2 = ax * ax;
    for (let n = 1; n < 100; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    const r = (2 / Math.sqrt(Math.PI)) * sum;
    return x < 0 ? -r : r;
  }
  const r = 1 - erfcLarge(ax);
  return x < 0 ? -r : r;
}

export function erfc(x: number): number {
  if (x !== x) return NaN;
  if (x < 0.5) return 1 - erf(x);
  if (x < 2.5) return 1 - erf(x);
  return erfcLarge(x);
}

// erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))) for x >= 2.5
function erfcLarge(x: number): number {
  if (x > 27) return 0;
  let f = x;
  let c = x;
  let d = 0;
  const tiny = 1e-300;
  for (let i = 1; i < 300; i++) {
    const a = i / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** Round half to even (C's nearbyint under the default rounding mode), as torch.round. */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  if (Math.abs(x - Math.trunc(x)) === 0.5) return 2 * Math.round(x / 2);
  return r === 0 && x < 0 ? -0 : r;
}

export const UNARY: Record<UnaryOp, (x: number) => number> = {
  neg: (x) => -x,
  abs: Math.abs,
  // PyTorch computes (0 < x) - (x < 0): NaN and -0 give 0.
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  exp: Math.exp,
  exp2: (x) => 2 ** x,
  log: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  log1p: Math.log1p,
  expm1: Math.expm1,
  sqrt: Math.sqrt,
  rsqrt: (x) => 1 / Math.sqrt(x),
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  relu: (x) => (x > 0 ? x : x !== x ? x : 0),
  floor: Math.floor,
  ceil: Math.ceil,
  round: roundHalfEven,
  trunc: Math.trunc,
  frac: (x) => x - Math.trunc(x),
  reciprocal: (x) => 1 / x,
  square: (x) => x * x,
  erf,
  erfc,
  logicalNot: (x) => (x === 0 ? 1 : 0),
  isnan: (x) => (x !== x ? 1 : 0),
  isinf: (x) => (x === Infinity || x === -Infinity ? 1 : 0),
  isfinite: (x) => (Number.isFinite(x) ? 1 : 0),
  bitwiseNot: (x) => ~x,
};

/** Python-style modulo for floats: the result has the divisor's sign (torch.remainder). */
export function remainder(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

/** ATen's div_floor_floating: floor(a / b) computed to match Python's a // b. */
export function floorDivide(a: number, b: number): number {
  if (b === 0) return a / b;
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  if (div === 0) return 0 * (a / b);
  let fl = Math.floor(div);
  if (div - fl > 0.5) fl += 1;
  return fl;
}

export const BINARY: Record<BinaryOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: (a, b) => (a === 1 || b === 0 ? 1 : a ** b),
  maximum: (a, b) => (a !== a || b !== b ? NaN : Math.max(a, b)),
  minimum: (a, b) => (a !== a || b !== b ? NaN : Math.min(a, b)),
  fmod: (a, b) => a % b,
  remainder,
  floorDivide,
  atan2: Math.atan2,
  eq: (a, b) => (a === b ? 1 : 0),
  ne: (a, b) => (a !== b ? 1 : 0),
  lt: (a, b) => (a < b ? 1 : 0),
  le: (a, b) => (a <= b ? 1 : 0),
  gt: (a, b) => (a > b ? 1 : 0),
  ge: (a, b) => (a >= b ? 1 : 0),
  logicalAnd: (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  logicalOr: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
  logicalXor: (a, b) => ((a !== 0) !== (b !== 0) ? 1 : 0),
  bitwiseAnd: (a, b) => a & b,
  bitwiseOr: (a, b) => a | b,
  bitwiseXor: (a, b) => a ^ b,
};

/** Integer semantics where they differ from float ones (C's truncating division and modulo). */
export const INTEGER_BINARY: Partial<Record<BinaryOp, (a: number, b: number) => number>> = {
  floorDivide: (a, b) => Math.floor(a / b),
  remainder: (a, b) => {
    const r = a % b;
    return r !== 0 && r < 0 !== b < 0 ? r + b : r;
  },
  fmod: (a, b) => a % b,
  maximum: (a, b) => Math.max(a, b),
  minimum: (a, b) => Math.min(a, b),
};
