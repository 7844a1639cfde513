/**
 * reduce on WebGPU against the reference backend: every op over every dtype it serves, on strided
 * views, with rows short (one invocation per row) and long (a workgroup tree per row), NaN and ties.
 */
import type { DType, ReduceOp } from '@x/tensor';
import { describe, expect, it } from 'vitest';
import { valuesMismatch } from '@x/tensor/testing';
import { reduce, reduceOutDType } from '../src/kernels/reduce';
import { harness, logical, outputView, randomView, reference, referenceStorage, rng } from './kernels-harness';

const h = await harness();
const TOL: Record<string, [number, number]> = { float32: [2e-6, 1e-5], float16: [1e-3, 1e-5], bfloat16: [1.6e-2, 1e-5] };

function values(dtype: DType, r: () => number, special: boolean, op: ReduceOp): (i: number) => number | bigint {
  return (i) => {
    // int32 products stay below 2^53, where the reference (computing through float64) is exact
    if (op === 'prod' && dtype === 'int32') return Math.floor(r() * 5) - 2 || 1;
    if (dtype === 'bool') return r() < 0.5 ? 1 : 0;
    if (dtype === 'uint8') return Math.floor(r() * 256);
    if (dtype === 'int32') return Math.floor((r() - 0.5) * 2000);
    // few distinct values, so ties are common
    if (dtype === 'int64') return BigInt(Math.floor((r() - 0.5) * 7)) * 3000000000n + BigInt(i % 5);
    if (special && r() < 0.02) return NaN;
    return Math.round((r() - 0.5) * 16) / 4;
  };
}

const CASES: { shape: number[]; keep: number }[] = [
  { shape: [5, 7], keep: 1 },
  { shape: [3, 4, 5], keep: 1 },
  { shape: [2, 300], keep: 1 },
  { shape: [4, 3, 130], keep: 2 },
  { shape: [1000], keep: 0 },
  { shape: [6, 1, 9], keep: 0 },
  { shape: [3, 0], keep: 1 },
  { shape: [2, 70000], keep: 1 }, // long rows of few outputs: two passes (partials, then combine)
];

async function check(op: ReduceOp, dtype: DType, shape: number[], keep: number, special: boolean, seed: number): Promise<void> {
  const r = rng(seed);
  const x = randomView(dtype, shape, r, values(dtype, r, special, op));
  const od = reduceOutDType(op, dtype);
  const outShape = shape.slice(0, keep);
  const want = outputView(od, outShape);
  reference.reduce(op, x, want);
  const gx = h!.upload(x);
  const got = h!.upload(outputView(od, outShape));
  reduce(h!.ctx, op, gx, got);
  const n = outShape.reduce((a, b) => a * b, 1);
  const actual = logical(got, await h!.download(got, n));
  const expected = logical(want, referenceStorage(want));
  const [rtol, atol] = TOL[od] ?? [0, 0];
  const tol = op === 'sum' || op === 'prod' ? [rtol * 4, atol * 4] : [rtol, atol];
  const m = valuesMismatch(actual, expected, { rtol: tol[0]!, atol: tol[1]! });
  expect(m, `${op} ${dtype} [${shape}] keep ${keep}`).toBeNull();
}

describe.skipIf(!h)('reduce kernel vs reference', () => {
  const ops: ReduceOp[] = ['sum', 'prod', 'max', 'min', 'argmax', 'argmin', 'all', 'any'];
  const dtypes: DType[] = ['float32', 'float16', 'bfloat16', 'int32', 'int64', 'uint8', 'bool'];
  for (const op of ops) {
    for (const dtype of dtypes) {
      if ((op === 'sum' || op === 'prod') && (dtype === 'bool' || dtype === 'uint8')) continue; // never asked (op layer casts)
      it(`${op} ${dtype}`, async () => {
        let seed = 1;
        for (const c of CASES) {
          const empty = c.shape.includes(0);
          if (empty && op !== 'sum' && op !== 'prod' && op !== 'all' && op !== 'any') continue; // op layer rejects
          if (op === 'prod' && dtype !== 'int64' && c.shape.reduce((a, b) => a * b, 1) > 100) continue; // overflows to inf/wraps: compared below on small rows
          await check(op, dtype, c.shape, c.keep, dtype.startsWith('float') || dtype === 'bfloat16', seed++);
        }
      });
    }
  }
});
