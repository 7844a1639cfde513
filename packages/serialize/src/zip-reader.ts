/**
 * Reads the zip archives PyTorch ≥ 1.6 writes (stored entries, 64-byte aligned, zip64 end records)
 * and any ordinary zip of stored or deflated entries. Every size and offset the archive states is
 * checked against the file's real size before anything is read or allocated, and every entry's
 * CRC-32 is verified, as PyTorch's reader does.
 */
import type { ByteSource } from './byte-source';
import { checkRange } from './byte-source';
import { crc32 } from './crc32';
import { SerializationError, check } from './errors';

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
/** The largest ratio deflate reaches (258-byte matches coded in about 2 bits): a bound for a lying size. */
const MAX_DEFLATE_RATIO = 1032;

const utf8 = new TextDecoder('utf-8');

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function u64(dv: DataView, at: number, what: string): number {
  const v = dv.getBigUint64(at, true);
  check(v <= BigInt(Number.MAX_SAFE_INTEGER), `corrupt zip archive: ${what} ${v} is too large`);
  return Number(v);
}

export class ZipReader {
  private constructor(
    private readonly source: ByteSource,
    /** Entries by name, in central-directory order. */
    readonly entries: ReadonlyMap<string, ZipEntry>,
    private readonly dataEnd: number,
  ) {}

  /** Reads the central directory; throws a SerializationError if the bytes are not a valid zip archive. */
  static async open(source: ByteSource): Promise<ZipReader> {
    const size = source.size;
    check(size >= EOCD_SIZE, `not a zip archive: ${size} bytes is shorter than a zip's end record`);
    const tailLength = Math.min(size, EOCD_SIZE + 0xffff);
    const tail = await source.read(size - tailLength, tailLength);
    const tv = view(tail);
    let eocd = -1;
    for (let i = tailLength - EOCD_SIZE; i >= 0; i--) {
      if (tv.getUint32(i, true) === EOCD_SIG && i + EOCD_SIZE + tv.getUint16(i + 20, true) <= tailLength) {
        eocd = i;
        break;
      }
    }
    check(eocd >= 0, 'not a zip archive (or a truncated one): no end-of-central-directory record');
    const eocdOffset = size - tailLength + eocd;
    let count = tv.getUint16(eocd + 10, true);
    let cdSize = tv.getUint32(eocd + 12, true);
    let cdOffset = tv.getUint32(eocd + 16, true);
    let cdLimit = eocdOffset;
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      check(eocdOffset >= 20, 'corrupt zip archive: a zip64 archive without its zip64 locator');
      const loc = view(await source.read(eocdOffset - 20, 20));
      check(loc.getUint32(0, true) === ZIP64_LOCATOR_SIG, 'corrupt zip archive: a zip64 archive without its zip64 locator');
      const z64Offset = u64(loc, 8, 'zip64 record offset');
      check(z64Offset + 56 <= eocdOffset - 20, `corrupt zip archive: the zip64 end record at ${z64Offset} lies outside the file`);
      const z = view(await source.read(z64Offset, 56));
      check(z.getUint32(0, true) === ZIP64_EOCD_SIG, 'corrupt zip archive: bad zip64 end-record signature');
      count = u64(z, 32, 'entry count');
      cdSize = u64(z, 40, 'central directory size');
      cdOffset = u64(z, 48, 'central directory offset');
      cdLimit = z64Offset;
    }
    check(cdOffset + cdSize <= cdLimit, `corrupt zip archive: the central directory (${cdSize} bytes at ${cdOffset}) overruns the end records at ${cdLimit}`);
    check(count <= cdSize / CENTRAL_SIZE, `corrupt zip archive: ${count} entries cannot fit in a ${cdSize}-byte central directory`);
    const cd = await source.read(cdOffset, cdSize);
    const dv = view(cd);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let i = 0; i < count; i++) {
      check(p + CENTRAL_SIZE <= cdSize && dv.getUint32(p, true) === CENTRAL_SIG, `corrupt zip archive: central directory entry ${i} is damaged`);
      const flags = dv.getUint16(p + 8, true);
      const method = dv.getUint16(p + 10, true);
      const crc = dv.getUint32(p + 16, true);
      let compressedSize = dv.getUint32(p + 20, true);
      let uncompressedSize = dv.getUint32(p + 24, true);
      const nameLength = dv.getUint16(p + 28, true);
      const extraLength = dv.getUint16(p + 30, true);
      const commentLength = dv.getUint16(p + 32, true);
      let localHeaderOffset = dv.getUint32(p + 42, true);
      const end = p + CENTRAL_SIZE + nameLength + extraLength + commentLength;
      check(end <= cdSize, `corrupt zip archive: central directory entry ${i} overruns the directory`);
      const name = utf8.decode(cd.subarray(p + CENTRAL_SIZE, p + CENTRAL_SIZE + nameLength));
      // Zip64 extended information: only the fields whose 32-bit value is saturated are present, in this order.
      let x = p + CENTRAL_SIZE + nameLength;
      const xEnd = x + extraLength;
      while (x + 4 <= xEnd) {
        const id = dv.getUint16(x, true);
        const len = dv.getUint16(x + 2, true);
        check(x + 4 + len <= xEnd, `corrupt zip archive: an extra field of '${name}' overruns its entry`);
        if (id === 0x0001) {
          let q = x + 4;
          const next = (what: string): number => {
            check(q + 8 <= x + 4 + len, `corrupt zip archive: the zip64 field of '${name}' is too short`);
            const v = u64(dv, q, what);
            q += 8;
            return v;
          };
          if (uncompressedSize === 0xffffffff) uncompressedSize = next('entry size');
          if (compressedSize === 0xffffffff) compressedSize = next('compressed entry size');
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = next('entry offset');
        }
        x += 4 + len;
      }
      if (flags & 1) throw new SerializationError(`zip entry '${name}' is encrypted, which is not supported`);
      check(localHeaderOffset + LOCAL_SIZE + compressedSize <= cdOffset, `corrupt zip archive: entry '${name}' (${compressedSize} bytes at ${localHeaderOffset}) lies outside the file's data`);
      check(!entries.has(name), `corrupt zip archive: the entry '${name}' appears twice`);
      entries.set(name, { name, method, crc, compressedSize, size: uncompressedSize, localHeaderOffset });
      p = end;
    }
    return new ZipReader(source, entries, cdOffset);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Where an entry's stored bytes begin (after its local header), checked against the archive. */
  async dataOffset(entry: ZipEntry): Promise<number> {
    checkRange(this.dataEnd, entry.localHeaderOffset, LOCAL_SIZE, `the local header of '${entry.name}'`);
    const h = view(await this.source.read(entry.localHeaderOffset, LOCAL_SIZE));
    check(h.getUint32(0, true) === LOCAL_SIG, `corrupt zip archive: the local header of '${entry.name}' is damaged`);
    const start = entry.localHeaderOffset + LOCAL_SIZE + h.getUint16(26, true) + h.getUint16(28, true);
    check(start + entry.compressedSize <= this.dataEnd, `corrupt zip archive: the data of '${entry.name}' (${entry.compressedSize} bytes at ${start}) overruns the archive`);
    return start;
  }

  /** The entry's bytes, decompressed and CRC-checked. */
  async read(name: string): Promise<Uint8Array> {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new SerializationError(`the archive has no entry '${name}'`);
    const start = await this.dataOffset(entry);
    const raw = await this.source.read(start, entry.compressedSize);
    let data: Uint8Array;
    if (entry.method === 0) {
      check(entry.size === entry.compressedSize, `corrupt zip archive: the stored entry '${name}' states two sizes (${entry.size} and ${entry.compressedSize})`);
      data = raw;
    } else if (entry.method === 8) {
      data = await inflateRaw(raw, entry.size, name);
    } else {
      throw new SerializationError(`zip entry '${name}' uses compression method ${entry.method}; only stored (0) and deflated (8) entries are supported`);
    }
    const actual = crc32(data);
    check(actual === entry.crc, () => `corrupt zip archive: CRC-32 mismatch in '${name}' (stored ${hex(entry.crc)}, computed ${hex(actual)})`);
    return data;
  }
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

