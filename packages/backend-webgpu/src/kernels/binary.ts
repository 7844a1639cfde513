/**
 * Elementwise ops of two operands of one dtype (views of the output's shape, or scalars). Semantics
 * per compute type follow the reference backend: floats through the 'math' snippet (NaN-propagating
 * maximum/minimum, exact fmod, Python-signed remainder, ATen's floor division), integers wrap and
 * divide by zero to the reference's values (floorDivide: 0 for 0 // 0 and uint8, the minimum int32
 * otherwise; fmod/remainder: 0), int64 exactly through the emulated library; true division and atan2
 * of integers compute in f32.
 */
import type { BinaryOp, DType } from '@x/tensor';
import type { Program } from '../program';
import { convertExpr, convertRequires } from '../wgsl/convert';
import { computeType, type ComputeType } from '../wgsl/storage';
import type { GpuView } from './common';
import { elementwiseProgram, type ScalarInput, type ViewInput } from './elementwise';

type Formulas = Partial<Record<BinaryOp, string>>;

const NOT_NAN = '!f32_is_nan(a) && !f32_is_nan(b)';
const FLOAT: Formulas = {
  add: 'a + b', sub: 'a - b', mul: 'a * b', div: 'm_div(a, b)', pow: 'm_pow(a, b)',
  maximum: 'select(select(a, b, f32_key(a) < f32_key(b)), f32_nan(), f32_is_nan(a) || f32_is_nan(b))',
  minimum: 'select(select(a, b, f32_key(b) < f32_key(a)), f32_nan(), f32_is_nan(a) || f32_is_nan(b))',
  fmod: 'm_fmod(a, b)', remainder: 'm_remainder(a, b)', floorDivide: 'm_floor_divide(a, b)', atan2: 'm_atan2(a, b)',
  // Compared on order-preserving integer keys: exact on drivers that flush subnormals.
  eq: `${NOT_NAN} && f32_key(a) == f32_key(b)`, ne: `!(${NOT_NAN} && f32_key(a) == f32_key(b))`,
  lt: `${NOT_NAN} && f32_key(a) < f32_key(b)`, le: `${NOT_NAN} && f32_key(a) <= f32_key(b)`,
  gt: `${NOT_NAN} && f32_key(a) > f32_key(b)`, ge: `${NOT_NAN} && f32_key(a) >= f32_key(b)`,
  logicalAnd: '!f32_is_zero(a) && !f32_is_zero(b)', logicalOr: '!f32_is_zero(a) || !f32_is_zero(b)',
  logicalXor: 'f32_is_zero(a) != f32_is_zero(b)',
};

const I32: Formulas = {
  add: 'a + b', sub: 'a - b', mul: 'a * b', pow: 'ipow_i32(a, b)', maximum: 'max(a, b)', minimum: 'min(a, b)',
  fmod: 'select(a % b, 0i, b == 0i)',
  remainder: 'irem_i32(a, b)',
  floorDivide: 'ifloordiv_i32(a, b)',
  eq: 'a == b', ne: 'a != b', lt: 'a < b', le: 'a <= b', gt: 'a > b', ge: 'a >= b',
  logicalAnd: 'a != 0i && b != 0i', logicalOr: 'a != 0i || b != 0i', logicalXor: '(a != 0i) != (b != 0i)',
  bitwiseAnd: 'a & b', bitwiseOr: 'a | b', bitwiseXor: 'a ^ b',
};

const U32: Formulas = {
  add: 'a + b', sub: 'a - b', mul: 'a * b', pow: 'ipow_u32(a, b)', maximum: 'max(a, b)', minimum: 'min(a, b)',
  fmod: 'select(a % b, 0u, b == 0u)', remainder: 'select(a % b, 0u, b == 0u)', floorDivide: 'select(a / b, 0u, b == 0u)',
  eq: 'a == b', ne: 'a != b', lt: 'a < b', le: 'a <= b', gt: 'a > b', ge: 'a >= b',
  logicalAnd: 'a != 0u && b != 0u', logicalOr: 'a != 0u || b != 0u', logicalXor: '(a != 0u) != (b != 0u)',
  bitwiseAnd: 'a & b', bitwiseOr: 'a | b', bitwiseXor: 'a ^ b',
};

