/**
 * timm's padding rules (layers/padding.py): the symmetric padding that keeps a stride-1 convolution's
 * size ('' — PyTorch-style), none ('valid'), TensorFlow's 'same' where it is static, and where it is
 * not (the input's size decides), padding so that a window of `kernelSize` at `stride` covers the
 * input with ceil(size / stride) outputs, the odd pixel going after.
 */
import { pad, type Tensor } from '@x/tensor';

/** ((stride − 1) + dilation·(kernelSize − 1)) // 2, per dimension when any argument is a pair. */
export function getPadding(kernelSize: number | readonly number[], stride: number | readonly number[] = 1, dilation: number | readonly number[] = 1): number | number[] {
  if (Array.isArray(kernelSize) || Array.isArray(stride) || Array.isArray(dilation)) {
    const pair = (v: number | readonly number[]): readonly number[] => (typeof v === 'number' ? [v, v] : v);
    const [k, s, d] = [pair(kernelSize), pair(stride), pair(dilation)];
    return [0, 1].map((i) => getPadding(k[i]!, s[i]!, d[i]!) as number);
  }
  return Math.floor(((stride as number) - 1 + (dilation as number) * ((kernelSize as number) - 1)) / 2);
}

/** Whether TensorFlow's 'same' padding is symmetric (the same for every input size). */
export function isStaticPad(kernelSize: number, stride = 1, dilation = 1): boolean {
  return stride === 1 && (dilation * (kernelSize - 1)) % 2 === 0;
}

/** A padding type ('' | 'valid' | 'same') or an explicit padding → the Conv2d padding. */
export function getPaddingValue(padding: string | number, kernelSize: number, stride = 1, dilation = 1): number {
  if (typeof padding === 'number') return padding;
  const type = padding.toLowerCase();
  if (type === 'valid') return 0;
  if (type === 'same') {
    if (!isStaticPad(kernelSize, stride, dilation)) {
      throw new Error(`padding 'same' with kernel ${kernelSize}, stride ${stride}, dilation ${dilation} pads unevenly (TensorFlow's dynamic 'same', timm's Conv2dSame), which is not supported here; use '' (symmetric) padding`);
    }
    return getPadding(kernelSize, stride, dilation) as number;
  }
  if (type !== '') throw new Error(`unknown padding type '${padding}' (expected '', 'valid' or 'same')`);
  return getPadding(kernelSize, stride, dilation) as number;
}

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
