import type { Tensor } from '@x/tensor';
import { emptyPixels, readImage, toImageTensor, type ImagePixels } from '../image-pixels';
import { cubicWeights, cvRound, saturateShort, saturateUint8 } from '../opencv-rounding';

/** imgaug's interpolation names for resizing (cv2.INTER_NEAREST, INTER_LINEAR, INTER_AREA, INTER_CUBIC). */
export type ResizeInterpolation = 'nearest' | 'linear' | 'area' | 'cubic';

export const RESIZE_INTERPOLATIONS: readonly ResizeInterpolation[] = ['nearest', 'linear', 'area', 'cubic'];

/** uint8 resize weights are fixed point with 11 fractional bits (INTER_RESIZE_COEF_BITS). */
const COEF_BITS = 11;
const COEF_SCALE = 1 << COEF_BITS;

/**
 * Resizes an image ([H, W] or [H, W, C], uint8 or float32) to height × width as imgaug's
 * imresize_single_image does through cv2.resize. Without an interpolation, imgaug's default:
 * 'area' when either side grows, 'linear' otherwise. uint8 results follow OpenCV's fixed-point
 * arithmetic, including the rounding of its 128-bit SIMD loops, so they equal OpenCV's on x86 and ARM.
 *
 * A typed-array loop: OpenCV's separable passes keep integer intermediates that no tensor op
 * reproduces.
 *
 * @example
 * resizeImage(image, 32, 48, 'cubic');
 */
export function resizeImage(image: Tensor, height: number, width: number, interpolation?: ResizeInterpolation): Tensor {
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 0 || width < 0) {
    throw new Error(`resizeImage: expected a non-negative integer height and width, got ${height} and ${width}`);
  }
  if (interpolation !== undefined && !RESIZE_INTERPOLATIONS.includes(interpolation)) {
    throw new Error(`resizeImage: expected interpolation ${RESIZE_INTERPOLATIONS.map((i) => `'${i}'`).join(', ')}, got ${JSON.stringify(interpolation)}`);
  }
  const src = readImage(image, 'resizeImage');
  if (src.height === height && src.width === width) return toImageTensor(src);
  const dst = emptyPixels(src, height, width);
  if (height === 0 || width === 0 || src.channels === 0) return toImageTensor(dst);
  if (src.height === 0 || src.width === 0) {
    throw new Error(`resizeImage: cannot resize an image with a zero-sized axis (shape [${image.shape.join(', ')}])`);
  }
  const method = interpolation ?? (height > src.height || width > src.width ? 'area' : 'linear');
  resizePixels(src, dst, method);
  return toImageTensor(dst);
}

function resizePixels(src: ImagePixels, dst: ImagePixels, method: ResizeInterpolation): void {
  const scaleX = src.width / dst.width;
  const scaleY = src.height / dst.height;
  if (method === 'nearest') return resizeNearest(src, dst);
  const integerScales = Number.isInteger(scaleX) && Number.isInteger(scaleY);
  // OpenCV: a linear halving is the same as an area halving, and takes that path.
  if (method === 'linear' && integerScales && scaleX === 2 && scaleY === 2) method = 'area';
  if (method === 'area' && scaleX >= 1 && scaleY >= 1) {
    return integerScales ? resizeAreaIntegerScale(src, dst, scaleX, scaleY) : resizeArea(src, dst, scaleX, scaleY);
  }
  resizeSeparable(src, dst, method);
}

function resizeNearest(src: ImagePixels, dst: ImagePixels): void {
  const ifx = 1 / (dst.width / src.width);
  const ify = 1 / (dst.height / src.height);
  const c = src.channels;
  for (let y = 0; y < dst.height; y++) {
    const sy = Math.min(Math.floor(y * ify), src.height - 1);
    for (let x = 0; x < dst.width; x++) {
      const sx = Math.min(Math.floor(x * ifx), src.width - 1);
      const from = (sy * src.width + sx) * c;
      const to = (y * dst.width + x) * c;
      for (let ch = 0; ch < c; ch++) dst.data[to + ch] = src.data[from + ch]!;
    }
  }
}

/** Where each output position along one axis reads: its first tap and the tap weights (float and fixed point). */
interface AxisTaps {
  first: Int32Array;
  weights: Float32Array;
  fixed: Int16Array;
  ksize: number;
}

/**
 * OpenCV's coefficient setup along one axis. Linear and the area emulation used for enlarging take
 * 2 taps, cubic 4. Along x, 2-tap positions before the first or past the last pixel are pinned to it
 * with weight 1 (`pinEdges`); along y OpenCV leaves them and clamps the rows it reads instead.
 */
