/**
 * The geometric transforms as modules, with torchvision 0.14's arguments, random draws (the same
 * torch calls in the same order, from @x's global generator) and printed forms. Each takes a tensor
 * image [..., C, H, W] (uint8 or float, batches too) or a RawImage (through the tensor path).
 */
import { Module, pyBool, pyFloat } from '@x/nn';
import { type Args, empty, rand, randint, signature, tensor } from '@x/tensor';
import type { Image } from '../image';
import * as F from './functional/geometry';
import { roundHalfEven } from '@x/tensor';
import { getDimensions } from './functional/image-tensor';
import { checkInterpolation, InterpolationMode } from './interpolation';
import { pyFloatList, pyTupleOf, pyValue } from './python-repr';

type Size = number | readonly number[];

const SIZE_SIGNATURES = new Map<string, ReturnType<typeof signature>>();
/** The signature of a transform whose one argument is a size. */
function sizeSignature(cls: string): ReturnType<typeof signature> {
  let sig = SIZE_SIGNATURES.get(cls);
  if (sig === undefined) SIZE_SIGNATURES.set(cls, (sig = signature(`${cls}(int|int[] size)`)));
  return sig;
}

/** One uniform draw in [a, b) as float32, as `torch.empty(1).uniform_(a, b).item()`. */
function uniform(a: number, b: number): number {
  return empty([1]).uniform_(a, b).item();
}

/** One integer in [low, high), as `torch.randint(low, high, size=(1,)).item()`. */
function randomInt(low: number, high: number): number {
  return randint(low, high, [1]).item();
}

/** [h, w] from a number or a 1- or 2-element list, remembering how torchvision prints it (a tuple unless a 2-list was given). */
function setupSize(size: Size): { hw: [number, number]; text: string } {
  const error = 'Please provide only two dimensions (h, w) for size.';
  if (typeof size === 'number') return { hw: [Math.trunc(size), Math.trunc(size)], text: pyTupleOf([String(Math.trunc(size)), String(Math.trunc(size))]) };
  if (!Array.isArray(size)) throw new TypeError(`${error} Got ${pyValue(size)}`);
  if (size.length === 1) return { hw: [size[0]!, size[0]!], text: pyTupleOf([String(size[0]), String(size[0])]) };
  if (size.length !== 2) throw new Error(`${error} Got ${pyValue(size)}`);
  return { hw: [size[0]!, size[1]!], text: pyValue(size) };
}

/** The [min, max] range of an angle: a number d means [-d, d] (torchvision's _setup_angle). */
function setupAngle(x: number | readonly number[], name: string, reqSizes: readonly number[]): number[] {
  if (typeof x === 'number') {
    if (x < 0) throw new Error(`If ${name} is a single number, it must be positive.`);
    // 0 - x, not -x: degrees=0 is Python's int 0, whose negation prints as 0.0, not -0.0.
    return [0 - x, x];
  }
  checkSequence(x, name, reqSizes);
  return [...x];
}

function checkSequence(x: unknown, name: string, reqSizes: readonly number[]): void {
  const msg = reqSizes.length < 2 ? String(reqSizes[0]) : reqSizes.join(' or ');
  if (!Array.isArray(x)) throw new TypeError(`${name} should be a sequence of length ${msg}.`);
  if (!reqSizes.includes(x.length)) throw new Error(`${name} should be a sequence of length ${msg}.`);
}

function checkFill(fill: F.Fill | undefined): number | readonly number[] {
  if (fill === null || fill === undefined) return 0;
  if (typeof fill !== 'number' && !Array.isArray(fill)) throw new TypeError('Fill should be either a sequence or a number.');
  return fill;
}

/** The fill per channel, as torchvision's random transforms pass it for tensor images. */
function fillFor(img: Image, fill: number | readonly number[]): number[] {
  const [channels] = getDimensions(img);
  return typeof fill === 'number' ? Array<number>(channels).fill(fill) : [...fill];
}

