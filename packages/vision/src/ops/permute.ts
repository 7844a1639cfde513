/** torchvision.ops.Permute: a view with the dimensions reordered, as a module for Sequential. */
import { signature, type Args, type Tensor } from '@x/tensor';
import { Module } from '@x/nn';

const SIGNATURE = signature('Permute(int[] dims)');

/**
 * Returns `x.permute(dims)`.
 *
 * @example
 * new ops.Permute([0, 2, 3, 1]); // NCHW → NHWC
 */
export class Permute extends Module {
  readonly dims: number[];

  constructor(...args: Args<[dims: readonly number[]], { dims?: readonly number[] }>) {
    super();
    this.dims = SIGNATURE.parse<{ dims: number[] }>(args).dims;
  }

  forward(x: Tensor): Tensor {
    return x.permute(this.dims);
  }
}
