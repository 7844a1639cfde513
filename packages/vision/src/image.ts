/**
 * The two kinds of image the package takes. A tensor in torchvision's convention: uint8 (0–255) or
 * float (0–1), `[..., C, H, W]`. And a `RawImage`: 8-bit samples in height × width × channels order,
 * what a decoder (sharp, a canvas) or a numpy port produces, the place a PIL image has in torchvision.
 */
import { tensor, type Tensor } from '@x/tensor';

/** 8-bit pixels, row by row, each pixel's channels together (HWC); channels 1 (L), 2 (LA), 3 (RGB) or 4 (RGBA). */
export interface RawImage {
  readonly data: Uint8Array | Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 2 | 3 | 4;
}

/** What transforms and datasets accept. */
export type Image = Tensor | RawImage;

export function isRawImage(x: unknown): x is RawImage {
  return typeof x === 'object' && x !== null && 'data' in x && 'width' in x && 'height' in x && 'channels' in x
    && (x.data instanceof Uint8Array || x.data instanceof Uint8ClampedArray);
}

function checkRawImage(img: RawImage): void {
  const { width, height, channels, data } = img;
  if (![1, 2, 3, 4].includes(channels)) throw new Error(`a RawImage has 1 to 4 channels, but got ${channels}`);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new Error(`a RawImage's width and height are non-negative integers, but got ${width}x${height}`);
  }
  if (data.length !== width * height * channels) {
    throw new Error(`a ${width}x${height} RawImage with ${channels} channels holds ${width * height * channels} bytes, but its data has ${data.length}`);
  }
}

/** A RawImage as a uint8 tensor of shape [C, H, W] (torchvision's `pil_to_tensor`). */
export function rawImageToTensor(img: RawImage): Tensor {
  checkRawImage(img);
  const data = img.data instanceof Uint8Array ? img.data : new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.length);
  return tensor(data, { dtype: 'uint8' }).reshape([img.height, img.width, img.channels]).permute(2, 0, 1).contiguous();
}

/** A uint8 tensor of shape [C, H, W] (C from 1 to 4) as a RawImage. */
export function tensorToRawImage(t: Tensor): RawImage {
  if (t.dtype !== 'uint8' || t.dim() !== 3 || t.shape[0]! < 1 || t.shape[0]! > 4) {
    throw new Error(`a RawImage is made from a uint8 tensor of shape [C, H, W] with 1 to 4 channels, but got a ${t.dtype} tensor of shape [${t.shape.join(', ')}]`);
  }
  const [channels, height, width] = t.shape as [1 | 2 | 3 | 4, number, number];
  const data = t.permute(1, 2, 0).contiguous().numpy() as Uint8Array;
  return { data, width, height, channels };
}
