/**
 * Random access to the bytes of a file or buffer, so a reader takes only the parts it needs (the zip
 * directory, one record at a time) and never holds a large checkpoint in memory twice.
 */
import { SerializationError } from './errors';

export interface ByteSource {
  /** Total length in bytes. */
  readonly size: number;
  /** Exactly `length` bytes from `offset`; throws a SerializationError past the end. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** Throws unless [offset, offset + length) lies inside a source of `size` bytes. */
export function checkRange(size: number, offset: number, length: number, what: string): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > size) {
    throw new SerializationError(`unexpected end of file: ${what} needs ${length} bytes at offset ${offset}, but the file has ${size} bytes`);
  }
}

/** A source over bytes already in memory; reads are views (no copy). */
export function memorySource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(offset, length) {
      checkRange(bytes.length, offset, length, 'a read');
      return Promise.resolve(bytes.subarray(offset, offset + length));
    },
  };
}

/** Bytes given as a Uint8Array, an ArrayBuffer or another typed-array view, as one Uint8Array view. */
export function asBytes(data: Uint8Array | ArrayBuffer | ArrayBufferView): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError(`expected bytes (a Uint8Array or an ArrayBuffer), but got ${data === null ? 'null' : typeof data}`);
}
