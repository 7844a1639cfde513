/**
 * torch.nn.init: fill a tensor in place, without recording gradients, from the @x/tensor random
 * Generator (the default one unless `{ generator }` is given, as PyTorch 2 allows). Fan computation,
 * gain table and error messages are PyTorch 1.13's.
 *
 * @example
 * nn.init.kaimingNormal_(conv.weight, { mode: 'fan_out', nonlinearity: 'relu' });
 * nn.init.zeros_(conv.bias!);
 * nn.init.xavierUniform_(fc.weight, nn.init.calculateGain('tanh'));
 */
import { noGrad } from '@x/autograd';
import { empty, eye, randperm, stack, tensor as makeTensor, type Generator, type Tensor, signature } from '@x/tensor';
import type { Args } from '@x/tensor';

export interface GeneratorOptions {
  generator?: Generator;
}

export type Nonlinearity =
  | 'linear' | 'conv1d' | 'conv2d' | 'conv3d' | 'conv_transpose1d' | 'conv_transpose2d' | 'conv_transpose3d'
  | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';
export type FanMode = 'fan_in' | 'fan_out';

const LINEAR_FNS = ['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d'];

/**
 * The recommended gain for a nonlinearity (PyTorch's table: 1 for linear/conv/sigmoid, 5/3 for tanh,
 * √2 for relu, √(2 / (1 + slope²)) for leaky_relu with slope `param` (default 0.01), 3/4 for selu).
 *
 * @example
 * nn.init.calculateGain('leaky_relu', 0.2); // 1.3867504905630728
 */
export function calculateGain(nonlinearity: Nonlinearity | string, param?: number | null): number {
  if (LINEAR_FNS.includes(nonlinearity) || nonlinearity === 'sigmoid') return 1;
  if (nonlinearity === 'tanh') return 5.0 / 3;
  if (nonlinearity === 'relu') return Math.sqrt(2.0);
  if (nonlinearity === 'leaky_relu') {
    let slope: number;
    if (param === undefined || param === null) slope = 0.01;
    else if (typeof param === 'number') slope = param;
    else throw new Error(`negative_slope ${String(param)} not a valid number`);
    return Math.sqrt(2.0 / (1 + slope ** 2));
  }
  if (nonlinearity === 'selu') return 3.0 / 4;
  throw new Error(`Unsupported nonlinearity ${nonlinearity}`);
}

/**
 * [fan_in, fan_out] of a weight: dim 1 and dim 0 times the receptive field (the product of dims 2+).
 *
 * @example
 * nn.init.calculateFanInAndFanOut(torch.empty(6, 1, 5, 5)); // [25, 150]
 */
