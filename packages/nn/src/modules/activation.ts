/**
 * Activation layers: each holds its settings and calls the functional form. Reprs are PyTorch's
 * (`ReLU(inplace=True)`, `LeakyReLU(negative_slope=0.01)`, `GELU(approximate='none')`, …).
 */
import { empty, type Tensor, signature } from '@x/tensor';
import * as F from '../functional/activation';
import type { Args } from '@x/tensor';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { factoryKwargs, type FactoryArgs, type FactoryOptions } from './factory';
import { pyFloat, pyNumber, pyOptional, pyStr } from './pyrepr';

type InplaceArgs = Args<[inplace: boolean], { inplace?: boolean }>;

function inplaceOf(cls: string, args: readonly unknown[]): boolean {
  return signature(`${cls}(bool inplace=False)`).parse<{ inplace: boolean }>(args).inplace;
}

function inplaceSuffix(inplace: boolean, lead: string): string {
  return inplace ? `${lead}inplace=True` : '';
}

/**
 * max(0, x).
 *
 * @example
 * new nn.ReLU(); new nn.ReLU(true); new nn.ReLU({ inplace: true });
 */
export class ReLU extends Module {
  readonly inplace: boolean;
  constructor(...args: InplaceArgs) {
    super();
    this.inplace = inplaceOf('ReLU', args);
  }
  forward(input: Tensor): Tensor {
    return F.relu(input, this.inplace);
  }
  override extraRepr(): string {
    return inplaceSuffix(this.inplace, '');
  }
}

export interface HardtanhOptions {
  minVal?: number;
  maxVal?: number;
  inplace?: boolean;
}

/**
 * x clamped to [minVal, maxVal]. Bounds equal to the defaults print as floats (`-1.0`), others as
 * numbers (`Hardtanh(min_val=0, max_val=6)`), as the usual PyTorch spellings do.
 *
 * @example
 * new nn.Hardtanh(-2, 2);
 */
export class Hardtanh extends Module {
  readonly minVal: number;
  readonly maxVal: number;
  readonly inplace: boolean;
  constructor(...args: Args<[minVal: number, maxVal: number, inplace: boolean], HardtanhOptions>) {
    super();
    const o = signature(`${new.target.name}(float minVal=-1, float maxVal=1, bool inplace=False)`).parse<Required<HardtanhOptions>>(args);
    if (o.maxVal <= o.minVal) throw new Error('AssertionError: max_val must be greater than min_val');
    this.minVal = o.minVal;
    this.maxVal = o.maxVal;
    this.inplace = o.inplace;
  }
  forward(input: Tensor): Tensor {
    return F.hardtanh(input, this.minVal, this.maxVal, this.inplace);
  }
  override extraRepr(): string {
    const fmt = (v: number, dflt: number): string => (v === dflt ? pyFloat(v) : pyNumber(v));
    return `min_val=${fmt(this.minVal, -1)}, max_val=${fmt(this.maxVal, 1)}${inplaceSuffix(this.inplace, ', ')}`;
  }
}

/**
 * min(max(0, x), 6) (a Hardtanh with bounds 0 and 6, as in PyTorch).
 *
 * @example
 * new nn.ReLU6(true);
 */
export class ReLU6 extends Hardtanh {
  constructor(...args: InplaceArgs) {
    super(0, 6, inplaceOf('ReLU6', args));
  }
  override extraRepr(): string {
    return inplaceSuffix(this.inplace, '');
  }
}

const LEAKY_RELU_SIGNATURE = signature('LeakyReLU(float negativeSlope=0.01, bool inplace=False)');

/**
 * x for x > 0, else negativeSlope·x.
 *
 * @example
 * new nn.LeakyReLU(0.2, true);
 */
