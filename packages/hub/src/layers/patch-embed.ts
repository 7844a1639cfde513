/**
 * timm's PatchEmbed (layers/patch_embed.py): a convolution with kernel and stride of one patch turns
 * an image into a grid of embeddings, flattened to tokens [N, H·W, C] (or kept as [N, H, W, C] for
 * a model that resamples its position embeddings to the input's size).
 */
import type { Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { forwardTensor } from '../module-call';

export type Size2 = [number, number];

/** A size given as one number (square) or [H, W]. */
export function toSize2(size: number | readonly number[], what: string): Size2 {
  const pair = typeof size === 'number' ? [size, size] : [...size];
  if (pair.length !== 2 || !pair.every((v) => Number.isInteger(v) && v > 0)) {
    throw new TypeError(`${what}: expected a positive integer or [H, W], got ${JSON.stringify(size)}`);
  }
  return pair as Size2;
}

export interface PatchEmbedOptions {
  /** The image size the model is made for; null for none (any size divisible by the patch). */
  imgSize?: number | readonly number[] | null;
  patchSize?: number | readonly number[];
  inChans?: number;
  embedDim?: number;
  normLayer?: ((dim: number) => nn.Module) | null;
  /** Flatten the grid to tokens [N, H·W, C] (else [N, C, H, W], or `outputFmt`). */
  flatten?: boolean;
  /** 'NHWC': keep the grid, channels last (timm's output_fmt; turns flatten off). */
  outputFmt?: 'NCHW' | 'NHWC' | null;
  bias?: boolean;
  /** Refuse an input whose size differs from imgSize (else only require whole patches). */
  strictImgSize?: boolean;
}

export class PatchEmbed extends nn.Module {
  proj: nn.Conv2d;
  norm: nn.Module;
  readonly patchSize: Size2;
  readonly imgSize: Size2 | null;
  readonly gridSize: Size2 | null;
  readonly numPatches: number | null;
  readonly flatten: boolean;
  readonly outputFmt: 'NCHW' | 'NHWC';
  readonly strictImgSize: boolean;

  constructor({ imgSize = 224, patchSize = 16, inChans = 3, embedDim = 768, normLayer = null, flatten = true, outputFmt = null, bias = true, strictImgSize = true }: PatchEmbedOptions = {}) {
    super();
    this.patchSize = toSize2(patchSize, 'PatchEmbed patchSize');
    if (imgSize === null) {
      this.imgSize = this.gridSize = null;
      this.numPatches = null;
    } else {
      this.imgSize = toSize2(imgSize, 'PatchEmbed imgSize');
      this.gridSize = [Math.floor(this.imgSize[0] / this.patchSize[0]), Math.floor(this.imgSize[1] / this.patchSize[1])];
      this.numPatches = this.gridSize[0] * this.gridSize[1];
    }
    if (outputFmt !== null) {
      this.flatten = false;
      this.outputFmt = outputFmt;
    } else {
      this.flatten = flatten;
      this.outputFmt = 'NCHW';
    }
    this.strictImgSize = strictImgSize;
    this.proj = new nn.Conv2d(inChans, embedDim, { kernelSize: this.patchSize, stride: this.patchSize, bias });
    this.norm = normLayer ? normLayer(embedDim) : new nn.Identity();
  }

  forward(x: Tensor): Tensor {
    if (x.dim() !== 4) throw new Error(`PatchEmbed: expected an image batch [N, C, H, W], got [${x.shape.join(', ')}]`);
    const [, , h, w] = x.shape as [number, number, number, number];
    if (this.imgSize !== null) {
      if (this.strictImgSize) {
        if (h !== this.imgSize[0]) throw new Error(`Input height (${h}) doesn't match model (${this.imgSize[0]}).`);
        if (w !== this.imgSize[1]) throw new Error(`Input width (${w}) doesn't match model (${this.imgSize[1]}).`);
      } else {
        if (h % this.patchSize[0] !== 0) throw new Error(`Input height (${h}) should be divisible by patch size (${this.patchSize[0]}).`);
        if (w % this.patchSize[1] !== 0) throw new Error(`Input width (${w}) should be divisible by patch size (${this.patchSize[1]}).`);
      }
    }
    x = this.proj.forward(x);
    if (this.flatten) x = x.flatten(2).transpose(1, 2);
    else if (this.outputFmt === 'NHWC') x = x.permute(0, 2, 3, 1);
    return forwardTensor(this.norm, x);
  }
}
