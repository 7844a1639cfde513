/**
 * Helpers of the kernel tests: the same data in the same layout on the reference backend and on the
 * wasm backend, and comparisons of whole storages (so writes outside a view are caught too).
 */
import { expect } from 'vitest';
import { bf16BitsToF32, f16BitsToF32, ReferenceBackend, Storage } from '@x/tensor';
import type { Backend, DType, HostView, StorageArray, View } from '@x/tensor';
import { createWasmBackendSync, type WasmBackend } from '../src/index';

export const ref = new ReferenceBackend();
let wasmInstance: WasmBackend | null = null;
/** One wasm backend per test file, with 2 threads so the parallel paths run too. */
export function wasm(): WasmBackend {
  return (wasmInstance ??= createWasmBackendSync({ threads: 2 }));
}

export const COMPUTE_DTYPES: DType[] = ['float32', 'float64', 'int32', 'int64', 'uint8', 'bool'];
export const ALL_DTYPES: DType[] = ['float32', 'float64', 'float16', 'bfloat16', 'int32', 'int64', 'uint8', 'bool'];
export const SIZE: Record<DType, number> = {
  float32: 4, float64: 8, float16: 2, bfloat16: 2, int32: 4, int64: 8, uint8: 1, bool: 1,
};

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Layout {
  shape: number[];
  strides: number[];
  offset: number;
  /** elements of storage */
  size: number;
}

export function contiguousStrides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let k = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = k;
    k *= Math.max(shape[i]!, 1);
  }
  return s;
}

export function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Layouts of a view of `shape`: contiguous, strided (every other element, offset), permuted, broadcast. */
export type LayoutKind = 'contiguous' | 'strided' | 'permuted' | 'broadcast';
export function layout(shape: number[], kind: LayoutKind): Layout {
  const n = numel(shape);
  switch (kind) {
    case 'contiguous':
      return { shape, strides: contiguousStrides(shape), offset: 0, size: Math.max(n, 1) };
    case 'strided': {
      const strides = contiguousStrides(shape).map((s) => s * 2);
      return { shape, strides, offset: 3, size: Math.max(2 * n + 3, 4) };
    }
    case 'permuted': {
      const rev = [...shape].reverse();
      const rs = contiguousStrides(rev);
      return { shape, strides: rs.reverse(), offset: 1, size: Math.max(n + 1, 2) };
    }
    case 'broadcast': {
      // every other dim (from the last) is broadcast
      const sh = shape.map((s, i) => ((shape.length - 1 - i) % 2 === 1 ? 1 : s));
      const st = contiguousStrides(sh).map((s, i) => (sh[i] === 1 && shape[i] !== 1 ? 0 : s));
      return { shape, strides: st, offset: 0, size: Math.max(numel(sh), 1) };
    }
  }
}

export type Gen = (r: () => number, i: number) => number;

/** Random storage contents for a dtype (numbers; int64 converted to BigInt on write). */
export function fillArray(dtype: DType, n: number, gen: Gen, r: () => number): StorageArray {
  switch (dtype) {
    case 'float32': return Float32Array.from({ length: n }, (_, i) => gen(r, i));
    case 'float64': return Float64Array.from({ length: n }, (_, i) => gen(r, i));
    case 'float16': return Uint16Array.from({ length: n }, (_, i) => gen(r, i));
    case 'bfloat16': return Uint16Array.from({ length: n }, (_, i) => gen(r, i));
    case 'int32': return Int32Array.from({ length: n }, (_, i) => gen(r, i));
    case 'int64': return BigInt64Array.from({ length: n }, (_, i) => BigInt(Math.trunc(gen(r, i))));
    case 'uint8': return Uint8Array.from({ length: n }, (_, i) => gen(r, i));
    case 'bool': return Uint8Array.from({ length: n }, (_, i) => (gen(r, i) ? 1 : 0));
  }
}

