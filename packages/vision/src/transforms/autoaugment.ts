/**
 * The learned and the random augmentation policies: AutoAugment (Cubuk et al. 2018), RandAugment
 * (Cubuk et al. 2019) and TrivialAugmentWide (Müller & Hutter 2021), with torchvision's op tables,
 * magnitude bins and order of draws from the global generator.
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { Module } from '@x/nn';
import type { Image } from '../image';
import { applyOp, type AugmentOp } from './augment-ops';
import type { Fill } from './functional/grid-transform';
import { getDimensions } from './functional/image-tensor';
import { InterpolationMode, checkInterpolation } from './interpolation';
import { pyNumber, pyValue } from './python-repr';

/** An op's magnitudes (a 0-d tensor for the ops without one) and whether a random sign applies. */
type AugmentationSpace = Partial<Record<AugmentOp, [magnitudes: Tensor, signed: boolean]>>;

const noMagnitude = (): [Tensor, boolean] => [torch.tensor(0, { dtype: 'float32' }), false];

/** Posterize's bits: 8 down to 8 − maxDrop over the bins (8 − round(k / ((bins − 1) / maxDrop)))). */
function posterizeBits(numBins: number, maxDrop: number): Tensor {
  return torch.arange(numBins).div((numBins - 1) / maxDrop).round().to('int32').neg().add(8);
}

/** The largest magnitude of each op family; every policy spreads its bins from 0 up to these. */
interface SpaceLimits {
  shear: number;
  /** Pixels: [horizontal, vertical]. */
  translate: readonly [number, number];
  rotate: number;
  /** Brightness, Color, Contrast and Sharpness. */
  enhance: number;
  /** How many bits Posterize drops at the last bin. */
  posterizeDrop: number;
}

/** The ops every policy draws from, Shear to Equalize, with numBins magnitudes up to the limits. */
function sharedSpace(numBins: number, limits: SpaceLimits): AugmentationSpace {
  const bins = (end: number): Tensor => torch.linspace(0, end, numBins);
  return {
    ShearX: [bins(limits.shear), true],
    ShearY: [bins(limits.shear), true],
    TranslateX: [bins(limits.translate[0]), true],
    TranslateY: [bins(limits.translate[1]), true],
    Rotate: [bins(limits.rotate), true],
    Brightness: [bins(limits.enhance), true],
    Color: [bins(limits.enhance), true],
    Contrast: [bins(limits.enhance), true],
    Sharpness: [bins(limits.enhance), true],
    Posterize: [posterizeBits(numBins, limits.posterizeDrop), false],
    Solarize: [torch.linspace(255, 0, numBins), false],
    AutoContrast: noMagnitude(),
    Equalize: noMagnitude(),
  };
}

/** AutoAugment's and RandAugment's limits: translations up to 150/331 of the image's size. */
function imageScaledLimits([height, width]: readonly [number, number]): SpaceLimits {
  return { shear: 0.3, translate: [(150 / 331) * width, (150 / 331) * height], rotate: 30, enhance: 0.9, posterizeDrop: 4 };
}

const WIDE_LIMITS: SpaceLimits = { shear: 0.99, translate: [32, 32], rotate: 135, enhance: 0.99, posterizeDrop: 6 };

/** A fill for a tensor image: one number becomes one per channel, as torchvision's policies do. */
function channelFill(fill: Fill, channels: number): Fill {
  if (typeof fill === 'number') return new Array<number>(channels).fill(fill);
  return fill === null ? null : [...fill];
}

function fillRepr(fill: Fill): string {
  return fill === null ? 'None' : typeof fill === 'number' ? pyNumber(fill) : pyValue(fill);
}

function interpolationRepr(mode: InterpolationMode): string {
  const name = Object.entries(InterpolationMode).find(([, v]) => v === mode)![0];
  return `InterpolationMode.${name}`;
}

