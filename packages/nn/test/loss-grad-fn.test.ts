/**
 * The autograd node each loss records, against PyTorch 1.13 (tools/gen_loss_gradfn_fixtures.py →
 * fixtures/loss_grad_fns.json): losses that are one ATen op in PyTorch (MseLossBackward0,
 * NllLossBackward0, BinaryCrossEntropyBackward0, …) are one node here too, with a derivative of its
 * own in @x/autograd; the others are the same compositions (L1Loss is MeanBackward0 over
 * AbsBackward0, CrossEntropyLoss NllLossBackward0 over LogSoftmaxBackward0). Checked per reduction:
 * the node's name, the names of the nodes it feeds (next_functions, empty slots left out), and the
 * printed loss with its grad_fn suffix.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { enableGrad, grad, gradcheck } from '@x/autograd';
import { decodeTensor, type FixtureTensor } from '@x/tensor/testing';
import * as nn from '../src/index';

interface Case {
  name: string;
  fn: string;
  args: FixtureTensor[];
  options: Record<string, unknown>;
  grad_fn: string;
  next: (string | null)[];
  str: string | null;
  target_grad_error?: string;
}

const CASES = (JSON.parse(readFileSync(new URL('./fixtures/loss_grad_fns.json', import.meta.url), 'utf8')) as { cases: Case[] }).cases;
const functional = nn.functional as unknown as Record<string, (...args: unknown[]) => Tensor>;

/**
 * Where a loss is a composition written in C++ inside PyTorch, an op with a number operand is the
 * Scalar overload there (div.Scalar → DivBackward1, mul.Scalar → MulBackward1, add.Scalar →
 * AddBackward1, clamp_min →
 * ClampMinBackward0), while @x records a number operand as Python does (a wrapped number:
 * DivBackward0, MulBackward0; clamp with min → ClampBackward1). The same gradients, another name:
 * these pairs are what the composite losses show instead of PyTorch's.
 */
const SCALAR_OVERLOAD_NAMES: Readonly<Record<string, string>> = {
  DivBackward1: 'DivBackward0',
  MulBackward1: 'MulBackward0',
  ClampMinBackward0: 'ClampBackward1',
  AddBackward1: 'AddBackward0',
};
const ours = (name: string | null): string | null => (name === null ? null : SCALAR_OVERLOAD_NAMES[name] ?? name);

function decode(e: FixtureTensor, requiresGrad = e.requiresGrad ?? false): Tensor {
  return decodeTensor({ ...e, requiresGrad });
}
function decodeOptions(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v !== null && typeof v === 'object' && 'dtype' in v ? decode(v as FixtureTensor) : v]));
}

describe("losses record PyTorch 1.13's autograd nodes", () => {
  it('has the generated fixture', () => {
    expect(CASES.length).toBeGreaterThan(80);
  });

  for (const c of CASES) {
    it(`F.${c.fn}: ${c.name} → ${c.grad_fn}`, () => {
      const loss = functional[c.fn]!(...c.args.map((a) => decode(a)), decodeOptions(c.options));
      expect(loss.gradFn!.name).toBe(ours(c.grad_fn));
      const next = loss.gradFn!.nextFunctions.map(([n]) => (n === null ? null : n.name)).filter((n) => n !== null);
      expect(next).toEqual(c.next.filter((n) => n !== null).map(ours));
      if (c.str !== null) expect(String(loss)).toBe(c.str.replace(/grad_fn=<(\w+)>/, (_, n: string) => `grad_fn=<${ours(n)}>`));
      if (c.target_grad_error !== undefined) {
        const args = c.args.map((a) => decode(a, a.requiresGrad || a.dtype.startsWith('float')));
        expect(() => functional[c.fn]!(...args, decodeOptions(c.options)).sum().backward()).toThrow(c.target_grad_error);
      }
    });
  }
});

