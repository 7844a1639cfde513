import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { gradcheck } from '../src/index';
// The fixture cases' gradients (forward values: tensor/test/conv.test.ts); the wasm backend runs the
// same gradient suite in packages/torch/test/conv.test.ts.
import { runConvGradients } from '../../tensor/test/conv-cases';
import { gradgradcheck, input } from './check';

runConvGradients('reference');

type Fn = (...xs: Tensor[]) => Tensor;
/** Configurations for finite differences in float64: every op, the awkward options of each. */
const CHECKS: [string, Fn, number[][]][] = [
  ['conv2d stride padding bias', (x, w, b) => torch.conv2d(x, w, b, 2, 1), [[2, 3, 5, 6], [4, 3, 3, 2], [4]]],
  ['conv2d dilation groups', (x, w) => torch.conv2d(x, w, { dilation: [2, 1], groups: 2, padding: 1 }), [[1, 4, 6, 5], [4, 2, 2, 3]]],
  ['conv2d same even kernel', (x, w) => torch.conv2d(x, w, { padding: 'same' }), [[1, 2, 4, 5], [2, 2, 2, 3]]],
  ['conv1d', (x, w, b) => torch.conv1d(x, w, b, { stride: 2, padding: 1, dilation: 2 }), [[2, 2, 9], [3, 2, 3], [3]]],
  ['convTranspose2d', (x, w, b) => torch.convTranspose2d(x, w, b, { stride: 2, padding: 1, outputPadding: 1 }), [[2, 2, 3, 3], [2, 3, 3, 3], [3]]],
  ['convTranspose2d groups dilation', (x, w) => torch.convTranspose2d(x, w, { groups: 2, dilation: 2, stride: [2, 1] }), [[1, 4, 3, 2], [4, 1, 2, 2]]],
  ['convTranspose1d', (x, w) => torch.convTranspose1d(x, w, null, 3, 1, 2), [[1, 2, 4], [2, 2, 3]]],
  ['maxPool2d', (x) => torch.maxPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true }), [[2, 2, 6, 7]]],
  ['maxPool2d dilation', (x) => torch.maxPool2d(x, 2, { dilation: 2, stride: 1 }), [[1, 2, 5, 5]]],
  ['maxPool1d', (x) => torch.maxPool1d(x, 3, 2, 1), [[2, 2, 7]]],
  ['avgPool2d', (x) => torch.avgPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true, countIncludePad: false }), [[2, 2, 6, 7]]],
  ['avgPool2d divisorOverride', (x) => torch.avgPool2d(x, 2, { divisorOverride: 3 }), [[1, 2, 4, 4]]],
  ['avgPool1d', (x) => torch.avgPool1d(x, 3, 2, 1), [[2, 2, 7]]],
  ['adaptiveAvgPool2d', (x) => torch.adaptiveAvgPool2d(x, [3, 4]), [[2, 2, 7, 5]]],
  ['adaptiveAvgPool1d', (x) => torch.adaptiveAvgPool1d(x, 3), [[2, 2, 7]]],
  ['adaptiveMaxPool2d', (x) => torch.adaptiveMaxPool2d(x, [3, 2]), [[1, 2, 7, 5]]],
  ['unfold', (x) => torch.unfold(x, [2, 3], { padding: 1, stride: [2, 1], dilation: [1, 2] }), [[1, 2, 5, 6]]],
  ['fold', (x) => torch.fold(x, [4, 5], 2, { stride: 1 }), [[2, 8, 12]]],
];

describe('gradcheck (float64 finite differences)', () => {
  it.each(CHECKS)('%s', (_name, fn, shapes) => {
    expect(gradcheck(fn, shapes.map((s, i) => input(s, -2, 2, i + 1)))).toBe(true);
  });
  it('maxUnpool2d', () => {
    const x = input([1, 2, 6, 6]);
    const [v, idx] = torch.maxPool2d(x.detach(), 2, { returnIndices: true });
    const leaf = v.clone().requiresGrad_();
    expect(gradcheck((t: Tensor) => torch.maxUnpool2d(t, idx, 2), [leaf])).toBe(true);
  });
});

describe('second order (gradgradcheck)', () => {
  it.each(CHECKS.filter(([name]) => /conv2d stride|convTranspose2d$|avgPool2d$|unfold|fold|maxPool2d$/.test(name)))('%s', (_name, fn, shapes) => {
    expect(gradgradcheck(fn, shapes.map((s, i) => input(s, -2, 2, i + 1)))).toBe(true);
  });
});

