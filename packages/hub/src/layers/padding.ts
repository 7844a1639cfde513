/**
 * timm's get_padding (layers/padding.py): the symmetric padding that keeps a stride-1 convolution's
 * size, as timm's convolutions use when no padding is named.
 */
export function getPadding(kernelSize: number, stride = 1, dilation = 1): number {
  return Math.floor((stride - 1 + dilation * (kernelSize - 1)) / 2);
}
