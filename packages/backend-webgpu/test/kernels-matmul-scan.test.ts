/**
 * matmul and scan on WebGPU against the reference backend, on strided views: matmul shapes that cross
 * tile edges (1x1x1, 17x33x65, 128x128x128 in float32) and batch broadcast (stride 0), every dtype it
 * serves; cumsum/cumprod along each dim, short rows (one invocation each) and long (chunked).
 */
import type { DType, ScanOp, View } from '@x/tensor';
import { describe, expect, it } from 'vitest';
import { valuesMismatch } from '@x/tensor/testing';
import type { GpuView } from '../src/kernels/common';
import { matmul } from '../src/kernels/matmul';
import { scan } from '../src/kernels/scan';
import { harness, logical, outputView, randomView, reference, referenceStorage, rng } from './kernels-harness';

const h = await harness();
const TOL: Record<string, [number, number]> = { float32: [1e-5, 1e-5], float16: [2e-3, 1e-3], bfloat16: [1.6e-2, 1e-2] };

function ints(dtype: DType, r: () => number): (i: number) => number | bigint {
  if (dtype === 'int64') return () => BigInt(Math.floor((r() - 0.5) * 20)) * (r() < 0.1 ? 1000000007n : 1n);
  if (dtype === 'uint8') return () => Math.floor(r() * 256);
  if (dtype === 'bool') return () => (r() < 0.3 ? 1 : 0);
  if (dtype === 'int32') return () => Math.floor((r() - 0.5) * 200);
  return () => Math.round((r() - 0.5) * 64) / 16;
}

async function compare(got: GpuView, want: View, what: string, scale = 1): Promise<void> {
  const n = got.shape.reduce((a, b) => a * b, 1);
  const actual = logical(got, await h!.download(got, n));
  const expected = logical(want, referenceStorage(want));
  const [rtol, atol] = TOL[got.dtype] ?? [0, 0];
  expect(valuesMismatch(actual, expected, { rtol: rtol * scale, atol: atol * scale }), what).toBeNull();
}

async function checkMatmul(dtype: DType, B: number, M: number, K: number, N: number, broadcastB: boolean, seed: number): Promise<void> {
  const r = rng(seed);
  const a = randomView(dtype, [B, M, K], r, ints(dtype, r));
  let b = randomView(dtype, [broadcastB ? 1 : B, K, N], r, ints(dtype, r));
  if (broadcastB) b = { ...b, shape: [B, K, N], strides: [0, b.strides[1]!, b.strides[2]!] };
  const want = outputView(dtype, [B, M, N]);
  reference.matmul(a, b, want);
  const got = h!.upload(outputView(dtype, [B, M, N]));
  matmul(h!.ctx, h!.upload(a), h!.upload(b), got);
  await compare(got, want, `matmul ${dtype} ${B}x${M}x${K}x${N}${broadcastB ? ' (b broadcast)' : ''}`, Math.sqrt(K));
}

describe.skipIf(!h)('matmul kernel vs reference', () => {
  it('float32 across tile edges', async () => {
    await checkMatmul('float32', 1, 1, 1, 1, false, 1);
    await checkMatmul('float32', 2, 17, 33, 65, false, 2);
    await checkMatmul('float32', 1, 128, 128, 128, false, 3);
    await checkMatmul('float32', 3, 5, 70, 9, true, 4);
  });
  for (const dtype of ['float16', 'bfloat16', 'int32', 'int64', 'uint8', 'bool'] as DType[]) {
    it(dtype, async () => {
      await checkMatmul(dtype, 2, 17, 33, 35, false, 5);
      await checkMatmul(dtype, 3, 3, 4, 5, true, 6);
    });
  }
});

async function checkScan(op: ScanOp, dtype: DType, shape: number[], dim: number, seed: number): Promise<void> {
  const r = rng(seed);
  // cumprod: factors near 1 (floats), or ±1 with a few 2s (integers: the reference computes through
  // float64, exact only below 2^53, while the GPU wraps exactly as PyTorch does).
  const factors = dtype.startsWith('float') ? () => 0.9 + r() * 0.2 : () => (r() < 0.04 ? 2 : r() < 0.5 ? -1 : 1);
  const x = randomView(dtype, shape, r, op === 'cumprod' ? factors : ints(dtype, r));
  const want = outputView(dtype, shape);
  reference.scan(op, x, want, dim);
  const got = h!.upload(outputView(dtype, shape));
  scan(h!.ctx, op, h!.upload(x), got, dim);
  await compare(got, want, `${op} ${dtype} [${shape}] dim ${dim}`, op === 'cumsum' ? Math.sqrt(shape[dim]!) * 4 : 4);
}

describe.skipIf(!h)('scan kernel vs reference', () => {
  for (const op of ['cumsum', 'cumprod'] as ScanOp[]) {
    for (const dtype of ['float32', 'float16', 'int32', 'int64'] as DType[]) {
      it(`${op} ${dtype}`, async () => {
        await checkScan(op, dtype, [4, 5, 6], 1, 1);
        await checkScan(op, dtype, [4, 5, 6], 0, 2);
        await checkScan(op, dtype, [3, 700], 1, 3);
      });
    }
  }
});
