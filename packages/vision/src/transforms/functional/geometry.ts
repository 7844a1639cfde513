/**
 * Geometric functional transforms on the tensor path of torchvision 0.14 (functional.py and
 * functional_tensor.py): resize, crops, pad, flips, rotate, affine, perspective. Each takes a tensor
 * image [..., C, H, W] (uint8 or float, batches too) or a RawImage, which goes through the same
 * tensor path (its numbers are the tensor path's, not PIL's) and comes back as a RawImage.
 */
import { type Args, signature, type Tensor, tensor, tidy } from '@x/tensor';
import { functional as nnF } from '@x/nn';
import type { Image } from '../../image';
import { checkInterpolation, InterpolationMode } from '../interpolation';
import { affineGrid, applyGridTransform, checkGridTransformInputs, type Fill, gridDtype, perspectiveGrid } from './grid-transform';
import { roundHalfEven } from '@x/tensor';
import { assertImageTensor, getDimensions, onTensor, onTensorMany } from './image-tensor';

export type { Fill } from './grid-transform';
export type PaddingMode = 'constant' | 'edge' | 'reflect' | 'symmetric';

function pyList(v: readonly number[] | number): string {
  return typeof v === 'number' ? String(v) : `[${v.join(', ')}]`;
}

/** [h, w] from an int or a 1- or 2-element list (torchvision's _setup_size with a message). */
function sizePair(size: number | readonly number[], what: string): [number, number] {
  if (typeof size === 'number') return [size, size];
  if (size.length === 1) return [size[0]!, size[0]!];
  if (size.length !== 2) throw new Error(`Please provide only two dimensions (h, w) for ${what}. Got ${pyList(size)}`);
  return [size[0]!, size[1]!];
}

/** The output size of resize: `size` for [h, w], or the smaller edge matched to `size`, capped by maxSize. */
export function computeResizedOutputSize(imageSize: readonly [number, number], size: readonly number[], maxSize: number | null = null): [number, number] {
  if (size.length !== 1) return [size[0]!, size[1]!];
  const [h, w] = imageSize;
  const [short, long] = w <= h ? [w, h] : [h, w];
  const requested = size[0]!;
  let newShort = requested;
  let newLong = Math.trunc((requested * long) / short);
  if (maxSize !== null) {
    if (maxSize <= requested) {
      throw new Error(`max_size = ${maxSize} must be strictly greater than the requested size for the smaller edge size = ${pyList(size)}`);
    }
    if (newLong > maxSize) [newShort, newLong] = [Math.trunc((maxSize * newShort) / newLong), maxSize];
  }
  return w <= h ? [newLong, newShort] : [newShort, newLong];
}

/** Flattens leading dims to one batch dim, applies fn to [N, C, H, W], restores them. */
function asBatch(img: Tensor, fn: (x: Tensor) => Tensor): Tensor {
  const [h, w] = img.shape.slice(-2) as [number, number];
  const lead = img.shape.slice(0, -2);
  const channels = img.dim() === 2 ? 1 : img.shape[img.dim() - 3]!;
  const n = img.shape.slice(0, -3).reduce((a, b) => a * b, 1);
  const y = fn(img.reshape([n, channels, h, w]));
  return y.reshape([...lead, ...y.shape.slice(-2)]);
}

type Size = number | readonly number[];

const RESIZE = signature("resize(object img, int|int[] size, str interpolation='bilinear', int? maxSize=None, bool? antialias=None)");

export interface ResizeOptions {
  interpolation?: InterpolationMode;
  maxSize?: number | null;
  /** Antialiasing for bilinear and bicubic; torchvision 0.14's tensor path leaves it off (null means off). */
  antialias?: boolean | null;
}

/**
 * Resizes to `size` ([h, w]), or matches the smaller edge to `size` (a number or [n]) keeping the
 * aspect ratio. Interpolation 'nearest', 'nearest-exact', 'bilinear' (default) or 'bicubic'.
 *
 * @example
 * F.resize(img, 256);
 * F.resize(img, [224, 224], { interpolation: InterpolationMode.BICUBIC, antialias: true });
 */
