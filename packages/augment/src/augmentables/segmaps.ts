/** imgaug's SegmentationMapsOnImage: class ids per pixel (one or more maps), on an image of a given shape. */
import { type DType, Tensor } from '@x/tensor';
import { isShapeOption } from './keypoints';
import { type ImageShape, normalizeShape } from './shape';

const ACCEPTED: readonly DType[] = ['bool', 'uint8', 'int32', 'int64'];

/**
 * Segmentation maps of one image: `arr` is [H, W] or [H, W, C] (C maps) of class ids (int) or masks
 * (bool); H and W may differ from the image's. Kept as int32 [H, W, C]; `getArr()` gives the input's
 * dtype and rank back, as imgaug's `get_arr`.
 *
 * @example
 * new SegmentationMapsOnImage(torch.zeros([16, 16], { dtype: 'int32' }), { shape: [16, 16, 3] });
 */
export class SegmentationMapsOnImage {
  /** The maps as int32 [H, W, C]. */
  arr: Tensor;
  shape: ImageShape;
  private readonly inputWas: { dtype: DType; ndim: number };

  constructor(arr: Tensor, shape: ImageShape | { shape: unknown } | unknown) {
    if (!(arr instanceof Tensor) || (arr.dim() !== 2 && arr.dim() !== 3)) {
      throw new Error(`SegmentationMapsOnImage: expected a [H, W] or [H, W, C] tensor, got ${arr instanceof Tensor ? `shape [${arr.shape.join(', ')}]` : String(arr)}`);
    }
    if (!ACCEPTED.includes(arr.dtype)) {
      throw new Error(`SegmentationMapsOnImage: expected a bool or integer tensor (${ACCEPTED.join(', ')}) of class ids, got ${arr.dtype}`);
    }
    if (arr.dtype !== 'bool' && arr.numel() > 0 && arr.min().item() < 0) throw new Error(`SegmentationMapsOnImage: expected class ids >= 0, got a minimum of ${arr.min().item()}`);
    this.inputWas = { dtype: arr.dtype, ndim: arr.dim() };
    const hwc = arr.dim() === 2 ? arr.unsqueeze(-1) : arr;
    this.arr = hwc.to('int32').contiguous();
    this.shape = normalizeShape(isShapeOption(shape) ? shape.shape : shape, 'SegmentationMapsOnImage');
  }

  /** The maps in the dtype and rank they were given in. */
  getArr(): Tensor {
    const arr = this.inputWas.ndim === 2 ? this.arr.squeeze(-1) : this.arr;
    return this.inputWas.dtype === 'bool' ? arr.ne(0) : arr.to(this.inputWas.dtype);
  }

  /** A copy holding `arr` (int32 [H, W, C]) instead, the input's dtype and rank kept for getArr. */
  withArr(arr: Tensor, shape: ImageShape = this.shape): SegmentationMapsOnImage {
    const copy = Object.create(SegmentationMapsOnImage.prototype) as SegmentationMapsOnImage;
    Object.assign(copy, this, { arr, shape });
    return copy;
  }

  deepcopy(): SegmentationMapsOnImage {
    return this.withArr(this.arr.clone());
  }

  toString(): string {
    return `SegmentationMapsOnImage(arr.shape=[${this.arr.shape.join(', ')}], shape=(${this.shape.join(', ')}))`;
  }
}
