/** Creation ops: torch.tensor, zeros, ones, full, empty, eye, arange, linspace, logspace, *Like, new*. */
import type { DType, StorageArray } from '../dtype';
import { assertDType, getDefaultDType, isFloatingPoint, storageArrayType } from '../dtype';
import { f32ToBF16Bits, f32ToF16Bits } from '../half';
import { checkSize } from '../shape';
import { Tensor } from '../tensor';
import { fill_ } from './cast';
import { emptyTensor, resolveBackend, splitSizeArgs, type CreationOptions, type Scalar } from './util';

type Nested = number | boolean | bigint | readonly Nested[];
export type TensorData = Nested | ArrayLike<number> | BigInt64Array | Tensor;

type TypedInput = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array | Int8Array | Int16Array | Uint16Array | Uint32Array;

function typedDType(a: TypedInput): DType {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof BigInt64Array) return 'int64';
  if (a instanceof Uint8Array) return 'uint8';
  if (a instanceof Uint32Array) return 'int64';
  return 'int32';
}

function isTyped(x: unknown): x is TypedInput {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

/** Walks nested arrays: shape, flat values, and the dtype PyTorch would infer. */
function flattenNested(data: Nested): { shape: number[]; values: (number | bigint)[]; dtype: DType } {
  const shape: number[] = [];
  let probe: Nested = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0] as Nested;
  }
  const values: (number | bigint)[] = [];
  let sawFloat = false;
  let sawNumber = false;
  let sawBool = false;
  const walk = (x: Nested, d: number): void => {
    if (d === shape.length) {
      if (Array.isArray(x)) throw new Error(`too many dimensions: expected ${shape.length}, got a nested array at depth ${d}`);
      if (typeof x === 'boolean') {
        sawBool = true;
        values.push(x ? 1 : 0);
      } else if (typeof x === 'bigint') {
        sawNumber = true;
        values.push(x);
      } else if (typeof x === 'number') {
        sawNumber = true;
        if (!Number.isInteger(x)) sawFloat = true;
        values.push(x);
      } else throw new TypeError(`Could not infer dtype of ${x === null ? 'null' : typeof x}`);
      return;
    }
    if (!Array.isArray(x)) throw new Error(`expected sequence of length ${shape[d]} at dim ${d} (got a scalar)`);
    if (x.length !== shape[d]) throw new Error(`expected sequence of length ${shape[d]} at dim ${d} (got ${x.length})`);
    for (const v of x as readonly Nested[]) walk(v, d + 1);
  };
  walk(data, 0);
  const dtype: DType = sawFloat ? getDefaultDType() : sawNumber ? 'int64' : sawBool ? 'bool' : getDefaultDType();
  return { shape, values, dtype };
}

/** Encodes numbers into the storage array type of dtype (rounding half types, truncating ints). */
export function encode(values: ArrayLike<number | bigint>, dtype: DType): StorageArray {
  const n = values.length;
  const Ctor = storageArrayType(dtype);
  const out = new Ctor(n);
  switch (dtype) {
    case 'float16':
    case 'bfloat16': {
      const conv = dtype === 'float16' ? f32ToF16Bits : f32ToBF16Bits;
      for (let i = 0; i < n; i++) (out as Uint16Array)[i] = conv(Number(values[i]));
      break;
    }
    case 'int64':
      for (let i = 0; i < n; i++) {
        const v = values[i]!;
        (out as BigInt64Array)[i] = typeof v === 'bigint' ? BigInt.asIntN(64, v) : Number.isFinite(v) ? BigInt.asIntN(64, BigInt(Math.trunc(v))) : 0n;
      }
      break;
    case 'bool':
      for (let i = 0; i < n; i++) (out as Uint8Array)[i] = values[i] ? 1 : 0;
      break;
    default: {
      const o = out as Float32Array;
      for (let i = 0; i < n; i++) o[i] = Number(values[i]);
    }
  }
  return out;
}

