/**
 * torchvision.io in browsers: the platform's decoders and encoders (createImageBitmap,
 * OffscreenCanvas), files fetched by URL. No file writing (there is no file system): encode, then
 * hand the bytes to a download link or an upload.
 *
 * Browsers decode to RGBA with alpha unpremultiplied through 8 bits, so semi-transparent pixels may
 * differ from libpng's by rounding; encoders choose their own compression (compressionLevel is not
 * honoured) and write gray images as RGB.
 */
import type { Tensor } from '@x/tensor';
import type { RawImage } from '../image';
import { bytesTensor } from './image-bytes';
import { imageCodecApi } from './image-codec';
import { canvasDecode, canvasEncode } from './canvas-codec';
import { ImageReadMode } from './read-mode';

export { ImageReadMode } from './read-mode';

const api = imageCodecApi({ decode: canvasDecode, encode: canvasEncode });

export const { decodeImage, decodePng, decodeJpeg, encodePng, encodeJpeg } = api;

async function fetchBytes(url: string | URL, fn: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(`${fn}: cannot fetch ${String(url)}: ${(e as Error).message}`);
  }
  if (!response.ok) throw new Error(`${fn}: cannot fetch ${String(url)}: HTTP ${response.status} ${response.statusText}`.trim());
  return new Uint8Array(await response.arrayBuffer());
}

/** torchvision.io.read_file: the bytes at a URL as a 1-D uint8 tensor. */
export async function readFile(url: string | URL): Promise<Tensor> {
  return bytesTensor(await fetchBytes(url, 'readFile'));
}

/** torchvision.io.read_image: the JPEG or PNG at a URL as a uint8 [C, H, W] tensor. */
export async function readImage(url: string | URL, mode: ImageReadMode = ImageReadMode.UNCHANGED): Promise<Tensor> {
  return api.decodeFile(await fetchBytes(url, 'readImage'), mode, String(url));
}

/** The image at a URL (any format the browser decodes) as an RGB RawImage, as the PIL loader gives. */
export async function loadImage(url: string | URL): Promise<RawImage> {
  return api.decodeRgb(await fetchBytes(url, 'loadImage'), String(url));
}
