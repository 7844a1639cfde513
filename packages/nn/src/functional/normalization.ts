/**
 * Batch, layer, group and instance normalization. Each is a handful of whole-tensor ops (statistics
 * by mean/var reductions, then one subtract, multiply and add broadcast over the channels), so the
 * op count does not grow with the number of channels, and autograd differentiates through the
 * statistics exactly as PyTorch's fused backward does.
 */
import { noGrad } from '@x/autograd';
import { type Tensor, tidy, signature } from '@x/tensor';
import type { Args } from '@x/tensor';

function shapeStr(t: Tensor): string {
  return `torch.Size([${t.shape.join(', ')}])`;
}

/** [1, C, 1, …] to broadcast a per-channel vector over an input of `ndim` dims (channels at dim 1). */
function channelShape(c: number, ndim: number): number[] {
  return [1, c, ...Array<number>(Math.max(ndim - 2, 0)).fill(1)];
}

/** (x − mean)·rsqrt(var + eps), then the affine weight and bias (each optional), broadcast by `shape`. */
function normalize(x: Tensor, mean: Tensor, variance: Tensor, eps: number, weight: Tensor | null, bias: Tensor | null, shape: number[]): Tensor {
  // Scale folds the weight into the (small) inverse std, so the full-size tensor sees one sub, one mul, one add.
  let scale = variance.add(eps).rsqrt();
  if (weight !== null) scale = scale.mul(weight.reshape(shape.length ? shape : [-1]));
  let y = x.sub(mean).mul(scale);
  if (bias !== null) y = y.add(bias.reshape(shape.length ? shape : [-1]));
  return y;
}

/** running ← (1 − momentum)·running + momentum·value, in place and unrecorded. */
function updateRunning(running: Tensor, value: Tensor, momentum: number): void {
  noGrad(() => {
    const v = value.detach().to(running.dtype);
    running.mul_(1 - momentum).add_(v.mul(momentum));
  });
}

export interface BatchNormOptions {
  runningMean?: Tensor | null;
  runningVar?: Tensor | null;
  weight?: Tensor | null;
  bias?: Tensor | null;
  training?: boolean;
  momentum?: number;
  eps?: number;
}

const BATCH_NORM_SIGNATURE = signature('batchNorm(Tensor input, Tensor? runningMean=None, Tensor? runningVar=None, Tensor? weight=None, Tensor? bias=None, bool training=False, float? momentum=0.1, float eps=1e-5)');

/**
 * Batch normalization over all dims but 1 (the channels). Training uses the batch's statistics and,
 * given running stats, updates them in place (the variance unbiased); otherwise the running stats
 * normalize.
 *
 * @example
 * F.batchNorm(x, runningMean, runningVar, weight, bias, true, 0.1, 1e-5);
 * F.batchNorm(x, null, null, { training: true });
 */
export function batchNorm(
  input: Tensor,
  ...args: Args<
    [runningMean: Tensor | null, runningVar: Tensor | null, weight: Tensor | null, bias: Tensor | null, training: boolean, momentum: number, eps: number],
    BatchNormOptions
  >
): Tensor {
  const o = BATCH_NORM_SIGNATURE.parse<Required<BatchNormOptions> & { input: typeof input }>([input, ...args]);
  ({ input } = o);
  if (input.dim() < 2) throw new Error(`Expected 2 or more dimensions (got ${input.dim()})`);
  const c = input.shape[1]!;
  const shape = channelShape(c, input.dim());
  for (const [name, t] of [['running_mean', o.runningMean], ['running_var', o.runningVar], ['weight', o.weight], ['bias', o.bias]] as const) {
    if (t !== null && t.numel() !== c) throw new Error(`${name} should contain ${c} elements not ${t.numel()}`);
  }
  if (o.training) {
    const perChannel = input.numel() / c;
    if (perChannel <= 1) throw new Error(`Expected more than 1 value per channel when training, got input size ${shapeStr(input)}`);
    const dims = [0, ...Array.from({ length: input.dim() - 2 }, (_, i) => i + 2)];
    return tidy(() => {
      const mean = input.mean(dims);
      const variance = input.var(dims, { unbiased: false });
      if (o.runningMean !== null) updateRunning(o.runningMean, mean, o.momentum);
      if (o.runningVar !== null) updateRunning(o.runningVar, variance.mul(perChannel / (perChannel - 1)), o.momentum);
      return normalize(input, mean.reshape(shape), variance.reshape(shape), o.eps, o.weight, o.bias, shape);
    });
  }
  if (o.runningMean === null || o.runningVar === null) {
    throw new Error(`running_mean and running_var must be defined in evaluation mode`);
  }
  const rm = o.runningMean;
  const rv = o.runningVar;
  return tidy(() => normalize(input, rm.reshape(shape), rv.reshape(shape), o.eps, o.weight, o.bias, shape));
}

