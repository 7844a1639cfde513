/**
 * Writes zip archives the way PyTorch's writer does: entries stored uncompressed, each entry's data
 * aligned to 64 bytes by padding its local header with an extra field (so a reader can map storages
 * in place), and zip64 records wherever a size or offset passes 4 GiB. The archive is produced as a
 * stream of chunks, so a checkpoint is never assembled in memory as a whole.
 */
import { crc32 } from './crc32';

export interface ZipWriterOptions {
  /** Entry data is aligned to this many bytes (PyTorch: 64). */
  align?: number;
  /** Sizes and offsets at or above this use zip64 records (0xffffffff; lower only to test the zip64 path). */
  zip64Threshold?: number;
}

interface Written {
  name: Uint8Array;
  crc: number;
  size: number;
  offset: number;
  utf8: boolean;
}

const utf8 = new TextEncoder();
// 1980-01-01 00:00, the earliest DOS time: fixed so the same object always gives the same bytes.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

export class ZipWriter {
  private offset = 0;
  private readonly written: Written[] = [];
  private readonly align: number;
  private readonly threshold: number;

  constructor(
    private readonly sink: (chunk: Uint8Array) => Promise<void> | void,
    options: ZipWriterOptions = {},
  ) {
    this.align = options.align ?? 64;
    this.threshold = options.zip64Threshold ?? 0xffffffff;
  }

  private async emit(chunk: Uint8Array): Promise<void> {
    if (chunk.length === 0) return;
    await this.sink(chunk);
    this.offset += chunk.length;
  }

  /** Adds one stored entry whose data is the concatenation of `parts`. */
  async add(name: string, parts: Uint8Array | readonly Uint8Array[]): Promise<void> {
    const chunks = parts instanceof Uint8Array ? [parts] : parts;
    let crc = 0;
    let size = 0;
    for (const c of chunks) {
      crc = crc32(c, crc);
      size += c.length;
    }
    const nameBytes = utf8.encode(name);
    const offset = this.offset;
    const zip64 = size >= this.threshold || offset >= this.threshold;
    const headerEnd = offset + 30 + nameBytes.length + (zip64 ? 20 : 0);
    const pad = (this.align - ((headerEnd + 4) % this.align)) % this.align;
    const extraLength = (zip64 ? 20 : 0) + 4 + pad;
    const header = new Uint8Array(30 + nameBytes.length + extraLength);
    const h = new DataView(header.buffer);
    const isUtf8 = nameBytes.length !== name.length;
    h.setUint32(0, 0x04034b50, true);
    h.setUint16(4, zip64 ? 45 : 20, true);
    h.setUint16(6, isUtf8 ? 0x0800 : 0, true);
    h.setUint16(8, 0, true);
    h.setUint16(10, DOS_TIME, true);
    h.setUint16(12, DOS_DATE, true);
    h.setUint32(14, crc, true);
    h.setUint32(18, zip64 ? 0xffffffff : size, true);
    h.setUint32(22, zip64 ? 0xffffffff : size, true);
    h.setUint16(26, nameBytes.length, true);
    h.setUint16(28, extraLength, true);
    header.set(nameBytes, 30);
    let x = 30 + nameBytes.length;
    if (zip64) {
      h.setUint16(x, 0x0001, true);
      h.setUint16(x + 2, 16, true);
      h.setBigUint64(x + 4, BigInt(size), true);
      h.setBigUint64(x + 12, BigInt(size), true);
      x += 20;
    }
    h.setUint16(x, 0x4246, true); // 'FB', PyTorch's padding field
    h.setUint16(x + 2, pad, true);
    header.fill(0x5a, x + 4); // 'Z', as PyTorch pads
    await this.emit(header);
    for (const c of chunks) await this.emit(c);
    this.written.push({ name: nameBytes, crc, size, offset, utf8: isUtf8 });
  }

  /** Writes the central directory and end records; the archive is complete after this. */
  async finish(): Promise<void> {
    const cdOffset = this.offset;
    for (const e of this.written) {
      const zip64 = e.size >= this.threshold || e.offset >= this.threshold;
      const rec = new Uint8Array(46 + e.name.length + (zip64 ? 28 : 0));
      const d = new DataView(rec.buffer);
      d.setUint32(0, 0x02014b50, true);
      d.setUint16(4, (3 << 8) | 45, true); // made by: Unix, zip 4.5
      d.setUint16(6, zip64 ? 45 : 20, true);
      d.setUint16(8, e.utf8 ? 0x0800 : 0, true);
      d.setUint16(10, 0, true);
      d.setUint16(12, DOS_TIME, true);
      d.setUint16(14, DOS_DATE, true);
      d.setUint32(16, e.crc, true);
      d.setUint32(20, zip64 ? 0xffffffff : e.size, true);
      d.setUint32(24, zip64 ? 0xffffffff : e.size, true);
      d.setUint16(28, e.name.length, true);
      d.setUint16(30, zip64 ? 28 : 0, true);
      d.setUint32(38, (0o100644 << 16) >>> 0, true);
      d.setUint32(42, zip64 ? 0xffffffff : e.offset, true);
      rec.set(e.name, 46);
      if (zip64) {
        const x = 46 + e.name.length;
        d.setUint16(x, 0x0001, true);
        d.setUint16(x + 2, 24, true);
        d.setBigUint64(x + 4, BigInt(e.size), true);
        d.setBigUint64(x + 12, BigInt(e.size), true);
        d.setBigUint64(x + 20, BigInt(e.offset), true);
      }
      await this.emit(rec);
    }
    const cdSize = this.offset - cdOffset;
    const count = this.written.length;
    const zip64 = count >= 0xffff || cdSize >= this.threshold || cdOffset >= this.threshold;
    if (zip64) {
      const z64Offset = this.offset;
      const rec = new Uint8Array(56 + 20);
      const d = new DataView(rec.buffer);
      d.setUint32(0, 0x06064b50, true);
      d.setBigUint64(4, 44n, true);
      d.setUint16(12, (3 << 8) | 45, true);
      d.setUint16(14, 45, true);
      d.setBigUint64(24, BigInt(count), true);
      d.setBigUint64(32, BigInt(count), true);
      d.setBigUint64(40, BigInt(cdSize), true);
      d.setBigUint64(48, BigInt(cdOffset), true);
      d.setUint32(56, 0x07064b50, true);
      d.setBigUint64(56 + 8, BigInt(z64Offset), true);
      d.setUint32(56 + 16, 1, true);
      await this.emit(rec);
    }
    const end = new Uint8Array(22);
    const d = new DataView(end.buffer);
    d.setUint32(0, 0x06054b50, true);
    d.setUint16(8, zip64 ? 0xffff : count, true);
    d.setUint16(10, zip64 ? 0xffff : count, true);
    d.setUint32(12, zip64 ? 0xffffffff : cdSize, true);
    d.setUint32(16, zip64 ? 0xffffffff : cdOffset, true);
    await this.emit(end);
  }
}
