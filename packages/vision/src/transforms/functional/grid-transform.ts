/**
 * The resampling behind rotate, affine and perspective, as torchvision's tensor path does it: a
 * grid of source locations in gridSample's normalised coordinates, sampled with zeros outside the
 * image; with a fill, a ones channel is sampled alongside and blended with the fill colour
 * (bilinear) or thresholded at 0.5 (nearest). Integer images are sampled in float32 and rounded back.
 */
import { type Tensor, cat, ones, tensor, tidy, where } from '@x/tensor';
import { functional as nnF } from '@x/nn';

/** The colour outside the transformed image: one value for all channels, one per channel, or null (zeros, no blending). */
export type Fill = number | readonly number[] | null;

export function checkGridTransformInputs(img: Tensor, interpolation: string, fill: Fill): void {
  const channels = img.dim() === 2 ? 1 : img.shape[img.dim() - 3]!;
  if (fill !== null && typeof fill !== 'number' && fill.length > 1 && fill.length !== channels) {
    throw new Error(`The number of elements in 'fill' cannot broadcast to match the number of channels of the image (${fill.length} != ${channels})`);
  }
  if (interpolation !== 'nearest' && interpolation !== 'bilinear') throw new Error(`Interpolation mode '${interpolation}' is unsupported with Tensor input`);
}

/** The dtype grids are built in: the image's own when it is float, else float32. */
export function gridDtype(img: Tensor): 'float32' | 'float64' {
  return img.dtype === 'float64' ? 'float64' : 'float32';
}

/** Rows (x, y, 1) of an oh × ow grid of pixel centres, x and y starting at x0 and y0. */
function baseGrid(ow: number, oh: number, x0: number, y0: number, dtype: 'float32' | 'float64'): Tensor {
  const v = new Array<number>(oh * ow * 3);
  let k = 0;
  for (let i = 0; i < oh; i++) {
    for (let j = 0; j < ow; j++) {
      v[k++] = x0 + j;
      v[k++] = y0 + i;
      v[k++] = 1;
    }
  }
  return tensor(v, { dtype }).reshape([oh * ow, 3]);
}

/** The sampling grid (1, oh, ow, 2) of the inverse affine `matrix` about the centre of a w × h image. */
export function affineGrid(matrix: readonly number[], w: number, h: number, ow: number, oh: number, dtype: 'float32' | 'float64'): Tensor {
  return tidy(() => {
    const theta = tensor([...matrix], { dtype }).reshape([2, 3]);
    const rescaled = theta.t().div(tensor([0.5 * w, 0.5 * h], { dtype }));
    return baseGrid(ow, oh, -ow * 0.5 + 0.5, -oh * 0.5 + 0.5, dtype).matmul(rescaled).reshape([1, oh, ow, 2]);
  });
}

/** The sampling grid (1, oh, ow, 2) of perspective coefficients (a, b, c, d, e, f, g, h). */
export function perspectiveGrid(coeffs: readonly number[], ow: number, oh: number, dtype: 'float32' | 'float64'): Tensor {
  return tidy(() => {
    const [a, b, c, d, e, f, g, h] = coeffs as [number, number, number, number, number, number, number, number];
    const theta1 = tensor([[a, b, c], [d, e, f]], { dtype });
    const theta2 = tensor([[g, h, 1], [g, h, 1]], { dtype });
    const base = baseGrid(ow, oh, 0.5, 0.5, dtype);
    const grid1 = base.matmul(theta1.t().div(tensor([0.5 * ow, 0.5 * oh], { dtype })));
    const grid2 = base.matmul(theta2.t());
    return grid1.div(grid2).sub(1).reshape([1, oh, ow, 2]);
  });
}

/** img ([..., C, H, W] or [H, W]) sampled at grid (1, oh, ow, 2), filled with `fill` where the grid leaves the image. */
export function applyGridTransform(img: Tensor, grid: Tensor, mode: 'nearest' | 'bilinear', fill: Fill): Tensor {
  return tidy(() => {
    const [h, w] = img.shape.slice(-2) as [number, number];
    const channels = img.dim() === 2 ? 1 : img.shape[img.dim() - 3]!;
    let x = img.reshape([img.shape.slice(0, -3).reduce((a, b) => a * b, 1), channels, h, w]);
    const needCast = x.dtype !== grid.dtype;
    if (needCast) x = x.to(grid.dtype);
    const n = x.shape[0]!;
    const [, oh, ow] = grid.shape as [number, number, number, number];
    if (fill !== null) x = cat([x, ones([n, 1, h, w], { dtype: x.dtype })], 1);
    let y = nnF.gridSample(x, grid.expand([n, oh, ow, 2]), { mode, paddingMode: 'zeros', alignCorners: false });
    if (fill !== null) {
      const mask = y.narrow(1, channels, 1).expand([n, channels, oh, ow]);
      y = y.narrow(1, 0, channels);
      const values = typeof fill === 'number' ? [fill] : [...fill];
      const fillImg = tensor(values, { dtype: y.dtype }).reshape([1, values.length, 1, 1]).expand([n, channels, oh, ow]);
      y = mode === 'nearest' ? where(mask.lt(0.5), fillImg, y) : y.mul(mask).add(mask.neg().add(1).mul(fillImg));
    }
    // Integer images are rounded, not truncated, on their way back (torchvision's _cast_squeeze_out).
    if (needCast) y = img.isFloatingPoint() ? y.to(img.dtype) : y.round().to(img.dtype);
    return y.reshape(img.dim() === 2 ? [oh, ow] : [...img.shape.slice(0, -3), channels, oh, ow]);
  });
}
