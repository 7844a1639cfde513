/** Dropout layers: active in train(), the identity in eval(). */
import type { Tensor } from '@x/tensor';
import { signature } from '@x/tensor';
import type { Args } from '@x/tensor';
import * as F from '../functional/dropout';
import { Module } from '../module';
import { pyBool, pyFloat } from './pyrepr';

type DropoutArgs = Args<[p: number, inplace: boolean], { p?: number; inplace?: boolean }>;

/** p and inplace, checked and printed as PyTorch's _DropoutNd. */
abstract class DropoutBase extends Module {
  readonly p: number;
  readonly inplace: boolean;
  constructor(args: readonly unknown[], cls: string) {
    super();
    const o = signature(`${cls}(float p=0.5, bool inplace=False)`).parse<{ p: number; inplace: boolean }>(args);
    if (!(o.p >= 0 && o.p <= 1)) throw new Error(`dropout probability has to be between 0 and 1, but got ${o.p}`);
    this.p = o.p;
    this.inplace = o.inplace;
  }
  override extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=${pyBool(this.inplace)}`;
  }
}

/**
 * Zeroes elements with probability p while training, scaling the rest by 1/(1 − p).
 *
 * @example
 * new nn.Dropout(0.3); new nn.Dropout({ p: 0.3 });
 */
export class Dropout extends DropoutBase {
  constructor(...args: DropoutArgs) {
    super(args, 'Dropout');
  }
  forward(input: Tensor): Tensor {
    return F.dropout(input, this.p, this.training, this.inplace);
  }
}

/**
 * Zeroes whole channels of (N, C, L) or (C, L) inputs while training.
 *
 * @example
 * new nn.Dropout1d(0.2);
 */
export class Dropout1d extends DropoutBase {
  constructor(...args: DropoutArgs) {
    super(args, 'Dropout1d');
  }
  forward(input: Tensor): Tensor {
    return F.dropout1d(input, this.p, this.training, this.inplace);
  }
}

/**
 * Zeroes whole feature maps of (N, C, H, W) inputs while training.
 *
 * @example
 * new nn.Dropout2d(0.2);
 */
export class Dropout2d extends DropoutBase {
  constructor(...args: DropoutArgs) {
    super(args, 'Dropout2d');
  }
  forward(input: Tensor): Tensor {
    return F.dropout2d(input, this.p, this.training, this.inplace);
  }
}

/**
 * Zeroes whole channels of (N, C, D, H, W) inputs while training.
 *
 * @example
 * new nn.Dropout3d(0.2);
 */
export class Dropout3d extends DropoutBase {
  constructor(...args: DropoutArgs) {
    super(args, 'Dropout3d');
  }
  forward(input: Tensor): Tensor {
    return F.dropout3d(input, this.p, this.training, this.inplace);
  }
}