export interface ResizeOptions {
  interpolation?: InterpolationMode;
  maxSize?: number | null;
  antialias?: boolean | null;
}

const RESIZE = signature("Resize(int|int[] size, str interpolation='bilinear', int? maxSize=None, bool? antialias=None)");

/**
 * Resizes to [h, w], or matches the smaller edge to a number keeping the aspect ratio.
 *
 * @example
 * new transforms.Resize(256);
 * new transforms.Resize([224, 224], { interpolation: InterpolationMode.BICUBIC, antialias: true });
 */
export class Resize extends Module {
  readonly interpolation: InterpolationMode;
  readonly maxSize: number | null;
  readonly antialias: boolean | null;

  readonly size: Size;

  constructor(...args: Args<[size: Size, interpolation: InterpolationMode, maxSize: number | null, antialias: boolean | null], ResizeOptions & { size?: Size }>) {
    super();
    const o = RESIZE.parse<Required<ResizeOptions> & { size: Size }>(args);
    this.size = o.size;
    if (Array.isArray(this.size) && this.size.length !== 1 && this.size.length !== 2) throw new Error('If size is a sequence, it should have 1 or 2 values');
    this.interpolation = checkInterpolation(o.interpolation);
    this.maxSize = o.maxSize;
    this.antialias = o.antialias;
  }

  forward<T extends Image>(img: T): T {
    return F.resize(img, this.size, { interpolation: this.interpolation, maxSize: this.maxSize, antialias: this.antialias });
  }

  override toString(): string {
    return `Resize(size=${pyValue(this.size)}, interpolation=${this.interpolation}, max_size=${pyValue(this.maxSize)}, antialias=${pyValue(this.antialias)})`;
  }
}

/**
 * Crops the centre to `size` (a number or [h, w]), zero-padding an image that is smaller.
 *
 * @example
 * new transforms.CenterCrop(224);
 */
export class CenterCrop extends Module {
  readonly size: [number, number];
  private readonly sizeText: string;

  constructor(...args: Args<[size: Size], { size?: Size }>) {
    super();
    ({ hw: this.size, text: this.sizeText } = setupSize(sizeSignature('CenterCrop').parse<{ size: Size }>(args).size));
  }

  forward<T extends Image>(img: T): T {
    return F.centerCrop(img, this.size);
  }

  override toString(): string {
    return `CenterCrop(size=${this.sizeText})`;
  }
}

export interface PadOptions {
  fill?: number;
  paddingMode?: F.PaddingMode;
}

const PAD = signature("Pad(int|int[] padding, float fill=0, str paddingMode='constant')");

/**
 * Pads the borders: n, [lr, tb] or [left, top, right, bottom]; paddingMode constant (with fill), edge, reflect or symmetric.
 *
 * @example
 * new transforms.Pad(4, { paddingMode: 'reflect' });
 */
export class Pad extends Module {
  readonly fill: number;
  readonly paddingMode: F.PaddingMode;

  readonly padding: number | readonly number[];

  constructor(...args: Args<[padding: Size, fill: number, paddingMode: F.PaddingMode], PadOptions & { padding?: Size }>) {
    super();
    const o = PAD.parse<Required<PadOptions> & { padding: Size }>(args);
    const { padding } = o;
    this.padding = padding;
    this.fill = o.fill;
    this.paddingMode = o.paddingMode;
    if (!['constant', 'edge', 'reflect', 'symmetric'].includes(this.paddingMode)) throw new Error('Padding mode should be either constant, edge, reflect or symmetric');
    if (Array.isArray(padding) && ![1, 2, 4].includes(padding.length)) {
      throw new Error(`Padding must be an int or a 1, 2, or 4 element tuple, not a ${padding.length} element tuple`);
    }
  }

  forward<T extends Image>(img: T): T {
    return F.pad(img, this.padding, { fill: this.fill, paddingMode: this.paddingMode });
  }

  override toString(): string {
    return `Pad(padding=${pyValue(this.padding)}, fill=${pyValue(this.fill)}, padding_mode=${this.paddingMode})`;
  }
}

