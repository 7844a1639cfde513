/**
 * WasmBackend: @x/tensor's Backend over the C kernels of native/wasm (SIMD128, threads).
 *
 * Storage handles are byte offsets (pointers) into the runtime's one WebAssembly.Memory. Every
 * kernel call writes its argument struct into one preallocated block of that memory through typed
 * views (recreated when the memory grows) and calls x_run directly when it runs in one part, so the
 * JavaScript cost of a small op is a few hundred nanoseconds. Strided operands are coalesced here
 * first (dims contiguous for every operand merged, size-1 dims dropped), so most kernels see one
 * contiguous or broadcast row. Struct layouts: native/wasm/src/ew.h and the kernel files.
 */
import { windowGeometry2d, type Backend, type BinaryOp, type DType, type Im2ColParams, type RandomArgs, type RandomKind, type ReduceOp, type ScanOp, type StorageArray, type UnaryOp, type View } from '@x/tensor';
import { KernelId, MATMUL_MIN_FLOPS_PER_PART } from './runtime/kernels.js';
import type { Runtime } from './runtime/runtime.js';

const DT: Record<DType, number> = {
  float32: 0, float64: 1, float16: 2, bfloat16: 3, int32: 4, int64: 5, uint8: 6, bool: 7,
};
const SIZE: Record<DType, number> = {
  float32: 4, float64: 8, float16: 2, bfloat16: 2, int32: 4, int64: 8, uint8: 1, bool: 1,
};

/** Op codes: the enums of native/wasm/src/elementwise.c (the order of UNARY_OPS / BINARY_OPS). */
export const UNARY_CODE: Record<UnaryOp, number> = {
  neg: 0, abs: 1, sign: 2, exp: 3, exp2: 4, log: 5, log2: 6, log10: 7, log1p: 8, expm1: 9, sqrt: 10, rsqrt: 11,
  sin: 12, cos: 13, tan: 14, asin: 15, acos: 16, atan: 17, sinh: 18, cosh: 19, tanh: 20, asinh: 21, acosh: 22,
  atanh: 23, sigmoid: 24, relu: 25, floor: 26, ceil: 27, round: 28, trunc: 29, frac: 30, reciprocal: 31,
  square: 32, erf: 33, erfc: 34, logicalNot: 35, isnan: 36, isinf: 37, isfinite: 38, bitwiseNot: 39,
};
export const BINARY_CODE: Record<BinaryOp, number> = {
  add: 0, sub: 1, mul: 2, div: 3, pow: 4, maximum: 5, minimum: 6, fmod: 7, remainder: 8, floorDivide: 9,
  atan2: 10, eq: 11, ne: 12, lt: 13, le: 14, gt: 15, ge: 16, logicalAnd: 17, logicalOr: 18, logicalXor: 19,
  bitwiseAnd: 20, bitwiseOr: 21, bitwiseXor: 22,
};
const REDUCE_CODE: Record<ReduceOp, number> = { sum: 0, prod: 1, max: 2, min: 3, argmax: 4, argmin: 5, all: 6, any: 7 };
/** random.c's kind codes. */
const RANDOM_KIND: Record<RandomKind, number> = { uniform: 0, normal: 1, randint: 2, bernoulli: 3 };
/** Ops whose kernels are cheap enough that threads only pay off on large tensors. */
const CHEAP_UNARY = new Set<UnaryOp>([
  'neg', 'abs', 'sign', 'sqrt', 'rsqrt', 'relu', 'floor', 'ceil', 'round', 'trunc', 'frac', 'reciprocal', 'square',
  'logicalNot', 'isnan', 'isinf', 'isfinite', 'bitwiseNot', 'exp', 'log', 'tanh', 'sigmoid',
]);
const CHEAP_BINARY = new Set<BinaryOp>([
  'add', 'sub', 'mul', 'div', 'maximum', 'minimum', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logicalAnd', 'logicalOr',
  'logicalXor', 'bitwiseAnd', 'bitwiseOr', 'bitwiseXor',
]);

/** Elements below which an elementwise kernel runs in one part (threads cost a few µs to wake). */
export const PARALLEL_MIN_ELEMENTS = 32768;
/** Elements per part for cheap elementwise kernels, and for expensive ones (transcendentals). */
const PER_PART_CHEAP = 16384;
const PER_PART_HEAVY = 2048;

