/**
 * How imgaug's arithmetic augmenters draw their values: Add and Multiply one per image (or, where
 * perChannel draws ≥ 0.5, one per channel), AddElementwise and MultiplyElementwise one per pixel
 * (and per channel).
 */
import type { Tensor } from '@x/tensor';
import type { StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { maxChannels } from './pixel-augmenter';

/** One value per image, or an array of one per channel. */
export function drawPerImageValues(value: StochasticParameter<number>, perChannel: StochasticParameter<number>, images: readonly Tensor[], randomState: RandomState): (number | number[])[] {
  const [rsPerChannel, rsValue] = randomState.deriveMany(2) as [RandomState, RandomState];
  const channelsMax = maxChannels(images);
  const channelwise = perChannel.drawValues(images.length, rsPerChannel);
  const values = value.drawValues([images.length, channelsMax], rsValue);
  return images.map((image, i) => {
    const row = values.slice(i * channelsMax, (i + 1) * channelsMax);
    return channelwise[i]! > 0.5 ? row.slice(0, image.shape[2]) : row[0]!;
  });
}

/** A `[H, W, C]` (perChannel) or `[H, W, 1]` tensor of values per image. */
export function drawElementwiseValues(value: StochasticParameter<number>, perChannel: StochasticParameter<number>, images: readonly Tensor[], randomState: RandomState): Tensor[] {
  const [rsPerChannel, ...rss] = randomState.deriveMany(1 + images.length) as [RandomState, ...RandomState[]];
  const channelwise = perChannel.drawValues(images.length, rsPerChannel);
  return images.map((image, i) => {
    const [height, width, channels] = image.shape as [number, number, number];
    return value.drawSamples([height, width, channelwise[i]! > 0.5 ? channels : 1], rss[i]!);
  });
}
