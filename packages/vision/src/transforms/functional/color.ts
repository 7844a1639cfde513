/**
 * torchvision's colour ops on image tensors (uint8 0–255 or float 0–1, `[..., C, H, W]`, batches
 * included), with the numbers of torchvision 0.14's tensor path: the same arithmetic in the same
 * dtype and order, uint8 results truncated where torchvision truncates (`.to(torch.uint8)`). Each
 * also takes a RawImage, which goes through its uint8 tensor (so it gets these numbers, not PIL's).
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { pyNumber } from '../python-repr';
import type { Image } from '../../image';
import {
  assertChannelDim, assertChannels, getImageNumChannels, imageBound, onTensor, workingDType,
} from './image-tensor';

function assertNonNegative(factor: number, name: string): void {
  if (factor < 0) throw new RangeError(`${name} (${pyNumber(factor)}) is not non-negative.`);
}

/**
 * ratio·img1 + (1 − ratio)·img2, clamped to the image's range and cast back to img1's dtype. Integer
 * images are widened to float32 first: PyTorch multiplies a uint8 tensor by a Python float in
 * float32, and a JavaScript number such as 2 or -1 would otherwise multiply as an int, in uint8.
 */
function blend(img1: Tensor, img2: Tensor, ratio: number): Tensor {
  const bound = imageBound(img1);
  const [a, b] = [img1, img2].map((t) => (t.isFloatingPoint() ? t : t.to('float32'))) as [Tensor, Tensor];
  return a.mul(ratio).add(b.mul(1 - ratio)).clamp(0, bound).to(img1.dtype);
}

/** uint8 → float in [0, 1] (convert_image_dtype's division by 255). */
function uint8ToUnit(img: Tensor): Tensor {
  return img.to('float32').div(255);
}

/** float in [0, 1] → uint8 (convert_image_dtype's ·(256 − 1e-3), truncated: 1.0 alone maps to 255). */
function unitToUint8(img: Tensor): Tensor {
  return img.mul(255 + 1 - 1e-3).to('uint8');
}

function grayscaleTensor(img: Tensor, numOutputChannels: number): Tensor {
  if (img.dim() < 3) throw new TypeError(`Input image tensor should have at least 3 dimensions, but found ${img.dim()}`);
  assertChannels(img, [1, 3]);
  if (numOutputChannels !== 1 && numOutputChannels !== 3) throw new RangeError('num_output_channels should be either 1 or 3');
  let gray: Tensor;
  if (img.shape[img.dim() - 3] === 3) {
    const [r, g, b] = img.unbind(-3) as [Tensor, Tensor, Tensor];
    gray = r.mul(0.2989).add(g.mul(0.587)).add(b.mul(0.114)).to(img.dtype).unsqueeze(-3);
  } else gray = img.clone();
  return numOutputChannels === 3 ? gray.expand(img.shape as number[]) : gray;
}

/**
 * RGB (or already grey) to grey with ITU-R 601-2 luma weights; 3 output channels repeat the grey.
 *
 * @example
 * F.rgbToGrayscale(img);                            // [..., 1, H, W]
 * F.rgbToGrayscale(img, { numOutputChannels: 3 });  // [..., 3, H, W]
 */
export function rgbToGrayscale<I extends Image>(img: I, ...args: torch.Args<[numOutputChannels: number], { numOutputChannels?: number }>): I {
  const { numOutputChannels } = torch.signature('rgbToGrayscale(int numOutputChannels=1)').parse<{ numOutputChannels: number }>(args);
  return onTensor(img, (t) => grayscaleTensor(t, numOutputChannels));
}

/**
 * Multiplies every pixel by brightnessFactor (0 gives black, 1 the original).
 *
 * @example
 * F.adjustBrightness(img, 1.5);
 */
export function adjustBrightness<I extends Image>(img: I, brightnessFactor: number): I {
  assertNonNegative(brightnessFactor, 'brightness_factor');
  return onTensor(img, (t) => {
    assertChannels(t, [1, 3]);
    return blend(t, torch.zerosLike(t), brightnessFactor);
  });
}

