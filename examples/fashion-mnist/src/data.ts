/** Which Fashion-MNIST to train on: the folder given, else the first place that has it, else a download, else the subset committed here. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FashionMNIST } from '@x/data';

/** 600 training and 100 test images of each class, drawn by tools/make_fashion_subset.py. */
export const SUBSET_DIR = fileURLToPath(new URL('../data/fashion-mnist-subset/', import.meta.url));

/** `how` says why this data, and for the subset what went wrong on the way (nothing found, a failed download). */
export type DataChoice = { kind: 'full' | 'subset'; root: string; how: string };
/** `searchPath` and `downloadInto` replace the folders searched and the download (tests). */
export type DataOptions = { data: string | null; subset: boolean; download: boolean; env?: NodeJS.ProcessEnv; searchPath?: string[]; downloadInto?: (root: string) => Promise<void> };

/** Returns root if it has both splits, else throws FashionMNIST's error naming the missing file and where it looked. */
function checkFiles(root: string): string {
  for (const train of [true, false]) FashionMNIST.findFiles(root, train);
  return root;
}

function hasFiles(root: string): boolean {
  try { return checkFiles(root) === root; } catch { return false; }
}

export async function chooseData({ data, subset, download, env = process.env, ...o }: DataOptions): Promise<DataChoice> {
  if (subset) return { kind: 'subset', root: SUBSET_DIR, how: '--subset' };
  if (data !== null) return { kind: 'full', root: checkFiles(data), how: '--data' };
  const cache = join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'x', 'datasets');
  const places = o.searchPath ?? [...(env.FASHION_MNIST_DIR ? [env.FASHION_MNIST_DIR] : []), cache, '/usr/share/datasets/fashion-mnist'];
  const found = places.find(hasFiles);
  if (found !== undefined) return { kind: 'full', root: found, how: 'found' };
  const notes = [`no Fashion-MNIST in ${places.join(', ')}`];
  if (!download) notes.push('downloading is off (--no-download)');
  else try {
    await (o.downloadInto ?? ((root) => FashionMNIST.download(root, { connectTimeoutMs: 15000 })))(cache);
    return { kind: 'full', root: checkFiles(cache), how: 'downloaded' };
  } catch (e) {
    notes.push(`download failed: ${(e as Error).message}`);
  }
  return { kind: 'subset', root: SUBSET_DIR, how: `the full dataset is not available: ${notes.join('; ')}` };
}
