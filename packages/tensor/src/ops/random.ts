/**
 * Random creation and in-place fills. On CPU backends they are PyTorch's CPU generator, bit for bit
 * (mt19937 and the per-function algorithms of `random/cpu-distributions.ts`); GPU backends draw
 * @x's Philox stream in their kernels.
 */
import type { RandomKind } from '../backend';
import type { DType } from '../dtype';
import { assertDType, getDefaultDType, isFloatingPoint, isHalf, scalarTypeName } from '../dtype';
import { defaultGenerator, getCpuRandomStream, type Generator } from '../random/generator';
import { checkSize } from '../shape';
import { Tensor } from '../tensor';
import { castTo, copy_ } from './cast';
import { encode } from './create';
import { storageArrayType, type StorageArray } from '../dtype';
import {
  bernoulliTensorValues, bernoulliValues, exponentialValues, normalValues, randintValues, randomFullValues, randpermValues, uniformValues,
} from '../random/cpu-distributions';
import { binary } from './elementwise';
import { emptyTensor, resolveBackend, type CreationOptions } from './util';
import { bound, signature, type BoundFunction } from '../signature';

export interface GeneratorOption {
  generator?: Generator;
}
export type RandomOptions = CreationOptions & GeneratorOption;

/** Whether a backend draws from PyTorch's CPU generator (the CPU backends, unless setCpuRandomStream('philox')) rather than Philox. */
function pytorchStream(backend: Tensor['backend']): boolean {
  return backend.device === 'cpu' && getCpuRandomStream() === 'pytorch';
}

function onCpu(t: Tensor): boolean {
  return pytorchStream(t.backend);
}

/**
 * t as PyTorch's TensorIterator walks it for a nullary op: its dims ordered by stride, largest
 * outermost (memory order for a permuted tensor), so a serial kernel's n draws land where PyTorch's do.
 */
function inIteratorOrder(t: Tensor): Tensor {
  if (t.isContiguous()) return t;
  const dims = t.shape.map((_, i) => i);
  // TensorIterator's reorder_dimensions: a stable sort by stride, size-1 dims left where they are
  const order = dims.filter((d) => t.shape[d] !== 1).sort((a, b) => t.strides[b]! - t.strides[a]! || a - b);
  let k = 0;
  const perm = dims.map((d) => (t.shape[d] === 1 ? d : order[k++]!));
  return t.permute(perm);
}

/**
 * Writes n values drawn on the host into t (any layout), in the order PyTorch's serial kernel
 * visits it (row-major for a contiguous tensor, else memory order: inIteratorOrder). Typed arrays
 * of t's storage type are written directly.
 */
function writeValues(t: Tensor, values: ArrayLike<number | bigint>): void {
  const direct = values instanceof storageArrayType(t.dtype) ? (values as StorageArray) : encode(values, t.dtype);
  if (t.isContiguous()) {
    t.backend.write(t.storage.handle, direct, t.offset);
    t._version.value++;
    return;
  }
  const view = inIteratorOrder(t);
  const tmp = emptyTensor(view.shape, t.dtype, t.backend);
  tmp.backend.write(tmp.storage.handle, direct, 0);
  copy_(view, tmp);
  tmp.dispose();
  if (view !== t) view.dispose();
}

/** Whether the backend's kernels may run this draw (see CpuRandomArgs): normal only by normal_fill on float32, randint below 2^32. */
function kernelDraw(t: Tensor, kind: RandomKind, a: number, b: number): boolean {
  if (!t.backend.cpuRandom || !t.isContiguous()) return false;
  if (kind === 'normal') return t.dtype === 'float32' && t.numel() >= 16;
  if (kind === 'randint') return b - a < 2 ** 32;
  return true;
}

/** Fills t with PyTorch's CPU draw of `kind`: in the backend's kernels where it has them, else here. */
function fillCpu(t: Tensor, kind: RandomKind, a: number, b: number, generator: Generator): void {
  const n = t.numel();
  const dtype = t.dtype;
  if (kernelDraw(t, kind, a, b) && t.backend.cpuRandom!(t, { kind, a, b, engine: generator.mt })) {
    t._version.value++;
    return;
  }
  switch (kind) {
    case 'uniform':
      return writeValues(t, uniformValues(generator, dtype, n, a, b));
    case 'normal':
      return writeValues(t, normalValues(generator, dtype, n, a, b, t.isContiguous()));
    case 'randint':
      return writeValues(t, randintValues(generator, dtype, n, a, b));
    case 'bernoulli':
      return writeValues(t, bernoulliValues(generator, n, a));
  }
}

