// Elementwise kernels (unary, binary, where, copy, fill) of the wasm backend against the reference
// backend: every op on every dtype the op layer sends, on contiguous, strided, permuted, broadcast
// and in-place layouts, with odd sizes (SIMD tails) and special values.
import { describe, it } from 'vitest';
import { BINARY_OPS, BOOL_BINARY_OPS, BOOL_UNARY_OPS, UNARY_OPS } from '@x/tensor';
import type { BinaryOp, DType, UnaryOp, View } from '@x/tensor';
import {
  ALL_DTYPES, both, COMPUTE_DTYPES, defaultGen, EXACT, expectSame, layout, Pair, rng, type Gen, type LayoutKind, type Tol,
} from './helpers';

const FLOAT_ONLY_UNARY = new Set<UnaryOp>([
  'exp', 'exp2', 'log', 'log2', 'log10', 'log1p', 'expm1', 'sqrt', 'rsqrt', 'sin', 'cos', 'tan', 'asin', 'acos',
  'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'sigmoid', 'reciprocal', 'erf', 'erfc',
  'floor', 'ceil', 'round', 'trunc', 'frac',
]);
const EXACT_UNARY = new Set<UnaryOp>([
  'neg', 'abs', 'sign', 'sqrt', 'rsqrt', 'relu', 'floor', 'ceil', 'round', 'trunc', 'frac', 'reciprocal', 'square',
  'logicalNot', 'isnan', 'isinf', 'isfinite', 'bitwiseNot',
]);

/** Which (op, dtype) pairs reach the unary kernel (see ops/elementwise.ts). */
function unaryApplies(op: UnaryOp, dt: DType): boolean {
  const float = dt === 'float32' || dt === 'float64';
  if (FLOAT_ONLY_UNARY.has(op)) return float;
  if (op === 'bitwiseNot') return !float;
  if (dt === 'bool' && ['neg', 'abs', 'sign', 'relu', 'square'].includes(op)) return false;
  return true;
}

/** Values in the op's interesting range, with some specials. */
function unaryGen(op: UnaryOp, dt: DType): Gen {
  if (dt !== 'float32' && dt !== 'float64') return defaultGen(dt);
  const range: Partial<Record<UnaryOp, [number, number]>> = {
    log: [0, 100], log2: [0, 100], log10: [0, 1000], sqrt: [0, 100], rsqrt: [0, 100], log1p: [-1, 10],
    asin: [-1, 1], acos: [-1, 1], atanh: [-1, 1], acosh: [1, 50], exp: [-100, 100], expm1: [-40, 40], exp2: [-140, 140],
    sinh: [-50, 50], cosh: [-50, 50], tanh: [-12, 12], sigmoid: [-110, 40], sin: [-200, 200], cos: [-200, 200],
    tan: [-10, 10], erf: [-6, 6], erfc: [-3, 12], round: [-8, 8], atan: [-30, 30], asinh: [-1e4, 1e4],
  };
  const [lo, hi] = range[op] ?? [-10, 10];
  const specials = [0, -0, Infinity, -Infinity, NaN, 1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, 1e-30, -1e-30, 1e-8, 3e-39];
  return (r) => {
    const u = r();
    if (u < 0.08) return specials[Math.floor(r() * specials.length)]!;
    if (u < 0.16) return (r() - 0.5) * 1e-3; // near zero (cancellation-prone)
    return lo + (hi - lo) * r();
  };
}

function unaryTol(op: UnaryOp, dt: DType): Tol {
  if (EXACT_UNARY.has(op) || dt !== 'float32' && dt !== 'float64') return EXACT;
  return dt === 'float32' ? { rtol: 1e-6, atol: 1e-44 } : { rtol: 1e-12, atol: 1e-300 };
}

const SHAPES: number[][] = [[37], [3, 5, 7], [], [2, 0, 3], [2, 1, 67]];
const LAYOUTS: [LayoutKind, LayoutKind][] = [
  ['contiguous', 'contiguous'], ['strided', 'contiguous'], ['permuted', 'strided'], ['broadcast', 'contiguous'],
  ['contiguous', 'permuted'],
];

