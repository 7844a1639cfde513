// Reductions, scans, matmul, gather/scatter, sort, random fills and softmax of the wasm backend
// against the reference backend, on every compute dtype and on strided / permuted layouts.
import { describe, expect, it } from 'vitest';
import { philoxValue, REDUCE_OPS } from '@x/tensor';
import { Storage } from '@x/tensor';
import type { Backend, DType, RandomArgs, RandomKind, ReduceOp, View } from '@x/tensor';
import { createWasmBackendSync } from '../src/index';
import {
  ALL_DTYPES, both, COMPUTE_DTYPES, defaultGen, EXACT, expectSame, layout, numel, Pair, ref, rng, wasm,
  type Gen, type LayoutKind, type Tol,
} from './helpers';

/** Views of x with the given dims moved last (what the op layer hands reduce). */
function moveLast(v: View, dims: number[]): View {
  const kept = v.shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const order = [...kept, ...dims];
  return { ...v, shape: order.map((d) => v.shape[d]!), strides: order.map((d) => v.strides[d]!) };
}

function reduceApplies(op: ReduceOp, dt: DType): boolean {
  if (op === 'sum' || op === 'prod') return dt !== 'uint8' && dt !== 'bool' && dt !== 'float16' && dt !== 'bfloat16';
  return true;
}

function reduceGen(op: ReduceOp, dt: DType): Gen {
  if (op === 'prod') {
    if (dt === 'float32' || dt === 'float64') return (r) => (r() < 0.02 ? [0, NaN, Infinity, -1][Math.floor(r() * 4)]! : 0.8 + 0.4 * r());
    return (r) => (r() < 0.7 ? 1 : r() < 0.5 ? -1 : 2);
  }
  if ((op === 'all' || op === 'any') && dt !== 'bool') {
    return (r) => (r() < 0.9 ? (dt === 'float16' || dt === 'bfloat16' ? 0x3c00 : 1) : 0);
  }
  if (dt === 'float32' || dt === 'float64') {
    // rare NaNs, many ties
    return (r) => (r() < 0.004 ? NaN : r() < 0.3 ? Math.round((r() - 0.5) * 8) : (r() - 0.5) * 100);
  }
  return defaultGen(dt);
}

function reduceTol(op: ReduceOp, dt: DType): Tol {
  if (op === 'sum' || op === 'prod') {
    if (dt === 'float32') return { rtol: 1e-6, atol: 1e-4 };
    if (dt === 'float64') return { rtol: 1e-12, atol: 1e-9 };
  }
  if (op === 'max' || op === 'min') return { rtol: 0, atol: 0, zeroSign: false };
  return EXACT;
}

const REDUCE_CASES: { shape: number[]; dims: number[]; lk: LayoutKind }[] = [
  { shape: [4, 5, 6], dims: [2], lk: 'contiguous' },
  { shape: [4, 5, 6], dims: [1, 2], lk: 'contiguous' },
  { shape: [4, 5, 6], dims: [0, 1, 2], lk: 'strided' },
  { shape: [4, 5, 6], dims: [0], lk: 'contiguous' }, // outputs contiguous in x: column path
  { shape: [4, 5, 6], dims: [0, 2], lk: 'permuted' },
  { shape: [300, 33], dims: [0], lk: 'contiguous' },
  { shape: [7, 1, 3], dims: [1], lk: 'contiguous' },
  { shape: [3, 0], dims: [1], lk: 'contiguous' },
  { shape: [2, 3], dims: [], lk: 'strided' },
  { shape: [200003], dims: [0], lk: 'contiguous' }, // parallel partial reduction
  { shape: [64, 4099], dims: [1], lk: 'contiguous' },
  { shape: [4099, 64], dims: [0], lk: 'strided' },
];

