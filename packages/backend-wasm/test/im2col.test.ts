// im2col / col2im of the wasm backend against the reference backend: every geometry option, rank 1
// and 2, the three column layouts the ops use plus arbitrary strides on both sides, every dtype
// im2col copies, and sizes large enough to run in several parts.
import { describe, it } from 'vitest';
import type { DType, Im2ColParams, View } from '@x/tensor';
import { both, EXACT, expectSame, layout, Pair, rng, type Tol } from './helpers';

interface Geometry {
  name: string;
  N: number;
  C: number;
  size: number[];
  kernel: number[];
  stride: number[];
  padding: number[];
  dilation: number[];
  /** pooling's ceil mode: one more window that may run past the padding */
  extra?: number;
}

const GEOMETRIES: Geometry[] = [
  { name: 'k3', N: 2, C: 3, size: [6, 7], kernel: [3, 3], stride: [1, 1], padding: [0, 0], dilation: [1, 1] },
  { name: 'stride padding', N: 2, C: 2, size: [8, 7], kernel: [3, 2], stride: [2, 3], padding: [1, 2], dilation: [1, 1] },
  { name: 'dilation', N: 1, C: 3, size: [9, 8], kernel: [2, 3], stride: [1, 2], padding: [2, 1], dilation: [3, 2] },
  { name: 'ceil overhang', N: 2, C: 2, size: [7, 7], kernel: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], extra: 1 },
  { name: 'kernel larger than padded input side', N: 1, C: 2, size: [3, 4], kernel: [3, 3], stride: [1, 1], padding: [1, 1], dilation: [2, 1] },
  { name: '1-D', N: 3, C: 2, size: [11], kernel: [3], stride: [2], padding: [1], dilation: [2] },
  { name: 'many planes (parallel)', N: 16, C: 24, size: [12, 12], kernel: [5, 5], stride: [1, 1], padding: [2, 2], dilation: [1, 1] },
  { name: 'many planes 1-D (parallel)', N: 64, C: 32, size: [40], kernel: [3], stride: [1], padding: [1], dilation: [1] },
];

function params(g: Geometry, padValue: number): Im2ColParams {
  const out = g.size.map((n, i) => Math.max(1, Math.floor((n + 2 * g.padding[i]! - g.dilation[i]! * (g.kernel[i]! - 1) - 1) / g.stride[i]!) + 1 + (g.extra ?? 0)));
  return { inputSize: g.size, outputSize: out, kernelSize: g.kernel, stride: g.stride, padding: g.padding, dilation: g.dilation, padValue };
}

type ColumnLayout = 'NKL' | 'KNL' | 'NLK' | 'strided';
/** Strides of the (N, CK, L) columns in a storage of `size` elements, and the offset. */
function columnView(kind: ColumnLayout, N: number, CK: number, L: number): { strides: number[]; offset: number; size: number } {
  switch (kind) {
    case 'NKL': return { strides: [CK * L, L, 1], offset: 0, size: N * CK * L };
    case 'KNL': return { strides: [L, N * L, 1], offset: 0, size: N * CK * L };
    case 'NLK': return { strides: [L * CK, 1, CK], offset: 0, size: N * CK * L };
    case 'strided': return { strides: [2 * CK * L + 1, 2 * L, 2], offset: 3, size: N * (2 * CK * L + 1) + 3 };
  }
}

type ImageLayout = 'contiguous' | 'strided' | 'permuted';

function tolFor(dt: DType): Tol {
  return dt === 'float32' ? { rtol: 1e-6, atol: 1e-6 } : dt === 'float64' ? { rtol: 1e-13, atol: 1e-13 } : EXACT;
}

