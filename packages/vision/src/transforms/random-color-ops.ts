/**
 * The colour ops applied with probability p: RandomInvert, RandomPosterize, RandomSolarize,
 * RandomAdjustSharpness, RandomAutocontrast, RandomEqualize. Each draws torch.rand(1) per call.
 */
import * as torch from '@x/tensor';
import { Module } from '@x/nn';
import { pyNumber } from './python-repr';
import type { Image } from '../image';
import { adjustSharpness, autocontrast, equalize, invert, posterize, solarize } from './functional/color';

/** An op applied when torch.rand(1) < p; the image passes unchanged otherwise. */
abstract class RandomColorOp extends Module {
  readonly p: number;

  constructor(p: number) {
    super();
    this.p = p;
  }

  protected abstract transform<I extends Image>(img: I): I;

  forward<I extends Image>(img: I): I {
    return torch.rand(1).item() < this.p ? this.transform(img) : img;
  }
}

type POnly = torch.Args<[p: number], { p?: number }>;

function parseP(cls: string, args: POnly): number {
  return torch.signature(`${cls}(float p=0.5)`).parse<{ p: number }>(args).p;
}

/**
 * Inverts the image with probability p (default 0.5). uint8 or float tensors, RawImages.
 *
 * @example
 * new transforms.RandomInvert(0.3).forward(img);
 */
export class RandomInvert extends RandomColorOp {
  constructor(...args: POnly) {
    super(parseP('RandomInvert', args));
  }
  protected transform<I extends Image>(img: I): I {
    return invert(img);
  }
  override toString(): string {
    return `RandomInvert(p=${pyNumber(this.p)})`;
  }
}

/**
 * Posterizes to `bits` bits with probability p (default 0.5). uint8 tensors, RawImages.
 *
 * @example
 * new transforms.RandomPosterize(4).forward(img);
 */
export class RandomPosterize extends RandomColorOp {
  readonly bits: number;
  constructor(...args: torch.Args<[bits: number, p: number], { bits?: number; p?: number }>) {
    const o = torch.signature('RandomPosterize(int bits, float p=0.5)').parse<{ bits: number; p: number }>(args);
    super(o.p);
    this.bits = o.bits;
  }
  protected transform<I extends Image>(img: I): I {
    return posterize(img, this.bits);
  }
  override toString(): string {
    return `RandomPosterize(bits=${pyNumber(this.bits)},p=${pyNumber(this.p)})`;
  }
}

/**
 * Solarizes (inverts the pixels at or above threshold) with probability p (default 0.5). uint8 or
 * float tensors, RawImages.
 *
 * @example
 * new transforms.RandomSolarize(192).forward(img);
 */
export class RandomSolarize extends RandomColorOp {
  readonly threshold: number;
  constructor(...args: torch.Args<[threshold: number, p: number], { threshold?: number; p?: number }>) {
    const o = torch.signature('RandomSolarize(float threshold, float p=0.5)').parse<{ threshold: number; p: number }>(args);
    super(o.p);
    this.threshold = o.threshold;
  }
  protected transform<I extends Image>(img: I): I {
    return solarize(img, this.threshold);
  }
  override toString(): string {
    return `RandomSolarize(threshold=${pyNumber(this.threshold)},p=${pyNumber(this.p)})`;
  }
}

/**
 * Adjusts sharpness by sharpnessFactor with probability p (default 0.5). uint8 or float tensors,
 * RawImages.
 *
 * @example
 * new transforms.RandomAdjustSharpness(2).forward(img);
 */
export class RandomAdjustSharpness extends RandomColorOp {
  readonly sharpnessFactor: number;
  constructor(...args: torch.Args<[sharpnessFactor: number, p: number], { sharpnessFactor?: number; p?: number }>) {
    const o = torch.signature('RandomAdjustSharpness(float sharpnessFactor, float p=0.5)').parse<{ sharpnessFactor: number; p: number }>(args);
    super(o.p);
    this.sharpnessFactor = o.sharpnessFactor;
  }
  protected transform<I extends Image>(img: I): I {
    return adjustSharpness(img, this.sharpnessFactor);
  }
  override toString(): string {
    return `RandomAdjustSharpness(sharpness_factor=${pyNumber(this.sharpnessFactor)},p=${pyNumber(this.p)})`;
  }
}

/**
 * Autocontrasts with probability p (default 0.5). uint8 or float tensors, RawImages.
 *
 * @example
 * new transforms.RandomAutocontrast().forward(img);
 */
export class RandomAutocontrast extends RandomColorOp {
  constructor(...args: POnly) {
    super(parseP('RandomAutocontrast', args));
  }
  protected transform<I extends Image>(img: I): I {
    return autocontrast(img);
  }
  override toString(): string {
    return `RandomAutocontrast(p=${pyNumber(this.p)})`;
  }
}

/**
 * Equalizes the histogram with probability p (default 0.5). uint8 tensors, RawImages.
 *
 * @example
 * new transforms.RandomEqualize().forward(img);
 */
export class RandomEqualize extends RandomColorOp {
  constructor(...args: POnly) {
    super(parseP('RandomEqualize', args));
  }
  protected transform<I extends Image>(img: I): I {
    return equalize(img);
  }
  override toString(): string {
    return `RandomEqualize(p=${pyNumber(this.p)})`;
  }
}
