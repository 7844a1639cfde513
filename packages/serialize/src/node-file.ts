/**
 * The file-system side of save/load, in Node. Imported lazily so the in-memory readers and writers
 * (saveToBuffer, loadFromBuffer, safetensors.save/load) bundle for browsers without `node:fs`.
 */
import type { ByteSource } from './byte-source';
import { checkRange } from './byte-source';

/** A file path, or a file: URL. */
export type PathLike = string | URL;

type FsPromises = typeof import('node:fs/promises');

async function fs(): Promise<FsPromises> {
  try {
    return await import('node:fs/promises');
  } catch {
    throw new Error('saving to or loading from a path needs Node.js file access; in a browser use saveToBuffer/loadFromBuffer (or safetensors.save/load) with bytes');
  }
}

/** An open file read at random offsets; close() it when done. */
export interface FileSource extends ByteSource {
  close(): Promise<void>;
}

export async function openFileSource(path: PathLike): Promise<FileSource> {
  const handle = await (await fs()).open(path, 'r');
  try {
    const { size } = await handle.stat();
    return {
      size,
      async read(offset, length) {
        checkRange(size, offset, length, 'a read');
        const out = new Uint8Array(length);
        let done = 0;
        while (done < length) {
          const { bytesRead } = await handle.read(out, done, length - done, offset + done);
          if (bytesRead === 0) checkRange(offset + done, offset, length, 'a read (the file shrank while reading)');
          done += bytesRead;
        }
        return out;
      },
      close: () => handle.close(),
    };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/** A sink that receives a file's bytes in order. */
export type ByteSink = (chunk: Uint8Array) => Promise<void>;

/**
 * Writes a file atomically, as a checkpoint must be: the bytes go to a temporary file beside the
 * target, are flushed to disk, and only then renamed over it. A crash or an error midway leaves the
 * old file (or none) — never half a checkpoint.
 */
export async function writeFileAtomic(path: PathLike, produce: (sink: ByteSink) => Promise<void>): Promise<void> {
  const fsp = await fs();
  const target = typeof path === 'string' ? path : (await import('node:url')).fileURLToPath(path);
  const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
  const handle = await fsp.open(temp, 'wx');
  let closed = false;
  try {
    await produce(async (chunk) => {
      let done = 0;
      while (done < chunk.length) {
        const { bytesWritten } = await handle.write(chunk, done, chunk.length - done);
        done += bytesWritten;
      }
    });
    await handle.sync();
    await handle.close();
    closed = true;
    await fsp.rename(temp, target);
  } catch (e) {
    if (!closed) await handle.close().catch(() => undefined);
    await fsp.unlink(temp).catch(() => undefined);
    throw e;
  }
}

/** The file name without directory and extension ('runs/model.pth' → 'model'), as PyTorch names a zip's top folder. */
export function fileStem(path: PathLike): string {
  const s = typeof path === 'string' ? path : path.pathname;
  const base = s.slice(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