export class LeakyReLU extends Module {
  readonly negativeSlope: number;
  readonly inplace: boolean;
  constructor(...args: Args<[negativeSlope: number, inplace: boolean], { negativeSlope?: number; inplace?: boolean }>) {
    super();
    const o = LEAKY_RELU_SIGNATURE.parse<{ negativeSlope: number; inplace: boolean }>(args);
    this.negativeSlope = o.negativeSlope;
    this.inplace = o.inplace;
  }
  forward(input: Tensor): Tensor {
    return F.leakyRelu(input, this.negativeSlope, this.inplace);
  }
  override extraRepr(): string {
    return `negative_slope=${pyFloat(this.negativeSlope)}${inplaceSuffix(this.inplace, ', ')}`;
  }
}

export interface PReLUOptions extends FactoryOptions {
  numParameters?: number;
  init?: number;
}

const PRELU_SIGNATURE = signature('PReLU(int numParameters=1, float init=0.25, device? device=None, dtype? dtype=None)');

/**
 * x for x > 0, else a·x with a learnable a (one, or one per channel), initialised to 0.25.
 *
 * @example
 * new nn.PReLU(); new nn.PReLU(64);
 */
export class PReLU extends Module {
  readonly numParameters: number;
  weight: Parameter;
  constructor(...args: Args<[numParameters: number, init: number, ...FactoryArgs], PReLUOptions>) {
    super();
    const o = PRELU_SIGNATURE.parse<{ numParameters: number; init: number } & FactoryOptions>(args);
    this.numParameters = o.numParameters;
    this.weight = new Parameter(empty([o.numParameters], factoryKwargs(o)).fill_(o.init));
  }
  forward(input: Tensor): Tensor {
    return F.prelu(input, this.weight);
  }
  override extraRepr(): string {
    return `num_parameters=${this.numParameters}`;
  }
}

const ELU_SIGNATURE = signature('ELU(float alpha=1, bool inplace=False)');

/**
 * x for x > 0, else alpha·(exp(x) − 1).
 *
 * @example
 * new nn.ELU(0.5);
 */
export class ELU extends Module {
  readonly alpha: number;
  readonly inplace: boolean;
  constructor(...args: Args<[alpha: number, inplace: boolean], { alpha?: number; inplace?: boolean }>) {
    super();
    const o = ELU_SIGNATURE.parse<{ alpha: number; inplace: boolean }>(args);
    this.alpha = o.alpha;
    this.inplace = o.inplace;
  }
  forward(input: Tensor): Tensor {
    return F.elu(input, this.alpha, this.inplace);
  }
  override extraRepr(): string {
    return `alpha=${pyFloat(this.alpha)}${inplaceSuffix(this.inplace, ', ')}`;
  }
}

const CELU_SIGNATURE = signature('CELU(float alpha=1, bool inplace=False)');

/**
 * max(0, x) + min(0, alpha·(exp(x/alpha) − 1)).
 *
 * @example
 * new nn.CELU(2);
 */
export class CELU extends Module {
  readonly alpha: number;
  readonly inplace: boolean;
  constructor(...args: Args<[alpha: number, inplace: boolean], { alpha?: number; inplace?: boolean }>) {
    super();
    const o = CELU_SIGNATURE.parse<{ alpha: number; inplace: boolean }>(args);
    this.alpha = o.alpha;
    this.inplace = o.inplace;
  }
  forward(input: Tensor): Tensor {
    return F.celu(input, this.alpha, this.inplace);
  }
  override extraRepr(): string {
    return `alpha=${pyFloat(this.alpha)}${inplaceSuffix(this.inplace, ', ')}`;
  }
}

/**
 * Scaled ELU with the self-normalizing constants.
 *
 * @example
 * new nn.SELU();
 */
export class SELU extends Module {
  readonly inplace: boolean;
  constructor(...args: InplaceArgs) {
    super();
    this.inplace = inplaceOf('SELU', args);
  }
  forward(input: Tensor): Tensor {
    return F.selu(input, this.inplace);
  }
  override extraRepr(): string {
    return inplaceSuffix(this.inplace, '');
  }
}

const GELU_SIGNATURE = signature("GELU(str approximate='none')");

/**
 * x·Φ(x), exact or with approximate: 'tanh'.
 *
 * @example
 * new nn.GELU(); new nn.GELU('tanh');
 */
