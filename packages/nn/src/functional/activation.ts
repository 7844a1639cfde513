/**
 * Activation functions of torch.nn.functional, composed from @x/tensor ops so autograd
 * differentiates them. Where PyTorch's fused kernel has a particular gradient at a kink (ReLU6 and
 * Hardtanh pass none at their bounds, LeakyReLU passes the slope at 0, ELU alpha at 0), the
 * composition is chosen to give the same one. Branches that PyTorch's kernels skip are fed clamped
 * inputs, so an unused branch can never put inf·0 = NaN into a gradient.
 */
import { type DType, type Tensor, tidy, tracedInplace, where, bound, signature, type BoundFunction } from '@x/tensor';
import { warnOnce } from './warn';
import type { Args } from '@x/tensor';

/** Runs f as an in-place update of x (recorded as one in-place op when autograd is on). */
function inplace(x: Tensor, f: (t: Tensor) => Tensor): Tensor {
  tracedInplace(
    x,
    [],
    () => {
      const y = f(x);
      x.copy_(y);
      y.dispose();
    },
    f,
  );
  return x;
}

/** f(x), or f written into x; the intermediates f creates are freed either way. */
function maybeInplace(x: Tensor, isInplace: boolean, f: (t: Tensor) => Tensor): Tensor {
  const g = (t: Tensor): Tensor => tidy(() => f(t));
  return isInplace ? inplace(x, g) : g(x);
}

type InplaceArgs = Args<[inplace: boolean], { inplace?: boolean }>;
function inplaceArgs(fn: string, input: Tensor, args: readonly unknown[]): { input: Tensor; inplace: boolean } {
  return signature(`${fn}(Tensor input, bool inplace=False)`).parse<{ input: Tensor; inplace: boolean }>([input, ...args]);
}

/** x where lo < x < hi, else the bound: the gradient is x's strictly inside the bounds only (PyTorch's hardtanh_backward). */
function clampOpen(x: Tensor, lo: number, hi: number): Tensor {
  return where(x.gt(lo).logicalAnd(x.lt(hi)), x, x.detach().clamp(lo, hi));
}

/**
 * max(0, x).
 *
 * @example
 * F.relu(x); F.relu(x, { inplace: true });
 */
export function relu(input: Tensor, ...args: InplaceArgs): Tensor {
  const o = inplaceArgs('relu', input, args);
  return o.inplace ? o.input.relu_() : o.input.relu();
}

/** In-place relu. */
export function relu_(input: Tensor): Tensor {
  return input.relu_();
}

const HARDTANH_SIGNATURE = signature('hardtanh(Tensor input, float minVal=-1, float maxVal=1, bool inplace=False)');

/**
 * min(max(x, min_val), max_val); the gradient is zero at and beyond the bounds.
 *
 * @example
 * F.hardtanh(x, -2, 2);
 */
export function hardtanh(
  input: Tensor,
  ...args: Args<[minVal: number, maxVal: number, inplace: boolean], { minVal?: number; maxVal?: number; inplace?: boolean }>
): Tensor {
  const o = HARDTANH_SIGNATURE.parse<{ minVal: number; maxVal: number; inplace: boolean } & { input: typeof input }>([input, ...args]);
  ({ input } = o);
  if (o.minVal > o.maxVal) throw new Error('min_val cannot be greater than max_val');
  return maybeInplace(input, o.inplace, (x) => clampOpen(x, o.minVal, o.maxVal));
}

/**
 * min(max(0, x), 6).
 *
 * @example
 * F.relu6(x);
 */
export function relu6(input: Tensor, ...args: InplaceArgs): Tensor {
  const o = inplaceArgs('relu6', input, args);
  return maybeInplace(o.input, o.inplace, (x) => clampOpen(x, 0, 6));
}

const LEAKY_RELU_SIGNATURE = signature('leakyRelu(Tensor input, float negativeSlope=0.01, bool inplace=False)');

