/**
 * EfficientNet and MobileNetV3 beyond createModel's fixtures: resetClassifier(0) and the pre-logits
 * head give what timm's numClasses 0 models give (the fixtures of that name), and the builders
 * refuse the arguments timm's refuse.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Tensor } from '@x/tensor';
import { noGrad } from '@x/autograd';
import { registerWasmBackend } from '@x/backend-wasm';
import { save } from '@x/serialize';
import { decodeValues, valuesMismatch } from '@x/tensor/testing';
import { createModel, type TimmModel } from '../src/index';
import { decodeBlockStr } from '../src/models/efficientnet/arch-def';
import { deterministicInput, loadDeterministicWeights } from '../../vision/test/helpers/deterministic-weights';

registerWasmBackend();

const timmModel = (name: string, options: Record<string, unknown> = {}): TimmModel => createModel(name, options) as unknown as TimmModel;

interface Fixture {
  repr: string;
  input_shape: number[];
  output: (number | string)[];
}

const fixture = (name: string): Fixture => JSON.parse(readFileSync(new URL(`./fixtures/models/${name}.json`, import.meta.url), 'utf8')) as Fixture;

function mismatch(actual: Tensor, encoded: readonly (number | string)[]): string | null {
  const expected = decodeValues(encoded);
  const scale = Math.max(1, ...expected.map(Math.abs));
  return valuesMismatch(actual.contiguous().numpy() as Float32Array, expected, { rtol: 0, atol: 1e-4 * scale });
}

describe.each([
  ['efficientnet_b0', 'efficientnet_b0_no_classifier'],
  ['mobilenetv3_large_100', 'mobilenetv3_large_100_no_classifier'],
])('%s without its classifier', (name, fixtureName) => {
  const f = fixture(fixtureName);
  // The classifier's entries come last in the state dict, so the other weights are the fixture's.
  it('resetClassifier(0) prints and computes as timm built with numClasses 0', () => {
    const model = timmModel(name);
    model.resetClassifier(0);
    expect(model.numClasses).toBe(0);
    expect(String(model)).toBe(f.repr);
    loadDeterministicWeights(model);
    model.eval();
    const out = noGrad(() => (model as unknown as { forward(x: Tensor): Tensor }).forward(deterministicInput(f.input_shape)));
    expect(mismatch(out, f.output)).toBeNull();
  });

  it("forwardHead(x, true) gives the pre-logits that model outputs", () => {
    const model = timmModel(name);
    loadDeterministicWeights(model);
    model.eval();
    const out = noGrad(() => model.forwardHead(model.forwardFeatures(deterministicInput(f.input_shape)), true));
    expect(mismatch(out, f.output)).toBeNull();
  });
});

describe('pretrained from a checkpoint file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'x-hub-efficientnet-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['test_efficientnet', 'mobilenetv3_small_100'])('%s: the file loads by its timm keys; inChans 1 sums conv_stem over the input channels, numClasses 10 gets a new classifier', async (name) => {
    const source = timmModel(name);
    loadDeterministicWeights(source);
    const file = join(dir, `${name}.pth`);
    await save(source.stateDict(), file);
    const model = (await createModel(name, { pretrained: true, inChans: 1, numClasses: 10, pretrainedCfgOverlay: { file } })) as unknown as TimmModel;
    const sd = model.stateDict();
    const fileSd = source.stateDict();
    expect(sd['conv_stem.weight']!.equal(fileSd['conv_stem.weight']!.sum(1, true))).toBe(true);
    expect([...sd['classifier.weight']!.shape]).toEqual([10, fileSd['classifier.weight']!.shape[1]]);
    // A 1-channel image through the summed stem is the 3-channel source on that image repeated.
    source.eval();
    model.eval();
    const x = deterministicInput([1, 1, 64, 64]);
    const [expected, actual] = noGrad(() => [source.forwardHead(source.forwardFeatures(x.expand(1, 3, 64, 64)), true), model.forwardHead(model.forwardFeatures(x), true)]);
    expect(valuesMismatch(actual!.contiguous().numpy() as Float32Array, expected!.contiguous().numpy() as Float32Array, { rtol: 1e-4, atol: 1e-4 })).toBeNull();
  });
});

describe('training', () => {
  it.each(['test_efficientnet', 'mobilenetv3_small_100'])('%s: gradients reach the stem through drop path, dropout and the in-place activations', (name) => {
    const model = timmModel(name, { dropPathRate: 0.3, dropRate: 0.2, numClasses: 4 });
    model.train();
    const out = (model as unknown as { forward(x: Tensor): Tensor }).forward(deterministicInput([2, 3, 64, 64]));
    out.square().mean().backward();
    const stem = (model as unknown as { conv_stem: { weight: Tensor } }).conv_stem.weight;
    expect(stem.grad).not.toBeNull();
    expect(stem.grad!.abs().sum().item()).toBeGreaterThan(0);
  });
});

describe('builder arguments', () => {
  it("refuses the width multiplier where timm's builder fixes it", () => {
    expect(() => createModel('efficientnet_b0', { channelMultiplier: 2 })).toThrow(/efficientnet_b0: unknown argument 'channelMultiplier'/);
    expect(() => createModel('mobilenetv3_small_100', { channelMultiplier: 0.5 })).toThrow(/unknown argument 'channelMultiplier'/);
  });

  it('suggests the nearest argument name', () => {
    expect(() => createModel('mobilenetv3_small_100', { dropRat: 0.1 })).toThrow(/did you mean 'dropRate'/);
  });

  it('refuses an unknown activation and an output stride the builder cannot make', () => {
    expect(() => createModel('test_efficientnet', { actLayer: 'swishy' })).toThrow(/unknown activation 'swishy'/);
    expect(() => createModel('efficientnet_b0', { outputStride: 4 })).toThrow(/outputStride: expected 8, 16 or 32, got 4/);
  });
});

describe('block strings', () => {
  it('decodes the kind, repeats and options', () => {
    const [args, repeats] = decodeBlockStr('ir_r2_k5_s2_e6_c40_se0.25_nre');
    expect(repeats).toBe(2);
    expect(args).toMatchObject({ blockType: 'ir', dwKernelSize: 5, stride: 2, expRatio: 6, outChs: 40, seRatio: 0.25, noskip: false });
    expect(args.actLayer?.(false).constructor.name).toBe('ReLU');
  });

  it('names the block string and the option that is wrong', () => {
    expect(() => decodeBlockStr('xx_r1_k3_s1_c16')).toThrow(/block string 'xx_r1_k3_s1_c16': unknown block type 'xx'/);
    expect(() => decodeBlockStr('ir_r1_k3_s1_c16')).toThrow(/block string 'ir_r1_k3_s1_c16': expected a number option 'e<x>', got none/);
  });
});
