/**
 * Every model fixture tools/gen_vision_model_fixtures.py wrote (torchvision 0.14's builders): the
 * model built here has the same parameter count, state-dict keys and shapes in order, and printed
 * form, and with the same deterministic weights its eval-mode logits (or for a training-mode fixture,
 * every output) equal torchvision's.
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
  /** A training-mode fixture (dropout off): the fields of the named-tuple output, by Python name. */
  train?: boolean;
  /** The dtype the model ran in (float32 unless said). */
  dtype?: 'float64';
  outputs?: Record<string, (number | string)[]>;
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

/** Values equal within 1e-4, scaled by the largest magnitude expected (at least 1). */
function expectClose(actual: Tensor, encoded: readonly (number | string)[]): void {
  const expected = decodeValues(encoded);
  const scale = Math.max(1, ...expected.map(Math.abs));
  expect(valuesMismatch(actual.numpy() as Float32Array, expected, { rtol: 0, atol: 1e-4 * scale })).toBeNull();
}

function dispose(model: Module): void {
  for (const t of Object.values(model.stateDict())) t.dispose();
}

describe('torchvision models, against torchvision 0.14', () => {
  it('the fixtures are there', () => {
    expect(FIXTURES.length).toBeGreaterThan(0);
  });

  for (const [file, f] of FIXTURES) {
    it(`${file}: parameters, state dict, repr and ${f.train ? 'training-mode outputs' : 'eval logits'}`, () => {
      expect(builder(builderAlias(f.name))).toBe(builder(f.name));
      const options = Object.fromEntries(Object.entries(f.kwargs).map(([k, v]) => [camelKey(k), v]));
      const model = builder(f.name)(options);
      try {
        expect([...model.parameters()].reduce((n, p) => n + p.numel(), 0)).toBe(f.num_params);
        expect(Object.entries(model.stateDict()).map(([k, t]) => [k, t.shape])).toEqual(f.state);
        expect(String(model)).toBe(f.repr);

        if (f.dtype === 'float64') model.double();
        loadDeterministicWeights(model);
        model.train(f.train === true);
        const out = noGrad(() => {
          const x32 = deterministicInput(f.input_shape);
          const x = f.dtype === 'float64' ? x32.double() : x32;
          if (x !== x32) x32.dispose();
          const y = model.forward(x as never) as unknown;
          x.dispose();
          return y;
        });
        if (f.outputs) {
          const fields = out as Record<string, Tensor | null>;
          for (const [field, values] of Object.entries(f.outputs)) expectClose(fields[camelKey(field)]!, values);
          expect([...(out as Iterable<Tensor>)].length).toBe(Object.keys(f.outputs).length);
          expect([...(out as Iterable<Tensor>)][0]).toBe(fields.logits);
        } else {
          expectClose(out as Tensor, f.logits);
        }
        for (const t of f.outputs ? [...(out as Iterable<Tensor>)] : [out as Tensor]) t.dispose();
      } finally {
        dispose(model);
      }
    });
  }
});
