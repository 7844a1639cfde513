/**
 * imgaug's MedianBlur kernel on uint8 images: cv2.medianBlur, the median of a k × k window with
 * BORDER_REPLICATE. A median of integers has one answer, so this one is exact.
 */
import type { Tensor } from '@x/tensor';
import { padBorder, withChannelAxis } from './border';
import { assertUint8Image } from './uint8-image';

/**
 * The median over the k × k window (k odd) around each pixel.
 *
 * @example
 * medianBlur(image, 3);
 */
export function medianBlur(image: Tensor, k: number): Tensor {
  assertUint8Image(image, 'medianBlur');
  if (!(Number.isInteger(k) && k >= 1 && k % 2 === 1)) throw new RangeError(`medianBlur: expected an odd positive kernel size, got ${k}`);
  if (k === 1 || image.numel() === 0) return image.clone();
  const r = (k - 1) / 2;
  return withChannelAxis(image, (hwc) => {
    const [height, width, channels] = hwc.shape as [number, number, number];
    const windows = padBorder(hwc.to('int32'), r, r, r, r, 'replicate').unfold(0, k, 1).unfold(1, k, 1);
    const [sorted] = windows.reshape([height, width, channels, k * k]).sort(-1);
    return sorted.select(-1, (k * k - 1) / 2).to('uint8');
  });
}
