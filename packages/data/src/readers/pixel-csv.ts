/**
 * The CSV form of Fashion-MNIST (Kaggle's fashion-mnist_train.csv): an optional header line, then one
 * line per image: the label, then 784 pixel values 0–255. Parsed byte by byte, so the 130 MB file
 * needs no string per value.
 */
import { readMaybeGzip } from './idx';

export interface LabelledPixels {
  readonly file: string;
  /** Images one after another, `pixels` values each. */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
  readonly pixels: number;
}

export interface PixelCsvOptions {
  /** Pixel values per row (default 784 = 28 × 28). */
  pixels?: number;
  /** Labels must lie in [0, numClasses) (default 10). */
  numClasses?: number;
}

/**
 * Reads a label-then-pixels CSV file (`.gz` too). A row with the wrong number of values, a value that
 * is not an integer 0–255, or a label out of range fails with the file, the line and the sample index.
 *
 * @example
 * const { images, labels, count } = readPixelCsv('./FashionMNIST/fashion-mnist_train.csv'); // 60000 images
 */
export function readPixelCsv(file: string, options: PixelCsvOptions = {}): LabelledPixels {
  const pixels = options.pixels ?? 784;
  const numClasses = options.numClasses ?? 10;
  const { bytes } = readMaybeGzip(file);
  const width = pixels + 1;
  let images: Uint8Array = new Uint8Array(pixels * 1024);
  let labels: Uint8Array = new Uint8Array(1024);
  let count = 0;
  let line = 0;
  let pos = 0;
  const n = bytes.length;
  const row = new Int32Array(width);

  while (pos < n) {
    line++;
    const start = pos;
    let end = bytes.indexOf(0x0a, pos);
    if (end < 0) end = n;
    pos = end + 1;
    let stop = end;
    if (stop > start && bytes[stop - 1] === 0x0d) stop--;
    if (stop === start) continue; // blank line
    if (count === 0 && line === 1 && !isDigit(bytes[start]!) && bytes[start] !== 0x2d) continue; // header: label,pixel1,…
    const where = (): string => `${file} line ${line} (sample ${count})`;
    let fields = 0;
    let value = 0;
    let digits = 0;
    let bad = false;
    for (let i = start; i <= stop; i++) {
      const c = i < stop ? bytes[i]! : 0x2c;
      if (c === 0x2c) {
        if (digits === 0 || bad) {
          const text = new TextDecoder().decode(bytes.subarray(fieldStart(bytes, start, i), i)).trim();
          throw new Error(`${where()}, column ${fields + 1}: ${JSON.stringify(text)} is not ${fields === 0 ? `a label (an integer 0 … ${numClasses - 1})` : 'a pixel value (an integer 0–255)'}`);
        }
        if (fields < width) row[fields] = value;
        fields++;
        value = 0;
        digits = 0;
        bad = false;
      } else if (isDigit(c)) {
        value = Math.min(value * 10 + (c - 0x30), 1e9);
        digits++;
      } else if (c !== 0x20 && c !== 0x09) bad = true;
    }
    if (fields !== width) {
      throw new Error(`${where()} has ${fields - 1} pixel values, expected ${pixels} (a label, then ${pixels} pixels)`);
    }
    if (row[0]! >= numClasses) throw new Error(`${where()}: label ${row[0]} is out of range: expected 0 … ${numClasses - 1}`);
    for (let p = 1; p < width; p++) {
      if (row[p]! > 255) throw new Error(`${where()}, column ${p + 1}: pixel value ${row[p]} is out of range 0–255`);
    }
    if (count === labels.length) {
      labels = grow(labels, count * 2);
      images = grow(images, count * 2 * pixels);
    }
    labels[count] = row[0]!;
    for (let p = 0; p < pixels; p++) images[count * pixels + p] = row[p + 1]!;
    count++;
  }
  return { file, images: images.slice(0, count * pixels), labels: labels.slice(0, count), count, pixels };
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function fieldStart(bytes: Uint8Array, lineStart: number, comma: number): number {
  let i = comma;
  while (i > lineStart && bytes[i - 1] !== 0x2c) i--;
  return i;
}

function grow(a: Uint8Array, size: number): Uint8Array {
  const b = new Uint8Array(size);
  b.set(a);
  return b;
}
