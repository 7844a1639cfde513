/**
 * The kernels of the second kernel family (reduce, scan, matmul, gather, scatter, sort, im2col,
 * col2im, softmax), each `(ctx, ...the Backend method's arguments)`, gathered for backend.ts.
 */
export { reduce } from './reduce';
export { scan } from './scan';
export { matmul } from './matmul';
export { gather } from './gather';
export { scatter } from './scatter';
export { sort } from './sort';
export { im2col } from './im2col';
export { col2im } from './col2im';
export { softmax } from './softmax';
