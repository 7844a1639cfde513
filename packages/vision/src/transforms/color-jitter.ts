/** ColorJitter: brightness, contrast, saturation and hue changed by random factors, in a random order. */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { Module } from '@x/nn';
import type { Image } from '../image';
import { adjustBrightness, adjustContrast, adjustHue, adjustSaturation } from './functional/color';
import { pyFloatList, pyNumber, pyValue } from './python-repr';

/** A factor's range, and how Python would print it (a number becomes floats; a list prints as given). */
interface FactorRange {
  readonly range: [number, number];
  readonly repr: string;
}

type Jitter = number | readonly number[];

/** One of the four factors as torchvision's _check_input reads it; null where it changes nothing. */
function checkInput(value: Jitter, name: string, center = 1, bound: [number, number] = [0, Infinity], clipFirstOnZero = true): FactorRange | null {
  let range: [number, number];
  let repr: (r: [number, number]) => string;
  if (typeof value === 'number') {
    if (value < 0) throw new RangeError(`If ${name} is a single number, it must be non negative.`);
    range = [center - value, center + value];
    if (clipFirstOnZero) range[0] = Math.max(range[0], 0);
    repr = pyFloatList;
  } else if (Array.isArray(value) && value.length === 2) {
    range = [value[0]!, value[1]!];
    if (!(bound[0] <= range[0] && range[0] <= range[1] && range[1] <= bound[1])) {
      throw new RangeError(`${name} values should be between (${pyNumber(bound[0])}, ${bound[1] === Infinity ? 'inf' : pyNumber(bound[1])})`);
    }
    repr = pyValue;
  } else throw new TypeError(`${name} should be a single number or a list/tuple with length 2.`);
  if (range[0] === center && range[1] === center) return null;
  return { range, repr: repr(range) };
}

/** A factor drawn uniformly from the range, as torch.empty(1).uniform_(lo, hi) (a float32 draw). */
function drawFactor(range: readonly [number, number] | null): number | null {
  return range === null ? null : torch.empty(1).uniform_(range[0], range[1]).item();
}

export interface ColorJitterOptions {
  brightness?: Jitter;
  contrast?: Jitter;
  saturation?: Jitter;
  hue?: Jitter;
}

/**
 * Randomly changes brightness, contrast and saturation (each a number f for [max(0, 1 − f), 1 + f],
 * or a [min, max] range) and hue (h for [−h, h], or a range within [−0.5, 0.5]), applied in a random
 * order. Tensors (uint8 or float, `[..., 1 or 3, H, W]`) and RawImages.
 *
 * @example
 * new transforms.ColorJitter(0.4, 0.4, 0.4, 0.1).forward(img);
 * new transforms.ColorJitter({ hue: [-0.2, 0.2] });
 */
export class ColorJitter extends Module {
  readonly brightness: [number, number] | null;
  readonly contrast: [number, number] | null;
  readonly saturation: [number, number] | null;
  readonly hue: [number, number] | null;
  private readonly reprs: string[];

  constructor(...args: torch.Args<[brightness: Jitter, contrast: Jitter, saturation: Jitter, hue: Jitter], ColorJitterOptions>) {
    super();
    const o = torch.signature('ColorJitter(float|float[] brightness=0, float|float[] contrast=0, float|float[] saturation=0, float|float[] hue=0)')
      .parse<Required<ColorJitterOptions>>(args);
    const checked = [
      checkInput(o.brightness, 'brightness'),
      checkInput(o.contrast, 'contrast'),
      checkInput(o.saturation, 'saturation'),
      checkInput(o.hue, 'hue', 0, [-0.5, 0.5], false),
    ];
    [this.brightness, this.contrast, this.saturation, this.hue] = checked.map((c) => c?.range ?? null) as [ColorJitter['hue'], ColorJitter['hue'], ColorJitter['hue'], ColorJitter['hue']];
    this.reprs = checked.map((c) => c?.repr ?? 'None');
  }

  /**
   * The order (a permutation of 0–3: brightness, contrast, saturation, hue) and the factors, drawn as
   * torchvision draws them: randperm(4), then one uniform draw per factor that is not null.
   */
  static getParams(
    brightness: readonly [number, number] | null,
    contrast: readonly [number, number] | null,
    saturation: readonly [number, number] | null,
    hue: readonly [number, number] | null,
  ): [fnIdx: Tensor, brightness: number | null, contrast: number | null, saturation: number | null, hue: number | null] {
    const fnIdx = torch.randperm(4);
    return [fnIdx, drawFactor(brightness), drawFactor(contrast), drawFactor(saturation), drawFactor(hue)];
  }

  forward<I extends Image>(img: I): I {
    const [fnIdx, b, c, s, h] = ColorJitter.getParams(this.brightness, this.contrast, this.saturation, this.hue);
    let out = img;
    for (const fnId of fnIdx.tolist() as number[]) {
      if (fnId === 0 && b !== null) out = adjustBrightness(out, b);
      else if (fnId === 1 && c !== null) out = adjustContrast(out, c);
      else if (fnId === 2 && s !== null) out = adjustSaturation(out, s);
      else if (fnId === 3 && h !== null) out = adjustHue(out, h);
    }
    return out;
  }

  override toString(): string {
    const [b, c, s, h] = this.reprs;
    return `ColorJitter(brightness=${b}, contrast=${c}, saturation=${s}, hue=${h})`;
  }
}