describe('unary', () => {
  for (const op of UNARY_OPS) {
    for (const dt of COMPUTE_DTYPES) {
      if (!unaryApplies(op, dt)) continue;
      it(`${op} ${dt}`, () => {
        const r = rng(op.length * 131 + dt.length);
        const outDt: DType = BOOL_UNARY_OPS.has(op) ? 'bool' : dt;
        const tol = unaryTol(op, dt);
        for (const shape of SHAPES) {
          for (const [lx, lo] of LAYOUTS) {
            const x = Pair.random(dt, layout(shape, lx), r, unaryGen(op, dt));
            const out = Pair.random(outDt, layout(shape, lo), r);
            both((b, s) => b.unary(op, x[s], out[s]));
            expectSame(out, tol, `${op} ${dt} ${JSON.stringify(shape)} ${lx}->${lo}`);
            expectSame(x, EXACT, 'input unchanged');
            x.free();
            out.free();
          }
          // in place (x is out)
          if (outDt === dt) {
            const x = Pair.random(dt, layout(shape, 'strided'), r, unaryGen(op, dt));
            both((b, s) => b.unary(op, x[s], x[s]));
            expectSame(x, tol, `${op} ${dt} in place`);
            x.free();
          }
        }
        // a long contiguous run (parallel parts, SIMD body)
        const n = 70001;
        const x = Pair.random(dt, layout([n], 'contiguous'), r, unaryGen(op, dt));
        const out = Pair.random(outDt, layout([n], 'contiguous'), r);
        both((b, s) => b.unary(op, x[s], out[s]));
        expectSame(out, tol, `${op} ${dt} n=${n}`);
        x.free();
        out.free();
      });
    }
  }
});

const FLOAT_ONLY_BINARY = new Set<BinaryOp>(['div', 'atan2']);
const DIVISION = new Set<BinaryOp>(['fmod', 'remainder', 'floorDivide']);

function binaryApplies(op: BinaryOp, dt: DType): boolean {
  const float = dt === 'float32' || dt === 'float64';
  if (FLOAT_ONLY_BINARY.has(op)) return float;
  if (op.startsWith('bitwise')) return !float;
  if (dt === 'bool' && (op === 'sub' || op === 'pow' || DIVISION.has(op))) return false;
  return true;
}

function binaryGens(op: BinaryOp, dt: DType): [Gen, Gen] {
  const float = dt === 'float32' || dt === 'float64';
  const base = defaultGen(dt);
  if (op === 'pow') {
    if (!float) {
      return [
        dt === 'uint8' ? (r) => Math.floor(r() * 256) : (r) => Math.floor((r() - 0.5) * 20),
        (r) => Math.floor(r() * 7),
      ];
    }
    const exps = [0, 1, 2, 3, -1, -2, 0.5, -0.5, 1.5, 10, 0.3, NaN, Infinity, -Infinity, 31, -7];
    return [
      (r) => (r() < 0.3 ? Math.round((r() - 0.5) * 10) : r() < 0.1 ? [0, -0, 1, -1, Infinity, -Infinity, NaN][Math.floor(r() * 7)]! : (r() - 0.3) * 8),
      (r) => (r() < 0.6 ? exps[Math.floor(r() * exps.length)]! : (r() - 0.5) * 12),
    ];
  }
  if (DIVISION.has(op) && !float) {
    const nz: Gen = dt === 'uint8' ? (r) => 1 + Math.floor(r() * 255) : (r) => {
      const v = Math.floor((r() - 0.5) * 30);
      return v === 0 ? 7 : v;
    };
    return [dt === 'uint8' ? base : (r) => Math.floor((r() - 0.5) * 400), nz];
  }
  if (float && (op === 'eq' || op === 'ne' || op === 'le' || op === 'ge' || op === 'maximum' || op === 'minimum')) {
    // many ties
    return [(r) => (r() < 0.05 ? NaN : Math.round((r() - 0.5) * 6)), (r) => (r() < 0.05 ? NaN : Math.round((r() - 0.5) * 6))];
  }
  if (dt === 'int64' && (op === 'add' || op === 'sub' || op === 'mul' || op === 'maximum' || op === 'lt' || op === 'eq')) {
    // beyond 2^53 and wrapping at 2^64 (the reference is exact in BigInt)
    const big: Gen = (r) => (r() < 0.5 ? Math.floor((r() - 0.5) * 2 ** 64) : Math.floor((r() - 0.5) * 2 ** 20));
    return [big, big];
  }
  if (!float && (op === 'add' || op === 'sub') && dt === 'int32') {
    // wrap around
    return [(r) => Math.floor((r() - 0.5) * 4294967295), (r) => Math.floor((r() - 0.5) * 4294967295)];
  }
  return [base, base];
}