describe('reduce', () => {
  for (const op of REDUCE_OPS) {
    for (const dt of ALL_DTYPES) {
      if (!reduceApplies(op, dt)) continue;
      it(`${op} ${dt}`, () => {
        const r = rng(op.length * 7 + dt.length * 3);
        const outDt: DType = op === 'argmax' || op === 'argmin' ? 'int64' : op === 'all' || op === 'any' ? 'bool' : dt;
        for (const c of REDUCE_CASES) {
          if (numel(c.shape) > 1000 && (dt === 'float16' || dt === 'bfloat16' || op === 'prod')) continue;
          // empty max/min/arg* are refused by the op layer ("Expected reduction dim ... to have non-zero size")
          if (c.shape.includes(0) && op !== 'sum' && op !== 'prod' && op !== 'all' && op !== 'any') continue;
          const x = Pair.random(dt, layout(c.shape, c.lk), r, reduceGen(op, dt));
          const oshape = c.shape.filter((_, i) => !c.dims.includes(i));
          if (numel(oshape) === 0) {
            x.free();
            continue;
          }
          const out = Pair.random(outDt, layout(oshape, 'strided'), r);
          both((b, s) => b.reduce(op, moveLast(x[s], c.dims), out[s]));
          expectSame(out, reduceTol(op, dt), `${op} ${dt} ${JSON.stringify(c)}`);
          x.free();
          out.free();
        }
      });
    }
  }
  it('argmax / max: first occurrence, NaN wins', () => {
    const data = [[1, 3, 3, 2], [NaN, 5, NaN, 1], [2, 2, 2, 2], [-Infinity, -Infinity, -1, -1], [0, 7, NaN, 7]];
    for (const dt of ['float32', 'float64'] as DType[]) {
      for (const op of ['argmax', 'argmin', 'max', 'min'] as ReduceOp[]) {
        const flat = data.flat();
        const x = new Pair(dt, layout([5, 4], 'contiguous'), dt === 'float32' ? Float32Array.from(flat) : Float64Array.from(flat));
        const out = Pair.random(op.startsWith('arg') ? 'int64' : dt, layout([5], 'contiguous'), rng(1));
        both((b, s) => b.reduce(op, x[s], out[s]));
        expectSame(out, { rtol: 0, atol: 0, zeroSign: false }, `${op} ${dt}`);
        x.free();
        out.free();
      }
    }
  });
});

describe('scan', () => {
  for (const op of ['cumsum', 'cumprod'] as const) {
    for (const dt of COMPUTE_DTYPES) {
      it(`${op} ${dt}`, () => {
        const r = rng(op.length + dt.length * 5);
        const gen: Gen = op === 'cumprod'
          ? (dt === 'float32' || dt === 'float64' ? (rr) => 0.7 + 0.6 * rr() : dt === 'uint8' || dt === 'bool' ? (rr) => (rr() < 0.97 ? 1 : 0) : (rr) => (rr() < 0.8 ? 1 : -1))
          : defaultGen(dt);
        const tol: Tol = dt === 'float32' ? { rtol: 1e-6, atol: 1e-5 } : dt === 'float64' ? { rtol: 1e-12, atol: 1e-10 } : EXACT;
        for (const [shape, dim, lx, lo] of [
          [[37], 0, 'contiguous', 'contiguous'],
          [[4, 5, 6], 2, 'contiguous', 'strided'],
          [[4, 5, 6], 1, 'permuted', 'contiguous'],
          [[4, 5, 6], 0, 'contiguous', 'contiguous'],
          [[300, 40], 0, 'strided', 'permuted'],
          [[], 0, 'contiguous', 'contiguous'],
          [[3, 1, 2], 1, 'contiguous', 'contiguous'],
          [[2000, 70], 1, 'contiguous', 'contiguous'],
          [[70, 2000], 0, 'contiguous', 'contiguous'],
        ] as [number[], number, LayoutKind, LayoutKind][]) {
          const x = Pair.random(dt, layout(shape, lx), r, gen);
          const out = Pair.random(dt, layout(shape, lo), r);
          both((b, s) => b.scan(op, x[s], out[s], dim));
          expectSame(out, tol, `${op} ${dt} ${JSON.stringify(shape)} dim ${dim} ${lx}->${lo}`);
          x.free();
          out.free();
        }
      });
    }
  }
});

