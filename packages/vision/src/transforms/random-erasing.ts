/** RandomErasing: blanks a random rectangle (Zhong et al., "Random Erasing Data Augmentation"). */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { Module } from '@x/nn';
import type { Image } from '../image';
import { erase } from './functional/erase';
import { roundHalfEven } from '@x/tensor';
import { onTensor } from './functional/image-tensor';
import { pyBool, pyFloat, pyNumber, pyTupleOf, pyValue } from './python-repr';

type EraseValue = number | readonly number[] | 'random';

export interface RandomErasingOptions {
  p?: number;
  scale?: readonly number[];
  ratio?: readonly number[];
  value?: EraseValue;
  inplace?: boolean;
}

/** A float32 scalar's value, as Python's float(t) reads it. */
function uniform(lo: number, hi: number): number {
  return torch.empty(1).uniform_(lo, hi).item();
}

/**
 * With probability p, erases a rectangle covering a `scale` fraction ([min, max]) of the image, of
 * aspect ratio in `ratio` (drawn log-uniformly), filled with value: a number, one per channel, or
 * 'random' (standard normal noise). Tensors (`[..., C, H, W]`) and RawImages.
 *
 * @example
 * new transforms.RandomErasing({ p: 1, value: 'random' }).forward(img);
 */
export class RandomErasing extends Module {
  readonly p: number;
  readonly scale: [number, number];
  readonly ratio: [number, number];
  readonly value: EraseValue;
  readonly inplace: boolean;

  constructor(...args: torch.Args<[p: number, scale: readonly number[], ratio: readonly number[], value: EraseValue, inplace: boolean], RandomErasingOptions>) {
    super();
    const o = torch.signature('RandomErasing(float p=0.5, float[] scale=[0.02, 0.33], float[] ratio=[0.3, 3.3], float|float[]|str value=0, bool inplace=False)')
      .parse<Required<RandomErasingOptions>>(args);
    if (typeof o.value === 'string' && o.value !== 'random') throw new RangeError(`If value is str, it should be 'random'`);
    if (o.scale.length !== 2) throw new TypeError('Scale should be a sequence of two numbers (min, max)');
    if (o.ratio.length !== 2) throw new TypeError('Ratio should be a sequence of two numbers (min, max)');
    if (o.scale[0]! > o.scale[1]! || o.ratio[0]! > o.ratio[1]!) console.warn('UserWarning: Scale and ratio should be of kind (min, max)');
    if (o.scale[0]! < 0 || o.scale[1]! > 1) throw new RangeError('Scale should be between 0 and 1');
    if (o.p < 0 || o.p > 1) throw new RangeError('Random erasing probability should be between 0 and 1');
    this.p = o.p;
    this.scale = [o.scale[0]!, o.scale[1]!];
    this.ratio = [o.ratio[0]!, o.ratio[1]!];
    this.value = o.value;
    this.inplace = o.inplace;
  }

  /**
   * Where to erase and with what: [i, j, h, w, v], drawn as torchvision draws them (up to 10 tries of
   * an area fraction, then a log-ratio, then when the rectangle fits, the noise if value is null,
   * then i and j). After 10 misses: [0, 0, H, W, img], which leaves the image as it is.
   */
  static getParams(img: Tensor, scale: readonly number[], ratio: readonly number[], value: readonly number[] | null = null): [i: number, j: number, h: number, w: number, v: Tensor] {
    const [imgC, imgH, imgW] = img.shape.slice(-3) as [number, number, number];
    const area = imgH * imgW;
    // torch.log(torch.tensor(ratio)): the bounds are float32
    const logRatio = torch.log(torch.tensor(ratio as number[], { dtype: 'float32' })).tolist() as number[];
    for (let attempt = 0; attempt < 10; attempt++) {
      const eraseArea = area * uniform(scale[0]!, scale[1]!);
      const aspectRatio = torch.exp(torch.empty(1).uniform_(logRatio[0]!, logRatio[1]!)).item();
      const h = roundHalfEven(Math.sqrt(eraseArea * aspectRatio));
      const w = roundHalfEven(Math.sqrt(eraseArea / aspectRatio));
      if (!(h < imgH && w < imgW)) continue;
      const v = value === null
        ? torch.empty([imgC, h, w], { dtype: 'float32' }).normal_()
        : torch.tensor(value as number[]).view(-1, 1, 1);
      const i = torch.randint(0, imgH - h + 1, [1]).item();
      const j = torch.randint(0, imgW - w + 1, [1]).item();
      return [i, j, h, w, v];
    }
    return [0, 0, imgH, imgW, img];
  }

  forward<I extends Image>(img: I): I {
    if (!(torch.rand(1).item() < this.p)) return img;
    return onTensor(img, (t) => {
      const value = this.value === 'random' ? null : typeof this.value === 'number' ? [this.value] : [...this.value];
      const channels = t.shape[t.dim() - 3];
      if (value !== null && !(value.length === 1 || value.length === channels)) {
        throw new RangeError(`If value is a sequence, it should have either a single value or ${channels} (number of input channels)`);
      }
      const [x, y, h, w, v] = RandomErasing.getParams(t, this.scale, this.ratio, value);
      return erase(t, x, y, h, w, v, this.inplace);
    });
  }

  override toString(): string {
    const value = this.value === 'random' ? 'random' : typeof this.value === 'number' ? pyNumber(this.value) : pyValue(this.value);
    return `RandomErasing(p=${pyNumber(this.p)}, scale=${pyTupleOf(this.scale.map(pyFloat))}, ratio=${pyTupleOf(this.ratio.map(pyFloat))}, value=${value}, inplace=${pyBool(this.inplace)})`;
  }
}
