/**
 * imgaug's MedianBlur kernel on uint8 images: cv2.medianBlur, the median of a k × k window with
 * BORDER_REPLICATE. A median of integers has one answer, so this one is exact.
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { handleDiscreteParam, type DiscreteArg } from '../../parameters/handle';
import type { StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import type { AugmenterOptions } from '../base';
import { padBorder, withChannelAxis } from './border';
import { PixelAugmenter } from './pixel-augmenter';
import { assertUint8Image } from './uint8-image';

/**
 * The median over the k × k window (k odd) around each pixel.
 *
 * @example
 * medianBlur(image, 3);
 */
export function medianBlur(image: Tensor, k: number): Tensor {
  assertUint8Image(image, 'medianBlur');
  if (!(Number.isInteger(k) && k >= 1 && k % 2 === 1)) throw new RangeError(`medianBlur: expected an odd positive kernel size, got ${k}`);
  if (k === 1 || image.numel() === 0) return image.clone();
  const r = (k - 1) / 2;
  return withChannelAxis(image, (hwc) => {
    const [height, width, channels] = hwc.shape as [number, number, number];
    const padded = padBorder(hwc, r, r, r, r, 'replicate');
    const taps = Array.from({ length: k * k }, (_, i) => padded.narrow(0, Math.floor(i / k), height).narrow(1, i % k, width).contiguous());
    // The median is the smallest v with at least (k² + 1) / 2 window values ≤ v: a binary search over
    // 0–255, eight counting passes over the k² shifted images, is faster here than sorting every window.
    const needed = (k * k + 1) / 2;
    let low = torch.zeros([height, width, channels], { dtype: 'uint8' });
    let high = torch.full([height, width, channels], 255, { dtype: 'uint8' });
    for (let step = 0; step < 8; step++) {
      const mid = low.to('int32').add(high.to('int32')).div(2, { roundingMode: 'floor' }).to('uint8');
      let count = taps[0]!.le(mid).to('int32');
      for (let t = 1; t < taps.length; t++) count = count.add(taps[t]!.le(mid));
      const enough = count.ge(needed);
      high = torch.where(enough, mid, high);
      low = torch.where(enough, low, mid.add(1));
    }
    return low.to('uint8');
  });
}

export interface MedianBlurOptions extends AugmenterOptions {
  /** The odd window size, or a range of them (even draws are made odd) (default [1, 7]). */
  k?: DiscreteArg;
}

/**
 * Replaces each pixel by the median of a k × k window, k drawn per image (imgaug's `iaa.MedianBlur`).
 *
 * @example
 * new iaa.MedianBlur([3, 11]);
 */
export class MedianBlur extends PixelAugmenter {
  readonly k: StochasticParameter<number>;

  constructor(k?: DiscreteArg | MedianBlurOptions, options?: MedianBlurOptions) {
    const args = parseArguments('MedianBlur', [k, options], ['k']);
    super(args);
    const kArg = args.k ?? [1, 7];
    const odd = (v: unknown): boolean => typeof v !== 'number' || v % 2 !== 0;
    if (!(Array.isArray(kArg) ? kArg.every(odd) : odd(kArg))) {
      throw new Error(`MedianBlur: expected odd kernel sizes k, got ${JSON.stringify(kArg)}; add or subtract 1`);
    }
    this.k = handleDiscreteParam(kArg, 'k', { valueRange: [1, null], allowFloats: false });
  }

  protected augmentImages_(images: Tensor[], randomState: RandomState): Tensor[] {
    const ks = this.k.drawValues(images.length, randomState);
    return images.map((image, i) => (ks[i]! > 1 ? medianBlur(image, ks[i]! % 2 === 0 ? ks[i]! + 1 : ks[i]!) : image));
  }

  override getParameters(): unknown[] {
    return [this.k];
  }
}
