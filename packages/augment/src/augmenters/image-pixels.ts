import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';

/** An image's pixels as one typed array in HWC order, with the shape it came in ([H, W] or [H, W, C]). */
export interface ImagePixels {
  readonly data: Uint8Array | Float32Array;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  /** The input was [H, W] (a gray image without a channel axis): results come back the same way. */
  readonly channelless: boolean;
}

/**
 * The pixels of a uint8 or float32 image tensor ([H, W] or [H, W, C]), the two dtypes the geometric
 * and size kernels compute on, as imgaug's OpenCV paths do.
 */
export function readImage(image: Tensor, what = 'image'): ImagePixels {
  if (image.dim() !== 2 && image.dim() !== 3) {
    throw new Error(`${what}: expected an image of shape [H, W] or [H, W, C], got shape [${image.shape.join(', ')}]`);
  }
  if (image.dtype !== 'uint8' && image.dtype !== 'float32') {
    throw new Error(`${what}: expected a uint8 or float32 image, got ${image.dtype}`);
  }
  const [height, width, channels = 1] = image.shape as number[];
  const data = image.contiguous().numpy() as Uint8Array | Float32Array;
  return { data, height: height!, width: width!, channels, channelless: image.dim() === 2 };
}

/** A new image of the same dtype and channel layout as `like`, sized height × width. */
export function emptyPixels(like: ImagePixels, height: number, width: number): ImagePixels {
  const size = height * width * like.channels;
  const data = like.data instanceof Uint8Array ? new Uint8Array(size) : new Float32Array(size);
  return { data, height, width, channels: like.channels, channelless: like.channelless };
}

/** Pixels back to a tensor, in the layout the input had. */
export function toImageTensor(pixels: ImagePixels): Tensor {
  const shape = pixels.channelless ? [pixels.height, pixels.width] : [pixels.height, pixels.width, pixels.channels];
  const dtype = pixels.data instanceof Uint8Array ? 'uint8' : 'float32';
  return torch.tensor(pixels.data, { dtype }).reshape(shape);
}