/** A tensor holding `values` (row-major) with the given shape and dtype, on the backend for options.device. */
export function fromValues(values: ArrayLike<number | bigint>, shape: readonly number[], dtype: DType, options: CreationOptions = {}): Tensor {
  const backend = resolveBackend(options.device);
  const t = emptyTensor(shape, dtype, backend);
  if (values.length > 0) backend.write(t.storage.handle, encode(values, dtype), 0);
  return withGrad(t, options);
}

/** Applies the requiresGrad creation option. */
export function withGrad(t: Tensor, options: CreationOptions): Tensor {
  if (options.requiresGrad) t.requiresGrad_(true);
  return t;
}

/**
 * torch.tensor: copies data (a number, boolean, nested arrays, or a typed array) into a new tensor.
 * Integers infer int64, any non-integer the default float dtype, booleans bool.
 *
 * @example
 * torch.tensor([[1, 2], [3, 4]]);            // int64
 * torch.tensor([5.5, 3]);                    // float32
 * torch.tensor([1, 2], { dtype: 'float32' }); // JS has no 1. literal: say the dtype
 */
export function tensor(data: TensorData, options: CreationOptions = {}): Tensor {
  if (data instanceof Tensor) {
    return withGrad(data.detach().to({ dtype: options.dtype ?? data.dtype, device: options.device ?? data.device, copy: true }), options);
  }
  if (isTyped(data)) {
    const dtype = options.dtype ? assertDType(options.dtype) : typedDType(data);
    return fromValues(data as ArrayLike<number>, [data.length], dtype, options);
  }
  const { shape, values, dtype } = flattenNested(data as Nested);
  return fromValues(values, shape, options.dtype ? assertDType(options.dtype) : dtype, options);
}

type SizeArgs = (number | readonly number[] | CreationOptions)[];

function filled(value: number | undefined, args: SizeArgs, defaultDType?: DType): Tensor {
  const [sizeArgs, options] = splitSizeArgs<CreationOptions>(args);
  const shape = sizeArgs.length === 1 && Array.isArray(sizeArgs[0]) ? checkSize(sizeArgs[0] as number[]) : checkSize(sizeArgs as number[]);
  const dtype = options.dtype ? assertDType(options.dtype) : defaultDType ?? getDefaultDType();
  const t = emptyTensor(shape, dtype, resolveBackend(options.device));
  if (value !== undefined && t.numel() > 0) fill_(t, value);
  return withGrad(t, options);
}

/** torch.zeros(2, 3), torch.zeros([2, 3], { dtype: 'int64' }) */
export function zeros(...args: SizeArgs): Tensor {
  return filled(0, args);
}
export function ones(...args: SizeArgs): Tensor {
  return filled(1, args);
}
/** Uninitialised values (whatever the allocator hands back), as torch.empty. */
export function empty(...args: SizeArgs): Tensor {
  return filled(undefined, args);
}

/** torch.full(size, fillValue): dtype inferred from the value (bool, int64, or the default float). */
export function full(size: readonly number[], fillValue: Scalar, options: CreationOptions = {}): Tensor {
  const inferred: DType = typeof fillValue === 'boolean' ? 'bool' : Number.isInteger(fillValue) ? 'int64' : getDefaultDType();
  return filled(Number(fillValue), [size, options], inferred);
}

type LikeOptions = CreationOptions;
function likeArgs(t: Tensor, options: LikeOptions): [readonly number[], CreationOptions] {
  return [t.shape, { dtype: options.dtype ?? t.dtype, device: options.device ?? t.device, requiresGrad: options.requiresGrad ?? false }];
}
export function zerosLike(t: Tensor, options: LikeOptions = {}): Tensor {
  return filled(0, likeArgs(t, options));
}
export function onesLike(t: Tensor, options: LikeOptions = {}): Tensor {
  return filled(1, likeArgs(t, options));
}
export function emptyLike(t: Tensor, options: LikeOptions = {}): Tensor {
  return filled(undefined, likeArgs(t, options));
}
export function fullLike(t: Tensor, fillValue: Scalar, options: LikeOptions = {}): Tensor {
  return filled(Number(fillValue), likeArgs(t, options));
}

