import { describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { addElementwise, addScalar, invert, multiplyElementwise, multiplyScalar } from '../src/augmenters/pixel/arithmetic';
import { cutout } from '../src/augmenters/pixel/cutout';
import { adjustContrastGamma, adjustContrastLinear, adjustContrastSigmoid } from '../src/augmenters/pixel/contrast';
import { allChannelsClahe } from '../src/augmenters/pixel/clahe';
import { caseArgs, expectImage, pixelFixtures } from './support/pixel-fixtures';

registerWasmBackend();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const KERNELS: Record<string, (image: Tensor, ...args: any[]) => Tensor> = {
  addScalar, multiplyScalar, addElementwise, multiplyElementwise, invert, cutout,
  adjustContrastGamma, adjustContrastSigmoid, adjustContrastLinear, allChannelsClahe,
};

for (const module of ['arithmetic', 'contrast']) {
  describe(`${module} kernels equal imgaug 0.4's on uint8 images`, () => {
    const fx = pixelFixtures(module);
    for (const c of fx.cases.filter((x) => x.fn !== null)) {
      it(c.name, () => {
        const kernel = KERNELS[c.fn!]!;
        const args = caseArgs(c);
        const got = Object.keys(c.options).length > 0 ? kernel(fx.images[c.image]!, ...args, c.options) : kernel(fx.images[c.image]!, ...args);
        expectImage(got, c.output);
      });
    }
  });
}

describe('arithmetic kernels refuse what imgaug refuses', () => {
  const rgb = torch.zeros([2, 3, 3], { dtype: 'uint8' });
  it('names the dtype and shape expected', () => {
    expect(() => addScalar(torch.zeros([2, 3, 3]), 1)).toThrow('addScalar: expected a uint8 image, got dtype float32');
    expect(() => addScalar(torch.zeros([2], { dtype: 'uint8' }), 1)).toThrow('expected an image of shape [H, W] or [H, W, C], got [2]');
    expect(() => addScalar(rgb, [1, 2])).toThrow('addScalar: expected 3 values (one per channel), got 2');
    expect(() => addScalar(torch.zeros([2, 3], { dtype: 'uint8' }), [1, 2, 3])).toThrow('one value per channel needs an image of shape [H, W, C]');
    expect(() => addElementwise(rgb, torch.zeros([3, 3, 1]))).toThrow('addElementwise: expected values broadcastable to the image\'s shape [2, 3, 3], got [3, 3, 1]');
    expect(() => invert(rgb, { minValue: 200, maxValue: 100 })).toThrow('invert: expected minValue below maxValue, got 200 and 100');
    expect(() => cutout(rgb, 0, 0, 1, 1, { cval: 300 })).toThrow('cutout: expected cval within 0..255 for a uint8 image, got 300');
  });
});