export function resize<T extends Image>(
  img: T, ...args: Args<[size: Size, interpolation: InterpolationMode, maxSize: number | null, antialias: boolean | null], ResizeOptions & { size?: Size }>
): T {
  const o = RESIZE.parse<{ size: Size; interpolation: string; maxSize: number | null; antialias: boolean | null }>([img, ...args]);
  const { size, maxSize } = o;
  const interpolation = checkInterpolation(o.interpolation);
  const antialias = o.antialias ?? false;
  const sizes = typeof size === 'number' ? [size] : [...size];
  if (sizes.length !== 1 && sizes.length !== 2) throw new Error(`Size must be an int or a 1 or 2 element tuple/list, not a ${sizes.length} element tuple/list`);
  if (maxSize !== null && sizes.length !== 1) {
    throw new Error('max_size should only be passed if size specifies the length of the smaller edge, i.e. size should be an int or a sequence of length 1 in torchscript mode.');
  }
  const [, height, width] = getDimensions(img);
  const [oh, ow] = computeResizedOutputSize([height, width], sizes, maxSize);
  if (oh === height && ow === width) return img;
  if (antialias && interpolation !== 'bilinear' && interpolation !== 'bicubic') {
    throw new Error('Antialias option is supported for bilinear and bicubic interpolation modes only');
  }
  return onTensor(img, (t) => tidy(() => asBatch(t, (x) => {
    const needCast = x.dtype !== 'float32' && x.dtype !== 'float64';
    const input = needCast ? x.to('float32') : x;
    const alignCorners = interpolation === 'bilinear' || interpolation === 'bicubic' ? false : null;
    let y = nnF.interpolate(input, { size: [oh, ow], mode: interpolation as nnF.InterpolateMode, alignCorners, antialias });
    if (interpolation === 'bicubic' && x.dtype === 'uint8') y = y.clamp(0, 255);
    if (!needCast) return y;
    return x.isFloatingPoint() ? y.to(x.dtype) : y.round().to(x.dtype);
  })));
}

/**
 * The region of height × width at (top, left); parts outside the image are zero.
 *
 * @example
 * F.crop(img, 10, 20, 100, 100);
 */
export function crop<T extends Image>(img: T, top: number, left: number, height: number, width: number): T {
  return onTensor(img, (t) => {
    const [, h, w] = getDimensions(t);
    const right = left + width;
    const bottom = top + height;
    const d = t.dim();
    const window = (y0: number, y1: number, x0: number, x1: number): Tensor => t.narrow(d - 2, y0, Math.max(y1 - y0, 0)).narrow(d - 1, x0, Math.max(x1 - x0, 0));
    if (left < 0 || top < 0 || right > w || bottom > h) {
      const padding = [
        Math.max(-left + Math.min(0, right), 0),
        Math.max(-top + Math.min(0, bottom), 0),
        Math.max(right - Math.max(w, left), 0),
        Math.max(bottom - Math.max(h, top), 0),
      ];
      const y0 = Math.min(Math.max(top, 0), h);
      const x0 = Math.min(Math.max(left, 0), w);
      return pad(window(y0, Math.min(Math.max(bottom, y0), h), x0, Math.min(Math.max(right, x0), w)), padding, { fill: 0 });
    }
    return window(top, bottom, left, right);
  });
}

/**
 * The central region of `outputSize` (a number or [h, w]), zero-padded when the image is smaller.
 *
 * @example
 * F.centerCrop(img, 224);
 */
export function centerCrop<T extends Image>(img: T, outputSize: number | readonly number[]): T {
  const [cropHeight, cropWidth] = sizePair(outputSize, 'size');
  return onTensor(img, (t) => {
    let [, imageHeight, imageWidth] = getDimensions(t);
    if (cropWidth > imageWidth || cropHeight > imageHeight) {
      const padding = [
        cropWidth > imageWidth ? Math.floor((cropWidth - imageWidth) / 2) : 0,
        cropHeight > imageHeight ? Math.floor((cropHeight - imageHeight) / 2) : 0,
        cropWidth > imageWidth ? Math.floor((cropWidth - imageWidth + 1) / 2) : 0,
        cropHeight > imageHeight ? Math.floor((cropHeight - imageHeight + 1) / 2) : 0,
      ];
      t = pad(t, padding, { fill: 0 });
      [, imageHeight, imageWidth] = getDimensions(t);
      if (cropWidth === imageWidth && cropHeight === imageHeight) return t;
    }
    return crop(t, roundHalfEven((imageHeight - cropHeight) / 2), roundHalfEven((imageWidth - cropWidth) / 2), cropHeight, cropWidth);
  });
}

const RESIZED_CROP = signature("resizedCrop(object img, int top, int left, int height, int width, int|int[] size, str interpolation='bilinear', bool? antialias=None)");