function binaryTol(op: BinaryOp, dt: DType): Tol {
  if (dt === 'float32' && (op === 'pow' || op === 'atan2')) return { rtol: 1e-6, atol: 1e-44 };
  if (dt === 'float64' && (op === 'pow' || op === 'atan2')) return { rtol: 1e-12, atol: 1e-300 };
  if (op === 'maximum' || op === 'minimum') return { rtol: 0, atol: 0, zeroSign: false };
  return EXACT;
}

function scalarOf(dt: DType, v: number): number {
  if (dt === 'float32') return Math.fround(v);
  if (dt === 'bool') return v ? 1 : 0;
  return v;
}

const BIN_LAYOUTS: [LayoutKind | 'scalar', LayoutKind | 'scalar', LayoutKind][] = [
  ['contiguous', 'contiguous', 'contiguous'],
  ['contiguous', 'broadcast', 'contiguous'],
  ['broadcast', 'contiguous', 'strided'],
  ['strided', 'permuted', 'contiguous'],
  ['contiguous', 'scalar', 'contiguous'],
  ['scalar', 'contiguous', 'contiguous'],
  ['permuted', 'scalar', 'permuted'],
];

describe('binary', () => {
  for (const op of BINARY_OPS) {
    for (const dt of COMPUTE_DTYPES) {
      if (!binaryApplies(op, dt)) continue;
      it(`${op} ${dt}`, () => {
        const r = rng(op.length * 977 + dt.length * 13);
        const [ga, gb] = binaryGens(op, dt);
        const outDt: DType = BOOL_BINARY_OPS.has(op) ? 'bool' : dt;
        const tol = binaryTol(op, dt);
        const run = (shape: number[], la: LayoutKind | 'scalar', lb: LayoutKind | 'scalar', lo: LayoutKind) => {
          const a = la === 'scalar' ? scalarOf(dt, ga(r, 0)) : Pair.random(dt, layout(shape, la), r, ga);
          const bb = lb === 'scalar' ? scalarOf(dt, gb(r, 0)) : Pair.random(dt, layout(shape, lb), r, gb);
          const out = Pair.random(outDt, layout(shape, lo), r);
          const pick = (v: Pair | number, s: 'r' | 'w'): View | number => (typeof v === 'number' ? v : v[s]);
          both((b, s) => b.binary(op, pick(a, s), pick(bb, s), out[s]));
          expectSame(out, tol, `${op} ${dt} ${JSON.stringify(shape)} ${la},${lb}->${lo}`);
          for (const v of [a, bb]) if (typeof v !== 'number') v.free();
          out.free();
        };
        for (const shape of SHAPES) for (const [la, lb, lo] of BIN_LAYOUTS) run(shape, la, lb, lo);
        run([50001], 'contiguous', 'contiguous', 'contiguous');
        run([257, 129], 'contiguous', 'scalar', 'contiguous');
        // in place: out is a
        if (outDt === dt) {
          const a = Pair.random(dt, layout([4, 9], 'strided'), r, ga);
          const bb = Pair.random(dt, layout([4, 9], 'broadcast'), r, gb);
          both((b, s) => b.binary(op, a[s], bb[s], a[s]));
          expectSame(a, tol, `${op} ${dt} in place`);
          a.free();
          bb.free();
        }
      });
    }
  }
});

describe('where', () => {
  for (const dt of ALL_DTYPES) {
    it(dt, () => {
      const r = rng(dt.length);
      for (const shape of SHAPES) {
        for (const [lc, la, lb, lo] of [
          ['contiguous', 'contiguous', 'contiguous', 'contiguous'],
          ['broadcast', 'strided', 'permuted', 'contiguous'],
          ['permuted', 'broadcast', 'contiguous', 'strided'],
        ] as LayoutKind[][]) {
          const c = Pair.random('bool', layout(shape, lc!), r);
          const a = Pair.random(dt, layout(shape, la!), r);
          const b2 = Pair.random(dt, layout(shape, lb!), r);
          const out = Pair.random(dt, layout(shape, lo!), r);
          both((b, s) => b.where(c[s], a[s], b2[s], out[s]));
          expectSame(out, EXACT, `where ${dt} ${JSON.stringify(shape)} ${lc} ${la} ${lb} ${lo}`);
          for (const p of [c, a, b2, out]) p.free();
        }
      }
    });
  }
});