/**
 * x for x > 0, else negative_slope·x.
 *
 * @example
 * F.leakyRelu(x, 0.2);
 */
export function leakyRelu(input: Tensor, ...args: Args<[negativeSlope: number, inplace: boolean], { negativeSlope?: number; inplace?: boolean }>): Tensor {
  const o = LEAKY_RELU_SIGNATURE.parse<{ negativeSlope: number; inplace: boolean } & { input: typeof input }>([input, ...args]);
  ({ input } = o);
  return maybeInplace(input, o.inplace, (x) => where(x.gt(0), x, x.mul(o.negativeSlope)));
}

/**
 * x for x > 0, else weight·x, with one weight per channel (dim 1) or one shared.
 *
 * @example
 * F.prelu(x, torch.tensor([0.25]));
 */
export function prelu(input: Tensor, weight: Tensor): Tensor {
  const n = weight.numel();
  let w = weight;
  if (n !== 1) {
    const channels = input.dim() >= 2 ? input.shape[1]! : 1;
    if (channels !== n) {
      throw new Error(`Mismatch of parameter numbers and input channel size. Found parameter numbers = ${n} and channel size = ${channels}.`);
    }
    w = weight.reshape([n, ...Array<number>(Math.max(input.dim() - 2, 0)).fill(1)]);
  } else if (weight.dim() !== 1 || input.dim() === 0) w = weight.reshape(input.dim() === 0 ? [] : [1]);
  return tidy(() => where(input.gt(0), input, input.mul(w)));
}

/** alpha·(exp(min(x, 0)) − 1) for x ≤ 0, scaled, else x·scale (ELU, SELU and CELU share it). */
function eluLike(x: Tensor, alpha: number, scale: number, inputScale: number): Tensor {
  const negPart = x.clamp(null, 0);
  const neg = (inputScale === 1 ? negPart : negPart.mul(inputScale)).expm1().mul(alpha * scale);
  return where(x.gt(0), scale === 1 ? x : x.mul(scale), neg);
}

const ELU_SIGNATURE = signature('elu(Tensor input, float alpha=1, bool inplace=False)');

/**
 * x for x > 0, else alpha·(exp(x) − 1).
 *
 * @example
 * F.elu(x, 0.5);
 */
export function elu(input: Tensor, ...args: Args<[alpha: number, inplace: boolean], { alpha?: number; inplace?: boolean }>): Tensor {
  const o = ELU_SIGNATURE.parse<{ alpha: number; inplace: boolean } & { input: typeof input }>([input, ...args]);
  ({ input } = o);
  return maybeInplace(input, o.inplace, (x) => eluLike(x, o.alpha, 1, 1));
}

const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

/**
 * scale·elu(x, alpha) with the self-normalizing constants.
 *
 * @example
 * F.selu(x);
 */
export function selu(input: Tensor, ...args: InplaceArgs): Tensor {
  const o = inplaceArgs('selu', input, args);
  return maybeInplace(o.input, o.inplace, (x) => eluLike(x, SELU_ALPHA, SELU_SCALE, 1));
}

const CELU_SIGNATURE = signature('celu(Tensor input, float alpha=1, bool inplace=False)');

/**
 * max(0, x) + min(0, alpha·(exp(x/alpha) − 1)).
 *
 * @example
 * F.celu(x, 2);
 */
export function celu(input: Tensor, ...args: Args<[alpha: number, inplace: boolean], { alpha?: number; inplace?: boolean }>): Tensor {
  const o = CELU_SIGNATURE.parse<{ alpha: number; inplace: boolean } & { input: typeof input }>([input, ...args]);
  ({ input } = o);
  if (o.alpha === 0) throw new Error('ZeroDivisionError: alpha cannot be 0 for CELU');
  return maybeInplace(input, o.inplace, (x) => eluLike(x, o.alpha, 1, 1 / o.alpha));
}

