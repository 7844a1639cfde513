/**
 * The smallest complete backend: every method of @x/tensor's Backend interface, each delegating to
 * the reference backend, with what a real backend does there. Copy this package, then replace one
 * method at a time and rerun the conformance suite (test/conformance.test.ts) after each.
 */
import { PRIMITIVE_BINARY_OPS, PRIMITIVE_UNARY_OPS, ReferenceBackend } from '@x/tensor';
import type { Backend, BinaryOp, DType, HostBuffer, Im2ColParams, RandomArgs, ReduceOp, ScanOp, StorageArray, UnaryOp, View } from '@x/tensor';

/** The kernels this skeleton borrows until it has its own; they expect the handles its alloc makes. */
const reference = new ReferenceBackend();
/** What alloc returns and every kernel's views hold: the reference's host buffer until alloc is yours. */
type Handle = HostBuffer;

export class SkeletonBackend implements Backend<Handle> {
  readonly name: string = 'skeleton';
  // What tensors report as t.device: PyTorch's name where there is one ('cuda'); a faster CPU backend
  // says 'cpu' and registers with a priority above the reference backend's (-100).
  readonly device: string = 'skeleton';

  // ---- storage: the handle is the backend's own (a pointer, a GPUBuffer); @x/tensor only passes it back
  // Reserve byteLength bytes of device memory; the contents may be garbage.
  alloc(byteLength: number): Handle { return reference.alloc(byteLength); }
  // Give the memory back: called once, when the last tensor viewing it is released.
  free(handle: Handle): void { reference.free(handle); }
  // Host to device: copy data into the storage from element `offset` (in data's element type).
  write(handle: Handle, data: StorageArray, offset: number): void { reference.write(handle, data, offset); }
  // Device to host: resolve with a copy the caller keeps, once the values are on the host.
  read(handle: Handle, dtype: DType, offset: number, length: number): Promise<StorageArray> { return reference.read(handle, dtype, offset, length); }
  // Only where values can be read at once (CPU memory). A GPU leaves it out: item(), tolist() and numpy()
  // then throw naming their …Async twins, and ops that need values on the host take their async forms.
  readSync(handle: Handle, dtype: DType, offset: number, length: number): StorageArray { return reference.readSync(handle, dtype, offset, length); }
  // Bytes held now, by the backend's own count (tests compare it before and after, to find leaks); optional.
  bytesInUse(): number { return reference.bytesInUse(); }

  // ---- kernels: operands arrive promoted to one dtype and broadcast (stride 0) to out's shape; a
  // View is storage + dtype + shape + strides + offset; out is always written and aliases no input
  // (except in unary and binary, where in-place ops pass their x or a itself as out).
  // The elementwise ops unary and binary handle: the primitives (exp, log, …, add, mul, eq, lt, …) at
  // least; @x/tensor composes the others from them (docs/write-a-backend.md). Leave out both sets
  // once your kernels handle every name of UNARY_OPS and BINARY_OPS. Either binary operand may be a number.
  readonly unaryOps: ReadonlySet<UnaryOp> = new Set(PRIMITIVE_UNARY_OPS);
  readonly binaryOps: ReadonlySet<BinaryOp> = new Set(PRIMITIVE_BINARY_OPS);
  unary(op: UnaryOp, x: View<Handle>, out: View<Handle>): void { reference.unary(op, x, out); }
  binary(op: BinaryOp, a: View<Handle> | number, b: View<Handle> | number, out: View<Handle>): void { reference.binary(op, a, b, out); }
  // out = cond ? a : b, elementwise.
  where(cond: View<Handle>, a: View<Handle>, b: View<Handle>, out: View<Handle>): void { reference.where(cond, a, b, out); }
  // Strided copy with a dtype cast: contiguous(), clone(), to(dtype), cat and stack are built on it.
  copy(src: View<Handle>, dst: View<Handle>): void { reference.copy(src, dst); }
  fill(dst: View<Handle>, value: number): void { reference.fill(dst, value); }
  // Reduce the trailing dims of x into out (the op layer permutes the reduced dims last).
  reduce(op: ReduceOp, x: View<Handle>, out: View<Handle>): void { reference.reduce(op, x, out); }
  // Inclusive cumsum/cumprod along dim.
  scan(op: ScanOp, x: View<Handle>, out: View<Handle>, dim: number): void { reference.scan(op, x, out, dim); }
  // Batched [B, M, K] x [B, K, N]: the kernel linear layers and convolutions spend their time in.
  matmul(a: View<Handle>, b: View<Handle>, out: View<Handle>): void { reference.matmul(a, b, out); }
  // Indexed reads and writes along dim. An index out of range throws PyTorch's message; a GPU, which
  // finds out later, words it with the optional last argument `message` (see Backend.gather).
  gather(x: View<Handle>, dim: number, index: View<Handle>, out: View<Handle>): void { reference.gather(x, dim, index, out); }
  scatter(dst: View<Handle>, dim: number, index: View<Handle>, src: View<Handle>, reduce: 'none' | 'add'): void { reference.scatter(dst, dim, index, src, reduce); }
  // Stable sort along the last dim, NaN last, writing values and int64 indices.
  sort(x: View<Handle>, descending: boolean, values: View<Handle>, indices: View<Handle>): void { reference.sort(x, descending, values, indices); }
  // Philox 4x32-10 draws (what GPU backends use): the same seed must give the same numbers as every other GPU backend.
  // A CPU backend (device 'cpu') gets PyTorch's CPU generator from the op layer instead, which draws the values
  // and writes them; it may run those draws in its own kernels with the optional cpuRandom(out, args).
  random(out: View<Handle>, args: RandomArgs): void { reference.random(out, args); }
  // Sliding windows for convolution and pooling (F.unfold) and their adjoint (F.fold).
  im2col(x: View<Handle>, params: Im2ColParams, out: View<Handle>): void { reference.im2col(x, params, out); }
  col2im(cols: View<Handle>, params: Im2ColParams, out: View<Handle>): void { reference.col2im(cols, params, out); }
}
