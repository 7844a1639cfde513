/**
 * GPU buffers pooled by size class and usage. Creating a GPUBuffer is slow and training allocates the
 * same sizes every step, so freed buffers wait in the pool for the next request of their class.
 *
 * Size classes: multiples of 256 bytes up to 4 KiB, then 8 steps per power of two (at most 12.5%
 * waste). A buffer released while commands that may use it are still unsubmitted goes back only when
 * the batch is submitted (the backend calls `recycle()`), so a queue.writeBuffer into a reused buffer
 * can never overtake a dispatch encoded earlier.
 *
 * Out of memory: creation that throws empties the pool and retries once. WebGPU usually reports
 * out-of-memory asynchronously instead (an uncaptured GPUOutOfMemoryError): the runtime then calls
 * `outOfMemory`, which empties the pool and makes the next allocation throw a clear Error.
 */

/** A pooled buffer: the GPUBuffer and the size class it belongs to. */
export interface GpuBuffer {
  readonly buffer: GPUBuffer;
  /** Bytes of the GPUBuffer (the size class, ≥ the bytes asked for). */
  readonly size: number;
  readonly usage: number;
}

export function sizeClass(bytes: number): number {
  const b = Math.max(4, bytes);
  if (b <= 4096) return Math.ceil(b / 256) * 256;
  const p = 2 ** Math.floor(Math.log2(b));
  const step = p / 8;
  return Math.ceil(b / step) * step;
}

export class BufferPool {
  private readonly free = new Map<string, GpuBuffer[]>();
  private pending: GpuBuffer[] = [];
  private pooledBytes = 0;
  private liveBytes = 0;
  private asyncError: string | null = null;

  constructor(private readonly device: GPUDevice) {}

  /** Bytes handed out and not yet released (the tensors' memory plus scratch). */
  get bytesInUse(): number {
    return this.liveBytes;
  }
  /** Bytes parked in the pool. */
  get bytesPooled(): number {
    return this.pooledBytes;
  }

  acquire(bytes: number, usage: number): GpuBuffer {
    if (this.asyncError) {
      const e = this.asyncError;
      this.asyncError = null;
      throw new Error(e);
    }
    const size = sizeClass(bytes);
    const key = `${usage}:${size}`;
    const list = this.free.get(key);
    const hit = list?.pop();
    if (hit) {
      this.pooledBytes -= size;
      this.liveBytes += size;
      return hit;
    }
    const buffer = this.create(size, usage);
    this.liveBytes += size;
    return { buffer, size, usage };
  }

  private create(size: number, usage: number): GPUBuffer {
    const max = this.device.limits.maxBufferSize;
    if (size > max) throw new Error(`cannot allocate ${size} bytes on the webgpu device: its largest buffer is ${max} bytes`);
    try {
      return this.device.createBuffer({ size, usage });
    } catch {
      // Out of memory (implementations that report it by throwing): drop the pooled buffers, retry once.
      this.empty();
      return this.device.createBuffer({ size, usage });
    }
  }

  /**
   * Called by the runtime when the device reports out-of-memory asynchronously (an uncaptured
   * GPUOutOfMemoryError): the pool is emptied and the next allocation throws this Error.
   */
  outOfMemory(message: string): void {
    this.empty();
    this.asyncError = `the webgpu device ran out of memory (${message}); the buffer pool was emptied, free some tensors and retry`;
  }

  /** Returns a buffer; it is reusable once the current batch is submitted. */
  release(b: GpuBuffer): void {
    this.liveBytes -= b.size;
    this.pending.push(b);
  }

  /** Called after a submit: buffers released before it go back to the pool. */
  recycle(): void {
    for (const b of this.pending) {
      const key = `${b.usage}:${b.size}`;
      let list = this.free.get(key);
      if (!list) this.free.set(key, (list = []));
      list.push(b);
      this.pooledBytes += b.size;
    }
    this.pending = [];
  }

  /** Destroys every pooled buffer (on out-of-memory, or when the backend is disposed). */
  empty(): void {
    for (const list of this.free.values()) for (const b of list) b.buffer.destroy();
    this.free.clear();
    this.pooledBytes = 0;
  }
}
