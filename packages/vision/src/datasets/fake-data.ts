/** torchvision.datasets.FakeData: random images, the same for an index every time it is read. */
import { defaultGenerator, manualSeed, randint, randn } from '@x/tensor';
import { tensorToRawImage } from '../image';
import { applyTransform, VisionDataset } from './vision-dataset';
import { registerVisionWorkerNames } from './worker-registration';

export interface FakeDataOptions {
  /** Number of items (default 1000). */
  size?: number;
  /** [C, H, W] (default [3, 224, 224]); C from 1 to 4. */
  imageSize?: readonly [number, number, number];
  /** Targets are drawn from 0 … numClasses - 1 (default 10). */
  numClasses?: number;
  transform?: unknown;
  targetTransform?: unknown;
  /** Added to the index to make its seed (default 0). */
  randomOffset?: number;
}

/**
 * Item i: the default generator seeded with `i + randomOffset`, an image drawn with `randn`
 * (then `× 255` to uint8, as ToPILImage does, as a RawImage) and a target with `randint`; the
 * generator's state is put back afterwards, as torchvision does. The draws come from this
 * library's generator, so the pixels differ from PyTorch's (a different random stream).
 */
export class FakeData extends VisionDataset<[unknown, unknown]> {
  readonly size: number;
  readonly imageSize: readonly [number, number, number];
  readonly numClasses: number;
  readonly randomOffset: number;

  constructor(options: FakeDataOptions = {}) {
    super(null, options.transform, options.targetTransform);
    registerVisionWorkerNames();
    const { size = 1000, imageSize = [3, 224, 224], numClasses = 10, randomOffset = 0 } = options;
    if (!Number.isInteger(size) || size < 0) throw new RangeError(`FakeData: size should be a non-negative integer, but got ${size}`);
    if (!Array.isArray(imageSize) || imageSize.length !== 3 || !imageSize.every((d) => Number.isInteger(d) && d > 0) || imageSize[0] > 4) {
      throw new RangeError(`FakeData: imageSize should be [C, H, W] with C from 1 to 4, but got ${JSON.stringify(imageSize)}`);
    }
    if (!Number.isInteger(numClasses) || numClasses < 1) throw new RangeError(`FakeData: numClasses should be a positive integer, but got ${numClasses}`);
    this.size = size;
    this.imageSize = [...imageSize] as [number, number, number];
    this.numClasses = numClasses;
    this.randomOffset = randomOffset;
  }

  get length(): number {
    return this.size;
  }

  getItem(index: number): [unknown, unknown] {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) throw new RangeError(`FakeData index out of range: ${index} (length ${this.size})`);
    const state = defaultGenerator.getState();
    let img;
    let target: number;
    try {
      manualSeed(index + this.randomOffset);
      img = randn([...this.imageSize]);
      target = Number(randint(0, this.numClasses, [1]).select(0, 0).item());
    } finally {
      defaultGenerator.setState(state);
    }
    const raw = tensorToRawImage(img.mul(255).to('uint8'));
    return [applyTransform(this.transform, raw), applyTransform(this.targetTransform, target)];
  }
}