/** A default generator per dtype: small integers, floats with specials. */
export function defaultGen(dtype: DType): Gen {
  switch (dtype) {
    case 'float32':
    case 'float64':
      return (r) => {
        const u = r();
        if (u < 0.03) return [0, -0, Infinity, -Infinity, NaN, 1, -1, 0.5, -0.5, 2.5][Math.floor(r() * 10)]!;
        return (r() - 0.5) * 20;
      };
    case 'float16':
    case 'bfloat16':
      return (r) => Math.floor(r() * 65536);
    case 'int32':
    case 'int64':
      return (r) => Math.floor((r() - 0.5) * 200);
    case 'uint8':
      return (r) => Math.floor(r() * 256);
    case 'bool':
      return (r) => (r() < 0.5 ? 1 : 0);
  }
}

/** The same data in the same layout on both backends. */
export class Pair {
  readonly r: HostView;
  readonly w: View<number>;
  constructor(
    readonly dtype: DType,
    readonly lay: Layout,
    data: StorageArray,
  ) {
    const bytes = lay.size * SIZE[dtype];
    const mk = <H>(b: Backend<H>): View<H> => {
      const st = new Storage(b, b.alloc(bytes), bytes);
      b.write(st.handle, data, 0);
      return { storage: st, dtype, shape: lay.shape, strides: lay.strides, offset: lay.offset };
    };
    this.r = mk(ref);
    this.w = mk(wasm());
  }
  static random(dtype: DType, lay: Layout, r: () => number, gen: Gen = defaultGen(dtype)): Pair {
    return new Pair(dtype, lay, fillArray(dtype, lay.size, gen, r));
  }
  /** Same storage, another layout (views sharing data). */
  view(shape: number[], strides: number[], offset: number): { r: HostView; w: View<number> } {
    return {
      r: { ...this.r, shape, strides, offset },
      w: { ...this.w, shape, strides, offset },
    };
  }
  free(): void {
    ref.free(this.r.storage.handle);
    wasm().free(this.w.storage.handle);
  }
}

export interface Tol {
  rtol: number;
  atol: number;
  /** compare -0 and +0 as different (default true for exact comparisons) */
  zeroSign?: boolean;
}
export const EXACT: Tol = { rtol: 0, atol: 0, zeroSign: true };

function decode(dtype: DType, a: StorageArray): ArrayLike<number | bigint> {
  if (dtype === 'float16') return Array.from(a as Uint16Array, f16BitsToF32);
  if (dtype === 'bfloat16') return Array.from(a as Uint16Array, bf16BitsToF32);
  return a as ArrayLike<number | bigint>;
}

/** Compares the whole storages of a pair (every element, inside the view or not). */
export function expectSame(p: Pair, tol: Tol, what: string): void {
  const a = decode(p.dtype, ref.readSync!(p.r.storage.handle, p.dtype, 0, p.lay.size));
  const b = decode(p.dtype, wasm().readSync(p.w.storage.handle, p.dtype, 0, p.lay.size));
  const bad: string[] = [];
  for (let i = 0; i < a.length && bad.length < 5; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (typeof x === 'bigint') {
      if (x !== y) bad.push(`[${i}] ref ${x} wasm ${y}`);
      continue;
    }
    const xn = x as number, yn = y as number;
    if (Number.isNaN(xn) || Number.isNaN(yn)) {
      if (!(Number.isNaN(xn) && Number.isNaN(yn))) bad.push(`[${i}] ref ${xn} wasm ${yn}`);
      continue;
    }
    if (xn === yn) {
      if ((tol.zeroSign ?? tol.rtol === 0) && xn === 0 && Object.is(xn, -0) !== Object.is(yn, -0)) {
        bad.push(`[${i}] ref ${Object.is(xn, -0) ? '-0' : '0'} wasm ${Object.is(yn, -0) ? '-0' : '0'}`);
      }
      continue;
    }
    if (!Number.isFinite(xn) || !Number.isFinite(yn) || Math.abs(xn - yn) > tol.atol + tol.rtol * Math.abs(xn)) {
      bad.push(`[${i}] ref ${xn} wasm ${yn}`);
    }
  }
  expect(bad, what).toEqual([]);
}

/** Calls f on both backends with the views of the pairs (index 0 = reference). */
export function both(f: (b: Backend, side: 'r' | 'w') => void): void {
  f(ref, 'r');
  f(wasm(), 'w');
}