const MAXDIM = 16;
/** Bytes of the argument block (the largest struct, x_index_args, is 504 bytes). */
const ARGS_BYTES = 1024;
/** Bytes of the partial-reduction state area: 64 parts of 32 bytes. */
const RSTATE_BYTES = 64 * 32;

// word offsets (int32) of x_ew_args (ew.h)
const EW_SHAPE = 12;
const EW_OP0 = 28; // operand k: ptr at EW_OP0 + 17k, strides from EW_OP0 + 17k + 1

type Strides = readonly number[] | null;

function checkDims(n: number): void {
  if (n > MAXDIM) throw new Error(`@x/backend-wasm: tensors of more than ${MAXDIM} dims are not supported (got ${n})`);
}

export class WasmBackend implements Backend {
  readonly name = 'wasm';
  readonly device = 'cpu';
  readonly rt: Runtime;

  private readonly args: number;
  private readonly rstate: number;
  private buffer!: ArrayBufferLike;
  private u8!: Uint8Array;
  /** int32 / float64 / int64 views over the argument block */
  private A!: Int32Array;
  private F!: Float64Array;
  private L!: BigInt64Array;
  private readonly xrun: (k: number, a: number, p: number, n: number) => number;

  constructor(rt: Runtime) {
    this.rt = rt;
    const count = rt.exports.x_kernel_count();
    if (count <= KernelId.COL2IM) {
      throw new Error(`@x/backend-wasm: ${rt.wasmFile} has ${count} kernels; rebuild it (bash native/wasm/build.sh)`);
    }
    this.args = rt.malloc(ARGS_BYTES);
    this.rstate = rt.malloc(RSTATE_BYTES);
    this.xrun = rt.exports.x_run;
    this.refresh();
    rt.heap.onGrow(() => this.refresh());
  }

  /** Recreates the views (memory.grow replaces the buffer, and detaches it when not shared). */
  private refresh(): void {
    const buf = this.rt.memory.buffer;
    this.buffer = buf;
    this.u8 = new Uint8Array(buf);
    this.A = new Int32Array(buf, this.args, ARGS_BYTES >> 2);
    this.F = new Float64Array(buf, this.args, ARGS_BYTES >> 3);
    this.L = new BigInt64Array(buf, this.args, ARGS_BYTES >> 3);
  }

  /** Total threads (main thread included) kernels may use. */
  get threads(): number {
    return this.rt.threads;
  }
  /** Resolves once the worker threads have started (jobs run on the main thread until then). */
  ready(): Promise<void> {
    return this.rt.ready();
  }

  setThreads(n: number): void {
    this.rt.setThreads(n);
  }

  // ------------------------------------------------------------------ storage

  alloc(byteLength: number): number {
    return this.rt.malloc(byteLength);
  }
  free(handle: unknown): void {
    this.rt.free(handle as number);
  }
  write(handle: unknown, data: StorageArray, offset: number): void {
    const src = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.u8.set(src, (handle as number) + offset * data.BYTES_PER_ELEMENT);
  }
  readSync(handle: unknown, dtype: DType, offset: number, length: number): StorageArray {
    const ptr = (handle as number) + offset * SIZE[dtype];
    const b = this.buffer;
    switch (dtype) {
      case 'float32': return new Float32Array(b, ptr, length).slice();
      case 'float64': return new Float64Array(b, ptr, length).slice();
      case 'float16':
      case 'bfloat16': return new Uint16Array(b, ptr, length).slice();
      case 'int32': return new Int32Array(b, ptr, length).slice();
      case 'int64': return new BigInt64Array(b, ptr, length).slice();
      default: return new Uint8Array(b, ptr, length).slice();
    }
  }
  read(handle: unknown, dtype: DType, offset: number, length: number): Promise<StorageArray> {
    return Promise.resolve(this.readSync(handle, dtype, offset, length));
  }
  bytesInUse(): number {
    return this.rt.memoryStats().inUse;
  }

  // ------------------------------------------------------------------ helpers

  private run(kernel: number, nparts: number): void {
    if (nparts <= 1) {
      if (this.xrun(kernel, this.args, 0, 1) !== 0) throw new Error(`@x/backend-wasm: kernel ${kernel} failed`);
    } else {
      this.rt.run(kernel, this.args, nparts);
    }
  }

