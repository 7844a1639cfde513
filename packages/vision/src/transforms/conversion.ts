/** The conversion transforms: ToTensor, PILToTensor, ConvertImageDtype, Normalize. */
import { Module, pyFloat } from '@x/nn';
import { type Args, type DType, signature, type Tensor } from '@x/tensor';
import type { RawImage } from '../image';
import * as F from './functional/conversion';

/**
 * A RawImage (HWC uint8, a PIL image's place) as a float32 tensor [C, H, W] in [0, 1].
 *
 * @example
 * new transforms.ToTensor().forward(raw);
 */
export class ToTensor extends Module {
  forward(pic: RawImage): Tensor {
    return F.toTensor(pic);
  }

  override toString(): string {
    return 'ToTensor()';
  }
}

/**
 * A RawImage (HWC uint8) as a uint8 tensor [C, H, W].
 *
 * @example
 * new transforms.PILToTensor().forward(raw);
 */
export class PILToTensor extends Module {
  forward(pic: RawImage): Tensor {
    return F.pilToTensor(pic);
  }

  override toString(): string {
    return 'PILToTensor()';
  }
}

const CONVERT_IMAGE_DTYPE = signature('ConvertImageDtype(dtype dtype)');

/**
 * Converts an image tensor to `dtype`, rescaling its values (uint8 0–255 ↔ float 0–1).
 *
 * @example
 * new transforms.ConvertImageDtype('float32').forward(uint8Image);
 */
export class ConvertImageDtype extends Module {
  readonly dtype: DType;

  constructor(...args: Args<[dtype: DType], { dtype?: DType }>) {
    super();
    this.dtype = CONVERT_IMAGE_DTYPE.parse<{ dtype: DType }>(args).dtype;
  }

  forward(image: Tensor): Tensor {
    return F.convertImageDtype(image, this.dtype);
  }

  override toString(): string {
    return 'ConvertImageDtype()';
  }
}

function floats(v: number | readonly number[]): string {
  return typeof v === 'number' ? pyFloat(v) : `[${v.map(pyFloat).join(', ')}]`;
}

const NORMALIZE = signature('Normalize(float|float[] mean, float|float[] std, bool inplace=False)');

/**
 * (image - mean) / std per channel, for float tensor images [..., C, H, W].
 *
 * @example
 * new transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]);
 */
export class Normalize extends Module {
  readonly mean: number | readonly number[];
  readonly std: number | readonly number[];
  readonly inplace: boolean;

  constructor(
    ...args: Args<[mean: number | readonly number[], std: number | readonly number[], inplace: boolean], F.NormalizeOptions & { mean?: number | readonly number[]; std?: number | readonly number[] }>
  ) {
    super();
    ({ mean: this.mean, std: this.std, inplace: this.inplace } = NORMALIZE.parse<{ mean: number | readonly number[]; std: number | readonly number[]; inplace: boolean }>(args));
  }

  forward(tensor: Tensor): Tensor {
    return F.normalize(tensor, this.mean, this.std, { inplace: this.inplace });
  }

  override toString(): string {
    return `Normalize(mean=${floats(this.mean)}, std=${floats(this.std)})`;
  }
}
