/** PyTorch's dtype constants and aliases: torch.float32, torch.float, torch.long, … */
import type { DType } from './dtype';

export const float32: DType = 'float32';
export const float: DType = 'float32';
export const float64: DType = 'float64';
export const double: DType = 'float64';
export const float16: DType = 'float16';
export const half: DType = 'float16';
export const bfloat16: DType = 'bfloat16';
export const int32: DType = 'int32';
export const int: DType = 'int32';
export const int64: DType = 'int64';
export const long: DType = 'int64';
export const uint8: DType = 'uint8';
export const bool: DType = 'bool';

/** PyTorch's layouts by their names, as dtypes are ('strided', 'sparse_coo'): the values of `t.layout`. */
export const strided = 'strided' as const;
export const sparseCoo = 'sparse_coo' as const;
