/**
 * timm's DropBlock2d (layers/drop.py): while training, zeroes square blocks of a feature map (all
 * channels alike) rather than single pixels, scaling what is kept so the mean stays the same.
 */
import { noGrad } from '@x/autograd';
import type { Tensor } from '@x/tensor';
import * as nn from '@x/nn';

export interface DropBlockOptions {
  dropProb?: number;
  blockSize?: number;
  /** Scales the rate at which block centres are drawn. */
  gammaScale?: number;
}

/** timm's drop_block_2d (no noise, channels coupled, scaled by the kept fraction). */
export function dropBlock2d(x: Tensor, { dropProb = 0.1, blockSize = 7, gammaScale = 1 }: DropBlockOptions = {}): Tensor {
  if (x.dim() !== 4) throw new Error(`DropBlock2d: expected a 4-D input [N, C, H, W], got ${x.dim()}-D`);
  const [b, , h, w] = x.shape as [number, number, number, number];
  const kh = Math.min(blockSize, h);
  const kw = Math.min(blockSize, w);
  // The rate of block centres that drops about dropProb of the pixels.
  const gamma = (gammaScale * dropProb * h * w) / (kh * kw) / ((h - kh + 1) * (w - kw + 1));
  const keepMask = noGrad(() => {
    let blockMask = x.newEmpty([b, 1, h, w]).bernoulli_(gamma);
    blockMask = nn.functional.maxPool2d(blockMask, [kh, kw], { stride: 1, padding: [Math.floor(kh / 2), Math.floor(kw / 2)] });
    // An even window gives one more row or column; drop the first, as timm does.
    if (kh % 2 === 0 || kw % 2 === 0) blockMask = blockMask.narrow(2, (kh + 1) % 2, h).narrow(3, (kw + 1) % 2, w);
    const keep = blockMask.neg().add_(1);
    // numel / kept, as a tensor so an asynchronous backend needs no read.
    return keep.mul_(keep.sum().add(1e-7).reciprocal().mul(keep.numel()));
  });
  return x.mul(keepMask);
}

export class DropBlock2d extends nn.Module {
  readonly dropProb: number;
  readonly blockSize: number;
  readonly gammaScale: number;

  constructor({ dropProb = 0.1, blockSize = 7, gammaScale = 1 }: DropBlockOptions = {}) {
    super();
    this.dropProb = dropProb;
    this.blockSize = blockSize;
    this.gammaScale = gammaScale;
  }

  forward(x: Tensor): Tensor {
    if (!this.training || !this.dropProb) return x;
    return dropBlock2d(x, { dropProb: this.dropProb, blockSize: this.blockSize, gammaScale: this.gammaScale });
  }
}
