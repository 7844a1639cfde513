/**
 * How a kernel file describes one GPU dispatch to the backend.
 *
 * THE CONTRACT (every file in src/kernels/ follows it; document any change here):
 * - A kernel file exports functions that take Views (and plain parameters) and return a `Program`,
 *   or call `ctx.run(program)` several times through the `KernelContext` they are given. They never
 *   touch the device, never read back, and never loop over elements in JS.
 * - `key` names the WGSL exactly: two programs with the same key must have the same `code()`
 *   (the backend caches one pipeline per key and calls `code()` only on a miss). Put in the key every
 *   choice that changes the text: the kernel and op name, dtypes, ranks, flags — never sizes, strides
 *   or offsets, which travel in `params`.
 * - Bindings, all in @group(0): binding 0 is `params`, read-only storage holding the struct a kernel
 *   describes once with wgsl/params.ts (its WGSL and `params` words come from that description, and
 *   the shader reads each by name), then one binding per entry of `inputs` (read-only), then one per
 *   entry of `outputs` (read_write), in that order. `bindings(...)` in wgsl/views.ts writes these
 *   declarations. Every declared binding must be used by the shader (a kernel that does not need one
 *   should not list it).
 * - Buffers are storage handles (`view.storage.handle`, or a scratch buffer from `ctx.scratch`);
 *   the whole buffer is bound, element offsets come through `params`.
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
  /** The words of binding 0, written by the kernel's `Params` description (sizes, shapes, strides, offsets, scalars). */
  readonly params: Uint32Array;
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
