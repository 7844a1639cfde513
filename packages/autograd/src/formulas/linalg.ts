/**
 * Derivatives of the matrix products (linalg.ts), as PyTorch's mm_mat1_backward / mm_mat2_backward.
 * The products in the formulas are themselves recorded, so double backward works.
 */
import type { OpAttrs, Tensor } from '@x/tensor';
import type { BackwardContext, Formula, FormulaTable } from './types';
import { sumTo } from './util';
import { asInput, scale, type NameInfo } from './pointwise';

/** A two-operand product: `backward` returns [grad a, grad b] for those needed. */
function product(name: Formula['name'], backward: (g: Tensor, a: Tensor, b: Tensor, ctx: BackwardContext) => readonly (Tensor | null)[]): Formula {
  return {
    name,
    saves: { inputs: [0, 1] },
    backward: (grads, ctx) => {
      const [ga, gb] = backward(grads[0]!, ctx.input(0), ctx.input(1), ctx);
      return [ga && ctx.needsInputGrad[0] ? asInput(ga, ctx, 0) : null, gb && ctx.needsInputGrad[1] ? asInput(gb, ctx, 1) : null];
    },
  };
}

/**
 * The node PyTorch 1.13's matmul leaves on top for the shapes that reach the 'matmul' op:
 * 1-D @ 2-D squeezes an mm result (SqueezeBackward3), 2-D @ >=3-D folds and transposes then copies
 * (CloneBackward0), the rest end in an _unsafe_view (UnsafeViewBackward0).
 */
function matmulName(_attrs: OpAttrs, info?: NameInfo): string {
  const ra = info?.inputShapes[0]?.length;
  const rb = info?.inputShapes[1]?.length;
  if (ra === 1 && rb === 2) return 'SqueezeBackward3';
  if (ra === 2 && rb !== undefined && rb >= 3) return 'CloneBackward0';
  return 'UnsafeViewBackward0';
}

/**
 * matmul with broadcast batch dims: 1-D operands get their dim back (prepended to a, appended to
 * b), both gradients are batched products, and broadcast batch dims are summed away.
 */
function matmulBackward(g: Tensor, a: Tensor, b: Tensor, ctx: BackwardContext): (Tensor | null)[] {
  const a2 = a.ndim === 1 ? a.unsqueeze(0) : a;
  const b2 = b.ndim === 1 ? b.unsqueeze(1) : b;
  let g2 = g;
  if (a.ndim === 1) g2 = g2.unsqueeze(b.ndim === 1 ? 0 : -2);
  if (b.ndim === 1) g2 = g2.unsqueeze(-1);
  const back = (t: Tensor, to: Tensor, original: Tensor): Tensor => {
    const r = sumTo(t, to.shape);
    return to === original ? r : r.reshape([...original.shape]);
  };
  return [
    ctx.needsInputGrad[0] ? back(g2.matmul(b2.mT), a2, a) : null,
    ctx.needsInputGrad[1] ? back(a2.mT.matmul(g2), b2, b) : null,
  ];
}

export const LINALG = {
  mm: product('MmBackward0', (g, a, b, c) => [c.needsInputGrad[0] ? g.mm(b.t()) : null, c.needsInputGrad[1] ? a.t().mm(g) : null]),
  bmm: product('BmmBackward0', (g, a, b, c) => [
    c.needsInputGrad[0] ? g.bmm(b.transpose(1, 2)) : null,
    c.needsInputGrad[1] ? a.transpose(1, 2).bmm(g) : null,
  ]),
  dot: product('DotBackward0', (g, a, b, c) => [c.needsInputGrad[0] ? b.mul(g) : null, c.needsInputGrad[1] ? a.mul(g) : null]),
  // mv: grad ⊗ vec for the matrix, mat^T @ grad for the vector.
  mv: product('MvBackward0', (g, a, v, c) => [
    c.needsInputGrad[0] ? g.unsqueeze(1).mul(v.unsqueeze(0)) : null,
    c.needsInputGrad[1] ? a.t().mv(g) : null,
  ]),
  matmul: product(matmulName, matmulBackward),
  // inputs [input, mat1, mat2]: beta * input + alpha * mat1 @ mat2.
  addmm: {
    name: 'AddmmBackward0',
    saves: { inputs: [1, 2] },
    backward: (grads, ctx) => {
      const g = grads[0]!;
      const beta = ctx.attrs.beta as number;
      const alpha = ctx.attrs.alpha as number;
      return [
        ctx.needsInputGrad[0] ? asInput(scale(g, beta), ctx, 0) : null,
        ctx.needsInputGrad[1] ? asInput(scale(g.mm(ctx.input(2).t()), alpha), ctx, 1) : null,
        ctx.needsInputGrad[2] ? asInput(scale(ctx.input(1).t().mm(g), alpha), ctx, 2) : null,
      ];
    },
  },
} satisfies FormulaTable;
