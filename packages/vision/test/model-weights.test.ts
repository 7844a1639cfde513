/**
 * Builders' `weights`: a state dict saved by PyTorch (tools/gen_vision_weights_fixtures.py) or by
 * @x/serialize loads into the model built here with equal logits; a torchvision weights name, which
 * would need a download, is refused with a message saying what to do.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Tensor } from '@x/tensor';
import { noGrad } from '@x/autograd';
import { registerWasmBackend } from '@x/backend-wasm';
import { load, save } from '@x/serialize';
import { decodeValues, valuesMismatch } from '@x/tensor/testing';
import { models } from '../src/index';
import { renameOldDenseNetKeys } from '../src/models/densenet';
import { deterministicInput, loadDeterministicWeights } from './helpers/deterministic-weights';

registerWasmBackend();

const fixture = (name: string): string => new URL(`./fixtures/weights/${name}`, import.meta.url).pathname;
const TINY = JSON.parse(readFileSync(fixture('densenet_tiny.json'), 'utf8')) as {
  kwargs: { growth_rate: number; block_config: [number, number, number, number]; num_init_features: number; bn_size: number; num_classes: number };
  input_shape: number[];
  logits: (number | string)[];
};

function tinyDenseNet(): models.DenseNet {
  const k = TINY.kwargs;
  return new models.DenseNet({ growthRate: k.growth_rate, blockConfig: k.block_config, numInitFeatures: k.num_init_features, bnSize: k.bn_size, numClasses: k.num_classes });
}

function evalLogits(model: { eval(): unknown; forward(x: Tensor): unknown }, shape: number[]): Float32Array {
  model.eval();
  return noGrad(() => model.forward(deterministicInput(shape)) as Tensor).numpy() as Float32Array;
}

const dir = mkdtempSync(join(tmpdir(), 'vision-weights-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('model weights from .pth files', () => {
  it("loads a DenseNet state dict written by PyTorch (running statistics and counters included): torchvision's logits", async () => {
    const model = tinyDenseNet();
    model.loadStateDict((await load(fixture('densenet_tiny.pth'))) as Record<string, Tensor>);
    expect(model.features.getSubmodule('norm0').getBuffer('num_batches_tracked')!.item()).toBe(1);
    expect(valuesMismatch(evalLogits(model, TINY.input_shape), decodeValues(TINY.logits), { rtol: 1e-4, atol: 1e-5 })).toBeNull();
  });

  it("renames the key names of torchvision's published DenseNet files ('denselayer1.norm.1.weight')", async () => {
    const old = (await load(fixture('densenet_tiny_old_keys.pth'))) as Record<string, Tensor>;
    expect(Object.keys(old)).toContain('features.denseblock1.denselayer1.norm.1.weight');
    const model = tinyDenseNet();
    expect(() => model.loadStateDict(old)).toThrow(/Missing key\(s\) in state_dict: "features.denseblock1.denselayer1.norm1.weight"/);
    model.loadStateDict(renameOldDenseNetKeys(old));
    expect(valuesMismatch(evalLogits(model, TINY.input_shape), decodeValues(TINY.logits), { rtol: 1e-4, atol: 1e-5 })).toBeNull();
  });

  it('a builder given weights: a path returns a Promise of the model with those weights (weights or pretrained)', async () => {
    const original = models.squeezenet1_1({ numClasses: 10 });
    loadDeterministicWeights(original);
    const path = join(dir, 'squeezenet1_1.pth');
    await save(original.stateDict(), path);
    const expected = evalLogits(original, [1, 3, 64, 64]);

    const pending = models.squeezenet1_1({ numClasses: 10, weights: path });
    expect(pending).toBeInstanceOf(Promise);
    const loaded = await pending;
    expect(loaded).toBeInstanceOf(models.SqueezeNet);
    expect(evalLogits(loaded, [1, 3, 64, 64])).toEqual(expected);
    expect(evalLogits(await models.squeezenet1_1({ numClasses: 10, pretrained: path }), [1, 3, 64, 64])).toEqual(expected);
  });

  it("googlenet with weights, as torchvision's: inputs transformed, the auxiliary heads loaded then dropped unless asked for", async () => {
    const path = join(dir, 'googlenet.pth');
    await save(models.googlenet({ initWeights: false }).stateDict(), path);
    const plain = await models.googlenet({ weights: path });
    expect([plain.transformInput, plain.auxLogits, plain.aux1, plain.aux2]).toEqual([true, false, null, null]);
    expect(String(plain)).not.toContain('(aux1)');
    const own = await models.googlenet({ weights: path, transformInput: false, auxLogits: true });
    expect([own.transformInput, own.auxLogits]).toEqual([false, true]);
    expect(own.aux1).toBeInstanceOf(models.GoogLeNetInceptionAux);
  });

  it('weights that do not fit the model: the strict load names the mismatch', async () => {
    const path = join(dir, 'squeezenet1_1_10.pth');
    await save(models.squeezenet1_1({ numClasses: 10 }).stateDict(), path);
    await expect(models.squeezenet1_1({ weights: path })).rejects.toThrow(
      /size mismatch for classifier\.1\.weight: copying a param with shape torch\.Size\(\[10, 512, 1, 1\]\) from checkpoint, the shape in current model is torch\.Size\(\[1000, 512, 1, 1\]\)/,
    );
    await expect(models.squeezenet1_0({ weights: path })).rejects.toThrow(/Error\(s\) in loading state_dict for SqueezeNet/);
    await expect(models.squeezenet1_1({ weights: join(dir, 'missing.pth') })).rejects.toThrow(/missing\.pth/);
  });

  it("a torchvision weights name (a download) is refused, saying to download the file and pass its path", async () => {
    await expect(models.resnet18({ weights: 'IMAGENET1K_V1' })).rejects.toThrow(
      "resnet18: weights \"IMAGENET1K_V1\" name torchvision's ResNet18_Weights.IMAGENET1K_V1, which @x/vision cannot download: download the file (in Python: ResNet18_Weights.IMAGENET1K_V1.url) and pass its path, e.g. resnet18({ weights: './resnet18.pth' })",
    );
    await expect(models.vgg16({ weights: 'VGG16_Weights.DEFAULT' })).rejects.toThrow(/VGG16_Weights\.DEFAULT, which @x\/vision cannot download/);
    await expect(models.alexnet({ pretrained: true })).rejects.toThrow(/AlexNet_Weights\.DEFAULT/);
  });

  it('options are checked: an unknown key suggests the right one; weights and pretrained together are refused', () => {
    expect(() => models.resnet18({ numClass: 10 } as never)).toThrow("resnet18() got an unexpected keyword argument 'numClass' (did you mean 'numClasses'?)");
    expect(() => models.resnet18({ num_classes: 10 } as never)).toThrow(/did you mean 'numClasses'/);
    expect(() => models.resnet18({ weights: 'a.pth', pretrained: 'b.pth' } as never)).toThrow('pass either weights or pretrained, not both');
    expect(() => models.resnext50_32x4d({ groups: 8 })).toThrow('resnext50_32x4d: groups is 32 for this model, got 8');
  });
});
