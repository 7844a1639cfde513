/**
 * Activation functions of torch.nn.functional, composed from @x/tensor ops so autograd
 * differentiates them. Where PyTorch's fused kernel has a particular gradient at a kink (ReLU6 and
 * Hardtanh pass none at their bounds, LeakyReLU passes the slope at 0, ELU alpha at 0), the
 * composition is chosen to give the same one. Branches that PyTorch's kernels skip are fed clamped
 * inputs, so an unused branch can never put inf·0 = NaN into a gradient.
 */
import { type DType, type Tensor, tidy, tracedInplace, where } from '@x/tensor';
import { warnOnce } from './warn';
import { bindArgs, REQUIRED, type Args } from './args';

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
function inplaceArg(fn: string, args: readonly unknown[]): boolean {
  return bindArgs<{ inplace: boolean }>(fn, { inplace: false }, 1, args).inplace;
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
  return inplaceArg('relu', args) ? input.relu_() : input.relu();
}

/** In-place relu. */
export function relu_(input: Tensor): Tensor {
  return input.relu_();
}

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
  const o = bindArgs<{ minVal: number; maxVal: number; inplace: boolean }>('hardtanh', { minVal: -1, maxVal: 1, inplace: false }, 3, args);
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
  return maybeInplace(input, inplaceArg('relu6', args), (x) => clampOpen(x, 0, 6));
}

/**
 * x for x > 0, else negative_slope·x.
 *
 * @example
 * F.leakyRelu(x, 0.2);
 */