/**
 * Blends with the image's mean grey (0 gives a flat grey image, 1 the original).
 *
 * @example
 * F.adjustContrast(img, 0.5);
 */
export function adjustContrast<I extends Image>(img: I, contrastFactor: number): I {
  assertNonNegative(contrastFactor, 'contrast_factor');
  return onTensor(img, (t) => {
    assertChannels(t, [3, 1]);
    const dtype = workingDType(t);
    const gray = getImageNumChannels(t) === 3 ? grayscaleTensor(t, 1) : t;
    const mean = gray.to(dtype).mean([-3, -2, -1], { keepdim: true });
    return blend(t, mean, contrastFactor);
  });
}

/**
 * Blends with the image's grey version (0 gives grey, 1 the original, 2 doubles the saturation).
 * A one-channel image comes back unchanged, as in PIL.
 *
 * @example
 * F.adjustSaturation(img, 2);
 */
export function adjustSaturation<I extends Image>(img: I, saturationFactor: number): I {
  assertNonNegative(saturationFactor, 'saturation_factor');
  return onTensor(img, (t) => {
    assertChannels(t, [1, 3]);
    if (getImageNumChannels(t) === 1) return t;
    return blend(t, grayscaleTensor(t, 1), saturationFactor);
  });
}

/** RGB → HSV on [..., 3, H, W] floats, as torchvision's _rgb2hsv (no NaN where max = min). */
function rgbToHsv(img: Tensor): Tensor {
  const [r, g, b] = img.unbind(-3) as [Tensor, Tensor, Tensor];
  const maxc = img.amax(-3);
  const minc = img.amin(-3);
  const eqc = maxc.eq(minc);
  const cr = maxc.sub(minc);
  const ones = torch.onesLike(maxc);
  const s = cr.div(torch.where(eqc, ones, maxc));
  const crDivisor = torch.where(eqc, ones, cr);
  const rc = maxc.sub(r).div(crDivisor);
  const gc = maxc.sub(g).div(crDivisor);
  const bc = maxc.sub(b).div(crDivisor);
  const hr = maxc.eq(r).mul(bc.sub(gc));
  const hg = maxc.eq(g).logicalAnd(maxc.ne(r)).mul(rc.add(2).sub(bc));
  const hb = maxc.ne(g).logicalAnd(maxc.ne(r)).mul(gc.add(4).sub(rc));
  const h = torch.fmod(hr.add(hg).add(hb).div(6).add(1), 1);
  return torch.stack([h, s, maxc], -3);
}

/** HSV → RGB, as torchvision's _hsv2rgb: the sector's (v, q, p, …) row picked by a one-hot mask. */
function hsvToRgb(img: Tensor): Tensor {
  const [h, s, v] = img.unbind(-3) as [Tensor, Tensor, Tensor];
  const h6 = h.mul(6);
  const i = torch.floor(h6);
  const f = h6.sub(i);
  const p = v.mul(s.neg().add(1)).clamp(0, 1);
  const q = v.mul(s.mul(f).neg().add(1)).clamp(0, 1);
  const t = v.mul(s.mul(f.neg().add(1)).neg().add(1)).clamp(0, 1);
  const sector = torch.remainder(i.to('int32'), 6);
  const mask = sector.unsqueeze(-3).eq(torch.arange(6, { dtype: 'int32' }).view(-1, 1, 1)).to(img.dtype);
  const a1 = torch.stack([v, q, p, p, t, v], -3);
  const a2 = torch.stack([t, v, v, q, p, p], -3);
  const a3 = torch.stack([p, p, t, v, v, q], -3);
  const rows = torch.stack([a1, a2, a3], -4);
  return mask.unsqueeze(-4).mul(rows).sum(-3);
}

/**
 * Rotates the hue by hueFactor turns (in [-0.5, 0.5]) through HSV. A one-channel image comes back
 * unchanged, as in PIL.
 *
 * @example
 * F.adjustHue(img, 0.25);
 */
