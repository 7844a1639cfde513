/** Upsample, UpsamplingNearest2d and UpsamplingBilinear2d. */
import type { Tensor } from '@x/tensor';
import { signature } from '@x/tensor';
import type { Args } from '@x/tensor';
import { interpolate, type InterpolateMode } from '../functional/upsampling';
import { Module } from '../module';
import { pyFloat, pyTuple } from './pyrepr';

export interface UpsampleOptions {
  size?: number | readonly number[] | null;
  scaleFactor?: number | readonly number[] | null;
  mode?: InterpolateMode;
  alignCorners?: boolean | null;
  recomputeScaleFactor?: boolean | null;
}

type SizeOrScale = Args<[size: number | readonly number[] | null, scaleFactor: number | readonly number[] | null], { size?: number | readonly number[] | null; scaleFactor?: number | readonly number[] | null }>;

/**
 * Resamples its input with F.interpolate. The repr is PyTorch's: the scale factor as a float (or a
 * tuple of floats), else the size, then the mode (`Upsample(scale_factor=2.0, mode=nearest)`).
 *
 * @example
 * new nn.Upsample({ scaleFactor: 2, mode: 'bilinear', alignCorners: true });
 * new nn.Upsample([64, 64]);
 */
export class Upsample extends Module {
  readonly size: number | readonly number[] | null;
  readonly scaleFactor: number | readonly number[] | null;
  readonly mode: InterpolateMode;
  readonly alignCorners: boolean | null;
  readonly recomputeScaleFactor: boolean | null;

  constructor(
    ...args: Args<[size: number | readonly number[] | null, scaleFactor: number | readonly number[] | null, mode: InterpolateMode, alignCorners: boolean | null, recomputeScaleFactor: boolean | null], UpsampleOptions>
  ) {
    super();
    const o = signature(`${new.target.name}(int|int[]? size=None, float|float[]? scaleFactor=None, str mode='nearest', bool? alignCorners=None, bool? recomputeScaleFactor=None)`).parse<Required<UpsampleOptions>>(args);
    this.size = o.size;
    this.scaleFactor = o.scaleFactor;
    this.mode = o.mode;
    this.alignCorners = o.alignCorners;
    this.recomputeScaleFactor = o.recomputeScaleFactor;
  }

  forward(input: Tensor): Tensor {
    return interpolate(input, this.size, this.scaleFactor, this.mode, this.alignCorners, this.recomputeScaleFactor);
  }

  override extraRepr(): string {
    const info =
      this.scaleFactor !== null
        ? `scale_factor=${typeof this.scaleFactor === 'number' ? pyFloat(this.scaleFactor) : pyTuple(this.scaleFactor, pyFloat)}`
        : `size=${this.size === null ? 'None' : typeof this.size === 'number' ? String(this.size) : pyTuple(this.size)}`;
    return `${info}, mode=${this.mode}`;
  }
}

const UPSAMPLING_NEAREST2D_SIGNATURE = signature('UpsamplingNearest2d(int|int[]? size=None, float|float[]? scaleFactor=None)');

/**
 * Nearest-neighbour upsampling of (N, C, H, W) inputs.
 *
 * @example
 * new nn.UpsamplingNearest2d({ scaleFactor: 2 });
 */
export class UpsamplingNearest2d extends Upsample {
  constructor(...args: SizeOrScale) {
    const o = UPSAMPLING_NEAREST2D_SIGNATURE.parse<{ size: number | readonly number[] | null; scaleFactor: number | readonly number[] | null }>(args);
    super(o.size, o.scaleFactor, 'nearest');
  }
}

const UPSAMPLING_BILINEAR2D_SIGNATURE = signature('UpsamplingBilinear2d(int|int[]? size=None, float|float[]? scaleFactor=None)');

/**
 * Bilinear upsampling of (N, C, H, W) inputs with align_corners=True.
 *
 * @example
 * new nn.UpsamplingBilinear2d({ scaleFactor: 2 });
 */
export class UpsamplingBilinear2d extends Upsample {
  constructor(...args: SizeOrScale) {
    const o = UPSAMPLING_BILINEAR2D_SIGNATURE.parse<{ size: number | readonly number[] | null; scaleFactor: number | readonly number[] | null }>(args);
    super(o.size, o.scaleFactor, 'bilinear', true);
  }
}
