/** Identity, Linear and Bilinear. */
import { empty, type Tensor, signature } from '@x/tensor';
import type { Args } from '@x/tensor';
import { bilinear, linear } from '../functional/linear';
import * as init from '../init';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { factoryKwargs, type FactoryArgs, type FactoryOptions } from './factory';
import { pyBool } from './pyrepr';

/**
 * Returns its input unchanged; accepts and ignores any constructor arguments, as PyTorch's.
 *
 * @example
 * net.fc = new nn.Identity(); // drop a classifier head
 */
export class Identity extends Module {
  constructor(..._args: unknown[]) {
    super();
  }

  forward(input: Tensor): Tensor {
    return input;
  }
}

export interface LinearOptions extends FactoryOptions {
  inFeatures?: number;
  outFeatures?: number;
  bias?: boolean;
}

const LINEAR_SIGNATURE = signature('Linear(int inFeatures, int outFeatures, bool bias=True, device? device=None, dtype? dtype=None)');

/**
 * y = x·Wᵀ + b. The weight [out, in] is kaiming-uniform with a = √5 and the bias uniform in
 * ±1/√in, as PyTorch initialises it.
 *
 * @example
 * const fc = new nn.Linear(784, 256);
 * const head = new nn.Linear(256, 10, { bias: false });
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  weight: Parameter;
  bias: Parameter | null;

  constructor(...args: Args<[inFeatures: number, outFeatures: number, bias: boolean, ...FactoryArgs], LinearOptions>) {
    super();
    const o = LINEAR_SIGNATURE.parse<Required<Omit<LinearOptions, keyof FactoryOptions>> & FactoryOptions>(args);
    this.inFeatures = o.inFeatures;
    this.outFeatures = o.outFeatures;
    this.weight = new Parameter(empty([o.outFeatures, o.inFeatures], factoryKwargs(o)));
    this.bias = o.bias ? new Parameter(empty([o.outFeatures], factoryKwargs(o))) : null;
    this.resetParameters();
  }

  /** PyTorch's reset_parameters: kaiming_uniform_(a=√5) for the weight, U(±1/√fan_in) for the bias. */
  resetParameters(): void {
    init.kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias !== null) {
      const [fanIn] = init.calculateFanInAndFanOut(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      init.uniform_(this.bias, -bound, bound);
    }
  }

  forward(input: Tensor): Tensor {
    const k = input.dim() === 0 ? 1 : input.shape[input.dim() - 1]!;
    if (input.dim() === 0 || k !== this.inFeatures) {
      const rows = k === 0 ? 0 : input.numel() / k;
      throw new Error(
        `expected input with last dimension ${this.inFeatures}, got [${input.shape.join(', ')}] (mat1 and mat2 shapes cannot be multiplied (${rows}x${k} and ${this.inFeatures}x${this.outFeatures}))`,
      );
    }
    return linear(input, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${pyBool(this.bias !== null)}`;
  }
}

export interface BilinearOptions extends FactoryOptions {
  in1Features?: number;
  in2Features?: number;
  outFeatures?: number;
  bias?: boolean;
}

const BILINEAR_SIGNATURE = signature('Bilinear(int in1Features, int in2Features, int outFeatures, bool bias=True, device? device=None, dtype? dtype=None)');

/**
 * y = x1ᵀ·A·x2 + b, with weight [out, in1, in2] and bias uniform in ±1/√in1 (PyTorch's init).
 *
 * @example
 * const bl = new nn.Bilinear(20, 30, 40);
 * bl.forward(torch.randn(128, 20), torch.randn(128, 30)); // [128, 40]
 */
export class Bilinear extends Module {
  readonly in1Features: number;
  readonly in2Features: number;
  readonly outFeatures: number;
  weight: Parameter;
  bias: Parameter | null;

  constructor(...args: Args<[in1Features: number, in2Features: number, outFeatures: number, bias: boolean, ...FactoryArgs], BilinearOptions>) {
    super();
    const o = BILINEAR_SIGNATURE.parse<Required<Omit<BilinearOptions, keyof FactoryOptions>> & FactoryOptions>(args);
    this.in1Features = o.in1Features;
    this.in2Features = o.in2Features;
    this.outFeatures = o.outFeatures;
    this.weight = new Parameter(empty([o.outFeatures, o.in1Features, o.in2Features], factoryKwargs(o)));
    this.bias = o.bias ? new Parameter(empty([o.outFeatures], factoryKwargs(o))) : null;
    this.resetParameters();
  }

  resetParameters(): void {
    const bound = 1 / Math.sqrt(this.weight.shape[1]!);
    init.uniform_(this.weight, -bound, bound);
    if (this.bias !== null) init.uniform_(this.bias, -bound, bound);
  }

  forward(input1: Tensor, input2: Tensor): Tensor {
    return bilinear(input1, input2, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in1_features=${this.in1Features}, in2_features=${this.in2Features}, out_features=${this.outFeatures}, bias=${pyBool(this.bias !== null)}`;
  }
}