export type GeluApproximate = 'none' | 'tanh';

const GELU_SIGNATURE = signature("gelu(Tensor input, *, str approximate='none')");

/**
 * x·Φ(x), exactly (erf) or with the tanh approximation.
 *
 * @example
 * F.gelu(x); F.gelu(x, { approximate: 'tanh' });
 */
export function gelu(input: Tensor, ...args: Args<[], { approximate?: GeluApproximate }>): Tensor {
  const o = GELU_SIGNATURE.parse<{ input: Tensor; approximate: GeluApproximate }>([input, ...args]);
  input = o.input;
  const approximate = o.approximate;
  if (approximate === 'none') return tidy(() => input.mul(0.5).mul(input.mul(Math.SQRT1_2).erf().add(1)));
  if (approximate === 'tanh') {
    return tidy(() => {
      const inner = input.mul(input).mul(input).mul(0.044715).add(input).mul(Math.sqrt(2 / Math.PI));
      return input.mul(0.5).mul(inner.tanh().add(1));
    });
  }
  throw new Error(`approximate argument must be either none or tanh.`);
}

/**
 * x·sigmoid(x) (swish).
 *
 * @example
 * F.silu(x);
 */
export function silu(input: Tensor, ...args: InplaceArgs): Tensor {
  const o = inplaceArgs('silu', input, args);
  return maybeInplace(o.input, o.inplace, (x) => x.mul(x.sigmoid()));
}

/**
 * x·tanh(softplus(x)).
 *
 * @example
 * F.mish(x);
 */
export function mish(input: Tensor, ...args: InplaceArgs): Tensor {
  const o = inplaceArgs('mish', input, args);
  return maybeInplace(o.input, o.inplace, (x) => x.mul(softplusOf(x, 1, 20).tanh()));
}

/** torch.sigmoid. */
export const sigmoid: BoundFunction<[input: Tensor] | [options: { input: Tensor }], Tensor> = bound('sigmoid(Tensor input)', (input: Tensor) => input.sigmoid());

/** torch.tanh. */
export const tanh: BoundFunction<[input: Tensor] | [options: { input: Tensor }], Tensor> = bound('tanh(Tensor input)', (input: Tensor) => input.tanh());

/**
 * x·relu6(x + 3)/6.
 *
 * @example
 * F.hardswish(x);
 */
export function hardswish(input: Tensor, ...args: InplaceArgs): Tensor {
  const o = inplaceArgs('hardswish', input, args);
  return maybeInplace(o.input, o.inplace, (x) => {
    // PyTorch's hardswish_backward: 0 below -3, x/3 + 0.5 from -3 up to 3, 1 from 3 on. (Its
    // vectorized CPU loop, which handles all but a tensor's last few elements, takes x = 3 as the
    // upper branch and its scalar tail as the middle one; this follows the vectorized loop.)
    return where(x.lt(-3), 0, where(x.lt(3), x.mul(x.add(3)).div(6), x));
  });
}

/**
 * relu6(x + 3)/6.
 *
 * @example
 * F.hardsigmoid(x);
 */
export function hardsigmoid(input: Tensor, ...args: InplaceArgs): Tensor {
  const o = inplaceArgs('hardsigmoid', input, args);
  return maybeInplace(o.input, o.inplace, (x) => clampOpen(x.add(3).div(6), 0, 1));
}

/** log(1 + exp(βx))/β, and x itself where βx > threshold (PyTorch's linear regime). */
function softplusOf(x: Tensor, beta: number, threshold: number): Tensor {
  return tidy(() => {
    const bx = beta === 1 ? x : x.mul(beta);
    const soft = bx.clamp(null, threshold).exp().log1p();
    return where(bx.gt(threshold), x, beta === 1 ? soft : soft.div(beta));
  });
}

const SOFTPLUS_SIGNATURE = signature('softplus(Tensor input, float beta=1, float threshold=20)');

