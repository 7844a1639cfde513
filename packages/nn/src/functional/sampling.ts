/**
 * F.gridSample and F.affineGrid (spatial transformer sampling), written with tensor ops so autograd
 * differentiates them: corner values are gathered from the flattened image and blended with
 * weights computed from the grid. Coordinates follow PyTorch 1.13's CPU kernel
 * (GridSamplerKernel.cpp) in the input's dtype: unnormalise, apply the padding mode, then floor
 * (bilinear) or round half to even (nearest).
 */
import { type Tensor, tensor, tidy, signature, where } from '@x/tensor';
import type { Args } from '@x/tensor';
import { warnOnce } from './warn';

export type GridSampleMode = 'bilinear' | 'nearest' | 'bicubic';
export type GridSamplePaddingMode = 'zeros' | 'border' | 'reflection';

export interface GridSampleOptions {
  mode?: GridSampleMode;
  paddingMode?: GridSamplePaddingMode;
  alignCorners?: boolean | null;
}

const ALIGN_CORNERS_WARNING =
  'Default grid_sample and affine_grid behavior has changed to align_corners=False since 1.3.0. Please specify align_corners=True if the old behavior is desired. See the documentation of grid_sample for details.';

const f32 = Math.fround;

/** Python's rendering of a torch.Size. */
function torchSize(shape: readonly number[]): string {
  return `torch.Size([${shape.join(', ')}])`;
}

/** A coordinate reflected into [twiceLow / 2, twiceHigh / 2] (PyTorch's reflect_coordinates). */
function reflectCoordinates(x: Tensor, twiceLow: number, twiceHigh: number): Tensor {
  if (twiceLow === twiceHigh) return x.mul(0);
  const min = twiceLow / 2;
  const span = (twiceHigh - twiceLow) / 2;
  const inside = x.sub(min).abs();
  const extra = inside.fmod(span);
  const flips = inside.div(span).floor();
  return where(flips.fmod(2).eq(0), extra.add(min), extra.neg().add(span).add(min));
}

/** Grid values in [-1, 1] as pixel coordinates of a dim of `size`, with the padding mode applied. */
function sourceCoordinates(g: Tensor, size: number, paddingMode: GridSamplePaddingMode, alignCorners: boolean): Tensor {
  let x = alignCorners ? g.add(1).mul((size - 1) / 2) : g.add(1).mul(size / 2).sub(0.5);
  if (paddingMode === 'reflection') {
    x = alignCorners ? reflectCoordinates(x, 0, 2 * (size - 1)) : reflectCoordinates(x, -1, 2 * size - 1);
  }
  if (paddingMode !== 'zeros') x = x.clamp(0, size - 1);
  return x;
}

const GRID_SAMPLE_SIGNATURE = signature("gridSample(Tensor input, Tensor grid, str mode='bilinear', str paddingMode='zeros', bool? alignCorners=None)");

/**
 * Samples `input` (N, C, H, W) at the normalised locations of `grid` (N, Ho, Wo, 2), x then y in
 * [-1, 1], giving (N, C, Ho, Wo). Modes 'bilinear' and 'nearest'; paddingMode 'zeros', 'border' or
 * 'reflection' for locations outside the image. Differentiable in the input and (bilinear) the grid.
 *
 * @example
 * const grid = F.affineGrid(theta, [1, 3, 32, 32], { alignCorners: false });
 * F.gridSample(img, grid, { mode: 'bilinear', alignCorners: false });
 */
