/**
 * timm's AvgPool2dSame (layers/pool2d_same.py): average pooling after TensorFlow-style 'SAME'
 * padding, so a stride-1 window of 2 keeps the size (what a dilated ResNet-D's shortcut uses).
 */
import type { Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { padSame } from './padding';

const pair = (v: number | readonly number[]): [number, number] => (typeof v === 'number' ? [v, v] : [v[0]!, v[1] ?? v[0]!]);

export interface AvgPool2dSameOptions {
  ceilMode?: boolean;
  countIncludePad?: boolean;
}

export class AvgPool2dSame extends nn.AvgPool2d {
  constructor(kernelSize: number | [number, number], stride: number | [number, number] = kernelSize, { ceilMode = false, countIncludePad = true }: AvgPool2dSameOptions = {}) {
    // timm stores both as pairs and the padding as (0, 0), which is how it prints.
    super(pair(kernelSize), pair(stride), [0, 0], ceilMode, countIncludePad);
  }

  override forward(x: Tensor): Tensor {
    return nn.functional.avgPool2d(padSame(x, pair(this.kernelSize), pair(this.stride)), this.kernelSize, this.options());
  }
}