/** Inflates raw deflate data that must come out exactly `size` bytes long, stopping as soon as it would not. */
async function inflateRaw(compressed: Uint8Array, size: number, name: string): Promise<Uint8Array> {
  check(size <= compressed.length * MAX_DEFLATE_RATIO + 64, `corrupt zip archive: '${name}' claims ${size} bytes from ${compressed.length} compressed bytes`);
  if (typeof DecompressionStream === 'undefined') throw new SerializationError(`zip entry '${name}' is deflated and this runtime has no DecompressionStream`);
  // Chunks, not one buffer of the stated size: memory follows what actually inflates.
  const chunks: Uint8Array[] = [];
  let filled = 0;
  const stream = new Blob([compressed.slice()]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  try {
    for (;;) {
      let step: ReadableStreamReadResult<Uint8Array>;
      try {
        step = await reader.read();
      } catch (e) {
        throw new SerializationError(`corrupt zip archive: '${name}' does not inflate (${(e as Error).message})`);
      }
      if (step.done) break;
      check(filled + step.value.length <= size, `corrupt zip archive: '${name}' inflates to more than its stated ${size} bytes`);
      chunks.push(step.value);
      filled += step.value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  check(filled === size, `corrupt zip archive: '${name}' inflates to ${filled} bytes, not its stated ${size}`);
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
