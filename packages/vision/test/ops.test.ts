/**
 * torchvision.ops layers against torchvision 0.14 (tools/gen_vision_ops_fixtures.py →
 * fixtures/ops.json): the repr, the state_dict keys and shapes, and the eval-mode output with the
 * deterministic weights both sides load. StochasticDepth's mask comes from our generator, not
 * PyTorch's, so its training behaviour is checked by its rules and statistics.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { noGrad } from '@x/autograd';
import * as nn from '@x/nn';
import { registerWasmBackend } from '@x/backend-wasm';
import { decodeTensor, valuesMismatch, type FixtureTensor } from '@x/tensor/testing';
import * as ops from '../src/ops/index';
import { deterministicInput, loadDeterministicWeights } from './helpers/deterministic-weights';

registerWasmBackend();

const values = (t: Tensor): number[] => t.reshape(-1).tolist() as number[];

interface OpsCase {
  name: string;
  repr: string;
  state: [string, number[]][];
  input_shape: number[];
  output: FixtureTensor;
}

const FIXTURE = JSON.parse(readFileSync(new URL('./fixtures/ops.json', import.meta.url), 'utf8')) as { cases: OpsCase[] };

/** Each fixture case built with our API, the arguments spelled as the generator spells them in Python. */
const BUILD: Record<string, () => nn.Module> = {
  conv_norm_act_default: () => new ops.Conv2dNormActivation(3, 8),
  conv_norm_act_strided_groups_no_norm: () => new ops.Conv2dNormActivation(4, 8, 3, 2, { groups: 2, normLayer: null, activationLayer: nn.Hardswish }),
  conv_norm_act_dilated_rect_partial_norm: () =>
    new ops.Conv2dNormActivation(4, 6, {
      kernelSize: [3, 5],
      dilation: 2,
      normLayer: (c: number) => new nn.BatchNorm2d(c, { eps: 0.001, momentum: 0.01 }),
      activationLayer: nn.SiLU,
    }),
  conv_norm_act_no_activation_bias: () => new ops.Conv2dNormActivation(4, 6, 1, { activationLayer: null, bias: true }),
  conv_norm_act_inplace_none_padding: () => new ops.Conv2dNormActivation(3, 5, 5, { padding: 1, activationLayer: nn.ReLU6, inplace: null }),
  squeeze_excitation_default: () => new ops.SqueezeExcitation(8, 4),
  squeeze_excitation_hard: () => new ops.SqueezeExcitation(8, 2, { activation: nn.SiLU, scaleActivation: nn.Hardsigmoid }),
  mlp_default: () => new ops.MLP(6, [10, 4]),
  mlp_norm_gelu_no_bias: () => new ops.MLP(6, [10, 8, 4], { normLayer: nn.LayerNorm, activationLayer: nn.GELU, inplace: null, bias: false, dropout: 0.1 }),
  permute: () => new ops.Permute([0, 2, 3, 1]),
  stochastic_depth_row: () => new ops.StochasticDepth(0.2, 'row'),
  stochastic_depth_batch: () => new ops.StochasticDepth({ p: 0.0125, mode: 'batch' }),
};

describe('torchvision.ops layers match torchvision 0.14 (fixtures/ops.json)', () => {
  it('covers every fixture case', () => {
    expect(FIXTURE.cases.map((c) => c.name).sort()).toEqual(Object.keys(BUILD).sort());
  });

  it.each(FIXTURE.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const m = BUILD[c.name]!();
    expect(String(m)).toBe(c.repr);
    expect(Object.entries(m.stateDict()).map(([k, t]) => [k, [...t.shape]])).toEqual(c.state);
    loadDeterministicWeights(m);
    m.eval();
    const y = noGrad(() => (m as unknown as { forward(x: Tensor): Tensor }).forward(deterministicInput(c.input_shape)));
    const expected = decodeTensor(c.output);
    expect([...y.shape]).toEqual([...expected.shape]);
    const mismatch = valuesMismatch(values(y), values(expected), { rtol: 1e-5, atol: 1e-5 });
    expect(mismatch).toBeNull();
  });
});

