/** Pooling layers, as torch.nn's: settings kept as given (PyTorch prints them the same way). */
import {
  adaptiveAvgPool1d, adaptiveAvgPool2d, adaptiveMaxPool2d, avgPool1d, avgPool2d, maxPool1d, maxPool2d, maxUnpool2d, signature, type Tensor,
} from '@x/tensor';
import type { Args } from '@x/tensor';
import { Module } from '../module';
import { pyBool, pyTuple } from './pyrepr';

type IntOrTuple = number | readonly number[];
const show = (v: IntOrTuple): string => (typeof v === 'number' ? String(v) : pyTuple(v));

export interface MaxPoolOptions {
  kernelSize?: IntOrTuple;
  stride?: IntOrTuple | null;
  padding?: IntOrTuple;
  dilation?: IntOrTuple;
  returnIndices?: boolean;
  ceilMode?: boolean;
}
type MaxArgs = Args<[kernelSize: IntOrTuple, stride: IntOrTuple | null, padding: IntOrTuple, dilation: IntOrTuple, returnIndices: boolean, ceilMode: boolean], MaxPoolOptions>;

abstract class MaxPoolNd extends Module {
  readonly kernelSize: IntOrTuple;
  readonly stride: IntOrTuple;
  readonly padding: IntOrTuple;
  readonly dilation: IntOrTuple;
  readonly returnIndices: boolean;
  readonly ceilMode: boolean;
  protected constructor(name: string, args: MaxArgs) {
    super();
    const o = signature(`${name}(int|int[] kernelSize, int|int[]? stride=None, int|int[] padding=0, int|int[] dilation=1, bool returnIndices=False, bool ceilMode=False)`).parse<Required<Omit<MaxPoolOptions, 'stride'>> & { stride: IntOrTuple | null }>(args);
    this.kernelSize = o.kernelSize;
    this.stride = o.stride ?? o.kernelSize;
    this.padding = o.padding;
    this.dilation = o.dilation;
    this.returnIndices = o.returnIndices;
    this.ceilMode = o.ceilMode;
  }
  override extraRepr(): string {
    return `kernel_size=${show(this.kernelSize)}, stride=${show(this.stride)}, padding=${show(this.padding)}, dilation=${show(this.dilation)}, ceil_mode=${pyBool(this.ceilMode)}`;
  }
  protected options() {
    return { stride: this.stride, padding: this.padding, dilation: this.dilation, ceilMode: this.ceilMode };
  }
}

/**
 * @example
 * const pool = new nn.MaxPool2d(2, 2);                       // kernel 2, stride 2
 * const withIdx = new nn.MaxPool2d(2, { returnIndices: true }); // forward gives [values, indices]
 */
export class MaxPool2d extends MaxPoolNd {
  constructor(...args: MaxArgs) {
    super('MaxPool2d', args);
  }
  forward(input: Tensor): Tensor | [Tensor, Tensor] {
    if (this.returnIndices) return maxPool2d(input, this.kernelSize, { ...this.options(), returnIndices: true });
    return maxPool2d(input, this.kernelSize, this.options());
  }
}

export class MaxPool1d extends MaxPoolNd {
  constructor(...args: MaxArgs) {
    super('MaxPool1d', args);
  }
  forward(input: Tensor): Tensor | [Tensor, Tensor] {
    if (this.returnIndices) return maxPool1d(input, this.kernelSize, { ...this.options(), returnIndices: true });
    return maxPool1d(input, this.kernelSize, this.options());
  }
}

export interface AvgPoolOptions {
  kernelSize?: IntOrTuple;
  stride?: IntOrTuple | null;
  padding?: IntOrTuple;
  ceilMode?: boolean;
  countIncludePad?: boolean;
  divisorOverride?: number | null;
}
type AvgArgs = Args<[kernelSize: IntOrTuple, stride: IntOrTuple | null, padding: IntOrTuple, ceilMode: boolean, countIncludePad: boolean, divisorOverride: number | null], AvgPoolOptions>;

abstract class AvgPoolNd extends Module {
  readonly kernelSize: IntOrTuple;
  readonly stride: IntOrTuple;
  readonly padding: IntOrTuple;
  readonly ceilMode: boolean;
  readonly countIncludePad: boolean;
  readonly divisorOverride: number | null;
  protected constructor(name: string, args: AvgArgs, rank: number) {
    super();
    // AvgPool1d has no divisor_override (PyTorch's signature).
    const divisor = rank === 1 ? '' : ', int? divisorOverride=None';
    const o = signature(`${name}(int|int[] kernelSize, int|int[]? stride=None, int|int[] padding=0, bool ceilMode=False, bool countIncludePad=True${divisor})`)
      .parse<Required<Omit<AvgPoolOptions, 'stride' | 'divisorOverride'>> & { stride: IntOrTuple | null; divisorOverride?: number | null }>(args);
    // AvgPool1d stores its settings as 1-tuples (PyTorch's _single), AvgPool2d as given.
    const norm = (v: IntOrTuple): IntOrTuple => (rank === 1 && typeof v === 'number' ? [v] : v);
    this.kernelSize = norm(o.kernelSize);
    this.stride = norm(o.stride ?? o.kernelSize);
    this.padding = norm(o.padding);
    this.ceilMode = o.ceilMode;
    this.countIncludePad = o.countIncludePad;
    this.divisorOverride = o.divisorOverride ?? null;
  }
  override extraRepr(): string {
    return `kernel_size=${show(this.kernelSize)}, stride=${show(this.stride)}, padding=${show(this.padding)}`;
  }
  protected options() {
    return { stride: this.stride, padding: this.padding, ceilMode: this.ceilMode, countIncludePad: this.countIncludePad, divisorOverride: this.divisorOverride };
  }
}

