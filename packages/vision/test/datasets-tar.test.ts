import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { extractTarGz } from '../src/datasets/tar-extract';

const tmp = mkdtempSync(join(tmpdir(), 'vision-tar-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** One tar entry: a ustar header (name, size in octal, type) and the body padded to 512 bytes. */
function entry(name: string, body: Uint8Array, type = '0'): Uint8Array {
  const header = new Uint8Array(512);
  header.set(new TextEncoder().encode(name), 0);
  header.set(new TextEncoder().encode(`${body.length.toString(8).padStart(11, '0')}\0`), 124);
  header[156] = type.charCodeAt(0);
  header.set(new TextEncoder().encode('ustar\0'), 257);
  const out = new Uint8Array(512 + Math.ceil(body.length / 512) * 512);
  out.set(header);
  out.set(body, 512);
  return out;
}

function archive(...entries: Uint8Array[]): string {
  const tar = Buffer.concat([...entries, new Uint8Array(1024)]);
  const path = join(tmp, `a${Math.random().toString(36).slice(2)}.tar.gz`);
  writeFileSync(path, gzipSync(tar));
  return path;
}

describe('extractTarGz', () => {
  it('writes regular files and folders, GNU long names included', () => {
    const long = `${'d'.repeat(120)}/f.bin`;
    const path = archive(
      entry('top/', new Uint8Array(0), '5'),
      entry('top/a.txt', new TextEncoder().encode('hello')),
      entry('././@LongLink', new TextEncoder().encode(`${long}\0`), 'L'),
      entry(long.slice(0, 100), new Uint8Array(600).fill(7)),
    );
    const out = join(tmp, 'out');
    expect(extractTarGz(path, out)).toEqual(['top/a.txt', long]);
    expect(readFileSync(join(out, 'top', 'a.txt'), 'utf8')).toBe('hello');
    expect(readFileSync(join(out, long)).length).toBe(600);
  });

  it('refuses an entry that would land outside the destination, and a truncated archive', () => {
    expect(() => extractTarGz(archive(entry('../evil.txt', new Uint8Array(3))), join(tmp, 'safe'))).toThrow(/holds \.\.\/evil\.txt, which would be written outside/);
    const cut = join(tmp, 'cut.tar.gz');
    writeFileSync(cut, readFileSync(archive(entry('x.bin', new Uint8Array(2000)))).subarray(0, 40));
    expect(() => extractTarGz(cut, join(tmp, 'cut'))).toThrow(/cut\.tar\.gz is truncated or corrupt/);
  });
});
