/**
 * Where downloaded weights live: `cacheDir` if given, else $X_HUB_CACHE, else ~/.cache/x/hub (as
 * torch.hub keeps checkpoints under $TORCH_HOME/hub/checkpoints). setDir changes the default for the
 * process, as torch.hub.set_dir.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

let overridden: string | undefined;

export function getDir(): string {
  return overridden ?? process.env.X_HUB_CACHE ?? join(homedir(), '.cache', 'x', 'hub');
}

export function setDir(dir: string): void {
  if (typeof dir !== 'string' || dir === '') throw new TypeError(`hub.setDir: expected a directory path, got ${JSON.stringify(dir)}`);
  overridden = dir;
}

/** The file a source caches to: a URL's last path segment; a Hub repository's model.safetensors under its id. */
export function cachedPath(cacheDir: string, source: WeightsSource): string {
  if (source.kind === 'hf-hub') return join(cacheDir, 'hf', ...source.id.split('/'), source.filename);
  const name = decodeURIComponent(new URL(source.url).pathname.split('/').pop() ?? '');
  if (!name || name === '.' || name === '..') throw new Error(`cannot name a cache file after the URL ${source.url}`);
  return join(cacheDir, 'checkpoints', name);
}

export type WeightsSource = { kind: 'url'; url: string } | { kind: 'hf-hub'; id: string; filename: string; url: string };

/** A Hugging Face Hub file's URL: $HF_ENDPOINT (default https://huggingface.co)/<id>/resolve/main/<file>. */
export function hfHubUrl(id: string, filename: string): string {
  const endpoint = (process.env.HF_ENDPOINT ?? 'https://huggingface.co').replace(/\/+$/, '');
  return `${endpoint}/${id}/resolve/main/${filename}`;
}
