/**
 * What the mobile and modern models do beyond the fixture harness (models.test.ts): RegNet's width
 * rule against torchvision for every RegNet setting, initialisation as torchvision's, options and
 * custom layers, the fine-tuning recipe on a MobileNet, and errors that say where they come from.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { noGrad } from '@x/autograd';
import * as nn from '@x/nn';
import { registerWasmBackend } from '@x/backend-wasm';
import { save } from '@x/serialize';
import { models, ops } from '../src/index';

registerWasmBackend();

interface RegNetCase {
  builder: string;
  init: { depth: number; w_0: number; w_a: number; w_m: number; group_width: number; se_ratio?: number };
  depths: number[];
  widths: number[];
  group_widths: number[];
  bottleneck_multipliers: number[];
  strides: number[];
  se_ratio: number | null;
}

const REGNET = JSON.parse(readFileSync(new URL('./fixtures/regnet-block-params.json', import.meta.url), 'utf8')) as { cases: RegNetCase[] };

/** Only plain numbers go to expect: a failing matcher serialises what it is given, and tensors reach the backend's memory. */
const stats = (t: Tensor): { mean: number; std: number; min: number; max: number } => ({
  mean: t.mean().item() as number,
  std: t.std().item() as number,
  min: t.min().item() as number,
  max: t.max().item() as number,
});

describe('RegNet BlockParams', () => {
  it.each(REGNET.cases.map((c) => [c.builder, c] as const))('%s: the stages torchvision computes in float32', (_name, c) => {
    const p = models.BlockParams.fromInitParams({
      depth: c.init.depth, w0: c.init.w_0, wA: c.init.w_a, wM: c.init.w_m, groupWidth: c.init.group_width, seRatio: c.init.se_ratio ?? null,
    });
    expect({ depths: p.depths, widths: p.widths, groupWidths: p.groupWidths, multipliers: p.bottleneckMultipliers, strides: p.strides, seRatio: p.seRatio }).toEqual({
      depths: c.depths, widths: c.widths, groupWidths: c.group_widths, multipliers: c.bottleneck_multipliers, strides: c.strides, seRatio: c.se_ratio,
    });
  });

  it('refuses settings the rule cannot use', () => {
    expect(() => models.BlockParams.fromInitParams({ depth: 4, w0: 20, wA: 1, wM: 2, groupWidth: 8 })).toThrow('Invalid RegNet settings');
  });
});

describe('initialisation as torchvision', () => {
  it('MobileNetV2: linear weights N(0, 0.01), zero biases, norms ones', () => {
    torch.manualSeed(0);
    const m = models.mobilenet_v2({ widthMult: 0.25, numClasses: 500 });
    const w = stats((m.classifier.at(1) as nn.Linear).weight);
    expect(Math.abs(w.mean)).toBeLessThan(0.001);
    expect(w.std).toBeGreaterThan(0.0095);
    expect(w.std).toBeLessThan(0.0105);
    expect(stats((m.classifier.at(1) as nn.Linear).bias!).max).toBe(0);
    const bn = m.features.at(0) as ops.Conv2dNormActivation;
    expect(stats((bn.at(1) as nn.BatchNorm2d).weight!)).toEqual({ mean: 1, std: 0, min: 1, max: 1 });
  });

  it('EfficientNet: linear weights uniform in ±1/√out', () => {
    torch.manualSeed(0);
    const cfg = [new models.MBConvConfig(1, 3, 1, 32, 16, 1), new models.MBConvConfig(6, 3, 2, 16, 24, 1)];
    const m = new models.EfficientNet(cfg, 0.2, { numClasses: 400 });
    const w = stats((m.classifier.at(1) as nn.Linear).weight);
    expect(w.max).toBeLessThanOrEqual(1 / Math.sqrt(400));
    expect(w.max).toBeGreaterThan(0.95 / Math.sqrt(400));
    expect(w.min).toBeGreaterThanOrEqual(-1 / Math.sqrt(400));
  });

  it('ConvNeXt: convolution and linear weights truncated normal with std 0.02, layer scale as given', () => {
    torch.manualSeed(0);
    const m = new models.ConvNeXt([new models.CNBlockConfig(16, 32, 1), new models.CNBlockConfig(32, null, 1)], { layerScale: 0.5 });
    const block = (m.features.at(1) as nn.Sequential).at(0) as models.CNBlock;
    const w = stats((block.block.at(3) as nn.Linear).weight);
    expect(w.std).toBeGreaterThan(0.017);
    expect(w.std).toBeLessThan(0.021);
    expect(w.max).toBeLessThanOrEqual(2);
    expect(stats(block.layer_scale)).toEqual({ mean: 0.5, std: 0, min: 0.5, max: 0.5 });
  });

  it('VisionTransformer: class token and head zero, position embeddings N(0, 0.02)', () => {
    torch.manualSeed(0);
    const m = new models.VisionTransformer({ imageSize: 64, patchSize: 8, numLayers: 1, numHeads: 2, hiddenDim: 32, mlpDim: 64 });
    expect(stats(m.class_token).max).toBe(0);
    expect(stats((m.heads.at(0) as nn.Linear).weight)).toEqual({ mean: 0, std: 0, min: 0, max: 0 });
    const pos = stats(m.encoder.pos_embedding);
    expect(pos.std).toBeGreaterThan(0.018);
    expect(pos.std).toBeLessThan(0.022);
  });
});

