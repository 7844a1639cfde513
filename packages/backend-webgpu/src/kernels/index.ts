/**
 * The kernel of every Backend method. Elementwise ops, copies, fills and random draws build one
 * Program each (`<name>Program(...)`); the others encode their dispatches through the KernelContext
 * they are given, `(ctx, ...the Backend method's arguments)`.
 */
export { unaryProgram } from './unary';
export { binaryProgram } from './binary';
export { whereProgram } from './where';
export { copyProgram } from './copy';
export { fillProgram } from './fill';
export { randomProgram } from './random';
export { reduce } from './reduce';
export { scan } from './scan';
export { matmul } from './matmul';
export { gather } from './gather';
export { scatter } from './scatter';
export { sort } from './sort';
export { im2col } from './im2col';
export { col2im } from './col2im';
export { softmax } from './softmax';
