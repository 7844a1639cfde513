/**
 * imgaug's histogram equalisation: cv2.equalizeHist on uint8 channels (AllChannelsHistogramEqualization
 * on every channel, HistogramEqualization on the intensity channel). OpenCV maps v to
 * round(255 · (count of values ≤ v − count of the lowest value) / (pixels − count of the lowest
 * value)) in float32, rounded half to even; a flat channel stays as it is.
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import type { AugmenterOptions } from '../base';
import { assertIntensityColorspace, onIntensityChannels } from './intensity-channel';
import { PixelAugmenter } from './pixel-augmenter';
import { applyLut, assertUint8Image } from './uint8-image';

/**
 * cv2.equalizeHist of a uint8 `[H, W]` channel.
 *
 * @example
 * equalizeHist(channel);
 */
export function equalizeHist(channel: Tensor): Tensor {
  assertUint8Image(channel, 'equalizeHist');
  if (channel.dim() !== 2) throw new RangeError(`equalizeHist: expected one channel [H, W], got [${channel.shape.join(', ')}]`);
  const total = channel.numel();
  if (total === 0) return channel.clone();
  const hist = torch.zeros([256], { dtype: 'int32' }).scatterAdd(0, channel.flatten().to('int64'), torch.ones([total], { dtype: 'int32' }));
  const lowest = channel.min().item() as number;
  const lowestCount = hist.select(0, lowest).item() as number;
  if (lowestCount === total) return channel.clone();
  const scale = Math.fround(255 / (total - lowestCount));
  const below = hist.cumsum(0).sub(lowestCount);
  // Values up to the lowest map to 0 (OpenCV's table starts there).
  const table = torch.where(torch.arange(256).le(lowest), 0, below.to('float32').mul(scale).round());
  return applyLut(channel, table);
}

/** equalizeHist on each channel of `[H, W, C]` images. */
function equalizeChannels(images: readonly Tensor[]): Tensor[] {
  return images.map((image) => torch.stack(image.unbind(2).map(equalizeHist), 2));
}

/**
 * Equalises the histogram of every channel (imgaug's `iaa.AllChannelsHistogramEqualization`).
 *
 * @example
 * new iaa.AllChannelsHistogramEqualization();
 */
export class AllChannelsHistogramEqualization extends PixelAugmenter {
  constructor(options?: AugmenterOptions) {
    super(parseArguments('AllChannelsHistogramEqualization', [options], []));
  }

  protected augmentImages_(images: Tensor[]): Tensor[] {
    return equalizeChannels(images);
  }
}

export interface HistogramEqualizationOptions extends AugmenterOptions {
  /** The images' colour space; only 'RGB' here. */
  fromColorspace?: 'RGB';
  /** The colour space whose intensity channel is equalised: only 'HSV' (its V) here; imgaug's default 'Lab' is not implemented. */
  toColorspace?: 'HSV';
}

/**
 * Equalises the histogram of the intensity channel (V of HSV) of RGB images, or of one-channel images
 * (imgaug's `iaa.HistogramEqualization`; its default colour space Lab is not implemented).
 *
 * @example
 * new iaa.HistogramEqualization({ toColorspace: 'HSV' });
 */
export class HistogramEqualization extends PixelAugmenter {
  readonly fromColorspace = 'RGB';
  readonly toColorspace = 'HSV';

  constructor(options?: HistogramEqualizationOptions) {
    const args = parseArguments('HistogramEqualization', [options], ['fromColorspace', 'toColorspace']);
    super(args);
    assertIntensityColorspace('HistogramEqualization', args.fromColorspace, args.toColorspace);
  }

  protected augmentImages_(images: Tensor[], _randomState: RandomState): Tensor[] {
    return onIntensityChannels(images, equalizeChannels);
  }

  override getParameters(): unknown[] {
    return [this.fromColorspace, this.toColorspace];
  }
}