export function calculateFanInAndFanOut(tensor: Tensor): [number, number] {
  if (tensor.dim() < 2) throw new Error('Fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
  const receptive = tensor.shape.slice(2).reduce((a, b) => a * b, 1);
  return [tensor.shape[1]! * receptive, tensor.shape[0]! * receptive];
}

function correctFan(tensor: Tensor, mode: string): number {
  const m = mode.toLowerCase();
  if (m !== 'fan_in' && m !== 'fan_out') throw new Error(`Mode ${mode} not supported, please use one of ['fan_in', 'fan_out']`);
  const [fanIn, fanOut] = calculateFanInAndFanOut(tensor);
  return m === 'fan_in' ? fanIn : fanOut;
}

const UNIFORM_SIGNATURE = signature('uniform_(Tensor tensor, float a=0, float b=1, *, Generator? generator=None)');

/**
 * Fills with U(a, b).
 *
 * @example
 * nn.init.uniform_(w, -0.1, 0.1);
 */
export function uniform_(tensor: Tensor, ...args: Args<[a: number, b: number], { a?: number; b?: number } & GeneratorOptions>): Tensor {
  const o = UNIFORM_SIGNATURE.parse<{ a: number; b: number; generator?: Generator } & { tensor: typeof tensor }>([tensor, ...args]);
  ({ tensor } = o);
  return noGrad(() => tensor.uniform_(o.a, o.b, { generator: o.generator }));
}

const NORMAL_SIGNATURE = signature('normal_(Tensor tensor, float mean=0, float std=1, *, Generator? generator=None)');

/**
 * Fills with N(mean, std²).
 *
 * @example
 * nn.init.normal_(w, 0, 0.01);
 */
export function normal_(tensor: Tensor, ...args: Args<[mean: number, std: number], { mean?: number; std?: number } & GeneratorOptions>): Tensor {
  const o = NORMAL_SIGNATURE.parse<{ mean: number; std: number; generator?: Generator } & { tensor: typeof tensor }>([tensor, ...args]);
  ({ tensor } = o);
  return noGrad(() => tensor.normal_(o.mean, o.std, { generator: o.generator }));
}

const TRUNC_NORMAL_SIGNATURE = signature('truncNormal_(Tensor tensor, float mean=0, float std=1, float a=-2, float b=2, *, Generator? generator=None)');

/**
 * Fills with N(mean, std²) truncated to [a, b], by PyTorch's method: uniform draws between the
 * bounds' CDF values, mapped through the inverse normal CDF.
 *
 * @example
 * nn.init.truncNormal_(w, 0, 0.02, -0.04, 0.04);
 */
export function truncNormal_(
  tensor: Tensor,
  ...args: Args<[mean: number, std: number, a: number, b: number], { mean?: number; std?: number; a?: number; b?: number } & GeneratorOptions>
): Tensor {
  const o = TRUNC_NORMAL_SIGNATURE.parse<{ mean: number; std: number; a: number; b: number; generator?: Generator } & { tensor: typeof tensor }>([tensor, ...args]);
  ({ tensor } = o);
  const normCdf = (x: number): number => (1 + erf(x / Math.SQRT2)) / 2;
  if (o.mean < o.a - 2 * o.std || o.mean > o.b + 2 * o.std) {
    console.warn('mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The distribution of values may be incorrect.');
  }
  return noGrad(() => {
    const l = normCdf((o.a - o.mean) / o.std);
    const u = normCdf((o.b - o.mean) / o.std);
    tensor.uniform_(2 * l - 1, 2 * u - 1, { generator: o.generator });
    const z = erfinv(tensor);
    tensor.copy_(z);
    z.dispose();
    tensor.mul_(o.std * Math.SQRT2).add_(o.mean).clamp_(o.a, o.b);
    return tensor;
  });
}

const CONSTANT_SIGNATURE = signature('constant_(Tensor tensor, float val)');

/** Fills with `val`. */
export function constant_(tensor: Tensor, ...args: Args<[val: number], { val?: number }>): Tensor {
  const o = CONSTANT_SIGNATURE.parse<{ val: number } & { tensor: typeof tensor }>([tensor, ...args]);
  ({ tensor } = o);
  return noGrad(() => tensor.fill_(o.val));
}

/** Fills with 1. */
export function ones_(tensor: Tensor): Tensor {
  return noGrad(() => tensor.fill_(1));
}

/** Fills with 0. */
export function zeros_(tensor: Tensor): Tensor {
  return noGrad(() => tensor.zero_());
}

/**
 * A 2-D tensor becomes the identity (ones on the diagonal), which preserves a Linear layer's input.
 *
 * @example
 * nn.init.eye_(torch.empty(3, 5));
 */
export function eye_(tensor: Tensor): Tensor {
  if (tensor.dim() !== 2) throw new Error('Only tensors with 2 dimensions are supported');
  return noGrad(() => {
    const e = eye(tensor.shape[0]!, tensor.shape[1]!, { dtype: tensor.dtype, device: tensor.device });
    tensor.copy_(e);
    e.dispose();
    return tensor;
  });
}

const DIRAC_SIGNATURE = signature('dirac_(Tensor tensor, int groups=1)');

/**
 * A 3-, 4- or 5-D convolution weight becomes the Dirac delta (the convolution preserves its input's
 * channels), per group.
 *
 * @example
 * nn.init.dirac_(torch.empty(3, 16, 5, 5));
 */
export function dirac_(tensor: Tensor, ...args: Args<[groups: number], { groups?: number }>): Tensor {
  const o = DIRAC_SIGNATURE.parse<{ tensor: Tensor; groups: number }>([tensor, ...args]);
  tensor = o.tensor;
  const groups = o.groups;
  const d = tensor.dim();
  if (d !== 3 && d !== 4 && d !== 5) throw new Error('Only tensors with 3, 4, or 5 dimensions are supported');
  const sizes = tensor.shape;
  if (sizes[0]! % groups !== 0) throw new Error('dim 0 must be divisible by groups');
  const perGroup = sizes[0]! / groups;
  const minDim = Math.min(perGroup, sizes[1]!);
  return noGrad(() => {
    tensor.zero_();
    const outIdx: number[] = [];
    const inIdx: number[] = [];
    for (let g = 0; g < groups; g++) {
      for (let k = 0; k < minDim; k++) {
        outIdx.push(g * perGroup + k);
        inIdx.push(k);
      }
    }
    if (outIdx.length === 0) return tensor;
    const centres = sizes.slice(2).map((s) => makeTensor(outIdx.map(() => Math.floor(s / 2)), { device: tensor.device }));
    tensor.indexPut_([makeTensor(outIdx, { device: tensor.device }), makeTensor(inIdx, { device: tensor.device }), ...centres], 1);
    return tensor;
  });
}

const XAVIER_UNIFORM_SIGNATURE = signature('xavierUniform_(Tensor tensor, float gain=1, *, Generator? generator=None)');

/**
 * Glorot uniform: U(-a, a) with a = gain·√(6 / (fan_in + fan_out)).
 *
 * @example
 * nn.init.xavierUniform_(fc.weight);
 */
export function xavierUniform_(tensor: Tensor, ...args: Args<[gain: number], { gain?: number } & GeneratorOptions>): Tensor {
  const o = XAVIER_UNIFORM_SIGNATURE.parse<{ gain: number; generator?: Generator } & { tensor: typeof tensor }>([tensor, ...args]);
  ({ tensor } = o);
  const [fanIn, fanOut] = calculateFanInAndFanOut(tensor);
  const std = o.gain * Math.sqrt(2.0 / (fanIn + fanOut));
  const a = Math.sqrt(3.0) * std;
  return noGrad(() => tensor.uniform_(-a, a, { generator: o.generator }));
}

const XAVIER_NORMAL_SIGNATURE = signature('xavierNormal_(Tensor tensor, float gain=1, *, Generator? generator=None)');

/**
 * Glorot normal: N(0, std²) with std = gain·√(2 / (fan_in + fan_out)).
 *
 * @example
 * nn.init.xavierNormal_(fc.weight);
 */
export function xavierNormal_(tensor: Tensor, ...args: Args<[gain: number], { gain?: number } & GeneratorOptions>): Tensor {
  const o = XAVIER_NORMAL_SIGNATURE.parse<{ gain: number; generator?: Generator } & { tensor: typeof tensor }>([tensor, ...args]);
  ({ tensor } = o);
  const [fanIn, fanOut] = calculateFanInAndFanOut(tensor);
  const std = o.gain * Math.sqrt(2.0 / (fanIn + fanOut));
  return noGrad(() => tensor.normal_(0, std, { generator: o.generator }));
}

export interface KaimingOptions extends GeneratorOptions {
  /** The negative slope of the rectifier after this layer (leaky_relu only). */
  a?: number;
  mode?: FanMode;
  nonlinearity?: Nonlinearity;
}
type KaimingArgs = Args<[a: number, mode: FanMode, nonlinearity: Nonlinearity], KaimingOptions>;

function kaimingStd(name: string, tensor: Tensor, args: readonly unknown[]): { tensor: Tensor; std: number; generator?: Generator } | null {
  const o = signature(`${name}(Tensor tensor, float a=0, str mode='fan_in', str nonlinearity='leaky_relu', *, Generator? generator=None)`).parse<Required<Omit<KaimingOptions, 'generator'>> & GeneratorOptions & { tensor: Tensor }>([tensor, ...args]);
  tensor = o.tensor;
  if (tensor.shape.includes(0)) {
    console.warn('Initializing zero-element tensors is a no-op');
    return null;
  }
  const fan = correctFan(tensor, o.mode);
  return { tensor, std: calculateGain(o.nonlinearity, o.a) / Math.sqrt(fan), generator: o.generator };
}

/**
 * He uniform: U(-bound, bound) with bound = gain·√(3 / fan), fan_in by default.
 *
 * @example
 * nn.init.kaimingUniform_(w, { a: Math.sqrt(5) }); // what Linear and Conv do by default
 */
export function kaimingUniform_(tensor: Tensor, ...args: KaimingArgs): Tensor {
  const k = kaimingStd('kaimingUniform_', tensor, args);
  if (k === null) return tensor;
  tensor = k.tensor;
  const bound = Math.sqrt(3.0) * k.std;
  return noGrad(() => tensor.uniform_(-bound, bound, { generator: k.generator }));
}

/**
 * He normal: N(0, std²) with std = gain / √fan.
 *
 * @example
 * nn.init.kaimingNormal_(conv.weight, { mode: 'fan_out', nonlinearity: 'relu' });
 */
export function kaimingNormal_(tensor: Tensor, ...args: KaimingArgs): Tensor {
  const k = kaimingStd('kaimingNormal_', tensor, args);
  if (k === null) return tensor;
  tensor = k.tensor;
  return noGrad(() => tensor.normal_(0, k.std, { generator: k.generator }));
}

const ORTHOGONAL_SIGNATURE = signature('orthogonal_(Tensor tensor, float gain=1, *, Generator? generator=None)');

/**
 * A (semi-)orthogonal matrix, from the QR decomposition of a normal draw with R's diagonal made
 * positive (as PyTorch), times gain; dims after the first are flattened. The QR runs in float64 on
 * the host, so the tensor's backend must read synchronously (the CPU backends do).
 *
 * @example
 * nn.init.orthogonal_(lstm.weight_hh_l0);
 */
export function orthogonal_(tensor: Tensor, ...args: Args<[gain: number], { gain?: number } & GeneratorOptions>): Tensor {
  const o = ORTHOGONAL_SIGNATURE.parse<{ gain: number; generator?: Generator } & { tensor: typeof tensor }>([tensor, ...args]);
  ({ tensor } = o);
  if (tensor.dim() < 2) throw new Error('Only tensors with 2 or more dimensions are supported');
  if (tensor.numel() === 0) return tensor;
  const rows = tensor.shape[0]!;
  const cols = tensor.numel() / rows;
  return noGrad(() => {
    const flat = empty([rows, cols], { dtype: 'float64', device: tensor.device }).normal_(0, 1, { generator: o.generator });
    const a = Float64Array.from(flat.numpy() as Float64Array);
    flat.dispose();
    // QR of the tall orientation (rows < cols: of the transpose), as PyTorch.
    const tall = rows >= cols;
    const m = tall ? rows : cols;
    const n = tall ? cols : rows;
    const A = tall ? a : transpose(a, rows, cols);
    const q = thinQ(A, m, n);
    const result = tall ? q : transpose(q, m, n);
    const t = makeTensor(result, { dtype: 'float64', device: tensor.device }).reshape(tensor.shape);
    tensor.copy_(t);
    t.dispose();
    return tensor.mul_(o.gain);
  });
}

const SPARSE_SIGNATURE = signature('sparse_(Tensor tensor, float sparsity, float std=0.01, *, Generator? generator=None)');

/**
 * A 2-D tensor drawn from N(0, std²) with a fraction `sparsity` of each column set to zero.
 *
 * @example
 * nn.init.sparse_(w, 0.1);
 */
export function sparse_(tensor: Tensor, ...args: Args<[sparsity: number, std: number], { sparsity?: number; std?: number } & GeneratorOptions>): Tensor {
  const o = SPARSE_SIGNATURE.parse<{ sparsity: number; std: number; generator?: Generator } & { tensor: typeof tensor }>([tensor, ...args]);
  ({ tensor } = o);
  if (tensor.dim() !== 2) throw new Error('Only tensors with 2 dimensions are supported');
  const [rows, cols] = tensor.shape as [number, number];
  const numZeros = Math.ceil(o.sparsity * rows);
  return noGrad(() => {
    tensor.normal_(0, o.std, { generator: o.generator });
    if (numZeros === 0 || cols === 0) return tensor;
    // As PyTorch: one randperm(rows) per column, in column order; its first numZeros rows go to zero.
    const perms = Array.from({ length: cols }, () => randperm(rows, { generator: o.generator, device: tensor.device }).narrow(0, 0, Math.min(numZeros, rows)));
    const zeroRows = stack(perms, 1);
    tensor.scatter_(0, zeroRows, 0);
    for (const p of perms) p.dispose();
    zeroRows.dispose();
    return tensor;
  });
}

// ---- helpers ----

function transpose(a: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j]!;
  return out;
}

