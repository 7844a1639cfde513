/**
 * Converting images between forms and value ranges: toTensor and pilToTensor (a RawImage, HWC
 * uint8, in the place of a PIL image or an ndarray), convertImageDtype, normalize.
 */
import { type DType, type Tensor, tensor } from '@x/tensor';
import { isRawImage, rawImageToTensor, type RawImage } from '../../image';
import { assertImageTensor } from './image-tensor';

function typeName(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'object';
  return typeof x;
}

/**
 * A RawImage (HWC uint8) as a float32 tensor [C, H, W] in [0, 1], as torchvision's to_tensor for a
 * PIL image or a uint8 ndarray.
 *
 * @example
 * F.toTensor({ data, width: 32, height: 32, channels: 3 }); // float32 [3, 32, 32]
 */
export function toTensor(pic: RawImage): Tensor {
  if (!isRawImage(pic)) throw new TypeError(`pic should be a RawImage (HWC uint8, the place of a PIL Image or ndarray). Got ${typeName(pic)}`);
  return rawImageToTensor(pic).to('float32').div(255);
}

/**
 * A RawImage (HWC uint8) as a uint8 tensor [C, H, W], values unchanged (torchvision's pil_to_tensor).
 *
 * @example
 * F.pilToTensor(raw); // uint8 [3, H, W]
 */
export function pilToTensor(pic: RawImage): Tensor {
  if (!isRawImage(pic)) throw new TypeError(`pic should be a RawImage (HWC uint8, the place of a PIL Image). Got ${typeName(pic)}`);
  return rawImageToTensor(pic);
}

const INT_MAX: Partial<Record<DType, number>> = { uint8: 255, int32: 2147483647, int64: 9223372036854775807 };
const FLOATS: readonly DType[] = ['float16', 'bfloat16', 'float32', 'float64'];

/**
 * An image tensor in another dtype, its values rescaled between the ranges: [0, 1] for float,
 * [0, max] for integer dtypes.
 *
 * @example
 * F.convertImageDtype(uint8Image, 'float32'); // values / 255
 */
export function convertImageDtype(image: Tensor, dtype: DType = 'float32'): Tensor {
  if (typeof image !== 'object' || image === null || typeof (image as Tensor).dim !== 'function') {
    throw new TypeError(`Input img should be Tensor Image. Got ${typeName(image)}`);
  }
  if (image.dtype === dtype) return image;
  const toFloat = FLOATS.includes(dtype);
  if (image.isFloatingPoint()) {
    if (toFloat) return image.to(dtype);
    if ((image.dtype === 'float32' && (dtype === 'int32' || dtype === 'int64')) || (image.dtype === 'float64' && dtype === 'int64')) {
      throw new Error(`The cast from torch.${image.dtype} to torch.${dtype} cannot be performed safely.`);
    }
    // max + 1 - eps spreads [0, 1] evenly over the integers; (float * max) reaches max only at 1.0.
    const eps = 1e-3;
    return image.mul(INT_MAX[dtype]! + 1 - eps).to(dtype);
  }
  const inputMax = INT_MAX[image.dtype];
  if (inputMax === undefined) throw new TypeError(`convertImageDtype takes uint8, int32, int64 or float images, but got ${image.dtype}`);
  if (toFloat) return image.to(dtype).div(inputMax);
  const outputMax = INT_MAX[dtype];
  if (outputMax === undefined) throw new TypeError(`convertImageDtype converts to uint8, int32, int64 or a float dtype, but got ${dtype}`);
  if (inputMax > outputMax) {
    const factor = Math.floor((inputMax + 1) / (outputMax + 1));
    return image.div(factor, { roundingMode: 'floor' }).to(dtype);
  }
  const factor = Math.floor((outputMax + 1) / (inputMax + 1));
  return image.to(dtype).mul(factor);
}

export interface NormalizeOptions {
  /** Write the result into `tensor` itself. */
  inplace?: boolean;
}

/**
 * (tensor - mean) / std per channel, of a float image [..., C, H, W].
 *
 * @example
 * F.normalize(img, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]);
 */
export function normalize(img: Tensor, mean: number | readonly number[], std: number | readonly number[], options: NormalizeOptions = {}): Tensor {
  if (typeof img !== 'object' || img === null || typeof (img as Tensor).dim !== 'function') {
    throw new TypeError(`img should be Tensor Image. Got ${typeName(img)}`);
  }
  assertImageTensor(img);
  if (!img.isFloatingPoint()) throw new TypeError(`Input tensor should be a float tensor. Got torch.${img.dtype}.`);
  if (img.dim() < 3) {
    throw new Error(`Expected tensor to be a tensor image of size (..., C, H, W). Got tensor.size() = torch.Size([${img.shape.join(', ')}])`);
  }
  const out = options.inplace ? img : img.clone();
  let m = tensor(typeof mean === 'number' ? mean : [...mean], { dtype: img.dtype });
  let s = tensor(typeof std === 'number' ? std : [...std], { dtype: img.dtype });
  if (s.eq(0).any().item()) throw new Error(`std evaluated to zero after conversion to torch.${img.dtype}, leading to division by zero.`);
  if (m.dim() === 1) m = m.view([-1, 1, 1]);
  if (s.dim() === 1) s = s.view([-1, 1, 1]);
  return out.sub_(m).div_(s);
}

