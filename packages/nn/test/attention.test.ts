/**
 * nn.MultiheadAttention against PyTorch 1.13 (tools/gen_attention_fixtures.py → fixtures/attention.json):
 * the same weights and inputs, then the output, the attention weights, the gradients of the inputs and
 * parameters for a fixed upstream gradient, the state-dict keys and shapes, and the repr.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import '@x/autograd';
import { decodeTensor, valuesMismatch, type EncodedTensor } from '@x/tensor/testing';
import * as nn from '../src/index';

interface AttentionCase {
  name: string;
  ctor: Record<string, number | boolean>;
  inputs: Record<'query' | 'key' | 'value', EncodedTensor>;
  key_is: 'query' | 'key';
  value_is: 'query' | 'key' | 'value';
  forward_kwargs: Record<string, EncodedTensor | boolean>;
  state: Record<string, EncodedTensor>;
  output: EncodedTensor;
  weights: EncodedTensor | null;
  upstream: EncodedTensor;
  input_grads: Record<string, EncodedTensor>;
  param_grads: Record<string, EncodedTensor>;
  repr: string;
}

const FIXTURE = JSON.parse(readFileSync(new URL('./fixtures/attention.json', import.meta.url), 'utf8')) as { cases: AttentionCase[] };

const camel = (s: string): string => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

// float32 through two matmuls, a softmax and a projection: a few ulp of each term accumulate.
const TOLERANCE = { rtol: 1e-5, atol: 1e-5 };

function expectClose(actual: Tensor | null, expected: EncodedTensor, what: string): void {
  // Only plain values go to expect: a failing matcher serialises what it was given, and a tensor reaches the backend's memory.
  expect(actual === null, `${what}: missing`).toBe(false);
  const e = decodeTensor(expected);
  expect([...actual!.shape], `${what}: shape`).toEqual([...e.shape]);
  const mismatch = valuesMismatch(actual!.reshape(-1).tolist() as number[], e.reshape(-1).tolist() as number[], TOLERANCE);
  expect(mismatch, what).toBeNull();
}

describe('nn.MultiheadAttention matches PyTorch 1.13 (fixtures/attention.json)', () => {
  it.each(FIXTURE.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const options = Object.fromEntries(Object.entries(c.ctor).map(([k, v]) => [camel(k), v]));
    const m = new nn.MultiheadAttention(options as nn.MultiheadAttentionOptions);
    expect(String(m)).toBe(c.repr);
    expect(Object.entries(m.stateDict()).map(([k, t]) => [k, [...t.shape]])).toEqual(Object.entries(c.state).map(([k, t]) => [k, t.shape]));
    m.loadStateDict(Object.fromEntries(Object.entries(c.state).map(([k, t]) => [k, decodeTensor(t)])));

    const query = decodeTensor(c.inputs.query).requiresGrad_(true);
    const key = c.key_is === 'query' ? query : decodeTensor(c.inputs.key).requiresGrad_(true);
    const value = c.value_is === 'query' ? query : c.value_is === 'key' ? key : decodeTensor(c.inputs.value).requiresGrad_(true);
    const kwargs = Object.fromEntries(Object.entries(c.forward_kwargs).map(([k, v]) => [camel(k), typeof v === 'boolean' ? v : decodeTensor(v)]));
    const [output, weights] = m.forward(query, key, value, kwargs);

    expectClose(output, c.output, 'output');
    if (c.weights === null) expect(weights === null).toBe(true);
    else expectClose(weights, c.weights, 'attention weights');

    output.backward(decodeTensor(c.upstream));
    const inputs: Record<string, Tensor> = { query, key, value };
    for (const [name, g] of Object.entries(c.input_grads)) expectClose(inputs[name]!.grad, g, `gradient of ${name}`);
    const params = new Map(m.namedParameters());
    expect([...params.keys()]).toEqual(Object.keys(c.param_grads));
    for (const [name, g] of Object.entries(c.param_grads)) expectClose(params.get(name)!.grad, g, `gradient of ${name}`);
  });
});

describe('nn.MultiheadAttention', () => {
  it('initialises as PyTorch: packed weight Xavier-uniform, biases zero', () => {
    torch.manualSeed(0);
    const m = new nn.MultiheadAttention(64, 8);
    const bound = Math.sqrt(6 / (64 + 3 * 64));
    expect(m.in_proj_weight!.abs().max().item()).toBeLessThanOrEqual(bound);
    expect(m.in_proj_weight!.abs().max().item()).toBeGreaterThan(0.9 * bound);
    expect(m.in_proj_bias!.abs().sum().item()).toBe(0);
    expect(m.out_proj.bias!.abs().sum().item()).toBe(0);
    expect(m.out_proj instanceof nn.Linear).toBe(true);
  });

  it('is the identity on attention weights in eval: dropout only while training', () => {
    torch.manualSeed(1);
    const m = new nn.MultiheadAttention(8, 2, { dropout: 0.5 }).eval();
    const x = torch.randn(4, 1, 8);
    const [a] = m.forward(x, x, x);
    const [b] = m.forward(x, x, x);
    expect(a.equal(b)).toBe(true);
  });

  it('refuses an embedding width its heads do not divide, and a query of the wrong width', () => {
    expect(() => new nn.MultiheadAttention(10, 3)).toThrow('embed_dim must be divisible by num_heads');
    const m = new nn.MultiheadAttention(8, 2);
    expect(() => m.forward(torch.randn(3, 1, 6), torch.randn(3, 1, 6), torch.randn(3, 1, 6))).toThrow('was expecting embedding dimension of 8, but got 6');
  });
});
