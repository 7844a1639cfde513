/** Convolution without bias, batch norm (eps 0.001) and ReLU: Inception v3's and GoogLeNet's unit. */
import type { Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import type { TensorModule } from './tensor-module';

export interface BasicConv2dOptions {
  kernelSize: number | [number, number];
  stride?: number | [number, number];
  padding?: number | [number, number];
}

export class BasicConv2d extends nn.Module {
  conv: nn.Conv2d;
  bn: nn.BatchNorm2d;
  /** The std of the truncated normal initialisation, where a model sets one (torchvision's `stddev`). */
  stddev?: number;

  constructor(inChannels: number, outChannels: number, options: BasicConv2dOptions) {
    super();
    this.conv = new nn.Conv2d(inChannels, outChannels, { ...options, bias: false });
    this.bn = new nn.BatchNorm2d(outChannels, { eps: 0.001 });
  }

  forward(x: Tensor): Tensor {
    return nn.functional.relu(this.bn.forward(this.conv.forward(x)));
  }
}

/** What makes a BasicConv2d-like unit (a model's `convBlock`). */
export type ConvBlock = new (inChannels: number, outChannels: number, options: BasicConv2dOptions) => TensorModule;