describe('Conv2dNormActivation', () => {
  it('is a Sequential of its layers with outChannels, and takes a function as the norm layer', () => {
    const block = new ops.Conv2dNormActivation(3, 8, 3, { normLayer: (c: number) => new nn.GroupNorm(2, c) });
    expect(block).toBeInstanceOf(nn.Sequential);
    expect(block.outChannels).toBe(8);
    expect(block.at(1)).toBeInstanceOf(nn.GroupNorm);
  });

  it('says when a norm-layer function returns something other than a module', () => {
    expect(() => new ops.Conv2dNormActivation(3, 8, { normLayer: (() => 42) as unknown as ops.LayerFactory })).toThrow(/must return an nn.Module, but it returned number/);
  });

  it('refuses an unknown option with the right spelling suggested', () => {
    expect(() => new ops.Conv2dNormActivation(3, 8, { norm_layer: null } as never)).toThrow(/normLayer/);
  });
});

describe('SqueezeExcitation', () => {
  it('requires both activations: null is refused, as None is not callable in torchvision', () => {
    expect(() => new ops.SqueezeExcitation(8, 2, { activation: null as never })).toThrow('activation must be a Module class or a function returning a module, got null');
  });
});

describe('stochasticDepth', () => {
  const x = torch.ones([1000, 3, 2]);

  it('is the identity in eval mode and for p = 0', () => {
    const sd = new ops.StochasticDepth(0.5, 'row').eval();
    expect(sd.forward(x)).toBe(x);
    expect(ops.stochasticDepth(x, 0, 'row')).toBe(x);
    expect(ops.stochasticDepth(x, 0.5, 'batch', false)).toBe(x);
  });

  it("'row' zeroes whole samples with probability p and scales the rest by 1/(1 − p)", () => {
    torch.manualSeed(3);
    const y = ops.stochasticDepth(x, 0.25, 'row');
    const rows = y.reshape([1000, 6]);
    const first = rows.select(1, 0);
    expect(Boolean(rows.eq(first.unsqueeze(1)).all().item())).toBe(true);
    const values = new Set(first.reshape(-1).tolist() as number[]);
    expect([...values].sort()).toEqual([0, Math.fround(1 / 0.75)]);
    const dropped = first.eq(0).sum().item() as number;
    // Binomial(1000, 0.25): mean 250, sd ≈ 13.7; ±5 sd.
    expect(Math.abs(dropped - 250)).toBeLessThan(70);
  });

  it("'batch' keeps or drops the whole input at once, and follows manualSeed", () => {
    torch.manualSeed(7);
    const draws = Array.from({ length: 400 }, () => ops.stochasticDepth(torch.ones([4, 2]), 0.5, 'batch'));
    for (const d of draws) expect(new Set(d.reshape(-1).tolist() as number[]).size).toBe(1);
    const kept = draws.filter((d) => d.sum().item() !== 0).length;
    expect(Math.abs(kept - 200)).toBeLessThan(50);
    torch.manualSeed(7);
    const again = Array.from({ length: 400 }, () => ops.stochasticDepth(torch.ones([4, 2]), 0.5, 'batch').sum().item());
    expect(again).toEqual(draws.map((d) => d.sum().item()));
  });

  it('p = 1 zeroes everything without dividing by zero', () => {
    expect(ops.stochasticDepth(torch.ones([3, 2]), 1, 'row').reshape(-1).tolist()).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("refuses a probability outside [0, 1] and a mode other than 'batch' or 'row'", () => {
    expect(() => ops.stochasticDepth(x, 1.5, 'row')).toThrow('drop probability has to be between 0 and 1, but got 1.5');
    expect(() => ops.stochasticDepth(x, 0.5, 'col' as never)).toThrow("mode has to be either 'batch' or 'row', but got col");
  });
});
