/**
 * Elementwise ops: PyTorch's type promotion and broadcasting, then one backend kernel (or, for an op
 * the backend does not implement, its composition from primitive kernels: compose.ts).
 * float16/bfloat16 are computed in float32 and rounded back, as PyTorch's CPU kernels do.
 */
import { isSparseOperand, sparseElementwise } from '../sparse/dispatch';
import type { BinaryOp, UnaryOp, View } from '../backend';
import { BOOL_BINARY_OPS, BOOL_UNARY_OPS } from '../backend';
import type { DType } from '../dtype';
import { getDefaultDType, isFloatingPoint, isHalf, isIntegral, resultType, scalarTypeName } from '../dtype';
import { bf16BitsToF32, f16BitsToF32, f32ToBF16Bits, f32ToF16Bits } from '../half';
import { broadcastShapes, broadcastStrides, sameShape } from '../shape';
import { Tensor } from '../tensor';
import { traced, tracedInplace } from '../autograd';
import { tidy } from '../memory';
import { castTo, copy_, toDType } from './cast';
import { runBinary, runUnary } from './compose';
import { syncReadError } from './read';
import { emptyTensor, sameDevice, checkScalar, viewOf, type Scalar, type TensorOrScalar } from './util';

// Unary ops that turn integer/bool inputs into the default float dtype (torch's "int-to-float" ops).
const FLOAT_UNARY: ReadonlySet<UnaryOp> = new Set([
  'exp', 'exp2', 'log', 'log2', 'log10', 'log1p', 'expm1', 'sqrt', 'rsqrt', 'sin', 'cos', 'tan', 'asin', 'acos',
  'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'sigmoid', 'reciprocal', 'erf', 'erfc',
]);
const NO_ATTRS = {};

// Unary ops PyTorch has no bool kernel for.
const BOOL_REFUSED: ReadonlySet<UnaryOp> = new Set(['abs', 'floor', 'ceil', 'round', 'trunc', 'relu']);
// Unary ops that are the identity on integers (PyTorch returns a copy).
const INT_IDENTITY: ReadonlySet<UnaryOp> = new Set(['floor', 'ceil', 'round', 'trunc']);

function unaryTypes(op: UnaryOp, dtype: DType): { compute: DType; out: DType } {
  if (op === 'neg' && dtype === 'bool') {
    throw new Error('Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.');
  }
  if (op === 'bitwiseNot' && isFloatingPoint(dtype)) {
    throw new Error(`"bitwise_not_cpu" not implemented for '${scalarTypeName(dtype)}'`);
  }
  if ((op === 'frac') && !isFloatingPoint(dtype)) throw new Error(`"frac_cpu" not implemented for '${scalarTypeName(dtype)}'`);
  if (dtype === 'bool' && BOOL_REFUSED.has(op)) {
    throw new Error(op === 'relu' ? 'Boolean inputs not supported for relu' : `"${op}_cpu" not implemented for 'Bool'`);
  }
  let compute = dtype;
  if (FLOAT_UNARY.has(op) && !isFloatingPoint(dtype)) compute = getDefaultDType();
  const result = compute;
  if (isHalf(compute)) compute = 'float32';
  return { compute, out: BOOL_UNARY_OPS.has(op) ? 'bool' : result };
}

/** An elementwise op of one tensor (recorded for autograd as op `op`). */
export function unary(op: UnaryOp, x: Tensor): Tensor {
  return traced(op, [x], NO_ATTRS, () => unaryUntraced(op, x));
}

function unaryUntraced(op: UnaryOp, x: Tensor): Tensor {
  x._live();
  // torch.square is pow(x, 2): bool squares to int64.
  if (op === 'square' && x.dtype === 'bool') return binary('pow', x, 2);
  // Checked before the integer shortcut: floor/ceil/round/trunc have no bool kernel in PyTorch.
  const { compute, out } = unaryTypes(op, x.dtype);
  if (INT_IDENTITY.has(op) && !isFloatingPoint(x.dtype)) return castTo(x, x.dtype);
  const src = compute === x.dtype ? x : castTo(x, compute);
  const kernelOut = out === 'bool' ? 'bool' : compute;
  let y = emptyTensor(x.shape, kernelOut, x.backend);
  runUnary(x.backend, op, src, y);
  if (src !== x) src.dispose();
  if (kernelOut !== out) {
    const r = castTo(y, out);
    y.dispose();
    y = r;
  }
  return y;
}

