/**
 * Loading and decoding fixtures/ops.json (written by tools/gen_op_fixtures.py from PyTorch; it ships
 * with the package). The encoding is documented at the top of the generator.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from '@x/tensor';
import type { DType, Tensor } from '@x/tensor';

export type Encoded = unknown;

export interface EncodedTensor {
  tensor: true;
  dtype: DType;
  shape: number[];
  data: (number | boolean | string)[];
  permute?: number[];
  /** A leaf the generator differentiated: decodeTensor makes it require grad. */
  requiresGrad?: boolean;
}

/** A tensor as the fixture generators write it (tools/fixture_io.py), with or without the `tensor` tag. */
export type FixtureTensor = Omit<EncodedTensor, 'tensor'> & { tensor?: true };

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

/**
 * Directory of this module, in the ESM build (import.meta.url), the CJS build (__dirname) and the
 * sources. import.meta.url comes first: `node -e` defines a global `__dirname` of '.'.
 */
function moduleDir(): string {
  const url = (import.meta as { url?: string }).url; // absent in the CJS build
  if (typeof url === 'string' && url.startsWith('file:')) return dirname(fileURLToPath(url));
  if (typeof __dirname === 'string') return __dirname;
  throw new Error('@x/tensor/testing: cannot locate this module (neither import.meta.url nor __dirname is set); pass the path of ops.json to loadFixtures');
}

/**
 * Where the package's fixtures/ops.json is: the package root is the nearest folder above this module
 * with a package.json (src/testing/ in the sources, dist/ when built).
 */
export function fixturesPath(): string {
  const start = moduleDir();
  for (let d = start; ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) return join(d, 'fixtures', 'ops.json');
    if (dirname(d) === d) throw new Error(`@x/tensor/testing: no package.json above ${start}, so fixtures/ops.json cannot be found`);
  }
}

/**
 * The cases of fixtures/ops.json (or of the fixture file at `path`, in the same format).
 *
 * @example
 * const { torch: version, cases } = loadFixtures(); // '1.13.0a0', 1,672 cases
 */
export function loadFixtures(path: string = fixturesPath()): Fixtures {
  return JSON.parse(readFileSync(path, 'utf8')) as Fixtures;
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

/**
 * A fixture's values as numbers, for comparing with a tolerance: the non-finite strings decoded,
 * booleans as 0 and 1, int64 beyond 2^53 rounded to the nearest number.
 *
 * @example
 * decodeValues([1.5, 'nan', '-inf', true]); // [1.5, NaN, -Infinity, 1]
 */
export function decodeValues(data: readonly (number | boolean | string)[]): number[] {
  return data.map((v) => Number(decodeNumber(v)));
}

function inversePermutation(p: readonly number[]): number[] {
  const inv = new Array<number>(p.length);
  p.forEach((d, i) => (inv[d] = i));
  return inv;
}

/**
 * torch.tensor(data, { dtype }) with the fixture's shape (the `tensor: true` tag is not needed, so
 * other fixture files' `{ shape, dtype, data }` decode too) (float16/bfloat16 values are exactly
 * representable; integers are within 2^53). A `permute` layout rebuilds the same non-contiguous view
 * as the generator: contiguous(value.permute(inverse(p))).permute(p); `requiresGrad: true` makes the
 * result a leaf that requires grad.
 *
 * @example
 * decodeTensor({ shape: [2], dtype: 'float32', data: [1, 'nan'] }); // tensor([1., nan])
 */
export function decodeTensor(e: FixtureTensor): Tensor {
  const values = e.data.map(decodeNumber);
  let t = torch.tensor(values as (number | boolean | bigint)[], { dtype: e.dtype }).reshape(e.shape);
  if (e.permute) t = t.permute(inversePermutation(e.permute)).contiguous().permute(e.permute);
  return e.requiresGrad ? t.requiresGrad_() : t;
}

/** A tensor in the plain fixture encoding `{ shape, dtype, data }`. */
export interface PlainTensor {
  shape: number[];
  dtype: DType;
  data: (number | boolean)[];
}

/**
 * A tensor as fixture files write it: `{ shape, dtype, data }` with the values row-major (int64
 * through Number, bool as booleans), to compare with `toEqual`. It reads synchronously (CPU backends).
 *
 * @example
 * expect(encodeTensor(torch.arange(4).view(2, 2))).toEqual({ shape: [2, 2], dtype: 'int64', data: [0, 1, 2, 3] });
 */
export function encodeTensor(t: Tensor): PlainTensor {
  const values = Array.from(t.numpy() as ArrayLike<number | bigint>, Number);
  return { shape: [...t.shape], dtype: t.dtype, data: t.dtype === 'bool' ? values.map(Boolean) : values };
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
