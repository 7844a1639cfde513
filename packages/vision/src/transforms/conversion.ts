/** The conversion transforms: ToTensor, PILToTensor, ConvertImageDtype, Normalize. */
import { Module } from '@x/nn';
import type { DType, Tensor } from '@x/tensor';
import type { RawImage } from '../image';
import * as F from './functional/conversion';
import { pyFloat } from './python-repr';

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

/**
 * Converts an image tensor to `dtype`, rescaling its values (uint8 0–255 ↔ float 0–1).
 *
 * @example
 * new transforms.ConvertImageDtype('float32').forward(uint8Image);
 */
export class ConvertImageDtype extends Module {
  constructor(readonly dtype: DType) {
    super();
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

/**
 * (image - mean) / std per channel, for float tensor images [..., C, H, W].
 *
 * @example
 * new transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]);
 */
export class Normalize extends Module {
  readonly inplace: boolean;

  constructor(readonly mean: number | readonly number[], readonly std: number | readonly number[], options: F.NormalizeOptions | boolean = {}) {
    super();
    this.inplace = typeof options === 'boolean' ? options : (options.inplace ?? false);
  }

  forward(tensor: Tensor): Tensor {
    return F.normalize(tensor, this.mean, this.std, { inplace: this.inplace });
  }

  override toString(): string {
    return `Normalize(mean=${floats(this.mean)}, std=${floats(this.std)})`;
  }
}