/** Q (m×n, m ≥ n) of A = QR by Householder reflections, its columns signed so R's diagonal is positive. */
function thinQ(A: Float64Array, m: number, n: number): Float64Array {
  const R = Float64Array.from(A);
  const vs: Float64Array[] = [];
  const diag = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += R[i * n + k]! ** 2;
    norm = Math.sqrt(norm);
    const x0 = R[k * n + k]!;
    const alpha = x0 > 0 ? -norm : norm;
    const v = new Float64Array(m - k);
    for (let i = k; i < m; i++) v[i - k] = R[i * n + k]!;
    v[0] = x0 - alpha;
    let vn = 0;
    for (let i = 0; i < v.length; i++) vn += v[i]! ** 2;
    vn = Math.sqrt(vn);
    if (vn > 0) for (let i = 0; i < v.length; i++) v[i] = v[i]! / vn;
    vs.push(v);
    for (let j = k; j < n; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += v[i - k]! * R[i * n + j]!;
      for (let i = k; i < m; i++) R[i * n + j] = R[i * n + j]! - 2 * v[i - k]! * s;
    }
    diag[k] = R[k * n + k]!;
  }
  const Q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) Q[j * n + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const v = vs[k]!;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += v[i - k]! * Q[i * n + j]!;
      for (let i = k; i < m; i++) Q[i * n + j] = Q[i * n + j]! - 2 * v[i - k]! * s;
    }
  }
  for (let j = 0; j < n; j++) {
    const s = Math.sign(diag[j]!);
    for (let i = 0; i < m; i++) Q[i * n + j] = Q[i * n + j]! * s;
  }
  return Q;
}