/** Every convolution with ≥ 20k weights has std within 4% of expected(conv) and a mean near 0. */
function expectConvStds(model: nn.Module, expected: (c: nn.Conv2d) => number): void {
  const convs = [...model.modules()].filter((m): m is nn.Conv2d => m instanceof nn.Conv2d && m.weight.numel() >= 20000);
  expect(convs.length).toBeGreaterThan(0);
  for (const c of convs) {
    const s = stats(c.weight);
    const want = expected(c);
    expect(Math.abs(s.mean)).toBeLessThan(0.05 * want);
    expect(s.std / want).toBeGreaterThan(0.96);
    expect(s.std / want).toBeLessThan(1.04);
  }
}

const fanOut = (c: nn.Conv2d): number => c.outChannels * c.kernelSize[0]! * c.kernelSize[1]!;

describe('initialisation of the convolutions as torchvision', () => {
  it('MobileNetV2 and MNASNet: He-normal over fan_out', () => {
    torch.manualSeed(0);
    expectConvStds(models.mobilenet_v2(), (c) => Math.sqrt(2 / fanOut(c)));
    expectConvStds(models.mnasnet0_5(), (c) => Math.sqrt(2 / fanOut(c)));
  });

  it('MNASNet: the classifier Kaiming-uniform over fan_out with the sigmoid gain', () => {
    torch.manualSeed(0);
    const w = stats((models.mnasnet0_5().classifier.at(1) as nn.Linear).weight);
    expect(w.max).toBeLessThanOrEqual(Math.sqrt(3 / 1000));
    expect(w.max).toBeGreaterThan(0.99 * Math.sqrt(3 / 1000));
  });

  it('RegNet: N(0, √(2 / fan_out)) for the convolutions, N(0, 0.01) for the classifier', () => {
    torch.manualSeed(0);
    const m = models.regnet_y_400mf();
    expectConvStds(m, (c) => Math.sqrt(2 / fanOut(c)));
    const fc = stats(m.fc.weight);
    expect(fc.std).toBeGreaterThan(0.0097);
    expect(fc.std).toBeLessThan(0.0103);
  });

  it("ShuffleNetV2 keeps the layers' own initialisation: Kaiming-uniform with a = √5, U(±1/√fan_in)", () => {
    torch.manualSeed(0);
    const m = models.shufflenet_v2_x1_0();
    expectConvStds(m, (c) => 1 / Math.sqrt(3 * (c.inChannels / c.groups) * c.kernelSize[0]! * c.kernelSize[1]!));
  });
});

