/**
 * Derivatives of the elementwise ops (elementwise.ts) and of casts and copies (cast.ts), as in
 * PyTorch's tools/autograd/derivatives.yaml. Node names are those PyTorch 1.13 reports for the
 * same call from Python: `x + 2` is AddBackward0 (Python wraps the number in a tensor), `2 - x`
 * RsubBackward1, `x ** 2` PowBackward0, `torch.pow(2, x)` PowBackward2.
 */
import type { OpAttrs, Tensor } from '@x/tensor';
import { where, zeros } from '@x/tensor';
import type { BackwardContext, Formula, FormulaTable } from './types';
import { sumTo } from './util';

/** The gradient of input i: broadcasting undone, in the input's dtype (PyTorch's handle_r_to_c / .to(self_st)). */
export function asInput(g: Tensor, ctx: BackwardContext, i: number): Tensor {
  const shape = ctx.inputShapes[i]!;
  const dtype = ctx.inputDTypes[i]!;
  const r = sumTo(g, shape);
  return r.dtype === dtype ? r : r.to(dtype);
}

/** zeros_like(input i), on the gradient's device. */
export function zerosFor(g: Tensor, ctx: BackwardContext, i: number): Tensor {
  return zeros([...ctx.inputShapes[i]!], { dtype: ctx.inputDTypes[i]!, device: g.device });
}

/** PyTorch's maybe_multiply: t * s, skipping the multiplication by 1. */
export function scale(t: Tensor, s: number): Tensor {
  return s === 1 ? t : t.mul(s);
}

/**
 * What a name function may also read when the engine passes it (the overload PyTorch picks can
 * depend on which arguments are tensors and on their ranks).
 */
export interface NameInfo {
  readonly inputShapes: readonly (readonly number[] | null)[];
}

function scalars(attrs: OpAttrs): readonly (number | undefined)[] {
  return (attrs.scalars as (number | undefined)[] | undefined) ?? [undefined, undefined];
}

/** Whether input i was a number (its scalar is in attrs.scalars[i]). */
function isScalar(attrs: OpAttrs, i: number): boolean {
  return scalars(attrs)[i] !== undefined;
}

/** Operand i: the saved input, or the number it was. */
function operand(ctx: BackwardContext, i: number): Tensor | number {
  const s = scalars(ctx.attrs)[i];
  return s !== undefined ? s : ctx.input(i);
}

// ---- unary ----

type UnaryBackward = (g: Tensor, ctx: BackwardContext) => Tensor;

/** A one-input formula reading the input (`saves: 'input'`), the result (`'output'`) or nothing. */
function unary(name: string, saves: 'input' | 'output' | 'none', backward: UnaryBackward): Formula {
  return {
    name,
    saves: saves === 'input' ? { inputs: [0] } : saves === 'output' ? { outputs: true } : {},
    backward: (grads, ctx) => [ctx.needsInputGrad[0] ? asInput(backward(grads[0]!, ctx), ctx, 0) : null],
  };
}

const x = (ctx: BackwardContext): Tensor => ctx.input(0);
const y = (ctx: BackwardContext): Tensor => ctx.output(0);
/** Ops whose derivative is zero wherever it is defined (PyTorch returns zeros_like(grad)). */
const zeroGrad = (name: string): Formula => unary(name, 'none', (g, ctx) => zerosFor(g, ctx, 0));

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