export interface InstanceNormOptions extends BatchNormOptions {
  useInputStats?: boolean;
}

const INSTANCE_NORM_SIGNATURE = signature('instanceNorm(Tensor input, Tensor? runningMean=None, Tensor? runningVar=None, Tensor? weight=None, Tensor? bias=None, bool useInputStats=True, float? momentum=0.1, float eps=1e-5)');

/**
 * Normalization of each sample's channel over its spatial dims. With running stats and
 * useInputStats, they are updated with the batch average of the instance statistics (PyTorch's
 * instance_norm); with useInputStats false the running stats normalize.
 *
 * @example
 * F.instanceNorm(x); // x [N, C, H, W]
 */
export function instanceNorm(
  input: Tensor,
  ...args: Args<
    [runningMean: Tensor | null, runningVar: Tensor | null, weight: Tensor | null, bias: Tensor | null, useInputStats: boolean, momentum: number, eps: number],
    Omit<InstanceNormOptions, 'training'>
  >
): Tensor {
  const o = INSTANCE_NORM_SIGNATURE.parse<Required<Omit<InstanceNormOptions, 'training'>> & { input: typeof input }>([input, ...args]);
  ({ input } = o);
  if (input.dim() < 3) throw new Error(`Expected 3 or more dimensions (got ${input.dim()})`);
  const [n, c] = input.shape as [number, number];
  const shape = channelShape(c, input.dim());
  // PyTorch runs batch_norm on the input seen as (1, N·C, …) with the per-channel tensors repeated
  // N times, and reports sizes in those terms.
  for (const [name, t] of [['running_mean', o.runningMean], ['running_var', o.runningVar], ['weight', o.weight], ['bias', o.bias]] as const) {
    if (t !== null && t.numel() !== c) throw new Error(`${name} should contain ${n * c} elements not ${n * t.numel()}`);
  }
  if (!o.useInputStats) {
    if (o.runningMean === null || o.runningVar === null) throw new Error('Expected running_mean and running_var to be defined when use_input_stats is false');
    const rm = o.runningMean;
    const rv = o.runningVar;
    return tidy(() => normalize(input, rm.reshape(shape), rv.reshape(shape), o.eps, o.weight, o.bias, shape));
  }
  const spatial = input.shape.slice(2).reduce((a, b) => a * b, 1);
  if (spatial <= 1) throw new Error(`Expected more than 1 spatial element when training, got input size ${shapeStr(input)}`);
  const dims = Array.from({ length: input.dim() - 2 }, (_, i) => i + 2);
  return tidy(() => {
    const mean = input.mean(dims, { keepdim: true });
    const variance = input.var(dims, { unbiased: false, keepdim: true });
    if (o.runningMean !== null) updateRunning(o.runningMean, noGrad(() => mean.reshape(n, c).mean(0)), o.momentum);
    if (o.runningVar !== null) {
      updateRunning(o.runningVar, noGrad(() => variance.reshape(n, c).mean(0).mul(spatial / (spatial - 1))), o.momentum);
    }
    return normalize(input, mean, variance, o.eps, o.weight, o.bias, shape);
  });
}

const LAYER_NORM_SIGNATURE = signature('layerNorm(Tensor input, int|int[] normalizedShape, Tensor? weight=None, Tensor? bias=None, float eps=1e-5)');

/**
 * Normalization over the trailing dims given by normalizedShape, with an optional elementwise affine.
 *
 * @example
 * F.layerNorm(x, [10], weight, bias);
 */
