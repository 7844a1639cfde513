/**
 * torchvision.datasets.DatasetFolder and ImageFolder: one folder per class under a root, every file
 * in a class folder (at any depth) a sample of that class. Classes and files are in Python's sorted
 * order, as torchvision lists them, so indices and labels equal torchvision's for the same tree.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import type { RawImage } from '../image';
import { isDirectory } from './fs-checks';
import { loadImage } from '../io/index';
import { sortedPython, comparePython } from './python-order';
import { applyTransform, expandUser, VisionDataset } from './vision-dataset';
import { registerVisionWorkerNames } from './worker-registration';

/** torchvision's IMG_EXTENSIONS. */
export const IMG_EXTENSIONS: readonly string[] = ['.jpg', '.jpeg', '.png', '.ppm', '.bmp', '.pgm', '.tif', '.tiff', '.webp'];

/** Whether `filename` ends (case-insensitively) with one of `extensions` (give them lower-case). */
export function hasFileAllowedExtension(filename: string, extensions: string | readonly string[]): boolean {
  const name = filename.toLowerCase();
  return (typeof extensions === 'string' ? [extensions] : extensions).some((e) => name.endsWith(e));
}

export function isImageFile(filename: string): boolean {
  return hasFileAllowedExtension(filename, IMG_EXTENSIONS);
}

/** os.path.join: no normalising, so paths read as torchvision's do. */
function join(a: string, b: string): string {
  return a === '' || a.endsWith('/') ? `${a}${b}` : `${a}/${b}`;
}

/** A directory entry's kind, following symbolic links (a broken link is neither). */
function kindOf(dir: string, entry: Dirent): 'dir' | 'file' | 'other' {
  if (entry.isDirectory()) return 'dir';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    const s = statSync(join(dir, entry.name));
    return s.isDirectory() ? 'dir' : 'file';
  } catch {
    return 'file'; // os.walk lists a broken link among the files
  }
}

function listDir(dir: string, what: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${what}: no such directory: ${dir}`);
    if (code === 'ENOTDIR') throw new Error(`${what}: ${dir} is a file, not a directory`);
    throw new Error(`${what}: cannot list ${dir}: ${(e as Error).message}`);
  }
}

/** torchvision's find_classes: the sub-folders of `directory`, sorted, and each one's index. */
export function findClasses(directory: string): [string[], Record<string, number>] {
  const dir = expandUser(directory);
  const classes = sortedPython(listDir(dir, 'findClasses').filter((e) => kindOf(dir, e) === 'dir').map((e) => e.name));
  if (classes.length === 0) throw new Error(`Couldn't find any class folder in ${directory}.`);
  return [classes, Object.fromEntries(classes.map((c, i) => [c, i]))];
}

/** os.walk(top, followlinks=True), sorted by folder path as torchvision sorts it: [folder, sorted file names]. */
function walkSorted(top: string): [string, string[]][] {
  const out: [string, string[]][] = [];
  const visit = (dir: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // os.walk skips a folder it cannot list
    }
    const dirs: string[] = [];
    const files: string[] = [];
    for (const e of entries) (kindOf(dir, e) === 'dir' ? dirs : files).push(e.name);
    out.push([dir, sortedPython(files)]);
    for (const d of dirs) visit(join(dir, d));
  };
  visit(top);
  return out.sort((a, b) => comparePython(a[0], b[0]));
}

/**
 * torchvision's make_dataset: [path, class index] for every valid file under each class folder.
 * Give exactly one of `extensions` and `isValidFile`. A class with no valid file is an error that
 * names it.
 */
export function makeDataset(
  directory: string,
  classToIdx: Record<string, number> | null = null,
  extensions: string | readonly string[] | null = null,
  isValidFile: ((path: string) => boolean) | null = null,
): [string, number][] {
  const dir = expandUser(directory);
  const mapping = classToIdx ?? findClasses(dir)[1];
  if (Object.keys(mapping).length === 0) throw new Error("'classToIdx' must have at least one entry to collect any samples.");
  if ((extensions === null) === (isValidFile === null)) throw new Error('Both extensions and isValidFile cannot be null or not null at the same time');
  const valid = isValidFile ?? ((p: string) => hasFileAllowedExtension(p, extensions!));
  const samples: [string, number][] = [];
  const found = new Set<string>();
  for (const cls of sortedPython(Object.keys(mapping))) {
    const target = join(dir, cls);
    if (!isDirectory(target)) continue;
    for (const [root, files] of walkSorted(target)) {
      for (const name of files) {
        const path = join(root, name);
        if (!valid(path)) continue;
        samples.push([path, mapping[cls]!]);
        found.add(cls);
      }
    }
  }
  const empty = sortedPython(Object.keys(mapping).filter((c) => !found.has(c)));
  if (empty.length > 0) {
    let msg = `Found no valid file for the classes ${empty.join(', ')}. `;
    if (extensions !== null) msg += `Supported extensions are: ${typeof extensions === 'string' ? extensions : extensions.join(', ')}`;
    throw new Error(msg);
  }
  return samples;
}

