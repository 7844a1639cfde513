/**
 * torchvision.datasets.CIFAR10 and CIFAR100: the "python version" batches (pickled dicts with a
 * uint8 data array of N × 3072, CHW per row, and a list of labels) under `root/<base folder>/`.
 */
import { join } from 'node:path';
import { downloadFile, type DownloadOptions } from '@x/data';
import { tensor, type Tensor } from '@x/tensor';
import type { RawImage } from '../image';
import { loadNumpyPickle, NdArray } from './numpy-pickle';
import { isFile } from './fs-checks';
import { extractTarGz } from './tar-extract';
import { applyTransform, VisionDataset } from './vision-dataset';
import { registerVisionWorkerNames } from './worker-registration';

export interface CIFAROptions extends DownloadOptions {
  /** The training batches (default true) or the test batch. */
  train?: boolean;
  /** Applied to each image, a 32×32 RGB RawImage. */
  transform?: unknown;
  /** Applied to each label (a number). */
  targetTransform?: unknown;
  /** Fetch and unpack the archive first: needs `await CIFAR10.create(root, { download: true })`. */
  download?: boolean;
  /** URL to download the archive from, instead of the class's. */
  url?: string;
}

type CIFARClass = typeof CIFAR10;

/**
 * Item i is `[image, target]`: a 32×32 RGB RawImage (a PIL image in torchvision) and its class
 * index. `data` is uint8 [N, 32, 32, 3] (HWC, as torchvision's numpy array), `targets` a list.
 * Files are checked for presence; their MD5s are checked when downloaded.
 *
 * @example
 * const train = await datasets.CIFAR10.create('./data', { download: true });
 */
export class CIFAR10 extends VisionDataset<[unknown, unknown]> {
  static readonly baseFolder: string = 'cifar-10-batches-py';
  static readonly url: string = 'https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz';
  static readonly filename: string = 'cifar-10-python.tar.gz';
  static readonly tgzMd5: string = 'c58f30108f718f92721af3b95e74349a';
  static readonly trainList: readonly string[] = ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5'];
  static readonly testList: readonly string[] = ['test_batch'];
  static readonly meta: { readonly filename: string; readonly key: string } = { filename: 'batches.meta', key: 'label_names' };

  readonly train: boolean;
  readonly data: Tensor;
  readonly targets: number[];
  readonly classes: string[];
  readonly classToIdx: Record<string, number>;

  constructor(root: string, options: CIFAROptions = {}) {
    super(root, options.transform, options.targetTransform);
    registerVisionWorkerNames();
    this.train = options.train ?? true;
    const cls = new.target as CIFARClass;
    const folder = join(this.root!, cls.baseFolder);
    const files = [...cls.trainList, ...cls.testList, cls.meta.filename];
    const missing = files.filter((f) => !isFile(join(folder, f)));
    if (missing.length > 0) {
      const how = options.download ? `downloading is asynchronous: use \`await ${cls.name}.create(root, { download: true })\`` : `use \`await ${cls.name}.create(root, { download: true })\``;
      throw new Error(
        `Dataset not found: ${cls.name} needs ${missing.join(', ')} in ${folder}. ` +
          `${how[0]!.toUpperCase()}${how.slice(1)}, or unpack ${cls.filename} (from ${cls.url}) in ${this.root}`,
      );
    }
    const pixels: Uint8Array[] = [];
    const targets: number[] = [];
    for (const name of this.train ? cls.trainList : cls.testList) {
      const file = join(folder, name);
      const entry = loadNumpyPickle(file) as Record<string, unknown>;
      const data = entry.data;
      if (!(data instanceof NdArray) || data.dtype !== '|u1' && data.dtype !== 'u1' || data.shape.length !== 2 || data.shape[1] !== 3072) {
        throw new Error(`${file}: expected 'data', a uint8 array of N × 3072, but got ${data instanceof NdArray ? `dtype ${data.dtype}, shape [${data.shape.join(', ')}]` : typeof data}`);
      }
      const labels = (entry.labels ?? entry.fine_labels) as unknown;
      if (!Array.isArray(labels) || labels.length !== data.shape[0]) {
        throw new Error(`${file}: expected 'labels' or 'fine_labels', a list of ${data.shape[0]} numbers`);
      }
      pixels.push(chwRowsToHwc(data.data, data.shape[0]!));
      targets.push(...labels.map(Number));
    }
    const n = targets.length;
    const all = new Uint8Array(n * 3072);
    let at = 0;
    for (const p of pixels) {
      all.set(p, at);
      at += p.length;
    }
    this.data = tensor(all, { dtype: 'uint8' }).reshape([n, 32, 32, 3]);
    this.targets = targets;
    const meta = loadNumpyPickle(join(folder, cls.meta.filename)) as Record<string, unknown>;
    const classes = meta[cls.meta.key];
    if (!Array.isArray(classes)) throw new Error(`${join(folder, cls.meta.filename)}: expected '${cls.meta.key}', a list of class names`);
    this.classes = classes.map(String);
    this.classToIdx = Object.fromEntries(this.classes.map((c, i) => [c, i]));
  }

