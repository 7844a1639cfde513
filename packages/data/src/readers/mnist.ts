/**
 * torchvision.datasets.MNIST and FashionMNIST: the IDX files read from `root` (torchvision's
 * `root/<Name>/raw/` layout, or the files directly in `root`, as Debian's dataset-fashion-mnist
 * package installs them in /usr/share/datasets/fashion-mnist), optionally downloaded first.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Tensor } from '@x/tensor';
import { parseArgs } from '../args';
import { Dataset } from '../dataset';
import { tensorFromElements } from '../raw-tensor';
import { downloadFile, type DownloadOptions } from './download';
import { readIdx, type IdxData } from './idx';

export interface MNISTOptions extends DownloadOptions {
  /** The training split (default true) or the test split. */
  train?: boolean;
  /** Applied to each image, a uint8 [28, 28] tensor (what torchvision hands over as a PIL image). */
  transform?: ((image: Tensor) => unknown) | null;
  /** Applied to each label (a number). */
  targetTransform?: ((target: number) => unknown) | null;
  /**
   * Fetch missing files from the mirrors first. Downloading is asynchronous, so it needs
   * `await MNIST.create(root, { download: true })` (the constructor only reads).
   */
  download?: boolean;
  /** Base URLs to download from, instead of the class's official mirrors. */
  mirrors?: readonly string[];
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

type MNISTClass = typeof MNIST;

/**
 * Item i is `[image, target]`: the image a uint8 [28, 28] tensor (through `transform` if given), the
 * target its class index (a number, through `targetTransform` if given). `data` (uint8 [N, 28, 28])
 * and `targets` (int64 [N]) hold the whole split.
 *
 * @example
 * const test = new FashionMNIST('/usr/share/datasets/fashion-mnist', { train: false });
 * test.length; // 10000
 * const train = await FashionMNIST.create('./data', { train: true, download: true });
 */
export class MNIST extends Dataset<[unknown, unknown]> {
  static readonly mirrors: readonly string[] = ['http://yann.lecun.com/exdb/mnist/', 'https://ossci-datasets.s3.amazonaws.com/mnist/'];
  static readonly resources: readonly (readonly [string, string])[] = [
    ['train-images-idx3-ubyte.gz', 'f68b3c2dcbeaaa9fbdd348bbdeb94873'],
    ['train-labels-idx1-ubyte.gz', 'd53e105ee54ea40749a09fcbcd1e9432'],
    ['t10k-images-idx3-ubyte.gz', '9fb629c4189551a2d022fa330f9573f3'],
    ['t10k-labels-idx1-ubyte.gz', 'ec29112dd5afa0611ce80d1b7f02629c'],
  ];
  static readonly classes: readonly string[] = ['0 - zero', '1 - one', '2 - two', '3 - three', '4 - four', '5 - five', '6 - six', '7 - seven', '8 - eight', '9 - nine'];

  readonly root: string;
  readonly train: boolean;
  readonly transform: ((image: Tensor) => unknown) | null;
  readonly targetTransform: ((target: number) => unknown) | null;
  /** Images, uint8 [N, 28, 28]. */
  readonly data: Tensor;
  /** Labels, int64 [N]. */
  readonly targets: Tensor;
  private readonly labels: Uint8Array;

  constructor(root: string, options?: MNISTOptions);
  constructor(root: string, train?: boolean, transform?: MNISTOptions['transform'], targetTransform?: MNISTOptions['targetTransform'], download?: boolean, options?: MNISTOptions);
  constructor(root: string, ...args: unknown[]) {
    super();
    const o = parseArgs<MNISTOptions>(new.target.name, args, ['train', 'transform', 'targetTransform', 'download'], ['mirrors', 'progress', 'fetch', 'connectTimeoutMs']);
    this.root = root;
    this.train = o.train ?? true;
    this.transform = o.transform ?? null;
    this.targetTransform = o.targetTransform ?? null;
    const cls = new.target as MNISTClass;
    const [imagesFile, labelsFile] = cls.findFiles(root, this.train, o.download ?? false);
    const images = readIdx(imagesFile);
    const labels = readIdx(labelsFile);
    checkSplit(cls, images, labels);
    this.labels = labels.data as Uint8Array;
    this.data = tensorFromElements(images.data, images.shape, 'uint8');
    this.targets = tensorFromElements(BigInt64Array.from(this.labels, BigInt), [this.labels.length], 'int64');
  }

  /** Downloads the split's missing files when `download` is set, then reads them. */
  static async create<C extends MNISTClass>(this: C, root: string, options: MNISTOptions = {}): Promise<InstanceType<C>> {
    if (options.download) await this.download(root, options);
    return new this(root, { ...options, download: false }) as InstanceType<C>;
  }