const UNARY = {
  neg: unary('NegBackward0', 'none', (g) => g.neg()),
  abs: unary('AbsBackward0', 'input', (g, c) => g.mul(x(c).sign())),
  sign: zeroGrad('SignBackward0'),
  exp: unary('ExpBackward0', 'output', (g, c) => g.mul(y(c))),
  exp2: unary('Exp2Backward0', 'output', (g, c) => g.mul(y(c)).mul(Math.LN2)),
  log: unary('LogBackward0', 'input', (g, c) => g.div(x(c))),
  log2: unary('Log2Backward0', 'input', (g, c) => g.div(x(c).mul(Math.LN2))),
  log10: unary('Log10Backward0', 'input', (g, c) => g.div(x(c).mul(Math.LN10))),
  log1p: unary('Log1PBackward0', 'input', (g, c) => g.div(x(c).add(1))),
  expm1: unary('Expm1Backward0', 'output', (g, c) => g.mul(y(c).add(1))),
  sqrt: unary('SqrtBackward0', 'output', (g, c) => g.div(y(c).mul(2))),
  rsqrt: unary('RsqrtBackward0', 'output', (g, c) => g.mul(y(c).pow(3)).mul(-0.5)),
  sin: unary('SinBackward0', 'input', (g, c) => g.mul(x(c).cos())),
  cos: unary('CosBackward0', 'input', (g, c) => g.mul(x(c).sin().neg())),
  tan: unary('TanBackward0', 'output', (g, c) => g.mul(y(c).pow(2).add(1))),
  asin: unary('AsinBackward0', 'input', (g, c) => g.mul(x(c).pow(2).neg().add(1).rsqrt())),
  acos: unary('AcosBackward0', 'input', (g, c) => g.mul(x(c).pow(2).neg().add(1).rsqrt()).neg()),
  atan: unary('AtanBackward0', 'input', (g, c) => g.div(x(c).pow(2).add(1))),
  sinh: unary('SinhBackward0', 'input', (g, c) => g.mul(x(c).cosh())),
  cosh: unary('CoshBackward0', 'input', (g, c) => g.mul(x(c).sinh())),
  tanh: unary('TanhBackward0', 'output', (g, c) => g.mul(y(c).pow(2).neg().add(1))),
  asinh: unary('AsinhBackward0', 'input', (g, c) => g.mul(x(c).pow(2).add(1).rsqrt())),
  acosh: unary('AcoshBackward0', 'input', (g, c) => g.mul(x(c).pow(2).sub(1).rsqrt())),
  atanh: unary('AtanhBackward0', 'input', (g, c) => g.mul(x(c).pow(2).neg().add(1).reciprocal())),
  sigmoid: unary('SigmoidBackward0', 'output', (g, c) => g.mul(y(c).neg().add(1).mul(y(c)))),
  // threshold_backward(grad, result, 0): the gradient passes where the result is not <= 0 (NaN passes).
  relu: unary('ReluBackward0', 'output', (g, c) => where(y(c).le(0), 0, g)),
  floor: zeroGrad('FloorBackward0'),
  ceil: zeroGrad('CeilBackward0'),
  round: zeroGrad('RoundBackward0'),
  trunc: zeroGrad('TruncBackward0'),
  frac: unary('FracBackward0', 'none', (g) => g),
  reciprocal: unary('ReciprocalBackward0', 'output', (g, c) => g.mul(y(c).pow(2).neg())),
  // torch.square is pow(x, 2).
  square: unary('PowBackward0', 'input', (g, c) => g.mul(x(c).mul(2))),
  erf: unary('ErfBackward0', 'input', (g, c) => g.mul(x(c).pow(2).neg().exp().mul(TWO_OVER_SQRT_PI))),
  erfc: unary('ErfcBackward0', 'input', (g, c) => g.mul(x(c).pow(2).neg().exp().mul(-TWO_OVER_SQRT_PI))),
} satisfies FormulaTable;

// ---- binary ----

type BinaryBackward = (g: Tensor, ctx: BackwardContext) => readonly (Tensor | null)[];

/**
 * A two-input formula. `backward` returns raw gradients (broadcast shape, result dtype) for each
 * input that needs one; they are reduced to the input's shape and dtype here. Number operands get none.
 */
function binary(name: Formula['name'], saves: readonly number[], backward: BinaryBackward): Formula {
  return {
    name,
    saves: { inputs: saves },
    backward: (grads, ctx) => {
      const raw = backward(grads[0]!, ctx);
      return [0, 1].map((i) => (ctx.needsInputGrad[i] && !isScalar(ctx.attrs, i) && raw[i] ? asInput(raw[i]!, ctx, i) : null));
    },
  };
}

