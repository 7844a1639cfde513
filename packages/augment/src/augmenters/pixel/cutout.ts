/**
 * imgaug's cutout_ with fill mode "constant": one rectangle of an image set to cval. Coordinates
 * are truncated toward zero and clipped to the image; an empty rectangle leaves the image as it is.
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { assertUint8Image, channelCount } from './uint8-image';

/** cutout's options, imgaug's keyword arguments. */
export interface CutoutOptions {
  /** Only "constant" is a kernel here; the "gaussian" fill draws its noise in the augmenter. */
  fillMode?: 'constant';
  /** The fill value, or values: the first alone unless fillPerChannel. */
  cval?: number | readonly number[];
  /** One cval per channel (cycled to the channel count where fewer). */
  fillPerChannel?: boolean;
}

/** The rectangle [x1, x2) × [y1, y2) as imgaug bounds it, or null when empty. */
export function cutoutBounds(image: Tensor, x1: number, y1: number, x2: number, y2: number): [number, number, number, number] | null {
  const [height, width] = image.shape as [number, number];
  const bound = (v: number, size: number): number => Math.min(Math.max(Math.trunc(v), 0), size);
  const box: [number, number, number, number] = [bound(x1, width), bound(y1, height), bound(x2, width), bound(y2, height)];
  return box[2] > box[0] && box[3] > box[1] ? box : null;
}

/** The fill colour: one value, or one per channel as imgaug tiles and truncates cval. */
function fillValues(image: Tensor, cval: number | readonly number[], perChannel: boolean): number[] {
  if (typeof cval === 'number') return [cval];
  if (cval.length === 0) throw new RangeError('cutout: expected at least one cval, got an empty list');
  if (!perChannel || image.dim() === 2) return [cval[0]!];
  return Array.from({ length: channelCount(image) }, (_, c) => cval[c % cval.length]!);
}

/**
 * Fills [x1, x2) × [y1, y2) of image with cval.
 *
 * @example
 * cutout(image, 2, 2, 10, 8, { cval: 128 });
 * cutout(image, 2, 2, 10, 8, { cval: [255, 0, 0], fillPerChannel: true });
 */
export function cutout(image: Tensor, x1: number, y1: number, x2: number, y2: number, options: CutoutOptions = {}): Tensor {
  assertUint8Image(image, 'cutout');
  const fillMode = options.fillMode ?? 'constant';
  if (fillMode !== 'constant') throw new RangeError(`cutout: expected fillMode "constant", got ${JSON.stringify(fillMode)}`);
  const box = cutoutBounds(image, x1, y1, x2, y2);
  if (box === null) return image.clone();
  const [bx1, by1, bx2, by2] = box;
  const values = fillValues(image, options.cval ?? 0, options.fillPerChannel ?? false);
  if (values.some((v) => !(v >= 0 && v <= 255))) throw new RangeError(`cutout: expected cval within 0..255 for a uint8 image, got ${values.join(', ')}`);
  // numpy's assignment into a uint8 array truncates a float cval.
  const fill = torch.tensor(values.map(Math.trunc), { dtype: 'uint8' });
  const out = image.clone();
  const region = out.narrow(0, by1, by2 - by1).narrow(1, bx1, bx2 - bx1);
  region.copy_(fill.numel() === 1 ? fill.reshape([]).expand(region.shape as number[]) : fill.expand(region.shape as number[]));
  return out;
}