export class AvgPool2d extends AvgPoolNd {
  constructor(...args: AvgArgs) {
    super('AvgPool2d', args, 2);
  }
  forward(input: Tensor): Tensor {
    return avgPool2d(input, this.kernelSize, this.options());
  }
}

export class AvgPool1d extends AvgPoolNd {
  constructor(...args: AvgArgs) {
    super('AvgPool1d', args, 1);
  }
  forward(input: Tensor): Tensor {
    const { divisorOverride: _ignored, ...o } = this.options();
    return avgPool1d(input, this.kernelSize, o);
  }
}

type AdaptiveSize = number | null | readonly (number | null)[];

export class AdaptiveAvgPool2d extends Module {
  readonly outputSize: AdaptiveSize;
  constructor(...args: [outputSize: AdaptiveSize] | [options: { outputSize: AdaptiveSize }]) {
    super();
    this.outputSize = signature('AdaptiveAvgPool2d(int|(int|None)[]? outputSize)').parse<{ outputSize: AdaptiveSize }>(args).outputSize;
  }
  forward(input: Tensor): Tensor {
    return adaptiveAvgPool2d(input, this.outputSize as never);
  }
  override extraRepr(): string {
    return `output_size=${showAdaptive(this.outputSize)}`;
  }
}

export class AdaptiveAvgPool1d extends Module {
  readonly outputSize: number | readonly number[];
  constructor(...args: [outputSize: number | readonly number[]] | [options: { outputSize: number | readonly number[] }]) {
    super();
    this.outputSize = signature('AdaptiveAvgPool1d(int|int[] outputSize)').parse<{ outputSize: number | readonly number[] }>(args).outputSize;
  }
  forward(input: Tensor): Tensor {
    return adaptiveAvgPool1d(input, this.outputSize);
  }
  override extraRepr(): string {
    return `output_size=${showAdaptive(this.outputSize)}`;
  }
}

export class AdaptiveMaxPool2d extends Module {
  readonly outputSize: AdaptiveSize;
  readonly returnIndices: boolean;
  constructor(...args: Args<[outputSize: AdaptiveSize, returnIndices: boolean], { outputSize?: AdaptiveSize; returnIndices?: boolean }>) {
    super();
    const o = signature('AdaptiveMaxPool2d(int|(int|None)[]? outputSize, bool returnIndices=False)').parse<{ outputSize: AdaptiveSize; returnIndices: boolean }>(args);
    this.outputSize = o.outputSize;
    this.returnIndices = o.returnIndices;
  }
  forward(input: Tensor): Tensor | [Tensor, Tensor] {
    if (this.returnIndices) return adaptiveMaxPool2d(input, this.outputSize as never, true);
    return adaptiveMaxPool2d(input, this.outputSize as never);
  }
  override extraRepr(): string {
    return `output_size=${showAdaptive(this.outputSize)}`;
  }
}

function showAdaptive(v: AdaptiveSize | readonly number[]): string {
  if (typeof v === 'number') return String(v);
  if (v === null) return 'None';
  return `(${v.map((x) => (x === null ? 'None' : String(x))).join(', ')}${v.length === 1 ? ',' : ''})`;
}

/** The partial inverse of MaxPool2d: values put back at their indices, zeros elsewhere. */
export class MaxUnpool2d extends Module {
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly padding: number[];
  constructor(...args: Args<[kernelSize: IntOrTuple, stride: IntOrTuple | null, padding: IntOrTuple], { kernelSize?: IntOrTuple; stride?: IntOrTuple | null; padding?: IntOrTuple }>) {
    super();
    const { kernelSize, stride, padding } = signature('MaxUnpool2d(int|int[] kernelSize, int|int[]? stride=None, int|int[] padding=0)')
      .parse<{ kernelSize: IntOrTuple; stride: IntOrTuple | null; padding: IntOrTuple }>(args);
    const two = (v: IntOrTuple): number[] => (typeof v === 'number' ? [v, v] : [...v]);
    this.kernelSize = two(kernelSize);
    this.stride = two(stride ?? kernelSize);
    this.padding = two(padding);
  }
  forward(input: Tensor, indices: Tensor, outputSize?: readonly number[]): Tensor {
    return maxUnpool2d(input, indices, this.kernelSize, this.stride, this.padding, outputSize ?? null);
  }
  override extraRepr(): string {
    return `kernel_size=${pyTuple(this.kernelSize)}, stride=${pyTuple(this.stride)}, padding=${pyTuple(this.padding)}`;
  }
}