describe('matmul', () => {
  for (const dt of ['float32', 'float64', 'int32', 'int64', 'uint8'] as DType[]) {
    it(dt, () => {
      const r = rng(dt.length * 11);
      const gen: Gen = dt === 'float32' || dt === 'float64' ? (rr) => rr() - 0.5 : (rr) => Math.floor(rr() * 7) - (dt === 'uint8' ? 0 : 3);
      for (const [B, M, K, N, bcast] of [
        [1, 3, 4, 5, false], [2, 17, 33, 9, false], [3, 8, 5, 7, true], [1, 64, 70, 66, false],
      ] as [number, number, number, number, boolean][]) {
        const a = Pair.random(dt, layout([bcast ? 1 : B, M, K], 'contiguous'), r, gen);
        const bb = Pair.random(dt, layout([B, K, N], 'contiguous'), r, gen);
        const out = Pair.random(dt, layout([B, M, N], 'contiguous'), r);
        const av = (s: 'r' | 'w'): View => (bcast ? { ...a[s], shape: [B, M, K], strides: [0, K, 1] } : a[s]);
        both((b, s) => b.matmul(av(s), bb[s], out[s]));
        const tol: Tol = dt === 'float32' ? { rtol: 1e-5, atol: 1e-5 } : dt === 'float64' ? { rtol: 1e-12, atol: 1e-12 } : EXACT;
        expectSame(out, tol, `matmul ${dt} ${B}x${M}x${K}x${N}`);
        // b transposed: [B, N, K] storage read as [B, K, N]
        const bt = Pair.random(dt, layout([B, N, K], 'contiguous'), r, gen);
        both((b, s) => b.matmul(av(s), { ...bt[s], shape: [B, K, N], strides: [N * K, 1, K] }, out[s]));
        expectSame(out, tol, `matmul ${dt} b transposed`);
        for (const p of [a, bb, bt, out]) p.free();
      }
    });
  }
});

