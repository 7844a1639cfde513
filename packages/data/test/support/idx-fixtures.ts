/** Small IDX files written by the tests (MNIST's format: big-endian header, then the values). */
import { gzipSync } from 'node:zlib';

const CODES = { uint8: 0x08, int8: 0x09, int16: 0x0b, int32: 0x0c, float32: 0x0d, float64: 0x0e } as const;
const SIZES = { uint8: 1, int8: 1, int16: 2, int32: 4, float32: 4, float64: 8 } as const;

export function idxBytes(type: keyof typeof CODES, shape: number[], values: ArrayLike<number>): Buffer {
  const header = 4 + 4 * shape.length;
  const buf = Buffer.alloc(header + values.length * SIZES[type]);
  buf[2] = CODES[type];
  buf[3] = shape.length;
  shape.forEach((d, i) => buf.writeUInt32BE(d, 4 + 4 * i));
  for (let i = 0; i < values.length; i++) {
    const o = header + i * SIZES[type];
    const v = values[i]!;
    if (type === 'uint8') buf.writeUInt8(v, o);
    else if (type === 'int8') buf.writeInt8(v, o);
    else if (type === 'int16') buf.writeInt16BE(v, o);
    else if (type === 'int32') buf.writeInt32BE(v, o);
    else if (type === 'float32') buf.writeFloatBE(v, o);
    else buf.writeDoubleBE(v, o);
  }
  return buf;
}

/** n images of 28×28 whose pixels are (image index × 7 + pixel index) mod 256, and labels i mod 10. */
export function mnistSplit(n: number): { images: Buffer; labels: Buffer } {
  const pixels = Uint8Array.from({ length: n * 784 }, (_, k) => (Math.floor(k / 784) * 7 + (k % 784)) % 256);
  return { images: idxBytes('uint8', [n, 28, 28], pixels), labels: idxBytes('uint8', [n], Uint8Array.from({ length: n }, (_, i) => i % 10)) };
}

export const gzip = (b: Buffer): Buffer => gzipSync(b);