/** pow_backward_self: exponent * self^(exponent - 1), zero where the exponent is 0. */
function powBackwardSelf(g: Tensor, base: Tensor, exponent: Tensor | number): Tensor {
  if (typeof exponent === 'number') {
    if (exponent === 0) return zeros([...g.shape], { dtype: g.dtype, device: g.device });
    return g.mul(base.pow(exponent - 1).mul(exponent));
  }
  return where(exponent.eq(0), 0, g.mul(base.pow(exponent.sub(1)).mul(exponent)));
}

/**
 * pow_backward_exponent: result * log(base), defined as 0 where base == 0 and exponent >= 0
 * (the limit PyTorch takes instead of 0 * -inf).
 */
function powBackwardExponent(g: Tensor, base: Tensor | number, exponent: Tensor, result: Tensor): Tensor {
  if (typeof base === 'number') {
    const d = result.mul(Math.log(base));
    return g.mul(base === 0 ? where(exponent.ge(0), 0, d) : d);
  }
  const b = base.dtype === result.dtype ? base : base.to(result.dtype);
  return g.mul(where(b.eq(0).logicalAnd(exponent.ge(0)), 0, result.mul(b.log())));
}

const BINARY = {
  add: binary('AddBackward0', [], (g) => [g, g]),
  sub: binary((a) => (isScalar(a, 0) ? 'RsubBackward1' : 'SubBackward0'), [], (g) => [g, g.neg()]),
  mul: binary('MulBackward0', [0, 1], (g, c) => [
    c.needsInputGrad[0] ? g.mul(operand(c, 1)) : null,
    c.needsInputGrad[1] ? g.mul(operand(c, 0)) : null,
  ]),
  // Python's `2 / x` is x.reciprocal() * 2: PyTorch 1.13 shows MulBackward0 for it.
  div: binary((a) => (isScalar(a, 0) ? 'MulBackward0' : 'DivBackward0'), [0, 1], (g, c) => {
    const b = operand(c, 1);
    return [
      c.needsInputGrad[0] ? g.div(b) : null,
      // -grad * ((self / other) / other), as PyTorch's div_tensor_other_backward
      c.needsInputGrad[1] ? g.neg().mul(divOf(operand(c, 0), b as Tensor).div(b)) : null,
    ];
  }),
  pow: {
    name: (a) => (isScalar(a, 1) ? 'PowBackward0' : isScalar(a, 0) ? 'PowBackward2' : 'PowBackward1'),
    saves: { inputs: [0, 1] },
    backward: (grads, ctx) => {
      const g = grads[0]!;
      const base = operand(ctx, 0);
      const exponent = operand(ctx, 1);
      const out: (Tensor | null)[] = [null, null];
      if (ctx.needsInputGrad[0] && typeof base !== 'number') out[0] = asInput(powBackwardSelf(g, base, exponent), ctx, 0);
      if (ctx.needsInputGrad[1] && typeof exponent !== 'number') {
        // The result is recomputed rather than saved, so an in-place change of the output is no error here.
        const result = typeof base === 'number' ? powScalarBase(base, exponent) : base.pow(exponent);
        out[1] = asInput(powBackwardExponent(g, base, exponent, result), ctx, 1);
      }
      return out;
    },
  },
  // max/min backward: ties split the gradient in half (PyTorch's maximum/minimum derivatives).
  maximum: binary('MaximumBackward0', [0, 1], (g, c) => extremumGrads(g, c, 'gt')),
  minimum: binary('MinimumBackward0', [0, 1], (g, c) => extremumGrads(g, c, 'lt')),
  fmod: binary((a) => (isScalar(a, 1) ? 'FmodBackward0' : 'FmodBackward1'), [0, 1], (g, c) => [
    g,
    c.needsInputGrad[1] ? g.neg().mul(divRounded(operand(c, 0), c.input(1), 'trunc')) : null,
  ]),
  remainder: {
    // remainder(Scalar, Tensor) has no derivative in PyTorch 1.13.
    name: (a) => (isScalar(a, 0) ? 'NotImplemented' : isScalar(a, 1) ? 'RemainderBackward0' : 'RemainderBackward1'),
    saves: { inputs: [0, 1] },
    backward: (grads, ctx) => {
      if (isScalar(ctx.attrs, 0)) throw new Error('derivative for aten::remainder is not implemented');
      const g = grads[0]!;
      return [
        ctx.needsInputGrad[0] ? asInput(g, ctx, 0) : null,
        ctx.needsInputGrad[1] && !isScalar(ctx.attrs, 1) ? asInput(g.neg().mul(divRounded(ctx.input(0), ctx.input(1), 'floor')), ctx, 1) : null,
      ];
    },
  },
  atan2: binary('Atan2Backward0', [0, 1], (g, c) => {
    const a = operand(c, 0);
    const b = operand(c, 1);
    const recip = sq(a, g).add(sq(b, g)).reciprocal();
    return [
      c.needsInputGrad[0] ? g.mul(recip).mul(b) : null,
      c.needsInputGrad[1] ? g.mul(recip).mul(a).neg() : null,
    ];
  }),
  /**
   * torch.floor_divide has no derivative in PyTorch (backward raises). torch.div(a, b,
   * rounding_mode='floor') records the same op with attrs.roundingMode; its derivative is zero
   * (DivBackward2 in PyTorch).
   */
  floorDivide: {
    name: (a) => (a.roundingMode !== undefined ? 'DivBackward2' : 'NotImplemented'),
    saves: {},
    backward: (grads, ctx) => {
      if (ctx.attrs.roundingMode === undefined) throw new Error('derivative for aten::floor_divide is not implemented');
      return [0, 1].map((i) => (ctx.needsInputGrad[i] && !isScalar(ctx.attrs, i) ? zerosFor(grads[0]!, ctx, i) : null));
    },
  },
} satisfies FormulaTable;