/** A policy's signed magnitude for bin `bin` (a float32 value read as a number). */
function magnitudeOf(space: AugmentationSpace, op: AugmentOp, bin: number | null): [number, boolean] {
  const [magnitudes, signed] = space[op]!;
  return [bin === null || magnitudes.dim() === 0 ? 0 : Number(magnitudes.index(bin).item()), signed];
}

/** torchvision's AutoAugmentPolicy: the datasets the policies were learned on. */
export const AutoAugmentPolicy = { IMAGENET: 'imagenet', CIFAR10: 'cifar10', SVHN: 'svhn' } as const;
export type AutoAugmentPolicy = (typeof AutoAugmentPolicy)[keyof typeof AutoAugmentPolicy];

/** One step of a sub-policy: the op, its probability and its magnitude bin (null: the op takes none). */
type PolicyStep = readonly [op: AugmentOp, p: number, magnitudeId: number | null];
type SubPolicy = readonly [PolicyStep, PolicyStep];

const POLICIES: Record<AutoAugmentPolicy, readonly SubPolicy[]> = {
  imagenet: [
    [['Posterize', 0.4, 8], ['Rotate', 0.6, 9]],
    [['Solarize', 0.6, 5], ['AutoContrast', 0.6, null]],
    [['Equalize', 0.8, null], ['Equalize', 0.6, null]],
    [['Posterize', 0.6, 7], ['Posterize', 0.6, 6]],
    [['Equalize', 0.4, null], ['Solarize', 0.2, 4]],
    [['Equalize', 0.4, null], ['Rotate', 0.8, 8]],
    [['Solarize', 0.6, 3], ['Equalize', 0.6, null]],
    [['Posterize', 0.8, 5], ['Equalize', 1.0, null]],
    [['Rotate', 0.2, 3], ['Solarize', 0.6, 8]],
    [['Equalize', 0.6, null], ['Posterize', 0.4, 6]],
    [['Rotate', 0.8, 8], ['Color', 0.4, 0]],
    [['Rotate', 0.4, 9], ['Equalize', 0.6, null]],
    [['Equalize', 0.0, null], ['Equalize', 0.8, null]],
    [['Invert', 0.6, null], ['Equalize', 1.0, null]],
    [['Color', 0.6, 4], ['Contrast', 1.0, 8]],
    [['Rotate', 0.8, 8], ['Color', 1.0, 2]],
    [['Color', 0.8, 8], ['Solarize', 0.8, 7]],
    [['Sharpness', 0.4, 7], ['Invert', 0.6, null]],
    [['ShearX', 0.6, 5], ['Equalize', 1.0, null]],
    [['Color', 0.4, 0], ['Equalize', 0.6, null]],
    [['Equalize', 0.4, null], ['Solarize', 0.2, 4]],
    [['Solarize', 0.6, 5], ['AutoContrast', 0.6, null]],
    [['Invert', 0.6, null], ['Equalize', 1.0, null]],
    [['Color', 0.6, 4], ['Contrast', 1.0, 8]],
    [['Equalize', 0.8, null], ['Equalize', 0.6, null]],
  ],
  cifar10: [
    [['Invert', 0.1, null], ['Contrast', 0.2, 6]],
    [['Rotate', 0.7, 2], ['TranslateX', 0.3, 9]],
    [['Sharpness', 0.8, 1], ['Sharpness', 0.9, 3]],
    [['ShearY', 0.5, 8], ['TranslateY', 0.7, 9]],
    [['AutoContrast', 0.5, null], ['Equalize', 0.9, null]],
    [['ShearY', 0.2, 7], ['Posterize', 0.3, 7]],
    [['Color', 0.4, 3], ['Brightness', 0.6, 7]],
    [['Sharpness', 0.3, 9], ['Brightness', 0.7, 9]],
    [['Equalize', 0.6, null], ['Equalize', 0.5, null]],
    [['Contrast', 0.6, 7], ['Sharpness', 0.6, 5]],
    [['Color', 0.7, 7], ['TranslateX', 0.5, 8]],
    [['Equalize', 0.3, null], ['AutoContrast', 0.4, null]],
    [['TranslateY', 0.4, 3], ['Sharpness', 0.2, 6]],
    [['Brightness', 0.9, 6], ['Color', 0.2, 8]],
    [['Solarize', 0.5, 2], ['Invert', 0.0, null]],
    [['Equalize', 0.2, null], ['AutoContrast', 0.6, null]],
    [['Equalize', 0.2, null], ['Equalize', 0.6, null]],
    [['Color', 0.9, 9], ['Equalize', 0.6, null]],
    [['AutoContrast', 0.8, null], ['Solarize', 0.2, 8]],
    [['Brightness', 0.1, 3], ['Color', 0.7, 0]],
    [['Solarize', 0.4, 5], ['AutoContrast', 0.9, null]],
    [['TranslateY', 0.9, 9], ['TranslateY', 0.7, 9]],
    [['AutoContrast', 0.9, null], ['Solarize', 0.8, 3]],
    [['Equalize', 0.8, null], ['Invert', 0.1, null]],
    [['TranslateY', 0.7, 9], ['AutoContrast', 0.9, null]],
  ],
  svhn: [
    [['ShearX', 0.9, 4], ['Invert', 0.2, null]],
    [['ShearY', 0.9, 8], ['Invert', 0.7, null]],
    [['Equalize', 0.6, null], ['Solarize', 0.6, 6]],
    [['Invert', 0.9, null], ['Equalize', 0.6, null]],
    [['Equalize', 0.6, null], ['Rotate', 0.9, 3]],
    [['ShearX', 0.9, 4], ['AutoContrast', 0.8, null]],
    [['ShearY', 0.9, 8], ['Invert', 0.4, null]],
    [['ShearY', 0.9, 5], ['Solarize', 0.2, 6]],
    [['Invert', 0.9, null], ['AutoContrast', 0.8, null]],
    [['Equalize', 0.6, null], ['Rotate', 0.9, 3]],
    [['ShearX', 0.9, 4], ['Solarize', 0.3, 3]],
    [['ShearY', 0.8, 8], ['Invert', 0.7, null]],
    [['Equalize', 0.9, null], ['TranslateY', 0.6, 6]],
    [['Invert', 0.9, null], ['Equalize', 0.6, null]],
    [['Contrast', 0.3, 3], ['Rotate', 0.8, 4]],
    [['Invert', 0.8, null], ['TranslateY', 0.0, 2]],
    [['ShearY', 0.7, 6], ['Solarize', 0.4, 8]],
    [['Invert', 0.6, null], ['Rotate', 0.8, 4]],
    [['ShearY', 0.3, 7], ['TranslateX', 0.9, 3]],
    [['ShearX', 0.1, 6], ['Invert', 0.6, null]],
    [['Solarize', 0.7, 2], ['TranslateY', 0.6, 7]],
    [['ShearY', 0.8, 4], ['Invert', 0.8, null]],
    [['ShearX', 0.7, 9], ['TranslateY', 0.8, 3]],
    [['ShearY', 0.8, 5], ['AutoContrast', 0.7, null]],
    [['ShearX', 0.7, 2], ['Invert', 0.1, null]],
  ],
};

