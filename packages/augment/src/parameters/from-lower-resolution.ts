/**
 * imgaug's FromLowerResolution: samples an image-shaped `[H, W, C]` (or `[N, H, W, C]`) array at a
 * lower resolution and scales it up with nearest-neighbour (cv2.INTER_NEAREST), so values come in
 * rectangular blocks (CoarseDropout's coarse masks).
 */
import { stack, tensor, type Tensor } from '@x/tensor';
import type { RandomState } from '../random/random-state';
import { Uniform } from './continuous';
import { Deterministic } from './deterministic';
import { DiscreteUniform } from './discrete';
import { describeArgument, StochasticParameter } from './stochastic-parameter';

export interface FromLowerResolutionOptions {
  /** The low resolution as a fraction of the requested height and width: a number, a range [a, b] or a parameter. */
  sizePercent?: number | readonly [number, number] | StochasticParameter<number> | null;
  /** The low resolution in pixels: an integer, a range [a, b] or a parameter. */
  sizePx?: number | readonly [number, number] | StochasticParameter<number> | null;
  /** The smallest low-resolution height and width (default 1). */
  minSize?: number;
}

function sizeParam(v: unknown, name: string, discrete: boolean): StochasticParameter<number> {
  if (typeof v === 'number') return new Deterministic(v);
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) {
    return discrete ? new DiscreteUniform(v[0], v[1]) : new Uniform(v[0], v[1]);
  }
  if (v instanceof StochasticParameter) return v as StochasticParameter<number>;
  throw new Error(`FromLowerResolution: expected ${name} as a number, a range [a, b] or a StochasticParameter, got ${describeArgument(v)}`);
}

/** OpenCV's INTER_NEAREST source index for each of dst positions: floor(i · src/dst), at most src − 1. */
function nearestIndex(src: number, dst: number): Tensor {
  const scale = src / dst;
  return tensor(Array.from({ length: dst }, (_, i) => Math.min(Math.floor(i * scale), src - 1)), { dtype: 'int64' });
}

/**
 * Values of other drawn on a coarse grid and scaled up.
 *
 * @example
 * new iap.FromLowerResolution(new iap.Binomial(0.9), { sizePercent: 0.05 }).drawSamples([64, 64, 1], 1);
 */
export class FromLowerResolution extends StochasticParameter<number> {
  readonly other: StochasticParameter<number>;
  readonly sizePercent: StochasticParameter<number> | null;
  readonly sizePx: StochasticParameter<number> | null;
  readonly minSize: number;

  constructor(other: StochasticParameter<number>, options: FromLowerResolutionOptions = {}) {
    super();
    if (!(other instanceof StochasticParameter)) throw new Error(`FromLowerResolution: expected other to be a StochasticParameter, got ${describeArgument(other)}`);
    const { sizePercent = null, sizePx = null, minSize = 1 } = options;
    if (sizePercent === null && sizePx === null) throw new Error("FromLowerResolution: expected either 'sizePercent' or 'sizePx', got neither");
    this.other = other;
    this.sizePercent = sizePercent === null ? null : sizeParam(sizePercent, 'sizePercent', false);
    this.sizePx = sizePercent !== null || sizePx === null ? null : sizeParam(sizePx, 'sizePx', true);
    this.minSize = minSize;
  }

  protected sample(dims: readonly number[], rs: RandomState): Tensor {
    if (dims.length !== 3 && dims.length !== 4) {
      throw new Error(`FromLowerResolution can only generate samples of shape [H, W, C] or [N, H, W, C], requested was [${dims.join(', ')}]`);
    }
    const [n, h, w, c] = (dims.length === 3 ? [1, ...dims] : dims) as [number, number, number, number];
    const sizes = this.sizePercent !== null
      ? this.sizePercent.drawValues([n, 2], rs).map((p, j) => Math.trunc(p * (j % 2 === 0 ? h : w)))
      : this.sizePx!.drawValues([n, 2], rs);
    const rows = Array.from({ length: n }, (_, i) => {
      const hSmall = Math.max(sizes[2 * i]!, this.minSize);
      const wSmall = Math.max(sizes[2 * i + 1]!, this.minSize);
      const small = this.other.drawSamples([hSmall, wSmall, c], rs);
      return small.indexSelect(0, nearestIndex(hSmall, h)).indexSelect(1, nearestIndex(wSmall, w));
    });
    return dims.length === 3 ? rows[0]! : stack(rows);
  }

  toString(): string {
    return `FromLowerResolution(size_percent=${this.sizePercent}, size_px=${this.sizePx}, method=nearest, other_param=${this.other})`;
  }
}