export interface RandomCropOptions {
  padding?: number | readonly number[] | null;
  padIfNeeded?: boolean;
  fill?: number;
  paddingMode?: F.PaddingMode;
}

const RANDOM_CROP = signature("RandomCrop(int|int[] size, int|int[]? padding=None, bool padIfNeeded=False, float fill=0, str paddingMode='constant')");

/**
 * Crops a random region of `size`, after optional padding.
 *
 * @example
 * new transforms.RandomCrop(32, { padding: 4 });
 */
export class RandomCrop extends Module {
  readonly size: [number, number];
  readonly padding: number | readonly number[] | null;
  readonly padIfNeeded: boolean;
  readonly fill: number;
  readonly paddingMode: F.PaddingMode;

  /** The crop [top, left, height, width]: two torch.randint draws, unless the crop is the whole image. */
  static getParams(img: Image, outputSize: readonly [number, number]): [number, number, number, number] {
    const [, h, w] = getDimensions(img);
    const [th, tw] = outputSize;
    if (h < th || w < tw) throw new Error(`Required crop size (${th}, ${tw}) is larger than input image size (${h}, ${w})`);
    if (w === tw && h === th) return [0, 0, h, w];
    const i = randomInt(0, h - th + 1);
    const j = randomInt(0, w - tw + 1);
    return [i, j, th, tw];
  }

  constructor(
    ...args: Args<[size: Size, padding: Size | null, padIfNeeded: boolean, fill: number, paddingMode: F.PaddingMode], RandomCropOptions & { size?: Size }>
  ) {
    super();
    const o = RANDOM_CROP.parse<Required<RandomCropOptions> & { size: Size }>(args);
    this.size = setupSize(o.size).hw;
    this.padding = o.padding;
    this.padIfNeeded = o.padIfNeeded;
    this.fill = o.fill;
    this.paddingMode = o.paddingMode;
  }

  forward<T extends Image>(img: T): T {
    const pad = { fill: this.fill, paddingMode: this.paddingMode };
    if (this.padding !== null) img = F.pad(img, this.padding, pad);
    const [, height, width] = getDimensions(img);
    if (this.padIfNeeded && width < this.size[1]) img = F.pad(img, [this.size[1] - width, 0], pad);
    if (this.padIfNeeded && height < this.size[0]) img = F.pad(img, [0, this.size[0] - height], pad);
    const [i, j, h, w] = RandomCrop.getParams(img, this.size);
    return F.crop(img, i, j, h, w);
  }

  override toString(): string {
    return `RandomCrop(size=${pyTupleOf(this.size.map(String))}, padding=${pyValue(this.padding)})`;
  }
}

export interface RandomResizedCropOptions {
  scale?: readonly [number, number] | null;
  ratio?: readonly [number, number] | null;
  interpolation?: InterpolationMode;
  antialias?: boolean | null;
}

const RANDOM_RESIZED_CROP = signature("RandomResizedCrop(int|int[] size, float[]? scale=None, float[]? ratio=None, str interpolation='bilinear', bool? antialias=None)");

/**
 * Crops a random region (area fraction in `scale`, aspect ratio in `ratio`) and resizes it to `size`.
 *
 * @example
 * new transforms.RandomResizedCrop(224);
 */
export class RandomResizedCrop extends Module {
  readonly size: [number, number];
  private readonly sizeText: string;
  readonly scale: readonly [number, number];
  readonly ratio: readonly [number, number];
  readonly interpolation: InterpolationMode;
  readonly antialias: boolean | null;

