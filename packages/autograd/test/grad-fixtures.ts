/**
 * The gradients real PyTorch computed (tools/gen_grad_fixtures.py → fixtures/grads.json), and the
 * same calls in @x: each fixture op key maps to the expression the generator ran.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { DType, Tensor } from '@x/tensor';
import { decodeValues, valuesMismatch, type EncodedTensor, type Tolerance } from '@x/tensor/testing';
import { grad } from '../src/index';

export type { EncodedTensor };
type Arg = EncodedTensor | number | null;

export interface GradCase {
  name: string;
  op: string;
  args: Arg[];
  kwargs: Record<string, unknown>;
  gradFn: string;
  upstream: EncodedTensor;
  grads: (EncodedTensor | null)[];
}

const FIXTURE = new URL('./fixtures/grads.json', import.meta.url);
export const CASES: readonly GradCase[] = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { cases: GradCase[] }).cases;

/** A tensor from its encoding; a permuted leaf keeps its permuted strides, as the generator built it. */
export function decode(e: EncodedTensor): Tensor {
  const flat = torch.tensor(decodeValues(e.data), { dtype: e.dtype });
  let t = flat.reshape(e.shape);
  if (e.permute) {
    const inv = new Array<number>(e.permute.length);
    e.permute.forEach((p, i) => (inv[p] = i));
    t = t.permute(inv).contiguous().permute(e.permute).detach();
    expect(t.isContiguous()).toBe(false);
  }
  return e.requiresGrad ? t.requiresGrad_() : t;
}

function isTensorArg(a: Arg): a is EncodedTensor {
  return a !== null && typeof a === 'object';
}

type Call = (args: (Tensor | number | null)[], kw: Record<string, unknown>) => Tensor;
const T = (a: Tensor | number | null): Tensor => a as Tensor;
const dimOpts = (kw: Record<string, unknown>): { dim?: number | number[]; keepdim?: boolean } =>
  kw.dim === undefined ? {} : { dim: kw.dim as number | number[], keepdim: Boolean(kw.keepdim) };

const UNARY = 'neg abs sign exp exp2 log log2 log10 log1p expm1 sqrt rsqrt sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh sigmoid relu floor ceil round trunc frac reciprocal square erf erfc'.split(' ');
const BINARY = 'add sub mul div pow maximum minimum fmod remainder atan2'.split(' ');

/** The @x spelling of every op key of the generator's CALLS. */
export const CALLS: Record<string, Call> = {
  ...Object.fromEntries(UNARY.map((op) => [op, ([x]) => (torch as unknown as Record<string, (t: Tensor) => Tensor>)[op]!(T(x))])),
  ...Object.fromEntries(BINARY.map((op) => [op, ([a, b]) => (torch as unknown as Record<string, (a: unknown, b: unknown) => Tensor>)[op]!(a, b)])),
  divFloor: ([a, b]) => torch.div(a!, b!, { roundingMode: 'floor' }),
  where: ([c, a, b]) => torch.where(T(c), a!, b!),
  clamp: ([x, lo, hi]) => torch.clamp(T(x), lo, hi),
  maskedFill: ([x, m, v]) => T(x).maskedFill(T(m), v!),
  to: ([x], kw) => T(x).to(kw.dtype as DType),
  clone: ([x]) => T(x).clone(),
  copy: ([dst, src]) => T(dst).clone().copy_(T(src)),
  fill: ([x, v]) => T(x).clone().fill_(v as number),
  sum: ([x], kw) => T(x).sum({ ...dimOpts(kw), ...(kw.dtype ? { dtype: kw.dtype as DType } : {}) }),
  mean: ([x], kw) => T(x).mean(dimOpts(kw)),
  prod: ([x], kw) => T(x).prod(dimOpts(kw)),
  amax: ([x], kw) => T(x).amax(dimOpts(kw)),
  amin: ([x], kw) => T(x).amin(dimOpts(kw)),
  max: ([x]) => T(x).max(),
  min: ([x]) => T(x).min(),
  maxDim: ([x], kw) => T(x).max(kw.dim as number, { keepdim: Boolean(kw.keepdim) })[0],
  minDim: ([x], kw) => T(x).min(kw.dim as number, { keepdim: Boolean(kw.keepdim) })[0],
  var: ([x], kw) => T(x).var({ ...dimOpts(kw), correction: (kw.correction as number | undefined) ?? 1 }),
  std: ([x], kw) => T(x).std({ ...dimOpts(kw), correction: (kw.correction as number | undefined) ?? 1 }),
  norm: ([x], kw) => {
    const p = kw.p === 'inf' ? Infinity : kw.p === '-inf' ? -Infinity : (kw.p as number);
    return kw.dim === undefined ? T(x).norm(p) : T(x).norm(p, kw.dim as number, { keepdim: Boolean(kw.keepdim) });
  },
  logsumexp: ([x], kw) => T(x).logsumexp(kw.dim as number | number[], { keepdim: Boolean(kw.keepdim) }),
  cumsum: ([x], kw) => T(x).cumsum(kw.dim as number),
  cumprod: ([x], kw) => T(x).cumprod(kw.dim as number),
  softmax: ([x], kw) => T(x).softmax(kw.dim as number),
  logSoftmax: ([x], kw) => T(x).logSoftmax(kw.dim as number),
  mm: ([a, b]) => torch.mm(T(a), T(b)),
  bmm: ([a, b]) => torch.bmm(T(a), T(b)),
  dot: ([a, b]) => torch.dot(T(a), T(b)),
  mv: ([a, b]) => torch.mv(T(a), T(b)),
  matmul: ([a, b]) => torch.matmul(T(a), T(b)),
  addmm: ([i, a, b], kw) => torch.addmm(T(i), T(a), T(b), kw as { beta?: number; alpha?: number }),
  seed: ([x]) => {
    const y = T(x).pow(2);
    return y.mul(y).mul(3).mean();
  },
  mlp: ([x, w1, b1, w2, b2]) => {
    const h = torch.relu(T(x).matmul(T(w1).t()).add(T(b1)));
    return torch.logSoftmax(torch.addmm(T(b2), h, T(w2).t()), 1);
  },
  expr: ([a, b]) => T(a).mul(T(b)).add(T(a).exp()).div(T(b).abs().add(1.5)).sum(1).sigmoid(),
  attention: ([q, k, v]) => T(q).matmul(T(k).transpose(-1, -2)).mul(0.25).softmax(-1).matmul(T(v)),
};

