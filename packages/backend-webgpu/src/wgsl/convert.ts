/**
 * Casting a computed value from one dtype's compute type to another's, with the semantics of the
 * reference backend's store (a C cast through the value): float → integer truncates and wraps modulo
 * 2^bits (NaN → 0; ±inf → the minimum int32 / int64, 0 for uint8); anything → bool is "!= 0" (NaN is
 * true); integer → float rounds to nearest even; float16 / bfloat16 rounding happens in the store.
 *
 * `convertExpr(expr, from, to)` returns a WGSL expression; the functions it calls come from the
 * library snippets `convertRequires(from, to)` lists.
 */
import type { DType } from '@x/tensor';
import { computeType } from './storage';

export function convertExpr(expr: string, from: DType, to: DType): string {
  const f = computeType(from);
  const t = computeType(to);
  if (to === 'bool') {
    switch (f) {
      case 'f32': return `select(0u, 1u, (bitcast<u32>(${expr}) & 0x7fffffffu) != 0u)`;
      case 'vec2<u32>': return `select(0u, 1u, any((${expr}) != vec2<u32>(0u, 0u)))`;
      default: return `select(0u, 1u, (${expr}) != ${f === 'i32' ? '0i' : '0u'})`;
    }
  }
  if (f === t) return expr;
  switch (f) {
    case 'f32': {
      if (t === 'vec2<u32>') return `f32_to_int64(${expr})`;
      if (t === 'i32') return `f32_to_int32(${expr})`;
      return `f32_to_uint8(${expr})`;
    }
    case 'i32':
      if (t === 'f32') return `i32_to_f32(${expr})`;
      if (t === 'vec2<u32>') return `i64_from_i32(${expr})`;
      return `bitcast<u32>(${expr})`;
    case 'u32':
      if (t === 'f32') return `u32_to_f32(${expr})`;
      if (t === 'vec2<u32>') return `vec2<u32>(${expr}, 0u)`;
      return `bitcast<i32>(${expr})`;
    case 'vec2<u32>':
      if (t === 'f32') return `i64_to_f32(${expr})`;
      if (t === 'i32') return `bitcast<i32>((${expr}).x)`;
      return `(${expr}).x`;
  }
}

/** Library snippets convertExpr's output calls. */
export function convertRequires(from: DType, to: DType): string[] {
  return computeType(from) === computeType(to) && to !== 'bool' ? [] : ['float', 'convert', 'cast'];
}

/** Float → integer casts with the reference's special values (library snippet 'cast'). */
export const CAST_WGSL = /* wgsl */ `
fn f32_to_int64(x: f32) -> vec2<u32> {
  if (f32_is_nan(x)) { return vec2<u32>(0u, 0u); }
  if (f32_is_inf(x)) { return vec2<u32>(0u, 0x80000000u); }
  return f32_to_i64(x);
}
fn f32_to_int32(x: f32) -> i32 {
  if (f32_is_nan(x)) { return 0i; }
  if (f32_is_inf(x)) { return bitcast<i32>(0x80000000u); }
  return bitcast<i32>(f32_to_i64(x).x);
}
fn f32_to_uint8(x: f32) -> u32 {
  if (!f32_is_finite(x)) { return 0u; }
  return f32_to_i64(x).x & 0xffu;
}
`;
