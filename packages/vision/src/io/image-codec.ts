/**
 * torchvision.io's in-memory functions (decode_image, decode_png, decode_jpeg, encode_png,
 * encode_jpeg) over a platform's codec: sharp in Node, the browser's decoders there.
 */
import type { Tensor } from '@x/tensor';
import type { RawImage } from '../image';
import { bytesOf, checkRange, encodablePixels, pixelsToTensor } from './image-bytes';
import { convertPixels, sniffFormat, type ImageFormat, type Pixels } from './pixels';
import { ImageReadMode } from './read-mode';

export interface Codec {
  decode(bytes: Uint8Array, file: string, anyDepth?: boolean): Promise<{ pixels: Pixels; format: string }>;
  encode(pixels: Pixels, format: ImageFormat, options: { compressionLevel?: number; quality?: number }): Promise<Uint8Array>;
}

function hexStart(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ') || 'nothing (0 bytes)';
}

export interface ImageCodecApi {
  /** torchvision.io.decode_image: JPEG or PNG bytes (a Uint8Array or a 1-D uint8 tensor) → uint8 [C, H, W]. */
  decodeImage(input: Uint8Array | Tensor, mode?: ImageReadMode): Promise<Tensor>;
  /** torchvision.io.decode_png. */
  decodePng(input: Uint8Array | Tensor, mode?: ImageReadMode): Promise<Tensor>;
  /** torchvision.io.decode_jpeg. */
  decodeJpeg(input: Uint8Array | Tensor, mode?: ImageReadMode): Promise<Tensor>;
  /** torchvision.io.encode_png: uint8 [1 or 3, H, W] → PNG bytes. */
  encodePng(image: Tensor, compressionLevel?: number): Promise<Uint8Array>;
  /** torchvision.io.encode_jpeg: uint8 [1 or 3, H, W] → JPEG bytes. */
  encodeJpeg(image: Tensor, quality?: number): Promise<Uint8Array>;
  /** decodeImage for the bytes of `file` (named in errors). */
  decodeFile(bytes: Uint8Array, mode: ImageReadMode, file: string): Promise<Tensor>;
  /** Any format the codec reads, as RGB pixels (PIL's convert('RGB')). */
  decodeRgb(bytes: Uint8Array, file: string): Promise<RawImage>;
}

export function imageCodecApi(codec: Codec): ImageCodecApi {
  async function decodeAs(input: Uint8Array | Tensor, mode: ImageReadMode, file: string | undefined, fn: string, only: ImageFormat | null): Promise<Tensor> {
    const bytes = bytesOf(input, fn);
    const name = file ?? `the ${bytes.length} bytes given to ${fn}`;
    const format = sniffFormat(bytes);
    if (format === null || (only !== null && format !== only)) {
      const wanted = only === 'png' ? 'a PNG file (starting 89 50 4e 47)' : only === 'jpeg' ? 'a JPEG file (starting ff d8 ff)' : 'a JPEG or PNG file';
      throw new Error(`${fn}: ${name} is not ${wanted}: it starts with ${hexStart(bytes)}. Only JPEG and PNG are supported, as in torchvision.io`);
    }
    const { pixels } = await codec.decode(bytes, name);
    return pixelsToTensor(convertPixels(pixels, format, mode, name));
  }
  return {
    decodeImage: (input, mode = ImageReadMode.UNCHANGED) => decodeAs(input, mode, undefined, 'decodeImage', null),
    decodePng: (input, mode = ImageReadMode.UNCHANGED) => decodeAs(input, mode, undefined, 'decodePng', 'png'),
    decodeJpeg: (input, mode = ImageReadMode.UNCHANGED) => decodeAs(input, mode, undefined, 'decodeJpeg', 'jpeg'),
    decodeFile: (bytes, mode, file) => decodeAs(bytes, mode, file, 'decodeImage', null),
    async encodePng(image, compressionLevel = 6) {
      checkRange(compressionLevel, 0, 9, 'the compression level', 'encodePng');
      return codec.encode(encodablePixels(image, 'encodePng', [1, 3]), 'png', { compressionLevel });
    },
    async encodeJpeg(image, quality = 75) {
      checkRange(quality, 1, 100, 'the image quality', 'encodeJpeg');
      return codec.encode(encodablePixels(image, 'encodeJpeg', [1, 3]), 'jpeg', { quality });
    },
    async decodeRgb(bytes, file) {
      const { pixels } = await codec.decode(bytes, file, true);
      return convertPixels(pixels, 'png', ImageReadMode.RGB, file);
    },
  };
}