/** erf(x) of a number to ~1e-15: its Taylor series for |x| < 3, erfc's continued fraction beyond. */
function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax >= 6) return Math.sign(x);
  if (ax < 3) {
    let term = x;
    let sum = x;
    for (let k = 1; k < 200; k++) {
      term *= (-x * x) / k;
      const add = term / (2 * k + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc by its continued fraction (Lentz), for 3 ≤ |x| < 6.
  let f = ax;
  let c = ax;
  let d = 0;
  for (let k = 1; k < 200; k++) {
    const an = k / 2;
    d = ax + an * d;
    d = 1 / d;
    c = ax + an / c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / (f * Math.sqrt(Math.PI));
  return Math.sign(x) * (1 - erfc);
}

/**
 * erfinv elementwise with tensor ops (so on any backend): M. Giles' single-precision approximation
 * ("Approximating the erfinv function", 2010), then two Newton steps on erf for full precision.
 */
function erfinv(x: Tensor): Tensor {
  const w0 = x.neg().add(1).mul(x.add(1)).log().neg();
  const central = horner(w0.sub(2.5), [
    2.81022636e-8, 3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 2.1858087e-4, -1.25372503e-3, -4.17768164e-3, 0.246640727, 1.50140941,
  ]);
  const tail = horner(w0.sqrt().sub(3), [
    -2.00214257e-4, 1.00950558e-4, 1.34934322e-3, -3.67342844e-3, 5.73950773e-3, -7.6224613e-3, 9.43887047e-3, 1.00167406, 2.83297682,
  ]);
  // erfinv(±1) = ±inf, as PyTorch (a uniform_(-1, 1) draw of exactly -1 happens: trunc_normal_ then clamps it to a)
  let y = central.where(w0.lt(5), tail).mul(x).where(x.abs().ne(1), x.mul(Infinity));
  for (let i = 0; i < 2; i++) {
    // y -= (erf(y) - x) / (2/√π · exp(-y²))
    const step = y.erf().sub(x).div(y.square().neg().exp().mul(2 / Math.sqrt(Math.PI)));
    y = y.sub(step.where(step.isfinite(), 0));
  }
  return y;
}

function horner(w: Tensor, coeffs: readonly number[]): Tensor {
  let p = w.mul(0).add(coeffs[0]!);
  for (const c of coeffs.slice(1)) p = p.mul(w).add(c);
  return p;
}
