/**
 * The image operations the augmentation policies (AutoAugment, RandAugment, TrivialAugmentWide)
 * choose from, each at a signed magnitude, as torchvision's autoaugment._apply_op applies them.
 */
import type { Image } from '../image';
import { adjustBrightness, adjustContrast, adjustSaturation, adjustSharpness, autocontrast, equalize, invert, posterize, solarize } from './functional/color';
import { affine, rotate } from './functional/geometry';
import type { Fill } from './functional/grid-transform';
import type { InterpolationMode } from './interpolation';

export const AUGMENT_OPS = [
  'Identity', 'ShearX', 'ShearY', 'TranslateX', 'TranslateY', 'Rotate', 'Brightness', 'Color', 'Contrast', 'Sharpness', 'Posterize',
  'Solarize', 'AutoContrast', 'Equalize', 'Invert',
] as const;
export type AugmentOp = (typeof AUGMENT_OPS)[number];

const DEGREES_PER_RADIAN = 180 / Math.PI;

/**
 * `op` at `magnitude`: shears take the shear's tangent (about the top-left corner), translations
 * pixels (truncated to ints), Rotate degrees; the enhancements a factor of 1 + magnitude; Posterize
 * bits (truncated), Solarize a threshold. interpolation and fill reach only the geometric ops.
 */
export function applyOp<I extends Image>(img: I, op: AugmentOp, magnitude: number, interpolation: InterpolationMode, fill: Fill): I {
  switch (op) {
    case 'ShearX':
      return affine(img, { angle: 0, translate: [0, 0], scale: 1, shear: [Math.atan(magnitude) * DEGREES_PER_RADIAN, 0], interpolation, fill, center: [0, 0] });
    case 'ShearY':
      return affine(img, { angle: 0, translate: [0, 0], scale: 1, shear: [0, Math.atan(magnitude) * DEGREES_PER_RADIAN], interpolation, fill, center: [0, 0] });
    case 'TranslateX':
      return affine(img, { angle: 0, translate: [Math.trunc(magnitude), 0], scale: 1, shear: [0, 0], interpolation, fill });
    case 'TranslateY':
      return affine(img, { angle: 0, translate: [0, Math.trunc(magnitude)], scale: 1, shear: [0, 0], interpolation, fill });
    case 'Rotate':
      return rotate(img, magnitude, { interpolation, fill });
    case 'Brightness':
      return adjustBrightness(img, 1 + magnitude);
    case 'Color':
      return adjustSaturation(img, 1 + magnitude);
    case 'Contrast':
      return adjustContrast(img, 1 + magnitude);
    case 'Sharpness':
      return adjustSharpness(img, 1 + magnitude);
    case 'Posterize':
      return posterize(img, Math.trunc(magnitude));
    case 'Solarize':
      return solarize(img, magnitude);
    case 'AutoContrast':
      return autocontrast(img);
    case 'Equalize':
      return equalize(img);
    case 'Invert':
      return invert(img);
    case 'Identity':
      return img;
    default:
      throw new RangeError(`The provided operator ${String(op)} is not recognized.`);
  }
}
