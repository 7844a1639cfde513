/**
 * The Backend seam. A backend owns storage and runs kernels over strided views; it knows nothing of
 * autograd, modules, broadcasting rules or type promotion: the op layer hands it operands that are
 * already promoted to one compute dtype and broadcast (stride 0) to the output's shape.
 *
 * Required kernels are the small primitive set every backend implements; optional ones are fused
 * fast paths that ops use when present and compose from primitives otherwise.
 */
import type { DType, StorageArray } from './dtype';
import type { Storage } from './storage';

/**
 * What a kernel sees of a tensor: storage plus layout. `Tensor` satisfies it directly. H is the
 * type of the backend's storage handle (a pointer, a GPUBuffer, a typed array).
 */
export interface View<H = unknown> {
  readonly storage: Storage<H>;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

/** Elementwise ops of one input; output dtype equals the input's except where noted. */
export const UNARY_OPS = [
  'neg', 'abs', 'sign', 'exp', 'exp2', 'log', 'log2', 'log10', 'log1p', 'expm1', 'sqrt', 'rsqrt',
  'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh',
  'sigmoid', 'relu', 'floor', 'ceil', 'round', 'trunc', 'frac', 'reciprocal', 'square', 'erf', 'erfc',
  'logicalNot', 'isnan', 'isinf', 'isfinite', 'bitwiseNot',
] as const;
export type UnaryOp = (typeof UNARY_OPS)[number];
/**
 * The unary ops every backend's `unary` kernel implements. The op layer composes each other unary op
 * from these and the binary primitives when a backend's `unaryOps` leaves it out (ops/compose.ts);
 * each is kept here because composing it would lose accuracy (exp, log, sin, cos, sqrt, erf, erfc
 * are the transcendental bases) or exactness (trunc, which floor, ceil, round and frac build on).
 */
export const PRIMITIVE_UNARY_OPS = ['exp', 'log', 'sin', 'cos', 'sqrt', 'trunc', 'erf', 'erfc'] as const satisfies readonly UnaryOp[];
export type PrimitiveUnaryOp = (typeof PRIMITIVE_UNARY_OPS)[number];
/** Unary ops whose output is bool whatever the input. */
export const BOOL_UNARY_OPS: ReadonlySet<UnaryOp> = new Set(['logicalNot', 'isnan', 'isinf', 'isfinite']);

/** Elementwise ops of two inputs of the same dtype; comparisons and logic write bool. */
export const BINARY_OPS = [
  'add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'fmod', 'remainder', 'floorDivide', 'atan2',
  'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logicalAnd', 'logicalOr', 'logicalXor',
  'bitwiseAnd', 'bitwiseOr', 'bitwiseXor',
] as const;
export type BinaryOp = (typeof BINARY_OPS)[number];
/**
 * The binary ops every backend's `binary` kernel implements; the op layer composes the others
 * (sub, maximum, minimum, remainder, ne, le, gt, ge and the logical ops) from these. div, fmod and
 * floorDivide stay primitive because no composition keeps them exact on floats and integers alike,
 * pow and atan2 for accuracy, eq and lt because the other comparisons follow from them under NaN
 * (not from a negation), and the bitwise ops because integers have no other source of them.
 */
export const PRIMITIVE_BINARY_OPS = [
  'add', 'mul', 'div', 'pow', 'fmod', 'floorDivide', 'atan2', 'eq', 'lt', 'bitwiseAnd', 'bitwiseOr', 'bitwiseXor',
] as const satisfies readonly BinaryOp[];
export type PrimitiveBinaryOp = (typeof PRIMITIVE_BINARY_OPS)[number];
export const BOOL_BINARY_OPS: ReadonlySet<BinaryOp> = new Set([
  'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logicalAnd', 'logicalOr', 'logicalXor',
]);

/** Reductions over the trailing dims of the input. arg* write int64 indices of the flattened trailing dims. */
export const REDUCE_OPS = ['sum', 'prod', 'max', 'min', 'argmax', 'argmin', 'all', 'any'] as const;
export type ReduceOp = (typeof REDUCE_OPS)[number];

/** Cumulative ops along one dim. */
export const SCAN_OPS = ['cumsum', 'cumprod'] as const;
export type ScanOp = (typeof SCAN_OPS)[number];

/**
 * Distributions a backend fills from the counter-based Philox 4x32-10 generator. Element i of a draw
 * uses the block at counter (offset + i) under key (seedLo, seedHi); `random/philox.ts` defines
 * how its four words become a value, and every backend must produce the same values.
 */
export const RANDOM_KINDS = ['uniform', 'normal', 'randint', 'bernoulli'] as const;
export type RandomKind = (typeof RANDOM_KINDS)[number];

export interface RandomArgs {
  readonly kind: RandomKind;
  /** 64-bit seed as two 32-bit halves, and the Philox counter offset where this draw starts. */
  readonly seedLo: number;
  readonly seedHi: number;
  readonly offset: number;
  /** uniform: [a, b); normal: mean a, std b; randint: integers in [a, b); bernoulli: 1 with probability a (b unused). */
  readonly a: number;
  readonly b: number;
}

/**
 * A fill from PyTorch's CPU generator that a CPU backend may run in its kernels (`cpuRandom`), as
 * `random/cpu-distributions.ts` defines it: uniform [a, b); normal (mean a, std b) by normal_fill,
 * asked only for float32 with 16 or more elements; randint [a, b) with b - a < 2^32; bernoulli p = a.
 */
export interface CpuRandomArgs {
  readonly kind: RandomKind;
  readonly a: number;
  readonly b: number;
  /**
   * PyTorch's mt19937 engine: its 624 words and counters, which the backend reads and advances in
   * place (the draws are sequential, as in PyTorch's CPU kernels).
   */
  readonly engine: { readonly state: Uint32Array; left: number; next: number };
}

/**
 * The geometry of a sliding-window kernel over the spatial dims of an image batch (N, C, *spatial),
 * spatial rank 1 or 2, every array with one entry per spatial dim. Window l (row-major over
 * `outputSize`) at output position o reads, for kernel offset k, the input position
 * `o * stride - padding + k * dilation`; positions outside [0, inputSize) are padding.
 */
export interface Im2ColParams {
  /** Spatial size of the image (the input of im2col, the output of col2im). */
  readonly inputSize: readonly number[];
  /** Number of window positions per spatial dim; L = their product. */
  readonly outputSize: readonly number[];
  readonly kernelSize: readonly number[];
  readonly stride: readonly number[];
  readonly padding: readonly number[];
  readonly dilation: readonly number[];
  /** im2col only: the value read at padding positions (0 for convolution, -Infinity for max pooling). */
  readonly padValue: number;
}

/** Im2ColParams as two spatial dims, the form kernels loop over: a 1-D geometry is a 2-D one of height 1. */
export interface WindowGeometry2d {
  H: number; W: number; OH: number; OW: number; kh: number; kw: number;
  sh: number; sw: number; ph: number; pw: number; dh: number; dw: number;
}

export function windowGeometry2d(p: Im2ColParams): WindowGeometry2d {
  const two = p.inputSize.length === 2;
  const at = (a: readonly number[], one: number): [number, number] => (two ? [a[0]!, a[1]!] : [one, a[0]!]);
  const [H, W] = at(p.inputSize, 1);
  const [OH, OW] = at(p.outputSize, 1);
  const [kh, kw] = at(p.kernelSize, 1);
  const [sh, sw] = at(p.stride, 1);
  const [ph, pw] = at(p.padding, 0);
  const [dh, dw] = at(p.dilation, 1);
  return { H, W, OH, OW, kh, kw, sh, sw, ph, pw, dh, dw };
}

/**
 * A backend over storage handles of type H (candle's storage type): `alloc` makes them, every other
 * method gets them back, in `handle` or in its views' `storage.handle`, so a backend never casts.
 */
export interface Backend<H = unknown> {
  /** Unique name, e.g. 'reference', 'wasm', 'webgpu'. */
  readonly name: string;
  /** The device string tensors on this backend report, e.g. 'cpu'. */
  readonly device: string;
  /**
   * How a DataLoader worker thread computes on this backend's device: it imports `module` (a file URL)
   * and calls its export `export` before it rebuilds the dataset, as PyTorch's workers run the same
   * CPU kernels (on one thread each). Without it a worker has what its imports register (at least
   * the reference backend).
   */
  readonly workerSetup?: { readonly module: string; readonly export: string };