/**
 * log(1 + exp(βx))/β, reverting to x where βx > threshold.
 *
 * @example
 * F.softplus(x, 2, 10);
 */
export function softplus(input: Tensor, ...args: Args<[beta: number, threshold: number], { beta?: number; threshold?: number }>): Tensor {
  const o = SOFTPLUS_SIGNATURE.parse<{ beta: number; threshold: number } & { input: typeof input }>([input, ...args]);
  ({ input } = o);
  return softplusOf(input, o.beta, o.threshold);
}

/**
 * log(sigmoid(x)), computed as −softplus(−x).
 *
 * @example
 * F.logsigmoid(x);
 */
export const logsigmoid: BoundFunction<[input: Tensor] | [options: { input: Tensor }], Tensor> = bound('logsigmoid(Tensor input)', (input: Tensor) => tidy(() => softplusOf(input.neg(), 1, 20).neg()));

/** x / (1 + |x|). */
export const softsign: BoundFunction<[input: Tensor] | [options: { input: Tensor }], Tensor> = bound('softsign(Tensor input)', (input: Tensor) => tidy(() => input.div(input.abs().add(1))));

/** x − tanh(x). */
export const tanhshrink: BoundFunction<[input: Tensor] | [options: { input: Tensor }], Tensor> = bound('tanhshrink(Tensor input)', (input: Tensor) => tidy(() => input.sub(input.tanh())));

const THRESHOLD_SIGNATURE = signature('threshold(Tensor input, float threshold, float value, bool inplace=False)');

/**
 * x where x > threshold, else value.
 *
 * @example
 * F.threshold(x, 0.1, 20);
 */
export function threshold(input: Tensor, ...args: Args<[threshold: number, value: number, inplace: boolean], { threshold?: number; value?: number; inplace?: boolean }>): Tensor {
  const o = THRESHOLD_SIGNATURE.parse<{ threshold: number; value: number; inplace: boolean } & { input: typeof input }>([input, ...args]);
  ({ input } = o);
  return maybeInplace(input, o.inplace, (x) => where(x.gt(o.threshold), x, o.value));
}

const GLU_SIGNATURE = signature('glu(Tensor input, int dim=-1)');

/**
 * a·sigmoid(b) of the two halves of x along dim.
 *
 * @example
 * F.glu(x, -1);
 */
export function glu(input: Tensor, ...args: Args<[dim: number], { dim?: number }>): Tensor {
  const o = GLU_SIGNATURE.parse<{ input: Tensor; dim: number }>([input, ...args]);
  input = o.input;
  const dim = o.dim;
  if (input.dim() === 0) throw new Error('glu does not support scalars because halving size must be even');
  const d = dim < 0 ? dim + input.dim() : dim;
  const n = input.shape[d]!;
  if (n % 2 !== 0) throw new Error(`Halving dimension must be even, but dimension ${d} is size ${n}`);
  return tidy(() => {
    const [a, b] = input.chunk(2, d) as [Tensor, Tensor];
    return a.mul(b.sigmoid());
  });
}

/** PyTorch's legacy choice when softmax gets no dim (deprecated there too): 0 for 0-, 1- and 3-D inputs, else 1. */
export function implicitSoftmaxDim(name: string, ndim: number): number {
  warnOnce(
    `Implicit dimension choice for ${name} has been deprecated. Change the call to include dim=X as an argument.`,
  );
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}


type SoftmaxArgs = Args<[dim: number | null], { dim?: number | null; dtype?: DType }>;

/** `op` names it in PyTorch's implicit-dim warning (log_softmax). */
function softmaxArgs(name: string, op: string, input: Tensor, args: readonly unknown[]): { input: Tensor; dim: number; dtype?: DType } {
  const o = signature(`${name}(Tensor input, int? dim=None, *, dtype? dtype=None)`).parse<{ input: Tensor; dim: number | null; dtype?: DType }>([input, ...args]);
  return { input: o.input, dim: o.dim ?? implicitSoftmaxDim(op, o.input.dim()), ...(o.dtype ? { dtype: o.dtype } : {}) };
}