const Z64 = 'vec2<u32>(0u, 0u)';
const I64: Formulas = {
  add: 'i64_add(a, b)', sub: 'i64_sub(a, b)', mul: 'i64_mul(a, b)', pow: 'i64_pow(a, b)',
  maximum: 'select(a, b, i64_lt(a, b))', minimum: 'select(a, b, i64_lt(b, a))',
  fmod: 'i64_divmod(a, b).r', remainder: 'i64_remainder(a, b)', floorDivide: 'i64_floordiv(a, b)',
  eq: 'i64_eq(a, b)', ne: '!i64_eq(a, b)', lt: 'i64_lt(a, b)', le: 'i64_le(a, b)', gt: 'i64_lt(b, a)', ge: 'i64_le(b, a)',
  logicalAnd: `any(a != ${Z64}) && any(b != ${Z64})`, logicalOr: `any(a != ${Z64}) || any(b != ${Z64})`,
  logicalXor: `any(a != ${Z64}) != any(b != ${Z64})`,
  bitwiseAnd: 'a & b', bitwiseOr: 'a | b', bitwiseXor: 'a ^ b',
};

const INTEGER_HELPERS = /* wgsl */ `
fn ipow_i32(a: i32, b: i32) -> i32 {
  if (b < 0i) {
    if (a == 1i) { return 1i; }
    if (a == -1i) { return select(-1i, 1i, (b & 1i) == 0i); }
    return 0i;
  }
  var r = 1i; var base = a; var e = u32(b);
  loop { if (e == 0u) { break; } if ((e & 1u) != 0u) { r = r * base; } base = base * base; e = e >> 1u; }
  return r;
}
fn ipow_u32(a: u32, b: u32) -> u32 {
  var r = 1u; var base = a; var e = b;
  loop { if (e == 0u) { break; } if ((e & 1u) != 0u) { r = r * base; } base = base * base; e = e >> 1u; }
  return r;
}
fn irem_i32(a: i32, b: i32) -> i32 {
  if (b == 0i) { return 0i; }
  let r = a % b;
  return select(r, r + b, r != 0i && ((r < 0i) != (b < 0i)));
}
fn ifloordiv_i32(a: i32, b: i32) -> i32 {
  if (b == 0i) { return select(bitcast<i32>(0x80000000u), 0i, a == 0i); }
  let q = a / b;
  return select(q, q - 1i, (a % b != 0i) && ((a < 0i) != (b < 0i)));
}
`;

const BY_TYPE: Record<ComputeType, Formulas> = { f32: FLOAT, i32: I32, u32: U32, 'vec2<u32>': I64 };

/** Ops whose formula yields a WGSL bool (written as bool 0/1). */
const BOOL_RESULT = new Set<BinaryOp>(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logicalAnd', 'logicalOr', 'logicalXor']);

function operand(name: string, x: GpuView | number, dtype: DType, views: ViewInput[], scalars: ScalarInput[]): void {
  if (typeof x === 'number') scalars.push({ name, dtype, value: x });
  else views.push({ name, view: x });
}

export function binaryProgram(op: BinaryOp, a: GpuView | number, b: GpuView | number, out: GpuView): Program {
  const dtype = typeof a === 'number' ? (b as GpuView).dtype : a.dtype;
  const ct = computeType(dtype);
  const views: ViewInput[] = [];
  const scalars: ScalarInput[] = [];
  operand('a', a, dtype, views, scalars);
  operand('b', b, dtype, views, scalars);
  const libs = ['float', 'math', 'int64', 'convert', 'cast'];
  let body: string;
  const formula = BY_TYPE[ct][op];
  if (BOOL_RESULT.has(op)) {
    body = `store_out(off_out, ${convertExpr(`select(0u, 1u, ${formula!})`, 'bool', out.dtype)});`;
  } else if (formula && !(ct !== 'f32' && (op === 'div' || op === 'atan2'))) {
    body = `store_out(off_out, ${convertExpr(formula, dtype, out.dtype)});`;
  } else if (ct !== 'f32' && FLOAT[op]) {
    // True division and atan2 of integers: in f32, like the reference's float64 path, rounded once.
    body = `let af = ${convertExpr('a', dtype, 'float32')}; let bf = ${convertExpr('b', dtype, 'float32')};\n` +
      `  { let a = af; let b = bf; store_out(off_out, ${convertExpr(FLOAT[op]!, 'float32', out.dtype)}); }`;
  } else {
    throw new Error(`${op} is not defined for ${dtype} tensors on the webgpu backend`);
  }
  libs.push(...convertRequires(dtype, out.dtype));
  const kernel = `binary:${op}`;
  return elementwiseProgram({ kernel, inputs: views, scalars, out, body, libs, functions: ct === 'f32' ? '' : INTEGER_HELPERS });
}