  private parts(n: number, perPart: number): number {
    if (n < PARALLEL_MIN_ELEMENTS && perPart >= PER_PART_CHEAP) return 1;
    const t = this.rt.threads;
    if (t <= 1 || n < 2 * perPart) return 1;
    return Math.min(t, Math.floor(n / perPart));
  }

  /**
   * Writes the coalesced shape of an elementwise op (x_ew_args) for operands with the given
   * strides over `shape` (null = a scalar, stride 0); returns the element count (0 = nothing to do).
   */
  private ewShape(shape: readonly number[], s0: Strides, s1: Strides, s2: Strides, s3: Strides): number {
    const A = this.A;
    const n = shape.length;
    checkDims(n);
    let nd = 0;
    let numel = 1;
    const o0 = EW_OP0 + 1, o1 = EW_OP0 + 18, o2 = EW_OP0 + 35, o3 = EW_OP0 + 52;
    for (let d = 0; d < n; d++) {
      const size = shape[d]!;
      numel *= size;
      if (size === 1) continue;
      const t0 = s0 ? s0[d]! : 0, t1 = s1 ? s1[d]! : 0, t2 = s2 ? s2[d]! : 0, t3 = s3 ? s3[d]! : 0;
      if (nd > 0) {
        const p = nd - 1;
        if (A[o0 + p] === size * t0 && A[o1 + p] === size * t1 && A[o2 + p] === size * t2 && A[o3 + p] === size * t3) {
          A[EW_SHAPE + p]! *= size;
          A[o0 + p] = t0;
          A[o1 + p] = t1;
          A[o2 + p] = t2;
          A[o3 + p] = t3;
          continue;
        }
      }
      A[EW_SHAPE + nd] = size;
      A[o0 + nd] = t0;
      A[o1 + nd] = t1;
      A[o2 + nd] = t2;
      A[o3 + nd] = t3;
      nd++;
    }
    if (numel > 0x7fffffff) throw new Error('@x/backend-wasm: tensors of 2^31 elements or more are not supported');
    A[3] = nd;
    A[4] = numel;
    return numel;
  }

  private ptr(v: View): number {
    return (v.storage.handle as number) + v.offset * SIZE[v.dtype];
  }

  // ------------------------------------------------------------------ elementwise

  unary(op: UnaryOp, x: View, out: View): void {
    const A = this.A;
    const n = this.ewShape(out.shape, out.strides, x.strides, null, null);
    if (n === 0) return;
    A[0] = UNARY_CODE[op];
    A[1] = DT[x.dtype];
    A[2] = DT[out.dtype];
    A[EW_OP0] = this.ptr(out);
    A[EW_OP0 + 17] = this.ptr(x);
    this.run(KernelId.UNARY, this.parts(n, CHEAP_UNARY.has(op) ? PER_PART_CHEAP : PER_PART_HEAVY));
  }

  binary(op: BinaryOp, a: View | number, b: View | number, out: View): void {
    const A = this.A;
    const sa = typeof a === 'number', sb = typeof b === 'number';
    const n = this.ewShape(out.shape, out.strides, sa ? null : (a as View).strides, sb ? null : (b as View).strides, null);
    if (n === 0) return;
    const dtype = sa ? (b as View).dtype : (a as View).dtype;
    A[0] = BINARY_CODE[op];
    A[1] = DT[dtype];
    A[2] = DT[out.dtype];
    A[5] = (sa ? 1 : 0) | (sb ? 2 : 0);
    A[EW_OP0] = this.ptr(out);
    if (sa) this.F[4] = a as number;
    else A[EW_OP0 + 17] = this.ptr(a as View);
    if (sb) this.F[5] = b as number;
    else A[EW_OP0 + 34] = this.ptr(b as View);
    this.run(KernelId.BINARY, this.parts(n, CHEAP_BINARY.has(op) ? PER_PART_CHEAP : PER_PART_HEAVY));
  }

  where(cond: View, a: View, b: View, out: View): void {
    const A = this.A;
    const n = this.ewShape(out.shape, out.strides, cond.strides, a.strides, b.strides);
    if (n === 0) return;
    A[1] = DT[out.dtype];
    A[EW_OP0] = this.ptr(out);
    A[EW_OP0 + 17] = this.ptr(cond);
    A[EW_OP0 + 34] = this.ptr(a);
    A[EW_OP0 + 51] = this.ptr(b);
    this.run(KernelId.WHERE, this.parts(n, PER_PART_CHEAP));
  }

