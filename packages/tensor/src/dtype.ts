/**
 * Data types, their storage and PyTorch's type promotion.
 * float16 and bfloat16 are stored as raw 16-bit patterns; ops compute them in float32 and round back,
 * as PyTorch's CPU kernels do (float is their "opmath" type).
 */
export type DType = 'float32' | 'float64' | 'float16' | 'bfloat16' | 'int32' | 'int64' | 'uint8' | 'bool';

export const DTYPES: readonly DType[] = ['float32', 'float64', 'float16', 'bfloat16', 'int32', 'int64', 'uint8', 'bool'];

/** The array type a backend stores each dtype in. */
export interface StorageArrayMap {
  float32: Float32Array;
  float64: Float64Array;
  float16: Uint16Array;
  bfloat16: Uint16Array;
  int32: Int32Array;
  int64: BigInt64Array;
  uint8: Uint8Array;
  bool: Uint8Array;
}
export type StorageArray = StorageArrayMap[DType];

/** The array type `t.numpyAsync()` returns: half types are widened to float32 values. */
export interface DataArrayMap extends Omit<StorageArrayMap, 'float16' | 'bfloat16'> {
  float16: Float32Array;
  bfloat16: Float32Array;
}
export type DataArray = DataArrayMap[DType];

const ITEM_SIZE: Record<DType, number> = {
  float32: 4, float64: 8, float16: 2, bfloat16: 2, int32: 4, int64: 8, uint8: 1, bool: 1,
};

export function itemSize(dtype: DType): number {
  return ITEM_SIZE[dtype];
}

type StorageCtor = { new (n: number): StorageArray; new (b: ArrayBufferLike, off: number, n: number): StorageArray };
const STORAGE_CTOR: Record<DType, StorageCtor> = {
  float32: Float32Array, float64: Float64Array, float16: Uint16Array, bfloat16: Uint16Array,
  int32: Int32Array, int64: BigInt64Array, uint8: Uint8Array, bool: Uint8Array,
} as Record<DType, StorageCtor>;

export function storageArrayType(dtype: DType): StorageCtor {
  return STORAGE_CTOR[dtype];
}

/** Whether a dtype, or a tensor's dtype (torch.is_floating_point(t)), is a floating-point type. */
export function isFloatingPoint(x: DType | { readonly dtype: DType }): boolean {
  const dtype = typeof x === 'string' ? x : x.dtype;
  return dtype === 'float32' || dtype === 'float64' || dtype === 'float16' || dtype === 'bfloat16';
}
export function isIntegral(dtype: DType, includeBool = false): boolean {
  return dtype === 'int32' || dtype === 'int64' || dtype === 'uint8' || (includeBool && dtype === 'bool');
}
/** float16/bfloat16 are computed in float32. */
export function isHalf(dtype: DType): boolean {
  return dtype === 'float16' || dtype === 'bfloat16';
}

export function assertDType(dtype: unknown): DType {
  if (typeof dtype === 'string' && (DTYPES as readonly string[]).includes(dtype)) return dtype as DType;
  throw new TypeError(`expected a dtype, one of ${DTYPES.join(', ')}, but got ${String(dtype)}`);
}

let defaultDType: DType = 'float32';
/** torch.get_default_dtype() */
export function getDefaultDType(): DType {
  return defaultDType;
}
/** torch.set_default_dtype(d): only floating types, as in PyTorch. */
export function setDefaultDType(dtype: DType): void {
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new TypeError(`only floating-point types are supported as the default type, got ${dtype}`);
  }
  defaultDType = dtype;
}

// Order used by promoteTypes: the larger rank wins, except float16 with bfloat16, which PyTorch promotes to float32.
const RANK: Record<DType, number> = {
  bool: 0, uint8: 1, int32: 2, int64: 3, float16: 4, bfloat16: 5, float32: 6, float64: 7,
};

/** torch.promote_types */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if ((a === 'float16' && b === 'bfloat16') || (a === 'bfloat16' && b === 'float16')) return 'float32';
  return RANK[a] >= RANK[b] ? a : b;
}

/** The dtype PyTorch gives a Python scalar taking part in an op ("wrapped number"). */
export function scalarDType(v: number | boolean): DType {
  if (typeof v === 'boolean') return 'bool';
  return Number.isInteger(v) ? 'int64' : defaultDType;
}