export function unaryInplace(op: UnaryOp, x: Tensor): void {
  tracedInplace(x, [], () => unaryInplaceUntraced(op, x), (self) => unary(op, self));
}

function unaryInplaceUntraced(op: UnaryOp, x: Tensor): void {
  x._live();
  const { compute, out } = unaryTypes(op, x.dtype);
  if (INT_IDENTITY.has(op) && !isFloatingPoint(x.dtype)) return;
  if (compute === x.dtype && out === x.dtype) {
    runUnary(x.backend, op, x, x);
    x._version.value++;
    return;
  }
  checkCanCast(out, x.dtype);
  const r = unary(op, x);
  copy_(x, r);
  r.dispose();
}

/** torch.can_cast: no float → integer, no non-bool → bool. */
export function checkCanCast(from: DType, to: DType): void {
  const ok = !(isFloatingPoint(from) && !isFloatingPoint(to)) && !(from !== 'bool' && to === 'bool');
  if (!ok) throw new Error(`result type ${scalarTypeName(from)} can't be cast to the desired output type ${scalarTypeName(to)}`);
}

const BITWISE: ReadonlySet<BinaryOp> = new Set(['bitwiseAnd', 'bitwiseOr', 'bitwiseXor']);
const INT_DIVISION: ReadonlySet<BinaryOp> = new Set(['floorDivide', 'remainder', 'fmod']);

function isBool(x: TensorOrScalar): boolean {
  return x instanceof Tensor ? x.dtype === 'bool' : typeof x === 'boolean';
}

/** A Python scalar converted to the op's dtype before the kernel runs, as PyTorch does (uint8 -2 → 254). */
export function castScalar(v: number, dtype: DType): number {
  switch (dtype) {
    case 'float32': return Math.fround(v);
    case 'float16': return f16BitsToF32(f32ToF16Bits(v));
    case 'bfloat16': return bf16BitsToF32(f32ToBF16Bits(v));
    case 'int32': return Number.isFinite(v) ? Math.trunc(v) | 0 : 0;
    case 'uint8': return Number.isFinite(v) ? Math.trunc(v) & 255 : 0;
    case 'int64': return Number.isFinite(v) ? Math.trunc(v) : 0;
    case 'bool': return v !== 0 ? 1 : 0;
    default: return v;
  }
}

interface BinaryPlan {
  /** dtype of the result PyTorch reports */
  result: DType;
  /** dtype the kernel computes in (float32 for half types) */
  compute: DType;
  /** dtype scalars are converted to first (the promoted dtype, before half types widen) */
  scalar: DType;
}

function binaryPlan(op: BinaryOp, a: TensorOrScalar, b: TensorOrScalar): BinaryPlan {
  let result = resultType(a as Tensor, b as Tensor);
  if ((op === 'div' || op === 'atan2') && !isFloatingPoint(result)) result = getDefaultDType();
  if (BITWISE.has(op) && isFloatingPoint(result)) {
    throw new Error(`"${op.replace('bitwise', 'bitwise_').toLowerCase()}_cpu" not implemented for '${scalarTypeName(result)}'`);
  }
  if (op === 'sub' && (isBool(a) || isBool(b))) {
    throw new Error(
      isBool(a) && isBool(b)
        ? 'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.'
        : 'Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
    );
  }
  const compute = isHalf(result) ? 'float32' : result;
  return { result: BOOL_BINARY_OPS.has(op) ? 'bool' : result, compute, scalar: result };
}

/** A tensor operand cast to dtype and broadcast to shape, as a kernel view; scalars pass through. */
function operand(x: TensorOrScalar, dtype: DType, shape: readonly number[], temps: Tensor[], scalarDType: DType = dtype): View | number {
  if (!(x instanceof Tensor)) return castScalar(Number(x), scalarDType);
  let t = x;
  if (t.dtype !== dtype) {
    t = castTo(t, dtype);
    temps.push(t);
  }
  if (sameShape(t.shape, shape)) return t;
  return viewOf(t, shape, broadcastStrides(t.shape, t.strides, shape), t.offset, dtype);
}

/**
 * Whether any element of t satisfies `test`. Backends without synchronous reads (GPUs) are not
 * asked: as on PyTorch's CUDA, the kernel's defined result stands there (0 for integer x / 0).
 */
function anyWhere(t: Tensor, test: 'eq' | 'lt', value: number): boolean {
  if (!t.backend.readSync) return false;
  return tidy(() => binary(test, t, value).any().item() !== 0);
}

