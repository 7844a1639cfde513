/**
 * What the colour ops share: the checks torchvision's tensor path makes on an image tensor, and
 * running a tensor op on a RawImage (through a uint8 [C, H, W] tensor and back, so a RawImage gets
 * the tensor path's numbers, not PIL's).
 */
import { Tensor, typeName } from '@x/tensor';
import { isRawImage, rawImageToTensor, tensorToRawImage, type Image, type RawImage } from '../../image';

/** A tensor with at least two dimensions ([..., H, W]). */
export function assertImageTensor(img: Tensor): void {
  if (img.dim() < 2) throw new TypeError(`Tensor is not a torch image.`);
}

/** At least [C, H, W]: the ops that read channels. */
export function assertChannelDim(img: Tensor): void {
  if (img.dim() < 3) throw new TypeError(`Input image tensor should have at least 3 dimensions, but found ${img.dim()}`);
}

/** The number of channels: 1 for [H, W], else the size of dimension -3. */
export function imageChannels(img: Tensor): number {
  assertImageTensor(img);
  return img.dim() === 2 ? 1 : img.shape[img.dim() - 3]!;
}

export function assertChannels(img: Tensor, permitted: readonly number[]): void {
  const c = imageChannels(img);
  if (!permitted.includes(c)) throw new TypeError(`Input image tensor permitted channel values are [${permitted.join(', ')}], but found ${c}`);
}

/** The largest value of an image of this dtype: 255 for uint8, 1 for floats. */
export function imageBound(img: Tensor): number {
  return img.isFloatingPoint() ? 1 : 255;
}

/** A float image's dtype, or float32 for an integer image: what the arithmetic runs in. */
export function workingDType(img: Tensor): Tensor['dtype'] {
  return img.isFloatingPoint() ? img.dtype : 'float32';
}

/** Runs a tensor op on an Image: a tensor directly, a RawImage through its uint8 [C, H, W] tensor. */
export function onImage<I extends Image>(img: I, op: (t: Tensor) => Tensor): I;
export function onImage(img: Image, op: (t: Tensor) => Tensor): Image {
  if (img instanceof Tensor) return op(img);
  if (isRawImage(img)) return tensorToRawImage(op(rawImageToTensor(img))) as RawImage;
  throw new TypeError(`img should be a Tensor or a RawImage. Got ${typeName(img)}`);
}

/** [channels, height, width] of an Image (torchvision's get_dimensions). */
export function imageDimensions(img: Image): [number, number, number] {
  if (img instanceof Tensor) {
    const c = imageChannels(img);
    const [h, w] = img.shape.slice(-2) as [number, number];
    return [c, h, w];
  }
  if (isRawImage(img)) return [img.channels, img.height, img.width];
  throw new TypeError(`img should be a Tensor or a RawImage. Got ${typeName(img)}`);
}