  /** The crop [top, left, height, width]: up to ten tries of two uniform draws (area, log-ratio) and two randint draws, then a central fallback. */
  static getParams(img: Image, scale: readonly number[], ratio: readonly number[]): [number, number, number, number] {
    const [, height, width] = getDimensions(img);
    const area = height * width;
    const logRatio = tensor([...ratio]).log().tolist() as number[];
    for (let k = 0; k < 10; k++) {
      const targetArea = area * uniform(scale[0]!, scale[1]!);
      const aspectRatio = tensor([uniform(logRatio[0]!, logRatio[1]!)]).exp().item();
      const w = roundHalfEven(Math.sqrt(targetArea * aspectRatio));
      const h = roundHalfEven(Math.sqrt(targetArea / aspectRatio));
      if (w > 0 && w <= width && h > 0 && h <= height) {
        const i = randomInt(0, height - h + 1);
        const j = randomInt(0, width - w + 1);
        return [i, j, h, w];
      }
    }
    const inRatio = width / height;
    let w: number;
    let h: number;
    if (inRatio < Math.min(...ratio)) {
      w = width;
      h = roundHalfEven(w / Math.min(...ratio));
    } else if (inRatio > Math.max(...ratio)) {
      h = height;
      w = roundHalfEven(h * Math.max(...ratio));
    } else {
      w = width;
      h = height;
    }
    return [Math.floor((height - h) / 2), Math.floor((width - w) / 2), h, w];
  }

  constructor(
    ...args: Args<
      [size: Size, scale: readonly [number, number] | null, ratio: readonly [number, number] | null, interpolation: InterpolationMode, antialias: boolean | null],
      RandomResizedCropOptions & { size?: Size }
    >
  ) {
    super();
    const o = RANDOM_RESIZED_CROP.parse<{ size: Size; scale: [number, number] | null; ratio: [number, number] | null; interpolation: string; antialias: boolean | null }>(args);
    ({ hw: this.size, text: this.sizeText } = setupSize(o.size));
    this.scale = o.scale ?? [0.08, 1.0];
    this.ratio = o.ratio ?? [3 / 4, 4 / 3];
    if (this.scale[0] > this.scale[1] || this.ratio[0] > this.ratio[1]) console.warn('UserWarning: Scale and ratio should be of kind (min, max)');
    this.interpolation = checkInterpolation(o.interpolation);
    this.antialias = o.antialias;
  }

  forward<T extends Image>(img: T): T {
    const [i, j, h, w] = RandomResizedCrop.getParams(img, this.scale, this.ratio);
    return F.resizedCrop(img, i, j, h, w, this.size, { interpolation: this.interpolation, antialias: this.antialias });
  }

  override toString(): string {
    const round4 = (v: number): string => pyFloat(Number(v.toFixed(4)));
    return `RandomResizedCrop(size=${this.sizeText}, scale=${pyTupleOf(this.scale.map(round4))}, ratio=${pyTupleOf(this.ratio.map(round4))}, interpolation=${this.interpolation}), antialias=${pyValue(this.antialias)})`;
  }
}

/**
 * The four corner crops and the central crop of `size`.
 *
 * @example
 * new transforms.FiveCrop(24).forward(img); // [tl, tr, bl, br, center]
 */
export class FiveCrop extends Module {
  readonly size: [number, number];
  private readonly sizeText: string;

  constructor(...args: Args<[size: Size], { size?: Size }>) {
    super();
    ({ hw: this.size, text: this.sizeText } = setupSize(sizeSignature('FiveCrop').parse<{ size: Size }>(args).size));
  }

  forward<T extends Image>(img: T): [T, T, T, T, T] {
    return F.fiveCrop(img, this.size);
  }

  override toString(): string {
    return `FiveCrop(size=${this.sizeText})`;
  }
}

const TEN_CROP = signature('TenCrop(int|int[] size, bool verticalFlip=False)');

/**
 * FiveCrop of the image and of its flip (horizontal, or vertical with verticalFlip).
 *
 * @example
 * new transforms.TenCrop(24, { verticalFlip: true }).forward(img); // ten images
 */
export class TenCrop extends Module {
  readonly size: [number, number];
  private readonly sizeText: string;
  readonly verticalFlip: boolean;

