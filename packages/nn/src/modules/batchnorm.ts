/**
 * BatchNorm1d/2d/3d and the shared state of the batch and instance norms (PyTorch's _NormBase):
 * weight and bias when affine; running_mean, running_var and num_batches_tracked (int64) buffers
 * when tracking running stats, registered under PyTorch's names so state dicts match.
 */
import { noGrad } from '@x/autograd';
import { empty, ones, type Tensor, tensor, zeros } from '@x/tensor';
import { bindArgs, REQUIRED, type Args } from '../functional/args';
import { batchNorm } from '../functional/normalization';
import * as init from '../init';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { FACTORY_SPEC, factoryKwargs, type FactoryArgs, type FactoryOptions } from './factory';
import { pyBool, pyFloat, pyOptional } from './pyrepr';

export interface NormOptions extends FactoryOptions {
  numFeatures?: number;
  eps?: number;
  /** Weight of the newest batch in the running stats; null for a cumulative average. */
  momentum?: number | null;
  affine?: boolean;
  trackRunningStats?: boolean;
}

/** Positional parameters of the batch and instance norms, in PyTorch's order. */
export type NormArgs = Args<[numFeatures: number, eps: number, momentum: number | null, affine: boolean, trackRunningStats: boolean, ...FactoryArgs], NormOptions>;

/** The state and printing shared by BatchNorm and InstanceNorm layers. */
export abstract class NormBase extends Module {
  readonly numFeatures: number;
  readonly eps: number;
  momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  protected constructor(args: readonly unknown[], defaults: { affine: boolean; trackRunningStats: boolean }, cls: string) {
    super();
    const o = bindArgs<Required<Omit<NormOptions, keyof FactoryOptions>> & FactoryOptions>(
      `${cls}.__init__`,
      { numFeatures: REQUIRED, eps: 1e-5, momentum: 0.1, affine: defaults.affine, trackRunningStats: defaults.trackRunningStats, ...FACTORY_SPEC },
      7,
      args,
      1,
    );
    const f = factoryKwargs(o);
    this.numFeatures = o.numFeatures;
    this.eps = o.eps;
    this.momentum = o.momentum;
    this.affine = o.affine;
    this.trackRunningStats = o.trackRunningStats;
    this.weight = o.affine ? new Parameter(empty([o.numFeatures], f)) : null;
    this.bias = o.affine ? new Parameter(empty([o.numFeatures], f)) : null;
    if (o.trackRunningStats) {
      this.registerBuffer('running_mean', zeros([o.numFeatures], f));
      this.registerBuffer('running_var', ones([o.numFeatures], f));
      this.registerBuffer('num_batches_tracked', tensor(0, { dtype: 'int64', ...(f.device ? { device: f.device } : {}) }));
    } else {
      this.registerBuffer('running_mean', null);
      this.registerBuffer('running_var', null);
      this.registerBuffer('num_batches_tracked', null);
    }
    this.resetParameters();
  }

  /** The running_mean buffer (null when not tracking running stats). */
  get runningMean(): Tensor | null {
    return this.getBuffer('running_mean');
  }
  get runningVar(): Tensor | null {
    return this.getBuffer('running_var');
  }
  get numBatchesTracked(): Tensor | null {
    return this.getBuffer('num_batches_tracked');
  }

  resetRunningStats(): void {
    if (!this.trackRunningStats) return;
    noGrad(() => {
      this.runningMean?.zero_();
      this.runningVar?.fill_(1);
      this.numBatchesTracked?.zero_();
    });
  }

  resetParameters(): void {
    this.resetRunningStats();
    if (this.weight !== null) init.ones_(this.weight);
    if (this.bias !== null) init.zeros_(this.bias);
  }

  override extraRepr(): string {
    return `${this.numFeatures}, eps=${pyFloat(this.eps)}, momentum=${pyOptional(this.momentum, pyFloat)}, affine=${pyBool(this.affine)}, track_running_stats=${pyBool(this.trackRunningStats)}`;
  }
}

/** BatchNorm over the channels (dim 1); subclasses say which input ranks they take. */
export abstract class BatchNormBase extends NormBase {
  protected abstract checkInputDim(input: Tensor): void;

  forward(input: Tensor): Tensor {
    this.checkInputDim(input);
    let factor = this.momentum ?? 0.0;
    const tracked = this.numBatchesTracked;
    if (this.training && this.trackRunningStats && tracked !== null) {
      noGrad(() => tracked.add_(1));
      // momentum null: a cumulative moving average, weight 1/(batches seen).
      if (this.momentum === null) factor = 1 / tracked.item();
    }
    const rm = this.runningMean;
    const rv = this.runningVar;
    const useBatchStats = this.training || (rm === null && rv === null);
    const passStats = !this.training || this.trackRunningStats;
    return batchNorm(input, passStats ? rm : null, passStats ? rv : null, this.weight, this.bias, useBatchStats, factor, this.eps);
  }
}

/**
 * Batch normalization of a (N, C) or (N, C, L) input.
 *
 * @example
 * new nn.BatchNorm1d(100); new nn.BatchNorm1d(100, { affine: false });
 */
export class BatchNorm1d extends BatchNormBase {
  constructor(...args: NormArgs) {
    super(args, { affine: true, trackRunningStats: true }, 'BatchNorm1d');
  }
  protected checkInputDim(input: Tensor): void {
    if (input.dim() !== 2 && input.dim() !== 3) throw new Error(`expected 2D or 3D input (got ${input.dim()}D input)`);
  }
}

/**
 * Batch normalization of a (N, C, H, W) input: running stats, momentum (null: cumulative average),
 * affine, trackRunningStats, batch statistics in train() and running ones in eval().
 *
 * @example
 * new nn.BatchNorm2d(32); new nn.BatchNorm2d(32, { momentum: null });
 */
export class BatchNorm2d extends BatchNormBase {
  constructor(...args: NormArgs) {
    super(args, { affine: true, trackRunningStats: true }, 'BatchNorm2d');
  }
  protected checkInputDim(input: Tensor): void {
    if (input.dim() !== 4) throw new Error(`expected 4D input (got ${input.dim()}D input)`);
  }
}

/**
 * Batch normalization of a (N, C, D, H, W) input.
 *
 * @example
 * new nn.BatchNorm3d(16);
 */
export class BatchNorm3d extends BatchNormBase {
  constructor(...args: NormArgs) {
    super(args, { affine: true, trackRunningStats: true }, 'BatchNorm3d');
  }
  protected checkInputDim(input: Tensor): void {
    if (input.dim() !== 5) throw new Error(`expected 5D input (got ${input.dim()}D input)`);
  }
}
