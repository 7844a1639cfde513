/**
 * The image form the pixel kernels take, imgaug's numpy image: a uint8 tensor `[H, W]` (grey) or
 * `[H, W, C]`, and the lookup tables imgaug applies to such images (cv2.LUT / ia.apply_lut).
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';

/** Throws unless image is a uint8 `[H, W]` or `[H, W, C]` tensor; `what` names the caller. */
export function assertUint8Image(image: Tensor, what: string): void {
  if (!(image instanceof torch.Tensor)) throw new TypeError(`${what}: expected an image tensor, got ${typeof image}`);
  if (image.dtype !== 'uint8') throw new TypeError(`${what}: expected a uint8 image, got dtype ${image.dtype}`);
  if (image.dim() !== 2 && image.dim() !== 3) {
    throw new RangeError(`${what}: expected an image of shape [H, W] or [H, W, C], got [${image.shape.join(', ')}]`);
  }
}

/** Throws unless image is a uint8 `[H, W, 3]` tensor (the colour conversions' input). */
export function assertThreeChannelImage(image: Tensor, what: string): void {
  assertUint8Image(image, what);
  if (image.dim() !== 3 || image.shape[2] !== 3) {
    throw new RangeError(`${what}: expected an image of shape [H, W, 3], got [${image.shape.join(', ')}]`);
  }
}

/** Throws unless fromColorspace is RGB (or not given): the colour augmenters here take RGB images. */
export function assertFromRgb(who: string, fromColorspace: unknown): void {
  if ((fromColorspace ?? 'RGB') !== 'RGB') throw new Error(`${who}: only fromColorspace 'RGB' is supported, got ${JSON.stringify(fromColorspace)}`);
}

/** Throws unless image is a uint8 or float32 `[H, W]` or `[H, W, C]` tensor (imgaug's arithmetic takes float32 too). */
export function assertUint8OrFloat32Image(image: Tensor, what: string): void {
  if (image instanceof torch.Tensor && image.dtype === 'float32') {
    if (image.dim() !== 2 && image.dim() !== 3) {
      throw new RangeError(`${what}: expected an image of shape [H, W] or [H, W, C], got [${image.shape.join(', ')}]`);
    }
    return;
  }
  if (image instanceof torch.Tensor && image.dtype !== 'uint8') throw new TypeError(`${what}: expected a uint8 or float32 image, got dtype ${image.dtype}`);
  assertUint8Image(image, what);
}

/** The channel count of a `[H, W]` (1) or `[H, W, C]` image. */
export function channelCount(image: Tensor): number {
  return image.dim() === 2 ? 1 : image.shape[2]!;
}

/**
 * Maps every pixel v of image to table[v] (one column per channel where table is `[256, C]`):
 * table's values are clipped to 0–255 and truncated to uint8 first, as imgaug's
 * `np.clip(table, 0, 255).astype(np.uint8)` before cv2.LUT.
 */
export function applyLut(image: Tensor, table: Tensor): Tensor {
  const lut = table.clamp(0, 255).to('uint8');
  const index = image.to('int64');
  if (lut.dim() === 1) return lut.take(index);
  const channels = channelCount(image);
  if (lut.shape[1] !== channels) {
    throw new RangeError(`expected one table column per channel (${channels}), got ${lut.shape[1]}`);
  }
  const perChannel = index.mul(channels).add(torch.arange(channels));
  return lut.flatten().take(perChannel);
}

/**
 * imgaug's float32 `np.linspace(0, 1.0, 256)`: numpy spaces the points in float64 and casts,
 * which a float32 linspace does not reproduce bit for bit.
 */
export function unitRangeFloat32(): Tensor {
  const values = new Float32Array(256);
  for (let i = 0; i < 256; i++) values[i] = i === 255 ? 1 : i * (1 / 255);
  return torch.tensor(values);
}
