/**
 * Elementwise ops of one input. Floats compute in f32 through the 'math' snippet (every edge value
 * as the reference backend); integers use exact integer formulas where the op has one (neg, abs,
 * sign, relu, square, bitwiseNot, rounding is the identity), and f32 otherwise; int64 is exact
 * through the emulated 64-bit library. Bool-valued ops (logicalNot, isnan, isinf, isfinite) write 0/1.
 */
import type { DType, UnaryOp } from '@x/tensor';
import type { Program } from '../program';
import { convertExpr, convertRequires } from '../wgsl/convert';
import { computeType } from '../wgsl/storage';
import type { GpuView } from './common';
import { elementwiseProgram } from './elementwise';

const FLOAT: Partial<Record<UnaryOp, string>> = {
  neg: '-x', abs: 'abs(x)',
  // By bits: exact for subnormals on drivers that flush them; NaN and ±0 give 0.
  sign: 'select(select(-1.0, 1.0, !f32_sign_bit(x)), 0.0, f32_is_zero(x) || f32_is_nan(x))',
  exp: 'm_exp(x)', exp2: 'm_exp2(x)', log: 'm_log(x)', log2: 'm_log2(x)', log10: 'm_log10(x)',
  log1p: 'm_log1p(x)', expm1: 'm_expm1(x)', sqrt: 'm_sqrt(x)', rsqrt: 'm_div(1.0, m_sqrt(x))',
  sin: 'm_sin(x)', cos: 'm_cos(x)', tan: 'm_tan(x)', asin: 'm_asin(x)', acos: 'm_acos(x)', atan: 'm_atan(x)',
  sinh: 'm_sinh(x)', cosh: 'm_cosh(x)', tanh: 'm_tanh(x)', asinh: 'm_asinh(x)', acosh: 'm_acosh(x)', atanh: 'm_atanh(x)',
  sigmoid: 'm_sigmoid(x)', relu: 'select(0.0, x, !f32_sign_bit(x) || f32_is_nan(x))',
  floor: 'select(floor(x), select(0.0, -1.0, f32_sign_bit(x)), f32_is_subnormal(x))',
  ceil: 'select(ceil(x), select(1.0, -0.0, f32_sign_bit(x)), f32_is_subnormal(x))',
  round: 'select(round(x), x, !f32_is_finite(x))', trunc: 'trunc(x)',
  frac: 'select(x - trunc(x), f32_nan(), f32_is_inf(x))',
  reciprocal: 'm_div(1.0, x)', square: 'x * x', erf: 'm_erf(x)', erfc: 'm_erfc(x)',
};

const BOOL_OPS: Partial<Record<UnaryOp, Record<string, string>>> = {
  logicalNot: { f32: 'f32_is_zero(x)', i32: 'x == 0i', u32: 'x == 0u', 'vec2<u32>': 'all(x == vec2<u32>(0u, 0u))' },
  isnan: { f32: 'f32_is_nan(x)', i32: 'false', u32: 'false', 'vec2<u32>': 'false' },
  isinf: { f32: 'f32_is_inf(x)', i32: 'false', u32: 'false', 'vec2<u32>': 'false' },
  isfinite: { f32: 'f32_is_finite(x)', i32: 'true', u32: 'true', 'vec2<u32>': 'true' },
};

/** Exact integer formulas, per compute type; ops absent here go through f32. */
const INTEGER: Partial<Record<UnaryOp, Record<'i32' | 'u32' | 'vec2<u32>', string>>> = {
  neg: { i32: '-x', u32: '0u - x', 'vec2<u32>': 'i64_neg(x)' },
  abs: { i32: 'abs(x)', u32: 'x', 'vec2<u32>': 'select(x, i64_neg(x), i64_is_neg(x))' },
  sign: {
    i32: 'select(select(0i, -1i, x < 0i), 1i, x > 0i)', u32: 'select(0u, 1u, x > 0u)',
    'vec2<u32>': 'select(select(vec2<u32>(0u, 0u), vec2<u32>(1u, 0u), any(x != vec2<u32>(0u, 0u))), vec2<u32>(0xffffffffu, 0xffffffffu), i64_is_neg(x))',
  },
  relu: { i32: 'max(x, 0i)', u32: 'x', 'vec2<u32>': 'select(x, vec2<u32>(0u, 0u), i64_is_neg(x))' },
  square: { i32: 'x * x', u32: 'x * x', 'vec2<u32>': 'i64_mul(x, x)' },
  bitwiseNot: { i32: '~x', u32: '~x', 'vec2<u32>': '~x' },
  floor: { i32: 'x', u32: 'x', 'vec2<u32>': 'x' },
  ceil: { i32: 'x', u32: 'x', 'vec2<u32>': 'x' },
  round: { i32: 'x', u32: 'x', 'vec2<u32>': 'x' },
  trunc: { i32: 'x', u32: 'x', 'vec2<u32>': 'x' },
  frac: { i32: '0i', u32: '0u', 'vec2<u32>': 'vec2<u32>(0u, 0u)' },
};

export function unaryProgram(op: UnaryOp, x: GpuView, out: GpuView): Program {
  const dtype = x.dtype;
  const ct = computeType(dtype);
  const libs = ['float', 'math', 'int64', ...convertRequires(dtype, out.dtype)];
  const bool = BOOL_OPS[op];
  let body: string;
  if (bool) {
    body = `store_out(off_out, ${convertExpr(`select(0u, 1u, ${bool[ct]!})`, 'bool', out.dtype)});`;
  } else if (op === 'bitwiseNot' && dtype === 'bool') {
    body = `store_out(off_out, ${convertExpr('x ^ 1u', 'bool', out.dtype)});`;
  } else if (ct !== 'f32' && INTEGER[op]) {
    body = `store_out(off_out, ${convertExpr(INTEGER[op]![ct], dtype, out.dtype)});`;
  } else {
    const f = FLOAT[op];
    if (!f) throw new Error(`${op} is not defined for ${dtype} tensors on the webgpu backend`);
    if (ct === 'f32') body = `store_out(off_out, ${convertExpr(f, 'float32', out.dtype)});`;
    else {
      libs.push(...convertRequires(dtype, 'float32'));
      body = `let xf = ${convertExpr('x', dtype, 'float32')};\n  { let x = xf; store_out(off_out, ${convertExpr(f, 'float32', out.dtype)}); }`;
    }
  }
  return elementwiseProgram({ kernel: `unary:${op}`, inputs: [{ name: 'x', view: x }], out, body, libs });
}

export type { DType };
