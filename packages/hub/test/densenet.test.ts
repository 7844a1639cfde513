/**
 * DenseNet beyond the fixtures: torchvision's published DenseNet files (old key names, written by
 * PyTorch) load through createModel with torchvision's logits; bad arguments are refused.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import { decodeValues, valuesMismatch } from '@x/tensor/testing';
import { createModel } from '../src/index';
import { evalOutput } from './helpers/eval-output';

registerWasmBackend();

const visionFixture = (name: string): string => new URL(`../../vision/test/fixtures/weights/${name}`, import.meta.url).pathname;
// A tiny torchvision DenseNet (tools/gen_vision_weights_fixtures.py): its kwargs and eval logits.
const TINY = JSON.parse(readFileSync(visionFixture('densenet_tiny.json'), 'utf8')) as {
  kwargs: { growth_rate: number; block_config: number[]; num_init_features: number; bn_size: number; num_classes: number };
  input_shape: number[];
  logits: (number | string)[];
};

describe('hub DenseNet', () => {
  it("loads torchvision's old-named DenseNet file ('denselayer1.norm.1.weight') through createModel, with torchvision's logits", async () => {
    const k = TINY.kwargs;
    // timm's stem is always twice the growth rate wide, as this file's is.
    expect(k.num_init_features).toBe(2 * k.growth_rate);
    const model = await createModel('densenet121', {
      growthRate: k.growth_rate,
      blockConfig: k.block_config,
      bnSize: k.bn_size,
      numClasses: k.num_classes,
      pretrained: true,
      pretrainedCfgOverlay: { file: visionFixture('densenet_tiny_old_keys.pth'), numClasses: k.num_classes },
    });
    const logits = evalOutput(model, TINY.input_shape).numpy() as Float32Array;
    expect(valuesMismatch(logits, decodeValues(TINY.logits), { rtol: 1e-4, atol: 1e-5 })).toBeNull();
  });

  it('refuses bad arguments with what was expected and what came', () => {
    expect(() => createModel('densenet121', { actLayer: 'rellu' })).toThrow(/^unknown activation 'rellu'; expected one of relu, /);
    expect(() => createModel('densenet121', { growthrate: 16 })).toThrow(/densenet121: unknown argument 'growthrate' \(did you mean 'growthRate'\?\)/);
    // timm's DenseNet has no stochastic depth: its constructor refuses drop_path_rate too.
    expect(() => createModel('densenet121', { dropPathRate: 0.1 })).toThrow(/unknown argument 'dropPathRate'/);
    expect(() => createModel('densenet121', { blockConfig: [6, 0] })).toThrow("DenseNet: expected blockConfig to be a non-empty array of positive integers (layers per block), got [6,0]");
    expect(() => createModel('densenet121', { stemType: 'wide' })).toThrow(`DenseNet: expected stemType to be one of '', 'deep', 'deep_tiered', 'deep_tiered_narrow', got "wide"`);
    expect(() => createModel('densenet121', { growthRate: 2.5 })).toThrow('DenseNet: expected growthRate to be a positive integer, got 2.5');
  });
});