function checkIntegerDivisor(op: BinaryOp, compute: DType, b: TensorOrScalar): void {
  if (!INT_DIVISION.has(op) || !isIntegral(compute, true)) return;
  const zero = b instanceof Tensor ? anyWhere(b, 'eq', 0) : Number(b) === 0;
  if (zero) throw new Error('ZeroDivisionError');
}

function checkIntegerPower(op: BinaryOp, compute: DType, b: TensorOrScalar): void {
  if (op !== 'pow' || !isIntegral(compute)) return;
  const negative = b instanceof Tensor ? anyWhere(b, 'lt', 0) : Number(b) < 0;
  if (negative) throw new Error('Integers to negative integer powers are not allowed.');
}

/**
 * a op b with broadcasting and type promotion; either side may be a number. Recorded for autograd
 * as op `op`, with the scalar operands in attrs.scalars.
 */
export function binary(op: BinaryOp, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  const ta = a instanceof Tensor ? a : null;
  const tb = b instanceof Tensor ? b : null;
  if (ta !== null && tb !== null) return traced(op, [ta, tb], NO_ATTRS, () => binaryUntraced(op, a, b));
  return traced(op, [ta, tb], { scalars: [ta ? undefined : Number(a), tb ? undefined : Number(b)] }, () => binaryUntraced(op, a, b));
}

function binaryUntraced(op: BinaryOp, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (a instanceof Tensor && b instanceof Tensor && sameFloatOperands(op, a, b)) {
    // the common case, two dense float tensors of one dtype and shape: no promotion, no broadcast
    // and no operand checks to run, so straight to the kernel (as TensorIterator's fast setup)
    const out = emptyTensor(a._live().shape, BOOL_BINARY_OPS.has(op) ? 'bool' : a.dtype, b._live().backend);
    runBinary(a.backend, op, a, b, out);
    return out;
  }
  return binaryGeneral(op, a, b);
}

/** Dense float32/float64 tensors of one dtype, shape and backend, for an op defined on floats. */
function sameFloatOperands(op: BinaryOp, a: Tensor, b: Tensor): boolean {
  const dtype = a.dtype;
  return (dtype === 'float32' || dtype === 'float64') && b.dtype === dtype && a.backend === b.backend
    && !a.isSparse && !b.isSparse && !BITWISE.has(op) && sameShape(a.shape, b.shape);
}

function binaryGeneral(op: BinaryOp, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (isSparseOperand(a) || isSparseOperand(b)) return sparseElementwise().binary(op, a, b);
  const ta = a instanceof Tensor ? a._live() : null;
  const tb = b instanceof Tensor ? b._live() : null;
  if (ta === null) checkScalar(op, a);
  if (tb === null) checkScalar(op, b);
  if (ta === null && tb === null) throw new TypeError(`${op}(): expected at least one Tensor operand`);
  const backend = ta && tb ? sameDevice(op, [ta, tb]) : (ta ?? tb)!.backend;
  const plan = binaryPlan(op, a, b);
  checkIntegerDivisor(op, plan.compute, b);
  checkIntegerPower(op, plan.compute, b);
  const shape = ta && tb ? broadcastShapes(ta.shape, tb.shape) : (ta ?? tb)!.shape;
  const temps: Tensor[] = [];
  const av = operand(a, plan.compute, shape, temps, plan.scalar);
  const bv = operand(b, plan.compute, shape, temps, plan.scalar);
  const kernelOut = plan.result === 'bool' ? 'bool' : plan.compute;
  const out = emptyTensor(shape, kernelOut, backend);
  runBinary(backend, op, av, bv, out);
  for (const t of temps) t.dispose();
  if (kernelOut === plan.result) return out;
  const r = castTo(out, plan.result);
  out.dispose();
  return r;
}

function overlaps(x: Tensor, other: TensorOrScalar): boolean {
  return other instanceof Tensor && other.storage === x.storage && !(other.offset === x.offset && sameShape(other.strides, x.strides) && sameShape(other.shape, x.shape));
}

/** x op= other, written through x's strides; the result must be castable to x's dtype. */
export function binaryInplace(op: BinaryOp, x: Tensor, other: TensorOrScalar): void {
  tracedInplace(x, [other instanceof Tensor ? other : null], () => binaryInplaceUntraced(op, x, other), (self) => binary(op, self, other));
}

