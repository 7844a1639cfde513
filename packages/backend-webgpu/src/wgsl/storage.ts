/**
 * How every dtype lives in a GPU buffer, and the WGSL that loads and stores one element.
 *
 * THE CONTRACT (shared by every kernel file; document any change here):
 * - Every storage buffer is bound as `array<u32>`. An output whose dtype is narrower than a word
 *   (float16, bfloat16, uint8, bool) is bound as `array<atomic<u32>>` and written with atomicAnd /
 *   atomicOr on the element's own bits, so neighbouring invocations never clobber each other.
 * - Element i of a dtype sits where the same bytes of a JS typed array would (little-endian):
 *   float32 / int32: word i, bitcast. float16 / bfloat16: 16-bit lane (word i >> 1, lane i & 1).
 *   uint8 / bool: 8-bit lane (word i >> 2, lane i & 3). int64: words 2i (low) and 2i + 1 (high).
 *   float64 is refused by the backend (WGSL has no 64-bit floats).
 * - Kernels compute in a "compute type" per dtype (PyTorch's opmath): f32 for the float types
 *   (float16 / bfloat16 are widened, computed in f32 and rounded once on store, as PyTorch's CPU does),
 *   i32 for int32, u32 for uint8 and bool (bool is 0 or 1), and vec2<u32> (lo, hi) for int64, whose
 *   arithmetic is the emulated 64-bit integer library of int64.ts.
 * - Half conversions are done with integer bit operations (not unpack2x16float / pack2x16float, whose
 *   rounding and subnormal handling WGSL leaves to the implementation), matching @x/tensor's half.ts:
 *   round to nearest even, NaN kept NaN.
 *
 * `loadFn(name, dtype)` emits `fn load_<name>(i: u32) -> <compute type>` reading element i of the
 * binding `<name>` (an element index into the whole buffer: the view's offset is already added);
 * `storeFn(name, dtype)` emits `fn store_<name>(i: u32, v: <compute type>)`. The functions they call
 * (f16 / bf16 conversion) come from `library(...)` in library.ts, pulled in by `requires`.
 */
import type { DType } from '@x/tensor';

export type ComputeType = 'f32' | 'i32' | 'u32' | 'vec2<u32>';

const COMPUTE: Record<DType, ComputeType | null> = {
  float32: 'f32', float16: 'f32', bfloat16: 'f32', int32: 'i32', uint8: 'u32', bool: 'u32', int64: 'vec2<u32>', float64: null,
};

/** The WGSL type kernels compute a dtype in. */
export function computeType(dtype: DType): ComputeType {
  const t = COMPUTE[dtype];
  if (!t) throw new Error(unsupportedDTypeMessage(dtype));
  return t;
}

export function unsupportedDTypeMessage(dtype: DType): string {
  return `${dtype} is not supported on the webgpu backend (WGSL has no 64-bit floats); use float32`;
}

/** Whether stores of this dtype share words with neighbours (so the binding must be atomic). */
export function isSubWord(dtype: DType): boolean {
  return dtype === 'float16' || dtype === 'bfloat16' || dtype === 'uint8' || dtype === 'bool';
}

/** Bytes per element on the GPU (float64 has none: refused). */
export function gpuItemSize(dtype: DType): number {
  switch (dtype) {
    case 'float32': case 'int32': return 4;
    case 'int64': return 8;
    case 'float16': case 'bfloat16': return 2;
    case 'uint8': case 'bool': return 1;
    default: throw new Error(unsupportedDTypeMessage(dtype));
  }
}

export type Access = 'read' | 'read_write';

/** `@group(0) @binding(b) var<storage, ...> name: array<u32 | atomic<u32>>;` */
export function bindingDecl(name: string, binding: number, dtype: DType | 'u32', access: Access): string {
  const atomic = access === 'read_write' && dtype !== 'u32' && isSubWord(dtype);
  return `@group(0) @binding(${binding}) var<storage, ${access}> ${name}: array<${atomic ? 'atomic<u32>' : 'u32'}>;`;
}

/** A raw word of a binding, atomic or not. */
function word(name: string, index: string, atomic: boolean): string {
  return atomic ? `atomicLoad(&${name}[${index}])` : `${name}[${index}]`;
}

/**
 * `fn load_<name>(i: u32) -> T`. `atomic` says the binding was declared atomic (an output that is
 * also read, e.g. scatter's destination).
 */
export function loadFn(name: string, dtype: DType, atomic = false): string {
  const T = computeType(dtype);
  const head = `fn load_${name}(i: u32) -> ${T} {`;
  switch (dtype) {
    case 'float32': return `${head} return bitcast<f32>(${word(name, 'i', atomic)}); }`;
    case 'int32': return `${head} return bitcast<i32>(${word(name, 'i', atomic)}); }`;
    case 'int64': return `${head} return vec2<u32>(${word(name, '2u * i', atomic)}, ${word(name, '2u * i + 1u', atomic)}); }`;
    case 'float16': return `${head} return f16_bits_to_f32((${word(name, 'i >> 1u', atomic)} >> ((i & 1u) * 16u)) & 0xffffu); }`;
    case 'bfloat16': return `${head} return bitcast<f32>(((${word(name, 'i >> 1u', atomic)} >> ((i & 1u) * 16u)) & 0xffffu) << 16u); }`;
    case 'uint8': case 'bool': return `${head} return (${word(name, 'i >> 2u', atomic)} >> ((i & 3u) * 8u)) & 0xffu; }`;
    default: throw new Error(unsupportedDTypeMessage(dtype));
  }
}

/** `fn store_<name>(i: u32, v: T)`: writes element i (sub-word dtypes through atomics). */
export function storeFn(name: string, dtype: DType): string {
  const T = computeType(dtype);
  const head = `fn store_${name}(i: u32, v: ${T}) {`;
  const lane = (bits: number, value: string): string => {
    const per = 32 / bits;
    const mask = bits === 16 ? '0xffffu' : '0xffu';
    return `${head} let w = i / ${per}u; let s = (i % ${per}u) * ${bits}u; ` +
      `atomicAnd(&${name}[w], ~(${mask} << s)); atomicOr(&${name}[w], ((${value}) & ${mask}) << s); }`;
  };
  switch (dtype) {
    case 'float32': return `${head} ${name}[i] = bitcast<u32>(v); }`;
    case 'int32': return `${head} ${name}[i] = bitcast<u32>(v); }`;
    case 'int64': return `${head} ${name}[2u * i] = v.x; ${name}[2u * i + 1u] = v.y; }`;
    case 'float16': return lane(16, 'f32_to_f16_bits(v)');
    case 'bfloat16': return lane(16, 'f32_to_bf16_bits(v)');
    case 'uint8': return lane(8, 'v');
    case 'bool': return lane(8, 'select(0u, 1u, v != 0u)');
    default: throw new Error(unsupportedDTypeMessage(dtype));
  }
}

/** Library functions load/store of a dtype need (names understood by library.ts). */
export function requires(dtype: DType): string[] {
  if (dtype === 'float16') return ['f16'];
  if (dtype === 'bfloat16') return ['bf16'];
  return [];
}
