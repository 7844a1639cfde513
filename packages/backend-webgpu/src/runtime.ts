/**
 * The device side of the backend: pipelines cached by program key, dispatches batched into one
 * command encoder and submitted when a read needs them or the batch fills, buffers from the pool,
 * and async readback through a mapped staging buffer.
 */
import { BufferPool, type GpuBuffer } from './pool';
import { COMPUTE_STAGE, MAP_READ_MODE, Usage } from './device';
import type { KernelContext, Program } from './program';

/** Dispatches per submitted batch: enough to amortise a submit, few enough to keep the GPU busy early. */
const BATCH_SIZE = 64;

export const STORAGE_USAGE = Usage.STORAGE | Usage.COPY_SRC | Usage.COPY_DST;

interface Pipeline {
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
}

export class Runtime implements KernelContext {
  readonly pool: BufferPool;
  private readonly pipelines = new Map<string, Pipeline>();
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private dispatches = 0;
  private error: string | null = null;
  private checks: { staging: GpuBuffer; words: number; check: (w: Uint32Array) => string | null }[] = [];
  private lost: string | null = null;
  /** Scratch buffers of the kernel being encoded, released when it is (see scratch). */
  private held: GpuBuffer[] = [];
  private kernelDepth = 0;
  private releaseQueued = false;

  constructor(readonly device: GPUDevice) {
    this.pool = new BufferPool(device);
    device.addEventListener?.('uncapturederror', (ev) => {
      const e = (ev as GPUUncapturedErrorEvent).error;
      if (e.constructor?.name === 'GPUOutOfMemoryError') this.pool.outOfMemory(e.message);
      else this.error ??= `webgpu device error: ${e.message}`;
    });
    void device.lost.then((info) => {
      this.lost = `the webgpu device was lost (${info.reason}: ${info.message})`;
    });
  }

  get limits(): GPUSupportedLimits {
    return this.device.limits;
  }

  /** Throws the first asynchronous device error, once. */
  checkErrors(): void {
    if (this.lost) throw new Error(this.lost);
    if (this.error) {
      const e = this.error;
      this.error = null;
      throw new Error(e);
    }
  }

  alloc(bytes: number): GpuBuffer {
    this.checkErrors();
    return this.pool.acquire(Math.ceil(Math.max(bytes, 4) / 4) * 4, STORAGE_USAGE);
  }

  release(b: GpuBuffer): void {
    this.pool.release(b);
    if (!this.encoder) this.pool.recycle();
  }

  /**
   * A kernel's temporary buffer. It may be bound by several of the kernel's dispatches (gather's bounds
   * report: init, check, report, then the deferCheck copy), and the batch may fill and be submitted
   * between two of them: released at once, it went back to the pool at that mid-kernel submit and was
   * handed out again (as a later dispatch's params, written by queue.writeBuffer before the rest of the
   * kernel ran), so the kernel read someone else's words. It is therefore held until the kernel has
   * encoded all its dispatches, the end of the enclosing `kernel()` call (or, for a caller that encodes
   * kernels outside one, the end of the current synchronous task), and only then released: back in the
   * pool at the next submit, after its last use.
   */
  scratch(byteLength: number): GpuBuffer {
    const b = this.alloc(byteLength);
    this.held.push(b);
    if (this.kernelDepth === 0 && !this.releaseQueued) {
      this.releaseQueued = true;
      queueMicrotask(() => {
        this.releaseQueued = false;
        if (this.kernelDepth === 0) this.releaseHeld();
      });
    }
    return b;
  }

  /**
   * Encodes a kernel (`encode` calls run(), scratch(), deferCheck()); the scratch buffers it takes stay
   * out of the pool until it returns, however many batches its dispatches span.
   */
  kernel<T>(encode: () => T): T {
    const mark = this.held.length; // buffers held before belong to an enclosing caller
    this.kernelDepth++;
    try {
      return encode();
    } finally {
      this.kernelDepth--;
      this.releaseHeld(mark);
    }
  }

  private releaseHeld(from = 0): void {
    for (const b of this.held.splice(from)) this.pool.release(b);
    // With no batch open, every dispatch that used them has been submitted.
    if (!this.encoder) this.pool.recycle();
  }

  /** A buffer used by one dispatch only (its params, a copy of an aliased input), released at once. */
  private temp(byteLength: number): GpuBuffer {
    const b = this.alloc(byteLength);
    this.pool.release(b); // back at the next submit, which comes after the dispatch that uses it
    return b;
  }

  private pipelineFor(p: Program, bindingCount: number, outputsFrom: number): Pipeline {
    let hit = this.pipelines.get(p.key);
    if (hit) return hit;
    const code = p.code();
    const module = this.device.createShaderModule({ code, label: p.key });
    const entries: GPUBindGroupLayoutEntry[] = [];
    for (let b = 0; b < bindingCount; b++) {
      entries.push({ binding: b, visibility: COMPUTE_STAGE, buffer: { type: b >= outputsFrom ? 'storage' : 'read-only-storage' } });
    }
    const layout = this.device.createBindGroupLayout({ entries, label: p.key });
    const pipeline = this.device.createComputePipeline({
      layout: this.device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      compute: { module, entryPoint: 'main' },
      label: p.key,
    });
    if (process_env_debug()) {
      void module.getCompilationInfo().then((info) => {
        for (const m of info.messages) if (m.type === 'error') console.error(`WGSL error in ${p.key}: ${m.message} (line ${m.lineNum})\n${code}`);
      });
    }
    hit = { pipeline, layout };
    this.pipelines.set(p.key, hit);
    return hit;
  }