export interface DatasetFolderOptions<S = unknown> {
  /** Reads a sample from its path (may be async). */
  loader: (path: string) => S | Promise<S>;
  /** Lower-case extensions of the files to take; or give `isValidFile`. */
  extensions?: string | readonly string[] | null;
  /** Applied to each loaded sample. */
  transform?: unknown;
  /** Applied to each class index. */
  targetTransform?: unknown;
  /** Whether a path is a sample (instead of `extensions`). */
  isValidFile?: ((path: string) => boolean) | null;
}

/**
 * `root/<class>/**\/<file>`: item i is `[sample, classIndex]` (a Promise of it: loading is async),
 * `samples[i]` its `[path, classIndex]`.
 *
 * @example
 * const ds = new DatasetFolder('data/train', { loader: (p) => readFileSync(p), extensions: ['.bin'] });
 * ds.classes; // ['cats', 'dogs']
 */
export class DatasetFolder<S = unknown> extends VisionDataset<Promise<[unknown, unknown]>> {
  readonly loader: (path: string) => S | Promise<S>;
  readonly extensions: string | readonly string[] | null;
  readonly classes: string[];
  readonly classToIdx: Record<string, number>;
  /** `[path, classIndex]` of every sample, in torchvision's order. */
  readonly samples: [string, number][];
  /** Each sample's class index. */
  readonly targets: number[];

  constructor(root: string, options: DatasetFolderOptions<S>) {
    super(root, options?.transform, options?.targetTransform);
    registerVisionWorkerNames();
    if (typeof options?.loader !== 'function') throw new TypeError(`${new.target.name}: options.loader should be a function (path) => sample, but got ${typeof options?.loader}`);
    const [classes, classToIdx] = this.findClasses(this.root!);
    this.loader = options.loader;
    this.extensions = options.extensions ?? null;
    this.classes = classes;
    this.classToIdx = classToIdx;
    this.samples = this.makeDataset(this.root!, classToIdx, this.extensions, options.isValidFile ?? null);
    this.targets = this.samples.map((s) => s[1]);
  }

  /** Override to change how classes are found (torchvision's `find_classes` method). */
  findClasses(directory: string): [string[], Record<string, number>] {
    return findClasses(directory);
  }

  /** Override to change how samples are found (torchvision's `make_dataset` method). */
  makeDataset(directory: string, classToIdx: Record<string, number>, extensions: string | readonly string[] | null, isValidFile: ((path: string) => boolean) | null): [string, number][] {
    if (classToIdx === null || classToIdx === undefined) throw new Error('The classToIdx parameter cannot be null.');
    return makeDataset(directory, classToIdx, extensions, isValidFile);
  }

  get length(): number {
    return this.samples.length;
  }

  async getItem(index: number): Promise<[unknown, unknown]> {
    const n = this.samples.length;
    const i = index < 0 ? index + n : index;
    if (!Number.isInteger(index) || i < 0 || i >= n) throw new RangeError(`${this.constructor.name} index out of range: ${index} (length ${n})`);
    const [path, target] = this.samples[i]!;
    const sample = await this.loader(path);
    return [applyTransform(this.transform, sample), applyTransform(this.targetTransform, target)];
  }
}

export interface ImageFolderOptions {
  transform?: unknown;
  targetTransform?: unknown;
  /** Reads an image from its path (default `loadImage`: an RGB RawImage, as torchvision's PIL loader). */
  loader?: (path: string) => unknown;
  /** Whether a path is an image (default: its extension is one of IMG_EXTENSIONS). */
  isValidFile?: ((path: string) => boolean) | null;
}

/**
 * torchvision.datasets.ImageFolder: `root/<class>/**\/<image>`, images loaded as RGB RawImages
 * (`loadImage`) and passed to `transform`. `imgs` is `samples`.
 *
 * @example
 * const train = new datasets.ImageFolder('data/train', { transform: new transforms.ToTensor() });
 * const [x, y] = await train.getItem(0);
 */
export class ImageFolder extends DatasetFolder<unknown> {
  constructor(root: string, options: ImageFolderOptions = {}) {
    const isValidFile = options.isValidFile ?? null;
    super(root, {
      loader: options.loader ?? (loadImage as (path: string) => Promise<RawImage>),
      extensions: isValidFile === null ? IMG_EXTENSIONS : null,
      transform: options.transform,
      targetTransform: options.targetTransform,
      isValidFile,
    });
  }

  /** torchvision's `imgs`: the same list as `samples`. */
  get imgs(): [string, number][] {
    return this.samples;
  }
}
