/**
 * OpenCV's CLAHE (cv2.createCLAHE(clipLimit, tileGridSize).apply) on one uint8 channel, as imgaug's
 * AllChannelsCLAHE runs it: the image (padded with BORDER_REFLECT_101 at the bottom and right to a
 * multiple of the tile grid, as OpenCV pads) is cut into tiles; each tile's histogram is clipped at
 * max(1, int(clipLimit·tileArea/256)), the clipped counts spread evenly with the residue on every
 * (256/residue)-th bin; the cumulative histogram ·255/tileArea (float32, rounded) is the tile's
 * table; each pixel blends the tables of its four nearest tiles bilinearly in float32.
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { handleContinuousParam, handleDiscreteKernelSizeParam, handleProbabilityParam, type ContinuousArg, type DiscreteArg, type ProbabilityArg } from '../../parameters/handle';
import type { StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import type { AugmenterOptions } from '../base';
import { padBorder } from './border';
import { assertIntensityColorspace, onIntensityChannels } from './intensity-channel';
import { maxChannels, PixelAugmenter } from './pixel-augmenter';
import { assertUint8Image } from './uint8-image';

const BINS = 256;

/** Rounds half to even in float32 and clips to 0–255, OpenCV's saturate_cast<uchar>(float). */
function saturateUint8(x: Tensor): Tensor {
  return x.round().clamp(0, 255).to('uint8');
}

/** One table of 256 entries per tile, `[tiles, 256]` uint8, from tiles `[tiles, pixels]`. */
function tileTables(tiles: Tensor, clipLimit: number): Tensor {
  const [count, area] = tiles.shape as [number, number];
  const offsets = torch.arange(count, { dtype: 'int64' }).mul(BINS).unsqueeze(1);
  const index = tiles.to('int64').add(offsets).flatten();
  let hist = torch.zeros([count * BINS], { dtype: 'int32' }).scatterAdd(0, index, torch.ones([count * area], { dtype: 'int32' })).reshape([count, BINS]);
  if (clipLimit > 0) {
    const limit = Math.max(Math.trunc((clipLimit * area) / BINS), 1);
    const clipped = hist.sub(limit).clamp(0, null).sum(1, { keepdim: true });
    hist = hist.clamp(null, limit);
    const batch = clipped.div(BINS, { roundingMode: 'floor' });
    const residual = clipped.sub(batch.mul(BINS));
    // Bins 0, step, 2·step, … (residual of them) get one more, step = max(256 / residual, 1).
    const step = torch.where(residual.gt(0), torch.div(torch.full([count, 1], BINS, { dtype: 'int32' }), residual.clamp(1, null), { roundingMode: 'floor' }).clamp(1, null), torch.ones([count, 1], { dtype: 'int32' }));
    const bins = torch.arange(BINS, { dtype: 'int32' }).unsqueeze(0);
    const extra = torch.remainder(bins, step).eq(0).logicalAnd(torch.div(bins, step, { roundingMode: 'floor' }).lt(residual));
    hist = hist.add(batch).add(extra.to('int32'));
  }
  const lutScale = Math.fround((BINS - 1) / area);
  return saturateUint8(hist.cumsum(1).to('float32').mul(lutScale));
}

/** For each of n positions along an axis cut into tiles of size `tile`: the two tiles and the weight of the second. */
function tileBlend(n: number, tile: number, tiles: number): { first: Tensor; second: Tensor; weight: Tensor } {
  const inv = Math.fround(1 / tile);
  const pos = torch.arange(n, { dtype: 'float32' }).mul(inv).sub(0.5);
  const lower = pos.floor();
  return {
    first: lower.clamp(0, null).to('int64'),
    second: lower.add(1).clamp(null, tiles - 1).to('int64'),
    weight: pos.sub(lower),
  };
}

/**
 * Contrast-limited adaptive histogram equalisation of a uint8 `[H, W]` channel over a grid of
 * tilesX × tilesY tiles.
 *
 * @example
 * clahe(channel, 2.0, 8, 8);
 */