describe('gather / scatter', () => {
  for (const dt of ALL_DTYPES) {
    it(`gather ${dt}`, () => {
      const r = rng(dt.length * 17);
      for (const dim of [0, 1, 2]) {
        const x = Pair.random(dt, layout([4, 5, 6], 'permuted'), r);
        const ishape = [3, 4, 5];
        const size = [4, 5, 6][dim]!;
        const idx = Pair.random('int64', layout(ishape, 'strided'), r, (rr) => Math.floor(rr() * size));
        const out = Pair.random(dt, layout(ishape, 'contiguous'), r);
        both((b, s) => b.gather(x[s], dim, idx[s], out[s]));
        expectSame(out, EXACT, `gather ${dt} dim ${dim}`);
        for (const p of [x, idx, out]) p.free();
      }
    });
    if (dt === 'float16' || dt === 'bfloat16') continue;
    it(`scatter ${dt}`, () => {
      const r = rng(dt.length * 19);
      for (const reduce of ['none', 'add'] as const) {
        for (const dim of [0, 1, 2]) {
          const dst = Pair.random(dt, layout([4, 5, 6], 'strided'), r);
          const ishape = [3, 4, 5];
          const size = [4, 5, 6][dim]!;
          const idx = Pair.random('int64', layout(ishape, 'permuted'), r, (rr) => Math.floor(rr() * size));
          const src = Pair.random(dt, layout(ishape, 'contiguous'), r);
          both((b, s) => b.scatter(dst[s], dim, idx[s], src[s], reduce));
          expectSame(dst, EXACT, `scatter ${reduce} ${dt} dim ${dim}`);
          for (const p of [dst, idx, src]) p.free();
        }
      }
    });
  }
  it('scatter with another src dtype', () => {
    const r = rng(5);
    const dst = Pair.random('float32', layout([6], 'contiguous'), r);
    const idx = Pair.random('int64', layout([4], 'contiguous'), r, (rr) => Math.floor(rr() * 6));
    const src = Pair.random('int32', layout([4], 'contiguous'), r);
    for (const reduce of ['none', 'add'] as const) {
      both((b, s) => b.scatter(dst[s], 0, idx[s], src[s], reduce));
      expectSame(dst, EXACT, `scatter int32 into float32 ${reduce}`);
    }
  });
  it('out-of-bounds indices throw the reference error and scatter writes nothing', () => {
    const r = rng(9);
    const x = Pair.random('float32', layout([4, 5], 'contiguous'), r);
    for (const bad of [5, -1, 1e6]) {
      const idx = new Pair('int64', layout([2, 3], 'contiguous'), BigInt64Array.from([0n, 1n, BigInt(bad), 2n, 3n, BigInt(bad)]));
      const out = Pair.random('float32', layout([2, 3], 'contiguous'), r);
      const msgs: string[] = [];
      both((b, s) => {
        try {
          b.gather(x[s], 1, idx[s], out[s]);
          msgs.push('no error');
        } catch (e) {
          expect(e).toBeInstanceOf(RangeError);
          msgs.push((e as Error).message);
        }
      });
      expect(msgs[1]).toBe(msgs[0]);
      expect(msgs[0]).toBe(`index ${bad} is out of bounds for dimension 1 with size 5`);
      const before = wasm().readSync(x.w.storage.handle, 'float32', 0, 20);
      expect(() => wasm().scatter(x.w, 1, idx.w, out.w, 'none')).toThrow(`index ${bad} is out of bounds for dimension 1 with size 5`);
      expect(wasm().readSync(x.w.storage.handle, 'float32', 0, 20)).toEqual(before);
      idx.free();
      out.free();
    }
    x.free();
  });
  it('gather over many elements (parallel parts report the first bad index)', () => {
    const r = rng(10);
    const n = 100000;
    const x = Pair.random('float32', layout([n], 'contiguous'), r);
    const idx = Pair.random('int64', layout([n], 'contiguous'), r, (rr) => Math.floor(rr() * n));
    const out = Pair.random('float32', layout([n], 'contiguous'), r);
    both((b, s) => b.gather(x[s], 0, idx[s], out[s]));
    expectSame(out, EXACT, 'gather n=1e5');
    const data = new BigInt64Array(n).fill(1n);
    data[70000] = BigInt(-3);
    data[90000] = BigInt(n);
    const bad = new Pair('int64', layout([n], 'contiguous'), data);
    expect(() => wasm().gather(x.w, 0, bad.w, out.w)).toThrow(`index -3 is out of bounds for dimension 0 with size ${n}`);
    for (const p of [x, idx, out, bad]) p.free();
  });
});

describe('sort', () => {
  const gens: Partial<Record<DType, Gen>> = {
    float32: (r) => (r() < 0.1 ? [NaN, 0, -0, Infinity, -Infinity][Math.floor(r() * 5)]! : Math.round((r() - 0.5) * 40) / 4),
    float64: (r) => (r() < 0.1 ? [NaN, 0, -0, Infinity, -Infinity][Math.floor(r() * 5)]! : Math.round((r() - 0.5) * 40) / 4),
    int64: (r) => (r() < 0.2 ? [2 ** 53, 2 ** 53 + 2, -(2 ** 60), 2 ** 62][Math.floor(r() * 4)]! : Math.floor((r() - 0.5) * 40)),
  };
  for (const dt of ALL_DTYPES) {
    it(dt, () => {
      const r = rng(dt.length * 23);
      for (const desc of [false, true]) {
        for (const [shape, lk] of [
          [[1], 'contiguous'], [[17], 'strided'], [[3, 100], 'contiguous'], [[4, 3, 37], 'permuted'], [[2, 1000], 'contiguous'],
          [[], 'contiguous'], [[5, 0], 'contiguous'], [[300, 64], 'contiguous'],
        ] as [number[], LayoutKind][]) {
          const x = Pair.random(dt, layout(shape, lk), r, gens[dt] ?? defaultGen(dt));
          const v = Pair.random(dt, layout(shape, 'strided'), r);
          const i = Pair.random('int64', layout(shape, 'contiguous'), r);
          both((b, s) => b.sort(x[s], desc, v[s], i[s]));
          expectSame(i, EXACT, `sort ${dt} ${desc ? 'desc' : 'asc'} ${JSON.stringify(shape)} indices`);
          expectSame(v, { rtol: 0, atol: 0, zeroSign: false }, `sort ${dt} values`);
          for (const p of [x, v, i]) p.free();
        }
      }
    });
  }
});