  copy(src: View, dst: View): void {
    const A = this.A;
    const n = this.ewShape(dst.shape, dst.strides, src.strides, null, null);
    if (n === 0) return;
    A[1] = DT[src.dtype];
    A[2] = DT[dst.dtype];
    A[EW_OP0] = this.ptr(dst);
    A[EW_OP0 + 17] = this.ptr(src);
    this.run(KernelId.COPY, this.parts(n, PER_PART_CHEAP));
  }

  fill(dst: View, value: number): void {
    const A = this.A;
    const n = this.ewShape(dst.shape, dst.strides, null, null, null);
    if (n === 0) return;
    A[1] = DT[dst.dtype];
    this.F[4] = value;
    A[EW_OP0] = this.ptr(dst);
    this.run(KernelId.FILL, this.parts(n, PER_PART_CHEAP));
  }

  // ------------------------------------------------------------------ reductions

  reduce(op: ReduceOp, x: View, out: View): void {
    const A = this.A;
    const no = out.shape.length;
    checkDims(x.shape.length);
    // x_reduce_args (reduce.c): words 8.. oshape, 24.. ishape, 40 x, 41.. xo, 57.. xi, 73 out, 74.. os, 90 scratch
    let ndo = 0, nouter = 1;
    for (let d = 0; d < no; d++) {
      const size = x.shape[d]!;
      nouter *= size;
      if (size === 1) continue;
      const tx = x.strides[d]!, to = out.strides[d]!;
      if (ndo > 0 && A[41 + ndo - 1] === size * tx && A[74 + ndo - 1] === size * to) {
        A[8 + ndo - 1]! *= size;
        A[41 + ndo - 1] = tx;
        A[74 + ndo - 1] = to;
        continue;
      }
      A[8 + ndo] = size;
      A[41 + ndo] = tx;
      A[74 + ndo] = to;
      ndo++;
    }
    let ndi = 0, ninner = 1;
    for (let d = no; d < x.shape.length; d++) {
      const size = x.shape[d]!;
      ninner *= size;
      if (size === 1) continue;
      const tx = x.strides[d]!;
      if (ndi > 0 && A[57 + ndi - 1] === size * tx) {
        A[24 + ndi - 1]! *= size;
        A[57 + ndi - 1] = tx;
        continue;
      }
      A[24 + ndi] = size;
      A[57 + ndi] = tx;
      ndi++;
    }
    if (nouter === 0) return;
    if (nouter * ninner > 0x7fffffff) throw new Error('@x/backend-wasm: tensors of 2^31 elements or more are not supported');
    A[0] = REDUCE_CODE[op];
    A[1] = DT[x.dtype];
    A[2] = ndo;
    A[3] = ndi;
    A[4] = nouter;
    A[5] = ninner;
    A[6] = 0;
    A[40] = this.ptr(x);
    A[73] = this.ptr(out);
    A[90] = this.rstate;
    const t = this.rt.threads;
    if (nouter === 1 && t > 1 && ninner >= 2 * PARALLEL_MIN_ELEMENTS) {
      // one output: each part reduces a share of the elements, then one combine step
      const parts = Math.min(t, 64, Math.floor(ninner / PER_PART_CHEAP));
      A[6] = 1;
      this.rt.run(KernelId.REDUCE, this.args, parts);
      A[6] = 2;
      A[7] = parts;
      this.run(KernelId.REDUCE, 1);
      return;
    }
    let parts = this.parts(nouter * ninner, PER_PART_CHEAP);
    if (parts > nouter) parts = nouter;
    this.run(KernelId.REDUCE, parts);
  }

  scan(op: ScanOp, x: View, out: View, dim: number): void {
    const A = this.A;
    const nd = x.shape.length;
    checkDims(nd);
    // x_scan_args: 8.. shape, 24 out ptr, 25.. out strides, 41 x ptr, 42.. x strides
    let k = 0, rows = 1;
    for (let d = 0; d < nd; d++) {
      if (d === dim) continue;
      const size = x.shape[d]!;
      rows *= size;
      if (size === 1) continue;
      const to = out.strides[d]!, tx = x.strides[d]!;
      if (k > 0 && A[25 + k - 1] === size * to && A[42 + k - 1] === size * tx) {
        A[8 + k - 1]! *= size;
        A[25 + k - 1] = to;
        A[42 + k - 1] = tx;
        continue;
      }
      A[8 + k] = size;
      A[25 + k] = to;
      A[42 + k] = tx;
      k++;
    }
    const len = nd === 0 ? 1 : x.shape[dim]!;
    if (rows === 0 || len === 0) return;
    A[0] = op === 'cumsum' ? 0 : 1;
    A[1] = DT[x.dtype];
    A[2] = k;
    A[3] = rows;
    A[4] = len;
    A[5] = nd === 0 ? 0 : x.strides[dim]!;
    A[6] = nd === 0 ? 0 : out.strides[dim]!;
    A[24] = this.ptr(out);
    A[41] = this.ptr(x);
    let parts = this.parts(rows * len, PER_PART_CHEAP);
    if (parts > rows) parts = rows;
    this.run(KernelId.SCAN, parts);
  }

