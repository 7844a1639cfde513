/** LayerNorm and GroupNorm. */
import { empty, type Tensor, signature } from '@x/tensor';
import type { Args } from '@x/tensor';
import { groupNorm, layerNorm } from '../functional/normalization';
import * as init from '../init';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { factoryKwargs, type FactoryArgs, type FactoryOptions } from './factory';
import { pyBool, pyFloat, pyTuple } from './pyrepr';

export interface LayerNormOptions extends FactoryOptions {
  normalizedShape?: number | readonly number[];
  eps?: number;
  elementwiseAffine?: boolean;
}

const LAYER_NORM_SIGNATURE = signature('LayerNorm(int|int[] normalizedShape, float eps=1e-5, bool elementwiseAffine=True, device? device=None, dtype? dtype=None)');

/**
 * Normalization over the trailing dims `normalizedShape`, with a learnable elementwise weight (ones)
 * and bias (zeros).
 *
 * @example
 * new nn.LayerNorm(512); new nn.LayerNorm([4, 5], { elementwiseAffine: false });
 */
export class LayerNorm extends Module {
  readonly normalizedShape: readonly number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(...args: Args<[normalizedShape: number | readonly number[], eps: number, elementwiseAffine: boolean, ...FactoryArgs], LayerNormOptions>) {
    super();
    const o = LAYER_NORM_SIGNATURE.parse<Required<Omit<LayerNormOptions, keyof FactoryOptions>> & FactoryOptions>(args);
    this.normalizedShape = typeof o.normalizedShape === 'number' ? [o.normalizedShape] : [...o.normalizedShape];
    this.eps = o.eps;
    this.elementwiseAffine = o.elementwiseAffine;
    this.weight = o.elementwiseAffine ? new Parameter(empty(this.normalizedShape, factoryKwargs(o))) : null;
    this.bias = o.elementwiseAffine ? new Parameter(empty(this.normalizedShape, factoryKwargs(o))) : null;
    this.resetParameters();
  }

  resetParameters(): void {
    if (this.weight !== null) init.ones_(this.weight);
    if (this.bias !== null) init.zeros_(this.bias);
  }

  forward(input: Tensor): Tensor {
    return layerNorm(input, this.normalizedShape, this.weight, this.bias, this.eps);
  }

  override extraRepr(): string {
    return `${pyTuple(this.normalizedShape)}, eps=${pyFloat(this.eps)}, elementwise_affine=${pyBool(this.elementwiseAffine)}`;
  }
}

export interface GroupNormOptions extends FactoryOptions {
  numGroups?: number;
  numChannels?: number;
  eps?: number;
  affine?: boolean;
}

const GROUP_NORM_SIGNATURE = signature('GroupNorm(int numGroups, int numChannels, float eps=1e-5, bool affine=True, device? device=None, dtype? dtype=None)');

/**
 * Normalization over groups of channels of each sample, with a per-channel weight and bias.
 *
 * @example
 * new nn.GroupNorm(2, 6);
 */
export class GroupNorm extends Module {
  readonly numGroups: number;
  readonly numChannels: number;
  readonly eps: number;
  readonly affine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(...args: Args<[numGroups: number, numChannels: number, eps: number, affine: boolean, ...FactoryArgs], GroupNormOptions>) {
    super();
    const o = GROUP_NORM_SIGNATURE.parse<Required<Omit<GroupNormOptions, keyof FactoryOptions>> & FactoryOptions>(args);
    if (o.numChannels % o.numGroups !== 0) throw new Error('num_channels must be divisible by num_groups');
    this.numGroups = o.numGroups;
    this.numChannels = o.numChannels;
    this.eps = o.eps;
    this.affine = o.affine;
    this.weight = o.affine ? new Parameter(empty([o.numChannels], factoryKwargs(o))) : null;
    this.bias = o.affine ? new Parameter(empty([o.numChannels], factoryKwargs(o))) : null;
    this.resetParameters();
  }

  resetParameters(): void {
    if (this.weight !== null) init.ones_(this.weight);
    if (this.bias !== null) init.zeros_(this.bias);
  }

  forward(input: Tensor): Tensor {
    return groupNorm(input, this.numGroups, this.weight, this.bias, this.eps);
  }

  override extraRepr(): string {
    return `${this.numGroups}, ${this.numChannels}, eps=${pyFloat(this.eps)}, affine=${pyBool(this.affine)}`;
  }
}
