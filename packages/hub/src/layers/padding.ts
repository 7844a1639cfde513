/**
 * TensorFlow's 'SAME' padding (timm's layers/padding.py): pad so that a window of `kernelSize` at
 * `stride` covers the input with ceil(size / stride) outputs, the odd pixel going after.
 */
import { pad, type Tensor } from '@x/tensor';

/** The total padding one spatial dimension of `size` needs (timm's get_same_padding). */
export function getSamePadding(size: number, kernelSize: number, stride: number, dilation = 1): number {
  return Math.max((Math.ceil(size / stride) - 1) * stride + (kernelSize - 1) * dilation + 1 - size, 0);
}

/** `x` (…, H, W) padded with `value` for 'SAME' windows (timm's pad_same). */
export function padSame(x: Tensor, kernelSize: readonly [number, number], stride: readonly [number, number], dilation: readonly [number, number] = [1, 1], value = 0): Tensor {
  const [ih, iw] = x.shape.slice(-2) as [number, number];
  const padH = getSamePadding(ih, kernelSize[0], stride[0], dilation[0]);
  const padW = getSamePadding(iw, kernelSize[1], stride[1], dilation[1]);
  if (padH === 0 && padW === 0) return x;
  return pad(x, [Math.floor(padW / 2), padW - Math.floor(padW / 2), Math.floor(padH / 2), padH - Math.floor(padH / 2)], 'constant', value);
}
