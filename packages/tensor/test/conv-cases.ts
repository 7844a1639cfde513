/**
 * The convolution and pooling cases real PyTorch computed (tools/gen_conv_fixtures.py →
 * fixtures/conv.json) and the same calls in @x, shared by the forward suite (run on every backend:
 * conv.test.ts here, packages/backend-wasm/test/conv.test.ts) and the gradient suite
 * (packages/autograd/test/conv.test.ts).
 *
 * Every case runs through two call forms: PyTorch's positional order, and the required arguments
 * followed by one options object with camelCase keys.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';
import type { DType, Tensor } from '../src/index';
import { setColumnBudget } from '../src/ops/conv';
import { decodeValues, valuesMismatch, type EncodedTensor, type Tolerance } from '../src/testing/index';

export type { EncodedTensor };
type Encoded = EncodedTensor | number | string | boolean | null | Encoded[];

export interface ConvCase {
  name: string;
  fn: string;
  args: Encoded[];
  kwargs: Record<string, Encoded>;
  out: EncodedTensor | EncodedTensor[] | { error: string };
  gradFn?: string;
  upstream?: EncodedTensor;
  grads?: (EncodedTensor | null)[];
}

const FIXTURE = new URL('./fixtures/conv.json', import.meta.url);
export const CONV_CASES: readonly ConvCase[] = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { cases: ConvCase[] }).cases;

export function isTensorEncoding(v: unknown): v is EncodedTensor {
  return typeof v === 'object' && v !== null && (v as { tensor?: unknown }).tensor === true;
}

export function isError(out: ConvCase['out']): out is { error: string } {
  return !Array.isArray(out) && !isTensorEncoding(out);
}

/** A tensor on the default backend; `withGrad` makes the inputs the generator differentiated require grad. */
export function decodeTensor(e: EncodedTensor, withGrad = false): Tensor {
  const t = torch.tensor(decodeValues(e.data), { dtype: e.dtype }).reshape(e.shape);
  return withGrad && e.requiresGrad ? t.requiresGrad_() : t;
}

function decode(v: Encoded, withGrad: boolean): unknown {
  if (isTensorEncoding(v)) return decodeTensor(v, withGrad);
  if (Array.isArray(v)) return v.map((x) => decode(x, withGrad));
  return v;
}

type Fn = (...args: never[]) => Tensor | [Tensor, Tensor];

/** Each PyTorch function: ours, and its optional parameters in PyTorch's positional order. */
const FUNCTIONS: Record<string, { ours: Fn; optional: readonly string[] }> = {
  conv1d: { ours: torch.conv1d as unknown as Fn, optional: ['bias', 'stride', 'padding', 'dilation', 'groups'] },
  conv2d: { ours: torch.conv2d as unknown as Fn, optional: ['bias', 'stride', 'padding', 'dilation', 'groups'] },
  conv_transpose1d: { ours: torch.convTranspose1d as unknown as Fn, optional: ['bias', 'stride', 'padding', 'output_padding', 'groups', 'dilation'] },
  conv_transpose2d: { ours: torch.convTranspose2d as unknown as Fn, optional: ['bias', 'stride', 'padding', 'output_padding', 'groups', 'dilation'] },
  max_pool1d: { ours: torch.maxPool1d as unknown as Fn, optional: ['stride', 'padding', 'dilation', 'ceil_mode', 'return_indices'] },
  max_pool2d: { ours: torch.maxPool2d as unknown as Fn, optional: ['stride', 'padding', 'dilation', 'ceil_mode', 'return_indices'] },
  avg_pool1d: { ours: torch.avgPool1d as unknown as Fn, optional: ['stride', 'padding', 'ceil_mode', 'count_include_pad'] },
  avg_pool2d: { ours: torch.avgPool2d as unknown as Fn, optional: ['stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'] },
  adaptive_avg_pool1d: { ours: torch.adaptiveAvgPool1d as unknown as Fn, optional: [] },
  adaptive_avg_pool2d: { ours: torch.adaptiveAvgPool2d as unknown as Fn, optional: [] },
  adaptive_max_pool2d: { ours: torch.adaptiveMaxPool2d as unknown as Fn, optional: ['return_indices'] },
  max_unpool2d: { ours: torch.maxUnpool2d as unknown as Fn, optional: ['stride', 'padding', 'output_size'] },
  unfold: { ours: torch.unfold as unknown as Fn, optional: ['dilation', 'padding', 'stride'] },
  fold: { ours: torch.fold as unknown as Fn, optional: ['dilation', 'padding', 'stride'] },
};

function camel(s: string): string {
  return s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export type CallForm = 'positional' | 'options';
export const CALL_FORMS: readonly CallForm[] = ['positional', 'options'];

/** The tensors a case passes, in the order of its `grads` (args first, then kwargs). */
export interface Call {
  result: () => Tensor | [Tensor, Tensor];
  tensors: Tensor[];
}

/** Decodes a case's arguments (afresh) and prepares the call in one form. */
export function prepare(c: ConvCase, form: CallForm, withGrad = false): Call {
  const spec = FUNCTIONS[c.fn];
  if (!spec) throw new Error(`no mapping for ${c.fn}`);
  const args = c.args.map((a) => decode(a, withGrad));
  const kwargs = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [k, decode(v, withGrad)]));
  const tensors = [...args, ...Object.values(kwargs)].filter((v): v is Tensor => v instanceof torch.Tensor);
  let call: unknown[];
  if (form === 'options') {
    call = Object.keys(kwargs).length === 0 ? args : [...args, Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [camel(k), v]))];
  } else {
    const rest = spec.optional.map((k) => kwargs[k]);
    while (rest.length > 0 && rest[rest.length - 1] === undefined) rest.pop();
    call = [...args, ...rest];
  }
  return { result: () => (spec.ours as (...a: unknown[]) => Tensor | [Tensor, Tensor])(...call), tensors };
}

