/**
 * The channel count a PNG or JPEG file declares in its header: what a browser's decoder hides (it
 * always hands over RGBA), needed to give torchvision's UNCHANGED mode the file's own channels.
 */
import type { ImageFormat } from './pixels';

/** PNG: the IHDR colour type; palette images count as RGB (their colours, with alpha if they have tRNS). */
function pngChannels(bytes: Uint8Array): 1 | 2 | 3 | 4 | null {
  if (bytes.length < 26) return null;
  const bitDepth = bytes[24]!;
  const colourType = bytes[25]!;
  if (bitDepth > 8) return null;
  const table: Record<number, 1 | 2 | 3 | 4> = { 0: 1, 2: 3, 3: 3, 4: 2, 6: 4 };
  let channels = table[colourType] ?? null;
  if (colourType === 3 && hasPngChunk(bytes, 'tRNS')) channels = 4;
  return channels;
}

function hasPngChunk(bytes: Uint8Array, type: string): boolean {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let pos = 8; pos + 8 <= bytes.length; ) {
    const length = dv.getUint32(pos);
    const name = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (name === type) return true;
    if (name === 'IDAT' || name === 'IEND') return false;
    pos += 12 + length;
  }
  return false;
}

/** JPEG: the component count of the first start-of-frame marker (1 gray, 3 colour). */
function jpegChannels(bytes: Uint8Array): 1 | 3 | null {
  for (let pos = 2; pos + 4 <= bytes.length; ) {
    if (bytes[pos] !== 0xff) return null;
    const marker = bytes[pos + 1]!;
    const length = (bytes[pos + 2]! << 8) | bytes[pos + 3]!;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      const components = bytes[pos + 9];
      return components === 1 ? 1 : components === 3 ? 3 : null;
    }
    pos += 2 + length;
  }
  return null;
}

/** The channels the file stores, or null when the header is cut short or says something unsupported. */
export function declaredChannels(bytes: Uint8Array, format: ImageFormat): 1 | 2 | 3 | 4 | null {
  return format === 'png' ? pngChannels(bytes) : jpegChannels(bytes);
}

/** Whether a PNG stores more than 8 bits per sample (torchvision 0.14 refuses those). */
export function isDeepPng(bytes: Uint8Array): boolean {
  return bytes.length >= 25 && bytes[24]! > 8;
}