  constructor(...args: Args<[size: Size, verticalFlip: boolean], { size?: Size; verticalFlip?: boolean }>) {
    super();
    const o = TEN_CROP.parse<{ size: Size; verticalFlip: boolean }>(args);
    ({ hw: this.size, text: this.sizeText } = setupSize(o.size));
    this.verticalFlip = o.verticalFlip;
  }

  forward<T extends Image>(img: T): T[] {
    return F.tenCrop(img, this.size, { verticalFlip: this.verticalFlip });
  }

  override toString(): string {
    return `TenCrop(size=${this.sizeText}, vertical_flip=${pyBool(this.verticalFlip)})`;
  }
}

const FLIP_SIGNATURES = new Map<string, ReturnType<typeof signature>>();
/** p of a random flip, bound as Python binds `p=0.5`. */
function flipProbability(cls: string, args: unknown[]): number {
  let sig = FLIP_SIGNATURES.get(cls);
  if (sig === undefined) FLIP_SIGNATURES.set(cls, (sig = signature(`${cls}(float p=0.5)`)));
  return sig.parse<{ p: number }>(args).p;
}

/**
 * Flips left to right with probability p (one torch.rand(1) draw).
 *
 * @example
 * new transforms.RandomHorizontalFlip();
 */
export class RandomHorizontalFlip extends Module {
  readonly p: number;

  constructor(...args: Args<[p: number], { p?: number }>) {
    super();
    this.p = flipProbability('RandomHorizontalFlip', args);
  }

  forward<T extends Image>(img: T): T {
    return rand(1).item() < this.p ? F.hflip(img) : img;
  }

  override toString(): string {
    return `RandomHorizontalFlip(p=${pyFloat(this.p)})`;
  }
}

/**
 * Flips top to bottom with probability p (one torch.rand(1) draw).
 *
 * @example
 * new transforms.RandomVerticalFlip(0.3);
 */
export class RandomVerticalFlip extends Module {
  readonly p: number;

  constructor(...args: Args<[p: number], { p?: number }>) {
    super();
    this.p = flipProbability('RandomVerticalFlip', args);
  }

  forward<T extends Image>(img: T): T {
    return rand(1).item() < this.p ? F.vflip(img) : img;
  }

  override toString(): string {
    return `RandomVerticalFlip(p=${pyFloat(this.p)})`;
  }
}

export interface RandomRotationOptions {
  interpolation?: InterpolationMode;
  expand?: boolean;
  center?: readonly number[] | null;
  fill?: F.Fill;
}

const RANDOM_ROTATION = signature("RandomRotation(float|float[] degrees, str interpolation='nearest', bool expand=False, float[]? center=None, float|float[]? fill=0)");

/**
 * Rotates by an angle drawn uniformly from `degrees` ([-d, d] for a number d).
 *
 * @example
 * new transforms.RandomRotation(30, { interpolation: InterpolationMode.BILINEAR, fill: 0 });
 */
export class RandomRotation extends Module {
  readonly degrees: number[];
  readonly interpolation: InterpolationMode;
  readonly expand: boolean;
  readonly center: readonly number[] | null;
  readonly fill: number | readonly number[];

  /** The angle: one uniform draw in [degrees[0], degrees[1]). */
  static getParams(degrees: readonly number[]): number {
    return uniform(degrees[0]!, degrees[1]!);
  }

  constructor(
    ...args: Args<[degrees: number | readonly number[], interpolation: InterpolationMode, expand: boolean, center: readonly number[] | null, fill: F.Fill], RandomRotationOptions & { degrees?: number | readonly number[] }>
  ) {
    super();
    const o = RANDOM_ROTATION.parse<Required<RandomRotationOptions> & { degrees: number | readonly number[] }>(args);
    this.interpolation = checkInterpolation(o.interpolation);
    this.degrees = setupAngle(o.degrees, 'degrees', [2]);
    this.center = o.center;
    if (this.center !== null) checkSequence(this.center, 'center', [2]);
    this.expand = o.expand;
    this.fill = checkFill(o.fill);
  }

