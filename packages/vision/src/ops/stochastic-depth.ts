/** torchvision.ops.stochastic_depth and StochasticDepth: drop whole residual branches while training. */
import { empty, signature, type Args, type Tensor } from '@x/tensor';
import { Module, pyFloat } from '@x/nn';

export type StochasticDepthMode = 'batch' | 'row';

const FUNCTION_SIGNATURE = signature('stochastic_depth(Tensor input, float p, str mode, bool training=True)');
const MODULE_SIGNATURE = signature('StochasticDepth(float p, str mode)');

function check(p: number, mode: string): void {
  if (p < 0 || p > 1) throw new Error(`drop probability has to be between 0 and 1, but got ${p}`);
  if (mode !== 'batch' && mode !== 'row') throw new Error(`mode has to be either 'batch' or 'row', but got ${mode}`);
}

/**
 * Zeroes the input with probability p, per row (`'row'`: each sample of the batch on its own) or
 * all at once (`'batch'`), scaling what survives by 1/(1 − p); the identity when not training or p
 * is 0. The mask is drawn as torchvision draws it: `empty(size).bernoulli_(1 − p)` from the global
 * generator (`torch.manualSeed`).
 *
 * @example
 * ops.stochasticDepth(x, 0.2, 'row'); // training; pass training=false (or use the module in eval) for the identity
 */
export function stochasticDepth(...args: Args<[input: Tensor, p: number, mode: StochasticDepthMode, training: boolean], { input?: Tensor; p?: number; mode?: StochasticDepthMode; training?: boolean }>): Tensor {
  const o = FUNCTION_SIGNATURE.parse<{ input: Tensor; p: number; mode: string; training: boolean }>(args);
  check(o.p, o.mode);
  const input = o.input;
  if (!o.training || o.p === 0) return input;
  const survivalRate = 1 - o.p;
  const size = o.mode === 'row' ? [input.shape[0] ?? 1, ...new Array<number>(Math.max(input.dim() - 1, 0)).fill(1)] : new Array<number>(input.dim()).fill(1);
  const noise = empty(size, { dtype: input.dtype, device: input.device }).bernoulli_(survivalRate);
  if (survivalRate > 0) noise.div_(survivalRate);
  return input.mul(noise);
}

/**
 * The module form of {@link stochasticDepth}: active in train(), the identity in eval().
 *
 * @example
 * const sd = new ops.StochasticDepth(0.1, 'row');
 */
export class StochasticDepth extends Module {
  readonly p: number;
  readonly mode: StochasticDepthMode;

  constructor(...args: Args<[p: number, mode: StochasticDepthMode], { p?: number; mode?: StochasticDepthMode }>) {
    super();
    const o = MODULE_SIGNATURE.parse<{ p: number; mode: StochasticDepthMode }>(args);
    this.p = o.p;
    this.mode = o.mode;
  }

  forward(input: Tensor): Tensor {
    return stochasticDepth(input, this.p, this.mode, this.training);
  }

  /** torchvision replaces the whole repr: `StochasticDepth(p=0.1, mode=row)`. */
  override toString(): string {
    return `StochasticDepth(p=${pyFloat(this.p)}, mode=${this.mode})`;
  }
}
