/**
 * The kernel tests' harness: a kernel's Programs run through the backend's Runtime (test/gpu.ts:
 * Dawn from the `webgpu` package, SwiftShader where there is no GPU) on GPU copies of reference-backend
 * views (same storage, same strides and offset), and the outputs are compared with the reference
 * backend's on the same views.
 */
import { ReferenceBackend, type DType, type HostView, type StorageArray, type View } from '@x/tensor';
import type { Program } from '../src/program';
import type { GpuView } from '../src/kernels/common';
import type { CheckingContext } from '../src/kernels/bounds';

export interface Harness {
  readonly device: GPUDevice;
  readonly ctx: CheckingContext;
  /** A GPU copy of a reference view (same storage words, same layout). */
  upload(v: HostView): GpuView;
  /** The storage of a GPU view as the dtype's typed array (all of it). */
  download(v: GpuView, elements: number): Promise<StorageArray>;
  /** Dispatches run so far. */
  readonly dispatches: number;
}

let shared: Promise<Harness | null> | null = null;

/** The harness, or null (with the reason printed) where no WebGPU adapter exists. */
export function harness(): Promise<Harness | null> {
  shared ??= create();
  return shared;
}

async function create(): Promise<Harness | null> {
  const { backend } = await import('./gpu');
  if (!backend) return null;
  const rt = backend.runtime;
  let dispatches = 0;
  const checks: Promise<string | null>[] = [];
  const ctx: CheckingContext = {
    get limits() {
      return rt.limits;
    },
    scratch: (bytes) => rt.scratch(bytes),
    run(p: Program): void {
      dispatches++;
      rt.run(p);
    },
    // The Runtime's read encodes its copy when called (after the dispatches so far), then maps it.
    deferCheck(src, words, check) {
      checks.push(rt.read(src, 0, words * 4).then((b) => check(new Uint32Array(b.buffer, b.byteOffset, words))));
    },
  };
  const ref = new ReferenceBackend();
  return {
    device: backend.gpuDevice,
    ctx,
    get dispatches() {
      return dispatches;
    },
    upload(v: HostView): GpuView {
      const src = ref.readSync(v.storage.handle, v.dtype, 0, elementsOf(v));
      const b = backend.alloc(src.byteLength);
      backend.write(b, src, 0);
      return { ...v, storage: { handle: b } as unknown as GpuView['storage'] };
    },
    async download(v: GpuView, elements: number): Promise<StorageArray> {
      for (const m of await Promise.all(checks.splice(0))) if (m) throw new RangeError(m);
      return backend.read(v.storage.handle, v.dtype, 0, elements);
    },
  };
}

/** Elements of a view's storage (the reference's HostBuffer knows its bytes). */
function elementsOf(v: HostView): number {
  const bytes = v.storage.handle.bytes.byteLength;
  return Math.floor(bytes / itemBytes(v.dtype));
}

function itemBytes(d: DType): number {
  return d === 'int64' || d === 'float64' ? 8 : d === 'float32' || d === 'int32' ? 4 : d === 'float16' || d === 'bfloat16' ? 2 : 1;
}

// ------------------------------------------------------------------ reference views

export const reference = new ReferenceBackend();

/** A deterministic generator (mulberry32). */
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

/** A reference view over fresh storage, filled with `values` in storage order. */
export function storageView(dtype: DType, storageElements: number, shape: readonly number[], strides: readonly number[], offset: number, values: (i: number) => number | bigint): HostView {
  const h = reference.alloc(Math.max(1, storageElements) * itemBytes(dtype));
  const arr = h.as(dtype);
  for (let i = 0; i < storageElements; i++) {
    const v = values(i);
    if (dtype === 'int64') (arr as BigInt64Array)[i] = BigInt(v);
    else if (dtype === 'float16' || dtype === 'bfloat16') {
      (arr as Uint16Array)[i] = 0;
      const tmp: HostView = { storage: { handle: h } as HostView['storage'], dtype, shape: [], strides: [], offset: i };
      reference.fill(tmp, Number(v));
    } else (arr as Float32Array)[i] = Number(v);
  }
  return { storage: { handle: h } as HostView['storage'], dtype, shape, strides, offset };
}

/**
 * A strided reference view of `shape`: dims permuted in storage, padded by one element per dim and
 * offset, so kernels must honour strides and offsets. `layout` 'contiguous' gives a plain tensor.
 */
export function randomView(dtype: DType, shape: readonly number[], r: () => number, values: (i: number) => number | bigint, layout: 'strided' | 'contiguous' = 'strided'): HostView {
  const nd = shape.length;
  if (layout === 'contiguous' || nd === 0) {
    const strides = contiguous(shape);
    const n = shape.reduce((a, b) => a * b, 1);
    return storageView(dtype, n, shape, strides, 0, values);
  }
  const order = [...Array(nd).keys()].sort(() => r() - 0.5);
  const padded = shape.map((s) => s + 1);
  const strides = new Array<number>(nd);
  let acc = 1;
  for (let k = nd - 1; k >= 0; k--) {
    const d = order[k]!;
    strides[d] = acc;
    acc *= padded[d]!;
  }
  const offset = 3;
  return storageView(dtype, acc + offset, shape, strides, offset, values);
}

export function contiguous(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    s[d] = acc;
    acc *= shape[d]!;
  }
  return s;
}

/** An output view (contiguous, zeroed) on the reference backend. */
export function outputView(dtype: DType, shape: readonly number[]): HostView {
  const n = shape.reduce((a, b) => a * b, 1);
  return storageView(dtype, n, shape, contiguous(shape), 0, () => 0);
}

/** The logical values of a view as numbers (int64 as numbers too; halves widened). */
export function logical(v: View, storage: StorageArray): number[] {
  const n = v.shape.reduce((a, b) => a * b, 1);
  const out: number[] = [];
  const idx = new Array<number>(v.shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    let off = v.offset;
    for (let d = 0; d < idx.length; d++) off += idx[d]! * v.strides[d]!;
    out.push(decode(v.dtype, storage[off]!));
    for (let d = idx.length - 1; d >= 0; d--) {
      if (++idx[d]! < v.shape[d]!) break;
      idx[d] = 0;
    }
  }
  return out;
}

function decode(d: DType, x: number | bigint): number {
  if (typeof x === 'bigint') return Number(x);
  if (d === 'float16') {
    const s = x & 0x8000 ? -1 : 1;
    const e = (x >> 10) & 0x1f;
    const m = x & 0x3ff;
    if (e === 0) return s * m * 2 ** -24;
    if (e === 31) return m ? NaN : s * Infinity;
    return s * (1 + m / 1024) * 2 ** (e - 15);
  }
  if (d === 'bfloat16') {
    const f = new Float32Array(new Uint32Array([x << 16]).buffer);
    return f[0]!;
  }
  return x;
}

/** Reads a reference view's whole storage. */
export function referenceStorage(v: View): StorageArray {
  return (v.storage.handle as unknown as { as(d: DType): StorageArray }).as(v.dtype);
}
