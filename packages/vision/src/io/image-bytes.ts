/** The checks and conversions torchvision.io's functions share, on either platform. */
import { tensor, Tensor } from '@x/tensor';
import { rawImageToTensor, tensorToRawImage } from '../image';
import type { Pixels } from './pixels';

/** Encoded bytes given as a Uint8Array or as a 1-D uint8 tensor (what torchvision's read_file returns). */
export function bytesOf(input: Uint8Array | Tensor, fn: string): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof Tensor && input.dtype === 'uint8' && input.dim() === 1) return input.contiguous().numpy() as Uint8Array;
  const got = input instanceof Tensor ? `a ${input.dtype} tensor of shape [${input.shape.join(', ')}]` : describe(input);
  throw new TypeError(`${fn} expects the encoded bytes as a Uint8Array or a 1-D uint8 tensor, but got ${got}`);
}

/** Bytes as torchvision's read_file gives them: a 1-D uint8 tensor. */
export function bytesTensor(bytes: Uint8Array): Tensor {
  return tensor(bytes, { dtype: 'uint8' });
}

export function pixelsToTensor(p: Pixels): Tensor {
  return rawImageToTensor(p);
}

/** A uint8 [C, H, W] tensor with C among `channels`, as HWC pixels for an encoder. */
export function encodablePixels(image: Tensor, fn: string, channels: readonly number[]): Pixels {
  if (!(image instanceof Tensor)) throw new TypeError(`${fn} expects a uint8 tensor of shape [C, H, W], but got ${describe(image)}`);
  if (image.dtype !== 'uint8') throw new TypeError(`${fn}: input tensor dtype should be uint8, but got ${image.dtype}`);
  if (image.dim() !== 3) throw new Error(`${fn}: input data should be a 3-dimensional tensor [C, H, W], but got shape [${image.shape.join(', ')}]`);
  if (!channels.includes(image.shape[0]!)) {
    throw new Error(`${fn}: the number of channels should be ${channels.join(' or ')}, but got ${image.shape[0]} (shape [${image.shape.join(', ')}])`);
  }
  const raw = tensorToRawImage(image);
  return { data: raw.data as Uint8Array, width: raw.width, height: raw.height, channels: raw.channels };
}

export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (x instanceof Tensor) return `a ${x.dtype} tensor of shape [${x.shape.join(', ')}]`;
  if (typeof x === 'object') return `an object (${(x as object).constructor?.name ?? 'Object'})`;
  return `${typeof x} ${String(x)}`;
}

export function checkRange(value: number, low: number, high: number, what: string, fn: string): void {
  if (!Number.isInteger(value) || value < low || value > high) throw new RangeError(`${fn}: ${what} should be an integer from ${low} to ${high}, but got ${value}`);
}