export function gridSample(
  input: Tensor,
  grid: Tensor,
  ...args: Args<[mode: GridSampleMode, paddingMode: GridSamplePaddingMode, alignCorners: boolean | null], GridSampleOptions>
): Tensor {
  const o = GRID_SAMPLE_SIGNATURE.parse<Required<GridSampleOptions> & { input: Tensor; grid: Tensor }>([input, grid, ...args]);
  ({ input, grid } = o);
  const { mode, paddingMode } = o;
  if (mode !== 'bilinear' && mode !== 'nearest' && mode !== 'bicubic') {
    throw new Error(`nn.functional.grid_sample(): expected mode to be 'bilinear', 'nearest' or 'bicubic', but got: '${String(mode)}'`);
  }
  if (paddingMode !== 'zeros' && paddingMode !== 'border' && paddingMode !== 'reflection') {
    throw new Error(`nn.functional.grid_sample(): expected padding_mode to be 'zeros', 'border', or 'reflection', but got: '${String(paddingMode)}'`);
  }
  if (o.alignCorners === null) warnOnce(ALIGN_CORNERS_WARNING);
  const alignCorners = o.alignCorners ?? false;
  const inSizes = `[${input.shape.join(', ')}]`;
  const gridSizes = `[${grid.shape.join(', ')}]`;
  if (grid.shape[grid.dim() - 1] !== input.dim() - 2) {
    throw new Error(`grid_sampler(): expected grid to have size ${input.dim() - 2} in last dimension, but got grid with sizes ${gridSizes}`);
  }
  if (!((input.dim() === 4 || input.dim() === 5) && input.dim() === grid.dim())) {
    throw new Error(`grid_sampler(): expected 4D or 5D input and grid with same number of dimensions, but got input with sizes ${inSizes} and grid with sizes ${gridSizes}`);
  }
  if (input.shape[0] !== grid.shape[0]) {
    throw new Error(`grid_sampler(): expected grid and input to have same batch size, but got input with sizes ${inSizes} and grid with sizes ${gridSizes}`);
  }
  if (!input.isFloatingPoint() || input.dtype !== grid.dtype) {
    throw new Error(`grid_sampler(): expected input and grid to have the same floating dtype, but input has ${input.dtype} and grid has ${grid.dtype}`);
  }
  if (input.dim() === 5 || mode === 'bicubic') {
    throw new Error(`grid_sample(): ${input.dim() === 5 ? 'volumetric (5D) input' : "mode 'bicubic'"} is not implemented in @x yet`);
  }
  const [n, c, h, w] = input.shape as [number, number, number, number];
  const [, ho, wo] = grid.shape as [number, number, number, number];
  return tidy(() => {
    const x = sourceCoordinates(grid.select(3, 0), w, paddingMode, alignCorners);
    const y = sourceCoordinates(grid.select(3, 1), h, paddingMode, alignCorners);
    const flat = input.reshape([n, c, h * w]);
    // One corner: its values (zero outside the image) times its weight, as [N, C, Ho, Wo].
    const corner = (ix: Tensor, iy: Tensor, weight: Tensor): Tensor => {
      const inside = ix.ge(0).logicalAnd(ix.le(w - 1)).logicalAnd(iy.ge(0)).logicalAnd(iy.le(h - 1));
      const lin = iy.clamp(0, h - 1).mul(w).add(ix.clamp(0, w - 1)).to('int64').reshape([n, 1, ho * wo]).expand([n, c, ho * wo]);
      const values = flat.gather(2, lin).reshape([n, c, ho, wo]);
      const mask = inside.to(input.dtype);
      return values.mul(weight.mul(mask).unsqueeze(1));
    };
    // Coordinates far outside the image are only ever masked out: clamp them before they become indices.
    const bound = (v: Tensor, size: number): Tensor => v.clamp(-2, size + 1);
    if (mode === 'nearest') {
      const rx = x.round();
      const ry = y.round();
      // PyTorch's grid gradient in nearest mode is zero, not absent: a weight of 1 that carries round's zero gradient.
      const one = rx.sub(rx.detach()).add(ry.sub(ry.detach())).add(1);
      return corner(bound(rx, w).detach(), bound(ry, h).detach(), one);
    }
    const xw = x.floor().detach();
    const yn = y.floor().detach();
    const xe = xw.add(1);
    const ys = yn.add(1);
    const west = x.sub(xw);
    const east = xe.sub(x);
    const north = y.sub(yn);
    const south = ys.sub(y);
    const [ixw, ixe, iyn, iys] = [bound(xw, w), bound(xe, w), bound(yn, h), bound(ys, h)];
    return corner(ixw, iyn, south.mul(east))
      .add(corner(ixe, iyn, south.mul(west)))
      .add(corner(ixw, iys, north.mul(east)))
      .add(corner(ixe, iys, north.mul(west)));
  });
}