function binaryInplaceUntraced(op: BinaryOp, x: Tensor, other: TensorOrScalar): void {
  if (x.isSparse || isSparseOperand(other)) return sparseElementwise().binaryInplace(op, x, other);
  x._live();
  const plan = binaryPlan(op, x, other);
  checkCanCast(plan.result, x.dtype);
  if (other instanceof Tensor) {
    const shape = broadcastShapes(x.shape, other._live().shape);
    if (!sameShape(shape, x.shape)) {
      throw new Error(`output with shape [${x.shape.join(', ')}] doesn't match the broadcast shape [${shape.join(', ')}]`);
    }
    sameDevice(op, [x, other]);
  } else checkScalar(op, other);
  if (plan.compute === x.dtype && plan.result === x.dtype && !overlaps(x, other)) {
    checkIntegerDivisor(op, plan.compute, other);
    checkIntegerPower(op, plan.compute, other);
    const temps: Tensor[] = [];
    runBinary(x.backend, op, x, operand(other, x.dtype, x.shape, temps, plan.scalar), x);
    for (const t of temps) t.dispose();
    x._version.value++;
    return;
  }
  const r = binaryUntraced(op, x, other);
  copy_(x, r);
  r.dispose();
}

function scaled(other: TensorOrScalar, alpha: number | undefined): TensorOrScalar {
  if (alpha === undefined || alpha === 1) return other;
  return other instanceof Tensor ? binary('mul', other, alpha) : Number(other) * alpha;
}

/** torch.add(a, b, { alpha }): a + alpha * b */
export function add(a: TensorOrScalar, b: TensorOrScalar, alpha?: number): Tensor {
  const sb = scaled(b, alpha);
  const r = binary('add', a, sb);
  if (sb !== b && sb instanceof Tensor) sb.dispose();
  return r;
}

export function sub(a: TensorOrScalar, b: TensorOrScalar, alpha?: number): Tensor {
  const sb = scaled(b, alpha);
  const r = binary('sub', a, sb);
  if (sb !== b && sb instanceof Tensor) sb.dispose();
  return r;
}

/** torch.rsub(a, b, { alpha }): b - alpha * a */
export function rsub(a: Tensor, b: TensorOrScalar, alpha?: number): Tensor {
  const sa = scaled(a, alpha);
  const r = binary('sub', b, sa);
  if (sa !== a && sa instanceof Tensor) sa.dispose();
  return r;
}

export function addInplace(x: Tensor, other: TensorOrScalar, alpha?: number): void {
  const so = scaled(other, alpha);
  binaryInplace('add', x, so);
  if (so !== other && so instanceof Tensor) so.dispose();
}

/** PyTorch's check of div's rounding_mode. */
function checkRoundingMode(mode: unknown): void {
  if (mode != null && mode !== 'trunc' && mode !== 'floor') {
    throw new Error(`div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${String(mode)}'`);
  }
}

/** torch.div with rounding_mode null (true division), 'trunc' or 'floor'. */
export function div(a: TensorOrScalar, b: TensorOrScalar, roundingMode?: 'trunc' | 'floor' | null): Tensor {
  checkRoundingMode(roundingMode);
  if (roundingMode === 'floor') {
    // Recorded as div with rounding (DivBackward2: zero gradient), not as floor_divide (no gradient).
    const scalars = [a instanceof Tensor ? undefined : Number(a), b instanceof Tensor ? undefined : Number(b)];
    return traced('floorDivide', [a instanceof Tensor ? a : null, b instanceof Tensor ? b : null], { scalars, roundingMode: 'floor' }, () => binaryUntraced('floorDivide', a, b));
  }
  const q = binary('div', a, b);
  if (roundingMode !== 'trunc') return q;
  const result = resultType(a as Tensor, b as Tensor);
  if (isFloatingPoint(result)) {
    const r = unary('trunc', q);
    q.dispose();
    return r;
  }
  // Integer trunc division: sign-aware floor.
  checkIntegerDivisor('floorDivide', result, b);
  const t = unary('trunc', q);
  q.dispose();
  const r = castTo(t, result);
  t.dispose();
  return r;
}

export function divInplace(x: Tensor, other: TensorOrScalar, roundingMode?: 'trunc' | 'floor' | null): void {
  checkRoundingMode(roundingMode);
  if (!roundingMode) return binaryInplace('div', x, other);
  const r = div(x, other, roundingMode);
  checkCanCast(r.dtype, x.dtype);
  copy_(x, r);
  r.dispose();
}

/** torch.round(x, decimals) rounds half to even, as PyTorch does. */
export function round(x: Tensor, decimals: number): Tensor {
  if (decimals === 0) return unary('round', x);
  const scale = 10 ** decimals;
  const up = binary('mul', x, scale);
  const r = unary('round', up);
  const out = binary('div', r, scale);
  up.dispose();
  r.dispose();
  return out;
}

