/**
 * WasmBackend: @x/tensor's Backend over the C kernels of native/wasm (SIMD128, threads).
 *
 * Storage handles are byte offsets (pointers) into the runtime's one WebAssembly.Memory. Every
 * kernel call writes its argument struct into the runtime's argument block through typed views
 * (recreated when the memory grows), by the field names of runtime/args.ts, the layout generated
 * with the C structs from native/wasm/tools/gen_args.py, and calls x_run directly when it runs in
 * one part, so the JavaScript cost of a small op is a few hundred nanoseconds. Strided operands are
 * coalesced first (@x/tensor's `coalesce`), so most kernels see one contiguous or broadcast row.
 */
import {
  coalesce, windowGeometry2d, type Backend, type RandomKind, type BinaryOp, type Coalesced, type DType, type Im2ColParams, type RandomArgs, type CpuRandomArgs, type ReduceOp,
  type ScanOp, type StorageArray, type UnaryOp, type View,
} from '@x/tensor';
import {
  ARGS_BYTES, BINARY_CODE as BINARY_OP_CODE, DTYPE_CODE, EwArgs, EwArgsF64, EwFlags, Im2colArgs, Im2colArgsF64, IndexArgs, IndexArgsI64, KernelId,
  MtArgs, MtArgsF64, OPND_WORDS, Opnd, RandomArgs as RandomStruct, RandomArgsF64, ReduceArgs, ReducePhase, ReduceStateBytes,
  RANDOM_CODE, REDUCE_CODE, SCAN_CODE, ScanArgs, ScatterReduce, SoftmaxArgs, SortArgs, UNARY_CODE as UNARY_OP_CODE, X_INDEX_MAXPARTS, X_MAXDIM, X_REDUCE_MAXPARTS,
} from './runtime/args.js';
import { MATMUL_KERNEL, MATMUL_MIN_FLOPS_PER_PART, writeMatmulArgs, type MatmulDtype } from './runtime/kernels.js';
import type { Runtime } from './runtime/runtime.js';

/**
 * Op codes: positions in @x/tensor's op tables, generated into args.ts from those tables; typed
 * here so that an op table that gained an entry without a regenerated args.ts fails to compile.
 */
const DT: Record<DType, number> = DTYPE_CODE;
const UNARY_CODE: Record<UnaryOp, number> = UNARY_OP_CODE;
const BINARY_CODE: Record<BinaryOp, number> = BINARY_OP_CODE;
const REDUCE_CODE_OF: Record<ReduceOp, number> = REDUCE_CODE;
const SCAN_CODE_OF: Record<ScanOp, number> = SCAN_CODE;
const RANDOM_CODE_OF: Record<RandomKind, number> = RANDOM_CODE;
const SIZE: Record<DType, number> = {
  float32: 4, float64: 8, float16: 2, bfloat16: 2, int32: 4, int64: 8, uint8: 1, bool: 1,
};

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
const MAX_ELEMENTS = 0x7fffffff;

type Strides = readonly number[] | null;

function checkDims(n: number): void {
  if (n > X_MAXDIM) throw new Error(`@x/backend-wasm: tensors of more than ${X_MAXDIM} dims are not supported (got ${n})`);
}
function checkElements(n: number): void {
  if (n > MAX_ELEMENTS) throw new Error('@x/backend-wasm: tensors of 2^31 elements or more are not supported');
}

export class WasmBackend implements Backend<number> {
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
  /**
   * Coalescing results whose arrays are views of the argument block's fields (recreated with the
   * other views), so coalesce writes the merged dims straight into the kernel's struct.
   */
  private ewDims!: Coalesced[];
  private reduceOuter!: Coalesced;
  private reduceInner!: Coalesced;
  private scanDims!: Coalesced;
  private sortDims!: Coalesced;
  private randomDims!: Coalesced;
  /** the operands' strides of one call, by operand count, kept to allocate nothing per call */
  private readonly strideLists: Strides[][] = [[null], [null, null], [null, null, null], [null, null, null, null]];

  /** A DataLoader worker imports this package and registers a one-thread backend of its own. */
  get workerSetup(): { module: string; export: string } | undefined {
    const module = this.rt.entryModule();
    return module === undefined ? undefined : { module, export: 'registerWorkerBackend' };
  }

