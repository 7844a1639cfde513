/**
 * sort, im2col, col2im and softmax on WebGPU against the reference backend (softmax against a float64
 * computation): strided views; sort with ties, NaN, ±0, both directions, rows in workgroup memory and
 * rows longer than 1024 (the multi-pass network); windows with padding, stride and dilation, 1-D and 2-D.
 */
import type { DType, Im2ColParams } from '@x/tensor';
import { describe, expect, it } from 'vitest';
import { valuesMismatch } from '@x/tensor/testing';
import { col2im } from '../src/kernels/col2im';
import type { GpuView } from '../src/kernels/common';
import { im2col } from '../src/kernels/im2col';
import { softmax } from '../src/kernels/softmax';
import { sort } from '../src/kernels/sort';
import { harness, logical, outputView, randomView, reference, referenceStorage, rng } from './kernels-harness';

const h = await harness();

async function got(v: GpuView): Promise<number[]> {
  return logical(v, await h!.download(v, v.shape.reduce((a, b) => a * b, 1)));
}

function sortValues(dtype: DType, r: () => number): (i: number) => number | bigint {
  if (dtype === 'int64') return () => BigInt(Math.floor((r() - 0.5) * 6)) * 5000000000n + BigInt(Math.floor(r() * 3));
  if (dtype === 'uint8' || dtype === 'bool') return () => Math.floor(r() * (dtype === 'bool' ? 2 : 256));
  if (dtype === 'int32') return () => Math.floor((r() - 0.5) * 20);
  const specials = [NaN, 0, -0, Infinity, -Infinity];
  return () => (r() < 0.1 ? specials[Math.floor(r() * specials.length)]! : Math.floor((r() - 0.5) * 10) / 2);
}

async function checkSort(dtype: DType, shape: number[], descending: boolean, seed: number): Promise<void> {
  const r = rng(seed);
  const x = randomView(dtype, shape, r, sortValues(dtype, r));
  const wv = outputView(dtype, shape);
  const wi = outputView('int64', shape);
  reference.sort(x, descending, wv, wi);
  const gv = h!.upload(outputView(dtype, shape));
  const gi = h!.upload(outputView('int64', shape));
  sort(h!.ctx, h!.upload(x), descending, gv, gi);
  const what = `sort ${dtype} [${shape}] ${descending ? 'descending' : 'ascending'}`;
  expect(valuesMismatch(await got(gi), logical(wi, referenceStorage(wi)), { rtol: 0, atol: 0 }), `${what} indices`).toBeNull();
  expect(valuesMismatch(await got(gv), logical(wv, referenceStorage(wv)), { rtol: 0, atol: 0 }), `${what} values`).toBeNull();
}

describe.skipIf(!h)('sort kernel vs reference', () => {
  for (const dtype of ['float32', 'float16', 'bfloat16', 'int32', 'int64', 'uint8', 'bool'] as DType[]) {
    it(dtype, async () => {
      await checkSort(dtype, [3, 7], false, 1);
      await checkSort(dtype, [2, 3, 100], true, 2);
      await checkSort(dtype, [1], false, 3);
    });
  }
  it('rows longer than 1024 (multi-pass), both directions', async () => {
    await checkSort('float32', [2, 1500], false, 4);
    await checkSort('int64', [1, 1100], true, 5);
  });
});

function params(inputSize: number[], kernelSize: number[], stride: number[], padding: number[], dilation: number[], padValue = 0): Im2ColParams {
  const outputSize = inputSize.map((s, d) => Math.floor((s + 2 * padding[d]! - dilation[d]! * (kernelSize[d]! - 1) - 1) / stride[d]!) + 1);
  return { inputSize, outputSize, kernelSize, stride, padding, dilation, padValue };
}

const GEOMETRIES: Im2ColParams[] = [
  params([5, 6], [3, 2], [1, 2], [1, 0], [1, 1]),
  params([7, 7], [3, 3], [2, 2], [2, 1], [2, 1], -Infinity),
  params([9], [4], [2], [1], [1]),
];

