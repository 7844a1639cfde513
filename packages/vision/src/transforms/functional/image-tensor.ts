/**
 * What every functional op does first: check that a tensor is an image ([..., H, W]) and read its
 * dimensions, or take a RawImage through the tensor path (to a uint8 [C, H, W] tensor and back), so
 * a RawImage gets the tensor path's numbers, not PIL's.
 */
import type { Tensor } from '@x/tensor';
import { type Image, isRawImage, rawImageToTensor, tensorToRawImage } from '../../image';

export function assertImageTensor(img: Tensor): void {
  if (img.dim() < 2) throw new TypeError(`Tensor is not a torch image. Expected a tensor of shape [..., H, W], but got shape [${img.shape.join(', ')}]`);
}

function asTensor(img: Image): Tensor {
  if (isRawImage(img)) return rawImageToTensor(img);
  if (typeof img !== 'object' || img === null || typeof (img as Tensor).dim !== 'function') {
    throw new TypeError(`img should be a Tensor or a RawImage, but got ${img === null ? 'null' : typeof img}`);
  }
  assertImageTensor(img);
  return img;
}

/** `fn` applied to the image as a tensor; a RawImage comes back as a RawImage. */
export function onTensor<T extends Image>(img: T, fn: (t: Tensor) => Tensor): T {
  const out = fn(asTensor(img));
  return (isRawImage(img) ? tensorToRawImage(out) : out) as T;
}

/** Like onTensor, for ops that return several images. */
export function onTensorMany<T extends Image>(img: T, fn: (t: Tensor) => Tensor[]): T[] {
  const outs = fn(asTensor(img));
  return (isRawImage(img) ? outs.map(tensorToRawImage) : outs) as T[];
}

/** [channels, height, width] of an image (torchvision's get_dimensions). */
export function getDimensions(img: Image): [number, number, number] {
  if (isRawImage(img)) return [img.channels, img.height, img.width];
  const t = asTensor(img);
  const [h, w] = t.shape.slice(-2) as [number, number];
  return [t.dim() === 2 ? 1 : t.shape[t.dim() - 3]!, h, w];
}

/** [width, height] of an image (torchvision's get_image_size). */
export function getImageSize(img: Image): [number, number] {
  const [, h, w] = getDimensions(img);
  return [w, h];
}

/** The number of channels of an image (torchvision's get_image_num_channels). */
export function getImageNumChannels(img: Image): number {
  return getDimensions(img)[0];
}

/** At least [C, H, W]: the colour ops that read channels. */
export function assertChannelDim(img: Tensor): void {
  if (img.dim() < 3) throw new TypeError(`Input image tensor should have at least 3 dimensions, but found ${img.dim()}`);
}

export function assertChannels(img: Tensor, permitted: readonly number[]): void {
  const c = getImageNumChannels(img);
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
