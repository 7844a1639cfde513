/**
 * Loading and decoding test/fixtures/ops.json (written by tools/gen_op_fixtures.py from PyTorch).
 * The encoding is documented at the top of the generator.
 */
import { readFileSync } from 'node:fs';
import * as torch from '../../src/index';
import type { DType, Tensor } from '../../src/index';

export type Encoded = unknown;

export interface EncodedTensor {
  tensor: true;
  dtype: DType;
  shape: number[];
  data: (number | boolean | string)[];
  permute?: number[];
}

export interface Case {
  name: string;
  op: string;
  args: Encoded[];
  kwargs: Record<string, Encoded>;
  out: Encoded;
}

export interface Fixtures {
  torch: string;
  cases: Case[];
}

export function loadFixtures(): Fixtures {
  const text = readFileSync(new URL('../fixtures/ops.json', import.meta.url), 'utf8');
  return JSON.parse(text) as Fixtures;
}

export function isEncodedTensor(v: unknown): v is EncodedTensor {
  return typeof v === 'object' && v !== null && (v as { tensor?: unknown }).tensor === true;
}

export function isExpectedError(v: unknown): v is { error: string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { error?: unknown }).error === 'string';
}

/**
 * A fixture number: "nan" / "inf" / "-inf" strings are the non-finite values; a decimal string is an
 * int64 beyond 2^53 (a BigInt); booleans stay booleans.
 */
export function decodeNumber(v: number | boolean | string): number | boolean | bigint {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (typeof v === 'string') {
    if (/^-?\d+$/.test(v)) return BigInt(v);
    throw new Error(`unexpected string '${v}' in numeric data`);
  }
  return v;
}

function inversePermutation(p: readonly number[]): number[] {
  const inv = new Array<number>(p.length);
  p.forEach((d, i) => (inv[d] = i));
  return inv;
}

/**
 * torch.tensor(data, { dtype }) with the fixture's shape (float16/bfloat16 values are exactly
 * representable; integers are within 2^53). A `permute` layout rebuilds the same non-contiguous view
 * as the generator: contiguous(value.permute(inverse(p))).permute(p).
 */
export function decodeTensor(e: EncodedTensor): Tensor {
  const values = e.data.map(decodeNumber);
  const t = torch.tensor(values as (number | boolean | bigint)[], { dtype: e.dtype }).reshape(e.shape);
  if (!e.permute) return t;
  return t.permute(inversePermutation(e.permute)).contiguous().permute(e.permute);
}

/** Decodes an argument: tensors, dtypes, slices (as our slice strings), Ellipsis ('...'), numbers, lists. */
export function decodeArg(v: Encoded): unknown {
  if (v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(decodeArg);
  if (isEncodedTensor(v)) return decodeTensor(v);
  const o = v as Record<string, unknown>;
  if (typeof o.dtype === 'string') return o.dtype;
  if (o.number !== undefined) return Number(decodeNumber(o.number as string));
  if (o.ellipsis === true) return '...';
  if (Array.isArray(o.slice)) {
    const [start, stop, step] = o.slice as (number | null)[];
    return `${start ?? ''}:${stop ?? ''}${step === null || step === undefined ? '' : `:${step}`}`;
  }
  throw new Error(`cannot decode fixture argument ${JSON.stringify(v)}`);
}
