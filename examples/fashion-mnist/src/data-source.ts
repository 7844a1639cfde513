/**
 * Which Fashion-MNIST the program trains on: the full dataset when it is found (or can be
 * downloaded), else the small subset committed with this example, so the program runs on a fresh
 * machine offline. The choice is reported, never silent.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from '@x/torch';

const { FashionMNIST } = torch.utils.data;

/** The committed subset: 600 training and 100 test images per class (tools/make_fashion_subset.py). */
export const SUBSET_DIR = fileURLToPath(new URL('../data/fashion-mnist-subset/', import.meta.url));

/** Debian's dataset-fashion-mnist package installs the files here. */
export const DEBIAN_DIR = '/usr/share/datasets/fashion-mnist';

export interface DataChoice {
  /** 'full': all 60,000 / 10,000 images; 'subset': the committed 6,000 / 1,000. */
  kind: 'full' | 'subset';
  /** The folder FashionMNIST reads (its files, or torchvision's FashionMNIST/raw/ under it). */
  root: string;
  /** How it was chosen, for the log and the results JSON. */
  how: 'given' | 'found' | 'downloaded' | 'subset requested' | 'offline fallback';
  /** What went wrong on the way (a failed download), for the log. */
  notes: string[];
}

/** The download cache: $XDG_CACHE_HOME/x/datasets, else ~/.cache/x/datasets. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'x', 'datasets');
}

/** True when root holds both splits (a missing file is FashionMNIST.findFiles' error). */
function hasDataset(root: string): boolean {
  if (!existsSync(root)) return false;
  try {
    FashionMNIST.findFiles(root, true);
    FashionMNIST.findFiles(root, false);
    return true;
  } catch {
    return false;
  }
}

/** The places searched, in order, when --data is not given. */
export function searchPath(env: NodeJS.ProcessEnv = process.env): string[] {
  return [...(env.FASHION_MNIST_DIR ? [env.FASHION_MNIST_DIR] : []), cacheDir(env), DEBIAN_DIR];
}

export interface ChooseOptions {
  data: string | null;
  subset: boolean;
  download: boolean;
  env?: NodeJS.ProcessEnv;
  /** For tests: the folders searched (default searchPath(env)). */
  searchPath?: string[];
  /** For tests: the download step (default FashionMNIST.download into the cache). */
  downloadInto?: (root: string) => Promise<void>;
}

/**
 * Picks the data. `--data DIR` must hold the files (its error says which are missing and where it
 * looked); otherwise the search path, a download, and the subset, in that order.
 */
export async function chooseData(o: ChooseOptions): Promise<DataChoice> {
  if (o.subset) return { kind: 'subset', root: SUBSET_DIR, how: 'subset requested', notes: [] };
  if (o.data !== null) {
    FashionMNIST.findFiles(o.data, true);
    FashionMNIST.findFiles(o.data, false);
    return { kind: 'full', root: o.data, how: 'given', notes: [] };
  }
  const env = o.env ?? process.env;
  const places = o.searchPath ?? searchPath(env);
  for (const root of places) if (hasDataset(root)) return { kind: 'full', root, how: 'found', notes: [] };
  const notes: string[] = [`no Fashion-MNIST in ${places.join(', ')}`];
  if (o.download) {
    const root = cacheDir(env);
    try {
      await (o.downloadInto ?? ((r: string) => FashionMNIST.download(r, { connectTimeoutMs: 15000 })))(root);
      if (hasDataset(root)) return { kind: 'full', root, how: 'downloaded', notes };
      notes.push(`the download into ${root} left the dataset incomplete`);
    } catch (e) {
      notes.push(`download failed: ${(e as Error).message}`);
    }
  } else notes.push('downloading is off (--no-download)');
  return { kind: 'subset', root: SUBSET_DIR, how: 'offline fallback', notes };
}

/** One line for the log: which data, where from, how many images. */
export function describeChoice(choice: DataChoice, trainSize: number, testSize: number): string {
  const sizes = `${trainSize} training / ${testSize} test images`;
  if (choice.kind === 'full') return `data: Fashion-MNIST (${sizes}) from ${choice.root}${choice.how === 'downloaded' ? ' (downloaded)' : ''}`;
  const why = choice.how === 'subset requested' ? '--subset' : 'the full dataset is not available';
  return `data: the small Fashion-MNIST subset committed with this example (${sizes}, ${why}) from ${choice.root}`;
}