  private computePass(): GPUComputePassEncoder {
    this.encoder ??= this.device.createCommandEncoder();
    this.pass ??= this.encoder.beginComputePass();
    return this.pass;
  }

  private endPass(): GPUCommandEncoder {
    this.encoder ??= this.device.createCommandEncoder();
    if (this.pass) {
      this.pass.end();
      this.pass = null;
    }
    return this.encoder;
  }

  run(p: Program): void {
    this.checkErrors();
    if (p.workgroups[0] * p.workgroups[1] * p.workgroups[2] === 0) return;
    const outs = new Set(p.outputs.map((b) => b.buffer));
    // An input that is also an output is read from a copy (WebGPU forbids the aliasing bindings).
    const inputs = p.inputs.map((b) => {
      if (!outs.has(b.buffer)) return b;
      const copy = this.temp(b.size);
      this.endPass().copyBufferToBuffer(b.buffer, 0, copy.buffer, 0, b.size);
      return copy;
    });
    const params = this.temp(p.params.byteLength);
    this.device.queue.writeBuffer(params.buffer, 0, p.params as Uint32Array<ArrayBuffer>);
    const buffers = [params, ...inputs, ...p.outputs];
    const { pipeline, layout } = this.pipelineFor(p, buffers.length, 1 + inputs.length);
    const bindGroup = this.device.createBindGroup({
      layout,
      entries: buffers.map((b, binding) => ({ binding, resource: { buffer: b.buffer } })),
    });
    const pass = this.computePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(p.workgroups[0], p.workgroups[1], p.workgroups[2]);
    if (++this.dispatches >= BATCH_SIZE) this.flush();
  }

  /**
   * Copies `words` u32 words of `src` out after the dispatches encoded so far; the next read() or
   * sync() maps them and calls `check`, and a returned message becomes that read's Error (a GPU
   * cannot throw: this is how gather/scatter report an index out of bounds, as CUDA's device asserts).
   */
  deferCheck(src: GpuBuffer, words: number, check: (w: Uint32Array) => string | null): void {
    const staging = this.pool.acquire(words * 4, Usage.MAP_READ | Usage.COPY_DST);
    this.endPass().copyBufferToBuffer(src.buffer, 0, staging.buffer, 0, words * 4);
    this.checks.push({ staging, words, check });
  }

  /** Maps the pending checks' words (after a flush) and throws the first failure. */
  private async settleChecks(): Promise<void> {
    if (this.checks.length === 0) return;
    const pending = this.checks.splice(0);
    let failure: string | null = null;
    for (const c of pending) {
      await c.staging.buffer.mapAsync(MAP_READ_MODE, 0, c.words * 4);
      const w = new Uint32Array(c.staging.buffer.getMappedRange(0, c.words * 4).slice(0));
      c.staging.buffer.unmap();
      this.pool.release(c.staging);
      failure ??= c.check(w);
    }
    if (!this.encoder) this.pool.recycle();
    if (failure !== null) throw new RangeError(failure);
  }

  /** Submits the pending batch (if any) and recycles buffers released while it was open. */
  flush(): void {
    if (this.encoder) {
      const enc = this.endPass();
      this.encoder = null;
      this.dispatches = 0;
      this.device.queue.submit([enc.finish()]);
    }
    this.pool.recycle();
  }

  /** Writes bytes at a 4-byte aligned offset, after everything encoded so far. */
  write(dst: GpuBuffer, byteOffset: number, bytes: Uint8Array): void {
    this.checkErrors();
    if (byteOffset % 4 !== 0) throw new Error(`webgpu write at byte offset ${byteOffset}: offsets must be multiples of 4`);
    this.flush();
    const padded = bytes.byteLength % 4 === 0 ? bytes : padTo4(bytes);
    if (byteOffset + padded.byteLength > dst.size) throw new Error(`webgpu write of ${bytes.byteLength} bytes at ${byteOffset} overflows a ${dst.size}-byte buffer`);
    this.device.queue.writeBuffer(dst.buffer, byteOffset, padded as Uint8Array<ArrayBuffer>);
  }

  /** Reads bytes [byteOffset, byteOffset + byteLength) after everything encoded so far. */
  async read(src: GpuBuffer, byteOffset: number, byteLength: number): Promise<Uint8Array> {
    this.checkErrors();
    const start = Math.floor(byteOffset / 4) * 4;
    const end = Math.ceil((byteOffset + byteLength) / 4) * 4;
    const size = Math.max(end - start, 4);
    const staging = this.pool.acquire(size, Usage.MAP_READ | Usage.COPY_DST);
    this.endPass().copyBufferToBuffer(src.buffer, start, staging.buffer, 0, size);
    this.flush();
    try {
      await this.settleChecks();
      await staging.buffer.mapAsync(MAP_READ_MODE, 0, size);
      const mapped = new Uint8Array(staging.buffer.getMappedRange(0, size));
      const out = mapped.slice(byteOffset - start, byteOffset - start + byteLength);
      staging.buffer.unmap();
      return out;
    } finally {
      this.pool.release(staging);
      if (!this.encoder) this.pool.recycle();
      this.checkErrors();
    }
  }

  /** Resolves when the GPU has finished everything submitted so far. */
  async sync(): Promise<void> {
    this.flush();
    await this.settleChecks();
    await this.device.queue.onSubmittedWorkDone();
    this.checkErrors();
  }
}

function padTo4(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(bytes.byteLength / 4) * 4);
  out.set(bytes);
  return out;
}

function process_env_debug(): boolean {
  const p = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return p?.env?.X_WEBGPU_DEBUG === '1';
}
