/**
 * imgaug's Convolve kernel on uint8 images: cv2.filter2D with a float32 matrix per channel,
 * BORDER_REFLECT_101, the anchor at the matrix's centre. OpenCV accumulates the non-zero taps in
 * row-major order in float32 and rounds half to even; so does this, one float32 op at a time.
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { handleContinuousParam, type ContinuousArg } from '../../parameters/handle';
import type { StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import type { AugmenterOptions } from '../base';
import { padBorder, withChannelAxis } from './border';
import { PixelAugmenter } from './pixel-augmenter';
import { assertUint8Image, channelCount } from './uint8-image';

function assertMatrix(matrix: Tensor): void {
  if (matrix.dim() !== 2) throw new RangeError(`convolve: expected a 2-D matrix, got shape [${matrix.shape.join(', ')}]`);
}

/** One channel `[H, W]` filtered by matrix `[kh, kw]` (float32 values). */
function filterChannel(channel: Tensor, matrix: Tensor): Tensor {
  const [kh, kw] = matrix.shape as [number, number];
  const [height, width] = channel.shape as [number, number];
  const [top, left] = [Math.floor(kh / 2), Math.floor(kw / 2)];
  const padded = padBorder(channel.unsqueeze(2).to('float32'), top, kh - 1 - top, left, kw - 1 - left, 'reflect101').squeeze(2);
  const weights = Array.from(matrix.to('float32').numpy() as Float32Array);
  let acc: Tensor | null = null;
  weights.forEach((w, i) => {
    if (w === 0) return;
    const tap = padded.narrow(0, Math.floor(i / kw), height).narrow(1, i % kw, width).mul(w);
    acc = acc === null ? tap : acc.add(tap);
  });
  const sum = acc ?? torch.zeros([height, width], { dtype: 'float32' });
  return sum.round().clamp(0, 255).to('uint8');
}

/**
 * Filters each channel of image with its matrix (one `[kh, kw]` tensor for all channels, or an
 * array with one per channel, null leaving that channel as it is).
 *
 * @example
 * convolve(image, torch.tensor([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], { dtype: 'float32' }));
 */
export function convolve(image: Tensor, matrices: Tensor | readonly (Tensor | null)[]): Tensor {
  assertUint8Image(image, 'convolve');
  const channels = channelCount(image);
  const perChannel = matrices instanceof torch.Tensor ? Array.from({ length: channels }, () => matrices) : [...matrices];
  if (perChannel.length !== channels) throw new RangeError(`convolve: expected ${channels} matrices (one per channel), got ${perChannel.length}`);
  perChannel.forEach((m) => m && assertMatrix(m));
  if (image.numel() === 0) return image.clone();
  return withChannelAxis(image, (hwc) => torch.stack(
    perChannel.map((m, c) => (m === null ? hwc.select(2, c) : filterChannel(hwc.select(2, c), m))),
    2,
  ));
}

/** (1 − alpha)·identity + alpha·effect, in float32 as imgaug's matrix generators compute it. */
function blendWithIdentity(effect: number[][], alpha: number): Tensor {
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`expected alpha in [0.0, 1.0], got ${alpha}`);
  const identity = torch.tensor([[0, 0, 0], [0, 1, 0], [0, 0, 0]], { dtype: 'float32' });
  return identity.mul(1 - alpha).add(torch.tensor(effect, { dtype: 'float32' }).mul(alpha));
}

/** imgaug's Sharpen matrix: the identity blended by alpha with a Laplacian of centre 8 + lightness. */
export function sharpenMatrix(alpha: number, lightness: number): Tensor {
  return blendWithIdentity([[-1, -1, -1], [-1, 8 + lightness, -1], [-1, -1, -1]], alpha);
}

/** imgaug's Emboss matrix: the identity blended by alpha with a diagonal relief of the given strength. */
export function embossMatrix(alpha: number, strength: number): Tensor {
  return blendWithIdentity([[-1 - strength, -strength, 0], [-strength, 1, strength], [0, strength, 1 + strength]], alpha);
}

/** imgaug's EdgeDetect matrix: the identity blended by alpha with a 4-neighbour Laplacian. */
export function edgeDetectMatrix(alpha: number): Tensor {
  return blendWithIdentity([[0, 1, 0], [1, -4, 1], [0, 1, 0]], alpha);
}

