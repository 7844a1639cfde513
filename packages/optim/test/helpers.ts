/** Shared by the optim tests: fixtures from PyTorch, their problems rebuilt with @x ops, comparisons. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import * as torch from '@x/tensor';
import '@x/autograd';
import { decodeValues, valuesMismatch, type FixtureTensor } from '@x/tensor/testing';

export type { FixtureTensor };
export type DTypeName = 'float32' | 'float64' | 'int64';

export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

export function isFixtureTensor(x: unknown): x is FixtureTensor {
  return typeof x === 'object' && x !== null && 'shape' in x && 'data' in x && 'dtype' in x;
}

export function toTensor(f: FixtureTensor, options: { requiresGrad?: boolean; dtype?: DTypeName } = {}): torch.Tensor {
  const dtype = f.dtype === 'int64' ? 'int64' : (options.dtype ?? f.dtype);
  // Fixtures print float32 values with 9 digits: round them to float32 before any widening.
  const decoded = decodeValues(f.data);
  const values = f.dtype === 'float32' ? decoded.map(Math.fround) : decoded;
  const t = torch.tensor(values, { dtype }).reshape(f.shape);
  return options.requiresGrad ? t.requiresGrad_(true) : t;
}

/** |actual − expected| <= atol + rtol·|expected|, elementwise (NaN meeting NaN). */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, atol: number, what = ''): void {
  expect(valuesMismatch(actual, expected, { rtol, atol }), what).toBeNull();
}

export function expectTensorClose(actual: torch.Tensor, expected: FixtureTensor, rtol: number, atol: number, what = ''): void {
  expect([...actual.shape], `${what}: shape`).toEqual(expected.shape);
  expectClose(Array.from(actual.numpy() as ArrayLike<number>), decodeValues(expected.data), rtol, atol, what);
}

/** The fixed problems of tools/gen_optim_fixtures.py, as losses of the parameters. */
export interface ProblemFixture {
  data: Record<string, FixtureTensor>;
  init: FixtureTensor[];
  rows?: number[][];
}

export type Loss = (params: torch.Tensor[], step: number) => torch.Tensor;

/** The loss of problem `name`, its data in the fixture's dtype or in `dtype`. */
export function problemLoss(name: string, p: ProblemFixture, dtype?: DTypeName): Loss {
  const d = Object.fromEntries(Object.entries(p.data).map(([k, v]) => [k, toTensor(v, { dtype })])) as Record<string, torch.Tensor>;
  if (name.startsWith('quadratic')) {
    return ([x, y]) =>
      d.Q!.matmul(x!).mul(x!).sum().mul(0.5).sub(d.b!.mul(x!).sum()).add(d.c!.mul(y!.sub(d.t!).pow(2)).sum()).add(x!.pow(4).sum().mul(0.05));
  }
  if (name.startsWith('mlp')) {
    return ([w1, b1, w2, b2]) =>
      d.X!.matmul(w1!).add(b1!).tanh().matmul(w2!).add(b2!).logSoftmax(1).gather(1, d.labels!.unsqueeze(1)).mean().neg()
        .add(w1!.pow(2).sum().add(w2!.pow(2).sum()).mul(0.01));
  }
  if (name === 'embedding_sparse') {
    // F.embedding(sparse=True): the weight's gradient is a sparse COO tensor with repeated rows.
    const rows = p.rows!;
    return ([w], step) => {
      const idx = torch.tensor(rows[step]!, { dtype: 'int64' });
      return torch.embeddingLookup(w!, idx, { paddingIdx: -1, scaleGradByFreq: false, sparse: true }).sub(d.target!.indexSelect(0, idx)).pow(2).sum();
    };
  }
  if (name === 'embedding') {
    const rows = p.rows!;
    return ([w], step) => {
      const idx = torch.tensor(rows[step]!, { dtype: 'int64' });
      return w!.indexSelect(0, idx).sub(d.target!.indexSelect(0, idx)).pow(2).sum();
    };
  }
  throw new Error(`unknown problem ${name}`);
}

/** Captures console.warn while fn runs. */
export function captureWarnings<R>(fn: () => R): { result: R; warnings: string[] } {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
  try {
    return { result: fn(), warnings };
  } finally {
    console.warn = original;
  }
}

/** JSON with tensors, as a checkpoint written by hand would hold them: `{ "$tensor": { shape, dtype, data } }`. */
export function toJSON(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v instanceof torch.Tensor ? { $tensor: { shape: [...v.shape], dtype: v.dtype, data: Array.from(v.numpy() as ArrayLike<number>) } } : v,
  );
}

export function fromJSON<T>(text: string): T {
  return JSON.parse(text, (_k, v: unknown) => {
    if (v !== null && typeof v === 'object' && '$tensor' in v) {
      const t = (v as { $tensor: { shape: number[]; dtype: torch.DType; data: number[] } }).$tensor;
      return torch.tensor(t.data, { dtype: t.dtype }).reshape(t.shape);
    }
    return v;
  }) as T;
}

/** A float tensor's values as numbers. */
export function values(t: torch.Tensor): number[] {
  return Array.from(t.numpy() as ArrayLike<number>);
}