/**
 * crop then resize.
 *
 * @example
 * F.resizedCrop(img, 0, 0, 100, 120, [64, 64]);
 */
export function resizedCrop<T extends Image>(
  img: T, top: number, left: number, height: number, width: number,
  ...args: Args<[size: Size, interpolation: InterpolationMode, antialias: boolean | null], Omit<ResizeOptions, 'maxSize'> & { size?: Size }>
): T {
  const o = RESIZED_CROP.parse<{ size: Size; interpolation: InterpolationMode; antialias: boolean | null }>([img, top, left, height, width, ...args]);
  return resize(crop(img, top, left, height, width), o.size, { interpolation: o.interpolation, antialias: o.antialias });
}

export interface PadOptions {
  fill?: number | null;
  paddingMode?: PaddingMode;
}

/** [left, right, top, bottom] from torchvision's padding forms: n, [n], [lr, tb], [l, t, r, b]. */
function parsePadding(padding: number | readonly number[]): [number, number, number, number] {
  if (typeof padding === 'number') return [padding, padding, padding, padding];
  if (padding.length === 1) return [padding[0]!, padding[0]!, padding[0]!, padding[0]!];
  if (padding.length === 2) return [padding[0]!, padding[0]!, padding[1]!, padding[1]!];
  return [padding[0]!, padding[2]!, padding[1]!, padding[3]!];
}

/** Mirror padding that repeats the edge pixel (numpy's 'symmetric'), by gathering rows and columns. */
function padSymmetric(img: Tensor, padding: [number, number, number, number]): Tensor {
  const d = img.dim();
  let x = img;
  if (padding.some((p) => p < 0)) {
    const [l, r, t, b] = padding.map((p) => -Math.min(p, 0)) as [number, number, number, number];
    x = x.narrow(d - 2, t, x.shape[d - 2]! - t - b).narrow(d - 1, l, x.shape[d - 1]! - l - r);
    padding = padding.map((p) => Math.max(p, 0)) as [number, number, number, number];
  }
  const indices = (n: number, before: number, after: number): Tensor => {
    const idx: number[] = [];
    for (let i = before - 1; i >= 0; i--) idx.push(i);
    for (let i = 0; i < n; i++) idx.push(i);
    for (let i = 0; i < after; i++) idx.push(n - 1 - i);
    return tensor(idx, { dtype: 'int64', device: img.device });
  };
  return x.indexSelect(d - 1, indices(x.shape[d - 1]!, padding[0], padding[1])).indexSelect(d - 2, indices(x.shape[d - 2]!, padding[2], padding[3]));
}

const PAD = signature("pad(object img, int|int[] padding, float? fill=0, str paddingMode='constant')");

/**
 * Pads the borders: `padding` n (all sides), [lr, tb] or [left, top, right, bottom]; paddingMode
 * 'constant' (with fill), 'edge', 'reflect' or 'symmetric'.
 *
 * @example
 * F.pad(img, [4, 4], { paddingMode: 'reflect' });
 */
export function pad<T extends Image>(img: T, ...args: Args<[padding: Size, fill: number | null, paddingMode: PaddingMode], PadOptions & { padding?: Size }>): T {
  const o = PAD.parse<{ padding: Size; fill: number | null; paddingMode: PaddingMode }>([img, ...args]);
  const { padding, paddingMode } = o;
  const fill = o.fill ?? 0;
  if (typeof padding !== 'number' && ![1, 2, 4].includes(padding.length)) {
    throw new Error(`Padding must be an int or a 1, 2, or 4 element tuple, not a ${padding.length} element tuple`);
  }
  if (!['constant', 'edge', 'reflect', 'symmetric'].includes(paddingMode)) throw new Error('Padding mode should be either constant, edge, reflect or symmetric');
  const p = parsePadding(padding);
  return onTensor(img, (t) => {
    if (paddingMode === 'symmetric') return padSymmetric(t, p);
    return tidy(() => asBatch(t, (x) => {
      const needCast = paddingMode !== 'constant' && x.dtype !== 'float32' && x.dtype !== 'float64';
      const input = needCast ? x.to('float32') : x;
      const y = paddingMode === 'constant' ? nnF.pad(input, p, 'constant', fill) : nnF.pad(input, p, paddingMode === 'edge' ? 'replicate' : 'reflect');
      return needCast ? y.to(x.dtype) : y;
    }));
  });
}

/**
 * Flips left to right.
 *
 * @example
 * F.hflip(img);
 */
