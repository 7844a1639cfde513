/** Decoding and encoding in Node through sharp (libvips). */
import sharp from 'sharp';
import type { ImageFormat, Pixels } from './pixels';

export interface Decoded {
  pixels: Pixels;
  /** The container format, as libvips names it ('png', 'jpeg', 'webp', …). */
  format: string;
}

/**
 * The image in `bytes` as 8-bit HWC pixels; `file` names it in errors. A 16-bit PNG is refused, as
 * torchvision 0.14 refuses it, unless `anyDepth` (a loader's conversion to 8 bits, as PIL's).
 */
export async function sharpDecode(bytes: Uint8Array, file: string, anyDepth = false): Promise<Decoded> {
  try {
    // The samples as stored: libpng, libjpeg and PIL apply no embedded ICC profile, nor EXIF orientation.
    const image = sharp(bytes, { failOn: 'truncated', ignoreIcc: true, autoOrient: false });
    const meta = await image.metadata();
    if (!anyDepth && meta.format === 'png' && (meta.depth === 'ushort' || (meta.bitsPerSample ?? 8) > 8)) {
      throw new Error(`it is a ${meta.bitsPerSample ?? 16}-bit PNG: at most 8-bit PNG images are supported (as in torchvision 0.14)`);
    }
    // libvips hands a gray image with alpha over as sRGB with alpha; b-w keeps one channel but drops alpha.
    const grayAlpha = meta.channels === 2;
    if (meta.channels === 1) image.toColourspace('b-w');
    const { data, info } = await image.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    const samples = new Uint8Array(data.buffer, data.byteOffset, data.length);
    const pixels: Pixels = grayAlpha && info.channels === 4
      ? { data: pickChannels(samples, 4, [0, 3]), width: info.width, height: info.height, channels: 2 }
      : { data: samples, width: info.width, height: info.height, channels: info.channels };
    return { pixels, format: meta.format ?? 'unknown' };
  } catch (e) {
    throw new Error(`cannot decode ${file}: ${cleanMessage((e as Error).message)}`);
  }
}

function pickChannels(data: Uint8Array, channels: number, keep: readonly number[]): Uint8Array {
  const n = data.length / channels;
  const out = new Uint8Array(n * keep.length);
  for (let i = 0; i < n; i++) for (let k = 0; k < keep.length; k++) out[i * keep.length + k] = data[i * channels + keep[k]!]!;
  return out;
}

/** libvips repeats each warning; one of each reads better. */
function cleanMessage(message: string): string {
  const lines = message.split('\n').map((l) => l.trim()).filter((l, i, all) => l && all.indexOf(l) === i);
  let text = lines.join('; ');
  if (/unsupported image format/.test(text)) text += ' (sharp reads JPEG, PNG, WebP, GIF, TIFF, AVIF and SVG; not BMP or PPM/PGM)';
  return text;
}

export interface EncodeOptions {
  compressionLevel?: number;
  quality?: number;
}

export async function sharpEncode(pixels: Pixels, format: ImageFormat, options: EncodeOptions): Promise<Uint8Array> {
  const { data, width, height, channels } = pixels;
  const image = sharp(data, { raw: { width, height, channels } });
  // Raw samples are taken as sRGB; one channel is gray, stored as a gray image.
  if (channels <= 2) image.toColourspace('b-w');
  const out = format === 'png'
    ? await image.png({ compressionLevel: options.compressionLevel ?? 6 }).toBuffer()
    : await image.jpeg({ quality: options.quality ?? 75, chromaSubsampling: '4:2:0' }).toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

export type SaveFormat = 'png' | 'jpeg' | 'webp' | 'tiff' | 'gif';

/** Pixels of 1 to 4 channels in any format sharp writes (PIL's Image.save defaults: JPEG quality 75); `file` names them in errors. */
export async function sharpEncodeAny(pixels: Pixels, format: SaveFormat, file: string): Promise<Uint8Array> {
  const { data, width, height, channels } = pixels;
  if (format === 'jpeg' && (channels === 2 || channels === 4)) {
    throw new Error(`cannot write ${file}: a JPEG has no alpha channel, but the image has ${channels} channels (${channels === 4 ? 'RGBA' : 'LA'})`);
  }
  const image = sharp(data, { raw: { width, height, channels } });
  if (channels <= 2) image.toColourspace('b-w');
  const out = await image.toFormat(format, format === 'jpeg' ? { quality: 75 } : format === 'png' ? { compressionLevel: 6 } : {}).toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
