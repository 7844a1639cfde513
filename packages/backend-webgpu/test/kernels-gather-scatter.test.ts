/**
 * gather and scatter on WebGPU against the reference backend: strided views, every dtype, scatter
 * 'add' with repeated indices (float32 bit for bit: same summation order) and 'none' (last write
 * wins), exactly, and out-of-bounds indices failing the next read with the reference's message.
 */
import type { DType, View } from '@x/tensor';
import { describe, expect, it } from 'vitest';
import { valuesMismatch } from '@x/tensor/testing';
import type { GpuView } from '../src/kernels/common';
import { gather } from '../src/kernels/gather';
import { scatter } from '../src/kernels/scatter';
import { harness, logical, outputView, randomView, reference, referenceStorage, rng } from './kernels-harness';

const h = await harness();
const DTYPES: DType[] = ['float32', 'float16', 'bfloat16', 'int32', 'int64', 'uint8', 'bool'];

function valuesOf(dtype: DType, r: () => number): (i: number) => number | bigint {
  if (dtype === 'int64') return () => BigInt(Math.floor((r() - 0.5) * 1e6)) * 4294967296n + 5n;
  if (dtype === 'uint8') return () => Math.floor(r() * 256);
  if (dtype === 'bool') return () => (r() < 0.5 ? 1 : 0);
  if (dtype === 'int32') return () => Math.floor((r() - 0.5) * 1e6);
  return () => Math.round((r() - 0.5) * 1000) / 8;
}

async function values(v: GpuView): Promise<number[]> {
  return logical(v, await h!.download(v, storageLength(v)));
}
function storageLength(v: View): number {
  let n = v.offset + 1;
  v.shape.forEach((s, d) => (n += (s - 1) * v.strides[d]!));
  return n;
}

async function checkGather(dtype: DType, xshape: number[], ishape: number[], dim: number, seed: number): Promise<void> {
  const r = rng(seed);
  const x = randomView(dtype, xshape, r, valuesOf(dtype, r));
  const index = randomView('int64', ishape, r, () => BigInt(Math.floor(r() * xshape[dim]!)));
  const want = outputView(dtype, ishape);
  reference.gather(x, dim, index, want);
  const got = h!.upload(outputView(dtype, ishape));
  gather(h!.ctx, h!.upload(x), dim, h!.upload(index), got);
  expect(valuesMismatch(await values(got), logical(want, referenceStorage(want)), { rtol: 0, atol: 0 }), `gather ${dtype} [${xshape}] dim ${dim}`).toBeNull();
}

async function checkScatter(dtype: DType, dshape: number[], ishape: number[], dim: number, mode: 'none' | 'add', seed: number): Promise<void> {
  const r = rng(seed);
  const dstRef = randomView(dtype, dshape, r, valuesOf(dtype, r), 'contiguous');
  const index = randomView('int64', ishape, r, () => BigInt(Math.floor(r() * dshape[dim]!)));
  const src = randomView(dtype, ishape, r, valuesOf(dtype, r));
  const dst = h!.upload(dstRef);
  reference.scatter(dstRef, dim, index, src, mode);
  scatter(h!.ctx, dst, dim, h!.upload(index), h!.upload(src), mode);
  expect(valuesMismatch(await values(dst), logical(dstRef, referenceStorage(dstRef)), { rtol: 0, atol: 0 }), `scatter ${mode} ${dtype} [${dshape}] dim ${dim}`).toBeNull();
}

describe.skipIf(!h)('gather kernel vs reference', () => {
  for (const dtype of DTYPES) {
    it(dtype, async () => {
      await checkGather(dtype, [5, 7], [4, 9], 1, 1);
      await checkGather(dtype, [6, 3, 4], [9, 2, 4], 0, 2);
      await checkGather(dtype, [300], [1000], 0, 3);
    });
  }
  it('an index out of bounds fails the next read with the first bad entry named', async () => {
    const x = h!.upload(randomView('float32', [3, 4], rng(1), (i) => i));
    const index = h!.upload(randomView('int64', [2, 2], rng(2), (i) => [0, 4, -1, 7][i % 4]!, 'contiguous'));
    const out = h!.upload(outputView('float32', [2, 2]));
    gather(h!.ctx, x, 1, index, out);
    await expect(h!.download(out, 4)).rejects.toThrow('index 4 is out of bounds for dimension 1 with size 4');
  });
});

describe.skipIf(!h)('scatter kernel vs reference', () => {
  for (const dtype of DTYPES) {
    it(dtype, async () => {
      await checkScatter(dtype, [5, 7], [5, 9], 1, 'none', 1);
      await checkScatter(dtype, [6, 3, 4], [9, 2, 4], 0, 'none', 2);
      if (dtype !== 'bool') {
        await checkScatter(dtype, [5, 7], [5, 9], 1, 'add', 3);
        await checkScatter(dtype, [6, 3, 4], [20, 2, 4], 0, 'add', 4);
      }
      // lines longer than 32: sorted first (max-pooling gradients look like this)
      await checkScatter(dtype, [3, 50], [3, 70], 1, dtype === 'bool' ? 'none' : 'add', 5);
      await checkScatter(dtype, [40, 2, 3], [90, 2, 2], 0, 'none', 6);
    });
  }
  it('an index out of bounds fails the next read; the others are still scattered', async () => {
    const dst = h!.upload(outputView('float32', [4]));
    const index = h!.upload(randomView('int64', [3], rng(2), (i) => [1, -3, 9][i]!, 'contiguous'));
    const src = h!.upload(randomView('float32', [3], rng(3), (i) => i + 1, 'contiguous'));
    scatter(h!.ctx, dst, 0, index, src, 'add');
    await expect(h!.download(dst, 4)).rejects.toThrow('index -3 is out of bounds for dimension 0 with size 4');
    expect(Array.from(await h!.download(dst, 4) as Float32Array)).toEqual([0, 1, 0, 0]);
  });
});
