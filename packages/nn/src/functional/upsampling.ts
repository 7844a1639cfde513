/**
 * F.interpolate: resampling of the spatial dims of an (N, C, d1, …) input, one dim at a time. Nearest
 * modes gather source rows (one indexSelect per dim); linear modes blend the two neighbouring
 * source rows (two indexSelects, two multiplies and an add per dim), so bilinear is separable and
 * its backward is autograd's. Bicubic and the antialiased modes blend a fixed number of taps per
 * output row the same way (four for bicubic; as many as the widest filter support with antialias),
 * the last dim first, as PyTorch's separable CPU kernels do. Source indices and weights follow
 * PyTorch 1.13's CPU kernels, including their float32 arithmetic (UpSample.h: nearest_idx,
 * area_pixel_compute_source_index, get_cubic_upsample_coefficients; UpSampleKernel.cpp:
 * _compute_weights_aa).
 */
import { type Tensor, tensor, tidy, signature } from '@x/tensor';
import type { Args } from '@x/tensor';

export type InterpolateMode = 'nearest' | 'nearest-exact' | 'linear' | 'bilinear' | 'trilinear' | 'bicubic' | 'area';

export interface InterpolateOptions {
  size?: number | readonly number[] | null;
  scaleFactor?: number | readonly number[] | null;
  mode?: InterpolateMode;
  alignCorners?: boolean | null;
  recomputeScaleFactor?: boolean | null;
  antialias?: boolean;
}

const MODES: readonly string[] = ['nearest', 'nearest-exact', 'linear', 'bilinear', 'trilinear', 'bicubic', 'area'];
const f32 = Math.fround;

/** PyTorch's compute_scales_value<float>: 1/scale when a scale factor was given, else in/out. */
function scaleValue(scale: number | null, inSize: number, outSize: number): number {
  return scale !== null && scale > 0 ? f32(1.0 / scale) : f32(inSize / outSize);
}

function nearestIndices(inSize: number, outSize: number, scale: number | null, exact: boolean): number[] {
  const idx = new Array<number>(outSize);
  const s = scaleValue(scale, inSize, outSize);
  for (let o = 0; o < outSize; o++) {
    if (exact) idx[o] = Math.min(Math.floor(f32((o + 0.5) * s)), inSize - 1);
    else if (outSize === inSize) idx[o] = o;
    else if (outSize === 2 * inSize) idx[o] = o >> 1;
    else idx[o] = Math.min(Math.floor(f32(o * s)), inSize - 1);
  }
  return idx;
}

function linearWeights(inSize: number, outSize: number, scale: number | null, alignCorners: boolean, r: (v: number) => number): { i0: number[]; i1: number[]; l0: number[]; l1: number[] } {
  const s = alignCorners ? (outSize > 1 ? r((inSize - 1) / (outSize - 1)) : 0) : r(scale !== null && scale > 0 ? 1 / scale : inSize / outSize);
  const i0: number[] = [];
  const i1: number[] = [];
  const l0: number[] = [];
  const l1: number[] = [];
  for (let o = 0; o < outSize; o++) {
    let src = alignCorners ? r(s * o) : r(s * (o + 0.5) - 0.5);
    if (!alignCorners && src < 0) src = 0;
    const a = Math.trunc(src);
    const lambda1 = Math.min(Math.max(r(src - a), 0), 1);
    i0.push(a);
    i1.push(a < inSize - 1 ? a + 1 : a);
    l1.push(lambda1);
    l0.push(r(1 - lambda1));
  }
  return { i0, i1, l0, l1 };
}

/** x resampled along dim d from inSize to outSize. */
function resampleDim(x: Tensor, d: number, outSize: number, scale: number | null, mode: 'nearest' | 'nearest-exact' | 'linear', alignCorners: boolean): Tensor {
  const inSize = x.shape[d]!;
  const index = (values: number[]): Tensor => tensor(values, { dtype: 'int64', device: x.device });
  if (mode !== 'linear') {
    const idx = nearestIndices(inSize, outSize, scale, mode === 'nearest-exact');
    if (outSize === inSize && idx.every((v, i) => v === i)) return x;
    return x.indexSelect(d, index(idx));
  }
  if (outSize === inSize) return x; // PyTorch's lambda0 = 1, lambda1 = 0 special case
  const w = linearWeights(inSize, outSize, scale, alignCorners, x.dtype === 'float64' ? (v: number): number => v : f32);
  const wShape = [outSize, ...Array<number>(x.dim() - 1 - d).fill(1)];
  const weights = (values: number[]): Tensor => tensor(values, { dtype: x.dtype, device: x.device }).reshape(wShape);
  return x.indexSelect(d, index(w.i0)).mul(weights(w.l0)).add(x.indexSelect(d, index(w.i1)).mul(weights(w.l1)));
}