  forward<T extends Image>(img: T): T {
    const fill = fillFor(img, this.fill);
    const angle = RandomRotation.getParams(this.degrees);
    return F.rotate(img, angle, { interpolation: this.interpolation, expand: this.expand, center: this.center, fill });
  }

  override toString(): string {
    let s = `RandomRotation(degrees=${pyFloatList(this.degrees)}, interpolation=${this.interpolation}, expand=${pyBool(this.expand)}`;
    if (this.center !== null) s += `, center=${pyValue(this.center)}`;
    return `${s}, fill=${pyValue(this.fill)})`;
  }
}

export interface RandomAffineOptions {
  translate?: readonly number[] | null;
  scale?: readonly number[] | null;
  shear?: number | readonly number[] | null;
  interpolation?: InterpolationMode;
  fill?: F.Fill;
  center?: readonly number[] | null;
}

const RANDOM_AFFINE = signature(
  "RandomAffine(float|float[] degrees, float[]? translate=None, float[]? scale=None, float|float[]? shear=None, str interpolation='nearest', float|float[]? fill=0, float[]? center=None)",
);

/**
 * A random affine map: rotation from `degrees`, translation up to `translate` (fractions of width
 * and height), scale from `scale`, shear from `shear`.
 *
 * @example
 * new transforms.RandomAffine(15, { translate: [0.1, 0.1], scale: [0.9, 1.1], shear: 5 });
 */
export class RandomAffine extends Module {
  readonly degrees: number[];
  readonly translate: readonly number[] | null;
  readonly scale: readonly number[] | null;
  readonly shear: number[] | null;
  readonly interpolation: InterpolationMode;
  readonly fill: number | readonly number[];
  readonly center: readonly number[] | null;

  /**
   * [angle, [tx, ty], scale, [shearX, shearY]]: uniform draws for the angle, then the translations
   * (rounded half to even), the scale and the shears, each only when its range is given.
   */
  static getParams(
    degrees: readonly number[], translate: readonly number[] | null, scaleRanges: readonly number[] | null, shears: readonly number[] | null, imgSize: readonly [number, number],
  ): [number, [number, number], number, [number, number]] {
    const angle = uniform(degrees[0]!, degrees[1]!);
    let translations: [number, number] = [0, 0];
    if (translate !== null) {
      const maxDx = translate[0]! * imgSize[0];
      const maxDy = translate[1]! * imgSize[1];
      const tx = roundHalfEven(uniform(-maxDx, maxDx));
      const ty = roundHalfEven(uniform(-maxDy, maxDy));
      translations = [tx, ty];
    }
    const scale = scaleRanges !== null ? uniform(scaleRanges[0]!, scaleRanges[1]!) : 1;
    let shearX = 0;
    let shearY = 0;
    if (shears !== null) {
      shearX = uniform(shears[0]!, shears[1]!);
      if (shears.length === 4) shearY = uniform(shears[2]!, shears[3]!);
    }
    return [angle, translations, scale, [shearX, shearY]];
  }

  constructor(
    ...args: Args<
      [degrees: number | readonly number[], translate: readonly number[] | null, scale: readonly number[] | null, shear: number | readonly number[] | null, interpolation: InterpolationMode, fill: F.Fill, center: readonly number[] | null],
      RandomAffineOptions & { degrees?: number | readonly number[] }
    >
  ) {
    super();
    const options = RANDOM_AFFINE.parse<Required<RandomAffineOptions> & { degrees: number | readonly number[] }>(args);
    this.interpolation = checkInterpolation(options.interpolation);
    this.degrees = setupAngle(options.degrees, 'degrees', [2]);
    this.translate = options.translate ?? null;
    if (this.translate !== null) {
      checkSequence(this.translate, 'translate', [2]);
      if (this.translate.some((t) => !(t >= 0 && t <= 1))) throw new Error('translation values should be between 0 and 1');
    }
    this.scale = options.scale ?? null;
    if (this.scale !== null) {
      checkSequence(this.scale, 'scale', [2]);
      if (this.scale.some((s) => s <= 0)) throw new Error('scale values should be positive');
    }
    const shear = options.shear ?? null;
    this.shear = shear === null ? null : setupAngle(shear, 'shear', [2, 4]);
    this.fill = checkFill(options.fill);
    this.center = options.center ?? null;
    if (this.center !== null) checkSequence(this.center, 'center', [2]);
  }

