/**
 * The models start from torchvision's initialisation: the same init functions with the same
 * arguments, so the same distributions (the draws themselves differ), checked by their moments.
 */
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { registerWasmBackend } from '@x/backend-wasm';
import { models } from '../src/index';

registerWasmBackend();

function moments(t: Tensor): { mean: number; std: number; min: number; max: number } {
  const v = t.numpy() as Float32Array;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const x of v) {
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = sum / v.length;
  let sq = 0;
  for (const x of v) sq += (x - mean) ** 2;
  return { mean, std: Math.sqrt(sq / v.length), min, max };
}

function param(model: nn.Module, name: string): Tensor {
  const p = new Map(model.namedParameters()).get(name);
  if (!p) throw new Error(`no parameter ${name}`);
  return p;
}

/** Normal(0, std): mean near 0 and std within 3% (the tensors hold ≥ 10k values). */
function expectNormal(t: Tensor, std: number): void {
  const m = moments(t);
  expect(Math.abs(m.mean)).toBeLessThan(0.05 * std);
  expect(m.std / std).toBeGreaterThan(0.97);
  expect(m.std / std).toBeLessThan(1.03);
}

const constant = (t: Tensor, v: number): boolean => (t.numpy() as Float32Array).every((x) => x === v);

describe("torchvision's initialisation", () => {
  it('resnet: convolutions He-normal over fan_out, norm layers 1 and 0, zeroInitResidual zeroes each last norm scale', () => {
    torch.manualSeed(0);
    const model = models.resnet18();
    expectNormal(param(model, 'conv1.weight'), Math.sqrt(2 / (64 * 7 * 7)));
    expectNormal(param(model, 'layer3.0.conv2.weight'), Math.sqrt(2 / (256 * 3 * 3)));
    expect(constant(param(model, 'bn1.weight'), 1) && constant(param(model, 'bn1.bias'), 0)).toBe(true);
    expect(constant(param(model, 'layer1.0.bn2.weight'), 1)).toBe(true);
    // fc keeps Linear's own initialisation: U(±1/√512)
    expect(moments(param(model, 'fc.weight')).max).toBeLessThanOrEqual(1 / Math.sqrt(512));

    const zeroed = models.resnet50({ zeroInitResidual: true });
    expect(constant(param(zeroed, 'layer1.0.bn3.weight'), 0)).toBe(true);
    expect(constant(param(zeroed, 'layer1.0.bn2.weight'), 1)).toBe(true);
    expect(constant(param(models.resnet18({ zeroInitResidual: true }), 'layer2.1.bn2.weight'), 0)).toBe(true);
  });

  it('resnet normLayer: a class (nn.BatchNorm2d) or a function ((c) => new nn.GroupNorm(32, c)), initialised to 1 and 0', () => {
    const grouped = models.resnet18({ normLayer: (c: number) => new nn.GroupNorm(32, c) });
    expect(String(grouped.bn1)).toBe('GroupNorm(32, 64, eps=1e-05, affine=True)');
    expect(String(grouped.layer2.getSubmodule('0.downsample.1'))).toBe('GroupNorm(32, 128, eps=1e-05, affine=True)');
    expect(constant(param(grouped, 'layer4.1.bn2.weight'), 1) && constant(param(grouped, 'layer4.1.bn2.bias'), 0)).toBe(true);
    expect(Object.keys(grouped.stateDict())).not.toContain('bn1.running_mean');
    expect(String(models.resnet18({ normLayer: nn.BatchNorm2d }))).toBe(String(models.resnet18()));
    expect(() => models.resnet18({ normLayer: (() => 3) as never })).toThrow(/must return an nn.Module, but it returned number/);
  });

  it('squeezenet: the final convolution N(0, 0.01), the others He-uniform (a = 0), biases 0', () => {
    torch.manualSeed(0);
    const model = models.squeezenet1_1();
    expectNormal(param(model, 'classifier.1.weight'), 0.01);
    const bound = Math.sqrt(6 / (3 * 3 * 3));
    const first = moments(param(model, 'features.0.weight'));
    expect(first.max).toBeLessThanOrEqual(bound);
    expect(first.min).toBeGreaterThanOrEqual(-bound);
    expectNormal(param(model, 'features.3.expand3x3.weight'), Math.sqrt(6 / (16 * 9)) / Math.sqrt(3));
    expect(constant(param(model, 'features.3.squeeze.bias'), 0) && constant(param(model, 'classifier.1.bias'), 0)).toBe(true);
  });

  it('densenet: convolutions He-normal over fan_in, the classifier bias 0', () => {
    torch.manualSeed(0);
    const model = models.densenet121();
    expectNormal(param(model, 'features.conv0.weight'), Math.sqrt(2 / (3 * 7 * 7)));
    expectNormal(param(model, 'features.denseblock2.denselayer3.conv2.weight'), Math.sqrt(2 / (128 * 9)));
    expect(constant(param(model, 'classifier.bias'), 0)).toBe(true);
  });

  it('googlenet and inception_v3: truncated normals (std 0.01; 0.1, and 0.001 for the aux fc), norm layers 1 and 0', () => {
    torch.manualSeed(0);
    const g = models.googlenet();
    expectNormal(param(g, 'inception4a.branch2.1.conv.weight'), 0.01);
    expectNormal(param(g, 'fc.weight'), 0.01);
    expect(constant(param(g, 'conv1.bn.weight'), 1) && constant(param(g, 'conv1.bn.bias'), 0)).toBe(true);

    const inception = models.inception_v3();
    // N(0, 0.1²) cut at ±2 (20 std): a plain normal
    expectNormal(param(inception, 'Mixed_6e.branch7x7dbl_2.conv.weight'), 0.1);
    expectNormal(param(inception, 'AuxLogits.conv1.conv.weight'), 0.1);
    expectNormal(param(inception, 'AuxLogits.fc.weight'), 0.001);
    expect(constant(param(models.inception_v3({ initWeights: false, numClasses: 10 }), 'Mixed_5b.branch1x1.bn.weight'), 1)).toBe(true);
  });
});