/** Output rows as fixed-width taps: source index and weight per tap, in tap-major order. */
interface Taps {
  indices: number[][];
  weights: number[][];
}

/** Keys' cubic convolution kernel pieces with parameter a, for |x| ≤ 1 and 1 < |x| < 2, in the dtype's arithmetic `r`. */
function cubic1(x: number, a: number, r: (v: number) => number): number {
  return r(r(r(r(r(r(a + 2) * x) - r(a + 3)) * x) * x) + 1);
}
function cubic2(x: number, a: number, r: (v: number) => number): number {
  return r(r(r(r(r(r(a * x) - r(5 * a)) * x) + r(8 * a)) * x) - r(4 * a));
}

/** Bicubic taps (A = -0.75, indices clamped to the edge), as upsample_bicubic2d. */
function bicubicTaps(inSize: number, outSize: number, scale: number | null, alignCorners: boolean, r: (v: number) => number): Taps {
  const s = alignCorners ? (outSize > 1 ? r((inSize - 1) / (outSize - 1)) : 0) : r(scale !== null && scale > 0 ? 1 / scale : inSize / outSize);
  const A = -0.75;
  const taps: Taps = { indices: [[], [], [], []], weights: [[], [], [], []] };
  for (let o = 0; o < outSize; o++) {
    const src = alignCorners ? r(s * o) : r(r(s * (o + 0.5)) - 0.5);
    const i = Math.min(Math.floor(src), inSize - 1);
    const t = Math.min(Math.max(r(src - i), 0), 1);
    const w = [cubic2(r(t + 1), A, r), cubic1(t, A, r), cubic1(r(1 - t), A, r), cubic2(r(r(1 - t) + 1), A, r)];
    for (let k = 0; k < 4; k++) {
      taps.indices[k]!.push(Math.min(Math.max(i - 1 + k, 0), inSize - 1));
      taps.weights[k]!.push(w[k]!);
    }
  }
  return taps;
}

/** The antialiasing filters of PyTorch's _upsample_*_aa (PIL's): triangle for bilinear, Keys a = -0.5 for bicubic. */
function aaFilter(mode: 'bilinear' | 'bicubic', x: number, r: (v: number) => number): number {
  if (x < 0) x = -x;
  if (mode === 'bilinear') return x < 1 ? r(1 - x) : 0;
  if (x < 1) return cubic1(x, -0.5, r);
  if (x < 2) return cubic2(x, -0.5, r);
  return 0;
}

/** Antialiased taps: the filter widened by the downscale factor, normalised to sum 1 (_compute_weights_aa). */
function antialiasTaps(mode: 'bilinear' | 'bicubic', inSize: number, outSize: number, scale: number | null, alignCorners: boolean, r: (v: number) => number): Taps {
  const s = alignCorners ? (outSize > 1 ? r((inSize - 1) / (outSize - 1)) : 0) : r(scale !== null && scale > 0 ? 1 / scale : inSize / outSize);
  const size = mode === 'bilinear' ? 2 : 4;
  const support = s >= 1 ? r(size * 0.5 * s) : size * 0.5;
  const width = Math.ceil(support) * 2 + 1;
  const invscale = s >= 1 ? r(1 / s) : 1;
  const taps: Taps = { indices: Array.from({ length: width }, () => []), weights: Array.from({ length: width }, () => []) };
  for (let o = 0; o < outSize; o++) {
    const center = r(s * (o + 0.5));
    const xmin = Math.max(Math.trunc(r(r(center - support) + 0.5)), 0);
    const xsize = Math.min(Math.trunc(r(r(center + support) + 0.5)), inSize) - xmin;
    const w: number[] = [];
    let total = 0;
    for (let j = 0; j < xsize; j++) {
      const v = aaFilter(mode, r(r(r(j + xmin - center) + 0.5) * invscale), r);
      w.push(v);
      total = r(total + v);
    }
    for (let j = 0; j < width; j++) {
      taps.indices[j]!.push(j < xsize ? xmin + j : Math.min(xmin, inSize - 1));
      taps.weights[j]!.push(j < xsize ? (total !== 0 ? r(w[j]! / total) : w[j]!) : 0);
    }
  }
  return taps;
}