  forward<T extends Image>(img: T): T {
    const fill = fillFor(img, this.fill);
    const [, height, width] = getDimensions(img);
    const [angle, translate, scale, shear] = RandomAffine.getParams(this.degrees, this.translate, this.scale, this.shear, [width, height]);
    return F.affine(img, { angle, translate, scale, shear, interpolation: this.interpolation, fill, center: this.center });
  }

  override toString(): string {
    let s = `RandomAffine(degrees=${pyFloatList(this.degrees)}`;
    if (this.translate !== null) s += `, translate=${pyValue(this.translate)}`;
    if (this.scale !== null) s += `, scale=${pyValue(this.scale)}`;
    if (this.shear !== null) s += `, shear=${pyFloatList(this.shear)}`;
    if (this.interpolation !== InterpolationMode.NEAREST) s += `, interpolation=${this.interpolation}`;
    if (this.fill !== 0) s += `, fill=${pyValue(this.fill)}`;
    if (this.center !== null) s += `, center=${pyValue(this.center)}`;
    return `${s})`;
  }
}

export interface RandomPerspectiveOptions {
  distortionScale?: number;
  p?: number;
  interpolation?: InterpolationMode;
  fill?: F.Fill;
}

const RANDOM_PERSPECTIVE = signature("RandomPerspective(float distortionScale=0.5, float p=0.5, str interpolation='bilinear', float|float[]? fill=0)");

/**
 * With probability p, a random perspective distortion: each corner moves inwards by up to
 * distortionScale × half the width or height.
 *
 * @example
 * new transforms.RandomPerspective({ distortionScale: 0.6, p: 1 });
 */
export class RandomPerspective extends Module {
  readonly distortionScale: number;
  readonly p: number;
  readonly interpolation: InterpolationMode;
  readonly fill: number | readonly number[];

  /** [startpoints, endpoints]: eight torch.randint draws, two per corner (top-left, top-right, bottom-right, bottom-left). */
  static getParams(width: number, height: number, distortionScale: number): [number[][], number[][]] {
    const halfHeight = Math.floor(height / 2);
    const halfWidth = Math.floor(width / 2);
    const dx = Math.trunc(distortionScale * halfWidth);
    const dy = Math.trunc(distortionScale * halfHeight);
    const topleft = [randomInt(0, dx + 1), randomInt(0, dy + 1)];
    const topright = [randomInt(width - dx - 1, width), randomInt(0, dy + 1)];
    const botright = [randomInt(width - dx - 1, width), randomInt(height - dy - 1, height)];
    const botleft = [randomInt(0, dx + 1), randomInt(height - dy - 1, height)];
    const startpoints = [[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]];
    return [startpoints, [topleft, topright, botright, botleft]];
  }

  constructor(...args: Args<[distortionScale: number, p: number, interpolation: InterpolationMode, fill: F.Fill], RandomPerspectiveOptions>) {
    super();
    const o = RANDOM_PERSPECTIVE.parse<Required<RandomPerspectiveOptions>>(args);
    this.distortionScale = o.distortionScale;
    this.p = o.p;
    this.interpolation = checkInterpolation(o.interpolation);
    this.fill = checkFill(o.fill);
  }

  forward<T extends Image>(img: T): T {
    const fill = fillFor(img, this.fill);
    const [, height, width] = getDimensions(img);
    if (rand(1).item() < this.p) {
      const [startpoints, endpoints] = RandomPerspective.getParams(width, height, this.distortionScale);
      return F.perspective(img, startpoints, endpoints, { interpolation: this.interpolation, fill });
    }
    return img;
  }

  override toString(): string {
    return `RandomPerspective(p=${pyFloat(this.p)})`;
  }
}