/**
 * exp(x) / Σ exp(x) along dim.
 *
 * @example
 * F.softmax(logits, 1);
 */
export function softmax(input: Tensor, ...args: SoftmaxArgs): Tensor {
  const o = softmaxArgs('softmax', 'softmax', input, args);
  return o.input.softmax(o.dim, o.dtype ? { dtype: o.dtype } : undefined);
}

/**
 * log(softmax(x)) along dim, computed stably.
 *
 * @example
 * F.logSoftmax(logits, 1);
 */
export function logSoftmax(input: Tensor, ...args: SoftmaxArgs): Tensor {
  const o = softmaxArgs('logSoftmax', 'log_softmax', input, args);
  return o.input.logSoftmax(o.dim, o.dtype ? { dtype: o.dtype } : undefined);
}

/**
 * softmax(−x) along dim.
 *
 * @example
 * F.softmin(x, 1);
 */
export function softmin(input: Tensor, ...args: SoftmaxArgs): Tensor {
  const o = softmaxArgs('softmin', 'softmin', input, args);
  return tidy(() => o.input.neg().softmax(o.dim, o.dtype ? { dtype: o.dtype } : undefined));
}

// In-place forms, as torch.nn.functional's relu_, elu_, …: the same op with inplace set.

const HARDTANH_2_SIGNATURE = signature('hardtanh_(Tensor input, float minVal=-1, float maxVal=1)');

/** In-place hardtanh. */
export function hardtanh_(input: Tensor, ...args: Args<[minVal: number, maxVal: number], { minVal?: number; maxVal?: number }>): Tensor {
  const o = HARDTANH_2_SIGNATURE.parse<{ minVal: number; maxVal: number } & { input: typeof input }>([input, ...args]);
  ({ input } = o);
  return hardtanh(input, o.minVal, o.maxVal, true);
}

const LEAKY_RELU_2_SIGNATURE = signature('leakyRelu_(Tensor input, float negativeSlope=0.01)');

/** In-place leaky relu. */
export function leakyRelu_(input: Tensor, ...args: Args<[negativeSlope: number], { negativeSlope?: number }>): Tensor {
  const o = LEAKY_RELU_2_SIGNATURE.parse<{ input: Tensor; negativeSlope: number }>([input, ...args]);
  return leakyRelu(o.input, o.negativeSlope, true);
}

const ELU_2_SIGNATURE = signature('elu_(Tensor input, float alpha=1)');

/** In-place elu. */
export function elu_(input: Tensor, ...args: Args<[alpha: number], { alpha?: number }>): Tensor {
  const o = ELU_2_SIGNATURE.parse<{ input: Tensor; alpha: number }>([input, ...args]);
  return elu(o.input, o.alpha, true);
}

const CELU_2_SIGNATURE = signature('celu_(Tensor input, float alpha=1)');

/** In-place celu. */
export function celu_(input: Tensor, ...args: Args<[alpha: number], { alpha?: number }>): Tensor {
  const o = CELU_2_SIGNATURE.parse<{ input: Tensor; alpha: number }>([input, ...args]);
  return celu(o.input, o.alpha, true);
}

/** In-place selu. */
export function selu_(input: Tensor): Tensor {
  return selu(input, true);
}

const THRESHOLD_2_SIGNATURE = signature('threshold_(Tensor input, float threshold, float value)');

/** In-place threshold. */
export function threshold_(input: Tensor, ...args: Args<[threshold: number, value: number], { threshold?: number; value?: number }>): Tensor {
  const o = THRESHOLD_2_SIGNATURE.parse<{ threshold: number; value: number } & { input: typeof input }>([input, ...args]);
  ({ input } = o);
  return threshold(input, o.threshold, o.value, true);
}
