/**
 * Pieces shared by the W1b kernels (reduce, scan, matmul, gather, scatter, sort, im2col, col2im,
 * softmax) on top of W1a's WGSL layer (wgsl/storage.ts, wgsl/views.ts, wgsl/library.ts) and the
 * Program contract of program.ts: the module prelude (bindings, library, accessors), the strided
 * offset function over layouts in `meta`, and host helpers that merge dims and write `meta`.
 */
import type { DType, View } from '@x/tensor';
import type { GpuBuffer } from '../pool';
import { library } from '../wgsl/library';
import { computeType, loadFn, requires, storeFn, type ComputeType } from '../wgsl/storage';
import { type Operand } from '../wgsl/views';
import { bindingDecl } from '../wgsl/storage';

export type { ComputeType };
export { computeType };

/** The storage buffer of a view. */
export function bufferOf(v: View): GpuBuffer {
  return v.storage.handle as GpuBuffer;
}

/**
 * Bindings (meta, inputs, outputs), the library snippets the dtypes and `libs` need, and the
 * accessors: `load_<name>` for every operand (outputs too, atomic-aware), `store_<name>` for outputs.
 * Operands with dtype 'u32' are raw word buffers (no accessors); outputs named in `atomicWords` are
 * declared `array<atomic<u32>>`.
 */
export function prelude(inputs: readonly Operand[], outputs: readonly Operand[], libs: readonly string[] = [], atomicWords: readonly string[] = []): string {
  const names = new Set<string>(['float', 'int64', ...libs]);
  for (const o of [...inputs, ...outputs]) if (o.dtype !== 'u32') for (const r of requires(o.dtype)) names.add(r);
  const fns: string[] = [];
  for (const o of inputs) if (o.dtype !== 'u32') fns.push(loadFn(o.name, o.dtype));
  for (const o of outputs) {
    if (o.dtype === 'u32') continue;
    fns.push(loadFn(o.name, o.dtype, isSubWordDType(o.dtype)));
    fns.push(storeFn(o.name, o.dtype));
  }
  const decls = [`@group(0) @binding(0) var<storage, read> ${META}: array<u32>;`];
  let b = 1;
  for (const o of inputs) decls.push(bindingDecl(o.name, b++, o.dtype, 'read'));
  for (const o of outputs) {
    if (atomicWords.includes(o.name)) decls.push(`@group(0) @binding(${b++}) var<storage, read_write> ${o.name}: array<atomic<u32>>;`);
    else decls.push(bindingDecl(o.name, b++, o.dtype, 'read_write'));
  }
  return [...decls, library(names), STRIDED.replaceAll('meta', META), ...fns].join('\n');
}

/**
 * The name of binding 0 in these kernels' WGSL (program.ts's "meta" words). Not `meta`: that is a
 * reserved word in WGSL. Kernel sources write `meta[...]` and `withMeta` renames it.
 */
export const META = 'params';
/** Kernel source written with `meta[...]`, renamed to the binding's real name. */
export function withMeta(code: string): string {
  return code.replace(/\bmeta\[/g, `${META}[`);
}

function isSubWordDType(d: DType): boolean {
  return d === 'float16' || d === 'bfloat16' || d === 'uint8' || d === 'bool';
}

/**
 * `strided_offset(lin, rank, shapeAt, stridesAt) -> u32`: the element offset (relative to the view's
 * offset; u32 arithmetic wraps, so negative strides work) of row-major position `lin` of a layout
 * whose sizes and strides sit in `meta` at the given word positions.
 */
const STRIDED = /* wgsl */ `
fn strided_offset(lin: u32, rank: u32, shapeAt: u32, stridesAt: u32) -> u32 {
  var rem = lin;
  var off = 0u;
  for (var d = i32(rank) - 1; d >= 0; d = d - 1) {
    let s = meta[shapeAt + u32(d)];
    off = off + (rem % s) * meta[stridesAt + u32(d)];
    rem = rem / s;
  }
  return off;
}
`;

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

/** The most dims a kernel indexes after merging (each meta section is this long). */
export const MAX_RANK = 12;

export interface Merged {
  readonly shape: number[];
  /** One stride list per operand, each as long as `shape`. */
  readonly strides: number[][];
}

/**
 * Merges adjacent dims where every operand steps the outer dim as `size` steps of the inner one, and
 * drops size-1 dims (wgsl/views.ts `coalesce`, plus the rank check of these kernels).
 */
export function merge(what: string, shape: readonly number[], strides: readonly (readonly number[])[]): Merged {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d]!;
    if (size === 1) continue;
    const k = outShape.length;
    if (k > 0 && strides.every((s, j) => outStrides[j]![k - 1] === size * s[d]!)) {
      outShape[k - 1]! *= size;
      strides.forEach((s, j) => (outStrides[j]![k - 1] = s[d]!));
      continue;
    }
    outShape.push(size);
    strides.forEach((s, j) => outStrides[j]!.push(s[d]!));
  }
  if (outShape.length > MAX_RANK) {
    throw new Error(`@x/backend-webgpu: ${what} needs ${outShape.length} dims after merging; at most ${MAX_RANK} are supported`);
  }
  return { shape: outShape, strides: outStrides };
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

/**
 * meta words: a header of `header` words, then sections of MAX_RANK words (shapes, strides);
 * `Meta.at(header, k)` is where section k starts (for the WGSL text, which is keyed by layout).
 */
export class Meta {
  readonly words: Uint32Array;
  constructor(readonly header: number, sections: number) {
    this.words = new Uint32Array(header + sections * MAX_RANK);
  }
  static at(header: number, k: number): number {
    return header + k * MAX_RANK;
  }
  /** A header word (negative values wrap, as strides do). */
  set(i: number, v: number): this {
    this.words[i] = v >>> 0;
    return this;
  }
  f32(i: number, v: number): this {
    F32[0] = v;
    this.words[i] = U32[0]!;
    return this;
  }
  list(k: number, values: readonly number[]): this {
    const at = this.header + k * MAX_RANK;
    values.forEach((v, j) => (this.words[at + j] = v >>> 0));
    return this;
  }
}
const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

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