/** numpy's float32 sum of 9 values: eight pairwise in a tree, then the ninth. */
function float32Sum9(v: readonly number[]): number {
  const f = Math.fround;
  const pair = (a: number, b: number): number => f(a + b);
  return f(pair(pair(pair(v[0]!, v[1]!), pair(v[2]!, v[3]!)), pair(pair(v[4]!, v[5]!), pair(v[6]!, v[7]!))) + v[8]!);
}

/**
 * imgaug's DirectedEdgeDetect matrix for a direction in [0, 1] (0 and 1: edges seen from the top):
 * each neighbour weighted by (1 − its angle to the direction / 180°)^4, normalised, negated, with 1
 * at the centre, blended by alpha with the identity (float32, as imgaug computes it).
 */
export function directedEdgeDetectMatrix(alpha: number, direction: number): Tensor {
  const deg = ((Math.trunc(direction * 360) % 360) + 360) % 360;
  const rad = (deg * Math.PI) / 180;
  const [dx, dy] = [Math.cos(rad - 0.5 * Math.PI), Math.sin(rad - 0.5 * Math.PI)];
  const dNorm = Math.hypot(dx, dy);
  const effect = new Array<number>(9).fill(0);
  for (const x of [-1, 0, 1]) {
    for (const y of [-1, 0, 1]) {
      if (x === 0 && y === 0) continue;
      const cNorm = Math.hypot(x, y);
      const cos = Math.min(Math.max((x / cNorm) * (dx / dNorm) + (y / cNorm) * (dy / dNorm), -1), 1);
      const distance = ((Math.acos(cos) * 180) / Math.PI) / 180;
      effect[(y + 1) * 3 + (x + 1)] = Math.fround((1 - distance) ** 4);
    }
  }
  const total = float32Sum9(effect);
  const normalised = effect.map((v) => -Math.fround(v / total));
  normalised[4] = 1;
  return blendWithIdentity([normalised.slice(0, 3), normalised.slice(3, 6), normalised.slice(6, 9)], alpha);
}

/**
 * Sharpens image (imgaug's Sharpen with fixed alpha and lightness).
 *
 * @example
 * sharpen(image, 0.5, 1.0);
 */
export function sharpen(image: Tensor, alpha: number, lightness: number): Tensor {
  return convolve(image, sharpenMatrix(alpha, lightness));
}

/**
 * Embosses image (imgaug's Emboss with fixed alpha and strength).
 *
 * @example
 * emboss(image, 1.0, 0.5);
 */
export function emboss(image: Tensor, alpha: number, strength: number): Tensor {
  return convolve(image, embossMatrix(alpha, strength));
}

export interface SharpenOptions extends AugmenterOptions {
  /** How much of the sharpened image is blended in, 0–1 (default [0, 0.2]). */
  alpha?: ContinuousArg;
  /** The sharpened image's brightness; 0 gives an edge map (default [0.8, 1.2]). */
  lightness?: ContinuousArg;
}

/**
 * Sharpens images, blended by alpha with the original (imgaug's `iaa.Sharpen`).
 *
 * @example
 * new iaa.Sharpen({ alpha: [0, 1.0], lightness: [0.75, 2.0] });
 */
export class Sharpen extends PixelAugmenter {
  readonly alpha: StochasticParameter<number>;
  readonly lightness: StochasticParameter<number>;

  constructor(alpha?: ContinuousArg | SharpenOptions, lightness?: ContinuousArg | SharpenOptions, options?: SharpenOptions) {
    const args = parseArguments('Sharpen', [alpha, lightness, options], ['alpha', 'lightness']);
    super(args);
    this.alpha = handleContinuousParam(args.alpha ?? [0, 0.2], 'alpha', { valueRange: [0, 1] });
    this.lightness = handleContinuousParam(args.lightness ?? [0.8, 1.2], 'lightness', { valueRange: [0, null] });
  }

  protected augmentImages_(images: Tensor[], randomState: RandomState): Tensor[] {
    const rss = randomState.deriveMany(images.length);
    return images.map((image, i) => convolve(image, sharpenMatrix(this.alpha.drawSample(rss[i]!), this.lightness.drawSample(rss[i]!))));
  }

  override getParameters(): unknown[] {
    return [this.alpha, this.lightness];
  }
}