  constructor(rt: Runtime) {
    this.rt = rt;
    const count = rt.exports.x_kernel_count();
    if (count !== Object.keys(KernelId).length) {
      throw new Error(`@x/backend-wasm: ${rt.wasmFile} has ${count} kernels; rebuild it (bash native/wasm/build.sh)`);
    }
    this.args = rt.argsPtr;
    this.rstate = rt.malloc(X_REDUCE_MAXPARTS * ReduceStateBytes);
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
    const fields = (shapeAt: number, stridesAt: number[]): Coalesced => {
      const row = (word: number): Int32Array => new Int32Array(buf, this.args + 4 * word, X_MAXDIM);
      return { ndim: 0, numel: 1, shape: row(shapeAt), strides: stridesAt.map(row) };
    };
    const operandsAt = (opndAt: number, k: number): number[] => Array.from({ length: k }, (_, j) => opndAt + j * OPND_WORDS + Opnd.st);
    this.ewDims = [1, 2, 3, 4].map((k) => fields(EwArgs.shape, operandsAt(EwArgs.o, k)));
    this.reduceOuter = fields(ReduceArgs.oshape, [ReduceArgs.xo, ReduceArgs.os]);
    this.reduceInner = fields(ReduceArgs.ishape, [ReduceArgs.xi]);
    this.scanDims = fields(ScanArgs.shape, operandsAt(ScanArgs.o, 2));
    this.sortDims = fields(SortArgs.shape, operandsAt(SortArgs.o, 3));
    this.randomDims = fields(RandomStruct.shape, operandsAt(RandomStruct.o, 1));
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
  free(handle: number): void {
    this.rt.free(handle);
  }
  write(handle: number, data: StorageArray, offset: number): void {
    const src = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.u8.set(src, handle + offset * data.BYTES_PER_ELEMENT);
  }
  readSync(handle: number, dtype: DType, offset: number, length: number): StorageArray {
    const ptr = handle + offset * SIZE[dtype];
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
  read(handle: number, dtype: DType, offset: number, length: number): Promise<StorageArray> {
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

  private ptr(v: View<number>): number {
    return v.storage.handle + v.offset * SIZE[v.dtype];
  }

  /** Puts the operands' strides (null: a scalar) in the list of their count, and returns the count. */
  private operands(s0: Strides): 1;
  private operands(s0: Strides, s1: Strides): 2;
  private operands(s0: Strides, s1: Strides, s2: Strides): 3;
  private operands(s0: Strides, s1: Strides, s2: Strides, s3: Strides): 4;
  private operands(s0: Strides, s1?: Strides, s2?: Strides, s3?: Strides): number {
    const k = s3 !== undefined ? 4 : s2 !== undefined ? 3 : s1 !== undefined ? 2 : 1;
    const list = this.strideLists[k - 1]!;
    list[0] = s0;
    if (k > 1) list[1] = s1!;
    if (k > 2) list[2] = s2!;
    if (k > 3) list[3] = s3!;
    return k;
  }

  /** Coalesces dims [from, to) but `skip` of `shape` for the k operands just put in place, into `into`'s fields. */
  private coalesce(k: number, shape: readonly number[], into: Coalesced, from: number, to: number, skip: number): Coalesced {
    const c = coalesce(shape, this.strideLists[k - 1]!, into, from, to, skip);
    if (c.ndim > X_MAXDIM) checkDims(c.ndim);
    if (c.numel > MAX_ELEMENTS) checkElements(c.numel);
    return c;
  }

  /** x_ew_args's shape and the k operands' strides; returns the element count (0: nothing to do). */
  private ewShape(shape: readonly number[], k: number): number {
    const c = this.coalesce(k, shape, this.ewDims[k - 1]!, 0, shape.length, -1);
    this.A[EwArgs.ndim] = c.ndim;
    this.A[EwArgs.n] = c.numel;
    return c.numel;
  }

  /** The byte pointer of operand j of an x_opnd array at word `opndAt`. */
  private setOperand(opndAt: number, j: number, v: View<number>): void {
    this.A[opndAt + j * OPND_WORDS + Opnd.ptr] = this.ptr(v);
  }

  // ------------------------------------------------------------------ elementwise

  unary(op: UnaryOp, x: View<number>, out: View<number>): void {
    const n = this.ewShape(out.shape, this.operands(out.strides, x.strides));
    if (n === 0) return;
    const A = this.A;
    A[EwArgs.op] = UNARY_CODE[op];
    A[EwArgs.dtype] = DT[x.dtype];
    A[EwArgs.dtype2] = DT[out.dtype];
    this.setOperand(EwArgs.o, 0, out);
    this.setOperand(EwArgs.o, 1, x);
    this.run(KernelId.UNARY, this.parts(n, CHEAP_UNARY.has(op) ? PER_PART_CHEAP : PER_PART_HEAVY));
  }

  binary(op: BinaryOp, a: View<number> | number, b: View<number> | number, out: View<number>): void {
    const sa = typeof a === 'number', sb = typeof b === 'number';
    const n = this.ewShape(out.shape, this.operands(out.strides, sa ? null : a.strides, sb ? null : b.strides));
    if (n === 0) return;
    const A = this.A;
    A[EwArgs.op] = BINARY_CODE[op];
    A[EwArgs.dtype] = DT[sa ? (b as View<number>).dtype : a.dtype];
    A[EwArgs.dtype2] = DT[out.dtype];
    A[EwArgs.flags] = (sa ? EwFlags.A_SCALAR : 0) | (sb ? EwFlags.B_SCALAR : 0);
    this.setOperand(EwArgs.o, 0, out);
    if (sa) this.F[EwArgsF64.sa] = a;
    else this.setOperand(EwArgs.o, 1, a);
    if (sb) this.F[EwArgsF64.sb] = b;
    else this.setOperand(EwArgs.o, 2, b);
    this.run(KernelId.BINARY, this.parts(n, CHEAP_BINARY.has(op) ? PER_PART_CHEAP : PER_PART_HEAVY));
  }

  where(cond: View<number>, a: View<number>, b: View<number>, out: View<number>): void {
    const n = this.ewShape(out.shape, this.operands(out.strides, cond.strides, a.strides, b.strides));
    if (n === 0) return;
    this.A[EwArgs.dtype] = DT[out.dtype];
    this.setOperand(EwArgs.o, 0, out);
    this.setOperand(EwArgs.o, 1, cond);
    this.setOperand(EwArgs.o, 2, a);
    this.setOperand(EwArgs.o, 3, b);
    this.run(KernelId.WHERE, this.parts(n, PER_PART_CHEAP));
  }

  copy(src: View<number>, dst: View<number>): void {
    const n = this.ewShape(dst.shape, this.operands(dst.strides, src.strides));
    if (n === 0) return;
    this.A[EwArgs.dtype] = DT[src.dtype];
    this.A[EwArgs.dtype2] = DT[dst.dtype];
    this.setOperand(EwArgs.o, 0, dst);
    this.setOperand(EwArgs.o, 1, src);
    this.run(KernelId.COPY, this.parts(n, PER_PART_CHEAP));
  }

  fill(dst: View<number>, value: number): void {
    const n = this.ewShape(dst.shape, this.operands(dst.strides));
    if (n === 0) return;
    this.A[EwArgs.dtype] = DT[dst.dtype];
    this.F[EwArgsF64.sa] = value;
    this.setOperand(EwArgs.o, 0, dst);
    this.run(KernelId.FILL, this.parts(n, PER_PART_CHEAP));
  }

  // ------------------------------------------------------------------ reductions

  reduce(op: ReduceOp, x: View<number>, out: View<number>): void {
    const A = this.A;
    const no = out.shape.length;
    checkDims(x.shape.length);
    // the outer dims (kept in out) and the inner dims (reduced) coalesce separately
    const outer = this.coalesce(this.operands(x.strides, out.strides), x.shape, this.reduceOuter, 0, no, -1);
    const ndo = outer.ndim, nouter = outer.numel;
    const inner = this.coalesce(this.operands(x.strides), x.shape, this.reduceInner, no, x.shape.length, -1);
    const ndi = inner.ndim, ninner = inner.numel;
    if (nouter === 0) return;
    checkElements(nouter * ninner);
    A[ReduceArgs.op] = REDUCE_CODE_OF[op];
    A[ReduceArgs.dtype] = DT[x.dtype];
    A[ReduceArgs.ndo] = ndo;
    A[ReduceArgs.ndi] = ndi;
    A[ReduceArgs.nouter] = nouter;
    A[ReduceArgs.ninner] = ninner;
    A[ReduceArgs.flags] = ReducePhase.WHOLE;
    A[ReduceArgs.x] = this.ptr(x);
    A[ReduceArgs.out] = this.ptr(out);
    A[ReduceArgs.scratch] = this.rstate;
    const t = this.rt.threads;
    if (nouter === 1 && t > 1 && ninner >= 2 * PARALLEL_MIN_ELEMENTS) {
      // one output: each part reduces a share of the elements, then one combine step
      const parts = Math.min(t, X_REDUCE_MAXPARTS, Math.floor(ninner / PER_PART_CHEAP));
      A[ReduceArgs.flags] = ReducePhase.PARTIAL;
      this.rt.run(KernelId.REDUCE, this.args, parts);
      A[ReduceArgs.flags] = ReducePhase.COMBINE;
      A[ReduceArgs.i0] = parts;
      this.run(KernelId.REDUCE, 1);
      return;
    }
    let parts = this.parts(nouter * ninner, PER_PART_CHEAP);
    if (parts > nouter) parts = nouter;
    this.run(KernelId.REDUCE, parts);
  }

  scan(op: ScanOp, x: View<number>, out: View<number>, dim: number): void {
    const nd = x.shape.length;
    checkDims(nd);
    // rows: every dim but the scan dim, coalesced
    const c = this.coalesce(this.operands(out.strides, x.strides), x.shape, this.scanDims, 0, nd, dim);
    const len = nd === 0 ? 1 : x.shape[dim]!;
    if (c.numel === 0 || len === 0) return;
    const A = this.A;
    A[ScanArgs.op] = SCAN_CODE_OF[op];
    A[ScanArgs.dtype] = DT[x.dtype];
    A[ScanArgs.ndim] = c.ndim;
    A[ScanArgs.nrows] = c.numel;
    A[ScanArgs.len] = len;
    A[ScanArgs.xd] = nd === 0 ? 0 : x.strides[dim]!;
    A[ScanArgs.od] = nd === 0 ? 0 : out.strides[dim]!;
    this.setOperand(ScanArgs.o, 0, out);
    this.setOperand(ScanArgs.o, 1, x);
    let parts = this.parts(c.numel * len, PER_PART_CHEAP);
    if (parts > c.numel) parts = c.numel;
    this.run(KernelId.SCAN, parts);
  }

  // ------------------------------------------------------------------ matmul

  matmul(a: View<number>, b: View<number>, out: View<number>): void {
    const [B, M, K] = a.shape as [number, number, number];
    const N = b.shape[2]!;
    if (B === 0 || M === 0 || N === 0) return;
    const dt = a.dtype;
    if (dt === 'uint8' || dt === 'bool' || dt === 'float16' || dt === 'bfloat16') {
      this.matmulVia(a, b, out, dt === 'uint8' || dt === 'bool' ? 'int32' : 'float32');
      return;
    }
    writeMatmulArgs(this.A, this.F, {
      M, N, K, batch: B,
      a: this.ptr(a), aRowStride: a.strides[1]!, aColStride: a.strides[2]!, aBatchStride: a.strides[0]!,
      b: this.ptr(b), bRowStride: b.strides[1]!, bColStride: b.strides[2]!, bBatchStride: b.strides[0]!,
      c: this.ptr(out), ldc: out.strides[1]!, cBatchStride: out.strides[0]!,
    });
    this.run(MATMUL_KERNEL[dt as MatmulDtype], this.rt.partsFor(2 * B * M * N * K, MATMUL_MIN_FLOPS_PER_PART));
  }

  /** matmul of dtypes without a kernel: cast to `via`, multiply, cast back (as the reference's stores). */
  private matmulVia(a: View<number>, b: View<number>, out: View<number>, via: DType): void {
    const tmp = (v: View<number>): View<number> => {
      const shape = v.shape;
      const strides = [shape[1]! * shape[2]!, shape[2]!, 1];
      const h = this.alloc(shape[0]! * strides[0]! * SIZE[via]);
      return { storage: { handle: h } as View<number>['storage'], dtype: via, shape, strides, offset: 0 };
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

  /**
   * x_index_args: the iteration shape (the index's, not coalesced: the kernel reads the index
   * position along dim) and the three operands' strides over it.
   */
  private indexArgs(shape: readonly number[], o0: View<number>, s0: readonly number[], o1: View<number>, o2: View<number>, s2: readonly number[]): number {
    const A = this.A;
    const nd = shape.length;
    checkDims(nd);
    const st0 = IndexArgs.o + Opnd.st, st1 = st0 + OPND_WORDS, st2 = st1 + OPND_WORDS;
    let n = 1;
    for (let d = 0; d < nd; d++) {
      n *= shape[d]!;
      A[IndexArgs.shape + d] = shape[d]!;
      A[st0 + d] = s0[d]!;
      A[st1 + d] = o1.strides[d]!;
      A[st2 + d] = s2[d]!;
    }
    A[IndexArgs.ndim] = nd;
    A[IndexArgs.n] = n;
    this.setOperand(IndexArgs.o, 0, o0);
    this.setOperand(IndexArgs.o, 1, o1);
    this.setOperand(IndexArgs.o, 2, o2);
    return n;
  }

  private checkBounds(parts: number, dim: number, size: number): void {
    const A = this.A;
    for (let p = 0; p < parts; p++) {
      if (A[IndexArgs.bad + p] !== 0) {
        const j = this.L[IndexArgsI64.bad_val + p]!;
        throw new RangeError(`index ${j} is out of bounds for dimension ${dim} with size ${size}`);
      }
    }
  }

  gather(x: View<number>, dim: number, index: View<number>, out: View<number>): void {
    const zeroDim = index.shape.length === 0;
    const shape = zeroDim ? [1] : index.shape;
    const xs = zeroDim ? [0] : x.strides.slice();
    const size = x.shape.length === 0 ? 1 : x.shape[dim]!;
    const sdim = x.shape.length === 0 ? 0 : x.strides[dim]!;
    xs[zeroDim ? 0 : dim] = 0;
    const iv: View<number> = zeroDim ? { ...index, shape, strides: [0] } : index;
    const n = this.indexArgs(shape, out, zeroDim ? [0] : out.strides, iv, x, xs);
    if (n === 0) return;
    const A = this.A;
    A[IndexArgs.dim] = dim;
    A[IndexArgs.size] = size;
    A[IndexArgs.dtype] = DT[x.dtype];
    A[IndexArgs.sdim] = sdim;
    const parts = Math.min(X_INDEX_MAXPARTS, this.parts(n, PER_PART_CHEAP));
    this.run(KernelId.GATHER, parts);
    this.checkBounds(parts, dim, size);
  }

  scatter(dst: View<number>, dim: number, index: View<number>, src: View<number>, reduce: 'none' | 'add'): void {
    const zeroDim = index.shape.length === 0;
    const shape = zeroDim ? [1] : index.shape;
    const ds = zeroDim ? [0] : dst.strides.slice();
    const size = dst.shape.length === 0 ? 1 : dst.shape[dim]!;
    const sdim = dst.shape.length === 0 ? 0 : dst.strides[dim]!;
    ds[zeroDim ? 0 : dim] = 0;
    const iv: View<number> = zeroDim ? { ...index, shape, strides: [0] } : index;
    const ss = zeroDim ? [0] : src.strides;
    const n = this.indexArgs(shape, dst, ds, iv, src, ss);
    if (n === 0) return;
    const A = this.A;
    A[IndexArgs.dim] = dim;
    A[IndexArgs.size] = size;
    A[IndexArgs.dtype] = DT[dst.dtype];
    A[IndexArgs.sdtype] = DT[src.dtype];
    A[IndexArgs.reduce] = reduce === 'add' ? ScatterReduce.ADD : ScatterReduce.NONE;
    A[IndexArgs.sdim] = sdim;
    this.run(KernelId.SCATTER, 1);
    this.checkBounds(1, dim, size);
  }

  sort(x: View<number>, descending: boolean, values: View<number>, indices: View<number>): void {
    const nd = x.shape.length;
    checkDims(nd);
    const len = nd === 0 ? 1 : x.shape[nd - 1]!;
    // rows: every dim but the last, coalesced
    const c = this.coalesce(this.operands(values.strides, indices.strides, x.strides), x.shape, this.sortDims, 0, Math.max(0, nd - 1), -1);
    const rows = c.numel;
    if (rows === 0 || len === 0) return;
    let parts = this.parts(rows * len * 8, PER_PART_CHEAP);
    if (parts > rows) parts = rows;
    const scratch = this.rt.malloc(parts * 32 * len);
    const A = this.A;
    A[SortArgs.dtype] = DT[x.dtype];
    A[SortArgs.desc] = descending ? 1 : 0;
    A[SortArgs.len] = len;
    A[SortArgs.nrows] = rows;
    A[SortArgs.ndim] = c.ndim;
    A[SortArgs.vl] = nd === 0 ? 0 : values.strides[nd - 1]!;
    A[SortArgs.il] = nd === 0 ? 0 : indices.strides[nd - 1]!;
    A[SortArgs.xl] = nd === 0 ? 0 : x.strides[nd - 1]!;
    this.setOperand(SortArgs.o, 0, values);
    this.setOperand(SortArgs.o, 1, indices);
    this.setOperand(SortArgs.o, 2, x);
    A[SortArgs.scratch] = scratch;
    try {
      this.run(KernelId.SORT, parts);
    } finally {
      this.rt.free(scratch);
    }
  }

  // ------------------------------------------------------------------ random

  random(out: View<number>, args: RandomArgs): void {
    const c = this.coalesce(this.operands(out.strides), out.shape, this.randomDims, 0, out.shape.length, -1);
    const n = c.numel;
    if (n === 0) return;
    const A = this.A;
    A[RandomStruct.kind] = RANDOM_CODE_OF[args.kind];
    A[RandomStruct.dtype] = DT[out.dtype];
    A[RandomStruct.ndim] = c.ndim;
    A[RandomStruct.n] = n;
    A[RandomStruct.seed_lo] = args.seedLo;
    A[RandomStruct.seed_hi] = args.seedHi;
    A[RandomStruct.off_lo] = args.offset % 4294967296;
    A[RandomStruct.off_hi] = Math.floor(args.offset / 4294967296);
    this.F[RandomArgsF64.a] = args.a;
    this.F[RandomArgsF64.b] = args.b;
    this.setOperand(RandomStruct.o, 0, out);
    this.run(KernelId.RANDOM, this.parts(n, PER_PART_HEAVY));
  }

  /** Where the mt19937 words live while a kernel draws from them (allocated on first use). */
  private mtWords = 0;

  /**
   * PyTorch's CPU generator fills (random_mt.c): the engine's words are copied in, the kernel draws
   * sequentially (one part, as PyTorch's serial kernel) and the words and counters are copied back.
   */
  cpuRandom(out: View<number>, args: CpuRandomArgs): boolean {
    const dt = out.dtype;
    const float = dt === 'float32' || dt === 'float64';
    const ok = args.kind === 'normal' ? dt === 'float32' : args.kind === 'randint' ? float || dt === 'int32' || dt === 'int64' : float;
    if (!ok) return false;
    const n = out.shape.reduce((p, d) => p * d, 1);
    if (n === 0) return true;
    if (this.mtWords === 0) this.mtWords = this.rt.malloc(4 * args.engine.state.length);
    const e = args.engine;
    new Uint32Array(this.buffer, this.mtWords, e.state.length).set(e.state);
    const A = this.A;
    A[MtArgs.kind] = RANDOM_CODE_OF[args.kind];
    A[MtArgs.dtype] = DT[dt];
    A[MtArgs.n] = n;
    A[MtArgs.left] = e.left;
    A[MtArgs.next] = e.next;
    A[MtArgs.state] = this.mtWords;
    A[MtArgs.out] = this.ptr(out);
    this.F[MtArgsF64.a] = args.a;
    this.F[MtArgsF64.b] = args.b;
    this.run(KernelId.MT_RANDOM, 1);
    e.state.set(new Uint32Array(this.buffer, this.mtWords, e.state.length));
    e.left = this.A[MtArgs.left]!;
    e.next = this.A[MtArgs.next]!;
    return true;
  }

  // ------------------------------------------------------------------ sliding windows

  /**
   * x_im2col_args: the geometry as two spatial dims (a 1-D one has height 1), the image's and the
   * columns' strides. Returns the number of planes (N * C) to split among the parts.
   */
  private windowArgs(image: View<number>, cols: View<number>, p: Im2ColParams): number {
    const A = this.A;
    const two = p.inputSize.length === 2;
    const { H, W, OH, OW, kh, kw, sh, sw, ph, pw, dh, dw } = windowGeometry2d(p);
    const N = image.shape[0]!;
    const C = image.shape[1]!;
    const is = image.strides;
    checkElements(N * C * kh * kw * OH * OW);
    checkElements(N * C * H * W);
    A[Im2colArgs.dtype] = DT[image.dtype];
    A[Im2colArgs.N] = N;
    A[Im2colArgs.C] = C;
    A[Im2colArgs.H] = H;
    A[Im2colArgs.W] = W;
    A[Im2colArgs.OH] = OH;
    A[Im2colArgs.OW] = OW;
    A[Im2colArgs.kh] = kh;
    A[Im2colArgs.kw] = kw;
    A[Im2colArgs.sh] = sh;
    A[Im2colArgs.sw] = sw;
    A[Im2colArgs.ph] = ph;
    A[Im2colArgs.pw] = pw;
    A[Im2colArgs.dh] = dh;
    A[Im2colArgs.dw] = dw;
    A[Im2colArgs.img] = this.ptr(image);
    A[Im2colArgs.is_n] = is[0]!;
    A[Im2colArgs.is_c] = is[1]!;
    A[Im2colArgs.is_h] = two ? is[2]! : 0;
    A[Im2colArgs.is_w] = is[two ? 3 : 2]!;
    A[Im2colArgs.col] = this.ptr(cols);
    A[Im2colArgs.cs_n] = cols.strides[0]!;
    A[Im2colArgs.cs_r] = cols.strides[1]!;
    A[Im2colArgs.cs_l] = cols.strides[2]!;
    this.F[Im2colArgsF64.pad_value] = p.padValue;
    return N * C;
  }

  private windowParts(planes: number, elements: number): number {
    return Math.min(planes, this.parts(elements, PER_PART_CHEAP));
  }

  im2col(x: View<number>, params: Im2ColParams, out: View<number>): void {
    const planes = this.windowArgs(x, out, params);
    const n = out.shape[0]! * out.shape[1]! * out.shape[2]!;
    if (n === 0) return;
    this.run(KernelId.IM2COL, this.windowParts(planes, n));
  }

  col2im(cols: View<number>, params: Im2ColParams, out: View<number>): void {
    if (out.dtype !== 'float32' && out.dtype !== 'float64') throw new Error(`col2im: unsupported dtype ${out.dtype}`);
    const planes = this.windowArgs(out, cols, params);
    const n = cols.shape[0]! * cols.shape[1]! * cols.shape[2]!;
    if (planes === 0) return;
    this.run(KernelId.COL2IM, this.windowParts(planes, Math.max(n, out.shape[0]! * out.shape[1]!)));
  }

  // ------------------------------------------------------------------ fused

  softmax(x: View<number>, out: View<number>, log: boolean): void {
    if (x.dtype !== 'float32' && x.dtype !== 'float64') throw new Error(`softmax: unsupported dtype ${x.dtype}`);
    const nd = x.shape.length;
    const len = nd === 0 ? 1 : x.shape[nd - 1]!;
    let rows = 1;
    for (let d = 0; d < nd - 1; d++) rows *= x.shape[d]!;
    if (rows === 0 || len === 0) return;
    const A = this.A;
    A[SoftmaxArgs.dtype] = DT[x.dtype];
    A[SoftmaxArgs.log] = log ? 1 : 0;
    A[SoftmaxArgs.rows] = rows;
    A[SoftmaxArgs.len] = len;
    A[SoftmaxArgs.x] = this.ptr(x);
    A[SoftmaxArgs.out] = this.ptr(out);
    let parts = this.parts(rows * len, PER_PART_HEAVY);
    if (parts > rows) parts = rows;
    this.run(KernelId.SOFTMAX, parts);
  }
}
