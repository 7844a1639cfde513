/**
 * Every model fixture tools/gen_vision_model_fixtures.py wrote (torchvision 0.14's builders): the
 * model built here has the same parameter count, state-dict keys and shapes in order, and printed
 * form, and with the same deterministic weights its eval-mode logits equal torchvision's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Tensor } from '@x/tensor';
import { noGrad } from '@x/autograd';
import type { Module } from '@x/nn';
import { registerWasmBackend } from '@x/backend-wasm';
import { decodeValues, valuesMismatch } from '@x/tensor/testing';
import { models } from '../src/index';
import { deterministicInput, loadDeterministicWeights } from './helpers/deterministic-weights';

registerWasmBackend();

interface ModelFixture {
  name: string;
  kwargs: Record<string, unknown>;
  num_params: number;
  state: [string, number[]][];
  repr: string;
  input_shape: number[];
  logits: (number | string)[];
}

const DIR = new URL('./fixtures/models/', import.meta.url);
const FIXTURES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f.slice(0, -'.json'.length), JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as ModelFixture] as const);

/** A builder keyword's name here: num_classes → numClasses. */
const camelKey = (name: string): string => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** A builder's camelCase alias keeps the underscore before a digit: wide_resnet50_2 → wideResnet50_2. */
const builderAlias = camelKey;

type Builder = (options?: Record<string, unknown>) => Module;

function builder(name: string): Builder {
  const all = models as unknown as Record<string, Builder | undefined>;
  const b = all[name];
  if (typeof b !== 'function') throw new Error(`models.${name} is not a builder`);
  return b;
}

function dispose(model: Module): void {
  for (const t of Object.values(model.stateDict())) t.dispose();
}

describe('torchvision models, against torchvision 0.14', () => {
  it('the fixtures are there', () => {
    expect(FIXTURES.length).toBeGreaterThan(0);
  });

  for (const [file, f] of FIXTURES) {
    it(`${file}: parameters, state dict, repr and eval logits`, () => {
      expect(builder(builderAlias(f.name))).toBe(builder(f.name));
      const options = Object.fromEntries(Object.entries(f.kwargs).map(([k, v]) => [camelKey(k), v]));
      const model = builder(f.name)(options);
      try {
        expect([...model.parameters()].reduce((n, p) => n + p.numel(), 0)).toBe(f.num_params);
        expect(Object.entries(model.stateDict()).map(([k, t]) => [k, t.shape])).toEqual(f.state);
        expect(String(model)).toBe(f.repr);

        loadDeterministicWeights(model);
        model.eval();
        const logits = noGrad(() => {
          const x = deterministicInput(f.input_shape);
          const y = model.forward(x as never) as Tensor;
          x.dispose();
          return y;
        });
        const expected = decodeValues(f.logits);
        const scale = Math.max(1, ...expected.map(Math.abs));
        expect(valuesMismatch(logits.numpy() as Float32Array, expected, { rtol: 0, atol: 1e-4 * scale })).toBeNull();
        logits.dispose();
      } finally {
        dispose(model);
      }
    });
  }
});
