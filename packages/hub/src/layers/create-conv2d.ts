/**
 * timm's create_conv2d (layers/create_conv2d.py, conv2d_same.py): an nn.Conv2d without bias by
 * default, padded by timm's padding type, depthwise on request.
 */
import * as nn from '@x/nn';
import { getPaddingValue } from './padding';

export interface CreateConv2dOptions {
  stride?: number;
  dilation?: number;
  groups?: number;
  /** One group per input channel (overrides groups). */
  depthwise?: boolean;
  /** '' (symmetric, PyTorch-style), 'valid', 'same' (static only), or a number. */
  padding?: string | number;
  bias?: boolean;
}

export function createConv2d(inChannels: number, outChannels: number, kernelSize: number, options: CreateConv2dOptions = {}): nn.Conv2d {
  if (!Number.isInteger(kernelSize) || kernelSize < 1) {
    throw new TypeError(`createConv2d: expected a positive integer kernel size (mixed kernels as in MixedConv2d are not supported), got ${JSON.stringify(kernelSize)}`);
  }
  const { stride = 1, dilation = 1, depthwise = false, padding = '', bias = false } = options;
  const groups = depthwise ? inChannels : (options.groups ?? 1);
  return new nn.Conv2d(inChannels, outChannels, kernelSize, { stride, padding: getPaddingValue(padding, kernelSize, stride, dilation), dilation, groups, bias });
}
