/**
 * Replays the cases of fixtures/indexing.json (written by tools/gen_index_fixtures.py from PyTorch
 * 1.13): each names a call, its arguments, and what PyTorch returned or the error it raised.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import * as torch from '../src/index';
import type { DType } from '../src/dtype';
import { fromValues } from '../src/ops/create';
import { diagonal, dstack, hstack, vstack } from '../src/ops/join';
import { msort } from '../src/ops/sort';
import type { Tensor } from '../src/tensor';
import { decodeValues } from '../src/testing/index';

type Value = number | 'nan' | 'inf' | '-inf';
interface Plain {
  dtype: DType;
  shape: number[];
  data: Value[];
}
interface EncodedTensor {
  t: Plain;
  base?: Plain;
  stride?: number[];
  offset?: number;
}
type Encoded = EncodedTensor | { o: Record<string, Encoded> } | Encoded[] | number | string | boolean | null;

export interface FixtureCase {
  group: string;
  name: string;
  fn: string;
  args: Encoded[];
  expected?: EncodedTensor | EncodedTensor[];
  error?: string;
}

const all = (JSON.parse(readFileSync(new URL('./fixtures/indexing.json', import.meta.url), 'utf8')) as { cases: FixtureCase[] }).cases;

export function casesOf(group: string): FixtureCase[] {
  return all.filter((c) => c.group === group);
}

function plainTensor(p: Plain): Tensor {
  return fromValues(decodeValues(p.data), p.shape, p.dtype);
}

function isTensorEncoding(a: object): a is EncodedTensor {
  return 't' in a;
}

/** Rebuilds an argument: tensors (with their strided layout), options objects, lists. */
export function decode(a: Encoded): unknown {
  if (a === null || typeof a !== 'object') return a;
  if (Array.isArray(a)) return a.map(decode);
  if (isTensorEncoding(a)) {
    if (!a.base) return plainTensor(a.t);
    return plainTensor(a.base).asStrided(a.t.shape, a.stride!, a.offset!);
  }
  return Object.fromEntries(Object.entries(a.o).map(([k, v]) => [k, decode(v)]));
}

type Fn = (...args: any[]) => unknown;

/** The TypeScript call each fixture `fn` names: the torch.* export where there is one, else the method. */
const FNS: Record<string, Fn> = {
  index: (x: Tensor, ...entries: torch.IndexEntry[]) => x.index(...entries),
  indexPut_: (x: Tensor, entries: torch.IndexEntry[], v: Tensor | number, acc: boolean) => x.indexPut_(entries, v, acc),
  maskedSelect: torch.maskedSelect,
  nonzero: torch.nonzero,
  cat: torch.cat,
  stack: torch.stack,
  hstack,
  vstack,
  dstack,
  split: torch.split,
  chunk: torch.chunk,
  unbind: torch.unbind,
  gather: torch.gather,
  scatter: torch.scatter,
  scatterAdd: torch.scatterAdd,
  scatterAdd_: (x: Tensor, dim: number, index: Tensor, src: Tensor) => x.scatterAdd_(dim, index, src),
  indexSelect: torch.indexSelect,
  take: torch.take,
  repeat: (x: Tensor, sizes: number[]) => x.repeat(sizes),
  tile: (x: Tensor, sizes: number[]) => x.tile(sizes),
  repeatInterleave: torch.repeatInterleave,
  flip: torch.flip,
  roll: torch.roll,
  triu: torch.triu,
  tril: torch.tril,
  diag: torch.diag,
  diagonal,
  pad: torch.pad,
  sort: torch.sort,
  argsort: torch.argsort,
  msort,
  topk: torch.topk,
  unique: (x: Tensor, options?: object) => x.unique(...((options === undefined ? [] : [options]) as [object])),
};

function sameValue(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

export function expectTensor(actual: unknown, expected: EncodedTensor, label: string): void {
  const t = actual as Tensor;
  expect(t, label).toBeInstanceOf(torch.Tensor);
  expect(t.dtype, `${label}: dtype`).toBe(expected.t.dtype);
  expect(t.shape, `${label}: shape`).toEqual(expected.t.shape);
  const got = Array.from(t.numpy() as ArrayLike<number | bigint>, Number);
  const want = decodeValues(expected.t.data);
  const bad = want.findIndex((w, i) => !sameValue(got[i]!, w));
  expect(bad === -1 ? null : { at: bad, got: got.slice(0, 64), want: want.slice(0, 64) }, `${label}: values`).toBeNull();
}

/** One `it` per case of the group. */
export function replay(group: string): void {
  const cases = casesOf(group);
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    it(c.name, () => {
      const fn = FNS[c.fn];
      expect(fn, `no TypeScript call for fixture fn '${c.fn}'`).toBeDefined();
      const run = (): unknown => fn!(...c.args.map(decode));
      if (c.error !== undefined) {
        expect(run).toThrowError(c.error);
        return;
      }
      const result = run();
      if (Array.isArray(c.expected)) {
        expect(Array.isArray(result), 'an array of tensors').toBe(true);
        const list = result as unknown[];
        expect(list.length).toBe(c.expected.length);
        c.expected.forEach((e, i) => expectTensor(list[i], e, `${c.name}[${i}]`));
      } else expectTensor(result, c.expected!, c.name);
    });
  }
}
