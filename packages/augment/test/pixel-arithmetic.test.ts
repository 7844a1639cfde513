import { describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import * as torch from '@x/tensor';
import { addElementwise, addScalar, invert, multiplyElementwise, multiplyScalar } from '../src/augmenters/pixel/arithmetic';
import { cutout } from '../src/augmenters/pixel/cutout';
import { replaceElementwise } from '../src/augmenters/pixel/replace-elementwise';
import { adjustContrastGamma, adjustContrastLinear, adjustContrastLog, adjustContrastSigmoid } from '../src/augmenters/pixel/contrast';
import { allChannelsClahe } from '../src/augmenters/pixel/clahe';
import { testKernelCases, type Kernel } from './support/pixel-fixtures';

registerWasmBackend();

const KERNELS: Record<string, Kernel> = {
  addScalar, multiplyScalar, addElementwise, multiplyElementwise, invert, cutout, replaceElementwise,
  adjustContrastGamma, adjustContrastSigmoid, adjustContrastLog, adjustContrastLinear, allChannelsClahe,
};

for (const module of ['arithmetic', 'contrast']) testKernelCases(module, KERNELS);

describe('arithmetic kernels refuse what imgaug refuses', () => {
  const rgb = torch.zeros([2, 3, 3], { dtype: 'uint8' });
  it('names the dtype and shape expected', () => {
    expect(() => addScalar(torch.zeros([2, 3, 3], { dtype: 'float64' }), 1)).toThrow('addScalar: expected a uint8 or float32 image, got dtype float64');
    expect(() => invert(torch.zeros([2, 3, 3]))).toThrow('invert: expected a uint8 image, got dtype float32');
    expect(() => addScalar(torch.zeros([2], { dtype: 'uint8' }), 1)).toThrow('expected an image of shape [H, W] or [H, W, C], got [2]');
    expect(() => addScalar(rgb, [1, 2])).toThrow('addScalar: expected 3 values (one per channel), got 2');
    expect(() => addScalar(torch.zeros([2, 3], { dtype: 'uint8' }), [1, 2, 3])).toThrow('one value per channel needs an image of shape [H, W, C]');
    expect(() => addElementwise(rgb, torch.zeros([3, 3, 1]))).toThrow('addElementwise: expected values broadcastable to the image\'s shape [2, 3, 3], got [3, 3, 1]');
    expect(() => invert(rgb, { minValue: 200, maxValue: 100 })).toThrow('invert: expected minValue below maxValue, got 200 and 100');
    expect(() => cutout(rgb, 0, 0, 1, 1, { cval: 300 })).toThrow('cutout: expected cval within 0..255 for a uint8 image, got 300');
  });
});