  // ---- storage ----
  /** A new storage of `byteLength` bytes (contents undefined). */
  alloc(byteLength: number): H;
  /** Returns the storage's memory; called once, when the last tensor using it is released. */
  free(handle: H): void;
  /** Copies `data` into the storage starting at element `offset` of `data`'s element type. */
  write(handle: H, data: StorageArray, offset: number): void;
  /** Reads `length` elements of `dtype` starting at element `offset`. */
  read(handle: H, dtype: DType, offset: number, length: number): Promise<StorageArray>;
  /** Synchronous read, where the backend can (CPU backends). */
  readSync?(handle: H, dtype: DType, offset: number, length: number): StorageArray;
  /** Bytes this backend holds right now (for torch.memory()). */
  bytesInUse?(): number;
  /**
   * Gives back memory the backend keeps for reuse but no storage holds (pooled GPU buffers), so an
   * allocation that failed can be retried after unreachable tensors were reclaimed.
   */
  trim?(): void;
  /**
   * Whether tensors of `dtype` can live on this backend; every dtype when absent. A backend that
   * refuses some (WebGPU: WGSL has no 64-bit floats) says why in `unsupportedDtypeReason`: creating
   * such a tensor there throws an Error with that reason, and the conformance suite skips (and
   * prints) the cases that need it.
   */
  supportsDtype?(dtype: DType): boolean;
  /** Why `dtype` is refused, as a sentence (e.g. "WGSL has no 64-bit float type"). */
  unsupportedDtypeReason?(dtype: DType): string;

