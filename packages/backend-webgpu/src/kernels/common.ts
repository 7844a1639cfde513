/**
 * Pieces shared by the kernels: the view type they take and its buffer, the module prelude (bindings,
 * library, accessors) on top of the WGSL layer (wgsl/storage.ts, wgsl/views.ts, wgsl/params.ts,
 * wgsl/library.ts) and the Program contract of program.ts, WGSL expressions per compute type, and host
 * helpers that merge dims and check sizes.
 */
import type { View } from '@x/tensor';
import type { GpuBuffer } from '../pool';
import { library } from '../wgsl/library';
import type { Params, ParamTypes } from '../wgsl/params';
import { computeType, isSubWord, loadFn, requires, storeFn, type ComputeType } from '../wgsl/storage';
import { bindings, coalesce, type Operand } from '../wgsl/views';

export type { ComputeType };
export { computeType };

/** What a kernel sees of a tensor on this backend: its storage handle is a pooled GPU buffer. */
export type GpuView = View<GpuBuffer>;

/** The storage buffer of a view. */
export function bufferOf(v: GpuView): GpuBuffer {
  return v.storage.handle;
}

/**
 * Bindings (params, inputs, outputs), the library snippets the dtypes and `libs` need, and the
 * accessors: `load_<name>` for every operand (outputs too, atomic-aware), `store_<name>` for outputs.
 * Operands with dtype 'u32' are raw word buffers (no accessors); outputs named in `atomicWords` are
 * declared `array<atomic<u32>>`.
 */
export function prelude(
  params: Params<ParamTypes>, inputs: readonly Operand[], outputs: readonly Operand[], libs: readonly string[] = [], atomicWords: readonly string[] = [],
): string {
  const names = new Set<string>(['float', 'int64', ...libs]);
  for (const o of [...inputs, ...outputs]) if (o.dtype !== 'u32') for (const r of requires(o.dtype)) names.add(r);
  const fns: string[] = [];
  for (const o of inputs) if (o.dtype !== 'u32') fns.push(loadFn(o.name, o.dtype));
  for (const o of outputs) {
    if (o.dtype === 'u32') continue;
    fns.push(loadFn(o.name, o.dtype, isSubWord(o.dtype)));
    fns.push(storeFn(o.name, o.dtype));
  }
  return [bindings(params, inputs, outputs, atomicWords), library(names), ...fns].join('\n');
}

/** WGSL literals of a compute type. */
export function zeroOf(t: ComputeType): string {
  return { f32: '0.0', i32: '0i', u32: '0u', 'vec2<u32>': 'vec2<u32>(0u, 0u)' }[t];
}
export function oneOf(t: ComputeType): string {
  return { f32: '1.0', i32: '1i', u32: '1u', 'vec2<u32>': 'vec2<u32>(1u, 0u)' }[t];
}
export function addOf(t: ComputeType, a: string, b: string): string {
  return t === 'vec2<u32>' ? `i64_add(${a}, ${b})` : `(${a} + ${b})`;
}
export function mulOf(t: ComputeType, a: string, b: string): string {
  return t === 'vec2<u32>' ? `i64_mul(${a}, ${b})` : `(${a} * ${b})`;
}
/** a < b in the compute type (false when either is NaN). */
export function ltOf(t: ComputeType, a: string, b: string): string {
  return t === 'vec2<u32>' ? `i64_lt(${a}, ${b})` : `(${a} < ${b})`;
}
export function isNanOf(t: ComputeType, v: string): string {
  return t === 'f32' ? `f32_is_nan(${v})` : 'false';
}
/** v != 0 (NaN is nonzero; tested on bits, as WGSL may assume floats are never NaN). */
export function nonzeroOf(t: ComputeType, v: string): string {
  if (t === 'f32') return `(!f32_is_zero(${v}))`;
  return t === 'vec2<u32>' ? `((${v}.x | ${v}.y) != 0u)` : `(${v} != ${zeroOf(t)})`;
}

// ------------------------------------------------------------------ host side

/** The most dims a kernel indexes after merging (the capacity of its `dims` parameters). */
export const MAX_RANK = 12;

export interface Merged {
  readonly shape: number[];
  /** One stride list per operand, each as long as `shape`. */
  readonly strides: number[][];
}

/** `coalesce`, refusing more dims than the kernels' `dims` parameters hold. */
export function merge(what: string, shape: readonly number[], strides: readonly (readonly number[])[]): Merged {
  const merged = coalesce(shape, strides);
  if (merged.shape.length > MAX_RANK) {
    throw new Error(`@x/backend-webgpu: ${what} needs ${merged.shape.length} dims after merging; at most ${MAX_RANK} are supported`);
  }
  return merged;
}

export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** Kernels index elements with u32 arithmetic; refuse what would wrap. */
export function checkSize(what: string, n: number): void {
  if (n > 0x7fffffff) throw new Error(`@x/backend-webgpu: ${what} of ${n} elements exceeds the 2^31 - 1 elements a kernel indexes`);
}

/** Row-major contiguous strides. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    s[d] = acc;
    acc *= shape[d]!;
  }
  return s;
}