/** x along dim d as the weighted sum of its taps, tap by tap in order. */
function applyTaps(x: Tensor, d: number, taps: Taps): Tensor {
  const outSize = taps.indices[0]!.length;
  const wShape = [outSize, ...Array<number>(x.dim() - 1 - d).fill(1)];
  let y: Tensor | null = null;
  taps.indices.forEach((idx, k) => {
    const term = x.indexSelect(d, tensor(idx, { dtype: 'int64', device: x.device })).mul(tensor(taps.weights[k]!, { dtype: x.dtype, device: x.device }).reshape(wShape));
    y = y === null ? term : y.add(term);
  });
  return y!;
}

function listOf(v: number | readonly number[], n: number): number[] {
  return typeof v === 'number' ? Array<number>(n).fill(v) : [...v];
}

/** A size or scale list as Python shows the tuple a PyTorch user passes. */
function pyTuple(v: readonly number[] | number): string {
  if (typeof v === 'number') return String(v);
  return v.length === 1 ? `(${v[0]},)` : `(${v.join(', ')})`;
}

const INTERPOLATE_SIGNATURE = signature("interpolate(Tensor input, int|int[]? size=None, float|float[]? scaleFactor=None, str mode='nearest', bool? alignCorners=None, bool? recomputeScaleFactor=None, bool antialias=False)");

/**
 * Up/down-samples the spatial dims of an (N, C, d1, …, dK) input to `size` or by `scaleFactor`.
 * Modes: 'nearest' (default), 'nearest-exact', 'linear' / 'bilinear' / 'trilinear' for 1, 2, 3
 * spatial dims and 'bicubic' for 2, with or without alignCorners; `antialias: true` low-pass filters
 * bilinear and bicubic downsampling (PyTorch's _upsample_bilinear2d_aa / _upsample_bicubic2d_aa).
 *
 * @example
 * F.interpolate(x, { scaleFactor: 2, mode: 'bilinear', alignCorners: true });
 * F.interpolate(x, [32, 32]);
 * F.interpolate(img, { size: [64, 64], mode: 'bicubic', antialias: true });
 */
export function interpolate(
  input: Tensor,
  ...args: Args<
    [size: number | readonly number[] | null, scaleFactor: number | readonly number[] | null, mode: InterpolateMode, alignCorners: boolean | null, recomputeScaleFactor: boolean | null, antialias: boolean],
    InterpolateOptions
  >
): Tensor {
  const o = INTERPOLATE_SIGNATURE.parse<Required<InterpolateOptions> & { input: typeof input }>([input, ...args]);
  ({ input } = o);
  const nearest = o.mode === 'nearest' || o.mode === 'nearest-exact' || o.mode === 'area';
  if (nearest && o.alignCorners !== null) {
    throw new Error('align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear');
  }
  const alignCorners = o.alignCorners ?? false;
  const dim = input.dim() - 2;
  const spatial = input.shape.slice(2);
  let outputSize: number[] | null = null;
  let scales: (number | null)[] | null = null;
  if (o.size !== null && o.scaleFactor !== null) throw new Error('only one of size or scale_factor should be defined');
  if (o.size !== null) {
    if (typeof o.size !== 'number' && o.size.length !== dim) {
      throw new Error(
        `Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of [${spatial.join(', ')}] and output size of ${pyTuple(o.size)}. Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.`,
      );
    }
    outputSize = listOf(o.size, dim);
  } else if (o.scaleFactor !== null) {
    if (typeof o.scaleFactor !== 'number' && o.scaleFactor.length !== dim) {
      throw new Error(
        `Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of [${spatial.join(', ')}] and scale_factor of shape ${pyTuple(o.scaleFactor)}. Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.`,
      );
    }
    scales = listOf(o.scaleFactor, dim);
  } else throw new Error('either size or scale_factor should be defined');
  if (o.recomputeScaleFactor === true && o.size !== null) throw new Error('recompute_scale_factor is not meaningful with an explicit size.');
  if (o.antialias && !((o.mode === 'bilinear' || o.mode === 'bicubic') && input.dim() === 4)) {
    throw new Error('Anti-alias option is only supported for bilinear and bicubic modes');
  }
  if (scales !== null) {
    const s = scales;
    outputSize = spatial.map((n, i) => Math.floor(n * s[i]!));
    // With recompute_scale_factor the kernel sees only the output size (scale in/out).
    if (o.recomputeScaleFactor === true || o.mode === 'area') scales = null;
  }
  if (input.dim() < 3 || input.dim() > 5 || !MODES.includes(o.mode)) {
    throw new Error(
      `Input Error: Only 3D, 4D and 5D input Tensors supported (got ${input.dim()}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${o.mode})`,
    );
  }
  const needs: Partial<Record<InterpolateMode, number>> = { linear: 3, bilinear: 4, bicubic: 4, trilinear: 5 };
  const wanted = needs[o.mode];
  if (wanted !== undefined && input.dim() !== wanted) throw new Error(`Got ${input.dim()}D input, but ${o.mode} mode needs ${wanted}D input`);
  if (o.mode === 'area') throw new Error("interpolate(): mode 'area' is not implemented in @x yet");
  const sizes = outputSize!;
  if (sizes.some((s) => !(s > 0))) {
    throw new Error(`Input and output sizes should be greater than 0, but got input (${spatial.join(', ')}) and output (${sizes.join(', ')})`);
  }
  if (o.mode === 'bicubic' || o.antialias) {
    const mode = o.mode as 'bilinear' | 'bicubic';
    const r = input.dtype === 'float64' ? (v: number): number => v : f32;
    return tidy(() => {
      let y = input;
      for (let i = dim - 1; i >= 0; i--) {
        const inSize = y.shape[i + 2]!;
        const scale = scales === null ? null : scales[i]!;
        if (o.antialias && inSize === sizes[i]) continue;
        const taps = o.antialias ? antialiasTaps(mode, inSize, sizes[i]!, scale, alignCorners, r) : bicubicTaps(inSize, sizes[i]!, scale, alignCorners, r);
        y = applyTaps(y, i + 2, taps);
      }
      return y === input ? input.clone() : y;
    });
  }
  const kernelMode = o.mode === 'nearest' || o.mode === 'nearest-exact' ? o.mode : 'linear';
  return tidy(() => {
    let y = input;
    for (let i = 0; i < dim; i++) y = resampleDim(y, i + 2, sizes[i]!, scales === null ? null : scales[i]!, kernelMode, alignCorners);
    return y === input ? input.clone() : y;
  });
}

