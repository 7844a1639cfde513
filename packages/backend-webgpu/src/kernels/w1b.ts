/**
 * The kernels of the second kernel family (reduce, scan, matmul, gather, scatter, sort, im2col,
 * col2im), each `(ctx, ...the Backend method's arguments)`, gathered for backend.ts.
 */
import type { Im2ColParams, ReduceOp, ScanOp, View } from '@x/tensor';
import type { KernelContext } from '../program';

function missing(kernel: string): never {
  throw new Error(`the webgpu backend has no ${kernel} kernel yet`);
}

export const W1B_KERNELS = {
  reduce: (_ctx: KernelContext, _op: ReduceOp, _x: View, _out: View): void => missing('reduce'),
  scan: (_ctx: KernelContext, _op: ScanOp, _x: View, _out: View, _dim: number): void => missing('scan'),
  matmul: (_ctx: KernelContext, _a: View, _b: View, _out: View): void => missing('matmul'),
  gather: (_ctx: KernelContext, _x: View, _dim: number, _index: View, _out: View): void => missing('gather'),
  scatter: (_ctx: KernelContext, _dst: View, _dim: number, _index: View, _src: View, _reduce: 'none' | 'add'): void => missing('scatter'),
  sort: (_ctx: KernelContext, _x: View, _descending: boolean, _values: View, _indices: View): void => missing('sort'),
  im2col: (_ctx: KernelContext, _x: View, _params: Im2ColParams, _out: View): void => missing('im2col'),
  col2im: (_ctx: KernelContext, _cols: View, _params: Im2ColParams, _out: View): void => missing('col2im'),
};