describe('random', () => {
  const cases: { kind: RandomKind; dt: DType; a: number; b: number }[] = [
    { kind: 'uniform', dt: 'float32', a: -2, b: 3 },
    { kind: 'uniform', dt: 'float64', a: 0, b: 1 },
    { kind: 'normal', dt: 'float32', a: 1, b: 2 },
    { kind: 'normal', dt: 'float64', a: 0, b: 1 },
    { kind: 'randint', dt: 'int64', a: -5, b: 17 },
    { kind: 'randint', dt: 'int64', a: 0, b: 2 ** 32 },
    { kind: 'randint', dt: 'int64', a: 0, b: 2 ** 40 },
    { kind: 'randint', dt: 'int32', a: 0, b: 1000 },
    { kind: 'randint', dt: 'float32', a: 0, b: 10 },
    { kind: 'randint', dt: 'uint8', a: 0, b: 256 },
    { kind: 'randint', dt: 'bool', a: 0, b: 2 },
    { kind: 'uniform', dt: 'float16', a: 0, b: 1 },
    { kind: 'uniform', dt: 'float64', a: -3, b: 0.5 },
    { kind: 'bernoulli', dt: 'float32', a: 0.3, b: 0 },
    { kind: 'bernoulli', dt: 'float32', a: 1, b: 0 },
    { kind: 'bernoulli', dt: 'float64', a: 0.999, b: 0 },
    { kind: 'bernoulli', dt: 'uint8', a: 0.5, b: 0 },
    { kind: 'bernoulli', dt: 'float16', a: 0, b: 0 },
    { kind: 'normal', dt: 'float16', a: 0, b: 1 },
  ];
  for (const c of cases) {
    it(`${c.kind} ${c.dt} [${c.a}, ${c.b})`, () => {
      const r = rng(3);
      for (const [shape, lk, offset] of [
        [[1001], 'contiguous', 0], [[3, 7], 'strided', 12345], [[50000], 'contiguous', 2 ** 40 + 3], [[4, 5], 'permuted', 2 ** 32 - 7],
        [[6], 'contiguous', 2 ** 32 - 2], // the counter's low word wraps inside one group of four lanes
      ] as [number[], LayoutKind, number][]) {
        const out = Pair.random(c.dt, layout(shape, lk), r);
        const args = { kind: c.kind, seedLo: 0x9e3779b9, seedHi: 0x12345678, offset, a: c.a, b: c.b };
        both((b, s) => b.random(out[s], args));
        const tol: Tol = c.kind === 'normal' ? (c.dt === 'float32' ? { rtol: 1e-6, atol: 1e-6 } : { rtol: 1e-12, atol: 1e-12 }) : EXACT;
        expectSame(out, tol, `random ${JSON.stringify(c)} ${JSON.stringify(shape)} ${lk} offset ${offset}`);
        out.free();
      }
    });
  }
  it('every build (threaded or not, relaxed SIMD or not) draws the reference stream bit for bit', () => {
    const builds = [
      createWasmBackendSync({ threads: 2, simd: 'baseline' }),
      createWasmBackendSync({ threads: 2, simd: 'relaxed' }),
      createWasmBackendSync({ singleThreaded: true, simd: 'baseline' }),
      createWasmBackendSync({ singleThreaded: true, simd: 'relaxed' }),
    ];
    const n = 20003;
    const draw = (b: Backend, dt: DType, args: RandomArgs): string[] => {
      const bytes = n * 8;
      const view: View = { storage: new Storage(b, b.alloc(bytes), bytes), dtype: dt, shape: [n], strides: [1], offset: 0 };
      b.random(view, args);
      const values = Array.from(b.readSync!(view.storage.handle, dt, 0, n) as ArrayLike<unknown>, String);
      b.free(view.storage.handle);
      return values;
    };
    for (const c of cases.filter((k) => k.kind !== 'normal')) {
      const args: RandomArgs = { kind: c.kind, seedLo: 0x12345678, seedHi: 7, offset: 2 ** 33 - 5, a: c.a, b: c.b };
      const want = draw(ref, c.dt, args);
      for (const b of builds) expect(draw(b, c.dt, args), `${c.kind} ${c.dt}`).toEqual(want);
    }
  });
  it('Philox words are bit-exact with philoxValue (randint over 2^32 gives w0, uniform float64 gives w0/w1 bits)', () => {
    const n = 4096;
    for (const offset of [0, 2 ** 32 - 100, 2 ** 45 + 17]) {
      const out = Pair.random('int64', layout([n], 'contiguous'), rng(1));
      wasm().random(out.w, { kind: 'randint', seedLo: 7, seedHi: 0xffffffff, offset, a: 0, b: 2 ** 32 });
      const got = wasm().readSync(out.w.storage.handle, 'int64', 0, n) as BigInt64Array;
      for (let i = 0; i < n; i++) {
        const want = philoxValue('randint', false, 7, 0xffffffff, offset + i, 0, 2 ** 32);
        if (Number(got[i]) !== want) expect(`${i}: ${got[i]}`).toBe(`${i}: ${want}`);
      }
      const u = Pair.random('float64', layout([n], 'contiguous'), rng(1));
      wasm().random(u.w, { kind: 'uniform', seedLo: 123, seedHi: 456, offset, a: 0, b: 1 });
      const gu = wasm().readSync(u.w.storage.handle, 'float64', 0, n) as Float64Array;
      for (let i = 0; i < n; i++) {
        const want = philoxValue('uniform', true, 123, 456, offset + i, 0, 1);
        if (gu[i] !== want) expect(`${i}: ${gu[i]}`).toBe(`${i}: ${want}`);
      }
      out.free();
      u.free();
    }
  });
});

