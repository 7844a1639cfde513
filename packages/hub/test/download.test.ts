/**
 * Downloading weights into the cache, against a local HTTP server: progress reported, a cut
 * connection resumed with a Range request, a SHA-256 mismatch refused with nothing left behind, and
 * a cache hit needing no server; then createModel's whole path (Hub id first, then the URL) and
 * its offline error.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randn } from '@x/tensor';
import * as nn from '@x/nn';
import { registerWasmBackend } from '@x/backend-wasm';
import { safetensors } from '@x/serialize';
import { createModel, downloadFile, registerModel, type DownloadProgress } from '../src/index';
import { startWeightsServer, type WeightsServer } from './helpers/weights-server';

registerWasmBackend();

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Every file under dir, relative. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath ?? (d as unknown as { path: string }).path, d.name).slice(dir.length + 1))
    .sort();
}

let dir: string;
let server: WeightsServer | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'x-hub-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('downloadFile', () => {
  const body = new Uint8Array(randomBytes(300_000));

  it('writes the file, reporting progress up to the whole size', async () => {
    server = await startWeightsServer({ '/w.pth': body });
    const seen: DownloadProgress[] = [];
    const dest = join(dir, 'sub', 'w.pth');
    await downloadFile(`${server.url}/w.pth`, dest, { progress: (p) => seen.push({ ...p }), sha256: sha(body) });
    expect(sha(readFileSync(dest))).toBe(sha(body));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toEqual({ url: `${server.url}/w.pth`, received: body.length, total: body.length });
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.received).toBeGreaterThanOrEqual(seen[i - 1]!.received);
    expect(filesUnder(dir)).toEqual(['sub/w.pth']);
  });

  it('resumes after a cut connection with a Range request, and the file is whole', async () => {
    server = await startWeightsServer({ '/w.pth': body });
    server.cutNextAfter(100_000);
    const dest = join(dir, 'w.pth');
    await downloadFile(`${server.url}/w.pth`, dest, { progress: false, sha256: sha(body) });
    expect(sha(readFileSync(dest))).toBe(sha(body));
    expect(server.requests.map((r) => r.range)).toEqual([undefined, 'bytes=100000-']);
  });

  it('a later call resumes what an earlier one left (no retries left)', async () => {
    server = await startWeightsServer({ '/w.pth': body });
    server.cutNextAfter(120_000);
    const dest = join(dir, 'w.pth');
    await expect(downloadFile(`${server.url}/w.pth`, dest, { progress: false, retries: 0 })).rejects.toThrow(/connection/);
    expect(existsSync(dest)).toBe(false);
    expect(readFileSync(`${dest}.partial`).length).toBe(120_000);
    await downloadFile(`${server.url}/w.pth`, dest, { progress: false, sha256: sha(body) });
    expect(sha(readFileSync(dest))).toBe(sha(body));
    expect(server.requests.at(-1)!.range).toBe('bytes=120000-');
    expect(filesUnder(dir)).toEqual(['w.pth']);
  });

  it('refuses a file whose SHA-256 does not match, leaving nothing in the cache', async () => {
    server = await startWeightsServer({ '/w.pth': body });
    const dest = join(dir, 'w.pth');
    const wrong = sha(new Uint8Array([1, 2, 3]));
    await expect(downloadFile(`${server.url}/w.pth`, dest, { progress: false, sha256: wrong })).rejects.toThrow(`SHA-256 mismatch (expected ${wrong}, got ${sha(body)})`);
    expect(filesUnder(dir)).toEqual([]);
  });

  it('follows redirects (the Hub answers with one to its file store)', async () => {
    server = await startWeightsServer({ '/store/w': body }, { '/w.pth': '/store/w' });
    await downloadFile(`${server.url}/w.pth`, join(dir, 'w.pth'), { progress: false });
    expect(sha(readFileSync(join(dir, 'w.pth')))).toBe(sha(body));
  });

  it('says which URL failed: an HTTP error, an unreachable host, a bad checksum argument', async () => {
    server = await startWeightsServer({});
    await expect(downloadFile(`${server.url}/missing.pth`, join(dir, 'm.pth'), { progress: false })).rejects.toThrow(`download of ${server.url}/missing.pth: HTTP 404`);
    const url = server.url;
    await server.close();
    server = undefined;
    await expect(downloadFile(`${url}/w.pth`, join(dir, 'w.pth'), { progress: false })).rejects.toThrow(`cannot reach ${url}/w.pth`);
    await expect(downloadFile(`${url}/w.pth`, join(dir, 'w.pth'), { sha256: 'xyz' })).rejects.toThrow('expected a SHA-256 in hex, got "xyz"');
  });
});

/** A small registered model whose cfg points at the test server. */
class TinyNet extends nn.Module {
  conv1 = new nn.Conv2d(3, 4, 3);
  fc: nn.Linear;
  constructor(numClasses: number, inChans: number) {
    super();
    this.conv1 = new nn.Conv2d(inChans, 4, 3);
    this.fc = new nn.Linear(4, numClasses);
  }
  forward(x: ReturnType<typeof randn>) {
    return this.fc.forward(this.conv1.forward(x).mean([2, 3]));
  }
}

describe('createModel with pretrained weights from the network', () => {
  it('downloads the Hub safetensors into the cache, then loads from the cache with the server gone', async () => {
    const source = new TinyNet(5, 3);
    const bytes = await safetensors.save(source.stateDict());
    server = await startWeightsServer({ '/org/tiny_net.v1/resolve/main/model.safetensors': bytes });
    const prev = process.env.HF_ENDPOINT;
    process.env.HF_ENDPOINT = server.url;
    try {
      registerModel('tiny_net_hub', (a) => new TinyNet(a.numClasses, a.inChans), { v1: { hfHubId: 'org/tiny_net.v1', numClasses: 5, firstConv: 'conv1', classifier: 'fc', sha256: sha(bytes) } });
      const m = await createModel('tiny_net_hub', { pretrained: true, cacheDir: dir, progress: false });
      expect(m.pretrainedCfg.tag).toBe('v1');
      for (const [k, t] of Object.entries(source.stateDict())) expect(m.stateDict()[k]!.equal(t), k).toBe(true);
      expect(filesUnder(dir)).toEqual(['hf/org/tiny_net.v1/model.safetensors']);
      await server.close();
      server = undefined;
      const again = await createModel('tiny_net_hub', { pretrained: true, cacheDir: dir, progress: false, numClasses: 2, inChans: 1 });
      expect(again.stateDict()['conv1.weight']!.equal(source.conv1.weight.sum(1, true))).toBe(true);
      expect([...again.stateDict()['fc.weight']!.shape]).toEqual([2, 4]);
    } finally {
      if (prev === undefined) delete process.env.HF_ENDPOINT;
      else process.env.HF_ENDPOINT = prev;
    }
  });

  it('offline with nothing cached: an Error naming the model, the cache path and the URL', async () => {
    registerModel('tiny_net_offline', (a) => new TinyNet(a.numClasses, a.inChans), { v1: { url: 'http://127.0.0.1:9/tiny_net_offline-0123abcd.pth', numClasses: 5 } });
    const err = await createModel('tiny_net_offline.v1', { pretrained: true, cacheDir: dir, progress: false }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const msg = (err as Error).message;
    expect(msg).toContain('tiny_net_offline.v1');
    expect(msg).toContain(join(dir, 'checkpoints', 'tiny_net_offline-0123abcd.pth'));
    expect(msg).toContain('http://127.0.0.1:9/tiny_net_offline-0123abcd.pth');
    expect(filesUnder(dir)).toEqual([]);
  });
});
