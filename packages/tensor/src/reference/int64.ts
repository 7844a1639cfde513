/**
 * Exact int64 kernels for the reference backend: BigInt arithmetic wrapping at 64 bits, as PyTorch's
 * int64 does. (The float64 path of backend.ts would round values beyond 2^53.)
 */
import type { BinaryOp, ReduceOp, ScanOp, UnaryOp } from '../backend';
import { numelOf } from '../shape';
import { bufferOf, offsetsOf, store, type HostView } from './strided';

const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

/** int64 values of a view (or a broadcast scalar) in logical order. */
export function loadBig(x: HostView | number, n: number): BigInt64Array {
  if (typeof x === 'number') return new BigInt64Array(n).fill(BigInt(Math.trunc(x)));
  const offs = offsetsOf(x);
  const buf = bufferOf(x) as BigInt64Array;
  const out = new BigInt64Array(offs.length);
  for (let i = 0; i < offs.length; i++) out[i] = buf[offs[i]!]!;
  return out;
}

function storeBig(out: HostView, values: BigInt64Array): void {
  const offs = offsetsOf(out);
  const buf = bufferOf(out) as BigInt64Array;
  for (let i = 0; i < offs.length; i++) buf[offs[i]!] = values[i]!;
}

/** Writes results: bigints into an int64 out, numbers (0/1, floats) into any other dtype. */
function emit(out: HostView, values: (bigint | number)[]): void {
  if (out.dtype === 'int64') storeBig(out, BigInt64Array.from(values, (v) => (typeof v === 'bigint' ? v : BigInt(v))));
  else store(out, values.map(Number));
}

const UNARY: Partial<Record<UnaryOp, (x: bigint) => bigint | number>> = {
  neg: (x) => wrap(-x),
  abs: (x) => wrap(x < 0n ? -x : x),
  sign: (x) => (x > 0n ? 1n : x < 0n ? -1n : 0n),
  relu: (x) => (x > 0n ? x : 0n),
  square: (x) => wrap(x * x),
  bitwiseNot: (x) => ~x,
  logicalNot: (x) => (x === 0n ? 1 : 0),
  isnan: () => 0,
  isinf: () => 0,
  isfinite: () => 1,
};

export function hasExactUnary(op: UnaryOp): boolean {
  return op in UNARY;
}