export function hflip<T extends Image>(img: T): T {
  return onTensor(img, (t) => t.flip(-1));
}

/**
 * Flips top to bottom.
 *
 * @example
 * F.vflip(img);
 */
export function vflip<T extends Image>(img: T): T {
  return onTensor(img, (t) => t.flip(-2));
}

/**
 * The four corner crops and the central crop of `size`: [topLeft, topRight, bottomLeft, bottomRight, center].
 *
 * @example
 * const [tl, tr, bl, br, center] = F.fiveCrop(img, 32);
 */
export function fiveCrop<T extends Image>(img: T, size: number | readonly number[]): [T, T, T, T, T] {
  const [cropHeight, cropWidth] = sizePair(size, 'size');
  return onTensorMany(img, (t) => {
    const [, imageHeight, imageWidth] = getDimensions(t);
    if (cropWidth > imageWidth || cropHeight > imageHeight) {
      const given = typeof size === 'number' || size.length === 1 ? `(${cropHeight}, ${cropWidth})` : pyList(size);
      throw new Error(`Requested crop size ${given} is bigger than input size (${imageHeight}, ${imageWidth})`);
    }
    return [
      crop(t, 0, 0, cropHeight, cropWidth),
      crop(t, 0, imageWidth - cropWidth, cropHeight, cropWidth),
      crop(t, imageHeight - cropHeight, 0, cropHeight, cropWidth),
      crop(t, imageHeight - cropHeight, imageWidth - cropWidth, cropHeight, cropWidth),
      centerCrop(t, [cropHeight, cropWidth]),
    ];
  }) as [T, T, T, T, T];
}

const TEN_CROP = signature('tenCrop(object img, int|int[] size, bool verticalFlip=False)');

/**
 * fiveCrop of the image and of its horizontal (or, with verticalFlip, vertical) flip: ten images.
 *
 * @example
 * const crops = F.tenCrop(img, 32, { verticalFlip: true });
 */
export function tenCrop<T extends Image>(img: T, ...args: Args<[size: Size, verticalFlip: boolean], { size?: Size; verticalFlip?: boolean }>): T[] {
  const { size, verticalFlip } = TEN_CROP.parse<{ size: Size; verticalFlip: boolean }>([img, ...args]);
  sizePair(size, 'size');
  const flipped = verticalFlip ? vflip(img) : hflip(img);
  return [...fiveCrop(img, size), ...fiveCrop(flipped, size)];
}

/**
 * The inverse of the affine map that rotates by `angle`, scales by `scale`, shears by `shear`
 * (degrees) about `center` and then translates by `translate`, as six numbers [a, b, c, d, e, f] of
 * the map (x, y) → (a x + b y + c, d x + e y + f); with inverted false, the map itself.
 */
export function getInverseAffineMatrix(
  center: readonly [number, number], angle: number, translate: readonly [number, number], scale: number, shear: readonly [number, number], inverted = true,
): number[] {
  const rad = Math.PI / 180;
  const rot = angle * rad;
  const sx = shear[0] * rad;
  const sy = shear[1] * rad;
  const [cx, cy] = center;
  const [tx, ty] = translate;
  const a = Math.cos(rot - sy) / Math.cos(sy);
  const b = (-Math.cos(rot - sy) * Math.tan(sx)) / Math.cos(sy) - Math.sin(rot);
  const c = Math.sin(rot - sy) / Math.cos(sy);
  const d = (-Math.sin(rot - sy) * Math.tan(sx)) / Math.cos(sy) + Math.cos(rot);
  if (inverted) {
    const m = [d, -b, 0, -c, a, 0].map((v) => v / scale);
    m[2] += m[0]! * (-cx - tx) + m[1]! * (-cy - ty);
    m[5] += m[3]! * (-cx - tx) + m[4]! * (-cy - ty);
    m[2] += cx;
    m[5] += cy;
    return m;
  }
  const m = [a, b, 0, c, d, 0].map((v) => v * scale);
  m[2] += m[0]! * -cx + m[1]! * -cy;
  m[5] += m[3]! * -cx + m[4]! * -cy;
  m[2] += cx + tx;
  m[5] += cy + ty;
  return m;
}

