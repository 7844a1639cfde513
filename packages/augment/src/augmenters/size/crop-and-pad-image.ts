import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { borderIndex, type BorderMode } from '../border-index';
import { resizeImage } from './resize-image';

/** Amounts per side, in imgaug's order: top, right, bottom, left. */
export type Sides = readonly [top: number, right: number, bottom: number, left: number];

function checkImage(image: Tensor, what: string): void {
  if (image.dim() !== 2 && image.dim() !== 3) {
    throw new Error(`${what}: expected an image of shape [H, W] or [H, W, C], got shape [${image.shape.join(', ')}]`);
  }
}

function checkSides(sides: Sides, what: string): void {
  if (sides.length !== 4 || sides.some((v) => !Number.isInteger(v) || v < 0)) {
    throw new Error(`${what}: expected four non-negative integers (top, right, bottom, left), got [${sides.join(', ')}]`);
  }
}

/**
 * imgaug's guard against crops that would leave nothing: when the crops along an axis reach the
 * image's size, enough is given back (half on each side, the odd pixel to the top or right side,
 * limited by what was cropped there) that one row or column remains.
 */
export function preventZeroSizeCrop(height: number, width: number, crop: Sides): Sides {
  const [top, bottom] = giveBack(height, crop[0], crop[2]);
  const [right, left] = giveBack(width, crop[1], crop[3]);
  return [Math.max(top, 0), Math.max(right, 0), Math.max(bottom, 0), Math.max(left, 0)];
}

/**
 * Crops `first` and `second` on opposite sides of an axis of `length`, reduced so one pixel remains:
 * what is given back is split evenly, the odd pixel to `first`, and a side cannot give back more
 * than it cropped (the rest goes to the other).
 */
function giveBack(length: number, first: number, second: number): [number, number] {
  const remaining = length - (first + second);
  if (remaining >= 1) return [first, second];
  const regain = Math.abs(remaining) + 1;
  let fromFirst = Math.floor(regain / 2);
  let fromSecond = Math.floor(regain / 2);
  if (fromFirst + fromSecond < regain) fromFirst += 1;
  if (fromFirst > first) {
    fromSecond += fromFirst - first;
    fromFirst = first;
  } else if (fromSecond > second) {
    fromFirst += fromSecond - second;
    fromSecond = second;
  }
  return [first - fromFirst, second - fromSecond];
}

/** The window [x1, x2) × [y1, y2) a crop keeps (after preventZeroSizeCrop), never of negative size. */
export function cropWindow(height: number, width: number, crop: Sides): { x1: number; y1: number; x2: number; y2: number } {
  const [top, right, bottom, left] = preventZeroSizeCrop(height, width, crop);
  const x1 = left;
  const y1 = top;
  return { x1, y1, x2: Math.max(width - right, x1), y2: Math.max(height - bottom, y1) };
}

/**
 * Removes `crop` pixels from each side of an image ([H, W] or [H, W, C], any dtype), keeping at
 * least one row and column as imgaug does.
 *
 * @example
 * cropImage(image, [1, 2, 3, 0]); // top 1, right 2, bottom 3, left 0
 */
export function cropImage(image: Tensor, crop: Sides): Tensor {
  checkImage(image, 'cropImage');
  checkSides(crop, 'cropImage');
  const [height, width] = image.shape as [number, number];
  const { x1, y1, x2, y2 } = cropWindow(height, width, crop);
  return image.narrow(0, y1, y2 - y1).narrow(1, x1, x2 - x1).contiguous();
}

/**
 * Adds `pad` pixels to each side of an image as imgaug's pad() does (cv2.copyMakeBorder or
 * numpy.pad): 'constant' fills with cval (clipped to uint8's range and truncated for uint8 images),
 * the other modes repeat the image's own pixels.
 *
 * @example
 * padImage(image, [2, 2, 2, 2], 'reflect');
 */
export function padImage(image: Tensor, pad: Sides, mode: BorderMode, cval = 0): Tensor {
  checkImage(image, 'padImage');
  checkSides(pad, 'padImage');
  const [top, right, bottom, left] = pad;
  if (top + right + bottom + left === 0) return image.clone();
  const [height, width] = image.shape as [number, number];
  const outHeight = height + top + bottom;
  const outWidth = width + left + right;
  // numpy and OpenCV can only fill an empty axis with a constant.
  if (mode === 'constant' || height === 0 || width === 0) {
    const shape = [outHeight, outWidth, ...image.shape.slice(2)];
    const out = torch.full(shape, fillValue(image.dtype, cval), { dtype: image.dtype });
    out.narrow(0, top, height).narrow(1, left, width).copy_(image);
    return out;
  }
  const rows = Array.from({ length: outHeight }, (_, y) => borderIndex(y - top, height, mode));
  const cols = Array.from({ length: outWidth }, (_, x) => borderIndex(x - left, width, mode));
  return image
    .indexSelect(0, torch.tensor(rows, { dtype: 'int64' }))
    .indexSelect(1, torch.tensor(cols, { dtype: 'int64' }));
}

/** imgaug clips cval to the dtype's range and converts it to an integer for integer images. */
function fillValue(dtype: string, cval: number): number {
  if (dtype === 'uint8') return Math.trunc(Math.min(Math.max(cval, 0), 255));
  if (dtype === 'bool') return cval > 0 ? 1 : 0;
  if (dtype.startsWith('int')) return Math.trunc(cval);
  return cval;
}

/**
 * imgaug's _crop_and_pad_arr: crop, then pad, then (keepSize) resize back to the input's size with
 * imgaug's default interpolation ('area' when enlarging, 'linear' when shrinking).
 */
export function cropAndPadImage(image: Tensor, crop: Sides, pad: Sides, mode: BorderMode, cval: number, keepSize: boolean): Tensor {
  const [height, width] = image.shape as [number, number];
  const out = padImage(cropImage(image, crop), pad, mode, cval);
  return keepSize ? resizeImage(out, height, width) : out;
}
