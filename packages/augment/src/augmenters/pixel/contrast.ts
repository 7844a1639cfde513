/**
 * imgaug's contrast curves on uint8 images (adjust_contrast_gamma, adjust_contrast_sigmoid,
 * adjust_contrast_linear): a 256-entry float32 table, clipped to 0–255 and truncated, applied to
 * every pixel.
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { applyLut, assertUint8Image, unitRangeFloat32 } from './uint8-image';

/**
 * v ↦ 255·(v/255)^gamma.
 *
 * @example
 * adjustContrastGamma(image, 0.5);   // brighter
 */
export function adjustContrastGamma(image: Tensor, gamma: number): Tensor {
  assertUint8Image(image, 'adjustContrastGamma');
  return applyLut(image, unitRangeFloat32().pow(gamma).mul(255));
}

/**
 * v ↦ 255 / (1 + exp(gain·(cutoff − v/255))).
 *
 * @example
 * adjustContrastSigmoid(image, 10, 0.5);
 */
export function adjustContrastSigmoid(image: Tensor, gain: number, cutoff: number): Tensor {
  assertUint8Image(image, 'adjustContrastSigmoid');
  const table = unitRangeFloat32().neg().add(cutoff).mul(gain).exp().add(1).reciprocal().mul(255);
  return applyLut(image, table);
}

/**
 * v ↦ 127 + alpha·(v − 127).
 *
 * @example
 * adjustContrastLinear(image, 1.5);
 */
export function adjustContrastLinear(image: Tensor, alpha: number): Tensor {
  assertUint8Image(image, 'adjustContrastLinear');
  const center = 127;
  return applyLut(image, torch.arange(256, { dtype: 'float32' }).sub(center).mul(alpha).add(center));
}