function axisTaps(srcLen: number, dstLen: number, method: 'linear' | 'area' | 'cubic', pinEdges: boolean): AxisTaps {
  const f = Math.fround;
  const ksize = method === 'cubic' ? 4 : 2;
  const inverseScale = dstLen / srcLen;
  const scale = 1 / inverseScale;
  const first = new Int32Array(dstLen);
  const weights = new Float32Array(dstLen * ksize);
  const fixed = new Int16Array(dstLen * ksize);
  for (let d = 0; d < dstLen; d++) {
    let s: number;
    let frac: number;
    if (method === 'area') {
      s = Math.floor(d * scale);
      frac = f(d + 1 - (s + 1) * inverseScale);
      frac = frac <= 0 ? 0 : f(frac - Math.floor(frac));
    } else {
      const pos = f((d + 0.5) * scale - 0.5);
      s = Math.floor(pos);
      frac = f(pos - s);
    }
    if (pinEdges && method !== 'cubic') {
      if (s < 0) (frac = 0), (s = 0);
      if (s >= srcLen - 1) (frac = 0), (s = srcLen - 1);
    }
    const w = method === 'cubic' ? cubicWeights(frac) : [f(1 - frac), frac];
    first[d] = method === 'cubic' ? s - 1 : s;
    for (let k = 0; k < ksize; k++) {
      weights[d * ksize + k] = w[k]!;
      fixed[d * ksize + k] = saturateShort(cvRound(f(w[k]! * COEF_SCALE)));
    }
  }
  return { first, weights, fixed, ksize };
}

const clampIndex = (i: number, n: number): number => (i < 0 ? 0 : i >= n ? n - 1 : i);

/**
 * OpenCV's resizeGeneric_: a horizontal pass per source row into integer (uint8) or float rows,
 * then a vertical pass. uint8 sums carry 11 + 11 fractional bits.
 */
function resizeSeparable(src: ImagePixels, dst: ImagePixels, method: 'linear' | 'area' | 'cubic'): void {
  const c = src.channels;
  const xs = axisTaps(src.width, dst.width, method, true);
  const ys = axisTaps(src.height, dst.height, method, false);
  const ksize = xs.ksize;
  const fixedPoint = src.data instanceof Uint8Array;
  const rowLength = dst.width * c;
  const horizontal = (sy: number): Float64Array => {
    const row = new Float64Array(rowLength);
    const base = sy * src.width * c;
    for (let x = 0; x < dst.width; x++) {
      for (let ch = 0; ch < c; ch++) {
        let sum = 0;
        for (let k = 0; k < ksize; k++) {
          const sx = clampIndex(xs.first[x]! + k, src.width);
          const w = fixedPoint ? xs.fixed[x * ksize + k]! : xs.weights[x * ksize + k]!;
          sum = fixedPoint ? sum + src.data[base + sx * c + ch]! * w : Math.fround(sum + Math.fround(src.data[base + sx * c + ch]! * w));
        }
        row[x * c + ch] = sum;
      }
    }
    return row;
  };
  const rows = new Map<number, Float64Array>();
  const rowAt = (sy: number): Float64Array => {
    let row = rows.get(sy);
    if (!row) rows.set(sy, (row = horizontal(sy)));
    return row;
  };
  // uint8 linear rows all take OpenCV's vector formula (its x86 and ARM builds give that for every
  // element); cubic rows take the vector formula for whole groups of 8 and the scalar one after.
  const vectorEnd = fixedPoint ? (ksize === 2 ? rowLength : cubicVectorEnd(rowLength)) : 0;
  const scalarShift = 2 * COEF_BITS;
  const scalarHalf = 1 << (scalarShift - 1);
  for (let y = 0; y < dst.height; y++) {
    const taps = Array.from({ length: ksize }, (_, k) => rowAt(clampIndex(ys.first[y]! + k, src.height)));
    const beta = Array.from({ length: ksize }, (_, k) => (fixedPoint ? ys.fixed[y * ksize + k]! : ys.weights[y * ksize + k]!));
    const out = y * rowLength;
    if (!fixedPoint) {
      for (let x = 0; x < rowLength; x++) {
        let acc = 0;
        for (let k = 0; k < ksize; k++) acc = Math.fround(acc + Math.fround(taps[k]![x]! * beta[k]!));
        dst.data[out + x] = acc;
      }
    } else if (ksize === 2) {
      const [t0, t1] = taps as [Float64Array, Float64Array];
      for (let x = 0; x < rowLength; x++) dst.data[out + x] = linearVectorValue(t0[x]!, t1[x]!, beta[0]!, beta[1]!);
    } else {
      const [t0, t1, t2, t3] = taps as [Float64Array, Float64Array, Float64Array, Float64Array];
      const scaled = cubicVectorWeights(beta);
      for (let x = 0; x < rowLength; x++) {
        dst.data[out + x] = x < vectorEnd
          ? cubicVectorValue(t0[x]!, t1[x]!, t2[x]!, t3[x]!, scaled)
          : saturateUint8(Math.floor((t0[x]! * beta[0]! + t1[x]! * beta[1]! + t2[x]! * beta[2]! + t3[x]! * beta[3]! + scalarHalf) / 2 ** scalarShift));
      }
    }
  }
}

/** OpenCV's vector linear pass: both rows shifted down 4 bits, multiplied keeping the high 16 bits, rounded by 2 bits. */
function linearVectorValue(s0: number, s1: number, b0: number, b1: number): number {
  const mulHi = (a: number, b: number): number => Math.floor((saturateShort(a >> 4) * b) / 65536);
  return saturateUint8((mulHi(s0, b0) + mulHi(s1, b1) + 2) >> 2);
}

