/**
 * The WebGPU backend: tensors on device 'webgpu' live in pooled GPU buffers, and every kernel is a
 * WGSL compute program (src/kernels/) dispatched through the Runtime (pipeline cache, batched
 * submits, async readback). There is no readSync: reading a GPU tensor synchronously gives the tensor
 * layer's "use await t.numpyAsync()" Error.
 */
import type { Backend, BinaryOp, DType, Im2ColParams, RandomArgs, ReduceOp, ScanOp, StorageArray, UnaryOp } from '@x/tensor';
import type { GpuBuffer } from './pool';
import { Runtime } from './runtime';
import { gpuItemSize, unsupportedDTypeMessage } from './wgsl/storage';
import * as kernels from './kernels';
import type { GpuView } from './kernels/common';

const ARRAY_TYPES: Record<DType, { new (b: ArrayBuffer, off: number, n: number): StorageArray } | null> = {
  float32: Float32Array, float16: Uint16Array, bfloat16: Uint16Array, int32: Int32Array, int64: BigInt64Array,
  uint8: Uint8Array, bool: Uint8Array, float64: null,
} as never;

export class WebGPUBackend implements Backend<GpuBuffer> {
  readonly name = 'webgpu';
  readonly device = 'webgpu';
  readonly runtime: Runtime;

  constructor(
    readonly gpuDevice: GPUDevice,
    /** The adapter's description, e.g. "google swiftshader" (benchmarks print it). */
    readonly adapterName = 'unknown adapter',
    /**
     * Objects that must live as long as the device: the GPU entry point and the adapter (in Node,
     * Dawn destroys its instance when `create([])`'s result is garbage-collected, under a live device).
     */
    readonly keepAlive: readonly unknown[] = [],
  ) {
    this.runtime = new Runtime(gpuDevice);
  }

  supportsDtype(dtype: DType): boolean {
    return dtype !== 'float64';
  }
  unsupportedDtypeReason(dtype: DType): string {
    return dtype === 'float64' ? 'WGSL has no 64-bit floats' : `${dtype} is supported`;
  }

  // ---- storage ----
  alloc(byteLength: number): GpuBuffer {
    return this.runtime.alloc(byteLength);
  }
  free(handle: GpuBuffer): void {
    this.runtime.release(handle);
  }
  write(handle: GpuBuffer, data: StorageArray, offset: number): void {
    if (data instanceof Float64Array) throw new Error(unsupportedDTypeMessage('float64'));
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.runtime.write(handle, offset * data.BYTES_PER_ELEMENT, bytes);
  }
  async read(handle: GpuBuffer, dtype: DType, offset: number, length: number): Promise<StorageArray> {
    const Ctor = ARRAY_TYPES[dtype];
    if (!Ctor) throw new Error(unsupportedDTypeMessage(dtype));
    const size = gpuItemSize(dtype);
    const bytes = await this.runtime.read(handle, offset * size, length * size);
    return new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, length);
  }
  bytesInUse(): number {
    return this.runtime.pool.bytesInUse;
  }
  /** After a reclaim for a failed allocation: the buffers just released come back, the pool is destroyed. */
  trim(): void {
    this.runtime.flush();
    this.runtime.pool.empty();
  }
  /** Resolves when the GPU has finished all work submitted so far (for timing). */
  sync(): Promise<void> {
    return this.runtime.sync();
  }

  // ---- kernels ----
  unary(op: UnaryOp, x: GpuView, out: GpuView): void {
    this.runtime.run(kernels.unaryProgram(op, x, out));
  }
  binary(op: BinaryOp, a: GpuView | number, b: GpuView | number, out: GpuView): void {
    this.runtime.run(kernels.binaryProgram(op, a, b, out));
  }
  where(cond: GpuView, a: GpuView, b: GpuView, out: GpuView): void {
    this.runtime.run(kernels.whereProgram(cond, a, b, out));
  }
  copy(src: GpuView, dst: GpuView): void {
    this.runtime.run(kernels.copyProgram(src, dst));
  }
  fill(dst: GpuView, value: number): void {
    this.runtime.run(kernels.fillProgram(dst, value));
  }
  random(out: GpuView, args: RandomArgs): void {
    this.runtime.run(kernels.randomProgram(out, args));
  }
  reduce(op: ReduceOp, x: GpuView, out: GpuView): void {
    this.runtime.kernel(() => kernels.reduce(this.runtime, op, x, out));
  }
  scan(op: ScanOp, x: GpuView, out: GpuView, dim: number): void {
    this.runtime.kernel(() => kernels.scan(this.runtime, op, x, out, dim));
  }
  matmul(a: GpuView, b: GpuView, out: GpuView): void {
    this.runtime.kernel(() => kernels.matmul(this.runtime, a, b, out));
  }
  gather(x: GpuView, dim: number, index: GpuView, out: GpuView, message?: (j: string) => string): void {
    this.runtime.kernel(() => kernels.gather(this.runtime, x, dim, index, out, message));
  }
  scatter(dst: GpuView, dim: number, index: GpuView, src: GpuView, reduce: 'none' | 'add', message?: (j: string) => string): void {
    this.runtime.kernel(() => kernels.scatter(this.runtime, dst, dim, index, src, reduce, message));
  }
  sort(x: GpuView, descending: boolean, values: GpuView, indices: GpuView): void {
    this.runtime.kernel(() => kernels.sort(this.runtime, x, descending, values, indices));
  }
  im2col(x: GpuView, params: Im2ColParams, out: GpuView): void {
    this.runtime.kernel(() => kernels.im2col(this.runtime, x, params, out));
  }
  col2im(cols: GpuView, params: Im2ColParams, out: GpuView): void {
    this.runtime.kernel(() => kernels.col2im(this.runtime, cols, params, out));
  }
  softmax(x: GpuView, out: GpuView, log: boolean): void {
    this.runtime.kernel(() => kernels.softmax(this.runtime, x, out, log));
  }
}