export function unary(op: UnaryOp, x: HostView, out: HostView): void {
  const f = UNARY[op]!;
  emit(out, Array.from(loadBig(x, 0), f));
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function pow(a: bigint, b: bigint): bigint {
  if (b < 0n) return a === 1n ? 1n : a === -1n ? (b % 2n === 0n ? 1n : -1n) : 0n;
  let r = 1n;
  let base = a;
  let e = b;
  while (e > 0n) {
    if (e & 1n) r = wrap(r * base);
    base = wrap(base * base);
    e >>= 1n;
  }
  return r;
}

const BINARY: Record<BinaryOp, (a: bigint, b: bigint) => bigint | number> = {
  add: (a, b) => wrap(a + b),
  sub: (a, b) => wrap(a - b),
  mul: (a, b) => wrap(a * b),
  div: (a, b) => Number(a) / Number(b),
  pow,
  maximum: (a, b) => (a > b ? a : b),
  minimum: (a, b) => (a < b ? a : b),
  fmod: (a, b) => (b === 0n ? 0n : a % b),
  remainder: (a, b) => {
    if (b === 0n) return 0n;
    const r = a % b;
    return r !== 0n && (r < 0n) !== (b < 0n) ? r + b : r;
  },
  floorDivide: (a, b) => (b === 0n ? 0n : wrap(floorDiv(a, b))),
  atan2: (a, b) => Math.atan2(Number(a), Number(b)),
  eq: (a, b) => (a === b ? 1 : 0),
  ne: (a, b) => (a !== b ? 1 : 0),
  lt: (a, b) => (a < b ? 1 : 0),
  le: (a, b) => (a <= b ? 1 : 0),
  gt: (a, b) => (a > b ? 1 : 0),
  ge: (a, b) => (a >= b ? 1 : 0),
  logicalAnd: (a, b) => (a !== 0n && b !== 0n ? 1 : 0),
  logicalOr: (a, b) => (a !== 0n || b !== 0n ? 1 : 0),
  logicalXor: (a, b) => ((a !== 0n) !== (b !== 0n) ? 1 : 0),
  bitwiseAnd: (a, b) => a & b,
  bitwiseOr: (a, b) => a | b,
  bitwiseXor: (a, b) => a ^ b,
};

export function binary(op: BinaryOp, a: HostView | number, b: HostView | number, out: HostView): void {
  const n = numelOf(out.shape);
  const as = loadBig(a, n);
  const bs = loadBig(b, n);
  const f = BINARY[op];
  const ys = new Array<bigint | number>(n);
  for (let i = 0; i < n; i++) ys[i] = f(as[i]!, bs[i]!);
  emit(out, ys);
}

export function reduce(op: ReduceOp, x: HostView, out: HostView): void {
  const outer = numelOf(out.shape);
  const xs = loadBig(x, 0);
  const inner = outer === 0 ? 0 : xs.length / outer;
  const ys = new Array<bigint | number>(outer);
  for (let o = 0; o < outer; o++) {
    const base = o * inner;
    let acc: bigint | number;
    switch (op) {
      case 'sum':
        acc = 0n;
        for (let i = 0; i < inner; i++) acc = wrap(acc + xs[base + i]!);
        break;
      case 'prod':
        acc = 1n;
        for (let i = 0; i < inner; i++) acc = wrap(acc * xs[base + i]!);
        break;
      case 'max':
      case 'min': {
        let best = xs[base]!;
        for (let i = 1; i < inner; i++) {
          const v = xs[base + i]!;
          if (op === 'max' ? v > best : v < best) best = v;
        }
        acc = best;
        break;
      }
      case 'argmax':
      case 'argmin': {
        let best = xs[base]!;
        let at = 0;
        for (let i = 1; i < inner; i++) {
          const v = xs[base + i]!;
          if (op === 'argmax' ? v > best : v < best) {
            best = v;
            at = i;
          }
        }
        acc = BigInt(at);
        break;
      }
      case 'all':
        acc = 1;
        for (let i = 0; i < inner; i++) if (xs[base + i] === 0n) { acc = 0; break; }
        break;
      case 'any':
        acc = 0;
        for (let i = 0; i < inner; i++) if (xs[base + i] !== 0n) { acc = 1; break; }
        break;
    }
    ys[o] = acc;
  }
  emit(out, ys);
}

export function scan(op: ScanOp, x: HostView, out: HostView, dim: number): void {
  const xs = loadBig(x, 0);
  const len = x.shape[dim] ?? 1;
  const inner = numelOf(x.shape.slice(dim + 1));
  const outer = xs.length / Math.max(len * inner, 1);
  const ys = new BigInt64Array(xs.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let acc = op === 'cumsum' ? 0n : 1n;
      for (let k = 0; k < len; k++) {
        const p = (o * len + k) * inner + i;
        acc = wrap(op === 'cumsum' ? acc + xs[p]! : acc * xs[p]!);
        ys[p] = acc;
      }
    }
  }
  storeBig(out, ys);
}

export function matmul(a: HostView, b: HostView, out: HostView): void {
  const [B, M, K] = a.shape as [number, number, number];
  const N = b.shape[2]!;
  const as = loadBig(a, 0);
  const bs = loadBig(b, 0);
  const ys = new BigInt64Array(B * M * N);
  for (let bt = 0; bt < B; bt++) {
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < N; j++) {
        let acc = 0n;
        for (let k = 0; k < K; k++) acc = wrap(acc + as[(bt * M + i) * K + k]! * bs[(bt * K + k) * N + j]!);
        ys[(bt * M + i) * N + j] = acc;
      }
    }
  }
  storeBig(out, ys);
}
