/** The zip reader and writer: CRC-32, alignment, zip64, deflate, and checks on what the archive claims. */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SerializationError, loadFromBuffer, saveToBuffer } from '../src/index';
import { crc32 } from '../src/crc32';
import { memorySource } from '../src/byte-source';
import { ZipReader } from '../src/zip-reader';
import { ZipWriter, type ZipWriterOptions } from '../src/zip-writer';
import * as torch from '@x/tensor';

const enc = new TextEncoder();

async function zipOf(entries: [string, Uint8Array][], options?: ZipWriterOptions): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const w = new ZipWriter((c) => void chunks.push(c.slice()), options);
  for (const [name, data] of entries) await w.add(name, data);
  await w.finish();
  return new Uint8Array(Buffer.concat(chunks));
}

describe('zip', () => {
  it('crc32 matches the standard check value and continues across chunks', () => {
    const data = enc.encode('123456789');
    expect(crc32(data)).toBe(0xcbf43926);
    expect(crc32(data.subarray(4), crc32(data.subarray(0, 4)))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    const big = new Uint8Array(100003).map((_, i) => (i * 31) & 255);
    let c = 0;
    for (let i = 0; i < big.length; i += 997) c = crc32(big.subarray(i, i + 997), c);
    expect(c).toBe(crc32(big));
  });

  it.each([['plain', {}], ['zip64', { zip64Threshold: 0 }]] as const)('writes and reads back entries (%s), data aligned to 64 bytes', async (_, options) => {
    const entries: [string, Uint8Array][] = [['a/data.pkl', enc.encode('hello')], ['a/data/0', new Uint8Array(1000).fill(7)], ['a/ünïcode', new Uint8Array()]];
    const bytes = await zipOf(entries, options);
    const zip = await ZipReader.open(memorySource(bytes));
    expect([...zip.entries.keys()]).toEqual(entries.map(([n]) => n));
    for (const [name, data] of entries) {
      expect(await zip.read(name)).toEqual(data);
      expect((await zip.dataOffset(zip.entries.get(name)!)) % 64).toBe(0);
    }
  });

  it('reads deflated entries, bounded by their stated size', async () => {
    const data = enc.encode('abc'.repeat(1000));
    const stored = await zipOf([['x', data]]);
    const zip = await ZipReader.open(memorySource(stored));
    const entry = zip.entries.get('x')!;
    const start = await zip.dataOffset(entry);
    // Rebuild the archive with the entry deflated (as zip tools do).
    const deflated = deflateRawSync(data);
    const local = stored.slice(0, start);
    const dl = new DataView(local.buffer);
    dl.setUint16(8, 8, true);
    dl.setUint32(18, deflated.length, true);
    const cdStart = start + data.length;
    const rest = stored.slice(cdStart);
    const dr = new DataView(rest.buffer);
    dr.setUint16(10, 8, true);
    dr.setUint32(20, deflated.length, true);
    const eocd = rest.length - 22;
    dr.setUint32(eocd + 16, start + deflated.length, true);
    const archive = new Uint8Array(Buffer.concat([local, deflated, rest]));
    const z2 = await ZipReader.open(memorySource(archive));
    expect(await z2.read('x')).toEqual(data);
    // A lying uncompressed size is caught while inflating, not trusted.
    dr.setUint32(24, 10, true);
    const lying = new Uint8Array(Buffer.concat([local, deflated, rest]));
    await expect((await ZipReader.open(memorySource(lying))).read('x')).rejects.toThrow(/inflates to more than its stated 10 bytes/);
  });

  it('refuses a corrupted entry by its CRC, and lying sizes and offsets before reading', async () => {
    const bytes = await zipOf([['a', new Uint8Array(100).fill(1)]]);
    const flipped = bytes.slice();
    flipped[64 + 10] ^= 1;
    await expect((await ZipReader.open(memorySource(flipped))).read('a')).rejects.toThrow(/CRC-32 mismatch/);
    const cdAt = bytes.length - 22 - 46 - 1;
    const huge = bytes.slice();
    new DataView(huge.buffer).setUint32(cdAt + 24, 0xfffffff0, true);
    new DataView(huge.buffer).setUint32(cdAt + 20, 0xfffffff0, true);
    await expect(ZipReader.open(memorySource(huge))).rejects.toThrow(/lies outside/);
    const count = bytes.slice();
    new DataView(count.buffer).setUint16(count.length - 22 + 10, 60000, true);
    await expect(ZipReader.open(memorySource(count))).rejects.toThrow(SerializationError);
    await expect(ZipReader.open(memorySource(bytes.subarray(0, bytes.length - 1)))).rejects.toThrow(/end-of-central-directory/);
  });

  it('a checkpoint written with zip64 records loads', async () => {
    const t = torch.arange(10, { dtype: 'float32' });
    const back = (await loadFromBuffer(await saveToBuffer({ t }, { zip64Threshold: 0 }))) as { t: torch.Tensor };
    expect(back.t.tolist()).toEqual(t.tolist());
  });
});
