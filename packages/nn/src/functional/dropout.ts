/**
 * Dropout: during training, each element (or each channel, for the feature variants) is zeroed with
 * probability p and the survivors are scaled by 1/(1 − p), as PyTorch's CPU _dropout. The mask is
 * drawn from the @x/tensor default Generator, so torch.manualSeed makes it reproducible.
 */
import { empty, type Tensor, tidy, signature } from '@x/tensor';
import { warnOnce } from './warn';
import type { Args } from '@x/tensor';

export interface DropoutOptions {
  p?: number;
  training?: boolean;
  inplace?: boolean;
}
type DropoutArgs = Args<[p: number, training: boolean, inplace: boolean], DropoutOptions>;

function parse(fn: string, input: Tensor, args: readonly unknown[]): Required<DropoutOptions> & { input: Tensor } {
  const o = signature(`${fn}(Tensor input, float p=0.5, bool training=True, bool inplace=False)`).parse<Required<DropoutOptions> & { input: Tensor }>([input, ...args]);
  if (!(o.p >= 0 && o.p <= 1)) throw new Error(`dropout probability has to be between 0 and 1, but got ${o.p}`);
  return o;
}

/** input·noise, where noise (broadcast over `noiseShape`) is Bernoulli(1 − p)/(1 − p). */
function applyNoise(input: Tensor, noiseShape: readonly number[], p: number, inplace: boolean): Tensor {
  if (p === 0 || input.numel() === 0) return input;
  return tidy(() => {
    // p = 1 multiplies by a zero scalar (so NaN and inf still propagate), as PyTorch.
    const noise =
      p === 1 ? empty([], { dtype: input.dtype, device: input.device }).fill_(0) : empty([...noiseShape], { dtype: input.dtype, device: input.device }).bernoulli_(1 - p).div_(1 - p);
    return inplace ? input.mul_(noise) : input.mul(noise);
  });
}

/**
 * Zeroes each element with probability p (training only) and scales the rest by 1/(1 − p).
 *
 * @example
 * F.dropout(x, 0.3); F.dropout(x, { p: 0.3, training: this.training });
 */
export function dropout(input: Tensor, ...args: DropoutArgs): Tensor {
  const o = parse('dropout', input, args);
  input = o.input;
  if (!o.training) return input;
  return applyNoise(input, input.shape, o.p, o.inplace);
}

/** Dropout of whole channels: one draw per (sample, channel), i.e. per entry of dims 0 and 1. */
function featureDropout(input: Tensor, p: number, inplace: boolean): Tensor {
  if (input.dim() < 2) throw new Error('Feature dropout requires at least 2 dimensions in the input');
  const shape = [input.shape[0]!, input.shape[1]!, ...Array<number>(input.dim() - 2).fill(1)];
  return applyNoise(input, shape, p, inplace);
}

/** Runs feature dropout on an input that may lack its batch dim (unsqueezed, then squeezed back). */
function maybeUnbatched(input: Tensor, batched: boolean, p: number, inplace: boolean): Tensor {
  if (batched) return featureDropout(input, p, inplace);
  if (inplace) {
    featureDropout(input.unsqueeze(0), p, true);
    return input;
  }
  return tidy(() => featureDropout(input.unsqueeze(0), p, false).squeeze(0));
}

/**
 * Zeroes whole channels of a (N, C, L) or (C, L) input.
 *
 * @example
 * F.dropout1d(x, 0.2);
 */
export function dropout1d(input: Tensor, ...args: DropoutArgs): Tensor {
  const o = parse('dropout1d', input, args);
  input = o.input;
  const d = input.dim();
  if (d !== 2 && d !== 3) {
    throw new Error(`dropout1d: Expected 2D or 3D input, but received a ${d}D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).`);
  }
  if (!o.training) return input;
  return maybeUnbatched(input, d === 3, o.p, o.inplace);
}

/**
 * Zeroes whole channels (feature maps) of a (N, C, H, W) input. A 3-D input is taken as (N, C, L),
 * as PyTorch 1.13 does (with its warning).
 *
 * @example
 * F.dropout2d(x, 0.2);
 */
export function dropout2d(input: Tensor, ...args: DropoutArgs): Tensor {
  const o = parse('dropout2d', input, args);
  input = o.input;
  const d = input.dim();
  if (d !== 3 && d !== 4) {
    warnOnce(`dropout2d: Received a ${d}-D input to dropout2d, which is deprecated and will result in an error in a future release. To retain the behavior and silence this warning, please use dropout instead. Note that dropout2d exists to provide channel-wise dropout on inputs with 2 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 3D or 4D inputs).`);
  }
  if (d === 3) {
    warnOnce('dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is desired - input is interpreted as shape (N, C, L), where C is the channel dim. This behavior will change in a future release to interpret the input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please switch to using dropout1d instead.');
  }
  if (!o.training) return input;
  return featureDropout(input, o.p, o.inplace);
}

/**
 * Zeroes whole channels of a (N, C, D, H, W) or (C, D, H, W) input.
 *
 * @example
 * F.dropout3d(x, 0.2);
 */
export function dropout3d(input: Tensor, ...args: DropoutArgs): Tensor {
  const o = parse('dropout3d', input, args);
  input = o.input;
  const d = input.dim();
  if (d !== 4 && d !== 5) {
    warnOnce(`dropout3d: Received a ${d}-D input to dropout3d, which is deprecated and will result in an error in a future release. To retain the behavior and silence this warning, please use dropout instead. Note that dropout3d exists to provide channel-wise dropout on inputs with 3 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 4D or 5D inputs).`);
  }
  if (!o.training) return input;
  return maybeUnbatched(input, d !== 4, o.p, o.inplace);
}