/**
 * Tolerances. float32: rtol 1e-5, atol 1e-5 — each output is a sum of up to a few hundred float32
 * products (C*K for conv, N*L for weight gradients); PyTorch (oneDNN) and we sum in different orders
 * and blockings, and the rounding error of such sums grows with their length (about
 * sqrt(n) * 6e-8 * the sum of |terms|), a few 1e-6 here; 1e-5 still tells a wrong window from a right
 * one by orders of magnitude. float64: 1e-10 (the same sums, 2^29 times finer). Integers (indices):
 * exact.
 */
export function tolerance(dtype: DType): Tolerance {
  if (dtype === 'float64') return { rtol: 1e-10, atol: 1e-10 };
  if (dtype === 'float32') return { rtol: 1e-5, atol: 1e-5 };
  return { rtol: 0, atol: 0 };
}

/** Expects `actual` to match the encoding in shape, dtype and values (within the dtype's tolerance). */
export function expectClose(actual: Tensor, expected: EncodedTensor, what: string): void {
  expect(actual.shape, `${what}: shape`).toEqual(expected.shape);
  expect(actual.dtype, `${what}: dtype`).toBe(expected.dtype);
  expect(valuesMismatch(actual.numpy() as ArrayLike<number | bigint>, decodeValues(expected.data), tolerance(expected.dtype)), `${what}: values`).toBeNull();
}

/** Convolution cases (whose batch the column budget cuts into chunks). */
export function isConvolution(c: ConvCase): boolean {
  return c.fn.startsWith('conv');
}

/**
 * Runs `body` with a column budget so small that every convolution works one image at a time,
 * so the chunked paths (several GEMMs, joined results, summed weight gradients) are checked too.
 */
export function withTinyColumnBudget(body: () => void): void {
  const previous = setColumnBudget(1);
  try {
    body();
  } finally {
    setColumnBudget(previous);
  }
}

/** The forward suite: every case, every call form, outputs (or error messages) against PyTorch's, on `backendName`. */
export function runConvForward(backendName: string): void {
  describe(`convolution and pooling match PyTorch 1.13 (fixtures/conv.json) on ${backendName}`, () => {
    it('runs on the backend under test', () => {
      expect(torch.tensor([1]).backend.name).toBe(backendName);
    });
    for (const c of CONV_CASES) {
      it(c.name, () => checkForward(c));
    }
  });
  describe(`convolutions one image per chunk on ${backendName}`, () => {
    for (const c of CONV_CASES.filter((k) => isConvolution(k) && !isError(k.out))) {
      it(c.name, () => withTinyColumnBudget(() => checkForward(c)));
    }
  });
}

function checkForward(c: ConvCase): void {
  for (const form of CALL_FORMS) {
    torch.tidy(() => {
      const call = prepare(c, form);
      if (isError(c.out)) {
        expect(call.result, `${form}`).toThrow(c.out.error);
        return;
      }
      const r = call.result();
      if (Array.isArray(c.out)) {
        expect(Array.isArray(r), `${form}: returns [values, indices]`).toBe(true);
        const [v, i] = r as [Tensor, Tensor];
        expectClose(v, c.out[0]!, `${form} values`);
        expectClose(i, c.out[1]!, `${form} indices`);
      } else {
        expect(r instanceof torch.Tensor, `${form}: returns a tensor`).toBe(true);
        expectClose(r as Tensor, c.out, form);
      }
    });
  }
}

/**
 * The gradients of a case (with autograd installed): backward from the first output with PyTorch's
 * upstream gradient, then every input the generator differentiated against PyTorch's gradient, and
 * the output's node name.
 */
export function checkGradients(c: ConvCase): void {
  torch.tidy(() => {
    const call = prepare(c, 'options', true);
    const r = call.result();
    const out = Array.isArray(r) ? r[0] : r;
    expect(out.gradFn?.name).toBe(c.gradFn);
    out.backward(decodeTensor(c.upstream!));
    call.tensors.forEach((t, i) => {
      const expected = c.grads![i];
      if (!t.requiresGrad) return;
      if (expected === null || expected === undefined) expect(t.grad).toBeNull();
      else expectClose(t.grad!, expected, `grad of tensor argument ${i}`);
    });
  });
}

/** The gradient suite (needs @x/autograd installed), on the default backend, whole batches and one image per chunk. */
export function runConvGradients(backendName: string): void {
  const withGrads = CONV_CASES.filter((k) => !isError(k.out) && k.grads);
  describe(`convolution and pooling gradients match PyTorch 1.13 (tensor/test/fixtures/conv.json) on ${backendName}`, () => {
    it('runs on the backend under test', () => {
      expect(torch.tensor([1]).backend.name).toBe(backendName);
    });
    for (const c of withGrads) it(c.name, () => checkGradients(c));
  });
  describe(`convolution gradients one image per chunk on ${backendName}`, () => {
    for (const c of withGrads.filter(isConvolution)) it(c.name, () => withTinyColumnBudget(() => checkGradients(c)));
  });
}
