/** Flatten and Unflatten. */
import type { Tensor } from '@x/tensor';
import { signature } from '@x/tensor';
import type { Args } from '@x/tensor';
import { Module } from '../module';
import { pyTuple } from './pyrepr';

const FLATTEN_SIGNATURE = signature('Flatten(int startDim=1, int endDim=-1)');

/**
 * Flattens dims startDim..endDim into one (by default all but the batch dim).
 *
 * @example
 * new nn.Flatten();     // [N, C, H, W] → [N, C·H·W]
 * new nn.Flatten(0, 2);
 */
export class Flatten extends Module {
  readonly startDim: number;
  readonly endDim: number;

  constructor(...args: Args<[startDim: number, endDim: number], { startDim?: number; endDim?: number }>) {
    super();
    const o = FLATTEN_SIGNATURE.parse<{ startDim: number; endDim: number }>(args);
    this.startDim = o.startDim;
    this.endDim = o.endDim;
  }

  forward(input: Tensor): Tensor {
    return input.flatten(this.startDim, this.endDim);
  }

  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

const UNFLATTEN_SIGNATURE = signature('Unflatten(int dim, int[] unflattenedSize)');

/**
 * Expands one dim into several.
 *
 * @example
 * new nn.Unflatten(1, [2, 5]); // [N, 10] → [N, 2, 5]
 */
export class Unflatten extends Module {
  readonly dim: number;
  readonly unflattenedSize: readonly number[];

  constructor(...args: Args<[dim: number, unflattenedSize: readonly number[]], { dim?: number; unflattenedSize?: readonly number[] }>) {
    super();
    const o = UNFLATTEN_SIGNATURE.parse<{ dim: number; unflattenedSize: readonly number[] }>(args);
    if (!Array.isArray(o.unflattenedSize) || o.unflattenedSize.some((s) => !Number.isInteger(s))) {
      throw new TypeError(`unflattened_size must be tuple of ints, but found type ${typeof o.unflattenedSize}`);
    }
    this.dim = o.dim;
    this.unflattenedSize = [...o.unflattenedSize];
  }

  forward(input: Tensor): Tensor {
    return input.unflatten(this.dim, this.unflattenedSize);
  }

  override extraRepr(): string {
    return `dim=${this.dim}, unflattened_size=${pyTuple(this.unflattenedSize)}`;
  }
}