  /** Downloads and unpacks the archive when `download` is set and a file is missing, then reads the split. */
  static async create<C extends CIFARClass>(this: C, root: string, options: CIFAROptions = {}): Promise<InstanceType<C>> {
    if (options.download) await this.download(root, options);
    return new this(root, { ...options, download: false }) as InstanceType<C>;
  }

  /** Fetches the archive into `root` (MD5-checked, written atomically) and unpacks it there, unless every file is present. */
  static async download(root: string, options: Pick<CIFAROptions, 'url' | 'progress' | 'fetch' | 'connectTimeoutMs'> = {}): Promise<void> {
    const folder = join(root, this.baseFolder);
    if ([...this.trainList, ...this.testList, this.meta.filename].every((f) => isFile(join(folder, f)))) return;
    const url = options.url ?? this.url;
    const base = url.slice(0, url.lastIndexOf('/') + 1);
    const archive = join(root, this.filename);
    if (!isFile(archive)) {
      try {
        await downloadFile([base], url.slice(base.length), archive, this.tgzMd5, options);
      } catch (e) {
        throw new Error(`${(e as Error).message}. Without a connection, put ${this.filename} (from ${this.url}) in ${root}, or its unpacked ${this.baseFolder} folder`);
      }
    }
    extractTarGz(archive, root);
  }

  get length(): number {
    return this.targets.length;
  }

  getItem(index: number): [unknown, unknown] {
    const n = this.length;
    const i = index < 0 ? index + n : index;
    if (!Number.isInteger(index) || i < 0 || i >= n) throw new RangeError(`${this.constructor.name} index out of range: ${index} (length ${n})`);
    const img: RawImage = { data: this.data.select(0, i).contiguous().numpy() as Uint8Array, width: 32, height: 32, channels: 3 };
    return [applyTransform(this.transform, img), applyTransform(this.targetTransform, this.targets[i]!)];
  }

  protected override extraRepr(): string {
    return `Split: ${this.train ? 'Train' : 'Test'}`;
  }
}

/** CIFAR's rows (3 planes of 32×32 each) as HWC images, what torchvision's transpose((0, 2, 3, 1)) gives. */
function chwRowsToHwc(rows: Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array(n * 3072);
  for (let k = 0; k < n; k++) {
    const src = k * 3072;
    for (let p = 0; p < 1024; p++) for (let c = 0; c < 3; c++) out[src + p * 3 + c] = rows[src + c * 1024 + p]!;
  }
  return out;
}

/** torchvision.datasets.CIFAR100: 100 fine classes (targets) in one training and one test batch. */
export class CIFAR100 extends CIFAR10 {
  static override readonly baseFolder: string = 'cifar-100-python';
  static override readonly url: string = 'https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz';
  static override readonly filename: string = 'cifar-100-python.tar.gz';
  static override readonly tgzMd5: string = 'eb9058c3a382ffc7106e4002c42a8d85';
  static override readonly trainList: readonly string[] = ['train'];
  static override readonly testList: readonly string[] = ['test'];
  static override readonly meta = { filename: 'meta', key: 'fine_label_names' };
}
