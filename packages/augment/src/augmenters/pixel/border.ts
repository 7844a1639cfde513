/**
 * OpenCV's border extrapolation (cv::borderInterpolate) as an index map: the source row or column
 * each position of a padded axis reads. OpenCV reflects again as often as a border longer than the
 * image needs, which torch.pad's 'reflect' refuses, so the pixel filters gather through this map.
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';

/** BORDER_REFLECT_101 (gfedcb|abcdefgh|gfedcba) or BORDER_REPLICATE (aaaaaa|abcdefgh|hhhhhhh). */
export type BorderMode = 'reflect101' | 'replicate';

function sourceIndex(p: number, size: number, mode: BorderMode): number {
  if (mode === 'replicate' || size === 1) return Math.min(Math.max(p, 0), size - 1);
  const period = 2 * (size - 1);
  const q = ((p % period) + period) % period;
  return q < size ? q : period - q;
}

/** Indices (int64) of the `before + size + after` positions of an axis of length size padded by mode. */
export function borderIndex(size: number, before: number, after: number, mode: BorderMode): Tensor {
  const index = Array.from({ length: before + size + after }, (_, i) => sourceIndex(i - before, size, mode));
  return torch.tensor(index, { dtype: 'int64' });
}

/** image `[H, W, C]` padded on each side of H and W through borderIndex. */
export function padBorder(image: Tensor, top: number, bottom: number, left: number, right: number, mode: BorderMode): Tensor {
  const [height, width] = image.shape as [number, number];
  return image.indexSelect(0, borderIndex(height, top, bottom, mode)).indexSelect(1, borderIndex(width, left, right, mode));
}

/** A `[H, W]` image as `[H, W, 1]`, and back: the filters work on three dimensions. */
export function withChannelAxis(image: Tensor, f: (hwc: Tensor) => Tensor): Tensor {
  if (image.dim() === 3) return f(image);
  return f(image.unsqueeze(2)).squeeze(2);
}