export interface EmbossOptions extends AugmenterOptions {
  /** How much of the embossed image is blended in, 0–1 (default [0, 1]). */
  alpha?: ContinuousArg;
  /** The relief's strength (default [0.25, 1.0]). */
  strength?: ContinuousArg;
}

/**
 * Embosses images, blended by alpha with the original (imgaug's `iaa.Emboss`).
 *
 * @example
 * new iaa.Emboss({ alpha: [0, 1.0], strength: [0.5, 1.5] });
 */
export class Emboss extends PixelAugmenter {
  readonly alpha: StochasticParameter<number>;
  readonly strength: StochasticParameter<number>;

  constructor(alpha?: ContinuousArg | EmbossOptions, strength?: ContinuousArg | EmbossOptions, options?: EmbossOptions) {
    const args = parseArguments('Emboss', [alpha, strength, options], ['alpha', 'strength']);
    super(args);
    this.alpha = handleContinuousParam(args.alpha ?? [0, 1], 'alpha', { valueRange: [0, 1] });
    this.strength = handleContinuousParam(args.strength ?? [0.25, 1], 'strength', { valueRange: [0, null] });
  }

  protected augmentImages_(images: Tensor[], randomState: RandomState): Tensor[] {
    const rss = randomState.deriveMany(images.length);
    return images.map((image, i) => convolve(image, embossMatrix(this.alpha.drawSample(rss[i]!), this.strength.drawSample(rss[i]!))));
  }

  override getParameters(): unknown[] {
    return [this.alpha, this.strength];
  }
}

export interface EdgeDetectOptions extends AugmenterOptions {
  /** How much of the edge image is blended in, 0–1 (default [0, 0.75]). */
  alpha?: ContinuousArg;
}

/**
 * Blends images with their edges (a Laplacian) (imgaug's `iaa.EdgeDetect`).
 *
 * @example
 * new iaa.EdgeDetect([0, 0.7]);
 */
export class EdgeDetect extends PixelAugmenter {
  readonly alpha: StochasticParameter<number>;

  constructor(alpha?: ContinuousArg | EdgeDetectOptions, options?: EdgeDetectOptions) {
    const args = parseArguments('EdgeDetect', [alpha, options], ['alpha']);
    super(args);
    this.alpha = handleContinuousParam(args.alpha ?? [0, 0.75], 'alpha', { valueRange: [0, 1] });
  }

  protected augmentImages_(images: Tensor[], randomState: RandomState): Tensor[] {
    const rss = randomState.deriveMany(images.length);
    return images.map((image, i) => convolve(image, edgeDetectMatrix(this.alpha.drawSample(rss[i]!))));
  }

  override getParameters(): unknown[] {
    return [this.alpha];
  }
}

export interface DirectedEdgeDetectOptions extends EdgeDetectOptions {
  /** The direction edges are seen from, 0–1 for 0–360° (default [0, 1]). */
  direction?: ContinuousArg;
}

/**
 * Blends images with their edges seen from a direction (imgaug's `iaa.DirectedEdgeDetect`).
 *
 * @example
 * new iaa.DirectedEdgeDetect({ alpha: [0, 0.7], direction: [0, 1] });
 */
export class DirectedEdgeDetect extends PixelAugmenter {
  readonly alpha: StochasticParameter<number>;
  readonly direction: StochasticParameter<number>;

  constructor(alpha?: ContinuousArg | DirectedEdgeDetectOptions, direction?: ContinuousArg | DirectedEdgeDetectOptions, options?: DirectedEdgeDetectOptions) {
    const args = parseArguments('DirectedEdgeDetect', [alpha, direction, options], ['alpha', 'direction']);
    super(args);
    this.alpha = handleContinuousParam(args.alpha ?? [0, 0.75], 'alpha', { valueRange: [0, 1] });
    this.direction = handleContinuousParam(args.direction ?? [0, 1], 'direction');
  }

  protected augmentImages_(images: Tensor[], randomState: RandomState): Tensor[] {
    const rss = randomState.deriveMany(images.length);
    return images.map((image, i) => convolve(image, directedEdgeDetectMatrix(this.alpha.drawSample(rss[i]!), this.direction.drawSample(rss[i]!))));
  }

  override getParameters(): unknown[] {
    return [this.alpha, this.direction];
  }
}
