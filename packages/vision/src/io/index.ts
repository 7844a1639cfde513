/**
 * torchvision.io in Node: images decoded and encoded by sharp (libvips). Functions are async (the
 * codec runs off the main thread); tensors are uint8 [C, H, W].
 */
import type { Tensor } from '@x/tensor';
import type { RawImage } from '../image';
import { bytesOf, bytesTensor } from './image-bytes';
import { imageCodecApi } from './image-codec';
import { readBytes, writeBytes } from './node-files';
import { ImageReadMode } from './read-mode';
import { sharpDecode, sharpEncode } from './sharp-codec';

export { ImageReadMode } from './read-mode';

const api = imageCodecApi({ decode: sharpDecode, encode: sharpEncode });

export const { decodeImage, decodePng, decodeJpeg, encodePng, encodeJpeg } = api;

/** torchvision.io.read_file: a file's bytes as a 1-D uint8 tensor. */
export async function readFile(path: string): Promise<Tensor> {
  return bytesTensor(await readBytes(path, 'readFile'));
}

/** torchvision.io.write_file: writes bytes (a Uint8Array or a 1-D uint8 tensor) to `path`, atomically. */
export async function writeFile(path: string, data: Uint8Array | Tensor): Promise<void> {
  await writeBytes(path, bytesOf(data, 'writeFile'), 'writeFile');
}

/**
 * torchvision.io.read_image: a JPEG or PNG file as a uint8 [C, H, W] tensor, channels as `mode` asks.
 *
 * @example
 * const img = await io.readImage('cat.jpg', io.ImageReadMode.RGB); // uint8 [3, H, W]
 */
export async function readImage(path: string, mode: ImageReadMode = ImageReadMode.UNCHANGED): Promise<Tensor> {
  return api.decodeFile(await readBytes(path, 'readImage'), mode, path);
}

/** torchvision.io.write_png. */
export async function writePng(image: Tensor, path: string, compressionLevel = 6): Promise<void> {
  await writeBytes(path, await api.encodePng(image, compressionLevel), 'writePng');
}

/** torchvision.io.write_jpeg. */
export async function writeJpeg(image: Tensor, path: string, quality = 75): Promise<void> {
  await writeBytes(path, await api.encodeJpeg(image, quality), 'writeJpeg');
}

/**
 * torchvision's default image loader (`pil_loader`: PIL's `Image.open(path).convert('RGB')`): any
 * format sharp reads, as an RGB RawImage (gray repeated, alpha dropped). What ImageFolder loads.
 */
export async function loadImage(path: string): Promise<RawImage> {
  return api.decodeRgb(await readBytes(path, 'loadImage'), path);
}
