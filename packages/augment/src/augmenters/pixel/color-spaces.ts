/**
 * imgaug's change_colorspace_ for uint8 images, over the OpenCV conversions implemented here: RGB,
 * BGR, HSV, YCrCb, and GRAY as a target (repeated to three channels, as imgaug does). A conversion
 * between two non-RGB spaces goes through RGB, as imgaug's does when OpenCV has no direct one.
 */
import type { Tensor } from '@x/tensor';
import { rgbToGray } from './grayscale';
import { hsvToRgb, rgbToHsv } from './hsv';
import { assertThreeChannelImage } from './uint8-image';
import { rgbToYCrCb, yCrCbToRgb } from './ycrcb';

/** imgaug's colour space names (CSPACE_*). */
export const COLORSPACES = ['RGB', 'BGR', 'GRAY', 'CIE', 'YCrCb', 'HSV', 'HLS', 'Lab', 'Luv', 'YUV'] as const;
export type Colorspace = (typeof COLORSPACES)[number];

/** The spaces converted here; imgaug's others (CIE, HLS, Lab, Luv, YUV) are refused by name. */
export const IMPLEMENTED_COLORSPACES: readonly Colorspace[] = ['RGB', 'BGR', 'GRAY', 'YCrCb', 'HSV'];

const FROM_RGB: Partial<Record<Colorspace, (rgb: Tensor) => Tensor>> = {
  RGB: (rgb) => rgb,
  BGR: (rgb) => rgb.flip([2]),
  GRAY: (rgb) => rgbToGray(rgb).unsqueeze(2).expand([...rgb.shape.slice(0, 2), 3]).contiguous(),
  YCrCb: rgbToYCrCb,
  HSV: rgbToHsv,
};

const TO_RGB: Partial<Record<Colorspace, (image: Tensor) => Tensor>> = {
  RGB: (rgb) => rgb,
  BGR: (bgr) => bgr.flip([2]),
  YCrCb: yCrCbToRgb,
  HSV: hsvToRgb,
};

/** Throws unless name is one of imgaug's colour spaces implemented here. */
export function assertColorspace(name: unknown, what: string): asserts name is Colorspace {
  if (!(COLORSPACES as readonly unknown[]).includes(name)) {
    throw new Error(`${what}: expected one of the colour spaces ${COLORSPACES.join(', ')}, got ${JSON.stringify(name)}`);
  }
  if (!IMPLEMENTED_COLORSPACES.includes(name as Colorspace)) {
    throw new Error(`${what}: the colour space ${name} is not implemented (implemented: ${IMPLEMENTED_COLORSPACES.join(', ')})`);
  }
}

/**
 * image (uint8 `[H, W, 3]`) converted from one colour space to another.
 *
 * @example
 * changeColorspace(image, 'HSV');          // from RGB
 * changeColorspace(hsv, 'RGB', 'HSV');
 */
export function changeColorspace(image: Tensor, to: Colorspace, from: Colorspace = 'RGB'): Tensor {
  assertColorspace(to, 'changeColorspace');
  assertColorspace(from, 'changeColorspace');
  if (from === 'GRAY') throw new Error('changeColorspace: cannot convert from grayscale to another colour space, as colours cannot be recovered');
  assertThreeChannelImage(image, 'changeColorspace');
  if (to === from) return image;
  return FROM_RGB[to]!(TO_RGB[from]!(image));
}
