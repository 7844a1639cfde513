/**
 * imgaug's blend_alpha for uint8 images with one alpha: background + alpha·(foreground −
 * background) in float32, rounded half to even; alpha within eps of 1 or 0 takes one image whole.
 */
import type { Tensor } from '@x/tensor';
import { assertUint8Image } from './uint8-image';

/**
 * foreground blended over background by alpha in [0, 1].
 *
 * @example
 * blendAlpha(augmented, original, 0.25);
 */
export function blendAlpha(foreground: Tensor, background: Tensor, alpha: number, eps = 1e-2): Tensor {
  assertUint8Image(foreground, 'blendAlpha');
  assertUint8Image(background, 'blendAlpha');
  if (foreground.shape.join() !== background.shape.join()) {
    throw new RangeError(`blendAlpha: expected images of one shape, got [${foreground.shape.join(', ')}] and [${background.shape.join(', ')}]`);
  }
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`blendAlpha: expected alpha in [0.0, 1.0], got ${alpha}`);
  if (alpha >= 1 - eps) return foreground.clone();
  if (alpha <= eps) return background.clone();
  const bg = background.to('float32');
  return bg.add(foreground.to('float32').sub(bg).mul(alpha)).round().to('uint8');
}