export function clahe(channel: Tensor, clipLimit: number, tilesX: number, tilesY: number): Tensor {
  assertUint8Image(channel, 'clahe');
  if (channel.dim() !== 2) throw new RangeError(`clahe: expected one channel [H, W], got [${channel.shape.join(', ')}]`);
  for (const [name, t] of [['tilesX', tilesX], ['tilesY', tilesY]] as const) {
    if (!(Number.isInteger(t) && t >= 1)) throw new RangeError(`clahe: expected ${name} to be a positive integer, got ${t}`);
  }
  const [height, width] = channel.shape as [number, number];
  // OpenCV pads both axes, each by tiles − size % tiles, as soon as either is not a multiple: an
  // axis that was one gets a whole extra tile row's worth.
  const divisible = height % tilesY === 0 && width % tilesX === 0;
  const padBottom = divisible ? 0 : tilesY - (height % tilesY);
  const padRight = divisible ? 0 : tilesX - (width % tilesX);
  const padded = padBorder(channel.unsqueeze(2), 0, padBottom, 0, padRight, 'reflect101').squeeze(2);
  const [th, tw] = [(height + padBottom) / tilesY, (width + padRight) / tilesX];
  const tiles = padded.reshape([tilesY, th, tilesX, tw]).permute([0, 2, 1, 3]).reshape([tilesY * tilesX, th * tw]);
  const tables = tileTables(tiles, clipLimit).to('float32').flatten();
  const ys = tileBlend(height, th, tilesY);
  const xs = tileBlend(width, tw, tilesX);
  const value = channel.to('int64');
  const lookup = (ty: Tensor, tx: Tensor): Tensor =>
    tables.take(ty.unsqueeze(1).mul(tilesX).add(tx.unsqueeze(0)).mul(BINS).add(value));
  const xa = xs.weight.unsqueeze(0);
  const xa1 = xa.neg().add(1);
  const ya = ys.weight.unsqueeze(1);
  const ya1 = ya.neg().add(1);
  const top = lookup(ys.first, xs.first).mul(xa1).add(lookup(ys.first, xs.second).mul(xa));
  const bottom = lookup(ys.second, xs.first).mul(xa1).add(lookup(ys.second, xs.second).mul(xa));
  return saturateUint8(top.mul(ya1).add(bottom.mul(ya)));
}

/**
 * clahe on every channel of a uint8 `[H, W]` or `[H, W, C]` image alike.
 *
 * @example
 * allChannelsClahe(image, 2.0, 8, 8);
 */
export function allChannelsClahe(image: Tensor, clipLimit: number, tilesX: number, tilesY: number): Tensor {
  assertUint8Image(image, 'allChannelsClahe');
  if (image.dim() === 2) return clahe(image, clipLimit, tilesX, tilesY);
  return torch.stack(image.unbind(2).map((channel) => clahe(channel, clipLimit, tilesX, tilesY)), 2);
}

export interface AllChannelsClaheOptions extends AugmenterOptions {
  /** The histogram clip limit (default [0.1, 8]). */
  clipLimit?: ContinuousArg;
  /** The number of tiles per axis (imgaug's name says pixels; it is OpenCV's tileGridSize): one, a range, or a pair [rows, columns] (default [3, 12]). */
  tileGridSizePx?: DiscreteArg | readonly [DiscreteArg, DiscreteArg];
  /** The fewest tiles per axis (default 3). */
  tileGridSizePxMin?: number;
  /** The probability of drawing the parameters per channel instead of per image (default false). */
  perChannel?: ProbabilityArg;
}

const CLAHE_NAMES = ['clipLimit', 'tileGridSizePx', 'tileGridSizePxMin', 'perChannel'];

/**
 * CLAHE on every channel (imgaug's `iaa.AllChannelsCLAHE`).
 *
 * @example
 * new iaa.AllChannelsCLAHE({ clipLimit: [1, 10], perChannel: true });
 */
export class AllChannelsCLAHE extends PixelAugmenter {
  readonly clipLimit: StochasticParameter<number>;
  readonly tileGridSizePx: [StochasticParameter<number>, StochasticParameter<number> | null];
  readonly tileGridSizePxMin: number;
  readonly perChannel: StochasticParameter<number>;