/** Fills t (any layout) with a draw of `kind`; on GPU backends half types are drawn in float32 and rounded. */
function fill(t: Tensor, kind: RandomKind, a: number, b: number, generator = defaultGenerator): void {
  t._live();
  const n = t.numel();
  if (n === 0) return;
  if (onCpu(t)) return fillCpu(t, kind, a, b, generator);
  // randint and bernoulli give integers, exact in every dtype; the others are rounded once from float32 for half types
  const drawType: DType = kind === 'randint' || kind === 'bernoulli' ? t.dtype : isHalf(t.dtype) ? 'float32' : t.dtype;
  const direct = drawType === t.dtype && t.isContiguous();
  const target = direct ? t : emptyTensor(t.shape, drawType, t.backend);
  const { seedLo, seedHi, offset } = generator.reserve(n);
  t.backend.random(target, { kind, seedLo, seedHi, offset, a, b });
  if (!direct) {
    copy_(t, target);
    target.dispose();
  } else t._version.value++;
}

function floatOnly(name: string, t: Tensor): void {
  if (!isFloatingPoint(t.dtype)) throw new Error(`"${name}" not implemented for '${scalarTypeName(t.dtype)}'`);
}

export function uniform_(t: Tensor, from = 0, to = 1, generator?: Generator | null): Tensor {
  floatOnly('check_uniform_bounds', t);
  if (from > to) throw new Error(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`);
  fill(t, 'uniform', from, to, generator ?? undefined);
  return t;
}

export function normal_(t: Tensor, mean = 0, std = 1, generator?: Generator | null): Tensor {
  floatOnly('normal_kernel_cpu', t);
  if (std < 0) throw new Error(`normal expects std >= 0.0, but found std ${std}`);
  fill(t, 'normal', mean, std, generator ?? undefined);
  return t;
}

// Largest integer each dtype represents exactly: random_() with no bounds draws from [0, this].
const RANDOM_MAX: Record<DType, number> = {
  float32: 2 ** 24, float64: 2 ** 53, float16: 2 ** 11, bfloat16: 2 ** 8, int32: 2 ** 31 - 1, int64: 2 ** 53, uint8: 255, bool: 1,
};

/** t.random_(), random_(to), random_(from, to): integers in [from, to) stored in t's dtype. */
export function random_(t: Tensor, from?: number | null, to?: number | null, generator?: Generator | null): Tensor {
  if (from == null && to == null && onCpu(t)) {
    t._live();
    if (t.numel() > 0) writeValues(t, randomFullValues(generator ?? defaultGenerator, t.dtype, t.numel()));
    return t;
  }
  let lo = 0;
  let hi = RANDOM_MAX[t.dtype] + 1;
  if (from != null && to == null) hi = from;
  else if (from != null && to != null) {
    lo = from;
    hi = to;
  }
  if (lo >= hi) throw new Error(`random_ expects 'from' to be less than 'to', but got from=${lo} >= to=${hi}`);
  if (isHalf(t.dtype) && !onCpu(t)) {
    const tmp = emptyTensor(t.shape, 'float32', t.backend);
    fill(tmp, 'randint', lo, hi, generator ?? undefined);
    copy_(t, tmp);
    tmp.dispose();
    return t;
  }
  fill(t, 'randint', lo, hi, generator ?? undefined);
  return t;
}

/**
 * t.bernoulli_(p): 1 with probability p, else 0, in one pass of the backend's 'bernoulli' fill: the
 * float64 uniform draw u is K * 2^-53 for the 53-bit draw K at the same counter, so u < p ⇔
 * K < ceil(p * 2^53) — the masks of randint(0, 2^53) compared with that bound, on every backend.
 */
export function bernoulli_(t: Tensor, p: number | Tensor = 0.5, generator?: Generator | null): Tensor {
  if (p instanceof Tensor) return bernoulliTensor_(t, p, generator);
  if (!(p >= 0 && p <= 1)) throw new Error(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
  fill(t, 'bernoulli', p, 0, generator ?? undefined);
  return t;
}

/**
 * t.exponential_(lambd): Exp(lambd) draws, -log(1 - u) / lambd for u uniform on [0, 1). On the CPU
 * backends PyTorch's exponential_distribution<double>, u from random64(); on GPU backends u is the
 * Philox uniform of t's dtype, transformed with tensor ops.
 */
export function exponential_(t: Tensor, lambd = 1, generator?: Generator | null): Tensor {
  floatOnly('exponential_cpu', t);
  if (!(lambd >= 0)) throw new Error(`exponential_ expects lambda >= 0.0, but found lambda=${lambd}`);
  t._live();
  const n = t.numel();
  if (n === 0) return t;
  if (onCpu(t)) {
    writeValues(t, exponentialValues(generator ?? defaultGenerator, t.dtype, n, lambd));
    return t;
  }
  fill(t, 'uniform', 0, 1, generator ?? undefined);
  const u = t.neg();
  const r = u.add_(1).log_().mul_(-1 / lambd);
  copy_(t, r);
  r.dispose();
  return t;
}

/**
 * t.bernoulli_(p) with a tensor of probabilities (broadcast to t's shape): one draw per element. On
 * the CPU backends PyTorch's bernoulli_tensor_cpu_kernel: a float64 p compares a float64 uniform, any
 * other dtype a float32 one (24 bits of random()); elsewhere the Philox float32 uniform below p.
 */
function bernoulliTensor_(t: Tensor, p: Tensor, generator?: Generator | null): Tensor {
  if (!isFloatingPoint(p.dtype)) throw new Error(`"bernoulli_tensor_cpu_p_" not implemented for '${scalarTypeName(p.dtype)}'`);
  t._live();
  const n = t.numel();
  if (n === 0) return t;
  const expanded = p.expand(t.shape);
  if (onCpu(t)) {
    const probs = castTo(expanded, p.dtype === 'float64' ? 'float64' : 'float32');
    const values = probs.numpy() as Float32Array | Float64Array;
    probs.dispose();
    expanded.dispose();
    writeValues(t, bernoulliTensorValues(generator ?? defaultGenerator, values, p.dtype === 'float64'));
    return t;
  }
  const u = emptyTensor(t.shape, 'float32', t.backend);
  fill(u, 'uniform', 0, 1, generator ?? undefined);
  const pf = castTo(expanded, 'float32');
  const mask = binary('lt', u, pf);
  copy_(t, mask);
  for (const x of [u, pf, mask, expanded]) x.dispose();
  return t;
}

/**
 * torch.bernoulli(input): a tensor of input's shape and dtype, 1 with the probability each element
 * of input gives (PyTorch: `empty_like(input).bernoulli_(input)`).
 *
 * @example
 * torch.bernoulli(torch.full([3], 0.5)); // e.g. tensor([1., 0., 1.])
 */
export function bernoulliOf(input: Tensor, generator?: Generator | null): Tensor {
  return bernoulli_(emptyTensor(input.shape, input.dtype, input.backend), input, generator);
}
export const bernoulli: BoundFunction<[input: Tensor, options?: GeneratorOption], Tensor> = bound('bernoulli(Tensor input, *, Generator? generator=None)', bernoulliOf);

/**
 * PyTorch's CPU multinomial with replacement (multinomial_with_replacement_kernel): per row, the
 * cumulative sums in the input's precision, divided by the total, the last set to 1; per sample a
 * float64 uniform and a binary search for the first bucket not below it.
 */
function multinomialWithReplacementCpu(probs: Float32Array | Float64Array, rows: number, n: number, numSamples: number, generator: Generator): Float64Array {
  const round = probs instanceof Float32Array ? Math.fround : (x: number): number => x;
  const out = new Float64Array(rows * numSamples);
  const cum = new Float64Array(n);
  const uniform = (): number => uniformValues(generator, 'float64', 1, 0, 1)[0]!;
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let j = 0; j < n; j++) cum[j] = sum = round(sum + probs[r * n + j]!);
    if (sum > 0 || (sum < 1.00001 && sum > 0.99999)) for (let j = 0; j < n; j++) cum[j] = round(cum[j]! / sum);
    cum[n - 1] = 1;
    for (let s = 0; s < numSamples; s++) {
      const u = uniform();
      let lo = 0;
      let hi = n;
      while (hi - lo > 0) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (cum[mid]! < u) lo = mid + 1;
        else hi = mid;
      }
      out[r * numSamples + s] = lo;
    }
  }
  return out;
}

function multinomialOf(input: Tensor, numSamples: number, replacement: boolean, generator?: Generator | null): Tensor {
  const nd = input.dim();
  if (nd !== 1 && nd !== 2) throw new Error(`prob_dist must be 1 or 2 dim`);
  if (!isFloatingPoint(input.dtype)) throw new Error(`multinomial only supports floating-point dtypes for input, got: ${scalarTypeName(input.dtype)}`);
  if (!(numSamples > 0)) throw new Error('cannot sample n_sample <= 0 samples');
  const n = input.shape[nd - 1]!;
  if (!replacement && numSamples > n) throw new Error('cannot sample n_sample > prob_dist.size(-1) samples without replacement');
  const rows = nd === 1 ? 1 : input.shape[0]!;
  const outShape = nd === 1 ? [numSamples] : [rows, numSamples];
  const gen = generator ?? defaultGenerator;
  if (input.backend.readSync) {
    const values = Array.from(input.contiguous().numpy() as ArrayLike<number>);
    if (!values.every((v) => v >= 0 && v < Infinity)) throw new Error('probability tensor contains either `inf`, `nan` or element < 0');
    for (let r = 0; r < rows; r++) {
      if (values.slice(r * n, (r + 1) * n).reduce((a, b) => a + b, 0) === 0) throw new Error('invalid multinomial distribution (sum of probabilities <= 0)');
    }
  }
  if (!replacement) {
    // PyTorch's path without replacement (the exponential trick): argmax / top-k of p / q with q ~ Exp(1)
    const q = exponential_(emptyTensor(input.shape, input.dtype, input.backend), 1, gen);
    const ratio = binary('div', input, q);
    q.dispose();
    let result: Tensor;
    if (numSamples === 1) result = ratio.argmax(-1, true);
    else {
      const [vals, idx] = ratio.topk(numSamples);
      vals.dispose();
      result = idx;
    }
    ratio.dispose();
    return result;
  }
  if (onCpu(input)) {
    const probs = castTo(input.contiguous(), input.dtype === 'float64' ? 'float64' : 'float32');
    const result = emptyTensor(outShape, 'int64', input.backend);
    writeValues(result, multinomialWithReplacementCpu(probs.numpy() as Float32Array | Float64Array, rows, n, numSamples, gen));
    probs.dispose();
    return result;
  }
  // Elsewhere: the bucket of each uniform draw, counted against the normalised cumulative sums.
  const p2 = input.reshape([rows, n]).to({ dtype: 'float32' });
  const cum = p2.cumsum(1).div(p2.sum(1, true));
  const u = emptyTensor([rows, numSamples, 1], 'float32', input.backend);
  fill(u, 'uniform', 0, 1, gen);
  const below = cum.narrow(1, 0, n - 1).unsqueeze(1).lt(u);
  const result = below.sum(-1).reshape(outShape);
  for (const x of [p2, cum, u, below]) x.dispose();
  return result;
}

/**
 * torch.multinomial(input, numSamples, replacement=false): indices drawn from each row of
 * probabilities (int64). On the CPU backends PyTorch's numbers for a seed: without replacement the top-k of p / q with q ~ Exp(1), with replacement a binary search of float64 uniforms in
 * the normalised cumulative sums.
 *
 * @example
 * torch.multinomial(torch.tensor([0.1, 0.6, 0.3]), 2); // e.g. tensor([1, 2])
 */
export const multinomial: BoundFunction<[input: Tensor, numSamples: number, replacement?: boolean, options?: GeneratorOption] | [input: Tensor, numSamples: number, options: GeneratorOption & { replacement?: boolean }], Tensor> = bound(
  'multinomial(Tensor input, int numSamples, bool replacement=False, *, Generator? generator=None)',
  multinomialOf,
);

/** The keyword-only arguments of the random factories. */
const RANDOM = '*, Generator? generator=None, dtype? dtype=None, device? device=None, bool requiresGrad=False';

/** The random factories' argument lists: the size as separate ints or one array, then the options. */
export type SizeArgs = (number | readonly number[] | RandomOptions)[];

function created(size: readonly number[], dtype: DType | null | undefined, device: string | null | undefined, defaultDType: DType): Tensor {
  return emptyTensor(checkSize(size as number[]), dtype ? assertDType(dtype) : defaultDType, resolveBackend(device ?? undefined));
}

type SizeFn = BoundFunction<SizeArgs | [options: RandomOptions & { size: readonly number[] }], Tensor>;

/** torch.rand(2, 3): uniform on [0, 1). */
export const rand: SizeFn = bound(`rand(int... size, ${RANDOM})`, (size: readonly number[], generator?: Generator | null, dtype?: DType | null, device?: string | null, requiresGrad = false) =>
  uniform_(created(size, dtype, device, getDefaultDType()), 0, 1, generator).requiresGrad_(requiresGrad));

/** torch.randn(2, 3): standard normal. */
export const randn: SizeFn = bound(`randn(int... size, ${RANDOM})`, (size: readonly number[], generator?: Generator | null, dtype?: DType | null, device?: string | null, requiresGrad = false) =>
  normal_(created(size, dtype, device, getDefaultDType()), 0, 1, generator).requiresGrad_(requiresGrad));

function randintIn(low: number, high: number, size: readonly number[], generator: Generator | null | undefined, dtype: DType | null | undefined, device: string | null | undefined, requiresGrad: boolean): Tensor {
  if (low >= high) throw new Error(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  return random_(created(size, dtype, device, 'int64'), low, high, generator).requiresGrad_(requiresGrad);
}

const RANDINT = signature(`randint(int high, int[] size, ${RANDOM})`, `randint(int low, int high, int[] size, ${RANDOM})`);

/** torch.randint(high, size) or randint(low, high, size): int64 by default. */
export const randint: BoundFunction<
  [high: number, size: readonly number[], options?: RandomOptions] | [low: number, high: number, size: readonly number[], options?: RandomOptions] | [options: RandomOptions & { low?: number; high: number; size: readonly number[] }] | [high: number, options: RandomOptions & { size: readonly number[] }],
  Tensor
> = bound(RANDINT, (...v: unknown[]) => {
  const [low, high, size, generator, dtype, device, requiresGrad] = (RANDINT.overload === 0 ? [0, ...v] : v) as [number, number, number[], Generator | null, DType | null, string | null, boolean];
  return randintIn(low, high, size, generator, dtype, device, requiresGrad);
});

type LikeFn<A extends readonly unknown[] = []> = BoundFunction<[input: Tensor, ...A, options?: RandomOptions], Tensor>;
export const randLike: LikeFn = bound(`randLike(Tensor input, ${RANDOM})`, (t: Tensor, generator?: Generator | null, dtype?: DType | null, device?: string | null, requiresGrad = false) =>
  uniform_(created(t.shape, dtype ?? t.dtype, device ?? t.device, t.dtype), 0, 1, generator).requiresGrad_(requiresGrad));
export const randnLike: LikeFn = bound(`randnLike(Tensor input, ${RANDOM})`, (t: Tensor, generator?: Generator | null, dtype?: DType | null, device?: string | null, requiresGrad = false) =>
  normal_(created(t.shape, dtype ?? t.dtype, device ?? t.device, t.dtype), 0, 1, generator).requiresGrad_(requiresGrad));

const RANDINT_LIKE = signature(`randintLike(Tensor input, int high, ${RANDOM})`, `randintLike(Tensor input, int low, int high, ${RANDOM})`);
export const randintLike: LikeFn<[high: number] | [low: number, high: number]> = bound(RANDINT_LIKE, (...v: unknown[]) => {
  const [t, low, high, generator, dtype, device, requiresGrad] = (RANDINT_LIKE.overload === 0 ? [v[0], 0, ...v.slice(1)] : v) as [Tensor, number, number, Generator | null, DType | null, string | null, boolean];
  return randintIn(low, high, t.shape, generator, dtype ?? t.dtype, device ?? t.device, requiresGrad);
});

const NORMAL = signature(
  'normal(Tensor mean, Tensor std, *, Generator? generator=None)',
  'normal(Tensor mean, float std=1.0, *, Generator? generator=None)',
  'normal(float mean, Tensor std, *, Generator? generator=None)',
  `normal(float mean, float std, int[] size, ${RANDOM})`,
);

/**
 * torch.normal(mean, std, size?): with tensors, one draw per element of the broadcast mean/std; with
 * numbers, a tensor of `size`.
 */
export const normal: BoundFunction<
  [mean: Tensor | number, std?: Tensor | number, options?: GeneratorOption] | [mean: number, std: number, size: readonly number[], options?: RandomOptions] | [options: RandomOptions & { mean: Tensor | number; std?: Tensor | number; size?: readonly number[] }],
  Tensor
> = bound(NORMAL, (...v: unknown[]) => {
  if (NORMAL.overload === 3) {
    const [mean, std, size, generator, dtype, device, requiresGrad] = v as [number, number, number[], Generator | null, DType | null, string | null, boolean];
    return normal_(created(size, dtype, device, getDefaultDType()), mean, std, generator).requiresGrad_(requiresGrad);
  }
  const [mean, std, generator] = v as [Tensor | number, Tensor | number, Generator | null];
  const ref = (mean instanceof Tensor ? mean : std) as Tensor;
  const shapeSrc = mean instanceof Tensor && std instanceof Tensor ? binary('add', mean, std) : ref;
  const z = normal_(created(shapeSrc.shape, ref.dtype, ref.device, ref.dtype), 0, 1, generator);
  if (shapeSrc !== ref) shapeSrc.dispose();
  const scaled = binary('mul', z, std);
  const out = binary('add', scaled, mean);
  z.dispose();
  scaled.dispose();
  return out;
});

/** torch.randperm(n): a random permutation of 0..n-1 (int64): PyTorch's shuffle on CPU, sorted random keys on GPUs. */
export const randperm: BoundFunction<[n: number, options?: RandomOptions] | [options: RandomOptions & { n: number }], Tensor> = bound(
  "randperm(int n, *, Generator? generator=None, dtype? dtype='int64', device? device=None, bool requiresGrad=False)",
  (n: number, generator: Generator | null | undefined, dtype: DType | null, device: string | null | undefined, requiresGrad: boolean): Tensor => {
    checkSize([n]);
    const backend = resolveBackend(device ?? undefined);
    if (pytorchStream(backend)) {
      const out = emptyTensor([n], dtype ?? 'int64', backend);
      if (n > 0) writeValues(out, randpermValues(generator ?? defaultGenerator, n));
      return out.requiresGrad_(requiresGrad);
    }
    // int64 keys K in [0, 2^53): by the Philox stream definition, K * 2^-53 is exactly the float64
    // uniform(0, 1) draw, so the permutation is the one float64 keys give, on backends without float64 too.
    const keys = emptyTensor([n], 'int64', backend);
    fill(keys, 'randint', 0, 2 ** 53, generator ?? undefined);
    const values = emptyTensor([n], 'int64', backend);
    const indices = emptyTensor([n], 'int64', backend);
    if (n > 0) backend.sort(keys, false, values, indices);
    keys.dispose();
    values.dispose();
    if ((dtype ?? 'int64') === 'int64') return indices.requiresGrad_(requiresGrad);
    const r = castTo(indices, dtype!);
    indices.dispose();
    return r.requiresGrad_(requiresGrad);
  },
);

/**
 * torch.get_rng_state(): the default generator's state as a uint8 tensor, PyTorch's 5056-byte layout.
 *
 * @example
 * const s = torch.getRngState();
 * const a = torch.rand(3);
 * torch.setRngState(s);
 * torch.rand(3).equal(a); // true
 */
export function getRngState(): Tensor {
  const bytes = defaultGenerator.getState();
  const t = emptyTensor([bytes.length], 'uint8', resolveBackend('cpu'));
  t.backend.write(t.storage.handle, bytes, 0);
  return t;
}

/** torch.set_rng_state(state): restores the default generator from getRngState() or PyTorch's torch.get_rng_state(). */
export function setRngState(state: Tensor): void {
  if (state.dtype !== 'uint8') throw new Error(`expected a torch.ByteTensor, but got ${scalarTypeName(state.dtype)}`);
  defaultGenerator.setState(Uint8Array.from(state.flatten().tolist() as number[]));
}