/** The size [w, h] that holds the whole image after the affine `matrix` (rotate's expand), in float32 as torchvision computes it. */
function expandedSize(matrix: readonly number[], w: number, h: number): [number, number] {
  const f = Math.fround;
  const m = matrix.map(f);
  const pts = [[-0.5 * w, -0.5 * h], [-0.5 * w, 0.5 * h], [0.5 * w, 0.5 * h], [0.5 * w, -0.5 * h]] as const;
  const xs = pts.map(([x, y]) => f(f(f(x * m[0]!) + f(y * m[1]!)) + m[2]!));
  const ys = pts.map(([x, y]) => f(f(f(x * m[3]!) + f(y * m[4]!)) + m[5]!));
  const tol = f(1e-4);
  const hi = (v: number, c: number): number => Math.ceil(f(Math.trunc(f(f(v + c) / tol)) * tol));
  const lo = (v: number, c: number): number => Math.floor(f(Math.trunc(f(f(v + c) / tol)) * tol));
  return [hi(Math.max(...xs), f(w * 0.5)) - lo(Math.min(...xs), f(w * 0.5)), hi(Math.max(...ys), f(h * 0.5)) - lo(Math.min(...ys), f(h * 0.5))];
}

/** A centre given in pixels (origin at the top-left corner) as an offset from the image centre. */
function centerOffset(center: readonly number[] | null | undefined, width: number, height: number): [number, number] {
  if (center === null || center === undefined) return [0, 0];
  if (center.length !== 2) throw new TypeError(`Argument center should be a sequence of two numbers, but got ${pyList(center)}`);
  return [center[0]! - width * 0.5, center[1]! - height * 0.5];
}

export interface RotateOptions {
  interpolation?: InterpolationMode;
  expand?: boolean;
  center?: readonly number[] | null;
  fill?: Fill;
}

const ROTATE = signature("rotate(object img, float angle, str interpolation='nearest', bool expand=False, float[]? center=None, float|float[]? fill=None)");

/**
 * Rotates by `angle` degrees counter-clockwise about the centre (or `center`, in pixels from the
 * top-left corner); with expand, the output grows to hold the whole rotated image. Interpolation
 * 'nearest' (default) or 'bilinear'; `fill` colours the area outside the image (null: zeros).
 *
 * @example
 * F.rotate(img, 30, { interpolation: InterpolationMode.BILINEAR, expand: true, fill: [0, 0, 0] });
 */
export function rotate<T extends Image>(
  img: T, ...args: Args<[angle: number, interpolation: InterpolationMode, expand: boolean, center: readonly number[] | null, fill: Fill], RotateOptions & { angle?: number }>
): T {
  const options = ROTATE.parse<Required<RotateOptions> & { angle: number }>([img, ...args]);
  const { angle } = options;
  const interpolation = checkInterpolation(options.interpolation);
  const { fill } = options;
  return onTensor(img, (t) => {
    const [, h, w] = getDimensions(t);
    const matrix = getInverseAffineMatrix(centerOffset(options.center, w, h), -angle, [0, 0], 1, [0, 0]);
    checkGridTransformInputs(t, interpolation, fill);
    const [ow, oh] = options.expand ? expandedSize(matrix, w, h) : [w, h];
    return tidy(() => applyGridTransform(t, affineGrid(matrix, w, h, ow, oh, gridDtype(t), t.device), interpolation as 'nearest' | 'bilinear', fill));
  });
}

export interface AffineOptions {
  /** Rotation in degrees, clockwise. */
  angle: number;
  /** Horizontal and vertical translation in pixels (after the rotation). */
  translate: readonly number[];
  scale: number;
  /** Shear in degrees: one number (parallel to x), or [sx, sy]. */
  shear: number | readonly number[];
  interpolation?: InterpolationMode;
  fill?: Fill;
  center?: readonly number[] | null;
}

const AFFINE = signature("affine(object img, float angle, float[] translate, float scale, float|float[] shear, str interpolation='nearest', float|float[]? fill=None, float[]? center=None)");

/**
 * Rotates, scales, shears and translates, keeping the image centre (or `center`) fixed.
 * Interpolation 'nearest' (default) or 'bilinear'.
 *
 * @example
 * F.affine(img, { angle: 15, translate: [4, -2], scale: 1.1, shear: [5, 0] });
 */
