/** GaussianBlur: a Gaussian blur with a sigma drawn per call. */
import * as torch from '@x/tensor';
import { Module } from '@x/nn';
import type { Image } from '../image';
import { gaussianBlur } from './functional/blur';
import { pyFloat, pyNumber, pyTupleOf, pyValue } from './python-repr';

/**
 * Blurs with a kernelSize Gaussian (one odd int, or [kx, ky]) whose sigma is drawn uniformly from
 * sigma ([min, max], default [0.1, 2.0]; one number fixes it). Tensors (`[..., C, H, W]`, uint8 or
 * float) and RawImages.
 *
 * @example
 * new transforms.GaussianBlur(5, [0.1, 2.0]).forward(img);
 */
export class GaussianBlur extends Module {
  readonly kernelSize: [number, number];
  readonly sigma: [number, number];
  private readonly repr: string;

  constructor(...args: torch.Args<[kernelSize: number | readonly number[], sigma: number | readonly number[]], { kernelSize?: number | readonly number[]; sigma?: number | readonly number[] }>) {
    super();
    const o = torch.signature('GaussianBlur(int|int[] kernelSize, float|float[] sigma=[0.1, 2.0])').parse<{ kernelSize: number | number[]; sigma: number | number[] }>(args);
    let ks: number[];
    if (typeof o.kernelSize === 'number') ks = [o.kernelSize, o.kernelSize];
    else if (o.kernelSize.length === 1) ks = [o.kernelSize[0]!, o.kernelSize[0]!];
    else if (o.kernelSize.length === 2) ks = [...o.kernelSize];
    else throw new RangeError('Kernel size should be a tuple/list of two integers');
    for (const k of ks) {
      if (k <= 0 || k % 2 === 0) throw new RangeError('Kernel size value should be an odd and positive number.');
    }
    let sigmaRepr: string;
    if (typeof o.sigma === 'number') {
      if (o.sigma <= 0) throw new RangeError('If sigma is a single number, it must be positive.');
      this.sigma = [o.sigma, o.sigma];
      sigmaRepr = pyTupleOf(this.sigma.map(pyNumber));
    } else if (o.sigma.length === 2) {
      if (!(o.sigma[0]! > 0 && o.sigma[0]! <= o.sigma[1]!)) throw new RangeError('sigma values should be positive and of the form (min, max).');
      this.sigma = [o.sigma[0]!, o.sigma[1]!];
      sigmaRepr = pyTupleOf(this.sigma.map(pyFloat));
    } else throw new RangeError('sigma should be a single number or a list/tuple with length 2.');
    this.kernelSize = ks as [number, number];
    // An int size becomes torchvision's tuple; a list is kept, and printed, as a list
    this.repr = `kernel_size=${typeof o.kernelSize === 'number' ? pyTupleOf(ks.map(String)) : pyValue(o.kernelSize)}, sigma=${sigmaRepr}`;
  }

  /** The sigma for one call: uniform on [sigmaMin, sigmaMax] (torch.empty(1).uniform_, a float32 draw). */
  static getParams(sigmaMin: number, sigmaMax: number): number {
    return torch.empty(1).uniform_(sigmaMin, sigmaMax).item();
  }

  forward<I extends Image>(img: I): I {
    const sigma = GaussianBlur.getParams(this.sigma[0], this.sigma[1]);
    return gaussianBlur(img, this.kernelSize, [sigma, sigma]);
  }

  override toString(): string {
    return `GaussianBlur(${this.repr})`;
  }
}