export function adjustHue<I extends Image>(img: I, hueFactor: number): I {
  if (!(hueFactor >= -0.5 && hueFactor <= 0.5)) throw new RangeError(`hue_factor (${pyNumber(hueFactor)}) is not in [-0.5, 0.5].`);
  return onTensor(img, (t) => {
    assertChannels(t, [1, 3]);
    if (getImageNumChannels(t) === 1) return t;
    const unit = t.dtype === 'uint8' ? uint8ToUnit(t) : t;
    const [h, s, v] = rgbToHsv(unit).unbind(-3) as [Tensor, Tensor, Tensor];
    const rgb = hsvToRgb(torch.stack([torch.remainder(h.add(hueFactor), 1), s, v], -3));
    return t.dtype === 'uint8' ? rgb.mul(255).to('uint8') : rgb;
  });
}

/**
 * gain · img^gamma on the image scaled to [0, 1], clamped (gamma < 1 brightens the shadows).
 *
 * @example
 * F.adjustGamma(img, 2.2);
 * F.adjustGamma(img, 0.5, { gain: 0.9 });
 */
export function adjustGamma<I extends Image>(img: I, gamma: number, ...args: torch.Args<[gain: number], { gain?: number }>): I {
  const { gain } = torch.signature('adjustGamma(float gain=1)').parse<{ gain: number }>(args);
  return onTensor(img, (t) => {
    assertChannels(t, [1, 3]);
    if (gamma < 0) throw new RangeError('Gamma should be a non-negative real number');
    const unit = t.isFloatingPoint() ? t : uint8ToUnit(t);
    const result = unit.pow(gamma).mul(gain).clamp(0, 1);
    return t.isFloatingPoint() ? result.to(t.dtype) : unitToUint8(result);
  });
}

/**
 * 255 − img (uint8) or 1 − img (float).
 *
 * @example
 * F.invert(img);
 */
export function invert<I extends Image>(img: I): I {
  return onTensor(img, invertTensor);
}

function invertTensor(t: Tensor): Tensor {
  assertChannelDim(t);
  assertChannels(t, [1, 3]);
  return torch.full([], imageBound(t), { dtype: t.dtype }).sub(t);
}

/**
 * Keeps the top `bits` bits of each uint8 value (0 to 8).
 *
 * @example
 * F.posterize(img, 4);
 */
export function posterize<I extends Image>(img: I, bits: number): I {
  if (!(bits >= 0 && bits <= 8)) throw new RangeError(`The number if bits should be between 0 and 8. Got ${pyNumber(bits)}`);
  return onTensor(img, (t) => {
    assertChannelDim(t);
    if (t.dtype !== 'uint8') throw new TypeError(`Only torch.uint8 image tensors are supported, but found torch.${t.dtype}`);
    assertChannels(t, [1, 3]);
    // ~(2^(8 - bits) - 1) as a uint8: the low 8 − bits bits cleared
    const mask = (256 - 2 ** (8 - Math.trunc(bits))) & 0xff;
    return torch.bitwiseAnd(t, torch.full([], mask, { dtype: 'uint8' }));
  });
}

/**
 * Inverts the pixels at or above threshold (which is at most 255 for uint8, 1 for float).
 *
 * @example
 * F.solarize(img, 128);
 */
export function solarize<I extends Image>(img: I, threshold: number): I {
  return onTensor(img, (t) => {
    assertChannelDim(t);
    assertChannels(t, [1, 3]);
    if (threshold > imageBound(t)) throw new TypeError('Threshold should be less than bound of img.');
    return torch.where(t.ge(threshold), invertTensor(t), t);
  });
}

/** 3×3 smoothing (centre weight 5, the others 1, over 13) of the inner pixels; the border kept. */
function blurredDegenerate(img: Tensor): Tensor {
  const dtype = workingDType(img);
  const channels = getImageNumChannels(img);
  const kernel = torch.ones([3, 3], { dtype });
  kernel.indexPut_([1, 1], 5);
  const weight = kernel.div(kernel.sum()).expand([channels, 1, 3, 3]);
  const batched = img.dim() < 4 ? img.unsqueeze(0) : img;
  let smoothed = torch.conv2d(batched.to(dtype), weight, { groups: channels });
  if (img.dim() < 4) smoothed = smoothed.squeeze(0);
  if (!img.isFloatingPoint()) smoothed = torch.round(smoothed).to(img.dtype);
  const result = img.clone();
  result.indexPut_(['...', '1:-1', '1:-1'], smoothed);
  return result;
}