interface PolicyOptions {
  interpolation?: InterpolationMode;
  fill?: Fill;
}

/**
 * AutoAugment's learned policy for a dataset (default 'imagenet'): each call picks one of 25
 * sub-policies and applies each of its two ops with its probability. uint8 tensors (`[..., 1 or 3,
 * H, W]`) and RawImages (through the tensor path); interpolation 'nearest' (default) or 'bilinear'.
 *
 * @example
 * new transforms.AutoAugment(transforms.AutoAugmentPolicy.CIFAR10).forward(img);
 */
export class AutoAugment extends Module {
  readonly policy: AutoAugmentPolicy;
  readonly interpolation: InterpolationMode;
  readonly fill: Fill;
  readonly policies: readonly SubPolicy[];

  constructor(...args: torch.Args<[policy: AutoAugmentPolicy, interpolation: InterpolationMode, fill: Fill], PolicyOptions & { policy?: AutoAugmentPolicy }>) {
    super();
    const o = torch.signature("AutoAugment(str policy='imagenet', str interpolation='nearest', float|float[]? fill=None)")
      .parse<{ policy: string; interpolation: string; fill: Fill }>(args);
    if (!Object.values(AutoAugmentPolicy).includes(o.policy as AutoAugmentPolicy)) throw new RangeError(`The provided policy ${o.policy} is not recognized.`);
    this.policy = o.policy as AutoAugmentPolicy;
    this.interpolation = checkInterpolation(o.interpolation);
    this.fill = o.fill;
    this.policies = POLICIES[this.policy];
  }

