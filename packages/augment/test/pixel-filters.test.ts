import { describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { blurGaussian } from '../src/augmenters/pixel/gaussian-blur';
import { averageBlur } from '../src/augmenters/pixel/average-blur';
import { medianBlur } from '../src/augmenters/pixel/median-blur';
import { convolve, directedEdgeDetectMatrix, edgeDetectMatrix, emboss, sharpen } from '../src/augmenters/pixel/convolve';
import { grayscale } from '../src/augmenters/pixel/grayscale';
import { hsvToRgb, rgbToHsv } from '../src/augmenters/pixel/hsv';
import { addToHueAndSaturation } from '../src/augmenters/pixel/hue-saturation';
import { changeColorspace } from '../src/augmenters/pixel/color-spaces';
import { testKernelCases, type Kernel } from './support/pixel-fixtures';

registerWasmBackend();

const KERNELS: Record<string, Kernel> = {
  edgeDetect: (image: Tensor, alpha: number) => convolve(image, edgeDetectMatrix(alpha)),
  directedEdgeDetect: (image: Tensor, alpha: number, direction: number) => convolve(image, directedEdgeDetectMatrix(alpha, direction)),
  blurGaussian, averageBlur, medianBlur, sharpen, emboss, grayscale, rgbToHsv, hsvToRgb, addToHueAndSaturation, changeColorspace,
};

for (const module of ['blur', 'convolutional', 'color']) {
  // Rows of 32 pixels or more go partly through OpenCV's SIMD HSV → RGB, which truncates where its
  // scalar code (and hsvToRgb) rounds: off by one there (see hsv.ts).
  testKernelCases(module, KERNELS, (c) => (c.image === 'hsv_wide' ? 1 : 0));
}

describe('filters refuse what they cannot do', () => {
  const rgb = torch.zeros([4, 4, 3], { dtype: 'uint8' });
  it('names what was expected and what came', () => {
    expect(() => blurGaussian(rgb, -1)).toThrow('blurGaussian: expected a non-negative sigma, got -1');
    expect(() => medianBlur(rgb, 4)).toThrow('medianBlur: expected an odd positive kernel size, got 4');
    expect(() => averageBlur(rgb, 0, 3)).toThrow('averageBlur: expected kh to be a positive integer, got 0');
    expect(() => convolve(rgb, [null, null])).toThrow('convolve: expected 3 matrices (one per channel), got 2');
    expect(() => sharpen(rgb, 1.5, 1)).toThrow('expected alpha in [0.0, 1.0], got 1.5');
    expect(() => addToHueAndSaturation(rgb, 300, 0)).toThrow('addToHueAndSaturation: expected hue to be an integer in [-255, 255], got 300');
    expect(() => rgbToHsv(torch.zeros([4, 4, 4], { dtype: 'uint8' }))).toThrow('rgbToHsv: expected an image of shape [H, W, 3], got [4, 4, 4]');
    expect(() => grayscale(torch.zeros([4, 4], { dtype: 'uint8' }), 1)).toThrow('rgbToGray: expected an image of shape [H, W, 3], got [4, 4]');
  });
});
