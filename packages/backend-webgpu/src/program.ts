/**
 * How a kernel file describes one GPU dispatch to the backend.
 *
 * THE CONTRACT (every file in src/kernels/ follows it; W1a owns it, document any change here):
 * - A kernel file exports functions that take Views (and plain parameters) and return a `Program`,
 *   or call `ctx.run(program)` several times through the `KernelContext` they are given. They never
 *   touch the device, never read back, and never loop over elements in JS.
 * - `key` names the WGSL exactly: two programs with the same key must have the same `code()`
 *   (the backend caches one pipeline per key and calls `code()` only on a miss). Put in the key every
 *   choice that changes the text: the kernel and op name, dtypes, ranks, flags — never sizes, strides
 *   or offsets, which travel in `meta`.
 * - Bindings, all in @group(0): binding 0 is `params: array<u32>` (read-only storage holding `meta`; `meta` is a reserved word in WGSL),
 *   then one binding per entry of `inputs` (read-only), then one per entry of `outputs` (read_write),
 *   in that order. `bindings(...)` in wgsl/views.ts writes these declarations. Every declared binding
 *   must be used by the shader (a kernel that does not need one should not list it).
 * - Buffers are storage handles (`view.storage.handle`, or a scratch buffer from `ctx.scratch`);
 *   the whole buffer is bound, element offsets come through `meta`.
 * - `workgroups` is the dispatch size, [x, y, z]; use `dispatch1d` for one invocation per element,
 *   which spills into y beyond 65535 workgroups (the WGSL side computes the linear index with
 *   `linearIndex()` from wgsl/views.ts).
 * - An input buffer must not also be an output of the same program (WebGPU forbids a writable and a
 *   read-only binding of one buffer in a dispatch); the backend copies such an input first.
 */
import type { GpuBuffer } from './pool';

export interface Program {
  /** Pipeline cache key: equal keys mean equal WGSL. */
  readonly key: string;
  /** The WGSL source (called once per key). */
  readonly code: () => string;
  /** u32 words bound at binding 0 (sizes, shapes, strides, offsets, scalar bit patterns). */
  readonly meta: ArrayLike<number>;
  /** Read-only storage buffers, bindings 1..inputs.length. */
  readonly inputs: readonly GpuBuffer[];
  /** Writable storage buffers, the bindings after the inputs. */
  readonly outputs: readonly GpuBuffer[];
  readonly workgroups: readonly [number, number, number];
}

/** What a kernel may ask of the backend while it encodes its dispatches. */
export interface KernelContext {
  /** Encodes a dispatch into the current batch (submitted on the next read or when the batch fills). */
  run(program: Program): void;
  /**
   * A temporary buffer of at least `byteLength` bytes, usable by every dispatch the kernel encodes
   * (even across a batch submit); it returns to the pool once the kernel has finished encoding.
   */
  scratch(byteLength: number): GpuBuffer;
  /**
   * Copies `words` u32 words of `src` out after the dispatches encoded so far; before the next read
   * resolves, `check` sees them, and a returned message becomes that read's Error (bounds checks).
   */
  deferCheck?(src: GpuBuffer, words: number, check: (words: Uint32Array) => string | null): void;
  /** Device limits a kernel may need to size its work (e.g. maxComputeWorkgroupStorageSize). */
  readonly limits: GPUSupportedLimits;
}

/** The largest number of workgroups in one dispatch dimension WebGPU guarantees. */
export const MAX_WORKGROUPS_PER_DIM = 65535;

/** Workgroups for `n` invocations of `workgroupSize` each: x up to 65535, the rest in y. */
export function dispatch1d(n: number, workgroupSize: number): [number, number, number] {
  const groups = Math.max(1, Math.ceil(n / workgroupSize));
  if (groups <= MAX_WORKGROUPS_PER_DIM) return [groups, 1, 1];
  const y = Math.ceil(groups / MAX_WORKGROUPS_PER_DIM);
  if (y > MAX_WORKGROUPS_PER_DIM) throw new Error(`a kernel over ${n} elements needs more workgroups than WebGPU allows`);
  return [MAX_WORKGROUPS_PER_DIM, y, 1];
}

/** Builds `meta` words: u32, i32 and f32 values as their bit patterns. */
export class MetaWriter {
  private readonly words: number[] = [];
  get length(): number {
    return this.words.length;
  }
  u32(v: number): this {
    this.words.push(v >>> 0);
    return this;
  }
  i32(v: number): this {
    this.words.push(v | 0);
    return this;
  }
  f32(v: number): this {
    F32[0] = v;
    this.words.push(U32[0]!);
    return this;
  }
  /** An int64 as two words, low then high. */
  i64(v: bigint): this {
    const w = BigInt.asUintN(64, v);
    this.words.push(Number(w & 0xffffffffn), Number(w >> 32n));
    return this;
  }
  all(vs: readonly number[]): this {
    for (const v of vs) this.u32(v);
    return this;
  }
  finish(): Uint32Array {
    return Uint32Array.from(this.words.length > 0 ? this.words : [0], (v) => v >>> 0);
  }
}

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);
