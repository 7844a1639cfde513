/** Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d: parameters and PyTorch's repr around the @x/tensor conv ops. */
import { conv1d, conv2d, convTranspose1d, convTranspose2d, empty, pad, type Tensor, signature } from '@x/tensor';
import type { Args } from '@x/tensor';
import * as init from '../init';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { factoryKwargs, type FactoryOptions } from './factory';
import { pyTuple } from './pyrepr';

type IntOrTuple = number | readonly number[];
export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

export interface ConvOptions extends FactoryOptions {
  inChannels?: number;
  outChannels?: number;
  kernelSize?: IntOrTuple;
  stride?: IntOrTuple;
  padding?: IntOrTuple | 'same' | 'valid';
  dilation?: IntOrTuple;
  groups?: number;
  bias?: boolean;
  paddingMode?: PaddingMode;
}

export interface ConvTransposeOptions extends FactoryOptions {
  inChannels?: number;
  outChannels?: number;
  kernelSize?: IntOrTuple;
  stride?: IntOrTuple;
  padding?: IntOrTuple;
  outputPadding?: IntOrTuple;
  groups?: number;
  bias?: boolean;
  dilation?: IntOrTuple;
  paddingMode?: 'zeros';
}

function tuple(v: IntOrTuple, n: number, name: string): number[] {
  const t = typeof v === 'number' ? new Array<number>(n).fill(v) : [...v];
  if (t.length !== n || t.some((x) => !Number.isInteger(x))) {
    throw new TypeError(`${name} must be an int or a tuple of ${n} ints, got ${JSON.stringify(v)}`);
  }
  return t;
}

