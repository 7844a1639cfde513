/**
 * timm's padding rules (layers/padding.py): the symmetric padding its convolutions use when none is
 * named, and TensorFlow's 'SAME' padding applied at run time.
 */
import { pad, type Tensor } from '@x/tensor';

/** The symmetric padding that keeps a stride-1 convolution's size. */
export function getPadding(kernelSize: number, stride = 1, dilation = 1): number {
  return Math.floor((stride - 1 + dilation * (kernelSize - 1)) / 2);
}

/** timm's get_same_padding: TensorFlow's 'SAME' total padding of a size-x input. */
export function getSamePadding(x: number, kernelSize: number, stride: number, dilation = 1): number {
  return Math.max((Math.ceil(x / stride) - 1) * stride + (kernelSize - 1) * dilation + 1 - x, 0);
}

/** timm's pad_same: pads H and W as TensorFlow's 'SAME' does (the odd pixel after), at run time. */
export function padSame(x: Tensor, kernelSize: readonly [number, number], stride: readonly [number, number], dilation: readonly [number, number] = [1, 1], value = 0): Tensor {
  const [ih, iw] = x.shape.slice(-2) as [number, number];
  const padH = getSamePadding(ih, kernelSize[0], stride[0], dilation[0]);
  const padW = getSamePadding(iw, kernelSize[1], stride[1], dilation[1]);
  return pad(x, [Math.floor(padW / 2), padW - Math.floor(padW / 2), Math.floor(padH / 2), padH - Math.floor(padH / 2)], 'constant', value);
}
