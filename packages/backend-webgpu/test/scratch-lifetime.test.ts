/**
 * A kernel that encodes several dispatches sharing a scratch buffer (gather's bounds check: init, check
 * and report write one report buffer that a copy then reads) must keep that buffer out of the pool until
 * its last dispatch is encoded, even when the batch fills and is submitted in the middle of the kernel.
 * Recycled there, the buffer was handed out again as the `params` of a later dispatch of the same kernel:
 * the report shader then bound one buffer read-only and read-write (an invalid command buffer, so the
 * report copy read zeros), or a later queue.writeBuffer overwrote the report before it was copied, and a
 * valid gather failed at the next read with "index 0 is out of bounds for dimension 1 with size 64"
 * (the Fashion-MNIST training test on SwiftShader, once zeroGrad's in-place zeroing moved the batch
 * boundaries). Here the batch boundary is put at every position inside the gather.
 */
import { describe, expect, it } from 'vitest';
import type { DType, StorageArray, View } from '@x/tensor';
import type { GpuBuffer } from '../src/pool';
import { backend, skipReason } from './gpu';

const BATCH_SIZE = 64; // runtime.ts: dispatches per submitted batch

function upload(data: StorageArray, dtype: DType, shape: number[]): View<GpuBuffer> {
  const handle = backend!.alloc(data.byteLength);
  backend!.write(handle, data, 0);
  const strides = shape.map((_, k) => shape.slice(k + 1).reduce((a, b) => a * b, 1));
  return { storage: { handle }, dtype, shape, strides, offset: 0 } as unknown as View<GpuBuffer>;
}

describe.skipIf(!backend)(`scratch buffers live until their kernel is encoded ${skipReason}`, () => {
  it('a gather whose bounds check straddles a batch submit reads back its valid result', async () => {
    const b = backend!;
    // x: [2, 64], out[i][j] = x[i][index[i][j]] along dim 1 with size 64 (the failing report's shape).
    const x = upload(Float32Array.from({ length: 128 }, (_, i) => i), 'float32', [2, 64]);
    const index = upload(BigInt64Array.from([0n, 63n, 5n, 7n, 1n, 2n]), 'int64', [2, 3]);
    const want = [0, 63, 5, 71, 65, 66];
    const pad = upload(new Float32Array(4), 'float32', [4]);
    // gather encodes 4 dispatches (bounds init, check, report, gather): end the batch after each one.
    for (let before = BATCH_SIZE - 4; before < BATCH_SIZE; before++) {
      const out = upload(new Float32Array(6), 'float32', [2, 3]); // (a write submits the batch)
      await b.sync(); // a fresh batch
      for (let k = 0; k < before; k++) b.fill(pad, k);
      b.gather(x, 1, index, out);
      // Later dispatches take pooled params buffers and write them before the pending copy runs.
      for (let k = 0; k < 4; k++) b.fill(pad, k);
      const got = Array.from((await b.read(out.storage.handle, 'float32', 0, 6)) as Float32Array);
      expect(got, `${before} dispatches before the gather`).toEqual(want);
      b.free(out.storage.handle);
    }
    for (const v of [x, index, pad]) b.free(v.storage.handle);
  });
});