describe.skipIf(!h)('im2col / col2im kernels vs reference', () => {
  for (const dtype of ['float32', 'float16', 'int32', 'int64', 'uint8'] as DType[]) {
    it(`im2col ${dtype}`, async () => {
      let seed = 1;
      for (const p of GEOMETRIES) {
        const N = 2, C = 3;
        const K = p.kernelSize.reduce((a, b) => a * b, 1);
        const L = p.outputSize.reduce((a, b) => a * b, 1);
        const r = rng(seed++);
        const pv = dtype.startsWith('float') ? p : { ...p, padValue: 0 };
        const x = randomView(dtype, [N, C, ...p.inputSize], r, dtype === 'int64' ? () => BigInt(Math.floor(r() * 1e9)) * 7n : () => Math.floor(r() * 100));
        const want = outputView(dtype, [N, C * K, L]);
        reference.im2col(x, pv, want);
        const out = h!.upload(outputView(dtype, [N, C * K, L]));
        im2col(h!.ctx, h!.upload(x), pv, out);
        expect(valuesMismatch(await got(out), logical(want, referenceStorage(want)), { rtol: 0, atol: 0 }), `im2col ${dtype} ${JSON.stringify(p)}`).toBeNull();
      }
    });
  }
  it('col2im float32', async () => {
    let seed = 10;
    for (const p of GEOMETRIES) {
      const N = 2, C = 3;
      const K = p.kernelSize.reduce((a, b) => a * b, 1);
      const L = p.outputSize.reduce((a, b) => a * b, 1);
      const r = rng(seed++);
      const cols = randomView('float32', [N, C * K, L], r, () => Math.round((r() - 0.5) * 64) / 8);
      const want = outputView('float32', [N, C, ...p.inputSize]);
      reference.col2im(cols, p, want);
      const out = h!.upload(outputView('float32', [N, C, ...p.inputSize]));
      col2im(h!.ctx, h!.upload(cols), p, out);
      expect(valuesMismatch(await got(out), logical(want, referenceStorage(want)), { rtol: 1e-6, atol: 1e-6 }), `col2im ${JSON.stringify(p)}`).toBeNull();
    }
  });
});

describe.skipIf(!h)('softmax kernel vs float64', () => {
  for (const log of [false, true]) {
    it(log ? 'log-softmax' : 'softmax', async () => {
      for (const [shape, seed] of [[[4, 10], 1], [[3, 700], 2], [[2, 1], 3]] as [number[], number][]) {
        const r = rng(seed);
        const x = randomView('float32', shape, r, () => (r() - 0.5) * 20);
        const xs = logical(x, referenceStorage(x));
        const len = shape[shape.length - 1]!;
        const want: number[] = [];
        for (let o = 0; o < xs.length; o += len) {
          const row = xs.slice(o, o + len);
          const m = Math.max(...row);
          const s = row.reduce((a, v) => a + Math.exp(v - m), 0);
          for (const v of row) want.push(log ? v - m - Math.log(s) : Math.exp(v - m) / s);
        }
        const out = h!.upload(outputView('float32', shape));
        softmax(h!.ctx, h!.upload(x), out, log);
        expect(valuesMismatch(await got(out), want, { rtol: 1e-5, atol: 1e-6 }), `${log ? 'log-' : ''}softmax [${shape}]`).toBeNull();
      }
      const nan = randomView('float32', [2, 3], rng(9), (i) => (i === 4 ? NaN : i));
      const out = h!.upload(outputView('float32', [2, 3]));
      softmax(h!.ctx, h!.upload(nan), out, log);
      const vals = await got(out);
      expect(vals.filter((v) => Number.isNaN(v)).length, 'a NaN in a row makes the whole row NaN').toBeGreaterThanOrEqual(3);
    });
  }
});
