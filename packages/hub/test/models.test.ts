/**
 * Every model fixture tools/gen_hub_model_fixtures.py wrote (timm 1.0.28's create_model): the model
 * createModel builds here has the same parameter count, state-dict keys and shapes in order, and
 * printed form, and with the same deterministic weights its eval-mode output equals timm's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Tensor } from '@x/tensor';
import { noGrad } from '@x/autograd';
import { registerWasmBackend } from '@x/backend-wasm';
import { decodeValues, valuesMismatch } from '@x/tensor/testing';
import { createModel, listModels } from '../src/index';
import { deterministicInput, loadDeterministicWeights } from '../../vision/test/helpers/deterministic-weights';

registerWasmBackend();

interface ModelFixture {
  name: string;
  kwargs: Record<string, unknown>;
  num_params: number;
  state: [string, number[]][];
  repr: string;
  input_shape: number[];
  output_shape: number[];
  output: (number | string)[];
}

const DIR = new URL('./fixtures/models/', import.meta.url);
const ONLY = process.env.HUB_FIXTURES?.split(',');
const FIXTURES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && (!ONLY || ONLY.includes(f.slice(0, -5))))
  .sort()
  .map((f) => [f.slice(0, -'.json'.length), JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as ModelFixture] as const);

/** timm's keyword → the option here: num_classes → numClasses. */
const camelKey = (name: string): string => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function expectClose(actual: Tensor, encoded: readonly (number | string)[]): void {
  const expected = decodeValues(encoded);
  const scale = Math.max(1, ...expected.map(Math.abs));
  expect(valuesMismatch(actual.contiguous().numpy() as Float32Array, expected, { rtol: 0, atol: 1e-4 * scale })).toBeNull();
}

describe('timm models', () => {
  it.skipIf(ONLY !== undefined)('every timm architecture registered here has a fixture of its name', () => {
    const names = new Set(FIXTURES.map(([name]) => name));
    const timmArchs = listModels('', { exclude: listModels('', { module: 'torchvision' }) });
    expect(timmArchs.length).toBe(41);
    expect(timmArchs.filter((a) => !names.has(a))).toEqual([]);
  });

  for (const [fixture, f] of FIXTURES) {
    it(`${fixture}: parameters, state-dict keys and shapes, printed form, eval output`, () => {
      const options = Object.fromEntries(Object.entries(f.kwargs).map(([k, v]) => [camelKey(k), v]));
      const model = createModel(f.name, options);
      let count = 0;
      for (const p of model.parameters()) count += p.numel();
      expect(count).toBe(f.num_params);
      expect(Object.entries(model.stateDict()).map(([k, t]) => [k, [...t.shape]])).toEqual(f.state);
      expect(String(model)).toBe(f.repr);
      loadDeterministicWeights(model);
      model.eval();
      const out = noGrad(() => (model as unknown as { forward(x: Tensor): Tensor }).forward(deterministicInput(f.input_shape)));
      expect([...out.shape]).toEqual(f.output_shape);
      expectClose(out, f.output);
    });
  }
});