/**
 * Blends with a smoothed copy (0 blurs, 1 keeps, 2 sharpens); images 2 pixels or less across come
 * back unchanged.
 *
 * @example
 * F.adjustSharpness(img, 2);
 */
export function adjustSharpness<I extends Image>(img: I, sharpnessFactor: number): I {
  assertNonNegative(sharpnessFactor, 'sharpness_factor');
  return onTensor(img, (t) => {
    assertChannels(t, [1, 3]);
    const [h, w] = t.shape.slice(-2) as [number, number];
    if (w <= 2 || h <= 2) return t;
    return blend(t, blurredDegenerate(t), sharpnessFactor);
  });
}

/**
 * Stretches each channel of each image to the full range (a flat channel is left as it is).
 *
 * @example
 * F.autocontrast(img);
 */
export function autocontrast<I extends Image>(img: I): I {
  return onTensor(img, (t) => {
    assertChannelDim(t);
    assertChannels(t, [1, 3]);
    const bound = imageBound(t);
    const dtype = workingDType(t);
    let minimum = t.amin([-2, -1], true).to(dtype);
    const maximum = t.amax([-2, -1], true).to(dtype);
    // Python's `bound / t` is t.reciprocal() * bound (Tensor.__rtruediv__), which rounds twice
    let scale = maximum.sub(minimum).reciprocal().mul(bound);
    const flat = torch.isfinite(scale).logicalNot();
    minimum = torch.where(flat, 0, minimum);
    scale = torch.where(flat, 1, scale);
    return t.sub(minimum).mul(scale).clamp(0, bound).to(t.dtype);
  });
}

/** One channel's histogram equalisation: PIL's lookup table (cumulative counts over the step). */
function equalizeChannel(values: Uint8Array, out: Uint8Array): void {
  const hist = new Array<number>(256).fill(0);
  for (const v of values) hist[v]!++;
  let lastNonzero = 255;
  while (lastNonzero > 0 && hist[lastNonzero] === 0) lastNonzero--;
  // The counts of every occupied level but the last one
  let spread = 0;
  for (let k = 0; k < lastNonzero; k++) spread += hist[k]!;
  const step = Math.floor(spread / 255);
  if (step === 0) {
    out.set(values);
    return;
  }
  const lut = new Uint8Array(256);
  let cumulative = 0;
  for (let k = 0; k < 255; k++) {
    cumulative += hist[k]!;
    lut[k + 1] = Math.min(255, Math.floor((cumulative + Math.floor(step / 2)) / step));
  }
  for (let k = 0; k < values.length; k++) out[k] = lut[values[k]!]!;
}

/**
 * Equalises each channel's histogram (uint8, [C, H, W] or [N, C, H, W]).
 *
 * @example
 * F.equalize(img);
 */
export function equalize<I extends Image>(img: I): I {
  return onTensor(img, (t) => {
    if (t.dim() < 3 || t.dim() > 4) throw new TypeError(`Input image tensor should have 3 or 4 dimensions, but found ${t.dim()}`);
    if (t.dtype !== 'uint8') throw new TypeError(`Only torch.uint8 image tensors are supported, but found torch.${t.dtype}`);
    assertChannels(t, [1, 3]);
    const [h, w] = t.shape.slice(-2) as [number, number];
    const plane = h * w;
    const data = t.contiguous().numpy() as Uint8Array;
    const out = new Uint8Array(data.length);
    for (let start = 0; start < data.length; start += plane) {
      equalizeChannel(data.subarray(start, start + plane), out.subarray(start, start + plane));
    }
    return torch.tensor(out, { dtype: 'uint8' }).reshape(t.shape as number[]);
  });
}