  // ------------------------------------------------------------------ matmul

  matmul(a: View, b: View, out: View): void {
    const [B, M, K] = a.shape as [number, number, number];
    const N = b.shape[2]!;
    if (B === 0 || M === 0 || N === 0) return;
    const dt = a.dtype;
    if (dt === 'uint8' || dt === 'bool' || dt === 'float16' || dt === 'bfloat16') {
      this.matmulVia(a, b, out, dt === 'uint8' || dt === 'bool' ? 'int32' : 'float32');
      return;
    }
    const A = this.A;
    // x_matmul_args (kernels.h)
    A[0] = M;
    A[1] = N;
    A[2] = K;
    A[3] = B;
    A[4] = this.ptr(a);
    A[5] = a.strides[1]!;
    A[6] = a.strides[2]!;
    A[7] = a.strides[0]!;
    A[8] = this.ptr(b);
    A[9] = b.strides[1]!;
    A[10] = b.strides[2]!;
    A[11] = b.strides[0]!;
    A[12] = this.ptr(out);
    A[13] = out.strides[1]!;
    A[14] = out.strides[0]!;
    A[15] = 0;
    this.F[8] = 1;
    this.F[9] = 0;
    const kernel =
      dt === 'float32' ? KernelId.MATMUL_F32 : dt === 'float64' ? KernelId.MATMUL_F64 : dt === 'int32' ? KernelId.MATMUL_I32 : KernelId.MATMUL_I64;
    this.run(kernel, this.rt.partsFor(2 * B * M * N * K, MATMUL_MIN_FLOPS_PER_PART));
  }

  /** matmul of dtypes without a kernel: cast to `via`, multiply, cast back (as the reference's stores). */
  private matmulVia(a: View, b: View, out: View, via: DType): void {
    const tmp = (v: View): View => {
      const shape = v.shape;
      const strides = [shape[1]! * shape[2]!, shape[2]!, 1];
      const h = this.alloc(shape[0]! * strides[0]! * SIZE[via]);
      const t: View = { storage: { handle: h } as View['storage'], dtype: via, shape, strides, offset: 0 };
      return t;
    };
    const ta = tmp(a), tb = tmp(b), to = tmp(out);
    try {
      this.copy(a, ta);
      this.copy(b, tb);
      this.matmul(ta, tb, to);
      this.copy(to, out);
    } finally {
      for (const t of [ta, tb, to]) this.free(t.storage.handle);
    }
  }

  // ------------------------------------------------------------------ indexing

  /** x_index_args (index.c): the iteration shape and three operands, then the bounds report. */
  private indexArgs(shape: readonly number[], o0: View, s0: readonly number[], o1: View, o2: View, s2: readonly number[]): number {
    const A = this.A;
    const nd = shape.length;
    checkDims(nd);
    let n = 1;
    for (let d = 0; d < nd; d++) {
      n *= shape[d]!;
      A[8 + d] = shape[d]!;
      A[25 + d] = s0[d]!;
      A[42 + d] = o1.strides[d]!;
      A[59 + d] = s2[d]!;
    }
    A[0] = nd;
    A[2] = n;
    A[24] = this.ptr(o0);
    A[41] = this.ptr(o1);
    A[58] = this.ptr(o2);
    return n;
  }

  private checkBounds(parts: number, dim: number, size: number): void {
    const A = this.A;
    for (let p = 0; p < parts; p++) {
      if (A[110 + p] !== 0) {
        const j = this.L[39 + p]!;
        throw new RangeError(`index ${j} is out of bounds for dimension ${dim} with size ${size}`);
      }
    }
  }