/** PyTorch's linspace_from_neg_one: n points over [-1, 1], scaled by (n - 1) / n without alignCorners, in the dtype's arithmetic (`r` rounds to it). */
function baseCoordinates(n: number, alignCorners: boolean, r: (v: number) => number): number[] {
  if (n <= 1) return [0];
  const step = r(2 / (n - 1));
  const half = Math.floor(n / 2);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let v = i < half ? r(-1 + r(step * i)) : r(1 - r(step * (n - i - 1)));
    if (!alignCorners) v = r(r(v * (n - 1)) / n);
    out.push(v);
  }
  return out;
}

const AFFINE_GRID_SIGNATURE = signature('affineGrid(Tensor theta, int[] size, bool? alignCorners=None)');

/**
 * The sampling grid (N, H, W, 2) of the 2-D affine maps `theta` (N, 2, 3) for an output of
 * `size` [N, C, H, W], in gridSample's normalised coordinates. Differentiable in theta.
 *
 * @example
 * const theta = torch.tensor([[[1, 0, 0], [0, 1, 0]]]);
 * F.affineGrid(theta, [1, 1, 4, 4], { alignCorners: false });
 */
export function affineGrid(theta: Tensor, ...args: Args<[size: readonly number[], alignCorners: boolean | null], { size?: readonly number[]; alignCorners?: boolean | null }>): Tensor {
  const o = AFFINE_GRID_SIGNATURE.parse<{ theta: Tensor; size: number[]; alignCorners: boolean | null }>([theta, ...args]);
  ({ theta } = o);
  const { size } = o;
  if (o.alignCorners === null) warnOnce(ALIGN_CORNERS_WARNING);
  const alignCorners = o.alignCorners ?? false;
  if (!theta.isFloatingPoint()) throw new Error(`Expected theta to have floating point type, but got torch.${theta.dtype}`);
  if (size.length === 4) {
    if (theta.dim() !== 3 || theta.shape[1] !== 2 || theta.shape[2] !== 3) {
      throw new Error(`Expected a batch of 2D affine matrices of shape Nx2x3 for size [${size.join(', ')}]. Got ${torchSize(theta.shape)}.`);
    }
  } else if (size.length === 5) {
    throw new Error('affine_grid(): volumetric (5D) sizes are not implemented in @x yet');
  } else {
    throw new Error(`affine_grid only supports 4D and 5D sizes, for 2D and 3D affine transforms, respectively. Got size [${size.join(', ')}].`);
  }
  const [n, , h, w] = size as [number, number, number, number];
  if (alignCorners && Math.min(h, w) === 1) {
    warnOnce('Since version 1.3.0, affine_grid behavior has changed for unit-size grids when align_corners=True. This is not an intended use case of affine_grid. See the documentation of affine_grid for details.');
  } else if (Math.min(...size) <= 0) {
    throw new Error(`Expected non-zero, positive output size. Got [${size.join(', ')}]`);
  }
  if (theta.shape[0] !== n) {
    throw new Error(`affine_grid(): theta holds ${theta.shape[0]} matrices but size asks for a batch of ${n}`);
  }
  return tidy(() => {
    const r = theta.dtype === 'float32' ? f32 : (v: number): number => v;
    const xs = baseCoordinates(w, alignCorners, r);
    const ys = baseCoordinates(h, alignCorners, r);
    const base: number[] = [];
    for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) base.push(xs[j]!, ys[i]!, 1);
    const baseGrid = tensor(base, { dtype: theta.dtype, device: theta.device }).reshape([1, h * w, 3]).expand([n, h * w, 3]);
    return baseGrid.matmul(theta.transpose(1, 2)).reshape([n, h, w, 2]);
  });
}