/** torch.where(condition, a, b) with broadcasting over all three. */
export function where(condition: Tensor, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return traced('where', [condition, a instanceof Tensor ? a : null, b instanceof Tensor ? b : null], NO_ATTRS, () => whereUntraced(condition, a, b));
}

function whereUntraced(condition: Tensor, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  condition._live();
  if (condition.dtype !== 'bool') {
    throw new Error(`where expected condition to be a boolean tensor, but got a tensor with dtype ${scalarTypeName(condition.dtype)}`);
  }
  const tensors = [condition, a, b].filter((x): x is Tensor => x instanceof Tensor);
  const backend = sameDevice('where', tensors);
  const dtype = resultType(a as Tensor, b as Tensor);
  const compute = isHalf(dtype) ? 'float32' : dtype;
  let shape: readonly number[] = condition.shape;
  for (const t of tensors) shape = broadcastShapes(shape, t.shape);
  const temps: Tensor[] = [];
  const asView = (x: TensorOrScalar): View => {
    if (x instanceof Tensor) return operand(x, compute, shape, temps) as View;
    const s = emptyTensor([], compute, backend);
    backend.fill(s, Number(x));
    temps.push(s);
    return operand(s, compute, shape, temps) as View;
  };
  const cv = operand(condition, 'bool', shape, temps) as View;
  const av = asView(a);
  const bv = asView(b);
  const out = emptyTensor(shape, compute, backend);
  backend.where(cv, av, bv, out);
  for (const t of temps) t.dispose();
  if (compute === dtype) return out;
  const r = castTo(out, dtype);
  out.dispose();
  return r;
}

/** torch.clamp(x, min, max): NaN stays NaN; min > max gives max everywhere, as in PyTorch. */
export function clamp(x: Tensor, min?: TensorOrScalar | null, max?: TensorOrScalar | null): Tensor {
  const inputs = [x, min instanceof Tensor ? min : null, max instanceof Tensor ? max : null];
  const attrs = { min: min instanceof Tensor ? undefined : min ?? undefined, max: max instanceof Tensor ? undefined : max ?? undefined };
  return traced('clamp', inputs, attrs, () => clampUntraced(x, min, max));
}

function clampUntraced(x: Tensor, min?: TensorOrScalar | null, max?: TensorOrScalar | null): Tensor {
  if ((min === undefined || min === null) && (max === undefined || max === null)) {
    throw new Error("torch.clamp: At least one of 'min' or 'max' must not be None");
  }
  let r = x;
  if (min !== undefined && min !== null) r = binaryUntraced('maximum', r, min);
  if (max !== undefined && max !== null) {
    const next = binaryUntraced('minimum', r, max);
    if (r !== x) r.dispose();
    r = next;
  }
  return r;
}

export function clampInplace(x: Tensor, min?: TensorOrScalar | null, max?: TensorOrScalar | null): void {
  tracedInplace(x, [min instanceof Tensor ? min : null, max instanceof Tensor ? max : null], () => clampInplaceUntraced(x, min, max), (self) => clamp(self, min, max));
}

function clampInplaceUntraced(x: Tensor, min?: TensorOrScalar | null, max?: TensorOrScalar | null): void {
  const r = clampUntraced(x, min, max);
  checkCanCast(r.dtype, x.dtype);
  copy_(x, r);
  r.dispose();
}

const FINITE_MAX: Partial<Record<DType, number>> = {
  float32: 3.4028234663852886e38, float64: Number.MAX_VALUE, float16: 65504, bfloat16: 3.3895313892515355e38,
};

export function nanToNum(x: Tensor, nan = 0, posinf?: number, neginf?: number): Tensor {
  if (!isFloatingPoint(x.dtype)) return castTo(x, x.dtype);
  const big = FINITE_MAX[x.dtype]!;
  const isNan = x.isnan();
  const a = where(isNan, nan, x);
  const pos = a.eq(Infinity);
  const b = where(pos, posinf ?? big, a);
  const neg = b.eq(-Infinity);
  const out = where(neg, neginf ?? -big, b);
  for (const t of [isNan, a, pos, b, neg]) t.dispose();
  return toDType(out, x.dtype);
}

