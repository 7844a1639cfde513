/** Creation ops: torch.tensor, zeros, ones, full, empty, eye, arange, linspace, logspace, *Like, new*. */
import type { DType, StorageArray } from '../dtype';
import { assertDType, getDefaultDType, isFloatingPoint, storageArrayType } from '../dtype';
import { f32ToBF16Bits, f32ToF16Bits } from '../half';
import { checkSize } from '../shape';
import { Tensor } from '../tensor';
import { fill_ } from './cast';
import { emptyTensor, resolveBackend, type CreationOptions, type Scalar } from './util';
import { bound, signature, type BoundFunction } from '../signature';

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

/** The keyword-only creation arguments every factory takes (PyTorch's dtype, device, requires_grad). */
const CREATION = '*, dtype? dtype=None, device? device=None, bool requiresGrad=False';

/** The factories' argument lists: the size as separate ints or one array, then the options. */
export type SizeArgs = (number | readonly number[] | CreationOptions)[];

function creation(dtype: DType | null | undefined, device: string | null | undefined, requiresGrad: boolean): CreationOptions {
  return { dtype: dtype ?? undefined, device: device ?? undefined, requiresGrad };
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
export const tensor: BoundFunction<[data: TensorData, options?: CreationOptions] | [options: CreationOptions & { data: TensorData }], Tensor> = bound(
  `tensor(any data, ${CREATION})`,
  (data: TensorData, dtype?: DType | null, device?: string | null, requiresGrad = false) => makeTensor(data, creation(dtype, device, requiresGrad)),
);

/** torch.tensor's work, for callers inside @x/tensor. */
export function makeTensor(data: TensorData, options: CreationOptions = {}): Tensor {
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

/** A tensor of `shape` filled with value (uninitialised for undefined), in dtype or the default float dtype. */
function filled(value: number | undefined, shape: readonly number[], dtype: DType | null | undefined, device: string | null | undefined, requiresGrad: boolean): Tensor {
  const t = emptyTensor(checkSize(shape as number[]), dtype ? assertDType(dtype) : getDefaultDType(), resolveBackend(device ?? undefined));
  if (value !== undefined && t.numel() > 0) fill_(t, value);
  return withGrad(t, { requiresGrad });
}

type SizeFn = BoundFunction<SizeArgs | [options: CreationOptions & { size: readonly number[] }], Tensor>;
function sizeFactory(name: string, value: number | undefined): SizeFn {
  return bound(`${name}(int... size, ${CREATION})`, (size: readonly number[], dtype?: DType | null, device?: string | null, requiresGrad = false) =>
    filled(value, size, dtype, device, requiresGrad));
}

/** torch.zeros(2, 3), torch.zeros([2, 3], { dtype: 'int64' }), torch.zeros({ size: [2, 3] }) */
export const zeros = sizeFactory('zeros', 0);
export const ones = sizeFactory('ones', 1);
/** Uninitialised values (whatever the allocator hands back), as torch.empty. */
export const empty = sizeFactory('empty', undefined);

/** The dtype torch.full infers from its fill value: bool, int64, or the default float dtype. */
function fullDType(fillValue: Scalar): DType {
  return typeof fillValue === 'boolean' ? 'bool' : Number.isInteger(fillValue) ? 'int64' : getDefaultDType();
}

/** torch.full(size, fillValue): dtype inferred from the value (bool, int64, or the default float). */
export const full: BoundFunction<
  [size: readonly number[], fillValue: Scalar, options?: CreationOptions] | [size: readonly number[], options: CreationOptions & { fillValue: Scalar }] | [options: CreationOptions & { size: readonly number[]; fillValue: Scalar }],
  Tensor
> = bound(`full(int[] size, Number fillValue, ${CREATION})`, (size: readonly number[], fillValue: Scalar, dtype?: DType | null, device?: string | null, requiresGrad = false) =>
  filled(Number(fillValue), size, dtype ?? fullDType(fillValue), device, requiresGrad));

type LikeFn<A extends readonly unknown[] = []> = BoundFunction<[input: Tensor, ...A, options?: CreationOptions], Tensor>;
function likeFactory(name: string, value: number | undefined): LikeFn {
  return bound(`${name}(Tensor input, ${CREATION})`, (t: Tensor, dtype?: DType | null, device?: string | null, requiresGrad = false) =>
    filled(value, t.shape, dtype ?? t.dtype, device ?? t.device, requiresGrad));
}
export const zerosLike = likeFactory('zerosLike', 0);
export const onesLike = likeFactory('onesLike', 1);
export const emptyLike = likeFactory('emptyLike', undefined);
export const fullLike: LikeFn<[fillValue: Scalar]> = bound(`fullLike(Tensor input, Number fillValue, ${CREATION})`, (t: Tensor, fillValue: Scalar, dtype?: DType | null, device?: string | null, requiresGrad = false) =>
  filled(Number(fillValue), t.shape, dtype ?? t.dtype, device ?? t.device, requiresGrad));

/** torch.eye(n, m?) */
export const eye: BoundFunction<[n: number, m?: number | null, options?: CreationOptions] | [n: number, options: CreationOptions & { m?: number | null }], Tensor> = bound(
  `eye(int n, int? m=None, ${CREATION})`,
  (n: number, m?: number | null, dtype?: DType | null, device?: string | null, requiresGrad = false) => {
    const cols = m ?? n;
    if (n < 0) throw new Error(`n must be greater or equal to 0, got ${n}`);
    if (cols < 0) throw new Error(`m must be greater or equal to 0, got ${cols}`);
    checkSize([n, cols]);
    const values = new Float64Array(n * cols);
    for (let i = 0; i < Math.min(n, cols); i++) values[i * cols + i] = 1;
    return fromValues(values, [n, cols], dtype ?? getDefaultDType(), creation(dtype, device, requiresGrad));
  },
);

const ARANGE = signature(`arange(Number end, ${CREATION})`, `arange(Number start, Number end, Number step=1, ${CREATION})`);

/**
 * torch.arange(end), arange(start, end, step?): end excluded; int64 when every argument is an
 * integer, else the default float dtype. Size is ceil((end - start) / step) as PyTorch computes it.
 */
export const arange: BoundFunction<
  [end: number, options?: CreationOptions] | [start: number, end: number, step?: number, options?: CreationOptions] | [start: number, end: number, options: CreationOptions & { step?: number }] | [options: CreationOptions & { start?: number; end: number; step?: number }],
  Tensor
> = bound(ARANGE, (...v: unknown[]) => {
  const [start, end, step, dtype, device, requiresGrad] = (ARANGE.overload === 0 ? [0, v[0], 1, v[1], v[2], v[3]] : v) as [number, number, number, DType | null, string | null, boolean];
  if (step === 0) throw new Error('step must be nonzero');
  if ((step > 0 && end < start) || (step < 0 && end > start)) {
    throw new Error('upper bound and larger bound inconsistent with step sign');
  }
  const allInt = [start, end, step].every((x) => Number.isInteger(x));
  const n = Math.ceil((end - start) / step);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = start + i * step;
  return fromValues(values, [n], dtype ?? (allInt ? 'int64' : getDefaultDType()), creation(dtype, device, requiresGrad));
});

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

type SpaceFn<O, B extends readonly unknown[] = []> = BoundFunction<[start: number, end: number, steps: number, ...B, options?: O] | [start: number, end: number, steps: number, options?: O] | [start: number, end: number, options: O & { steps: number }] | [start: number, options: O & { end: number; steps: number }] | [options: O & { start: number; end: number; steps: number }], Tensor>;

/** torch.linspace(start, end, steps): end included. */
export const linspace: SpaceFn<CreationOptions> = bound(`linspace(Number start, Number end, int steps, ${CREATION})`, (start: number, end: number, steps: number, dtype?: DType | null, device?: string | null, requiresGrad = false) => {
  const values = linspaceValues(Number(start), Number(end), steps);
  const d = dtype ?? getDefaultDType();
  if (!isFloatingPoint(d)) for (let i = 0; i < steps; i++) values[i] = Math.trunc(values[i]!);
  return fromValues(values, [steps], d, creation(dtype, device, requiresGrad));
});

/** torch.logspace(start, end, steps, base = 10). */
export const logspace: SpaceFn<CreationOptions & { base?: number }, [base: number]> = bound(
  `logspace(Number start, Number end, int steps, float base=10.0, ${CREATION})`,
  (start: number, end: number, steps: number, base: number, dtype?: DType | null, device?: string | null, requiresGrad = false) => {
    // The exponents and powers are computed on the host in float64, on every device.
    const values = linspaceValues(Number(start), Number(end), steps).map((v) => base ** v);
    return fromValues(values, [steps], dtype ?? getDefaultDType(), creation(dtype, device, requiresGrad));
  },
);

// ---- new tensors like t (the Tensor methods newTensor, newZeros, …): dtype and device default to t's

export const newTensor: BoundFunction<[self: Tensor, data: unknown, options?: CreationOptions], Tensor> = bound(`newTensor(Tensor self, any data, ${CREATION})`, (t: Tensor, data: unknown, dtype?: DType | null, device?: string | null, requiresGrad = false) =>
  makeTensor(data as TensorData, creation(dtype ?? t.dtype, device ?? t.device, requiresGrad)));

function newFactory(name: string, value: number | undefined): BoundFunction<[self: Tensor, ...SizeArgs], Tensor> {
  return bound(`${name}(Tensor self, int... size, ${CREATION})`, (t: Tensor, size: readonly number[], dtype?: DType | null, device?: string | null, requiresGrad = false) =>
    filled(value, size, dtype ?? t.dtype, device ?? t.device, requiresGrad));
}
export const newZeros = newFactory('newZeros', 0);
export const newOnes = newFactory('newOnes', 1);
export const newEmpty = newFactory('newEmpty', undefined);
export const newFull: BoundFunction<[self: Tensor, size: readonly number[], fillValue: Scalar, options?: CreationOptions], Tensor> = bound(
  `newFull(Tensor self, int[] size, Number fillValue, ${CREATION})`,
  (t: Tensor, size: readonly number[], fillValue: Scalar, dtype?: DType | null, device?: string | null, requiresGrad = false) =>
    filled(Number(fillValue), size, dtype ?? t.dtype, device ?? t.device, requiresGrad),
);