/** What every convolution shares: parameters shaped and initialised as PyTorch's _ConvNd. */
abstract class ConvNd extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly padding: number[] | 'same' | 'valid';
  readonly dilation: number[];
  readonly outputPadding: number[];
  readonly groups: number;
  readonly paddingMode: PaddingMode;
  weight: Parameter;
  bias: Parameter | null;

  protected constructor(rank: number, transposed: boolean, o: Required<Omit<ConvTransposeOptions, 'paddingMode' | keyof FactoryOptions>> & { padding: IntOrTuple | 'same' | 'valid'; paddingMode: PaddingMode } & FactoryOptions) {
    super();
    if (o.groups <= 0) throw new Error('groups must be a positive integer');
    if (o.inChannels % o.groups !== 0) throw new Error('in_channels must be divisible by groups');
    if (o.outChannels % o.groups !== 0) throw new Error('out_channels must be divisible by groups');
    if (!['zeros', 'reflect', 'replicate', 'circular'].includes(o.paddingMode)) {
      throw new Error(`padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got padding_mode='${o.paddingMode}'`);
    }
    this.inChannels = o.inChannels;
    this.outChannels = o.outChannels;
    this.kernelSize = tuple(o.kernelSize, rank, 'kernel_size');
    this.stride = tuple(o.stride, rank, 'stride');
    this.dilation = tuple(o.dilation, rank, 'dilation');
    this.outputPadding = tuple(o.outputPadding ?? 0, rank, 'output_padding');
    this.groups = o.groups;
    this.paddingMode = o.paddingMode;
    if (typeof o.padding === 'string') {
      if (o.padding !== 'same' && o.padding !== 'valid') {
        throw new Error(`Invalid padding string '${o.padding}', should be one of {'valid', 'same'}`);
      }
      if (o.padding === 'same' && this.stride.some((s) => s !== 1)) throw new Error("padding='same' is not supported for strided convolutions");
      this.padding = o.padding;
    } else this.padding = tuple(o.padding, rank, 'padding');
    const shape = transposed
      ? [o.inChannels, o.outChannels / o.groups, ...this.kernelSize]
      : [o.outChannels, o.inChannels / o.groups, ...this.kernelSize];
    this.weight = new Parameter(empty(shape, factoryKwargs(o)));
    this.bias = o.bias ? new Parameter(empty([o.outChannels], factoryKwargs(o))) : null;
    this.resetParameters();
  }

  /** PyTorch's reset_parameters: kaiming_uniform_(a=√5) for the weight, U(±1/√fan_in) for the bias. */
  resetParameters(): void {
    init.kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias !== null) {
      const [fanIn] = init.calculateFanInAndFanOut(this.weight);
      if (fanIn !== 0) init.uniform_(this.bias, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn));
    }
  }

  /** Explicit padding for the non-zero padding modes (F.pad's order: last dim first). */
  protected padded(input: Tensor): Tensor {
    if (this.paddingMode === 'zeros') return input;
    const p = this.padding === 'valid' ? this.kernelSize.map(() => 0) : this.padding === 'same'
      ? this.kernelSize.map((k, i) => (this.dilation[i]! * (k - 1)) / 2)
      : this.padding;
    const spec: number[] = [];
    for (let i = p.length - 1; i >= 0; i--) {
      const total = this.padding === 'same' ? this.dilation[i]! * (this.kernelSize[i]! - 1) : 2 * p[i]!;
      spec.push(Math.floor(total / 2), total - Math.floor(total / 2));
    }
    return pad(input, spec, this.paddingMode === 'circular' ? 'circular' : this.paddingMode);
  }

  override extraRepr(): string {
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${pyTuple(this.kernelSize)}, stride=${pyTuple(this.stride)}`;
    if (typeof this.padding === 'string') s += `, padding=${this.padding}`;
    else if (this.padding.some((p) => p !== 0)) s += `, padding=${pyTuple(this.padding)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${pyTuple(this.dilation)}`;
    if (this.outputPadding.some((p) => p !== 0)) s += `, output_padding=${pyTuple(this.outputPadding)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ', bias=False';
    if (this.paddingMode !== 'zeros') s += `, padding_mode=${this.paddingMode}`;
    return s;
  }
}


type ConvArgs = Args<
  [inChannels: number, outChannels: number, kernelSize: IntOrTuple, stride: IntOrTuple, padding: IntOrTuple | 'same' | 'valid', dilation: IntOrTuple, groups: number, bias: boolean, paddingMode: PaddingMode],
  ConvOptions
>;
type ConvTArgs = Args<
  [inChannels: number, outChannels: number, kernelSize: IntOrTuple, stride: IntOrTuple, padding: IntOrTuple, outputPadding: IntOrTuple, groups: number, bias: boolean, dilation: IntOrTuple],
  ConvTransposeOptions
>;

const CONV2D_SIGNATURE = signature("Conv2d(int inChannels, int outChannels, int|int[] kernelSize, int|int[] stride=1, int|int[]|str padding=0, int|int[] dilation=1, int groups=1, bool bias=True, str paddingMode='zeros', device? device=None, dtype? dtype=None)");

/**
 * 2-D convolution over (N, C, H, W) (or unbatched (C, H, W)), as torch.nn.Conv2d.
 *
 * @example
 * const conv = new nn.Conv2d(1, 32, 5);
 * const same = new nn.Conv2d(16, 16, 3, { padding: 'same', bias: false });
 */
export class Conv2d extends ConvNd {
  constructor(...args: ConvArgs) {
    super(2, false, CONV2D_SIGNATURE.parse(args));
  }
  forward(input: Tensor): Tensor {
    const pad0 = this.paddingMode === 'zeros' ? this.padding : 0;
    return conv2d(this.padded(input), this.weight, this.bias, this.stride, pad0, this.dilation, this.groups);
  }
}

const CONV1D_SIGNATURE = signature("Conv1d(int inChannels, int outChannels, int|int[] kernelSize, int|int[] stride=1, int|int[]|str padding=0, int|int[] dilation=1, int groups=1, bool bias=True, str paddingMode='zeros', device? device=None, dtype? dtype=None)");

/** 1-D convolution over (N, C, L), as torch.nn.Conv1d. */
export class Conv1d extends ConvNd {
  constructor(...args: ConvArgs) {
    super(1, false, CONV1D_SIGNATURE.parse(args));
  }
  forward(input: Tensor): Tensor {
    const pad0 = this.paddingMode === 'zeros' ? this.padding : 0;
    return conv1d(this.padded(input), this.weight, this.bias, this.stride, pad0, this.dilation, this.groups);
  }
}

const CONV_TRANSPOSE2D_SIGNATURE = signature("ConvTranspose2d(int inChannels, int outChannels, int|int[] kernelSize, int|int[] stride=1, int|int[] padding=0, int|int[] outputPadding=0, int groups=1, bool bias=True, int|int[] dilation=1, str paddingMode='zeros', device? device=None, dtype? dtype=None)");

/** Transposed 2-D convolution (the gradient of Conv2d w.r.t. its input), as torch.nn.ConvTranspose2d. */
export class ConvTranspose2d extends ConvNd {
  constructor(...args: ConvTArgs) {
    super(2, true, CONV_TRANSPOSE2D_SIGNATURE.parse(args));
  }
  forward(input: Tensor): Tensor {
    return convTranspose2d(input, this.weight, this.bias, this.stride, this.padding as number[], this.outputPadding, this.groups, this.dilation);
  }
}

const CONV_TRANSPOSE1D_SIGNATURE = signature("ConvTranspose1d(int inChannels, int outChannels, int|int[] kernelSize, int|int[] stride=1, int|int[] padding=0, int|int[] outputPadding=0, int groups=1, bool bias=True, int|int[] dilation=1, str paddingMode='zeros', device? device=None, dtype? dtype=None)");

/** Transposed 1-D convolution, as torch.nn.ConvTranspose1d. */
export class ConvTranspose1d extends ConvNd {
  constructor(...args: ConvTArgs) {
    super(1, true, CONV_TRANSPOSE1D_SIGNATURE.parse(args));
  }
  forward(input: Tensor): Tensor {
    return convTranspose1d(input, this.weight, this.bias, this.stride, this.padding as number[], this.outputPadding, this.groups, this.dilation);
  }
}