/**
 * Deprecated alias of interpolate (PyTorch warns too).
 *
 * @example
 * F.upsample(x, { scaleFactor: 2 });
 */
export function upsample(input: Tensor, ...args: Args<[size: number | readonly number[] | null, scaleFactor: number | readonly number[] | null, mode: InterpolateMode, alignCorners: boolean | null], Omit<InterpolateOptions, 'recomputeScaleFactor' | 'antialias'>>): Tensor {
  return (interpolate as (input: Tensor, ...rest: unknown[]) => Tensor)(input, ...args);
}

const UPSAMPLE_NEAREST_SIGNATURE = signature('upsampleNearest(Tensor input, int|int[]? size=None, float|float[]? scaleFactor=None)');

/**
 * Nearest upsampling (deprecated in PyTorch in favour of interpolate).
 *
 * @example
 * F.upsampleNearest(x, { scaleFactor: 2 });
 */
export function upsampleNearest(input: Tensor, ...args: Args<[size: number | readonly number[] | null, scaleFactor: number | readonly number[] | null], { size?: number | readonly number[] | null; scaleFactor?: number | readonly number[] | null }>): Tensor {
  const o = UPSAMPLE_NEAREST_SIGNATURE.parse<{ size: number | readonly number[] | null; scaleFactor: number | readonly number[] | null } & { input: typeof input }>([input, ...args]);
  ({ input } = o);
  return interpolate(input, o.size, o.scaleFactor, 'nearest');
}

const UPSAMPLE_BILINEAR_SIGNATURE = signature('upsampleBilinear(Tensor input, int|int[]? size=None, float|float[]? scaleFactor=None)');

/**
 * Bilinear upsampling with align_corners=True (deprecated in PyTorch in favour of interpolate).
 *
 * @example
 * F.upsampleBilinear(x, { scaleFactor: 2 });
 */
export function upsampleBilinear(input: Tensor, ...args: Args<[size: number | readonly number[] | null, scaleFactor: number | readonly number[] | null], { size?: number | readonly number[] | null; scaleFactor?: number | readonly number[] | null }>): Tensor {
  const o = UPSAMPLE_BILINEAR_SIGNATURE.parse<{ size: number | readonly number[] | null; scaleFactor: number | readonly number[] | null } & { input: typeof input }>([input, ...args]);
  ({ input } = o);
  return interpolate(input, o.size, o.scaleFactor, 'bilinear', true);
}
