/**
 * The ResNet family beyond what the timm fixtures compare: timm's initialisation (by its moments),
 * the classifier API (reset_classifier, forward_head with pre_logits), training with drop path,
 * DropBlock and dropout, and the errors a bad argument gets.
 */
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { noGrad } from '@x/autograd';
import * as nn from '@x/nn';
import { registerWasmBackend } from '@x/backend-wasm';
import { createModel } from '../src/index';
import { ResNet } from '../src/models/resnet';

registerWasmBackend();

function param(model: nn.Module, name: string): Tensor {
  const p = new Map(model.namedParameters()).get(name);
  if (!p) throw new Error(`no parameter ${name}`);
  return p;
}

function meanStd(t: Tensor): { mean: number; std: number } {
  const v = t.numpy() as Float32Array;
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  return { mean, std: Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length) };
}

const constant = (t: Tensor, v: number): boolean => (t.numpy() as Float32Array).every((x) => x === v);

const resnet = (name: string, options: Record<string, unknown> = {}): ResNet => createModel(name, options) as unknown as ResNet;

describe("timm's ResNet initialisation", () => {
  it('convolutions He-normal over fan_out; each residual branch ends in a zero norm scale unless zeroInitLast is false', () => {
    torch.manualSeed(0);
    const model = resnet('resnet18');
    for (const [name, fanOut] of [['conv1.weight', 64 * 7 * 7], ['layer3.0.conv2.weight', 256 * 3 * 3]] as const) {
      const { mean, std } = meanStd(param(model, name));
      const expected = Math.sqrt(2 / fanOut);
      expect(Math.abs(mean)).toBeLessThan(0.05 * expected);
      expect(Math.abs(std / expected - 1)).toBeLessThan(0.03);
    }
    expect(constant(param(model, 'bn1.weight'), 1)).toBe(true);
    expect(constant(param(model, 'layer1.0.bn1.weight'), 1)).toBe(true);
    expect(constant(param(model, 'layer2.1.bn2.weight'), 0)).toBe(true);
    expect(constant(param(resnet('test_resnet'), 'layer3.0.bn3.weight'), 0)).toBe(true);
    expect(constant(param(resnet('resnet18', { zeroInitLast: false }), 'layer2.1.bn2.weight'), 1)).toBe(true);
  });
});

describe("timm's classifier API", () => {
  it('resetClassifier(0) leaves the pooled features; another pooling and class count make a new fc', () => {
    const model = resnet('test_resnet').eval();
    const x = torch.randn(2, 3, 32, 32);
    expect(model.numFeatures).toBe(96);
    expect(model.getClassifier()).toBe(model.fc);
    const features = noGrad(() => model.forwardFeatures(x));
    expect([...features.shape]).toEqual([2, 96, 1, 1]);
    expect([...noGrad(() => model.forwardHead(features, true)).shape]).toEqual([2, 96]);

    model.resetClassifier(0);
    expect(model.numClasses).toBe(0);
    expect(String(model.fc)).toBe('Identity()');
    expect([...noGrad(() => model.forward(x)).shape]).toEqual([2, 96]);

    model.resetClassifier(5, 'catavgmax');
    expect(String(model.fc)).toBe('Linear(in_features=192, out_features=5, bias=True)');
    expect(String(model.global_pool)).toBe('SelectAdaptivePool2d(pool_type=catavgmax, flatten=Flatten(start_dim=1, end_dim=-1))');
    expect([...noGrad(() => model.forward(x)).shape]).toEqual([2, 5]);
    // the classifier keeps its place among the children, as PyTorch's reassigned module does
    expect([...model.namedChildren()].map(([n]) => n).slice(-2)).toEqual(['global_pool', 'fc']);
  });
});

describe('training', () => {
  it('drop path, DropBlock and dropout act in training only, and gradients reach the stem', () => {
    torch.manualSeed(0);
    const model = resnet('test_resnet', { dropRate: 0.5, dropPathRate: 0.2, dropBlockRate: 0.2, numClasses: 3 });
    expect(String(model.layer4[0])).toContain('(drop_path): DropPath(drop_prob=0.200)');
    expect(String(model.layer3[0])).toContain('(drop_block): DropBlock2d()');
    const x = torch.randn(4, 3, 48, 48);
    model.eval();
    const a = noGrad(() => model.forward(x));
    const b = noGrad(() => model.forward(x));
    expect(a.equal(b)).toBe(true);

    model.train();
    const out = model.forward(x);
    expect([...out.shape]).toEqual([4, 3]);
    expect(Boolean(out.isfinite().all().item())).toBe(true);
    // batch norm is deterministic on the same batch, so only the drops make two passes differ
    expect(noGrad(() => model.forward(x)).equal(out.detach())).toBe(false);
    out.square().sum().backward();
    const grad = param(model, 'conv1.0.weight').grad;
    expect(grad).not.toBeNull();
    expect(grad!.abs().sum().item()).toBeGreaterThan(0);
  });
});

describe('bad arguments', () => {
  it('an unknown argument suggests the right spelling', () => {
    expect(() => createModel('resnet50', { dropPathRat: 0.1 })).toThrow(/unknown argument 'dropPathRat' \(did you mean 'dropPathRate'\?\)/);
  });
  it('values out of range name what was expected and what came', () => {
    expect(() => createModel('resnet18', { outputStride: 12 })).toThrow("ResNet: expected outputStride 8, 16 or 32, got 12");
    expect(() => createModel('resnet18', { stemType: 'dep' })).toThrow(`ResNet: expected stemType '', 'deep' or 'deep_tiered', got "dep"`);
    expect(() => createModel('resnet18', { dropPathRate: 1.5 })).toThrow('ResNet: expected dropPathRate to be a rate in [0, 1), got 1.5');
    expect(() => createModel('resnet18', { channels: [64, 128] })).toThrow('ResNet: expected channels to be 4 positive integers, got [64,128]');
    expect(() => createModel('resnet18', { cardinality: 32 })).toThrow('BasicBlock only supports a cardinality of 1, got 32');
    expect(() => createModel('resnet34', { avgDown: 'yes' })).toThrow('ResNet: expected avgDown to be true or false, got "yes"');
  });
});
