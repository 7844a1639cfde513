/**
 * The op registry: every public op, the PyTorch name it mirrors, and the backend kernels it is built
 * on. docs/ops.md is generated from it (tools/gen-ops-doc.ts), and registerBackend checks a backend
 * against the kernels listed here.
 */
import type { Backend } from './backend';
import { PRIMITIVE_BINARY_OPS, PRIMITIVE_UNARY_OPS } from './backend';

/** The primitive kernels every backend must implement. */
export const REQUIRED_KERNELS = [
  'alloc', 'free', 'write', 'read', 'unary', 'binary', 'where', 'copy', 'fill', 'reduce', 'scan', 'matmul', 'gather',
  'scatter', 'sort', 'random', 'im2col', 'col2im',
] as const;
/** Fused kernels a backend may add; ops compose them from primitives otherwise. */
export const OPTIONAL_KERNELS = ['softmax', 'readSync'] as const;
export type KernelName = (typeof REQUIRED_KERNELS)[number] | (typeof OPTIONAL_KERNELS)[number];

export interface OpInfo {
  /** our name (method and/or torch.* function) */
  name: string;
  /** PyTorch's name */
  torch: string;
  group: string;
  kernels: readonly KernelName[];
}

const op = (group: string, kernels: readonly KernelName[]) => (name: string, torch = snake(name)): OpInfo => ({ name, torch, group, kernels });
function snake(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const creation = op('creation', ['alloc', 'write', 'fill']);
const randomOp = op('random', ['random', 'copy']);
const view = op('views', []);
const unaryOp = op('pointwise', ['unary', 'copy']);
const binaryOp = op('pointwise', ['binary', 'copy']);
const reduceOp = op('reductions', ['reduce', 'copy']);
const linalgOp = op('linear algebra', ['matmul', 'copy']);
const joinOp = op('joining and indexing', ['copy']);
const gatherOp = op('joining and indexing', ['gather', 'copy']);
const scatterOp = op('joining and indexing', ['scatter', 'copy']);
const sortOp = op('sorting', ['sort', 'copy']);
const convOp = op('convolution and pooling', ['im2col', 'col2im', 'matmul', 'copy']);
const poolOp = op('convolution and pooling', ['im2col', 'col2im', 'reduce', 'gather', 'scatter', 'binary']);

export const OPS: readonly OpInfo[] = [
  ...['tensor', 'zeros', 'ones', 'full', 'empty', 'eye', 'arange', 'linspace', 'logspace', 'zerosLike', 'onesLike', 'fullLike', 'emptyLike'].map((n) => creation(n)),
  ...['rand', 'randn', 'randint', 'normal', 'randLike', 'randnLike', 'uniform_', 'normal_', 'random_', 'exponential_'].map((n) => randomOp(n)),
  op('random', ['random', 'sort'])('randperm'),
  op('random', ['random', 'copy'])('bernoulli_'),
  op('random', ['random', 'binary', 'copy'])('bernoulli'),
  op('random', ['random', 'binary', 'reduce', 'sort', 'scan', 'copy'])('multinomial'),
  ...['view', 'reshape', 'permute', 'transpose', 't', 'expand', 'expandAs', 'squeeze', 'unsqueeze', 'flatten', 'unflatten', 'narrow', 'select', 'movedim', 'unfold', 'asStrided', 'detach'].map((n) => view(n)),
  op('casts and copies', ['copy'])('contiguous'),
  op('casts and copies', ['copy'])('clone'),
  op('casts and copies', ['copy'])('to'),
  op('casts and copies', ['copy'])('copy_'),
  op('casts and copies', ['fill'])('fill_'),
  ...['neg', 'abs', 'sign', 'exp', 'exp2', 'log', 'log2', 'log10', 'log1p', 'expm1', 'sqrt', 'rsqrt', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'sigmoid', 'relu', 'floor', 'ceil', 'round', 'trunc', 'frac', 'reciprocal', 'square', 'erf', 'erfc', 'logicalNot', 'bitwiseNot', 'isnan', 'isinf', 'isfinite'].map((n) => unaryOp(n)),
  ...['add', 'sub', 'mul', 'div', 'floorDivide', 'pow', 'maximum', 'minimum', 'fmod', 'remainder', 'atan2', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logicalAnd', 'logicalOr', 'logicalXor', 'bitwiseAnd', 'bitwiseOr', 'bitwiseXor', 'clamp', 'lerp', 'addcmul', 'addcdiv', 'isclose', 'allclose', 'equal'].map((n) => binaryOp(n)),
  op('pointwise', ['where', 'copy'])('where'),
  op('pointwise', ['where', 'copy'])('maskedFill'),
  op('pointwise', ['where', 'binary', 'unary'])('nanToNum'),
  ...['sum', 'prod', 'mean', 'amax', 'amin', 'argmax', 'argmin', 'all', 'any', 'countNonzero', 'nansum', 'nanmean'].map((n) => reduceOp(n)),
  ...['max', 'min', 'var', 'std', 'norm', 'logsumexp'].map((n) => op('reductions', ['reduce', 'binary', 'unary', 'copy'])(n)),
  op('reductions', ['scan', 'copy'])('cumsum'),
  op('reductions', ['scan', 'copy'])('cumprod'),
  ...['matmul', 'mm', 'bmm', 'mv', 'dot', 'outer', 'addmm'].map((n) => linalgOp(n)),
  op('activations', ['softmax', 'reduce', 'binary', 'unary'])('softmax'),
  op('activations', ['softmax', 'reduce', 'binary', 'unary'])('logSoftmax', 'log_softmax'),
  ...['cat', 'stack', 'split', 'chunk', 'unbind', 'repeat', 'tile', 'flip', 'roll', 'pad', 'triu', 'tril', 'diag'].map((n) => joinOp(n)),
  ...['gather', 'indexSelect', 'take', 'index', 'maskedSelect', 'nonzero', 'repeatInterleave'].map((n) => gatherOp(n)),
  ...['scatter', 'scatterAdd', 'indexPut', 'indexPut_'].map((n) => scatterOp(n)),
  ...['sort', 'argsort', 'topk', 'unique'].map((n) => sortOp(n)),
  // The async forms, for backends that read only asynchronously (WebGPU): the values that size the
  // result are read with an await, then the same kernels run.
  op('async forms', ['gather', 'copy'])('nonzeroAsync', 'nonzero'),
  op('async forms', ['gather', 'copy'])('argwhereAsync', 'argwhere'),
  op('async forms', ['gather', 'copy'])('indexAsync', '__getitem__'),
  op('async forms', ['scatter', 'copy'])('indexPutAsync', 'index_put'),
  op('async forms', ['scatter', 'copy'])('indexPutAsync_', 'index_put_'),
  op('async forms', ['gather', 'copy'])('maskedSelectAsync', 'masked_select'),
  op('async forms', ['gather', 'copy'])('repeatInterleaveAsync', 'repeat_interleave'),
  op('async forms', ['sort', 'gather', 'copy'])('uniqueAsync', 'unique'),
  op('async forms', ['binary', 'reduce'])('equalAsync', 'equal'),
  op('async forms', ['binary', 'unary', 'reduce'])('allcloseAsync', 'allclose'),
  op('async forms', ['copy'])('toAsync', 'to'),
  ...['conv1d', 'conv2d'].map((n) => convOp(n)),
  convOp('convTranspose1d', 'conv_transpose1d'),
  convOp('convTranspose2d', 'conv_transpose2d'),
  op('convolution and pooling', ['im2col', 'col2im'])('unfold', 'nn.functional.unfold'),
  op('convolution and pooling', ['im2col', 'col2im'])('fold', 'nn.functional.fold'),
  poolOp('maxPool1d', 'max_pool1d'),
  poolOp('maxPool2d', 'max_pool2d'),
  poolOp('avgPool1d', 'avg_pool1d'),
  poolOp('avgPool2d', 'avg_pool2d'),
  op('convolution and pooling', ['matmul', 'reduce', 'copy'])('adaptiveAvgPool1d', 'adaptive_avg_pool1d'),
  op('convolution and pooling', ['matmul', 'reduce', 'copy'])('adaptiveAvgPool2d', 'adaptive_avg_pool2d'),
  op('convolution and pooling', ['gather', 'reduce', 'scatter'])('adaptiveMaxPool2d', 'adaptive_max_pool2d'),
  op('convolution and pooling', ['scatter', 'gather', 'fill'])('maxUnpool2d', 'max_unpool2d'),
  op('joining and indexing', ['gather', 'copy'])('embeddingLookup', 'embedding'),
  // The sparse COO layout: indices are bookkept on the host (backends that read synchronously), values
  // moved by gather/scatter.
  op('sparse COO', ['write', 'gather', 'copy'])('sparseCooTensor', 'sparse_coo_tensor'),
  op('sparse COO', ['gather', 'scatter', 'fill'])('coalesce'),
  op('sparse COO', ['scatter', 'fill'])('toDense', 'to_dense'),
  op('sparse COO', ['gather'])('toSparse', 'to_sparse'),
  op('sparse COO', ['gather'])('sparseMask', 'sparse_mask'),
];

/**
 * Kernels a backend lacks among those every backend must have (for registerBackend's check): methods
 * by name, and primitive ops its declared `unaryOps` / `binaryOps` leave out as `unary('exp')`.
 */
export function missingKernels(backend: Backend): string[] {
  const b = backend as unknown as Record<string, unknown>;
  const missing: string[] = REQUIRED_KERNELS.filter((k) => typeof b[k] !== 'function');
  const { unaryOps, binaryOps } = backend;
  if (unaryOps) missing.push(...PRIMITIVE_UNARY_OPS.filter((op) => !unaryOps.has(op)).map((op) => `unary('${op}')`));
  if (binaryOps) missing.push(...PRIMITIVE_BINARY_OPS.filter((op) => !binaryOps.has(op)).map((op) => `binary('${op}')`));
  return missing;
}

/** Whether a backend provides a kernel (required or optional). */
export function hasKernel(backend: Backend, kernel: KernelName): boolean {
  return typeof (backend as unknown as Record<string, unknown>)[kernel] === 'function';
}