function sq(v: Tensor | number, like: Tensor): Tensor {
  return typeof v === 'number' ? fullAs(like, v * v) : v.mul(v);
}

function divOf(a: Tensor | number, b: Tensor): Tensor {
  return typeof a === 'number' ? b.reciprocal().mul(a) : a.div(b);
}

function divRounded(a: Tensor | number, b: Tensor, mode: 'trunc' | 'floor'): Tensor {
  return typeof a === 'number' ? fullAs(b, a).div(b, { roundingMode: mode }) : a.div(b, { roundingMode: mode });
}

function fullAs(t: Tensor, v: number): Tensor {
  return zeros([], { dtype: t.dtype, device: t.device }).add(v);
}

function powScalarBase(base: number, exponent: Tensor): Tensor {
  return fullAs(exponent, base).pow(exponent);
}

/**
 * maximum (cmp 'gt') / minimum ('lt'): self gets where(self == other, grad / 2, grad) with the
 * positions where other wins zeroed; other symmetrically.
 */
function extremumGrads(g: Tensor, c: BackwardContext, cmp: 'gt' | 'lt'): (Tensor | null)[] {
  const a = operand(c, 0);
  const b = operand(c, 1);
  const at = typeof a === 'number' ? fullAs(b as Tensor, a) : a;
  const shared = where(at.eq(b), g.div(2), g);
  const aWins = cmp === 'gt' ? at.gt(b) : at.lt(b);
  const bWins = cmp === 'gt' ? at.lt(b) : at.gt(b);
  return [
    c.needsInputGrad[0] ? shared.maskedFill(bWins, 0) : null,
    c.needsInputGrad[1] ? shared.maskedFill(aWins, 0) : null,
  ];
}

// ---- where, clamp, maskedFill ----

const SELECTION = {
  // inputs [condition, a | null, b | null]; number branches get no gradient.
  where: {
    name: 'WhereBackward0',
    saves: { inputs: [0] },
    backward: (grads, ctx) => {
      const g = grads[0]!;
      const cond = ctx.input(0);
      return [
        null,
        ctx.needsInputGrad[1] && ctx.inputShapes[1] ? asInput(where(cond, g, 0), ctx, 1) : null,
        ctx.needsInputGrad[2] && ctx.inputShapes[2] ? asInput(where(cond, 0, g), ctx, 2) : null,
      ];
    },
  },
  // inputs [x, min | null, max | null]; number bounds in attrs.min / attrs.max.
  clamp: {
    name: (a) => (a.min === undefined && a.max === undefined ? 'ClampBackward0' : 'ClampBackward1'),
    saves: { inputs: [0, 1, 2] },
    backward: (grads, ctx) => clampBackward(grads[0]!, ctx),
  },
  // inputs [x, mask, value | null]; a number value gets no gradient.
  maskedFill: {
    name: (_a: OpAttrs, info?: NameInfo) => (info?.inputShapes[2] ? 'MaskedFillBackward1' : 'MaskedFillBackward0'),
    saves: { inputs: [1] },
    backward: (grads, ctx) => {
      const g = grads[0]!;
      const mask = ctx.input(1);
      return [
        ctx.needsInputGrad[0] ? asInput(g.maskedFill(mask, 0), ctx, 0) : null,
        null,
        ctx.needsInputGrad[2] && ctx.inputShapes[2] ? asInput(where(mask, g, 0).sum(), ctx, 2) : null,
      ];
    },
  },
} satisfies FormulaTable;

