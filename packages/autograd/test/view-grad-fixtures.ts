/**
 * Replays fixtures/view-grads.json (tools/gen_view_grad_fixtures.py, PyTorch 1.13): each case is an
 * expression of float64 leaves, written here in TypeScript under the generator's name. A case
 * checks the outputs and their grad_fn names, the gradient of sum(output_i * weight_i) with respect
 * to every input, and gradcheck (finite differences) on the same expression.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { valuesMismatch } from '@x/tensor/testing';
import { enableGrad, grad, gradcheck } from '../src/index';

interface Plain {
  shape: number[];
  data: number[];
}
interface Output extends Plain {
  dtype: string;
  gradFn: string | null;
  torchGradFn?: string;
}
interface ViewGradCase {
  inputs: Plain[];
  weights: (Plain | null)[];
  outputs: Output[];
  grads: (Plain | null)[];
  deviation?: string;
}

const FIXTURE = new URL('./fixtures/view-grads.json', import.meta.url);
const CASES = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { cases: Record<string, ViewGradCase> }).cases;

export type Expr = (...xs: Tensor[]) => Tensor | readonly Tensor[];

function plainTensor(p: Plain): Tensor {
  return torch.tensor(p.data, { dtype: 'float64' }).reshape(p.shape).clone();
}

function listOf(r: Tensor | readonly Tensor[]): Tensor[] {
  return Array.isArray(r) ? [...(r as readonly Tensor[])] : [r as Tensor];
}

function expectValues(actual: Tensor, expected: Plain, what: string): void {
  expect(actual.shape, `${what}: shape`).toEqual(expected.shape);
  expect(valuesMismatch(actual.numpy() as ArrayLike<number>, expected.data, { rtol: 1e-10, atol: 1e-10 }), what).toBeNull();
}

/** The fixture keys of a group (`views/…`), to check that every case has a TypeScript expression. */
export function fixtureKeys(group: string): string[] {
  return Object.keys(CASES).filter((k) => k.startsWith(`${group}/`));
}

/** Runs fixture case `key` on `expr`: values, grad_fn names and gradients against PyTorch's. */
export function runFixture(key: string, expr: Expr): void {
  const c = CASES[key];
  if (!c) throw new Error(`no fixture case ${key}: run tools/gen_view_grad_fixtures.py`);
  const inputs = c.inputs.map((p) => plainTensor(p).requiresGrad_());
  const outs = listOf(expr(...inputs));
  expect(outs.length, `${key}: number of outputs`).toBe(c.outputs.length);
  outs.forEach((o, i) => {
    const want = c.outputs[i]!;
    expect(o.dtype, `${key}: output ${i} dtype`).toBe(want.dtype);
    expectValues(o.dtype === 'float64' ? o : o.double(), want, `${key}: output ${i}`);
    expect(o.gradFn?.name ?? null, `${key}: output ${i} grad_fn`).toBe(want.gradFn);
  });
  const terms = outs.flatMap((o, i) => (c.weights[i] ? [o.mul(plainTensor(c.weights[i]!)).sum()] : []));
  const loss = terms.reduce((a, b) => a.add(b));
  const grads = grad(loss, inputs, { allowUnused: true });
  grads.forEach((g, i) => {
    const want = c.grads[i];
    if (want === null || want === undefined) {
      if (g !== null) expect(Array.from(g.numpy() as Float64Array).every((v) => v === 0), `${key}: grad ${i} should be zero`).toBe(true);
    } else {
      expect(g, `${key}: grad ${i} missing`).not.toBeNull();
      expectValues(g!, want, `${key}: grad ${i}`);
    }
  });
}

/** gradcheck of `expr` on fixture case `key`'s inputs (every float output is differentiated). */
export function gradcheckFixture(key: string, expr: Expr): void {
  const inputs = CASES[key]!.inputs.map((p) => plainTensor(p).requiresGrad_());
  expect(gradcheck((...xs) => listOf(expr(...xs)).filter((o) => o.dtype === 'float64'), inputs)).toBe(true);
}

/** gradgradcheck: the first derivative (taken with createGraph) checked by finite differences. */
export function gradgradcheck(expr: (...xs: Tensor[]) => Tensor, inputs: Tensor[], seed = 7): boolean {
  torch.manualSeed(seed);
  const out = expr(...inputs);
  const v = torch.randn(out.shape, { dtype: 'float64' });
  return gradcheck((...xs: Tensor[]) => enableGrad(() => {
    const gs = grad(expr(...xs), xs, { gradOutputs: v, createGraph: true, allowUnused: true });
    return gs.map((g, i) => g ?? torch.zerosLike(xs[i]!));
  }), inputs);
}

/** A float64 leaf that requires grad with seeded values. */
export function leaf(shape: number[], seed = 1): Tensor {
  torch.manualSeed(seed);
  return torch.randn(shape, { dtype: 'float64' }).requiresGrad_();
}