  constructor(clipLimit?: ContinuousArg | AllChannelsClaheOptions, options?: AllChannelsClaheOptions) {
    const args = parseArguments(new.target.name, [clipLimit, options], CLAHE_NAMES);
    super(args);
    this.clipLimit = handleContinuousParam(args.clipLimit ?? [0.1, 8], 'clipLimit', { valueRange: [1e-4, null] });
    this.tileGridSizePx = handleDiscreteKernelSizeParam(args.tileGridSizePx ?? [3, 12], 'tileGridSizePx', { valueRange: [0, null], allowFloats: false });
    this.tileGridSizePxMin = (args.tileGridSizePxMin as number | undefined) ?? 3;
    this.perChannel = handleProbabilityParam(args.perChannel ?? false, 'perChannel');
  }

  protected augmentImages_(images: Tensor[], randomState: RandomState): Tensor[] {
    return this.equalizeImages(images, randomState);
  }

  /** The images `[H, W, C]` equalised with parameters drawn from randomState (CLAHE's intensity channels go through it too). */
  equalizeImages(images: Tensor[], randomState: RandomState): Tensor[] {
    const n = images.length;
    const channelsMax = maxChannels(images);
    const [hParam, wParam] = this.tileGridSizePx;
    const rss = randomState.deriveMany(wParam === null ? 3 : 4);
    const perChannel = this.perChannel.drawValues(n, rss[0]!);
    const clipLimits = this.clipLimit.drawValues([n, channelsMax], rss[1]!);
    const tilesH = hParam.drawValues([n, channelsMax], rss[2]!).map((t) => Math.max(t, this.tileGridSizePxMin));
    const tilesW = wParam === null ? tilesH : wParam.drawValues([n, channelsMax], rss[3]!).map((t) => Math.max(t, this.tileGridSizePxMin));
    return images.map((image, i) => {
      const planes = image.unbind(2).map((plane, c) => {
        const j = i * channelsMax + (perChannel[i]! > 0.5 ? c : 0);
        return tilesW[j]! > 1 || tilesH[j]! > 1 ? clahe(plane, clipLimits[j]!, tilesW[j]!, tilesH[j]!) : plane;
      });
      return torch.stack(planes, 2);
    });
  }

  override getParameters(): unknown[] {
    return [this.clipLimit, this.tileGridSizePx, this.tileGridSizePxMin, this.perChannel];
  }
}

export interface ClaheOptions extends Omit<AllChannelsClaheOptions, 'perChannel'> {
  /** The images' colour space; only 'RGB' here. */
  fromColorspace?: 'RGB';
  /** The colour space whose intensity channel is equalised: only 'HSV' (its V) here; imgaug's default 'Lab' is not implemented. */
  toColorspace?: 'HSV';
}

/**
 * CLAHE on the intensity channel of RGB images (V of HSV), or on one-channel images directly
 * (imgaug's `iaa.CLAHE`; its default colour space Lab is not implemented, so toColorspace must be
 * 'HSV').
 *
 * @example
 * new iaa.CLAHE({ clipLimit: [1, 10], toColorspace: 'HSV' });
 */
export class CLAHE extends PixelAugmenter {
  readonly allChannelsClahe: AllChannelsCLAHE;
  readonly fromColorspace = 'RGB';
  readonly toColorspace = 'HSV';

  constructor(clipLimit?: ContinuousArg | ClaheOptions, options?: ClaheOptions) {
    const args = parseArguments('CLAHE', [clipLimit, options], [...CLAHE_NAMES.filter((k) => k !== 'perChannel'), 'fromColorspace', 'toColorspace']);
    super(args);
    assertIntensityColorspace('CLAHE', args.fromColorspace, args.toColorspace);
    this.allChannelsClahe = new AllChannelsCLAHE({
      clipLimit: args.clipLimit, tileGridSizePx: args.tileGridSizePx, tileGridSizePxMin: args.tileGridSizePxMin,
    } as AllChannelsClaheOptions);
  }

  protected augmentImages_(images: Tensor[], randomState: RandomState): Tensor[] {
    const rs = randomState.deriveMany(3)[1]!;
    return onIntensityChannels(images, (channels) => this.allChannelsClahe.equalizeImages(channels, rs));
  }

  override getParameters(): unknown[] {
    return [this.allChannelsClahe.clipLimit, this.allChannelsClahe.tileGridSizePx, this.allChannelsClahe.tileGridSizePxMin, this.fromColorspace, this.toColorspace];
  }
}