export class GELU extends Module {
  readonly approximate: F.GeluApproximate;
  constructor(...args: Args<[approximate: F.GeluApproximate], { approximate?: F.GeluApproximate }>) {
    super();
    this.approximate = GELU_SIGNATURE.parse<{ approximate: F.GeluApproximate }>(args).approximate;
  }
  forward(input: Tensor): Tensor {
    return F.gelu(input, { approximate: this.approximate });
  }
  override extraRepr(): string {
    return `approximate=${pyStr(this.approximate)}`;
  }
}

/**
 * x·sigmoid(x).
 *
 * @example
 * new nn.SiLU();
 */
export class SiLU extends Module {
  readonly inplace: boolean;
  constructor(...args: InplaceArgs) {
    super();
    this.inplace = inplaceOf('SiLU', args);
  }
  forward(input: Tensor): Tensor {
    return F.silu(input, this.inplace);
  }
  override extraRepr(): string {
    return inplaceSuffix(this.inplace, '');
  }
}

/**
 * x·tanh(softplus(x)).
 *
 * @example
 * new nn.Mish();
 */
export class Mish extends Module {
  readonly inplace: boolean;
  constructor(...args: InplaceArgs) {
    super();
    this.inplace = inplaceOf('Mish', args);
  }
  forward(input: Tensor): Tensor {
    return F.mish(input, this.inplace);
  }
  override extraRepr(): string {
    return inplaceSuffix(this.inplace, '');
  }
}

/**
 * x·relu6(x + 3)/6 (repr shows no settings, as PyTorch's).
 *
 * @example
 * new nn.Hardswish();
 */
export class Hardswish extends Module {
  readonly inplace: boolean;
  constructor(...args: InplaceArgs) {
    super();
    this.inplace = inplaceOf('Hardswish', args);
  }
  forward(input: Tensor): Tensor {
    return F.hardswish(input, this.inplace);
  }
}

/**
 * relu6(x + 3)/6.
 *
 * @example
 * new nn.Hardsigmoid();
 */
export class Hardsigmoid extends Module {
  readonly inplace: boolean;
  constructor(...args: InplaceArgs) {
    super();
    this.inplace = inplaceOf('Hardsigmoid', args);
  }
  forward(input: Tensor): Tensor {
    return F.hardsigmoid(input, this.inplace);
  }
}

/** 1/(1 + exp(−x)). */
export class Sigmoid extends Module {
  constructor(...args: []) {
    super();
    signature('Sigmoid()').parse(args);
  }
  forward(input: Tensor): Tensor {
    return input.sigmoid();
  }
}

/** tanh(x). */
export class Tanh extends Module {
  constructor(...args: []) {
    super();
    signature('Tanh()').parse(args);
  }
  forward(input: Tensor): Tensor {
    return input.tanh();
  }
}

/** log(sigmoid(x)). */
export class LogSigmoid extends Module {
  constructor(...args: []) {
    super();
    signature('LogSigmoid()').parse(args);
  }
  forward(input: Tensor): Tensor {
    return F.logsigmoid(input);
  }
}

/** x/(1 + |x|). */
export class Softsign extends Module {
  constructor(...args: []) {
    super();
    signature('Softsign()').parse(args);
  }
  forward(input: Tensor): Tensor {
    return F.softsign(input);
  }
}

/** x − tanh(x). */
export class Tanhshrink extends Module {
  constructor(...args: []) {
    super();
    signature('Tanhshrink()').parse(args);
  }
  forward(input: Tensor): Tensor {
    return F.tanhshrink(input);
  }
}

const SOFTPLUS_SIGNATURE = signature('Softplus(float beta=1, float threshold=20)');

/**
 * log(1 + exp(βx))/β, linear where βx > threshold.
 *
 * @example
 * new nn.Softplus(2, 10);
 */