export function affine<T extends Image>(
  img: T,
  ...args: Args<
    [angle: number, translate: readonly number[], scale: number, shear: number | readonly number[], interpolation: InterpolationMode, fill: Fill, center: readonly number[] | null],
    AffineOptions
  >
): T {
  const options = AFFINE.parse<Required<AffineOptions>>([img, ...args]);
  const { angle, translate, scale } = options;
  if (translate.length !== 2) throw new Error('Argument translate should be a sequence of length 2');
  if (!(scale > 0)) throw new Error('Argument scale should be positive');
  let shear: number[];
  if (typeof options.shear === 'number') shear = [options.shear, 0];
  else shear = options.shear.length === 1 ? [options.shear[0]!, options.shear[0]!] : [...options.shear];
  if (shear.length !== 2) throw new Error(`Shear should be a sequence containing two values. Got ${pyList(shear)}`);
  const interpolation = checkInterpolation(options.interpolation);
  const { fill } = options;
  return onTensor(img, (t) => {
    const [, h, w] = getDimensions(t);
    const matrix = getInverseAffineMatrix(centerOffset(options.center, w, h), angle, [translate[0]!, translate[1]!], scale, [shear[0]!, shear[1]!]);
    checkGridTransformInputs(t, interpolation, fill);
    return tidy(() => applyGridTransform(t, affineGrid(matrix, w, h, w, h, gridDtype(t), t.device), interpolation as 'nearest' | 'bilinear', fill));
  });
}

/**
 * The coefficients (a, b, c, d, e, f, g, h) of the perspective map taking `endpoints` to
 * `startpoints`: (x, y) → ((a x + b y + c) / (g x + h y + 1), (d x + e y + f) / (g x + h y + 1)),
 * rounded to float32 as torchvision's float32 least-squares solution is.
 */
export function getPerspectiveCoeffs(startpoints: readonly (readonly number[])[], endpoints: readonly (readonly number[])[]): number[] {
  if (startpoints.length !== 4 || endpoints.length !== 4) {
    throw new Error(`perspective needs four start points and four end points, but got ${startpoints.length} and ${endpoints.length}`);
  }
  const rows: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = endpoints[i] as [number, number];
    const [u, v] = startpoints[i] as [number, number];
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gaussian elimination with partial pivoting on the 8 × 8 system [A | b].
  for (let col = 0; col < 8; col++) {
    let best = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(rows[r]![col]!) > Math.abs(rows[best]![col]!)) best = r;
    if (rows[best]![col] === 0) throw new Error('perspective: the start and end points do not define a perspective map (the system is singular)');
    [rows[col], rows[best]] = [rows[best]!, rows[col]!];
    for (let r = col + 1; r < 8; r++) {
      const k = rows[r]![col]! / rows[col]![col]!;
      for (let c = col; c < 9; c++) rows[r]![c]! -= k * rows[col]![c]!;
    }
  }
  const out = new Array<number>(8).fill(0);
  for (let r = 7; r >= 0; r--) {
    let s = rows[r]![8]!;
    for (let c = r + 1; c < 8; c++) s -= rows[r]![c]! * out[c]!;
    out[r] = s / rows[r]![r]!;
  }
  return out.map(Math.fround);
}

export interface PerspectiveOptions {
  interpolation?: InterpolationMode;
  fill?: Fill;
}

const PERSPECTIVE = signature("perspective(object img, float[][] startpoints, float[][] endpoints, str interpolation='bilinear', float|float[]? fill=None)");

/**
 * The perspective transform that moves the four corners `startpoints` ([top-left, top-right,
 * bottom-right, bottom-left], each [x, y]) to `endpoints`. Interpolation 'bilinear' (default) or 'nearest'.
 *
 * @example
 * F.perspective(img, [[0, 0], [31, 0], [31, 31], [0, 31]], [[2, 3], [29, 0], [31, 28], [1, 31]]);
 */
export function perspective<T extends Image>(
  img: T,
  ...args: Args<[startpoints: readonly (readonly number[])[], endpoints: readonly (readonly number[])[], interpolation: InterpolationMode, fill: Fill], PerspectiveOptions & { startpoints?: readonly (readonly number[])[]; endpoints?: readonly (readonly number[])[] }>
): T {
  const o = PERSPECTIVE.parse<Required<PerspectiveOptions> & { startpoints: number[][]; endpoints: number[][] }>([img, ...args]);
  const coeffs = getPerspectiveCoeffs(o.startpoints, o.endpoints);
  const interpolation = checkInterpolation(o.interpolation);
  const { fill } = o;
  return onTensor(img, (t) => {
    assertImageTensor(t);
    checkGridTransformInputs(t, interpolation, fill);
    const [, h, w] = getDimensions(t);
    return tidy(() => applyGridTransform(t, perspectiveGrid(coeffs, w, h, gridDtype(t), t.device), interpolation as 'nearest' | 'bilinear', fill));
  });
}
