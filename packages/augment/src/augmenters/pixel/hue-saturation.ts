/**
 * imgaug's AddToHueAndSaturation kernel for one image: RGB → OpenCV HSV, hue shifted cyclically
 * (mod 180) and saturation clipped to 0–255 through lookup tables, HSV → RGB.
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { hsvToRgb, rgbToHsv } from './hsv';
import { applyLut } from './uint8-image';

function assertShift(value: number, name: string): void {
  if (!(Number.isInteger(value) && value >= -255 && value <= 255)) {
    throw new RangeError(`addToHueAndSaturation: expected ${name} to be an integer in [-255, 255], got ${value}`);
  }
}

/**
 * imgaug's hue value (−255..255 spanning the full circle) in OpenCV's hue units (0–179 for 360°),
 * as imgaug scales it: float32 value / 255 · 180, truncated.
 */
export function hueShiftInOpenCvUnits(value: number): number {
  return Math.trunc(Math.fround(Math.fround(value / 255) * 180));
}

/**
 * Adds hue (imgaug's −255..255 scale) and saturation (−255..255) to a uint8 RGB image.
 *
 * @example
 * addToHueAndSaturation(image, 20, -30);
 */
export function addToHueAndSaturation(image: Tensor, hue: number, saturation: number): Tensor {
  assertShift(hue, 'hue');
  assertShift(saturation, 'saturation');
  const hsv = rgbToHsv(image);
  const range = torch.arange(256, { dtype: 'int64' });
  const hueTable = torch.remainder(range.add(hueShiftInOpenCvUnits(hue)), 180);
  const saturationTable = range.add(saturation);
  const [h, s, v] = hsv.unbind(2) as [Tensor, Tensor, Tensor];
  return hsvToRgb(torch.stack([applyLut(h, hueTable), applyLut(s, saturationTable), v], 2));
}
