/** Files for torchvision.io in Node: read whole, written atomically (a temporary name, then a rename). */
import { randomBytes } from 'node:crypto';
import { readFile as fsReadFile, rename, rm, writeFile as fsWriteFile } from 'node:fs/promises';

export async function readBytes(path: string, fn: string): Promise<Uint8Array> {
  try {
    const buf = await fsReadFile(path);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${fn}: file not found: ${path}`);
    if (code === 'EISDIR') throw new Error(`${fn}: ${path} is a directory, not a file`);
    throw new Error(`${fn}: cannot read ${path}: ${(e as Error).message}`);
  }
}

/** Writes `bytes` to `path` whole or not at all: a failed write leaves no partial file under that name. */
export async function writeBytes(path: string, bytes: Uint8Array, fn: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fsWriteFile(tmp, bytes, { flag: 'wx' });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new Error(`${fn}: cannot write ${path}: ${(e as Error).message}`);
  }
}