describe('node names PyTorch 1.13 reports', () => {
  it.each([
    ['conv2d', () => torch.conv2d(input([1, 2, 5, 5]), input([3, 2, 3, 3])), 'ConvolutionBackward0'],
    ['conv1d', () => torch.conv1d(input([1, 2, 5]), input([3, 2, 3])), 'ConvolutionBackward0'],
    ['convTranspose2d', () => torch.convTranspose2d(input([1, 2, 3, 3]), input([2, 3, 3, 3])), 'ConvolutionBackward0'],
    ['conv2d same even kernel (padded first)', () => torch.conv2d(input([1, 2, 5, 5]), input([3, 2, 2, 2]), { padding: 'same' }), 'ConvolutionBackward0'],
    ['maxPool2d', () => torch.maxPool2d(input([1, 2, 4, 4]), 2), 'MaxPool2DWithIndicesBackward0'],
    ['maxPool1d', () => torch.maxPool1d(input([1, 2, 4]), 2), 'SqueezeBackward1'],
    ['avgPool2d', () => torch.avgPool2d(input([1, 2, 4, 4]), 2), 'AvgPool2DBackward0'],
    ['avgPool1d', () => torch.avgPool1d(input([1, 2, 4]), 2), 'SqueezeBackward1'],
    ['adaptiveAvgPool2d', () => torch.adaptiveAvgPool2d(input([1, 2, 5, 4]), [2, 3]), 'AdaptiveAvgPool2DBackward0'],
    ['adaptiveAvgPool2d global', () => torch.adaptiveAvgPool2d(input([1, 2, 5, 4]), 1), 'MeanBackward1'],
    ['adaptiveMaxPool2d', () => torch.adaptiveMaxPool2d(input([1, 2, 5, 4]), 2), 'AdaptiveMaxPool2DBackward0'],
    ['unfold', () => torch.unfold(input([1, 2, 4, 4]), 2), 'Im2ColBackward0'],
    ['fold', () => torch.fold(input([1, 8, 9]), [4, 4], 2), 'Col2ImBackward0'],
  ] as const)('%s: %s', (_name, make, expected) => {
    expect(make().gradFn?.name).toBe(expected);
  });
  it('the even-kernel same padding records the pad under the convolution, as PyTorch', () => {
    const y = torch.conv2d(input([1, 2, 5, 5]), input([3, 2, 2, 2]), { padding: 'same' });
    expect(y.gradFn!.nextFunctions[0]![0]!.name).toBe('ConstantPadNdBackward0');
  });
});

describe('training-size shapes', () => {
  it('a LeNet-style forward and backward gives every parameter a gradient of its shape', () => {
    torch.manualSeed(3);
    const x = torch.randn(8, 1, 28, 28);
    const w1 = torch.randn(6, 1, 5, 5).mul(0.2).requiresGrad_();
    const b1 = torch.zeros(6).requiresGrad_();
    const w2 = torch.randn(16, 6, 5, 5).mul(0.1).requiresGrad_();
    const h = torch.maxPool2d(torch.conv2d(x, w1, b1, { padding: 2 }).relu(), 2);
    const y = torch.avgPool2d(torch.conv2d(h, w2).relu(), 2);
    y.sum().backward();
    expect(w1.grad!.shape).toEqual([6, 1, 5, 5]);
    expect(b1.grad!.shape).toEqual([6]);
    expect(w2.grad!.shape).toEqual([16, 6, 5, 5]);
    expect(Number.isFinite(w1.grad!.abs().sum().item())).toBe(true);
  });
});

describe('empty batches', () => {
  it('convolutions and pools of zero images give empty results and gradients of their shapes', () => {
    const x = input([0, 2, 6, 6]);
    const w = input([3, 2, 3, 3]);
    const b = input([3]);
    const y = torch.conv2d(x, w, b, { padding: 1 });
    expect(y.shape).toEqual([0, 3, 6, 6]);
    const t = torch.convTranspose2d(y, input([3, 2, 2, 2]), null, 2);
    expect(t.shape).toEqual([0, 2, 12, 12]);
    const p = torch.maxPool2d(t, 2);
    expect(p.shape).toEqual([0, 2, 6, 6]);
    torch.avgPool2d(p, 2).sum().add(b.sum()).backward();
    expect(x.grad!.shape).toEqual([0, 2, 6, 6]);
    expect(w.grad!.tolist()).toEqual(torch.zeros(3, 2, 3, 3).tolist());
    expect(b.grad!.tolist()).toEqual([1, 1, 1]);
  });
});

describe('memory', () => {
  it('a training-style loop over conv, pooling and their gradients holds no tensor past its step', () => {
    torch.manualSeed(5);
    const x = torch.randn(4, 2, 10, 10);
    const w = torch.randn(3, 2, 3, 3).requiresGrad_();
    const b = torch.zeros(3).requiresGrad_();
    const step = (): void => {
      torch.tidy(() => {
        const h = torch.maxPool2d(torch.conv2d(x, w, b, { padding: 1 }).relu(), 2, { ceilMode: true });
        torch.avgPool2d(torch.convTranspose2d(h, w, null, 2), 3, { stride: 2, padding: 1 })
          .add(torch.adaptiveAvgPool2d(h, [2, 3]).mean())
          .sum()
          .backward();
      });
      for (const p of [w, b]) {
        p.grad?.dispose();
        p.grad = null;
      }
    };
    step();
    // tensors earlier tests dropped are reclaimed now, not in the middle of the loop
    torch.reclaim();
    const base = torch.memory();
    for (let i = 0; i < 5; i++) step();
    torch.reclaim();
    expect(torch.memory().numTensors).toBe(base.numTensors);
    expect(torch.memory().numBytes).toBe(base.numBytes);
  });
});
