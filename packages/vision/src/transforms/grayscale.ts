/** Grayscale and RandomGrayscale: the luma of an RGB image, in one channel or repeated in three. */
import * as torch from '@x/tensor';
import { Module } from '@x/nn';
import { pyNumber } from './python-repr';
import type { Image } from '../image';
import { rgbToGrayscale } from './functional/color';
import { getDimensions } from './functional/image-tensor';

/**
 * Converts to grey (ITU-R 601-2 luma), with 1 or 3 output channels. Tensors (`[..., 1 or 3, H, W]`)
 * and RawImages.
 *
 * @example
 * new transforms.Grayscale(3).forward(img);
 */
export class Grayscale extends Module {
  readonly numOutputChannels: number;

  constructor(...args: torch.Args<[numOutputChannels: number], { numOutputChannels?: number }>) {
    super();
    this.numOutputChannels = torch.signature('Grayscale(int numOutputChannels=1)').parse<{ numOutputChannels: number }>(args).numOutputChannels;
  }

  forward<I extends Image>(img: I): I {
    return rgbToGrayscale(img, this.numOutputChannels);
  }

  override toString(): string {
    return `Grayscale(num_output_channels=${this.numOutputChannels})`;
  }
}

/**
 * With probability p (default 0.1), converts to grey keeping the number of channels (an RGB image
 * stays 3-channel). Tensors and RawImages.
 *
 * @example
 * new transforms.RandomGrayscale(0.2).forward(img);
 */
export class RandomGrayscale extends Module {
  readonly p: number;

  constructor(...args: torch.Args<[p: number], { p?: number }>) {
    super();
    this.p = torch.signature('RandomGrayscale(float p=0.1)').parse<{ p: number }>(args).p;
  }

  forward<I extends Image>(img: I): I {
    const [channels] = getDimensions(img);
    if (torch.rand(1).item() < this.p) return rgbToGrayscale(img, channels);
    return img;
  }

  override toString(): string {
    return `RandomGrayscale(p=${pyNumber(this.p)})`;
  }
}