  // ---- primitive kernels (out is always written, never aliased with inputs unless stated) ----
  /**
   * The unary ops `unary` implements: at least PRIMITIVE_UNARY_OPS; the op layer composes the rest
   * from primitive kernels. Absent: all of UNARY_OPS.
   */
  readonly unaryOps?: ReadonlySet<UnaryOp>;
  /** The binary ops `binary` implements: at least PRIMITIVE_BINARY_OPS. Absent: all of BINARY_OPS. */
  readonly binaryOps?: ReadonlySet<BinaryOp>;
  /** One of `unaryOps`; out may be x itself (in-place ops), element for element. */
  unary(op: UnaryOp, x: View<H>, out: View<H>): void;
  /**
   * One of `binaryOps`. a and b share a dtype and out's shape (stride 0 where broadcast); either
   * (never both) may be a scalar; out may be a itself (in-place ops), element for element.
   */
  binary(op: BinaryOp, a: View<H> | number, b: View<H> | number, out: View<H>): void;
  /** out = cond ? a : b; cond is bool, a/b/out share a dtype; all have out's shape. */
  where(cond: View<H>, a: View<H>, b: View<H>, out: View<H>): void;
  /** Strided copy with a dtype cast (src and dst have the same shape; dst may alias nothing of src). */
  copy(src: View<H>, dst: View<H>): void;
  fill(dst: View<H>, value: number): void;
  /**
   * Reduces the trailing `x.shape.length - out.shape.length` dims of x into out (same dtype as x,
   * except arg* → int64, all/any → bool; sum/prod of bool/uint8 are never asked: the op layer casts).
   */
  reduce(op: ReduceOp, x: View<H>, out: View<H>): void;
  /** Inclusive scan along `dim`; out has x's shape and dtype. */
  scan(op: ScanOp, x: View<H>, out: View<H>, dim: number): void;
  /** Batched matmul: a [B, M, K], b [B, K, N] (batch stride may be 0), out [B, M, N] contiguous. */
  matmul(a: View<H>, b: View<H>, out: View<H>): void;
  /**
   * out[i][j][k] = x[i][index[i][j][k]][k] along dim (torch.gather; index is int64, out has index's
   * shape). An index outside [0, size) throws `index J is out of bounds for dimension D with size S`.
   * `message(J)` is how the calling op words that error (J as the kernel saw it): a backend that
   * throws synchronously may ignore it (the op rewords the kernel's text); one that reports the error
   * later, at the next read (a GPU), uses it, since the op's rewording cannot reach a deferred error.
   */
  gather(x: View<H>, dim: number, index: View<H>, out: View<H>, message?: (j: string) => string): void;
  /** In place: dst[index along dim] = src (or += src with 'add'); index is int64 with src's shape; bounds and `message` as gather. */
  scatter(dst: View<H>, dim: number, index: View<H>, src: View<H>, reduce: 'none' | 'add', message?: (j: string) => string): void;
  /** Stable sort along the last dim of x; writes values (x's dtype) and int64 indices. */
  sort(x: View<H>, descending: boolean, values: View<H>, indices: View<H>): void;
  /** Fills out (contiguous; float32/float64 for uniform/normal, any dtype for randint) from the Philox stream. */
  random(out: View<H>, args: RandomArgs): void;
  /**
   * Optional, CPU backends: fills out (contiguous) from PyTorch's CPU generator. Returns false for a
   * kind/dtype it does not run (the op layer then draws the values itself and writes them).
   */
  cpuRandom?(out: View<H>, args: CpuRandomArgs): boolean;
  /**
   * Unfolds sliding windows (PyTorch's F.unfold): x is (N, C, *inputSize), out is (N, C * K, L) with
   * K = prod(kernelSize) and L = prod(outputSize), row c * K + k (kernel offsets row-major) and column l:
   * out[n][c*K + k][l] = x[n][c][o(l) * stride - padding + k * dilation], or padValue where that
   * position is outside the image. x and out may have any strides and the same dtype (any dtype).
   */
  im2col(x: View<H>, params: Im2ColParams, out: View<H>): void;
  /**
   * The adjoint of im2col (PyTorch's F.fold): cols is (N, C * K, L), out is (N, C, *inputSize);
   * every out element is written with the sum of the cols entries im2col would have read from it
   * (0 where no window reaches; entries at padding positions are dropped). Any strides; float32 or
   * float64 (the op layer computes other dtypes through float32).
   */
  col2im(cols: View<H>, params: Im2ColParams, out: View<H>): void;

  // ---- optional fused kernels ----
  /** Softmax (or log-softmax) along the last dim of a contiguous float input. */
  softmax?(x: View<H>, out: View<H>, log: boolean): void;
}