/** Values that exercise every cast rule: fractions, negatives, out-of-range, specials. */
function castGen(dt: DType): Gen {
  if (dt === 'float32' || dt === 'float64') {
    const specials = [0, -0, NaN, Infinity, -Infinity, 0.5, -0.5, 1.5, -1.9, 255.9, 256, -1, 2147483647.5, 2147483648,
      -2147483649, 4294967296 + 5, 1e20, -1e20, 2 ** 63, -(2 ** 63), 2 ** 64 + 4096, 65504, 65520, 1e-8, 3.4e38, 1e39, 6e-8];
    return (r) => (r() < 0.4 ? specials[Math.floor(r() * specials.length)]! : (r() - 0.5) * 600);
  }
  if (dt === 'int32') return (r) => (r() < 0.2 ? [-2147483648, 2147483647, 16777217, -16777217, 255, 256, -1][Math.floor(r() * 7)]! : Math.floor((r() - 0.5) * 1000));
  if (dt === 'int64') return (r) => (r() < 0.2 ? [2 ** 53, -(2 ** 53), 2 ** 40 + 7, 4294967297, -4294967297, 16777217][Math.floor(r() * 6)]! : Math.floor((r() - 0.5) * 1000));
  return defaultGen(dt);
}

describe('copy (strided, every dtype pair)', () => {
  for (const src of ALL_DTYPES) {
    for (const dst of ALL_DTYPES) {
      it(`${src} -> ${dst}`, () => {
        const r = rng(src.length * 31 + dst.length);
        for (const shape of [[301], [3, 5, 7], [], [2, 0]]) {
          for (const [ls, ld] of [
            ['contiguous', 'contiguous'], ['strided', 'contiguous'], ['permuted', 'strided'], ['broadcast', 'permuted'],
          ] as LayoutKind[][]) {
            const s = Pair.random(src, layout(shape, ls!), r, castGen(src));
            const d = Pair.random(dst, layout(shape, ld!), r);
            both((b, side) => b.copy(s[side], d[side]));
            expectSame(d, EXACT, `copy ${src}->${dst} ${JSON.stringify(shape)} ${ls}->${ld}`);
            s.free();
            d.free();
          }
        }
      });
    }
  }
});

describe('copy of transposed views (tiled path)', () => {
  for (const dt of ALL_DTYPES) {
    it(dt, () => {
      const r = rng(dt.length * 3);
      for (const [shape, strides, size] of [
        [[19, 21], [1, 19], 19 * 21],
        [[64, 48], [1, 64], 64 * 48],
        [[3, 19, 21], [19 * 21, 1, 19], 3 * 19 * 21],
        [[2, 16, 40], [1, 80, 2], 2 * 16 * 40], // batch dim interleaved
        [[9, 33], [2, 18], 18 * 33], // src stride 2 along rows: not the tiled path
      ] as [number[], number[], number][]) {
        const s = Pair.random(dt, { shape, strides, offset: 0, size }, r, castGen(dt));
        for (const lk of ['contiguous', 'strided'] as LayoutKind[]) {
          const d = Pair.random(dt, layout(shape, lk), r);
          both((b, side) => b.copy(s[side], d[side]));
          expectSame(d, EXACT, `transpose copy ${dt} ${JSON.stringify(shape)} ${JSON.stringify(strides)} -> ${lk}`);
          d.free();
        }
        s.free();
      }
    });
  }
});

describe('fill', () => {
  for (const dt of ALL_DTYPES) {
    it(dt, () => {
      const r = rng(dt.length + 7);
      const values = [0, -0, 1, -1, 0.5, -2.5, 300, -300, NaN, Infinity, -Infinity, 1e20, 2 ** 31, 65519, 1e-9];
      for (const v of values) {
        for (const lk of ['contiguous', 'strided', 'permuted'] as LayoutKind[]) {
          const d = Pair.random(dt, layout([3, 17], lk), r);
          both((b, s) => b.fill(d[s], v));
          expectSame(d, EXACT, `fill ${dt} ${v} ${lk}`);
          d.free();
        }
      }
    });
  }
});