describe('options and custom layers', () => {
  it('a norm layer given as a function builds every norm of the model', () => {
    const m = models.mobilenet_v3_small({ normLayer: (c: number) => new nn.BatchNorm2d(c, { eps: 0.01 }), numClasses: 7 });
    const norms = [...m.modules()].filter((x) => x instanceof nn.BatchNorm2d) as nn.BatchNorm2d[];
    expect(norms.length).toBeGreaterThan(10);
    expect(norms.every((n) => n.eps === 0.01)).toBe(true);
    m.eval();
    const y = noGrad(() => m.forward(torch.randn(1, 3, 32, 32)));
    expect([...y.shape]).toEqual([1, 7]);
  });

  it('the camelCase builders are the snake_case ones', () => {
    expect(models.mobilenetV3Small).toBe(models.mobilenet_v3_small);
    expect(models.shufflenetV2X0_5).toBe(models.shufflenet_v2_x0_5);
    expect(models.regnetY_400mf).toBe(models.regnet_y_400mf);
    expect(models.vitB_16).toBe(models.vit_b_16);
    expect(models.convnextTiny).toBe(models.convnext_tiny);
    expect(models.efficientnetB3).toBe(models.efficientnet_b3);
  });

  it('builders take torchvision keywords only (efficientnet sets its own lastChannel)', () => {
    expect(() => models.efficientnet_b0({ lastChannel: 5 } as never)).toThrow("efficientnet_b0() got an unexpected keyword argument 'lastChannel'");
    expect(() => models.convnext_tiny({ layerScal: 0.1 } as never)).toThrow("(did you mean 'layerScale'?)");
  });

  it('weights saved as a PyTorch state dict load back through the builder (strictly, same logits)', async () => {
    torch.manualSeed(0);
    const dir = mkdtempSync(join(tmpdir(), 'vision-weights-'));
    try {
      const original = models.shufflenet_v2_x0_5({ numClasses: 10 }).eval();
      const path = join(dir, 'shufflenet.pth');
      await save(original.stateDict(), path);
      const loaded = (await models.shufflenet_v2_x0_5({ numClasses: 10, weights: path })).eval();
      const x = torch.randn(1, 3, 64, 64);
      const diff = noGrad(() => loaded.forward(x).sub(original.forward(x)).abs().max().item());
      expect(diff).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a torchvision weights name asks for a local file', async () => {
    await expect(models.mobilenet_v2({ weights: 'IMAGENET1K_V1' })).rejects.toThrow(/MobileNet_V2_Weights\.IMAGENET1K_V1.*pass its path/);
  });

  it('stochastic depth drops residual branches only while training', () => {
    torch.manualSeed(0);
    const cnf = new models.MBConvConfig(1, 3, 1, 8, 8, 1);
    const block = new models.MBConv(cnf, 1.0, nn.BatchNorm2d);
    const x = torch.randn(4, 8, 5, 5);
    // p = 1: every row's branch is dropped, so the block is its shortcut alone.
    const trained = noGrad(() => block.train().forward(x));
    expect(trained.sub(x).abs().max().item()).toBe(0);
    const evaluated = noGrad(() => block.eval().forward(x));
    expect(evaluated.sub(x).abs().max().item()).toBeGreaterThan(0);
  });
});

describe('ViT state dicts from before torchvision 0.13', () => {
  it("load with the MLP blocks' linear_1/linear_2 keys renamed to items 0 and 3", () => {
    torch.manualSeed(0);
    const source = new models.VisionTransformer({ imageSize: 32, patchSize: 16, numLayers: 2, numHeads: 2, hiddenDim: 8, mlpDim: 16 });
    const old = Object.fromEntries(
      Object.entries(source.stateDict()).map(([k, t]) => [k.replace(/\.mlp\.0\./, '.mlp.linear_1.').replace(/\.mlp\.3\./, '.mlp.linear_2.'), t]),
    );
    expect(Object.keys(old)).toContain('encoder.layers.encoder_layer_1.mlp.linear_2.bias');
    const target = new models.VisionTransformer({ imageSize: 32, patchSize: 16, numLayers: 2, numHeads: 2, hiddenDim: 8, mlpDim: 16 });
    target.loadStateDict(models.renameOldMLPBlockKeys(old));
    const key = 'encoder.layers.encoder_layer_1.mlp.3.weight';
    expect(target.stateDict()[key]!.reshape(-1).tolist()).toEqual(source.stateDict()[key]!.reshape(-1).tolist());
  });
});

describe('fine-tuning a MobileNetV3 as the seed fine-tunes a ResNet', () => {
  it('freezes the features, trains a new head', () => {
    torch.manualSeed(0);
    const m = models.mobilenet_v3_small({ numClasses: 1000 });
    m.requiresGrad_(false);
    const head = new nn.Linear(1024, 3);
    m.classifier[3] = head;
    expect(String(m.classifier).includes('(3): Linear(in_features=1024, out_features=3, bias=True)')).toBe(true);
    const x = torch.randn(2, 3, 32, 32);
    const target = torch.tensor([0, 2]);
    const loss = nn.functional.crossEntropy(m.forward(x), target);
    loss.backward();
    expect(head.weight.grad === null).toBe(false);
    const frozen = [...m.features.parameters()];
    expect(frozen.every((p) => p.grad === null)).toBe(true);
  });
});

describe('errors name where they happen', () => {
  it('a one-channel image into a three-channel model names the first convolution', () => {
    const m = models.mnasnet0_5().eval();
    expect(() => noGrad(() => m.forward(torch.randn(1, 1, 32, 32)))).toThrow(/layers\.0 \(Conv2d\)/);
  });

  it('ViT says which image size it expects', () => {
    const m = new models.VisionTransformer({ imageSize: 32, patchSize: 16, numLayers: 1, numHeads: 2, hiddenDim: 8, mlpDim: 16 });
    expect(() => m.forward(torch.randn(1, 3, 48, 32))).toThrow('Wrong image height! Expected 32 but got 48!');
  });

  it('MobileNetV2 refuses an empty residual setting, MNASNet a non-positive alpha', () => {
    expect(() => new models.MobileNetV2({ invertedResidualSetting: [] })).toThrow('inverted_residual_setting should be non-empty');
    expect(() => new models.MNASNet(0)).toThrow('alpha should be greater than 0.0 instead of 0');
  });
});