  gather(x: View, dim: number, index: View, out: View): void {
    const zeroDim = index.shape.length === 0;
    const shape = zeroDim ? [1] : index.shape;
    const xs = zeroDim ? [0] : x.strides.slice();
    const size = x.shape.length === 0 ? 1 : x.shape[dim]!;
    const sdim = x.shape.length === 0 ? 0 : x.strides[dim]!;
    xs[zeroDim ? 0 : dim] = 0;
    const iv: View = zeroDim ? { ...index, shape, strides: [0] } : index;
    const n = this.indexArgs(shape, out, zeroDim ? [0] : out.strides, iv, x, xs);
    if (n === 0) return;
    const A = this.A;
    A[1] = dim;
    A[3] = size;
    A[4] = DT[x.dtype];
    A[7] = sdim;
    const parts = Math.min(16, this.parts(n, PER_PART_CHEAP));
    this.run(KernelId.GATHER, parts);
    this.checkBounds(parts, dim, size);
  }

  scatter(dst: View, dim: number, index: View, src: View, reduce: 'none' | 'add'): void {
    const zeroDim = index.shape.length === 0;
    const shape = zeroDim ? [1] : index.shape;
    const ds = zeroDim ? [0] : dst.strides.slice();
    const size = dst.shape.length === 0 ? 1 : dst.shape[dim]!;
    const sdim = dst.shape.length === 0 ? 0 : dst.strides[dim]!;
    ds[zeroDim ? 0 : dim] = 0;
    const iv: View = zeroDim ? { ...index, shape, strides: [0] } : index;
    const ss = zeroDim ? [0] : src.strides;
    const n = this.indexArgs(shape, dst, ds, iv, src, ss);
    if (n === 0) return;
    const A = this.A;
    A[1] = dim;
    A[3] = size;
    A[4] = DT[dst.dtype];
    A[5] = DT[src.dtype];
    A[6] = reduce === 'add' ? 1 : 0;
    A[7] = sdim;
    this.run(KernelId.SCATTER, 1);
    this.checkBounds(1, dim, size);
  }

  sort(x: View, descending: boolean, values: View, indices: View): void {
    const A = this.A;
    const nd = x.shape.length;
    checkDims(nd);
    const len = nd === 0 ? 1 : x.shape[nd - 1]!;
    // x_sort_args: 8.. shape, 24 values, 25.. , 41 indices, 42.., 58 x, 59.., 75 scratch
    let k = 0, rows = 1;
    for (let d = 0; d < nd - 1; d++) {
      const size = x.shape[d]!;
      rows *= size;
      if (size === 1) continue;
      const tv = values.strides[d]!, ti = indices.strides[d]!, tx = x.strides[d]!;
      if (k > 0 && A[25 + k - 1] === size * tv && A[42 + k - 1] === size * ti && A[59 + k - 1] === size * tx) {
        A[8 + k - 1]! *= size;
        A[25 + k - 1] = tv;
        A[42 + k - 1] = ti;
        A[59 + k - 1] = tx;
        continue;
      }
      A[8 + k] = size;
      A[25 + k] = tv;
      A[42 + k] = ti;
      A[59 + k] = tx;
      k++;
    }
    if (rows === 0 || len === 0) return;
    let parts = this.parts(rows * len * 8, PER_PART_CHEAP);
    if (parts > rows) parts = rows;
    const scratch = this.rt.malloc(parts * 32 * len);
    A[0] = DT[x.dtype];
    A[1] = descending ? 1 : 0;
    A[2] = len;
    A[3] = rows;
    A[4] = k;
    A[5] = nd === 0 ? 0 : values.strides[nd - 1]!;
    A[6] = nd === 0 ? 0 : indices.strides[nd - 1]!;
    A[7] = nd === 0 ? 0 : x.strides[nd - 1]!;
    A[24] = this.ptr(values);
    A[41] = this.ptr(indices);
    A[58] = this.ptr(x);
    A[75] = scratch;
    try {
      this.run(KernelId.SORT, parts);
    } finally {
      this.rt.free(scratch);
    }
  }

  // ------------------------------------------------------------------ random

