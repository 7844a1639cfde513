/**
 * Downloads a weights file into the cache: into `<file>.partial` beside it, resumed with an HTTP
 * Range request after a cut connection (here, up to `retries` times, and by a later call that finds
 * the partial file), checked against a SHA-256 when one is known, then renamed into place, so the
 * cache never holds a half-written or wrong file under the final name.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface DownloadProgress {
  url: string;
  received: number;
  /** Bytes in all, when the server says. */
  total: number | undefined;
}

export interface DownloadOptions {
  /** Expected SHA-256 (hex, or its first 8+ characters as in torch.hub file names). */
  sha256?: string;
  /** true: a progress bar on stderr (default); false: quiet; a function: called as bytes arrive. */
  progress?: boolean | ((p: DownloadProgress) => void);
  /** How many times a cut connection is resumed within this call (default 3). */
  retries?: number;
}

class CutConnection extends Error {}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

async function sha256Of(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

function fmtBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${n.toFixed(i === 0 ? 0 : 1)}${units[i]}`;
}

/** A tqdm-like line: ' 42%|████▏     | 18.8MB/44.7MB'. */
function bar(received: number, total: number | undefined): string {
  if (!total) return `${fmtBytes(received)}`;
  const frac = Math.min(1, received / total);
  const width = 30;
  const filled = Math.round(frac * width);
  return `${String(Math.floor(frac * 100)).padStart(3)}%|${'█'.repeat(filled)}${' '.repeat(width - filled)}| ${fmtBytes(received)}/${fmtBytes(total)}`;
}

/** Fetches `url` into `dest` (see the file's comment); returns dest. */
export async function downloadFile(url: string, dest: string, options: DownloadOptions = {}): Promise<string> {
  const { sha256, progress = true, retries = 3 } = options;
  if (sha256 !== undefined && !/^[0-9a-f]{8,64}$/i.test(sha256)) throw new Error(`download: expected a SHA-256 in hex, got ${JSON.stringify(sha256)}`);
  await mkdir(dirname(dest), { recursive: true });
  const partial = `${dest}.partial`;
  const report =
    typeof progress === 'function'
      ? progress
      : progress
        ? (() => {
            const tty = process.stderr.isTTY;
            let last = 0;
            return (p: DownloadProgress) => {
              const done = p.total !== undefined && p.received >= p.total;
              if (tty && (done || Date.now() - last > 100)) {
                last = Date.now();
                process.stderr.write(`\r${bar(p.received, p.total)}${done ? '\n' : ''}`);
              } else if (!tty && done) process.stderr.write(`${bar(p.received, p.total)}\n`);
            };
          })()
        : () => {};
  if (progress === true) process.stderr.write(`Downloading: "${url}" to ${dest}\n`);
  for (let attempt = 0; ; attempt++) {
    try {
      await fetchInto(url, partial, report);
      break;
    } catch (e) {
      if (!(e instanceof CutConnection) || attempt >= retries) throw e;
    }
  }
  if (sha256 !== undefined) {
    const got = await sha256Of(partial);
    if (!got.startsWith(sha256.toLowerCase())) {
      await rm(partial, { force: true });
      throw new Error(`download of ${url}: SHA-256 mismatch (expected ${sha256.toLowerCase()}, got ${got}); the file was discarded, nothing was cached`);
    }
  }
  await rename(partial, dest);
  return dest;
}

/** One request: appends to `partial` from its current size (Range), or starts over if the server ignores the range. */
async function fetchInto(url: string, partial: string, report: (p: DownloadProgress) => void): Promise<void> {
  const have = await sizeOf(partial);
  let res: Response;
  try {
    res = await fetch(url, { headers: have > 0 ? { Range: `bytes=${have}-` } : {}, redirect: 'follow' });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`cannot reach ${url}: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
  }
  if (res.status === 416 && have > 0) {
    // The partial file is already whole (a cut after the last byte, or a finished download not yet renamed).
    const total = Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1]);
    if (total === have) return;
    throw new Error(`download of ${url}: the server refused to resume at byte ${have} (HTTP 416)`);
  }
  if (res.status !== 200 && res.status !== 206) throw new Error(`download of ${url}: HTTP ${res.status} ${res.statusText}`);
  const resumed = res.status === 206;
  const start = resumed ? have : 0;
  const length = Number(res.headers.get('content-length') ?? NaN);
  const total = Number.isFinite(length) ? start + length : undefined;
  const file = await open(partial, resumed ? 'a' : 'w');
  let received = start;
  try {
    report({ url, received, total });
    if (!res.body) throw new CutConnection('no body');
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        await file.write(chunk);
        received += chunk.length;
        report({ url, received, total });
      }
    } catch (e) {
      throw new CutConnection(`connection cut after ${received} bytes: ${(e as Error).message}`);
    }
  } finally {
    await file.close();
  }
  if (total !== undefined && received < total) throw new CutConnection(`connection closed after ${received} of ${total} bytes`);
}