  /** Magnitude bins per op, for an image of [height, width]. */
  augmentationSpace(numBins: number, imageSize: readonly [number, number]): AugmentationSpace {
    return { ...sharedSpace(numBins, imageScaledLimits(imageSize)), Invert: noMagnitude() };
  }

  /** [sub-policy index, two probabilities, two signs (0: negate)], drawn as torchvision draws them. */
  static getParams(transformNum: number): [policyId: number, probs: Tensor, signs: Tensor] {
    const policyId = Number(torch.randint(transformNum, [1]).item());
    const probs = torch.rand(2);
    const signs = torch.randint(2, [2]);
    return [policyId, probs, signs];
  }

  forward<I extends Image>(img: I): I {
    const [channels, height, width] = getDimensions(img);
    const fill = channelFill(this.fill, channels);
    const [transformId, probs, signs] = AutoAugment.getParams(this.policies.length);
    const space = this.augmentationSpace(10, [height, width]);
    const [p0, p1] = probs.tolist() as number[];
    const [s0, s1] = signs.tolist() as number[];
    let out = img;
    this.policies[transformId]!.forEach(([op, p, magnitudeId], i) => {
      if ((i === 0 ? p0! : p1!) <= p) {
        const [magnitude, signed] = magnitudeOf(space, op, magnitudeId);
        out = applyOp(out, op, signed && (i === 0 ? s0 : s1) === 0 ? -magnitude : magnitude, this.interpolation, fill);
      }
    });
    return out;
  }

  override toString(): string {
    const name = Object.entries(AutoAugmentPolicy).find(([, v]) => v === this.policy)![0];
    return `AutoAugment(policy=AutoAugmentPolicy.${name}, fill=${fillRepr(this.fill)})`;
  }
}

export interface RandAugmentOptions extends PolicyOptions {
  numOps?: number;
  magnitude?: number;
  numMagnitudeBins?: number;
}

/**
 * RandAugment: numOps (default 2) ops drawn uniformly from 14, all at bin `magnitude` (default 9) of
 * numMagnitudeBins (default 31), each with a random sign where it has one. uint8 tensors and RawImages.
 *
 * @example
 * new transforms.RandAugment({ numOps: 2, magnitude: 9 }).forward(img);
 */
export class RandAugment extends Module {
  readonly numOps: number;
  readonly magnitude: number;
  readonly numMagnitudeBins: number;
  readonly interpolation: InterpolationMode;
  readonly fill: Fill;

  constructor(...args: torch.Args<[numOps: number, magnitude: number, numMagnitudeBins: number, interpolation: InterpolationMode, fill: Fill], RandAugmentOptions>) {
    super();
    const o = torch.signature("RandAugment(int numOps=2, int magnitude=9, int numMagnitudeBins=31, str interpolation='nearest', float|float[]? fill=None)")
      .parse<{ numOps: number; magnitude: number; numMagnitudeBins: number; interpolation: string; fill: Fill }>(args);
    this.numOps = o.numOps;
    this.magnitude = o.magnitude;
    this.numMagnitudeBins = o.numMagnitudeBins;
    this.interpolation = checkInterpolation(o.interpolation);
    this.fill = o.fill;
  }