/** PyTorch's clamp_backward and clamp_backward_min_max: inclusive bounds for x; a bound gets the gradient where it is the result. */
function clampBackward(g: Tensor, ctx: BackwardContext): (Tensor | null)[] {
  const xv = ctx.input(0);
  const min: Tensor | number | undefined = ctx.inputShapes[1] ? ctx.input(1) : (ctx.attrs.min as number | undefined);
  const max: Tensor | number | undefined = ctx.inputShapes[2] ? ctx.input(2) : (ctx.attrs.max as number | undefined);
  const out: (Tensor | null)[] = [null, null, null];
  if (ctx.needsInputGrad[0]) {
    let keep: Tensor | null = null;
    if (min !== undefined) keep = xv.ge(min);
    if (max !== undefined) keep = keep ? keep.logicalAnd(xv.le(max)) : xv.le(max);
    out[0] = asInput(keep ? where(keep, g, 0) : g, ctx, 0);
  }
  if (ctx.needsInputGrad[1] && ctx.inputShapes[1]) {
    let pick = xv.lt(min!);
    if (max !== undefined) pick = pick.logicalAnd((min as Tensor).lt(max));
    out[1] = asInput(where(pick, g, 0), ctx, 1);
  }
  if (ctx.needsInputGrad[2] && ctx.inputShapes[2]) {
    let pick = xv.gt(max!);
    if (min !== undefined) pick = pick.logicalOr((max as Tensor).lt(min));
    out[2] = asInput(where(pick, g, 0), ctx, 2);
  }
  return out;
}

// ---- casts and copies (cast.ts) ----

const COPIES = {
  // The gradient goes back to the input's dtype and device (attrs.sourceDevice for a device move).
  to: {
    name: 'ToCopyBackward0',
    backward: (grads, ctx) => {
      if (!ctx.needsInputGrad[0]) return [null];
      const g = grads[0]!;
      const device = ctx.attrs.sourceDevice as string | undefined;
      const dtype = ctx.inputDTypes[0]!;
      return [device !== undefined && device !== g.device ? g.to({ dtype, device }) : g.dtype === dtype ? g : g.to(dtype)];
    },
  },
  clone: unary('CloneBackward0', 'none', (g) => g),
  // The out-of-place form of dst.copy_(src): inputs [dst, src]; dst's old values do not matter.
  copy: {
    name: 'CopyBackwards',
    backward: (grads, ctx) => {
      const g = grads[0]!;
      let src: Tensor | null = null;
      if (ctx.needsInputGrad[1]) {
        const device = ctx.attrs.sourceDevice as string | undefined;
        src = asInput(device !== undefined && device !== g.device ? g.to(device) : g, ctx, 1);
      }
      return [ctx.needsInputGrad[0] ? zerosFor(g, ctx, 0) : null, src];
    },
  },
  // dst.fill_(value) out of place: the old values do not matter. PyTorch 1.13 names fill_ FillBackward2, zero_ ZeroBackward0.
  fill: {
    name: (a) => (a.zero ? 'ZeroBackward0' : 'FillBackward2'),
    backward: (grads, ctx) => [ctx.needsInputGrad[0] ? zerosFor(grads[0]!, ctx, 0) : null],
  },
} satisfies FormulaTable;

export const POINTWISE = { ...UNARY, ...BINARY, ...SELECTION, ...COPIES };