export function leakyRelu(input: Tensor, ...args: Args<[negativeSlope: number, inplace: boolean], { negativeSlope?: number; inplace?: boolean }>): Tensor {
  const o = bindArgs<{ negativeSlope: number; inplace: boolean }>('leaky_relu', { negativeSlope: 0.01, inplace: false }, 2, args);
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

/**
 * x for x > 0, else alpha·(exp(x) − 1).
 *
 * @example
 * F.elu(x, 0.5);
 */
export function elu(input: Tensor, ...args: Args<[alpha: number, inplace: boolean], { alpha?: number; inplace?: boolean }>): Tensor {
  const o = bindArgs<{ alpha: number; inplace: boolean }>('elu', { alpha: 1, inplace: false }, 2, args);
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
  return maybeInplace(input, inplaceArg('selu', args), (x) => eluLike(x, SELU_ALPHA, SELU_SCALE, 1));
}

/**
 * max(0, x) + min(0, alpha·(exp(x/alpha) − 1)).
 *
 * @example
 * F.celu(x, 2);
 */
export function celu(input: Tensor, ...args: Args<[alpha: number, inplace: boolean], { alpha?: number; inplace?: boolean }>): Tensor {
  const o = bindArgs<{ alpha: number; inplace: boolean }>('celu', { alpha: 1, inplace: false }, 2, args);
  if (o.alpha === 0) throw new Error('ZeroDivisionError: alpha cannot be 0 for CELU');
  return maybeInplace(input, o.inplace, (x) => eluLike(x, o.alpha, 1, 1 / o.alpha));
}

export type GeluApproximate = 'none' | 'tanh';

/**
 * x·Φ(x), exactly (erf) or with the tanh approximation.
 *
 * @example
 * F.gelu(x); F.gelu(x, { approximate: 'tanh' });
 */
export function gelu(input: Tensor, ...args: Args<[], { approximate?: GeluApproximate }>): Tensor {
  const { approximate } = bindArgs<{ approximate: GeluApproximate }>('gelu', { approximate: 'none' }, 0, args);
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
  return maybeInplace(input, inplaceArg('silu', args), (x) => x.mul(x.sigmoid()));
}

/**
 * x·tanh(softplus(x)).
 *
 * @example
 * F.mish(x);
 */
export function mish(input: Tensor, ...args: InplaceArgs): Tensor {
  return maybeInplace(input, inplaceArg('mish', args), (x) => x.mul(softplusOf(x, 1, 20).tanh()));
}

/** torch.sigmoid. */
export function sigmoid(input: Tensor): Tensor {
  return input.sigmoid();
}

/** torch.tanh. */
export function tanh(input: Tensor): Tensor {
  return input.tanh();
}

/**
 * x·relu6(x + 3)/6.
 *
 * @example
 * F.hardswish(x);
 */
export function hardswish(input: Tensor, ...args: InplaceArgs): Tensor {
  return maybeInplace(input, inplaceArg('hardswish', args), (x) => {
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
  return maybeInplace(input, inplaceArg('hardsigmoid', args), (x) => clampOpen(x.add(3).div(6), 0, 1));
}

/** log(1 + exp(βx))/β, and x itself where βx > threshold (PyTorch's linear regime). */
function softplusOf(x: Tensor, beta: number, threshold: number): Tensor {
  return tidy(() => {
    const bx = beta === 1 ? x : x.mul(beta);
    const soft = bx.clamp(null, threshold).exp().log1p();
    return where(bx.gt(threshold), x, beta === 1 ? soft : soft.div(beta));
  });
}

/**
 * log(1 + exp(βx))/β, reverting to x where βx > threshold.
 *
 * @example
 * F.softplus(x, 2, 10);
 */
export function softplus(input: Tensor, ...args: Args<[beta: number, threshold: number], { beta?: number; threshold?: number }>): Tensor {
  const o = bindArgs<{ beta: number; threshold: number }>('softplus', { beta: 1, threshold: 20 }, 2, args);
  return softplusOf(input, o.beta, o.threshold);
}

/**
 * log(sigmoid(x)), computed as −softplus(−x).
 *
 * @example
 * F.logsigmoid(x);
 */
export function logsigmoid(input: Tensor): Tensor {
  return tidy(() => softplusOf(input.neg(), 1, 20).neg());
}

/** x / (1 + |x|). */
export function softsign(input: Tensor): Tensor {
  return tidy(() => input.div(input.abs().add(1)));
}

/** x − tanh(x). */
export function tanhshrink(input: Tensor): Tensor {
  return tidy(() => input.sub(input.tanh()));
}

/**
 * x where x > threshold, else value.
 *
 * @example
 * F.threshold(x, 0.1, 20);
 */
export function threshold(input: Tensor, ...args: Args<[threshold: number, value: number, inplace: boolean], { threshold?: number; value?: number; inplace?: boolean }>): Tensor {
  const o = bindArgs<{ threshold: number; value: number; inplace: boolean }>('threshold', { threshold: REQUIRED, value: REQUIRED, inplace: false }, 3, args);
  return maybeInplace(input, o.inplace, (x) => where(x.gt(o.threshold), x, o.value));
}

/**
 * a·sigmoid(b) of the two halves of x along dim.
 *
 * @example
 * F.glu(x, -1);
 */
export function glu(input: Tensor, ...args: Args<[dim: number], { dim?: number }>): Tensor {
  const { dim } = bindArgs<{ dim: number }>('glu', { dim: -1 }, 1, args);
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

function softmaxArgs(name: string, input: Tensor, args: readonly unknown[]): { dim: number; dtype?: DType } {
  const o = bindArgs<{ dim: number | null; dtype?: DType }>(name, { dim: null, dtype: undefined }, 1, args);
  return { dim: o.dim ?? implicitSoftmaxDim(name, input.dim()), ...(o.dtype ? { dtype: o.dtype } : {}) };
}

/**
 * exp(x) / Σ exp(x) along dim.
 *
 * @example
 * F.softmax(logits, 1);
 */
export function softmax(input: Tensor, ...args: SoftmaxArgs): Tensor {
  const o = softmaxArgs('softmax', input, args);
  return input.softmax(o.dim, o.dtype ? { dtype: o.dtype } : undefined);
}

/**
 * log(softmax(x)) along dim, computed stably.
 *
 * @example
 * F.logSoftmax(logits, 1);
 */
export function logSoftmax(input: Tensor, ...args: SoftmaxArgs): Tensor {
  const o = softmaxArgs('log_softmax', input, args);
  return input.logSoftmax(o.dim, o.dtype ? { dtype: o.dtype } : undefined);
}

/**
 * softmax(−x) along dim.
 *
 * @example
 * F.softmin(x, 1);
 */
export function softmin(input: Tensor, ...args: SoftmaxArgs): Tensor {
  const o = softmaxArgs('softmin', input, args);
  return tidy(() => input.neg().softmax(o.dim, o.dtype ? { dtype: o.dtype } : undefined));
}

// In-place forms, as torch.nn.functional's relu_, elu_, …: the same op with inplace set.

/** In-place hardtanh. */
export function hardtanh_(input: Tensor, ...args: Args<[minVal: number, maxVal: number], { minVal?: number; maxVal?: number }>): Tensor {
  const o = bindArgs<{ minVal: number; maxVal: number }>('hardtanh_', { minVal: -1, maxVal: 1 }, 2, args);
  return hardtanh(input, o.minVal, o.maxVal, true);
}

/** In-place leaky relu. */
export function leakyRelu_(input: Tensor, ...args: Args<[negativeSlope: number], { negativeSlope?: number }>): Tensor {
  return leakyRelu(input, bindArgs<{ negativeSlope: number }>('leaky_relu_', { negativeSlope: 0.01 }, 1, args).negativeSlope, true);
}

/** In-place elu. */
export function elu_(input: Tensor, ...args: Args<[alpha: number], { alpha?: number }>): Tensor {
  return elu(input, bindArgs<{ alpha: number }>('elu_', { alpha: 1 }, 1, args).alpha, true);
}

/** In-place celu. */
export function celu_(input: Tensor, ...args: Args<[alpha: number], { alpha?: number }>): Tensor {
  return celu(input, bindArgs<{ alpha: number }>('celu_', { alpha: 1 }, 1, args).alpha, true);
}

/** In-place selu. */
export function selu_(input: Tensor): Tensor {
  return selu(input, true);
}

/** In-place threshold. */
export function threshold_(input: Tensor, ...args: Args<[threshold: number, value: number], { threshold?: number; value?: number }>): Tensor {
  const o = bindArgs<{ threshold: number; value: number }>('threshold_', { threshold: REQUIRED, value: REQUIRED }, 2, args);
  return threshold(input, o.threshold, o.value, true);
}