  /** Magnitude bins per op, for an image of [height, width]; the ops in the order draws index them. */
  augmentationSpace(numBins: number, imageSize: readonly [number, number]): AugmentationSpace {
    return { Identity: noMagnitude(), ...sharedSpace(numBins, imageScaledLimits(imageSize)) };
  }

  forward<I extends Image>(img: I): I {
    const [channels, height, width] = getDimensions(img);
    const fill = channelFill(this.fill, channels);
    const space = this.augmentationSpace(this.numMagnitudeBins, [height, width]);
    const ops = Object.keys(space) as AugmentOp[];
    let out = img;
    for (let k = 0; k < this.numOps; k++) {
      const op = ops[Number(torch.randint(ops.length, [1]).item())]!;
      let [magnitude, signed] = magnitudeOf(space, op, this.magnitude);
      if (signed && Number(torch.randint(2, [1]).item()) !== 0) magnitude = -magnitude;
      out = applyOp(out, op, magnitude, this.interpolation, fill);
    }
    return out;
  }

  override toString(): string {
    return `RandAugment(num_ops=${this.numOps}, magnitude=${this.magnitude}, num_magnitude_bins=${this.numMagnitudeBins}, `
      + `interpolation=${interpolationRepr(this.interpolation)}, fill=${fillRepr(this.fill)})`;
  }
}

export interface TrivialAugmentWideOptions extends PolicyOptions {
  numMagnitudeBins?: number;
}

/**
 * TrivialAugment Wide: one op drawn uniformly from 14, at a magnitude drawn uniformly from its
 * numMagnitudeBins (default 31) bins, with a random sign where it has one. uint8 tensors and RawImages.
 *
 * @example
 * new transforms.TrivialAugmentWide().forward(img);
 */
export class TrivialAugmentWide extends Module {
  readonly numMagnitudeBins: number;
  readonly interpolation: InterpolationMode;
  readonly fill: Fill;

  constructor(...args: torch.Args<[numMagnitudeBins: number, interpolation: InterpolationMode, fill: Fill], TrivialAugmentWideOptions>) {
    super();
    const o = torch.signature("TrivialAugmentWide(int numMagnitudeBins=31, str interpolation='nearest', float|float[]? fill=None)")
      .parse<{ numMagnitudeBins: number; interpolation: string; fill: Fill }>(args);
    this.numMagnitudeBins = o.numMagnitudeBins;
    this.interpolation = checkInterpolation(o.interpolation);
    this.fill = o.fill;
  }

  /** Magnitude bins per op (the wide ranges, independent of the image size). */
  augmentationSpace(numBins: number): AugmentationSpace {
    return { Identity: noMagnitude(), ...sharedSpace(numBins, WIDE_LIMITS) };
  }

  forward<I extends Image>(img: I): I {
    const [channels] = getDimensions(img);
    const fill = channelFill(this.fill, channels);
    const space = this.augmentationSpace(this.numMagnitudeBins);
    const ops = Object.keys(space) as AugmentOp[];
    const op = ops[Number(torch.randint(ops.length, [1]).item())]!;
    const [magnitudes, signed] = space[op]!;
    let magnitude = magnitudes.dim() > 0 ? Number(magnitudes.index(Number(torch.randint(magnitudes.numel(), [1]).item())).item()) : 0;
    if (signed && Number(torch.randint(2, [1]).item()) !== 0) magnitude = -magnitude;
    return applyOp(img, op, magnitude, this.interpolation, fill);
  }

  override toString(): string {
    return `TrivialAugmentWide(num_magnitude_bins=${this.numMagnitudeBins}, interpolation=${interpolationRepr(this.interpolation)}, fill=${fillRepr(this.fill)})`;
  }
}
