export { Tensor, VersionCounter } from './tensor';
export {
  typename, registerPythonTypeName, FloatTensor, DoubleTensor, HalfTensor, BFloat16Tensor, IntTensor, LongTensor, ByteTensor, BoolTensor,
} from './ops/legacy';
export type { LegacyTensorType } from './ops/legacy';
export { SparseTensor, isSparseTensor } from './sparse/sparse-tensor';
export type { Layout } from './sparse/sparse-tensor';
export { sparseCooTensor } from './sparse/coo';
export type { SparseCooOptions } from './sparse/coo';
import './sparse/elementwise';
export { setAutogradHook, autogradHook, traced, tracedInplace } from './autograd';
export type { AutogradHook, GradFn, OpAttrs, BackwardOptions } from './autograd';
export type { DifferentiableOp, NonDifferentiableOp, TracedOp } from './recorded-ops';
export type {
  View, Backend, Im2ColParams, WindowGeometry2d, UnaryOp, BinaryOp, PrimitiveUnaryOp, PrimitiveBinaryOp, ReduceOp, ScanOp, RandomKind, RandomArgs, CpuRandomArgs,
} from './backend';
export { windowGeometry2d } from './backend';
export { coalesce, coalesced, type Coalesced, type DimsArray } from './coalesce';
export {
  UNARY_OPS, BINARY_OPS, PRIMITIVE_UNARY_OPS, PRIMITIVE_BINARY_OPS, REDUCE_OPS, SCAN_OPS, RANDOM_KINDS, BOOL_UNARY_OPS, BOOL_BINARY_OPS,
} from './backend';
export type { DType, StorageArray, DataArray } from './dtype';
export {
  DTYPES, itemSize, isFloatingPoint, isIntegral, promoteTypes, resultType, getDefaultDType, setDefaultDType, dtypeName, scalarTypeName,
  legacyTypeName,
} from './dtype';
export * from './dtypes';
export { Storage } from './storage';
export { Size } from './size';
export { Device, device, deviceString } from './device';
export { objectAddress, pythonObjectRepr } from './repr';
export type { DeviceLike } from './device';
export { cuda, backends, registerCudaRuntime, cudaDevice, noCudaError } from './cuda';
export type { CudaRuntime } from './cuda';
export { registerBackend, setBackend, listBackends, findBackend, backendFor, getDefaultDevice, setDefaultDevice } from './registry';
export { tidy, keep, findLeaks, memory } from './memory';
export type { MemoryInfo } from './memory';
export { reclaim, setReclaimOptions, settleMemory } from './reclaim';
export type { ReclaimInfo, ReclaimOptions } from './reclaim';
export { asyncContextSupported, contextVar } from './context';
export type { ContextVar } from './context';
export { Generator, manualSeed, initialSeed, seed, defaultGenerator, setCpuRandomStream, getCpuRandomStream } from './random/generator';
export type { CpuRandomStream } from './random/generator';
export { philox4x32, philoxValue } from './random/philox';
export { setPrintOptions, getPrintOptions, formatSize, formatTensorData, formatFixed } from './format';
// Python's round() and torch.round on one number (halves to the even neighbour), for code that ports Python's arithmetic.
export { roundHalfEven } from './reference/math';
export type { PrintOptions } from './format';
export { ReferenceBackend } from './reference/backend';
export type { HostBuffer, HostView } from './reference/strided';
export { OPS, REQUIRED_KERNELS, OPTIONAL_KERNELS, hasKernel, missingKernels } from './optable';
export type { OpInfo, KernelName } from './optable';
export { broadcastShapes, contiguousStrides, sameShape } from './shape';
export { f32ToF16Bits, f16BitsToF32, f32ToBF16Bits, bf16BitsToF32 } from './half';

export { tensor, zeros, ones, empty, full, zerosLike, onesLike, emptyLike, fullLike, eye, arange, linspace, logspace } from './ops/create';
export type { TensorData } from './ops/create';
export { rand, randn, randint, randLike, randnLike, randintLike, normal, randperm, getRngState, setRngState, bernoulli, multinomial } from './ops/random';
export type { GeneratorOption, RandomOptions } from './ops/random';
export type { CreationOptions, Scalar, TensorOrScalar } from './ops/util';
export { signature, bound, defineType, listSignatures, isOptionsObject, camelCase, suggestName, typeName, Signature } from './signature';
export type { Args, BoundFunction } from './signature';
export type { ToArgs, ToOptions, TensorBackwardOptions, BackwardArgs } from './ops/methods';
export { backendSupportsDtype, checkDtypeSupported } from './ops/util';
export type { DimArg } from './ops/reduce';
export type { IndexEntry } from './ops/indexing';
export * from './ops/functions';
export { Slice, slice } from './ops/indexing';
export type { PadMode, ScatterReduce } from './ops/join';
export { conv1d, conv2d, convTranspose1d, convTranspose2d, convolution, convolutionGeometry, im2colMatmul, matmulCol2im, im2colWeightGrad } from './ops/conv';
export type { ConvolutionParams, ConvOptions, ConvTransposeOptions, ConvPadding } from './ops/conv';
export {
  maxPool1d, maxPool2d, avgPool1d, avgPool2d, adaptiveAvgPool1d, adaptiveAvgPool2d, adaptiveMaxPool2d, maxUnpool2d, avgPoolDivisor, adaptivePoolMatrix,
} from './ops/pool';
export type { MaxPool2dOptions, AvgPool2dOptions, MaxUnpool2dOptions } from './ops/pool';
export { embeddingLookup } from './ops/embedding';
export type { EmbeddingAttrs } from './ops/embedding';
export { unfold, fold, im2col, col2im, expandParam, slidingCount, poolingCount } from './ops/window';
export type { IntOrTuple, WindowGeometry, ColumnLayout, UnfoldOptions } from './ops/window';