describe('softmax (fused)', () => {
  for (const dt of ['float32', 'float64'] as DType[]) {
    for (const log of [false, true]) {
      it(`${log ? 'log_softmax' : 'softmax'} ${dt}`, () => {
        const r = rng(dt.length + (log ? 1 : 0));
        for (const shape of [[1], [37], [5, 10], [3, 4, 129], [2, 5000], [3000, 20]]) {
          const gen: Gen = (rr) => (rr() < 0.01 ? -Infinity : (rr() - 0.5) * 30);
          const x = Pair.random(dt, layout(shape, 'contiguous'), r, gen);
          const out = Pair.random(dt, layout(shape, 'contiguous'), r);
          wasm().softmax(x.w, out.w, log);
          // expected: the composed definition, in float64
          const xs = ref.readSync!(x.r.storage.handle, dt, 0, numel(shape)) as Float32Array | Float64Array;
          const got = wasm().readSync(out.w.storage.handle, dt, 0, numel(shape)) as Float32Array | Float64Array;
          const len = shape[shape.length - 1]!;
          for (let row = 0; row < numel(shape) / len; row++) {
            let m = -Infinity;
            for (let i = 0; i < len; i++) m = Math.max(m, xs[row * len + i]!);
            let s = 0;
            for (let i = 0; i < len; i++) s += Math.exp(xs[row * len + i]! - m);
            for (let i = 0; i < len; i++) {
              const e = log ? xs[row * len + i]! - m - Math.log(s) : Math.exp(xs[row * len + i]! - m) / s;
              const g = got[row * len + i]!;
              const tol = dt === 'float32' ? 2e-6 * Math.abs(e) + (log ? 1e-5 : 1e-30) : 1e-12 * Math.abs(e) + 1e-300;
              if (!(Math.abs(g - e) <= tol || (Number.isNaN(e) && Number.isNaN(g)) || g === e)) {
                expect(`${JSON.stringify(shape)} [${row}, ${i}] ${g}`).toBe(`${JSON.stringify(shape)} [${row}, ${i}] ${e}`);
              }
            }
          }
          x.free();
          out.free();
        }
      });
    }
  }
});

