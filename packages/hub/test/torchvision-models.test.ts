/**
 * @x/vision's models in the registry under their torchvision names: those timm's models here leave
 * free, built by vision's builders (same printed form), their weights loaded by them from the cache,
 * and a different numClasses given a fresh classifier (a Linear, or SqueezeNet's convolution).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as nn from '@x/nn';
import { registerWasmBackend } from '@x/backend-wasm';
import { save } from '@x/serialize';
import { models } from '@x/vision';
import { createModel, getPretrainedCfg, isModel, listModels, listPretrained } from '../src/index';

registerWasmBackend();

const dir = mkdtempSync(join(tmpdir(), 'x-hub-tv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('torchvision models in the registry', () => {
  it('are those timm names leave free, each with its torchvision weights as the one tag', () => {
    const names = listModels('', { module: 'torchvision' });
    expect(names).toEqual([
      'alexnet', 'googlenet', 'inception_v3', 'mnasnet0_5', 'mnasnet1_0', 'mobilenet_v2', 'mobilenet_v3_large', 'mobilenet_v3_small', 'regnet_y_400mf',
      'shufflenet_v2_x0_5', 'shufflenet_v2_x1_0', 'squeezenet1_0', 'squeezenet1_1', 'vgg11', 'vgg11_bn', 'vgg13', 'vgg13_bn', 'vgg16', 'vgg16_bn', 'vgg19',
      'vgg19_bn', 'vit_b_16', 'wide_resnet50_2',
    ]);
    expect(isModel('resnet18') && !names.includes('resnet18')).toBe(true);
    expect(listPretrained('alexnet*')).toEqual(['alexnet.imagenet1k_v1']);
    const cfg = getPretrainedCfg('vit_b_16');
    expect([cfg.url, cfg.sha256, cfg.cropPct, cfg.interpolation, cfg.firstConv, cfg.classifier]).toEqual(['https://download.pytorch.org/models/vit_b_16-c867db91.pth', 'c867db91', 0.875, 'bilinear', 'conv_proj', 'heads.head']);
  });

  it("builds as vision's builder does, and refuses inChans other than 3", () => {
    expect(String(createModel('alexnet', { numClasses: 10 }))).toBe(String(models.alexnet({ numClasses: 10 })));
    expect(() => createModel('alexnet', { inChans: 1 })).toThrow("alexnet (torchvision's): takes 3 input channels, got inChans 1");
    expect(() => createModel('alexnet', { globalPool: 'max' })).toThrow("alexnet() got an unexpected keyword argument 'globalPool'");
  });

  it('loads weights from the cache through the vision builder; a new numClasses gets a fresh conv classifier', async () => {
    const source = models.squeezenet1_1();
    const cfg = getPretrainedCfg('squeezenet1_1');
    const cached = join(dir, 'checkpoints', cfg.url!.split('/').pop()!);
    mkdirSync(join(dir, 'checkpoints'), { recursive: true });
    await save(source.stateDict(), cached);
    const same = await createModel('squeezenet1_1', { pretrained: true, cacheDir: dir, checkHash: false });
    for (const [k, t] of Object.entries(source.stateDict())) expect(same.stateDict()[k]!.equal(t), k).toBe(true);
    const ten = await createModel('squeezenet1_1', { pretrained: true, cacheDir: dir, checkHash: false, numClasses: 10 });
    const head = ten.getSubmodule('classifier.1');
    expect(head).toBeInstanceOf(nn.Conv2d);
    expect([...ten.stateDict()['classifier.1.weight']!.shape]).toEqual([10, 512, 1, 1]);
    expect(ten.stateDict()['features.0.weight']!.equal(source.stateDict()['features.0.weight']!)).toBe(true);
    expect(ten.pretrainedCfg.tag).toBe('imagenet1k_v1');
  });
});