/** One participant in result-type computation: a tensor's dtype and dimension count, or a scalar. */
export interface TypedOperand {
  readonly dtype: DType;
  readonly ndim: number;
}

// c10's combine_categories: the lower-priority group only matters when it is of a higher category.
function combine(higher: DType | undefined, lower: DType | undefined): DType | undefined {
  if (higher === undefined) return lower;
  if (lower === undefined) return higher;
  if (isFloatingPoint(higher)) return higher;
  if (higher === 'bool' || isFloatingPoint(lower)) return promoteTypes(higher, lower);
  return higher;
}

/**
 * torch.result_type over tensors and scalars: dimensioned tensors decide, then zero-dim tensors,
 * then scalars, each group only when it brings a higher category (bool < integer < float).
 */
export function resultType(...operands: (TypedOperand | number | boolean)[]): DType {
  let dim: DType | undefined;
  let zero: DType | undefined;
  let wrapped: DType | undefined;
  for (const o of operands) {
    if (typeof o === 'number' || typeof o === 'boolean') {
      const d = scalarDType(o);
      wrapped = wrapped === undefined ? d : promoteTypes(wrapped, d);
    } else if (o.ndim === 0) {
      zero = zero === undefined ? o.dtype : promoteTypes(zero, o.dtype);
    } else {
      dim = dim === undefined ? o.dtype : promoteTypes(dim, o.dtype);
    }
  }
  return combine(dim, combine(zero, wrapped)) ?? defaultDType;
}

/** The names PyTorch gives a dtype besides `torch.float32`: its messages and type objects use each. */
interface PyTorchNames {
  /** c10's ScalarType name, in dtype errors: `expected scalar type Long but found Float`. */
  readonly scalarType: string;
  /** The legacy tensor type of a dense CPU tensor, without the `torch.` prefix (`torch.FloatTensor`). */
  readonly legacyType: string;
  /** The C++ type some kernel checks print: `Input type (float) and bias type (double)`. */
  readonly cType: string;
}

const PYTORCH_NAMES: Readonly<Record<DType, PyTorchNames>> = {
  float32: { scalarType: 'Float', legacyType: 'FloatTensor', cType: 'float' },
  float64: { scalarType: 'Double', legacyType: 'DoubleTensor', cType: 'double' },
  float16: { scalarType: 'Half', legacyType: 'HalfTensor', cType: 'c10::Half' },
  bfloat16: { scalarType: 'BFloat16', legacyType: 'BFloat16Tensor', cType: 'c10::BFloat16' },
  int32: { scalarType: 'Int', legacyType: 'IntTensor', cType: 'int' },
  int64: { scalarType: 'Long', legacyType: 'LongTensor', cType: 'long int' },
  uint8: { scalarType: 'Byte', legacyType: 'ByteTensor', cType: 'unsigned char' },
  bool: { scalarType: 'Bool', legacyType: 'BoolTensor', cType: 'bool' },
};

/**
 * PyTorch's printed name of a dtype.
 *
 * @example
 * dtypeName('int64'); // 'torch.int64'
 */
export function dtypeName(dtype: DType): string {
  return `torch.${dtype}`;
}

/**
 * c10's ScalarType name, as PyTorch's dtype errors print it.
 *
 * @example
 * scalarTypeName('int64'); // 'Long'
 */
export function scalarTypeName(dtype: DType): string {
  return PYTORCH_NAMES[dtype].scalarType;
}

/**
 * The legacy tensor type of a dense CPU tensor of this dtype (what `t.type()` gives on the CPU).
 *
 * @example
 * legacyTypeName('float32'); // 'torch.FloatTensor'
 */
export function legacyTypeName(dtype: DType): string {
  return `torch.${PYTORCH_NAMES[dtype].legacyType}`;
}

/** The legacy type's class name (`FloatTensor`), which device and layout prefixes qualify: `torch.cuda.FloatTensor`. */
export function legacyTypeClass(dtype: DType): string {
  return PYTORCH_NAMES[dtype].legacyType;
}

/** The C++ type name some PyTorch kernel checks print (`float`, `long int`, `c10::Half`). */
export function cTypeName(dtype: DType): string {
  return PYTORCH_NAMES[dtype].cType;
}