describe('storage', () => {
  it('write / readSync / read round-trip every dtype at an offset, and alloc/free return memory', async () => {
    const w: Backend = wasm();
    const before = w.bytesInUse!();
    for (const dt of ALL_DTYPES) {
      const n = 1000;
      const lay = { shape: [n], strides: [1], offset: 0, size: n + 5 };
      const p = Pair.random(dt, lay, rng(2));
      const h = p.w.storage.handle;
      const mid = w.readSync!(h, dt, 5, 10);
      expect(Array.from(mid as ArrayLike<unknown>)).toEqual(Array.from(ref.readSync!(p.r.storage.handle, dt, 5, 10) as ArrayLike<unknown>));
      const got = await w.read(h, dt, 3, 4);
      expect(Array.from(got as ArrayLike<unknown>)).toEqual(Array.from(ref.readSync!(p.r.storage.handle, dt, 3, 4) as ArrayLike<unknown>));
      p.free();
    }
    expect(w.bytesInUse!()).toBe(before);
  });
  it('views survive memory growth', () => {
    const w = wasm();
    const small = Pair.random('float32', layout([10], 'contiguous'), rng(4));
    const big = w.alloc(64 * 1024 * 1024); // forces memory.grow
    const out = Pair.random('float32', layout([10], 'contiguous'), rng(5));
    both((b, s) => b.unary('neg', small[s], out[s]));
    expectSame(out, EXACT, 'neg after grow');
    w.free(big);
    small.free();
    out.free();
  });
});

describe('threads', () => {
  it('large ops give the same results with 1 and 2 threads', () => {
    const n = 1 << 18;
    const r = rng(77);
    const x = Pair.random('float32', { shape: [n], strides: [1], offset: 0, size: n }, r);
    const read = (v: View<number>) => Array.from(wasm().readSync(v.storage.handle, v.dtype, 0, numel(v.shape)) as Float32Array);
    const results: number[][][] = [];
    for (const t of [1, 2]) {
      wasm().setThreads(t);
      const outs: number[][] = [];
      const o = Pair.random('float32', layout([n], 'contiguous'), r);
      wasm().unary('exp', x.w, o.w);
      outs.push(read(o.w));
      wasm().binary('mul', x.w, o.w, o.w);
      outs.push(read(o.w));
      const s = Pair.random('float32', layout([512], 'contiguous'), r);
      wasm().reduce('sum', { ...x.w, shape: [512, 512], strides: [512, 1] }, s.w);
      outs.push(read(s.w));
      results.push(outs);
      o.free();
      s.free();
    }
    wasm().setThreads(2);
    expect(results[1]).toEqual(results[0]);
    x.free();
  });
});

describe('builds', () => {
  it('the single-threaded build (no SharedArrayBuffer) gives the same results', () => {
    const st = createWasmBackendSync({ singleThreaded: true });
    expect(st.rt.shared).toBe(false);
    expect(st.threads).toBe(1);
    const r = rng(8);
    const n = 100003;
    const data = Float32Array.from({ length: n }, () => (r() - 0.5) * 10);
    const run = (b: Backend): Float32Array => {
      const mk = () => ({ storage: { handle: b.alloc(n * 4) } as View['storage'], dtype: 'float32' as const, shape: [n], strides: [1], offset: 0 });
      const x = mk(), o = mk(), s = mk();
      b.write(x.storage.handle, data, 0);
      b.unary('tanh', x, o);
      b.binary('mul', o, x, o);
      b.reduce('sum', { ...o, shape: [1, n], strides: [0, 1] }, { ...s, shape: [1], strides: [1] });
      const out = Float32Array.from(b.readSync!(o.storage.handle, 'float32', 0, n) as Float32Array);
      out[0] = (b.readSync!(s.storage.handle, 'float32', 0, 1) as Float32Array)[0]!;
      for (const v of [x, o, s]) b.free(v.storage.handle);
      return out;
    };
    expect(run(st)).toEqual(run(wasm()));
  });
});