/** torch.equal: same shape and equal values. */
export function equal(a: Tensor, b: Tensor): boolean {
  if (!sameShape(a.shape, b.shape)) return false;
  if (!a.backend.readSync) throw syncReadError(a, 'torch.equal()', 'await torch.equalAsync(a, b)');
  const e = binary('eq', a, b);
  const all = e.all();
  const v = all.item() !== 0;
  e.dispose();
  all.dispose();
  return v;
}

/** |a - b| <= atol + rtol * |b|, elementwise (torch.isclose). */
export function isclose(a: Tensor, b: Tensor, options: { rtol?: number; atol?: number; equalNan?: boolean } = {}): Tensor {
  const rtol = options.rtol ?? 1e-5;
  const atol = options.atol ?? 1e-8;
  const dtype = resultType(a, b);
  const x = toDType(a, dtype);
  const y = toDType(b, dtype);
  const exact = binary('eq', x, y);
  const diff = binary('sub', x, y);
  const adiff = unary('abs', diff);
  const ab = unary('abs', y);
  const tol = binary('mul', ab, rtol);
  const tol2 = binary('add', tol, atol);
  const within = binary('le', adiff, tol2);
  let close = binary('logicalOr', exact, within);
  if (options.equalNan) {
    const xn = unary('isnan', x);
    const yn = unary('isnan', y);
    const both = binary('logicalAnd', xn, yn);
    const c2 = binary('logicalOr', close, both);
    for (const t of [xn, yn, both, close]) t.dispose();
    close = c2;
  }
  for (const t of [exact, diff, adiff, ab, tol, tol2, within]) t.dispose();
  if (x !== a) x.dispose();
  if (y !== b) y.dispose();
  return close;
}

export function allclose(a: Tensor, b: Tensor, options: { rtol?: number; atol?: number; equalNan?: boolean } = {}): boolean {
  if (!a.backend.readSync) throw syncReadError(a, 'torch.allclose()', 'await torch.allcloseAsync(a, b, options)');
  const c = isclose(a, b, options);
  const all = c.all();
  const v = all.item() !== 0;
  c.dispose();
  all.dispose();
  return v;
}

/** torch.lerp(start, end, weight), with PyTorch's two-sided formula for accuracy near weight 1. */
export function lerp(start: Tensor, end: Tensor, weight: TensorOrScalar): Tensor {
  return tidy(() => {
    const diff = binary('sub', end, start);
    if (!(weight instanceof Tensor)) {
      const w = Number(weight);
      return binary('add', w < 0.5 ? start : end, binary('mul', diff, w < 0.5 ? w : w - 1));
    }
    const a = binary('add', start, binary('mul', diff, weight));
    const b = binary('add', end, binary('mul', diff, binary('sub', weight, 1)));
    return where(binary('lt', weight, 0.5), a, b);
  });
}

export function addcmul(self: Tensor, t1: Tensor, t2: Tensor, value: number): Tensor {
  const p = binary('mul', t1, t2);
  const r = add(self, p, value);
  p.dispose();
  return r;
}

export function addcdiv(self: Tensor, t1: Tensor, t2: Tensor, value: number): Tensor {
  const q = binary('div', t1, t2);
  const r = add(self, q, value);
  q.dispose();
  return r;
}

/** x.maskedFill(mask, value): mask must be bool and broadcast to x's shape. */
export function maskedFill(x: Tensor, mask: Tensor, value: TensorOrScalar): Tensor {
  return traced('maskedFill', [x, mask, value instanceof Tensor ? value : null], NO_ATTRS, () => maskedFillUntraced(x, mask, value));
}

function maskedFillUntraced(x: Tensor, mask: Tensor, value: TensorOrScalar): Tensor {
  if (mask.dtype !== 'bool') {
    throw new Error(`masked_fill_ only supports boolean masks, but got mask with dtype ${scalarTypeName(mask.dtype)}`);
  }
  if (value instanceof Tensor && value.ndim !== 0) {
    throw new Error(`masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s).`);
  }
  const shape = broadcastShapes(x.shape, mask.shape);
  if (!sameShape(shape, x.shape)) {
    throw new Error(`The expanded size of the mask must match the tensor: mask ${JSON.stringify(mask.shape)} vs tensor ${JSON.stringify(x.shape)}`);
  }
  const v = value instanceof Tensor ? toDType(value, x.dtype) : value;
  const r = whereUntraced(mask, v as Scalar | Tensor, x);
  if (v !== value && v instanceof Tensor) v.dispose();
  if (r.dtype === x.dtype) return r;
  const c = castTo(r, x.dtype);
  r.dispose();
  return c;
}
