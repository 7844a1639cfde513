/**
 * Downloading a data file: mirrors tried in turn, an MD5 check, a progress bar on stderr, and an
 * atomic write (a temporary file in the same folder, renamed into place only when complete and
 * verified), so an interrupted download never leaves a partial file under the real name.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

export interface DownloadOptions {
  /** Print a progress bar on stderr (default true; it updates in place on a terminal). */
  progress?: boolean;
  /** The fetch to use (default globalThis.fetch): for a proxy, a custom transport, or tests. */
  fetch?: typeof fetch;
  /** Milliseconds to wait for a mirror to answer before trying the next (default 30000). */
  connectTimeoutMs?: number;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function progressBar(name: string, done: number, total: number | null): string {
  if (!total) return `${name}: ${mb(done)}`;
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `${name}: [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${((100 * done) / total).toFixed(0).padStart(3)}% ${mb(done)}/${mb(total)}`;
}

/** One attempt: the body streamed to `tmp` while hashing; resolves with the MD5 hex digest. */
async function fetchTo(url: string, tmp: string, name: string, options: DownloadOptions): Promise<string> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer in ${options.connectTimeoutMs ?? 30000} ms`)), options.connectTimeoutMs ?? 30000);
  let response: Response;
  try {
    response = await doFetch(url, { signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  const total = Number(response.headers.get('content-length')) || null;
  const show = options.progress ?? true;
  const tty = Boolean(process.stderr.isTTY);
  const hash = createHash('md5');
  const out = createWriteStream(tmp, { flags: 'wx' });
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
  });
  let done = 0;
  let shown = -1;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      done += chunk.length;
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      const step = total ? Math.floor((20 * done) / total) : Math.floor(done / 5e6);
      if (show && tty && step !== shown) {
        shown = step;
        process.stderr.write(`\r${progressBar(name, done, total)}`);
      }
    }
  } finally {
    out.end();
    await closed;
  }
  if (show) process.stderr.write(`${tty ? '\r' : ''}${progressBar(name, done, total)}\n`);
  if (total !== null && done !== total) throw new Error(`the download stopped after ${done} of ${total} bytes`);
  return hash.digest('hex');
}

/**
 * Downloads `file` (a name) from the first of `mirrors` (base URLs) that serves it with the right
 * MD5, into `dest`. Throws, naming every URL tried and why it failed, when none does.
 *
 * @example
 * await downloadFile(['https://example.org/data/'], 'train.gz', '/tmp/data/train.gz', 'd41d8cd98f00b204e9800998ecf8427e');
 */
export async function downloadFile(mirrors: readonly string[], file: string, dest: string, md5: string | null, options: DownloadOptions = {}): Promise<void> {
  await mkdir(dirname(dest), { recursive: true });
  const failures: string[] = [];
  for (const mirror of mirrors) {
    const url = new URL(file, mirror.endsWith('/') ? mirror : `${mirror}/`).href;
    const tmp = `${dest}.${process.pid}.${randomBytes(4).toString('hex')}.part`;
    try {
      const digest = await fetchTo(url, tmp, basename(dest), options);
      if (md5 && digest !== md5) throw new Error(`checksum mismatch: MD5 ${digest}, expected ${md5}`);
      await rename(tmp, dest);
      return;
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      const cause = err.cause?.code ?? err.cause?.message;
      failures.push(`${url} (${err.message}${cause ? `: ${cause}` : ''})`);
    } finally {
      await rm(tmp, { force: true });
    }
  }
  throw new Error(`could not download ${file}; tried ${failures.join('; ')}`);
}