/**
 * Gradient tolerances: float64 as torch.testing (1e-7); float32 looser than the forward suite's
 * (a backward formula is a few ops, each a few ulp off PyTorch's SLEEF/cascade-sum results).
 */
const TOL: Partial<Record<DType, Tolerance>> = {
  float64: { rtol: 1e-7, atol: 1e-7 },
  float32: { rtol: 1e-5, atol: 1e-5 },
  float16: { rtol: 1e-3, atol: 1e-3 },
};

export function expectClose(actual: Tensor, expected: EncodedTensor, what: string): void {
  expect(actual.shape, `${what}: shape`).toEqual(expected.shape);
  expect(actual.dtype, `${what}: dtype`).toBe(expected.dtype);
  expect(valuesMismatch(actual.numpy() as ArrayLike<number>, decodeValues(expected.data), TOL[expected.dtype]!), what).toBeNull();
}

/** Runs a fixture case: the output's grad_fn name, then each input's gradient, against PyTorch's. */
export function runCase(c: GradCase): void {
  const args = c.args.map((a) => (isTensorArg(a) ? decode(a) : a));
  const out = CALLS[c.op]!(args, c.kwargs);
  expect(out.gradFn?.name, `${c.name}: grad_fn`).toBe(c.gradFn);
  const diff = args.map((a, i) => (a instanceof torch.Tensor && isTensorArg(c.args[i]!) && (c.args[i] as EncodedTensor).requiresGrad ? a : null));
  const inputs = diff.filter((a): a is Tensor => a !== null);
  const grads = grad(out, inputs, { gradOutputs: decode(c.upstream), allowUnused: true });
  let k = 0;
  diff.forEach((a, i) => {
    if (a === null) return;
    const g = grads[k++];
    const want = c.grads[i];
    if (want == null) expect(g, `${c.name}: grad ${i}`).toBeNull();
    else expectClose(g!, want, `${c.name}: grad ${i}`);
  });
}

export function casesFor(ops: readonly string[]): GradCase[] {
  return CASES.filter((c) => ops.includes(c.op));
}

/**
 * Cases that fail for a reason outside the formulas, each with the reason. They run as `it.fails`,
 * so a fix shows up as a failure here until the entry is removed.
 */
const KNOWN_GAPS: Record<string, string> = {
};

/** One test per case; known gaps run as expected failures. */
export function fixtureTests(cases: readonly GradCase[]): void {
  for (const c of cases) {
    if (KNOWN_GAPS[c.name]) it.fails(`${c.name} (known gap: ${KNOWN_GAPS[c.name]})`, () => runCase(c));
    else it(c.name, () => runCase(c));
  }
}