/** torch.eye(n, m?) */
export function eye(n: number, m?: number | CreationOptions, options: CreationOptions = {}): Tensor {
  const opts = typeof m === 'object' ? m : options;
  const cols = typeof m === 'number' ? m : n;
  if (n < 0) throw new Error(`n must be greater or equal to 0, got ${n}`);
  if (cols < 0) throw new Error(`m must be greater or equal to 0, got ${cols}`);
  checkSize([n, cols]);
  const values = new Float64Array(n * cols);
  for (let i = 0; i < Math.min(n, cols); i++) values[i * cols + i] = 1;
  return fromValues(values, [n, cols], opts.dtype ?? getDefaultDType(), opts);
}

/**
 * torch.arange(end), arange(start, end, step?): end excluded; int64 when every argument is an
 * integer, else the default float dtype. Size is ceil((end - start) / step) as PyTorch computes it.
 */
export function arange(...args: (number | CreationOptions)[]): Tensor {
  const last = args[args.length - 1];
  const options: CreationOptions = typeof last === 'object' ? (args.pop() as CreationOptions) : {};
  const nums = args as number[];
  const [start, end, step] = nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? 1];
  if (step === 0) throw new Error('step must be nonzero');
  if ((step > 0 && end < start) || (step < 0 && end > start)) {
    throw new Error('upper bound and larger bound inconsistent with step sign');
  }
  const allInt = nums.every(Number.isInteger);
  const dtype = options.dtype ?? (allInt ? 'int64' : getDefaultDType());
  const n = Math.ceil((end - start) / step);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = start + i * step;
  return fromValues(values, [n], dtype, options);
}

/** linspace's points in float64, as PyTorch computes them: the first half forward from start, the second half backward from end. */
function linspaceValues(start: number, end: number, steps: number): Float64Array {
  if (steps < 0) throw new Error('number of steps must be non-negative');
  const values = new Float64Array(steps);
  const step = steps > 1 ? (end - start) / (steps - 1) : 0;
  const half = Math.floor(steps / 2);
  for (let i = 0; i < steps; i++) values[i] = i < half ? start + step * i : end - step * (steps - 1 - i);
  if (steps === 1) values[0] = start;
  return values;
}

/** torch.linspace(start, end, steps): end included. */
export function linspace(start: number, end: number, steps: number, options: CreationOptions = {}): Tensor {
  const values = linspaceValues(start, end, steps);
  const dtype = options.dtype ?? getDefaultDType();
  if (!isFloatingPoint(dtype)) for (let i = 0; i < steps; i++) values[i] = Math.trunc(values[i]!);
  return fromValues(values, [steps], dtype, options);
}

/** torch.logspace(start, end, steps, base = 10); base may also come in the options. */
export function logspace(start: number, end: number, steps: number, base: number | (CreationOptions & { base?: number }) = 10, options: CreationOptions & { base?: number } = {}): Tensor {
  if (typeof base === 'object') {
    options = base;
    base = base.base ?? 10;
  }
  // The exponents and powers are computed on the host in float64, on every device.
  const values = linspaceValues(start, end, steps).map((v) => (base as number) ** v);
  return fromValues(values, [steps], options.dtype ?? getDefaultDType(), options);
}

/** t.newTensor(data): dtype and device default to t's. */
export function newTensor(t: Tensor, data: unknown, options: CreationOptions = {}): Tensor {
  return tensor(data as TensorData, { dtype: options.dtype ?? t.dtype, device: options.device ?? t.device });
}

/** t.newZeros / newOnes / newEmpty / newFull: same dtype and device as t unless given. */
export function newFilled(t: Tensor, value: Scalar | undefined, args: readonly unknown[]): Tensor {
  const [sizeArgs, options] = splitSizeArgs<CreationOptions>(args);
  const opts = { dtype: options.dtype ?? t.dtype, device: options.device ?? t.device };
  return filled(value === undefined ? undefined : Number(value), [...(sizeArgs as number[]), opts]);
}
