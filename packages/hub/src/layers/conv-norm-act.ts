/**
 * timm's ConvNormAct (layers/conv_bn_act.py): a convolution then a norm+act layer kept under the
 * name `bn` (timm keeps it for checkpoint compatibility), or an empty Sequential when the norm is off.
 */
import type { Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { forwardTensor } from '../module-call';
import { getActLayer, type ActLayer } from './create-act';
import { createConv2d } from './create-conv2d';
import { BatchNormAct2d, type BatchNormAct2dOptions } from './norm-act';

/** Builds the norm+act layer for `numFeatures` channels (timm's get_norm_act_layer result). */
export type NormActLayer = (numFeatures: number, options: BatchNormAct2dOptions) => nn.Module;

export interface ConvNormActOptions {
  stride?: number;
  /** '' (timm's default, symmetric), 'valid', 'same' (static only), or a number. */
  padding?: string | number;
  dilation?: number;
  groups?: number;
  bias?: boolean;
  applyNorm?: boolean;
  applyAct?: boolean;
  /** Default: BatchNormAct2d. */
  normLayer?: NormActLayer;
  /** The activation inside the norm layer, by name or maker, made in place (default 'relu'); null: none. */
  actLayer?: string | ActLayer | null;
  dropLayer?: () => nn.Module;
}

const batchNormAct2d: NormActLayer = (numFeatures, options) => new BatchNormAct2d(numFeatures, options);

/**
 * @example
 * const stem = new hub.layers.ConvNormAct(3, 32, 3, { stride: 2 }); // conv, then BatchNormAct2d with ReLU
 * const shortcut = new hub.layers.ConvNormAct(32, 64, 1, { stride: 2, applyAct: false });
 */
export class ConvNormAct extends nn.Module {
  conv: nn.Conv2d;
  bn: nn.Module;

  constructor(inChannels: number, outChannels: number, kernelSize = 1, options: ConvNormActOptions = {}) {
    super();
    const { stride = 1, padding = '', dilation = 1, groups = 1, bias = false, applyNorm = true, applyAct = true, normLayer = batchNormAct2d, actLayer = 'relu', dropLayer } = options;
    this.conv = createConv2d(inChannels, outChannels, kernelSize, { stride, padding, dilation, groups, bias });
    if (applyNorm) {
      const act = actLayer === null ? null : getActLayer(actLayer);
      this.bn = normLayer(outChannels, {
        applyAct: applyAct && act !== null,
        ...(act ? { actLayer: () => act(true) } : {}),
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
