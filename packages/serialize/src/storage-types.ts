/** PyTorch's typed storage classes and dtypes, and which of them @x tensors can hold. */
import type { DType } from '@x/tensor';

/** torch.<Name>Storage → dtype, for the dtypes @x has. */
export const STORAGE_CLASS_DTYPE: Readonly<Record<string, DType>> = {
  FloatStorage: 'float32',
  DoubleStorage: 'float64',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  LongStorage: 'int64',
  IntStorage: 'int32',
  ByteStorage: 'uint8',
  BoolStorage: 'bool',
};

/** Storage classes PyTorch has and @x cannot hold, with the dtype PyTorch names for them. */
export const UNSUPPORTED_STORAGE_CLASSES: Readonly<Record<string, string>> = {
  CharStorage: 'int8',
  ShortStorage: 'int16',
  ComplexFloatStorage: 'complex64',
  ComplexDoubleStorage: 'complex128',
  QInt8Storage: 'qint8',
  QUInt8Storage: 'quint8',
  QInt32Storage: 'qint32',
  QUInt4x2Storage: 'quint4x2',
  QUInt2x4Storage: 'quint2x4',
};

export const DTYPE_STORAGE_CLASS: Readonly<Record<DType, string>> = Object.fromEntries(
  Object.entries(STORAGE_CLASS_DTYPE).map(([cls, d]) => [d, cls]),
) as Record<DType, string>;

/** PyTorch's dtype attribute names (torch.float32, torch.int8, …): the @x dtype or, if none, PyTorch's name. */
export const TORCH_DTYPE_NAMES: Readonly<Record<string, string>> = {
  float32: 'float32', float: 'float32', float64: 'float64', double: 'float64', float16: 'float16', half: 'float16',
  bfloat16: 'bfloat16', int64: 'int64', long: 'int64', int32: 'int32', int: 'int32', uint8: 'uint8', bool: 'bool',
  int8: 'int8', int16: 'int16', short: 'int16', complex32: 'complex32', complex64: 'complex64', complex128: 'complex128',
  cfloat: 'complex64', cdouble: 'complex128', qint8: 'qint8', quint8: 'quint8', qint32: 'qint32',
};

export const SUPPORTED_DTYPES = Object.values(STORAGE_CLASS_DTYPE);
