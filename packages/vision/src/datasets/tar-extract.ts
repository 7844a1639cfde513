/**
 * Unpacking a downloaded .tar.gz (the archive CIFAR ships in): gunzip, then the tar format's
 * 512-byte headers (ustar and GNU long names); regular files and folders only, nothing written
 * outside the destination.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';

function field(block: Uint8Array, start: number, length: number): string {
  const bytes = block.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
}

function octal(block: Uint8Array, start: number, length: number, archive: string): number {
  const text = field(block, start, length).trim();
  const n = text === '' ? 0 : parseInt(text, 8);
  if (!Number.isFinite(n)) throw new Error(`${archive} is not a tar archive: a header has the size field '${text}'`);
  return n;
}

/** Extracts `archive` (.tar.gz or .tar) into `dest`; returns the paths written, relative to `dest`. */
export function extractTarGz(archive: string, dest: string): string[] {
  const raw = readFileSync(archive);
  let tar: Uint8Array;
  try {
    tar = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
  } catch (e) {
    throw new Error(`${archive} is truncated or corrupt: ${(e as Error).message}`);
  }
  const root = resolve(dest);
  const written: string[] = [];
  let longName: string | null = null;
  for (let pos = 0; pos + 512 <= tar.length; ) {
    const header = tar.subarray(pos, pos + 512);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12, archive);
    const type = String.fromCharCode(header[156]!);
    const magic = field(header, 257, 6);
    const prefix = magic.startsWith('ustar') ? field(header, 345, 155) : '';
    const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = null;
    const body = tar.subarray(pos + 512, pos + 512 + size);
    if (body.length < size) throw new Error(`${archive} is truncated: ${name} needs ${size} bytes, ${body.length} remain`);
    pos += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = field(body, 0, size);
      continue;
    }
    const target = resolve(root, name);
    if (target !== root && !target.startsWith(root + sep)) throw new Error(`${archive} holds ${name}, which would be written outside ${dest}`);
    if (type === '5') mkdirSync(target, { recursive: true });
    else if (type === '0' || type === '\0') {
      mkdirSync(dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.part`;
      writeFileSync(tmp, body);
      renameSync(tmp, target);
      written.push(name);
    }
  }
  return written.map((n) => join(n));
}