describe('im2col', () => {
  for (const g of GEOMETRIES) {
    for (const dt of ['float32', 'float64', 'int32', 'uint8', 'float16'] as DType[]) {
      it(`${g.name} ${dt}`, () => {
        const r = rng(g.N * 31 + g.C + dt.length);
        const p = params(g, dt === 'float32' || dt === 'float64' ? -Infinity : 7);
        const K = g.kernel.reduce((a, b) => a * b, 1);
        const L = p.outputSize.reduce((a, b) => a * b, 1);
        for (const il of ['contiguous', 'strided', 'permuted'] as ImageLayout[]) {
          for (const cl of ['NKL', 'KNL', 'NLK', 'strided'] as ColumnLayout[]) {
            if (g.N * g.C > 100 && (il !== 'contiguous' || cl === 'strided')) continue;
            const image = Pair.random(dt, layout([g.N, g.C, ...g.size], il), r);
            const cv = columnView(cl, g.N, g.C * K, L);
            const cols = Pair.random(dt, { shape: [g.N, g.C * K, L], strides: cv.strides, offset: cv.offset, size: cv.size }, r);
            both((b, s) => b.im2col(image[s], p, cols[s]));
            // whole storages are compared: elements outside the view must be left alone
            expectSame(cols, EXACT, `im2col ${g.name} ${dt} image ${il} columns ${cl}`);
            image.free();
            cols.free();
          }
        }
      });
    }
  }
});

describe('col2im', () => {
  for (const g of GEOMETRIES) {
    for (const dt of ['float32', 'float64'] as DType[]) {
      it(`${g.name} ${dt}`, () => {
        const r = rng(g.N * 17 + g.C);
        const p = params(g, 0);
        const K = g.kernel.reduce((a, b) => a * b, 1);
        const L = p.outputSize.reduce((a, b) => a * b, 1);
        const gen = (rr: () => number): number => rr() - 0.5;
        for (const il of ['contiguous', 'strided', 'permuted'] as ImageLayout[]) {
          for (const cl of ['NKL', 'KNL', 'NLK', 'strided'] as ColumnLayout[]) {
            if (g.N * g.C > 100 && (il !== 'contiguous' || cl === 'strided')) continue;
            const cv = columnView(cl, g.N, g.C * K, L);
            const cols = Pair.random(dt, { shape: [g.N, g.C * K, L], strides: cv.strides, offset: cv.offset, size: cv.size }, r, gen);
            const image = Pair.random(dt, layout([g.N, g.C, ...g.size], il), r);
            both((b, s) => b.col2im(cols[s], p, image[s]));
            expectSame(image, tolFor(dt), `col2im ${g.name} ${dt} columns ${cl} image ${il}`);
            // the expanded view pooling's backward passes (stride 0 along the kernel rows)
            const spread: { r: View; w: View } = cols.view([g.N, g.C * K, L], [g.C * K * L, 0, 1], 0);
            both((b, s) => b.col2im(spread[s], p, image[s]));
            expectSame(image, tolFor(dt), `col2im ${g.name} ${dt} stride-0 rows`);
            image.free();
            cols.free();
          }
        }
      });
    }
  }
});

// The reductions pooling runs on its (planes, K, L) windows: one reduced dim across contiguous
// outputs (the wasm kernel's SIMD "lanes" path), with NaN, ±inf, ±0 and ties among the values.
describe('reduce over window columns', () => {
  const specials = [NaN, Infinity, -Infinity, 0, -0, 1, 1, -1];
  for (const dt of ['float32', 'float64'] as DType[]) {
    for (const op of ['sum', 'max', 'min', 'argmax', 'argmin'] as const) {
      it(`${op} ${dt}`, () => {
        const r = rng(op.length * 13 + dt.length);
        const gen = (rr: () => number): number => (rr() < 0.08 ? specials[Math.floor(rr() * specials.length)]! : Math.round((rr() - 0.5) * 8) / 2);
        for (const [P, K, L, parts] of [[3, 4, 37, 1], [2, 9, 5, 1], [64, 4, 600, 2], [1, 2, 3, 1]] as const) {
          const x = Pair.random(dt, { shape: [P, K, L], strides: [K * L, L, 1], offset: 0, size: P * K * L }, r, gen);
          const outDt: DType = op.startsWith('arg') ? 'int64' : dt;
          const out = Pair.random(outDt, { shape: [P, L], strides: [L, 1], offset: 0, size: P * L }, r);
          const windows = x.view([P, L, K], [K * L, 1, L], 0);
          both((b, s) => b.reduce(op, windows[s], out[s]));
          expectSame(out, EXACT, `${op} ${dt} [${P}, ${K}, ${L}] (${parts} parts)`);
          x.free();
          out.free();
        }
      });
    }
  }
});
