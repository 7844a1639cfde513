/** Flatten and Unflatten. */
import type { Tensor } from '@x/tensor';
import { bindArgs, REQUIRED, type Args } from '../functional/args';
import { Module } from '../module';
import { pyTuple } from './pyrepr';

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
    const o = bindArgs<{ startDim: number; endDim: number }>('Flatten.__init__', { startDim: 1, endDim: -1 }, 2, args, 1);
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
    const o = bindArgs<{ dim: number; unflattenedSize: readonly number[] }>('Unflatten.__init__', { dim: REQUIRED, unflattenedSize: REQUIRED }, 2, args, 1);
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