  random(out: View, args: RandomArgs): void {
    const A = this.A;
    // x_random_args: 12.. shape, 28 ptr, 29.. strides
    const shape = out.shape;
    checkDims(shape.length);
    let nd = 0, n = 1;
    for (let d = 0; d < shape.length; d++) {
      const size = shape[d]!;
      n *= size;
      if (size === 1) continue;
      const t = out.strides[d]!;
      if (nd > 0 && A[29 + nd - 1] === size * t) {
        A[12 + nd - 1]! *= size;
        A[29 + nd - 1] = t;
        continue;
      }
      A[12 + nd] = size;
      A[29 + nd] = t;
      nd++;
    }
    if (n === 0) return;
    A[0] = RANDOM_KIND[args.kind];
    A[1] = DT[out.dtype];
    A[2] = nd;
    A[3] = n;
    A[4] = args.seedLo;
    A[5] = args.seedHi;
    A[6] = args.offset % 4294967296;
    A[7] = Math.floor(args.offset / 4294967296);
    this.F[4] = args.a;
    this.F[5] = args.b;
    A[28] = this.ptr(out);
    this.run(KernelId.RANDOM, this.parts(n, PER_PART_HEAVY));
  }

  // ------------------------------------------------------------------ sliding windows

  /**
   * x_im2col_args (conv.c): the geometry as two spatial dims (a 1-D one has height 1), the image's
   * and the columns' strides. Returns the number of planes (N * C) to split among the parts.
   */
  private windowArgs(image: View, cols: View, p: Im2ColParams): number {
    const A = this.A;
    const two = p.inputSize.length === 2;
    const { H, W, OH, OW, kh, kw, sh, sw, ph, pw, dh, dw } = windowGeometry2d(p);
    const N = image.shape[0]!;
    const C = image.shape[1]!;
    const is = image.strides;
    A[0] = DT[image.dtype];
    A[1] = N;
    A[2] = C;
    A[3] = H;
    A[4] = W;
    A[5] = OH;
    A[6] = OW;
    A[7] = kh;
    A[8] = kw;
    A[9] = sh;
    A[10] = sw;
    A[11] = ph;
    A[12] = pw;
    A[13] = dh;
    A[14] = dw;
    A[16] = this.ptr(image);
    A[17] = is[0]!;
    A[18] = is[1]!;
    A[19] = two ? is[2]! : 0;
    A[20] = is[two ? 3 : 2]!;
    A[21] = this.ptr(cols);
    A[22] = cols.strides[0]!;
    A[23] = cols.strides[1]!;
    A[24] = cols.strides[2]!;
    this.F[13] = p.padValue;
    if (N * C * kh * kw * OH * OW > 0x7fffffff || N * C * H * W > 0x7fffffff) {
      throw new Error('@x/backend-wasm: tensors of 2^31 elements or more are not supported');
    }
    return N * C;
  }

  private windowParts(planes: number, elements: number): number {
    return Math.min(planes, this.parts(elements, PER_PART_CHEAP));
  }

  im2col(x: View, params: Im2ColParams, out: View): void {
    const planes = this.windowArgs(x, out, params);
    const n = out.shape[0]! * out.shape[1]! * out.shape[2]!;
    if (n === 0) return;
    this.run(KernelId.IM2COL, this.windowParts(planes, n));
  }

  col2im(cols: View, params: Im2ColParams, out: View): void {
    if (out.dtype !== 'float32' && out.dtype !== 'float64') throw new Error(`col2im: unsupported dtype ${out.dtype}`);
    const planes = this.windowArgs(out, cols, params);
    const n = cols.shape[0]! * cols.shape[1]! * cols.shape[2]!;
    if (planes === 0) return;
    this.run(KernelId.COL2IM, this.windowParts(planes, Math.max(n, out.shape[0]! * out.shape[1]!)));
  }

  // ------------------------------------------------------------------ fused

  softmax(x: View, out: View, log: boolean): void {
    if (x.dtype !== 'float32' && x.dtype !== 'float64') throw new Error(`softmax: unsupported dtype ${x.dtype}`);
    const A = this.A;
    const nd = x.shape.length;
    const len = nd === 0 ? 1 : x.shape[nd - 1]!;
    let rows = 1;
    for (let d = 0; d < nd - 1; d++) rows *= x.shape[d]!;
    if (rows === 0 || len === 0) return;
    A[0] = DT[x.dtype];
    A[1] = log ? 1 : 0;
    A[2] = rows;
    A[3] = len;
    A[4] = this.ptr(x);
    A[5] = this.ptr(out);
    let parts = this.parts(rows * len, PER_PART_HEAVY);
    if (parts > rows) parts = rows;
    this.run(KernelId.SOFTMAX, parts);
  }
}