/** The vertical cubic pass's vector loop takes 8 elements at a time. */
function cubicVectorEnd(width: number): number {
  let x = 0;
  while (x <= width - 8) x += 8;
  return x;
}

/** The vertical cubic weights as OpenCV's vector pass uses them: float32, pre-divided by 2^22. */
function cubicVectorWeights(beta: readonly number[]): number[] {
  const scale = Math.fround(1 / (COEF_SCALE * COEF_SCALE));
  return beta.map((v) => Math.fround(v * scale));
}

/** OpenCV's vector cubic pass: in float32, summed from the last row up, rounded half to even. */
function cubicVectorValue(s0: number, s1: number, s2: number, s3: number, b: readonly number[]): number {
  const f = Math.fround;
  let acc = f(s3 * b[3]!);
  acc = f(f(s2 * b[2]!) + acc);
  acc = f(f(s1 * b[1]!) + acc);
  acc = f(f(s0 * b[0]!) + acc);
  return saturateUint8(saturateShort(cvRound(acc)));
}

/** OpenCV's resizeAreaFast for integer scale factors: the mean of each cell. */
function resizeAreaIntegerScale(src: ImagePixels, dst: ImagePixels, scaleX: number, scaleY: number): void {
  const c = src.channels;
  const area = scaleX * scaleY;
  const halving = scaleX === 2 && scaleY === 2 && (c === 1 || c === 3 || c === 4);
  const fixedPoint = src.data instanceof Uint8Array;
  const inverseArea = Math.fround(1 / area);
  for (let y = 0; y < dst.height; y++) {
    for (let x = 0; x < dst.width; x++) {
      for (let ch = 0; ch < c; ch++) {
        let sum = 0;
        for (let dy = 0; dy < scaleY; dy++) {
          for (let dx = 0; dx < scaleX; dx++) sum += src.data[((y * scaleY + dy) * src.width + x * scaleX + dx) * c + ch]!;
        }
        const to = (y * dst.width + x) * c + ch;
        if (!fixedPoint) dst.data[to] = Math.fround(sum * inverseArea);
        else dst.data[to] = halving ? (sum + 2) >> 2 : saturateUint8(cvRound(Math.fround(sum * inverseArea)));
      }
    }
  }
}

/** Which source cells feed each output cell along one axis, and with what share (OpenCV's computeResizeAreaTab). */
function areaTable(srcLen: number, dstLen: number, scale: number): { dst: number; src: number; alpha: number }[] {
  const table: { dst: number; src: number; alpha: number }[] = [];
  for (let d = 0; d < dstLen; d++) {
    const fs1 = d * scale;
    const fs2 = fs1 + scale;
    const cellWidth = Math.min(scale, srcLen - fs1);
    const s2 = Math.min(Math.floor(fs2), srcLen - 1);
    const s1 = Math.min(Math.ceil(fs1), s2);
    if (s1 - fs1 > 1e-3) table.push({ dst: d, src: s1 - 1, alpha: Math.fround((s1 - fs1) / cellWidth) });
    for (let s = s1; s < s2; s++) table.push({ dst: d, src: s, alpha: Math.fround(1 / cellWidth) });
    if (fs2 - s2 > 1e-3) table.push({ dst: d, src: s2, alpha: Math.fround(Math.min(Math.min(fs2 - s2, 1), cellWidth) / cellWidth) });
  }
  return table;
}

/** OpenCV's resizeArea for non-integer shrinking: float32 sums of each output cell's overlap, rounded half to even. */
function resizeArea(src: ImagePixels, dst: ImagePixels, scaleX: number, scaleY: number): void {
  const f = Math.fround;
  const c = src.channels;
  const xtab = areaTable(src.width, dst.width, scaleX);
  const ytab = areaTable(src.height, dst.height, scaleY);
  const rowLength = dst.width * c;
  const sums = new Float32Array(rowLength);
  const buf = new Float32Array(rowLength);
  const fixedPoint = src.data instanceof Uint8Array;
  const flush = (dy: number): void => {
    for (let i = 0; i < rowLength; i++) dst.data[dy * rowLength + i] = fixedPoint ? saturateUint8(cvRound(sums[i]!)) : sums[i]!;
  };
  let previous = -1;
  for (const { dst: dy, src: sy, alpha: beta } of ytab) {
    buf.fill(0);
    for (const { dst: dx, src: sx, alpha } of xtab) {
      for (let ch = 0; ch < c; ch++) buf[dx * c + ch] = f(buf[dx * c + ch]! + f(src.data[(sy * src.width + sx) * c + ch]! * alpha));
    }
    if (dy !== previous) {
      if (previous >= 0) flush(previous);
      for (let i = 0; i < rowLength; i++) sums[i] = f(beta * buf[i]!);
      previous = dy;
    } else {
      for (let i = 0; i < rowLength; i++) sums[i] = f(sums[i]! + f(beta * buf[i]!));
    }
  }
  flush(previous);
}