  /**
   * Fetches every file of the dataset missing from `root` into `root/<Name>/raw/`, from the mirrors,
   * each checked against its MD5 and written atomically.
   */
  static async download(root: string, options: Pick<MNISTOptions, 'mirrors' | 'progress' | 'fetch' | 'connectTimeoutMs'> = {}): Promise<void> {
    for (const [file, md5] of this.resources) {
      const base = file.replace(/\.gz$/, '');
      if (this.locate(root, base)) continue;
      await downloadFile(options.mirrors ?? this.mirrors, file, join(this.rawFolder(root), file), md5, options);
    }
  }

  /** Where torchvision keeps the files: root/<Name>/raw. */
  static rawFolder(root: string): string {
    return join(root, this.name, 'raw');
  }

  private static folders(root: string): string[] {
    return [this.rawFolder(root), root];
  }

  /** The first existing of base and base.gz in the folders searched, or null. */
  private static locate(root: string, base: string): string | null {
    for (const folder of this.folders(root)) {
      for (const name of [base, `${base}.gz`]) if (isFile(join(folder, name))) return join(folder, name);
    }
    return null;
  }

  /** The images and labels files of a split, or an error that says where it looked and what to do. */
  static findFiles(root: string, train: boolean, download = false): [string, string] {
    const prefix = train ? 'train' : 't10k';
    const bases = [`${prefix}-images-idx3-ubyte`, `${prefix}-labels-idx1-ubyte`];
    const found = bases.map((b) => this.locate(root, b));
    if (found.every((f): f is string => f !== null)) return [found[0], found[1]];
    const missing = bases.filter((_, i) => found[i] === null).map((b) => `${b}[.gz]`);
    const hint = download
      ? `downloading is asynchronous: use \`await ${this.name}.create(root, { download: true })\``
      : `use \`await ${this.name}.create(root, { download: true })\` to download it`;
    throw new Error(
      `Dataset not found: ${this.name} (${train ? 'train' : 'test'} split) needs ${missing.join(' and ')}, looked in ${this.folders(root).join(' and ')}. ` +
        `${hint[0]!.toUpperCase()}${hint.slice(1)}, or point root at a folder that has the files` +
        (this.name === 'FashionMNIST' ? " (Debian's dataset-fashion-mnist package installs them in /usr/share/datasets/fashion-mnist)." : '.'),
    );
  }

  get length(): number {
    return this.labels.length;
  }

  getItem(index: number): [unknown, unknown] {
    const image = this.data.select(0, index);
    const target = this.labels[index < 0 ? index + this.length : index]!;
    return [this.transform ? this.transform(image) : image, this.targetTransform ? this.targetTransform(target) : target];
  }

  get classes(): readonly string[] {
    return (this.constructor as MNISTClass).classes;
  }

  /** torchvision's class_to_idx. */
  get classToIdx(): Record<string, number> {
    return Object.fromEntries(this.classes.map((c, i) => [c, i]));
  }
}

function checkSplit(cls: MNISTClass, images: IdxData, labels: IdxData): void {
  if (images.dtype !== 'uint8' || images.shape.length !== 3) {
    throw new Error(`${images.file}: expected uint8 images of 3 dimensions (N x 28 x 28), got ${images.dtype} of shape ${images.shape.join('x')}`);
  }
  if (labels.dtype !== 'uint8' || labels.shape.length !== 1) {
    throw new Error(`${labels.file}: expected uint8 labels of 1 dimension, got ${labels.dtype} of shape ${labels.shape.join('x')}`);
  }
  if (images.shape[0] !== labels.shape[0]) {
    throw new Error(`${images.file} has ${images.shape[0]} images but ${labels.file} has ${labels.shape[0]} labels`);
  }
  const n = cls.classes.length;
  const data = labels.data;
  for (let i = 0; i < data.length; i++) {
    if (data[i]! >= n) throw new Error(`${labels.file}: label ${data[i]} at index ${i} is out of range for ${cls.name}'s ${n} classes (0 … ${n - 1})`);
  }
}

/** torchvision.datasets.FashionMNIST: Zalando's clothing images, in MNIST's format. */
export class FashionMNIST extends MNIST {
  static override readonly mirrors: readonly string[] = ['http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/'];
  static override readonly resources: readonly (readonly [string, string])[] = [
    ['train-images-idx3-ubyte.gz', '8d4fb7e6c68d591d4c3dfef9ec88bf0d'],
    ['train-labels-idx1-ubyte.gz', '25c81989df183df01b3e8a0aad5dffbe'],
    ['t10k-images-idx3-ubyte.gz', 'bef4ecab320f06d8554ea6380940ec79'],
    ['t10k-labels-idx1-ubyte.gz', 'bb300cfdad3c16e7a12a480ee83cd310'],
  ];
  static override readonly classes: readonly string[] = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
}
