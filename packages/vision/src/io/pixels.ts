/**
 * What torchvision's decoders do to the channels of a decoded image for each ImageReadMode, done
 * here on the pixels a platform decoder returns (HWC, 8 bits), so the result is torchvision's:
 * libpng's colour-to-gray with the coefficients torchvision asks for, alpha stripped or added as 255.
 */
import { readModeName, type ImageReadMode } from './read-mode';

export type ImageFormat = 'png' | 'jpeg';

/** Decoded pixels, HWC, 8 bits per sample. */
export interface Pixels {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/**
 * Gray from RGB. PNG: libpng's integer weights for torchvision's png_set_rgb_to_gray(0.2989, 0.587)
 * (each coefficient truncated to 15 bits, blue the remainder; equal samples stay as they are).
 * JPEG: libjpeg's weights for its RGB-to-gray conversion (Y of Y'CbCr, rounded).
 */
function gray(format: ImageFormat, r: number, g: number, b: number): number {
  if (format === 'png') return r === g && g === b ? r : (9794 * r + 19234 * g + 3740 * b) >> 15;
  return (19595 * r + 38470 * g + 7471 * b + 32768) >> 16;
}

/** `src` in the channels `mode` asks for; `file` names the image in errors. */
export function convertPixels(src: Pixels, format: ImageFormat, mode: ImageReadMode, file: string): Pixels {
  const name = readModeName(mode);
  if (name === 'UNCHANGED') return src;
  if (format === 'jpeg' && (name === 'GRAY_ALPHA' || name === 'RGB_ALPHA')) {
    throw new Error(`${file}: the provided mode (${name}) is not supported for JPEG files (which have no alpha channel): use UNCHANGED, GRAY or RGB`);
  }
  const out = { GRAY: 1, GRAY_ALPHA: 2, RGB: 3, RGB_ALPHA: 4 }[name] as 1 | 2 | 3 | 4;
  if (out === src.channels) return src;
  const n = src.width * src.height;
  const c = src.channels;
  const s = src.data;
  const data = new Uint8Array(n * out);
  const colour = c >= 3;
  const alphaAt = c === 2 ? 1 : c === 4 ? 3 : -1;
  for (let i = 0, p = 0, q = 0; i < n; i++, p += c, q += out) {
    const r = s[p]!;
    const g = colour ? s[p + 1]! : r;
    const b = colour ? s[p + 2]! : r;
    const a = alphaAt < 0 ? 255 : s[p + alphaAt]!;
    if (out <= 2) {
      data[q] = colour ? gray(format, r, g, b) : r;
      if (out === 2) data[q + 1] = a;
    } else {
      data[q] = r;
      data[q + 1] = g;
      data[q + 2] = b;
      if (out === 4) data[q + 3] = a;
    }
  }
  return { data, width: src.width, height: src.height, channels: out };
}

/** The format the bytes' signature says, or null: what torchvision's decode_image recognises. */
export function sniffFormat(bytes: Uint8Array): ImageFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((v, i) => bytes[i] === v)) return 'png';
  return null;
}
