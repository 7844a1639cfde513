/**
 * IDX files, the format of MNIST and Fashion-MNIST (gzip-compressed or not): a big-endian header of
 * two zero bytes, a type code, the number of dimensions and each dimension, then the values.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { DType, Tensor } from '@x/tensor';
import { tensorFromElements } from '../raw-tensor';

export interface IdxData {
  /** The file it came from. */
  readonly file: string;
  /** The tensor dtype the values are read into (int8 and int16 widen to int32: there is no int8/int16 dtype). */
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly data: Uint8Array | Int32Array | Float32Array | Float64Array;
}

interface IdxType {
  name: string;
  bytes: number;
  dtype: DType;
  read(view: DataView, offset: number): number;
}

const TYPES: Record<number, IdxType> = {
  0x08: { name: 'unsigned byte', bytes: 1, dtype: 'uint8', read: (v, o) => v.getUint8(o) },
  0x09: { name: 'signed byte', bytes: 1, dtype: 'int32', read: (v, o) => v.getInt8(o) },
  0x0b: { name: 'short', bytes: 2, dtype: 'int32', read: (v, o) => v.getInt16(o) },
  0x0c: { name: 'int', bytes: 4, dtype: 'int32', read: (v, o) => v.getInt32(o) },
  0x0d: { name: 'float', bytes: 4, dtype: 'float32', read: (v, o) => v.getFloat32(o) },
  0x0e: { name: 'double', bytes: 8, dtype: 'float64', read: (v, o) => v.getFloat64(o) },
};

function hex(b: number | undefined): string {
  return b === undefined ? 'nothing' : `0x${b.toString(16).padStart(2, '0')}`;
}

/** The file's bytes, gunzipped when they start with gzip's magic number; errors name the file. */
export function readMaybeGzip(file: string): { bytes: Uint8Array; gzip: boolean } {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`file not found: ${file}`);
    if (code === 'EISDIR') throw new Error(`${file} is a directory, not a data file`);
    throw new Error(`cannot read ${file}: ${(e as Error).message}`);
  }
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      return { bytes: gunzipSync(raw), gzip: true };
    } catch (e) {
      throw new Error(`${file} is truncated or corrupt: its gzip data could not be decompressed (${(e as Error).message}); the file has ${raw.length} bytes`);
    }
  }
  return { bytes: raw, gzip: false };
}

/** Parses IDX bytes; `file` names them in errors. */
export function parseIdx(bytes: Uint8Array, file: string, gzip = false): IdxData {
  const what = gzip ? 'decompressed, it has' : 'it has';
  if (bytes.length < 4) throw new Error(`${file} is truncated: an IDX file starts with a 4-byte magic number, but ${what} ${bytes.length} bytes`);
  const type = TYPES[bytes[2]!];
  const ndim = bytes[3]!;
  if (bytes[0] !== 0 || bytes[1] !== 0 || !type || ndim === 0) {
    throw new Error(
      `${file} is not an IDX file: it starts with ${[0, 1, 2, 3].map((i) => hex(bytes[i])).join(' ')}, ` +
        'expected 0x00 0x00, a type code (0x08 unsigned byte … 0x0e double) and the number of dimensions',
    );
  }
  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes) {
    throw new Error(`${file} is truncated: its IDX header needs ${headerBytes} bytes for ${ndim} dimensions, but ${what} ${bytes.length} bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape = Array.from({ length: ndim }, (_, i) => view.getUint32(4 + 4 * i));
  const count = shape.reduce((a, b) => a * b, 1);
  const expected = headerBytes + count * type.bytes;
  if (bytes.length !== expected) {
    const problem = bytes.length < expected ? 'is truncated' : 'has trailing bytes';
    throw new Error(
      `${file} ${problem}: its header says ${shape.join('x')} ${type.name} values, ${expected} bytes with the header, but ${what} ${bytes.length} bytes`,
    );
  }
  let data: IdxData['data'];
  if (type.dtype === 'uint8') data = bytes.slice(headerBytes, expected);
  else {
    data = type.dtype === 'int32' ? new Int32Array(count) : type.dtype === 'float32' ? new Float32Array(count) : new Float64Array(count);
    for (let i = 0, o = headerBytes; i < count; i++, o += type.bytes) data[i] = type.read(view, o);
  }
  return { file, dtype: type.dtype, shape, data };
}

/**
 * Reads an IDX file (`.gz` or not; gzip is recognised by its content). Errors name the file and,
 * for a short or long file, the byte counts the header implies and the file has.
 *
 * @example
 * const { shape, data } = readIdx('/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz'); // [10000, 28, 28]
 */
export function readIdx(file: string): IdxData {
  const { bytes, gzip } = readMaybeGzip(file);
  return parseIdx(bytes, file, gzip);
}

/** readIdx as a tensor (uint8 for MNIST's images and labels). */
export function readIdxTensor(file: string): Tensor {
  const { data, shape, dtype } = readIdx(file);
  return tensorFromElements(data, shape, dtype);
}