describe('the derivatives of the one-op losses pass gradcheck (float64, first and second order)', () => {
  const seeded = (shape: number[], lo: number, hi: number, seed: number): Tensor => {
    torch.manualSeed(seed);
    return torch.rand(shape, { dtype: 'float64' }).mul(hi - lo).add(lo).requiresGrad_();
  };
  // Inputs kept away from kinks (|x − y| = β, δ; hinge at 0) so finite differences are valid.
  const x = (): Tensor => seeded([3, 4], -2, 2, 1);
  const y = (): Tensor => seeded([3, 4], -2, 2, 2);
  const prob = (seed: number): Tensor => seeded([3, 4], 0.1, 0.9, seed);
  const labels = torch.tensor([1, 3, 0]);
  const reductions = ['none', 'sum', 'mean'] as const;
  const cases: [string, (...xs: Tensor[]) => Tensor, () => Tensor[], boolean][] = [];
  for (const reduction of reductions) {
    cases.push(
      [`mse ${reduction}`, (a, b) => nn.functional.mseLoss(a!, b!, { reduction }), () => [x(), y()], true],
      [`smooth l1 ${reduction}`, (a, b) => nn.functional.smoothL1Loss(a!, b!, { reduction, beta: 0.7 }), () => [x(), y()], false],
      [`huber ${reduction}`, (a, b) => nn.functional.huberLoss(a!, b!, { reduction, delta: 0.8 }), () => [x(), y()], false],
      [`bce ${reduction}`, (a, b) => nn.functional.binaryCrossEntropy(a!, b!, { reduction, weight: torch.tensor([0.5, 1, 2, 1.5], { dtype: 'float64' }) }), () => [prob(3), prob(4)], true],
      [`bce with logits ${reduction}`, (a, b) => nn.functional.binaryCrossEntropyWithLogits(a!, b!, { reduction, posWeight: torch.tensor([0.5, 1, 2, 1.5], { dtype: 'float64' }) }), () => [x(), prob(5)], true],
      [`nll ${reduction}`, (a) => nn.functional.nllLoss(a!, labels, { reduction, weight: torch.tensor([0.5, 1, 2, 1.5], { dtype: 'float64' }) }), () => [x()], false],
      [`nll 2d ${reduction}`, (a) => nn.functional.nllLoss(a!, torch.tensor([[[1, 0], [2, 1]]]), { reduction }), () => [seeded([1, 3, 2, 2], -1, 1, 6)], false],
      [`soft margin ${reduction}`, (a) => nn.functional.softMarginLoss(a!, torch.tensor([[1, -1, 1, 1], [-1, -1, 1, -1], [1, 1, -1, 1]], { dtype: 'float64' }), { reduction }), () => [x()], true],
      [`multi margin ${reduction}`, (a) => nn.functional.multiMarginLoss(a!, labels, { reduction, p: 2, margin: 0.9, weight: torch.tensor([0.5, 1, 2, 1.5], { dtype: 'float64' }) }), () => [x()], false],
      [`multilabel margin ${reduction}`, (a) => nn.functional.multilabelMarginLoss(a!, torch.tensor([[3, 0, -1, 1], [1, -1, 0, 0], [2, 1, 0, -1]]), { reduction }), () => [x()], false],
    );
  }
  for (const [name, fn, make, second] of cases) {
    it(name, () => {
      const inputs = make();
      expect(gradcheck(fn, inputs, { eps: 1e-6, atol: 1e-5, rtol: 1e-3 })).toBe(true);
      if (second) {
        // The first derivative, taken with createGraph, is itself differentiated (gradgradcheck).
        torch.manualSeed(7);
        const v = torch.randn(fn(...inputs).shape, { dtype: 'float64' });
        const first = (...xs: Tensor[]): Tensor[] => enableGrad(() => grad(fn(...xs), xs, { gradOutputs: v, createGraph: true }) as Tensor[]);
        expect(gradcheck(first, inputs)).toBe(true);
      }
    });
  }
});
