/**
 * imgaug's arithmetic on uint8 images (imgaug.augmenters.arithmetic's add_scalar, add_elementwise,
 * multiply_scalar, multiply_elementwise, invert), with imgaug 0.4's rounding and clipping: added
 * values are rounded half to even and clipped to ±255, products are clipped and truncated. Float32
 * images (additions and multiplications) take imgaug's float path: sums in float64, products in
 * float32, the result float32, unclipped.
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { applyLut, assertUint8Image, assertUint8OrFloat32Image, channelCount } from './uint8-image';

/** A number, or one number per channel (an array or a 1-D tensor). */
export type ChannelValues = number | readonly number[] | Tensor;

/** value as a float64 tensor: a scalar, or `[C]` checked against image's channels. */
function channelValues(image: Tensor, value: ChannelValues, what: string): Tensor {
  if (typeof value === 'number') return torch.tensor([value], { dtype: 'float64' });
  const values = value instanceof torch.Tensor ? value.to('float64').flatten() : torch.tensor([...value], { dtype: 'float64' });
  if (values.numel() === 1) return values;
  if (image.dim() !== 3) {
    throw new RangeError(`${what}: one value per channel needs an image of shape [H, W, C], got [${image.shape.join(', ')}]`);
  }
  if (values.numel() !== channelCount(image)) {
    throw new RangeError(`${what}: expected ${channelCount(image)} values (one per channel), got ${values.numel()}`);
  }
  return values;
}

/** The 256-entry table (or `[256, C]` with one column per channel) of v ↦ f(v). */
function lutOf(values: Tensor, dtype: 'int64' | 'float32', f: (range: Tensor, values: Tensor) => Tensor): Tensor {
  const range = torch.arange(256, { dtype });
  if (values.numel() === 1) return f(range, values.to(dtype));
  return f(range.unsqueeze(1), values.to(dtype).unsqueeze(0));
}

/**
 * Adds value (one number, or one per channel) to every pixel; value is rounded half to even and
 * clipped to ±255, the sum clipped to 0–255.
 *
 * @example
 * addScalar(image, 10);
 * addScalar(image, [10, -20, 30]);
 */
export function addScalar(image: Tensor, value: ChannelValues): Tensor {
  assertUint8OrFloat32Image(image, 'addScalar');
  if (image.dtype === 'float32') return image.to('float64').add(channelValues(image, value, 'addScalar')).to('float32');
  const values = channelValues(image, value, 'addScalar').round().clamp(-255, 255);
  return applyLut(image, lutOf(values, 'int64', (range, v) => range.add(v)));
}

/**
 * Multiplies every pixel by multiplier (one number, or one per channel) in float32; the product is
 * clipped to 0–255 and truncated.
 *
 * @example
 * multiplyScalar(image, 1.5);
 */
export function multiplyScalar(image: Tensor, multiplier: ChannelValues): Tensor {
  assertUint8OrFloat32Image(image, 'multiplyScalar');
  const values = channelValues(image, multiplier, 'multiplyScalar');
  // imgaug multiplies a float32 image in float32 (an integer multiplier in float64: the same single rounding).
  if (image.dtype === 'float32') return image.mul(values.to('float32'));
  return applyLut(image, lutOf(values, 'float32', (range, m) => range.mul(m)));
}

function assertBroadcastsTo(image: Tensor, values: Tensor, what: string): void {
  const shape = image.shape;
  const ok = values.dim() <= shape.length
    && values.shape.every((n, i) => n === 1 || n === shape[shape.length - values.dim() + i]);
  if (!ok) throw new RangeError(`${what}: expected values broadcastable to the image's shape [${shape.join(', ')}], got [${values.shape.join(', ')}]`);
}

/**
 * Adds values (a tensor broadcastable to the image, e.g. `[H, W, 1]` or `[H, W, C]`) pixel by
 * pixel: float values are rounded half to even, all clipped to ±255, the sum to 0–255.
 *
 * @example
 * addElementwise(image, torch.randint(-20, 21, [h, w, 1]));
 */
export function addElementwise(image: Tensor, values: Tensor): Tensor {
  assertUint8OrFloat32Image(image, 'addElementwise');
  assertBroadcastsTo(image, values, 'addElementwise');
  if (image.dtype === 'float32') return image.to('float64').add(values.to('float64')).to('float32');
  const rounded = values.isFloatingPoint() ? values.to('float64').round() : values.to('int64');
  return image.to('int32').add(rounded.clamp(-255, 255).to('int32')).clamp(0, 255).to('uint8');
}

/**
 * Multiplies pixel by pixel with multipliers (broadcastable to the image): float multipliers in
 * float32 with the product clipped and truncated, integer ones exactly and clipped.
 *
 * @example
 * multiplyElementwise(image, torch.rand([h, w, 1]).mul(2));
 */
export function multiplyElementwise(image: Tensor, multipliers: Tensor): Tensor {
  assertUint8OrFloat32Image(image, 'multiplyElementwise');
  assertBroadcastsTo(image, multipliers, 'multiplyElementwise');
  if (image.dtype === 'float32') return image.mul(multipliers.to('float32'));
  const dtype = multipliers.isFloatingPoint() ? 'float32' : 'int32';
  return image.to(dtype).mul(multipliers.to(dtype)).clamp(0, 255).to('uint8');
}

/** invert's options, imgaug's keyword arguments. */
export interface InvertOptions {
  /** The smallest value of the range inverted (default 0). */
  minValue?: number | null;
  /** The largest value of the range inverted (default 255). */
  maxValue?: number | null;
  /** Only values at or above (or, with invertAboveThreshold false, below) it are inverted. */
  threshold?: number | null;
  invertAboveThreshold?: boolean;
}

/**
 * v ↦ maxValue − |v − minValue|, clipped to [minValue, maxValue] (255 − v for the full range),
 * for the values selected by threshold.
 *
 * @example
 * invert(image);
 * invert(image, { threshold: 128 });   // solarize
 */
export function invert(image: Tensor, options: InvertOptions = {}): Tensor {
  assertUint8Image(image, 'invert');
  const minValue = options.minValue ?? 0;
  const maxValue = options.maxValue ?? 255;
  if (!(minValue >= 0 && maxValue <= 255)) {
    throw new RangeError(`invert: expected minValue and maxValue within 0..255 for a uint8 image, got ${minValue} and ${maxValue}`);
  }
  if (!(minValue < maxValue)) throw new RangeError(`invert: expected minValue below maxValue, got ${minValue} and ${maxValue}`);
  const range = torch.arange(256, { dtype: 'int64' });
  let table = range.sub(minValue).abs().neg().add(maxValue).clamp(minValue, maxValue);
  if (options.threshold !== undefined && options.threshold !== null) {
    const above = range.ge(Math.trunc(options.threshold));
    const inverted = (options.invertAboveThreshold ?? true) ? above : above.logicalNot();
    table = torch.where(inverted, table, range);
  }
  return applyLut(image, table);
}
