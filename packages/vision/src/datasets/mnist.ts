/**
 * torchvision.datasets.MNIST and FashionMNIST: the IDX files @x/data reads and downloads, with
 * items as torchvision hands them to a transform: a one-channel 28×28 image (a RawImage here, a PIL
 * image there) and the label as a number.
 */
import { FashionMNIST as IdxFashionMNIST, MNIST as IdxMNIST } from '@x/data';
import type { Tensor } from '@x/tensor';
import type { RawImage } from '../image';
import { applyTransform, VisionDataset } from './vision-dataset';
import { registerVisionWorkerNames } from './worker-registration';

export interface MNISTOptions {
  /** The training split (default true) or the test split. */
  train?: boolean;
  /** Applied to each image, a one-channel RawImage. */
  transform?: unknown;
  /** Applied to each label (a number). */
  targetTransform?: unknown;
  /** Fetch missing files first: needs `await MNIST.create(root, { download: true })` (downloading is async). */
  download?: boolean;
  /** Base URLs to download from, instead of the official mirrors. */
  mirrors?: readonly string[];
  /** Show a progress bar while downloading (default true). */
  progress?: boolean;
  /** The fetch to download with (default globalThis.fetch). */
  fetch?: typeof fetch;
  /** Milliseconds to wait for a mirror before trying the next (default 30000). */
  connectTimeoutMs?: number;
}

type MNISTClass = typeof MNIST;

/**
 * Files under `root/MNIST/raw/` (torchvision's layout) or directly in `root`, `.gz` or not.
 * `data` is uint8 [N, 28, 28], `targets` int64 [N].
 *
 * @example
 * const test = new datasets.FashionMNIST('/usr/share/datasets/fashion-mnist', { train: false });
 * const [img, label] = test.getItem(0); // a 28×28 one-channel RawImage, 9
 */
export class MNIST extends VisionDataset<[unknown, unknown]> {
  /** The reader of the files, which knows their names, mirrors and checksums. */
  static readonly files: typeof IdxMNIST = IdxMNIST;

  readonly train: boolean;
  readonly data: Tensor;
  readonly targets: Tensor;

  constructor(root: string, options: MNISTOptions = {}) {
    super(root, options.transform, options.targetTransform);
    registerVisionWorkerNames();
    this.train = options.train ?? true;
    const files = (new.target as MNISTClass).files;
    const idx = new files(this.root!, { train: this.train, download: options.download ?? false });
    this.data = idx.data;
    this.targets = idx.targets;
  }

  /**
   * Downloads missing files when `download` is set (into `root/<Name>/raw/`), then reads them.
   * Offline, the error lists each file and the folder to put it in.
   */
  static async create<C extends MNISTClass>(this: C, root: string, options: MNISTOptions = {}): Promise<InstanceType<C>> {
    if (options.download) {
      try {
        await this.files.download(root, options);
      } catch (e) {
        const names = this.files.resources.map(([f]) => f).join(', ');
        throw new Error(`${(e as Error).message}. Without a connection, put ${names} (from ${this.files.mirrors.join(' or ')}) in ${this.files.rawFolder(root)}`);
      }
    }
    return new this(root, { ...options, download: false }) as InstanceType<C>;
  }

  static get classes(): readonly string[] {
    return this.files.classes;
  }

  get classes(): readonly string[] {
    return (this.constructor as MNISTClass).classes;
  }

  get classToIdx(): Record<string, number> {
    return Object.fromEntries(this.classes.map((c, i) => [c, i]));
  }

  get length(): number {
    return this.data.shape[0]!;
  }

  getItem(index: number): [unknown, unknown] {
    const n = this.length;
    const i = index < 0 ? index + n : index;
    if (!Number.isInteger(index) || i < 0 || i >= n) throw new RangeError(`${this.constructor.name} index out of range: ${index} (length ${n})`);
    const [, height, width] = this.data.shape as [number, number, number];
    const img: RawImage = { data: this.data.select(0, i).contiguous().numpy() as Uint8Array, width, height, channels: 1 };
    const target = Number(this.targets.select(0, i).item());
    return [applyTransform(this.transform, img), applyTransform(this.targetTransform, target)];
  }

  protected override extraRepr(): string {
    return `Split: ${this.train ? 'Train' : 'Test'}`;
  }
}

/** torchvision.datasets.FashionMNIST: Zalando's clothing images in MNIST's format. */
export class FashionMNIST extends MNIST {
  static override readonly files: typeof IdxMNIST = IdxFashionMNIST;
}
