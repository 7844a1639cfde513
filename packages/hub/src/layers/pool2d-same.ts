/**
 * timm's AvgPool2dSame (layers/pool2d_same.py): average pooling after TensorFlow-like 'SAME'
 * padding computed from each input's size, so a stride-1 pool keeps the size.
 */
import { avgPool2d, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { padSame } from './padding';

export interface AvgPool2dSameOptions {
  ceilMode?: boolean;
  countIncludePad?: boolean;
}

export class AvgPool2dSame extends nn.AvgPool2d {
  constructor(kernelSize: number, stride: number = kernelSize, { ceilMode = false, countIncludePad = true }: AvgPool2dSameOptions = {}) {
    super([kernelSize, kernelSize], [stride, stride], [0, 0], ceilMode, countIncludePad);
  }

  override forward(x: Tensor): Tensor {
    const size = this.kernelSize as [number, number];
    const step = this.stride as [number, number];
    return avgPool2d(padSame(x, size, step), size, step, [0, 0], this.ceilMode, this.countIncludePad);
  }
}
