/** The chapter's FMDataset: Fashion-MNIST from its CSV form. */
import { Tensor } from '@x/tensor';
import { Dataset } from '../dataset';
import { tensorFromElements } from '../raw-tensor';
import { readPixelCsv, type LabelledPixels } from './pixel-csv';

/**
 * Item i is `[image, label]` as the chapter's `FMDataset(df, transform)` gives it: the image is the
 * row's pixels as a uint8 [28, 28, 1] (HWC) tensor passed to `transform`, or without a transform a
 * float32 [28, 28, 1] tensor scaled to [0, 1]; the label is a number (int), so the default collate
 * makes an int64 batch.
 *
 * @example
 * const train = new FMDataset('./FashionMNIST/fashion-mnist_train.csv');
 * const [image, label] = train.getItem(0); // image [28, 28, 1] float32, label 2
 */
export class FMDataset extends Dataset<[unknown, number]> {
  readonly file: string;
  /** All images, uint8 [N, 28, 28, 1]. */
  readonly images: Tensor;
  readonly labels: Uint8Array;

  constructor(
    data: string | LabelledPixels,
    readonly transform?: ((image: Tensor) => unknown) | null,
  ) {
    super();
    const csv = typeof data === 'string' ? readPixelCsv(data) : data;
    if (csv.pixels !== 784) throw new Error(`FMDataset: ${csv.file} has ${csv.pixels} pixels per image, expected 784 (28 × 28)`);
    this.file = csv.file;
    this.labels = csv.labels;
    this.images = tensorFromElements(csv.images, [csv.count, 28, 28, 1], 'uint8');
  }

  get length(): number {
    return this.labels.length;
  }

  getItem(index: number): [unknown, number] {
    const image = this.images.select(0, index);
    const label = this.labels[index < 0 ? index + this.length : index]!;
    if (this.transform) return [this.transform(image), label];
    // image / 255. in float64, then float32, as numpy and torch.tensor(…, dtype=torch.float) round it.
    const wide = image.to('float64');
    const scaled = wide.div(255);
    const result = scaled.to('float32');
    for (const t of [image, wide, scaled]) t.dispose();
    return [result, label];
  }
}