export function layerNorm(
  input: Tensor,
  ...args: Args<
    [normalizedShape: number | readonly number[], weight: Tensor | null, bias: Tensor | null, eps: number],
    { normalizedShape?: number | readonly number[]; weight?: Tensor | null; bias?: Tensor | null; eps?: number }
  >
): Tensor {
  const o = LAYER_NORM_SIGNATURE.parse<{ normalizedShape: number | readonly number[]; weight: Tensor | null; bias: Tensor | null; eps: number } & { input: typeof input }>([input, ...args]);
  ({ input } = o);
  const ns = typeof o.normalizedShape === 'number' ? [o.normalizedShape] : [...o.normalizedShape];
  const k = ns.length;
  const tail = input.shape.slice(input.dim() - k);
  if (k === 0 || input.dim() < k || tail.some((d, i) => d !== ns[i])) {
    throw new Error(
      `Given normalized_shape=[${ns.join(', ')}], expected input with shape [*, ${ns.join(', ')}], but got input of size[${input.shape.join(', ')}]`,
    );
  }
  for (const [name, t] of [['weight', o.weight], ['bias', o.bias]] as const) {
    if (t !== null && (t.dim() !== k || t.shape.some((d, i) => d !== ns[i]))) {
      throw new Error(`Expected ${name} to be of same shape as normalized_shape, but got ${name} of shape [${t.shape.join(', ')}] and normalized_shape = [${ns.join(', ')}]`);
    }
  }
  const dims = Array.from({ length: k }, (_, i) => input.dim() - k + i);
  return tidy(() => {
    const mean = input.mean(dims, { keepdim: true });
    const variance = input.var(dims, { unbiased: false, keepdim: true });
    let y = input.sub(mean).mul(variance.add(o.eps).rsqrt());
    if (o.weight !== null) y = y.mul(o.weight);
    if (o.bias !== null) y = y.add(o.bias);
    return y;
  });
}

const GROUP_NORM_SIGNATURE = signature('groupNorm(Tensor input, int numGroups, Tensor? weight=None, Tensor? bias=None, float eps=1e-5)');

/**
 * Normalization over groups of channels (and all spatial dims) of each sample, then a per-channel
 * affine.
 *
 * @example
 * F.groupNorm(x, 2, weight, bias); // x [N, 6, H, W]: groups of 3 channels
 */
export function groupNorm(
  input: Tensor,
  ...args: Args<
    [numGroups: number, weight: Tensor | null, bias: Tensor | null, eps: number],
    { numGroups?: number; weight?: Tensor | null; bias?: Tensor | null; eps?: number }
  >
): Tensor {
  const o = GROUP_NORM_SIGNATURE.parse<{ numGroups: number; weight: Tensor | null; bias: Tensor | null; eps: number } & { input: typeof input }>([input, ...args]);
  ({ input } = o);
  if (input.dim() < 2) throw new Error(`Expected at least 2 dimensions for input tensor but received ${input.dim()}`);
  const [n, c] = input.shape as [number, number];
  const g = o.numGroups;
  if (c % g !== 0) {
    throw new Error(`Expected number of channels in input to be divisible by num_groups, but got input of shape [${input.shape.join(', ')}] and num_groups=${g}`);
  }
  for (const [name, t] of [['weight', o.weight], ['bias', o.bias]] as const) {
    if (t !== null && (t.dim() !== 1 || t.numel() !== c)) {
      throw new Error(`Expected ${name} to be a vector of size equal to the number of channels in input, but got ${name} of shape [${t.shape.join(', ')}] and input of shape [${input.shape.join(', ')}]`);
    }
  }
  const shape = channelShape(c, input.dim());
  return tidy(() => {
    const grouped = input.reshape(n, g, -1);
    const mean = grouped.mean(2, { keepdim: true });
    const variance = grouped.var(2, { unbiased: false, keepdim: true });
    let y = grouped.sub(mean).mul(variance.add(o.eps).rsqrt()).view(input.shape);
    if (o.weight !== null) y = y.mul(o.weight.reshape(shape));
    if (o.bias !== null) y = y.add(o.bias.reshape(shape));
    return y;
  });
}
