/**
 * Layers and nn.functional against real PyTorch 1.13 (tools/gen_nn_fixtures.py → fixtures/layers.json):
 * the same weights and buffers loaded into both, then each step's output and the gradients of the
 * inputs and every parameter, the state (running statistics, num_batches_tracked) after the steps,
 * printed forms, and PyTorch's error texts.
 */
import { describe, expect, it } from 'vitest';
import { camelCase, type Tensor } from '@x/tensor';
import '@x/autograd';
import * as nn from '../src/index';
import { callArgs, construct, expectClose, FIXTURE, functional, initFn, type ModuleCase, runFunctionalCase, value } from './layer-fixtures';
import { decodeTensor } from '@x/tensor/testing';

function runModuleCase(c: ModuleCase): void {
  const m = construct(c.ctor, c.args, c.kwargs);
  if (c.dtype === 'float64') m.to('float64');
  m.loadStateDict(Object.fromEntries(Object.entries(c.state).map(([k, v]) => [k, decodeTensor(v)])));
  const params = new Map(m.namedParameters());
  c.steps.forEach((step, s) => {
    m.train(step.train);
    m.zeroGrad();
    const leaves = step.inputs.map((e) => {
      const t = decodeTensor(e);
      return t.isFloatingPoint() ? t.requiresGrad_(true) : t;
    });
    const feed = c.nonleaf ? leaves.map((t) => (t.isFloatingPoint() ? t.mul(1) : t)) : leaves;
    const y = (m as unknown as { forward(...a: Tensor[]): Tensor }).forward(...feed);
    expectClose(y, step.output, `step ${s} output`);
    if (Object.keys(step.grads).length === 0) return;
    if (leaves.includes(y)) return; // Identity returns its input itself, as PyTorch's: nothing to differentiate
    y.backward(decodeTensor(step.upstream));
    for (const [name, g] of Object.entries(step.grads)) {
      const t = name.startsWith('input') ? leaves[Number(name.slice(5))]! : params.get(name);
      expect(t, `step ${s}: ${name}`).toBeDefined();
      expect(t!.grad, `step ${s}: gradient of ${name}`).not.toBeNull();
      expectClose(t!.grad!, g, `step ${s}: gradient of ${name}`);
    }
  });
  const after = m.stateDict();
  expect(Object.keys(after)).toEqual(Object.keys(c.after));
  for (const [k, v] of Object.entries(c.after)) {
    expect(after[k]!.dtype, k).toBe(v.dtype);
    expectClose(after[k]!, v, `state ${k} after the steps`);
  }
  expect(String(m)).toBe(c.repr);
}

describe('layers match PyTorch 1.13: outputs, gradients, state after the steps (fixtures/layers.json)', () => {
  it.each(FIXTURE.modules.map((c) => [c.name, c] as const))('%s', (_name, c) => runModuleCase(c));
});

describe('nn.functional matches PyTorch 1.13 (fixtures/layers.json)', () => {
  it.each(FIXTURE.functional.map((c) => [c.name, c] as const))('%s', (_name, c) => runFunctionalCase(c));
});

describe('layers print as PyTorch 1.13', () => {
  class MLP extends nn.Module {
    hidden = new nn.Linear(784, 256);
    act = new nn.ReLU();
    output = new nn.Linear(256, 10);
    forward(x: Tensor): Tensor {
      return this.output.forward(this.act.forward(this.hidden.forward(x)));
    }
  }
  const models: Record<string, () => nn.Module> = {
    MLP: () => new MLP(),
    Sequential: () =>
      new nn.Sequential(
        new nn.Flatten(), new nn.Linear(784, 256), new nn.BatchNorm1d(256), new nn.LeakyReLU(0.2, true), new nn.Dropout(0.3),
        new nn.Linear(256, 10), new nn.LogSoftmax({ dim: 1 }),
      ),
  };
  it.each(FIXTURE.reprs.map((c) => [c.repr, c] as const))('%s', (_repr, c) => {
    const m = models[c.ctor]?.() ?? construct(c.ctor, c.args, c.kwargs);
    expect(String(m)).toBe(c.repr);
  });
});

/**
 * PyTorch's TypeError about a constructor's arguments in @x's words (docs/conventions.md): the
 * class named as it is called, `Linear()`, with no `self` in the positional counts, and the
 * parameters by their one (camelCase) spelling.
 */
function oursFromPython(message: string): string {
  const ctor = /^(\w+)\.__init__\(\) /.exec(message);
  if (!ctor) return message;
  const less = (n: string): number => Number(n) - 1;
  return message
    .replace(`${ctor[1]}.__init__()`, `${ctor[1]}()`)
    .replace(/takes from (\d+) to (\d+) positional arguments but (\d+) were given/, (_, a: string, b: string, c: string) =>
      `takes from ${less(a)} to ${less(b)} positional arguments but ${less(c)} ${less(c) === 1 ? 'was' : 'were'} given`)
    .replace(/'([a-z0-9_]+)'/g, (_, n: string) => `'${camelCase(n)}'`);
}

describe("bad input raises PyTorch's error text", () => {
  it.each(FIXTURE.errors.map((c) => [`${c.kind} ${c.ctor ?? c.fn}: ${c.error.slice(0, 70)}`, c] as const))('%s', (_name, c) => {
    let call: () => unknown;
    if (c.kind === 'module') {
      call = () => {
        const m = construct(c.ctor!, c.args, c.kwargs);
        m.train(c.train ?? true);
        return (m as unknown as { forward(...a: unknown[]): unknown }).forward(...c.inputs!.map(value));
      };
    } else if (c.kind === 'ctor') call = () => construct(c.ctor!, c.args, c.kwargs);
    else if (c.kind === 'functional') call = () => functional(c.fn!)(...callArgs(c.args, c.kwargs));
    else call = () => initFn(c.fn!)(...callArgs([{ tensor: true, dtype: 'float32', shape: c.shape!, data: Array<number>(c.shape!.reduce((a, b) => a * b, 1)).fill(0) }, ...c.args], c.kwargs));
    expect(call).toThrow(oursFromPython(c.error));
  });

  it('names the module path and both shapes when a Linear gets the wrong width', () => {
    class LeNetHead extends nn.Module {
      fc1 = new nn.Linear(400, 120);
      forward(x: Tensor): Tensor {
        return this.fc1.forward(x);
      }
    }
    const x = decodeTensor({ tensor: true, dtype: 'float32', shape: [1, 256], data: Array<number>(256).fill(0) });
    expect(() => new LeNetHead().forward(x)).toThrow(
      'fc1 (Linear): expected input with last dimension 400, got [1, 256] (mat1 and mat2 shapes cannot be multiplied (1x256 and 400x120))',
    );
  });
});
