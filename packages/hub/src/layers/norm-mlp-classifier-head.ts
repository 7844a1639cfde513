/**
 * timm's NormMlpClassifierHead (layers/classifier.py), ConvNeXt's head: pool → norm → flatten →
 * optional hidden Linear + activation (pre_logits) → dropout → fc. Without pooling ('') it keeps
 * the spatial map and classifies with 1×1 convolutions.
 */
import type { Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { forwardTensor } from '../module-call';
import { SelectAdaptivePool2d } from './adaptive-pool';
import { GELU } from './gelu';
import { LayerNorm2d } from './layer-norm';

export interface NormMlpClassifierHeadOptions {
  /** Width of the hidden pre-logits layer; none when 0 or undefined. */
  hiddenSize?: number | null;
  poolType?: string;
  dropRate?: number;
  /** Makes the norm over the pooled features (default: LayerNorm2d). */
  normLayer?: (features: number) => nn.Module;
  /** Makes the pre-logits activation (default: timm's GELU). */
  actLayer?: () => nn.Module;
}

function linearOrConv(inFeatures: number, outFeatures: number, useConv: boolean): nn.Linear | nn.Conv2d {
  return useConv ? new nn.Conv2d(inFeatures, outFeatures, 1) : new nn.Linear(inFeatures, outFeatures);
}

export class NormMlpClassifierHead extends nn.Module {
  global_pool: SelectAdaptivePool2d;
  norm: nn.Module;
  flatten: nn.Module;
  pre_logits: nn.Module;
  drop: nn.Dropout;
  fc: nn.Module;
  readonly inFeatures: number;
  readonly hiddenSize: number | null;
  /** The width the fc sees: the hidden size when there is a pre-logits layer, else inFeatures. */
  readonly numFeatures: number;
  useConv: boolean;

  constructor(inFeatures: number, numClasses: number, { hiddenSize = null, poolType = 'avg', dropRate = 0, normLayer, actLayer }: NormMlpClassifierHeadOptions = {}) {
    super();
    this.inFeatures = inFeatures;
    this.hiddenSize = hiddenSize || null;
    this.useConv = !poolType;
    this.global_pool = new SelectAdaptivePool2d({ poolType });
    this.norm = normLayer ? normLayer(inFeatures) : new LayerNorm2d(inFeatures);
    this.flatten = poolType ? new nn.Flatten(1) : new nn.Identity();
    if (this.hiddenSize) {
      this.pre_logits = new nn.Sequential(
        new Map<string, nn.Module>([
          ['fc', linearOrConv(inFeatures, this.hiddenSize, this.useConv)],
          ['act', actLayer ? actLayer() : new GELU()],
        ]),
      );
      this.numFeatures = this.hiddenSize;
    } else {
      this.pre_logits = new nn.Identity();
      this.numFeatures = inFeatures;
    }
    this.drop = new nn.Dropout(dropRate);
    this.fc = numClasses > 0 ? linearOrConv(this.numFeatures, numClasses, this.useConv) : new nn.Identity();
  }

  /** A new fc for `numClasses` (0: none) and optionally a new pooling; a hidden layer keeps its weights. */
  reset(numClasses: number, poolType?: string): void {
    if (poolType !== undefined) {
      this.global_pool = new SelectAdaptivePool2d({ poolType });
      this.flatten = poolType ? new nn.Flatten(1) : new nn.Identity();
    }
    this.useConv = this.global_pool.isIdentity();
    if (this.hiddenSize && this.pre_logits instanceof nn.Sequential) {
      const old = (this.pre_logits as unknown as { fc: nn.Linear | nn.Conv2d }).fc;
      if ((old instanceof nn.Conv2d) !== this.useConv) {
        const fresh = linearOrConv(this.inFeatures, this.hiddenSize, this.useConv);
        fresh.weight.data.copy_(old.weight.data.reshape(fresh.weight.shape));
        if (fresh.bias && old.bias) fresh.bias.data.copy_(old.bias.data);
        this.pre_logits.addModule('fc', fresh);
      }
    }
    this.fc = numClasses > 0 ? linearOrConv(this.numFeatures, numClasses, this.useConv) : new nn.Identity();
  }

  forward(x: Tensor, preLogits = false): Tensor {
    x = forwardTensor(this.flatten, forwardTensor(this.norm, this.global_pool.forward(x)));
    x = this.drop.forward(forwardTensor(this.pre_logits, x));
    return preLogits ? x : forwardTensor(this.fc, x);
  }
}