export class Softplus extends Module {
  readonly beta: number;
  readonly threshold: number;
  constructor(...args: Args<[beta: number, threshold: number], { beta?: number; threshold?: number }>) {
    super();
    const o = SOFTPLUS_SIGNATURE.parse<{ beta: number; threshold: number }>(args);
    this.beta = o.beta;
    this.threshold = o.threshold;
  }
  forward(input: Tensor): Tensor {
    return F.softplus(input, this.beta, this.threshold);
  }
  override extraRepr(): string {
    return `beta=${pyNumber(this.beta)}, threshold=${pyNumber(this.threshold)}`;
  }
}

const THRESHOLD_SIGNATURE = signature('Threshold(float threshold, float value, bool inplace=False)');

/**
 * x where x > threshold, else value.
 *
 * @example
 * new nn.Threshold(0.1, 20);
 */
export class Threshold extends Module {
  readonly threshold: number;
  readonly value: number;
  readonly inplace: boolean;
  constructor(...args: Args<[threshold: number, value: number, inplace: boolean], { threshold?: number; value?: number; inplace?: boolean }>) {
    super();
    const o = THRESHOLD_SIGNATURE.parse<{ threshold: number; value: number; inplace: boolean }>(args);
    this.threshold = o.threshold;
    this.value = o.value;
    this.inplace = o.inplace;
  }
  forward(input: Tensor): Tensor {
    return F.threshold(input, this.threshold, this.value, this.inplace);
  }
  override extraRepr(): string {
    return `threshold=${pyNumber(this.threshold)}, value=${pyNumber(this.value)}${inplaceSuffix(this.inplace, ', ')}`;
  }
}

const GLU_SIGNATURE = signature('GLU(int dim=-1)');

/**
 * a·sigmoid(b) of the halves a, b of the input along dim.
 *
 * @example
 * new nn.GLU(); // dim -1
 */
export class GLU extends Module {
  readonly dim: number;
  constructor(...args: Args<[dim: number], { dim?: number }>) {
    super();
    this.dim = GLU_SIGNATURE.parse<{ dim: number }>(args).dim;
  }
  forward(input: Tensor): Tensor {
    return F.glu(input, this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

type SoftmaxArgs = Args<[dim: number | null], { dim?: number | null }>;

abstract class SoftmaxBase extends Module {
  readonly dim: number | null;
  constructor(args: readonly unknown[]) {
    super();
    this.dim = signature(`${new.target.name}(int? dim=None)`).parse<{ dim: number | null }>(args).dim;
  }
  override extraRepr(): string {
    return `dim=${pyOptional(this.dim, String)}`;
  }
}

/**
 * Softmax along dim (PyTorch's legacy implicit choice, with its warning, when dim is null).
 *
 * @example
 * new nn.Softmax(1);
 */
export class Softmax extends SoftmaxBase {
  constructor(...args: SoftmaxArgs) {
    super(args);
  }
  forward(input: Tensor): Tensor {
    return F.softmax(input, this.dim);
  }
}

/**
 * log(softmax(x)) along dim.
 *
 * @example
 * new nn.LogSoftmax(1);
 */
export class LogSoftmax extends SoftmaxBase {
  constructor(...args: SoftmaxArgs) {
    super(args);
  }
  forward(input: Tensor): Tensor {
    return F.logSoftmax(input, this.dim);
  }
}

/**
 * softmax(−x) along dim.
 *
 * @example
 * new nn.Softmin(1);
 */
export class Softmin extends SoftmaxBase {
  constructor(...args: SoftmaxArgs) {
    super(args);
  }
  forward(input: Tensor): Tensor {
    return F.softmin(input, this.dim);
  }
}

/** Softmax over the channels of a (N, C, H, W) or (C, H, W) input. */
export class Softmax2d extends Module {
  constructor(...args: []) {
    super();
    signature('Softmax2d()').parse(args);
  }
  forward(input: Tensor): Tensor {
    if (input.dim() !== 3 && input.dim() !== 4) throw new Error('Softmax2d requires a 3D or 4D tensor as input');
    return F.softmax(input, -3);
  }
}
