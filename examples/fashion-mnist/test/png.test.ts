import { inflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import type { EpochRecord } from '../src/checkpoint';
import { drawTrainingPlot, niceTicks } from '../src/plot';
import { crc32, encodePng } from '../src/png';

interface Decoded {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  chunks: string[];
  rgb: Uint8Array;
}

/** A strict reader for what encodePng writes: signature, chunk CRCs, IHDR, IDAT scanlines, IEND. */
function decodePng(bytes: Uint8Array): Decoded {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: string[] = [];
  const idat: Uint8Array[] = [];
  let ihdr: DataView | null = null;
  let at = 8;
  while (at < bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const body = bytes.subarray(at + 8, at + 8 + length);
    expect(view.getUint32(at + 8 + length), `CRC of ${type}`).toBe(crc32(bytes.subarray(at + 4, at + 8 + length)));
    chunks.push(type);
    if (type === 'IHDR') ihdr = new DataView(body.buffer, body.byteOffset, body.byteLength);
    if (type === 'IDAT') idat.push(body);
    at += 12 + length;
  }
  expect(at).toBe(bytes.length);
  expect(ihdr).not.toBeNull();
  const width = ihdr!.getUint32(0);
  const height = ihdr!.getUint32(4);
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe((width * 3 + 1) * height);
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 3 + 1)]).toBe(0); // filter type none
    rgb.set(raw.subarray(y * (width * 3 + 1) + 1, (y + 1) * (width * 3 + 1)), y * width * 3);
  }
  return { width, height, bitDepth: ihdr!.getUint8(8), colourType: ihdr!.getUint8(9), chunks, rgb };
}

describe('PNG', () => {
  test('CRC-32 is the standard one', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
  });

  test('an image round-trips: header, chunk CRCs, IHDR fields and every pixel', () => {
    const w = 7;
    const h = 5;
    const rgb = Uint8Array.from({ length: w * h * 3 }, (_, i) => (i * 37) % 256);
    const png = encodePng(w, h, rgb);
    const d = decodePng(png);
    expect(d).toMatchObject({ width: w, height: h, bitDepth: 8, colourType: 2, chunks: ['IHDR', 'IDAT', 'IEND'] });
    expect(d.rgb).toEqual(rgb);
    // The smallest PNG, byte for byte: a 1x1 white pixel (compared with a known-good encoding's IHDR).
    expect([...encodePng(1, 1, Uint8Array.of(255, 255, 255)).subarray(8, 33)]).toEqual([0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde]);
  });

  test('bad sizes are refused', () => {
    expect(() => encodePng(2, 2, new Uint8Array(11))).toThrow('encodePng: expected 12 bytes for 2x2 RGB, got 11');
    expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow('encodePng: bad size 0x2');
  });

  test('the training plot is a valid PNG with both loss curves and the accuracy curve drawn', () => {
    const history: EpochRecord[] = [1, 2, 3, 4].map((epoch) => ({
      epoch, trainLoss: 0.7 / epoch, valLoss: 0.5 / epoch + 0.1, accuracy: 0.8 + epoch / 100, seconds: 30, trainSeconds: 25, valSeconds: 5, rssMiB: 300, liveTensors: 60,
    }));
    const r = drawTrainingPlot(history);
    const d = decodePng(encodePng(r.width, r.height, r.pixels));
    expect([d.width, d.height]).toEqual([1000, 420]);
    const count = (c: [number, number, number]): number => {
      let n = 0;
      for (let i = 0; i < d.rgb.length; i += 3) if (d.rgb[i] === c[0] && d.rgb[i + 1] === c[1] && d.rgb[i + 2] === c[2]) n++;
      return n;
    };
    expect(count([31, 119, 180])).toBeGreaterThan(500); // training loss
    expect(count([255, 127, 14])).toBeGreaterThan(500); // validation loss
    expect(count([44, 160, 44])).toBeGreaterThan(500); // accuracy
  });

  test('axis ticks are round numbers covering the range', () => {
    expect(niceTicks(0.18, 0.71)).toEqual([0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(niceTicks(83, 92)).toEqual([84, 86, 88, 90, 92]);
    expect(niceTicks(1, 20)).toEqual([5, 10, 15, 20]);
  });
});
