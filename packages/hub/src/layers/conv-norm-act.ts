/**
 * timm's ConvNormAct (layers/conv_bn_act.py): a convolution then a norm+act layer kept under the
 * name `bn` (timm keeps it for checkpoint compatibility), or an empty Sequential when the norm is off.
 */
import type { Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { forwardTensor } from '../module-call';
import { BatchNormAct2d, type BatchNormAct2dOptions } from './norm-act';
import { getPadding } from './padding';

/** Builds the norm+act layer for `numFeatures` channels (timm's get_norm_act_layer result). */
export type NormActLayer = (numFeatures: number, options: BatchNormAct2dOptions) => nn.Module;

export interface ConvNormActOptions {
  stride?: number;
  /** A number, or '' for timm's default symmetric padding (getPadding). */
  padding?: number | '';
  dilation?: number;
  groups?: number;
  bias?: boolean;
  applyNorm?: boolean;
  applyAct?: boolean;
  /** Default: BatchNormAct2d. */
  normLayer?: NormActLayer;
  /** Makes the activation inside the norm layer (default: its own, ReLU(inplace=True)); null: none. */
  actLayer?: (() => nn.Module) | null;
  dropLayer?: () => nn.Module;
}

const batchNormAct2d: NormActLayer = (numFeatures, options) => new BatchNormAct2d(numFeatures, options);

export class ConvNormAct extends nn.Module {
  conv: nn.Conv2d;
  bn: nn.Module;

  constructor(inChannels: number, outChannels: number, kernelSize = 1, options: ConvNormActOptions = {}) {
    super();
    const { stride = 1, padding = '', dilation = 1, groups = 1, bias = false, applyNorm = true, applyAct = true, normLayer = batchNormAct2d, actLayer, dropLayer } = options;
    if (padding !== '' && !(Number.isInteger(padding) && padding >= 0)) {
      throw new Error(`ConvNormAct: expected padding to be a non-negative integer or '' (timm's default), got ${JSON.stringify(padding)}`);
    }
    this.conv = new nn.Conv2d(inChannels, outChannels, kernelSize, {
      stride,
      padding: padding === '' ? getPadding(kernelSize, stride, dilation) : padding,
      dilation,
      groups,
      bias,
    });
    if (applyNorm) {
      this.bn = normLayer(outChannels, {
        applyAct: applyAct && actLayer !== null,
        ...(actLayer ? { actLayer } : {}),
        ...(dropLayer ? { dropLayer } : {}),
      });
    } else {
      this.bn = new nn.Sequential();
      if (dropLayer) this.bn.addModule('drop', dropLayer());
    }
  }

  get inChannels(): number {
    return this.conv.inChannels;
  }

  get outChannels(): number {
    return this.conv.outChannels;
  }

  forward(x: Tensor): Tensor {
    return forwardTensor(this.bn, this.conv.forward(x));
  }
}
