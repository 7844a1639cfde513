/** imgaug's HeatmapsOnImage: float maps in [minValue, maxValue] over an image of a given shape. */
import { Tensor } from '@x/tensor';
import { isShapeOption } from './keypoints';
import { type ImageShape, normalizeShape } from './shape';

export interface HeatmapsOptions {
  /** The image's shape [H, W] or [H, W, C]. */
  shape: unknown;
  minValue?: number;
  maxValue?: number;
}

/**
 * Heatmaps of one image: `arr` is float [H, W] or [H, W, C] with values in [minValue, maxValue]
 * (default 0 and 1); H and W may differ from the image's. Kept as `arr0to1`, float32 [H, W, C]
 * scaled to [0, 1]; `getArr()` gives the input's range and rank back.
 *
 * @example
 * new HeatmapsOnImage(torch.rand([16, 16]), { shape: [32, 32, 3] });
 */
export class HeatmapsOnImage {
  arr0to1: Tensor;
  shape: ImageShape;
  readonly minValue: number;
  readonly maxValue: number;
  private readonly inputNdim: number;

  constructor(arr: Tensor, options: HeatmapsOptions | ImageShape) {
    const { shape, minValue = 0, maxValue = 1 } = isShapeOption(options) ? (options as HeatmapsOptions) : { shape: options };
    if (!(arr instanceof Tensor) || (arr.dim() !== 2 && arr.dim() !== 3)) {
      throw new Error(`HeatmapsOnImage: expected a [H, W] or [H, W, C] tensor, got ${arr instanceof Tensor ? `shape [${arr.shape.join(', ')}]` : String(arr)}`);
    }
    if (arr.dtype !== 'float32' && arr.dtype !== 'float64') throw new Error(`HeatmapsOnImage: expected a float32 or float64 tensor, got ${arr.dtype}`);
    if (!(minValue < maxValue)) throw new Error(`HeatmapsOnImage: expected minValue < maxValue, got ${minValue} and ${maxValue}`);
    if (arr.numel() > 0) {
      const [lo, hi] = [arr.min().item(), arr.max().item()];
      // imgaug allows values slightly outside the range (float error).
      const eps = 1e-6;
      if (lo < minValue - eps || hi > maxValue + eps) {
        throw new Error(`HeatmapsOnImage: expected values in [${minValue}, ${maxValue}], got values in [${lo}, ${hi}]`);
      }
    }
    this.inputNdim = arr.dim();
    const hwc = arr.dim() === 2 ? arr.unsqueeze(-1) : arr;
    this.arr0to1 = hwc.to('float32').sub(minValue).div(maxValue - minValue).contiguous();
    this.shape = normalizeShape(shape, 'HeatmapsOnImage');
    this.minValue = minValue;
    this.maxValue = maxValue;
  }

  /** The heatmaps in [minValue, maxValue], with the rank they were given in. */
  getArr(): Tensor {
    const arr = this.inputNdim === 2 ? this.arr0to1.squeeze(-1) : this.arr0to1;
    return this.minValue === 0 && this.maxValue === 1 ? arr : arr.mul(this.maxValue - this.minValue).add(this.minValue);
  }

  /** A copy holding `arr0to1` (float32 [H, W, C] in [0, 1]) instead. */
  withArr0to1(arr0to1: Tensor, shape: ImageShape = this.shape): HeatmapsOnImage {
    const copy = Object.create(HeatmapsOnImage.prototype) as HeatmapsOnImage;
    Object.assign(copy, this, { arr0to1, shape });
    return copy;
  }

  deepcopy(): HeatmapsOnImage {
    return this.withArr0to1(this.arr0to1.clone());
  }

  toString(): string {
    return `HeatmapsOnImage(arr0to1.shape=[${this.arr0to1.shape.join(', ')}], shape=(${this.shape.join(', ')}), minValue=${this.minValue}, maxValue=${this.maxValue})`;
  }
}
