/**
 * The sparse COO layout against PyTorch 1.13 (tools/gen_sparse_fixtures.py): construction, printed
 * form, coalesce, to_dense, sparse + sparse (merge or concatenation, as PyTorch picks), dense + sparse,
 * scalar multiplication, zero_, and the errors. Indices and values are compared exactly: no rounding
 * happens except in sums, which add the same float32 numbers in the same order.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';
import type { SparseTensor } from '../src/index';
import { decodeTensor, describeSparse, encodeTensor, type PlainTensor, type SparseDescription } from '@x/tensor/testing';

type Enc = PlainTensor;
type Described = SparseDescription;
interface Fixture {
  tensors: {
    name: string; indices: number[][]; values: Enc; size: number[] | null; layout: string; shape: number[];
    sparse_dim: number; dense_dim: number; built: Described; coalesced: Described; dense: Enc;
  }[];
  rows: Record<'A' | 'B' | 'C', [number[][], number[][]]> & { size: number[] };
  adds: { a: 'A' | 'B' | 'C'; b: 'A' | 'B' | 'C'; a_coalesced: boolean; b_coalesced: boolean; a_contiguous: boolean; alpha: number; inplace?: boolean; result: Described }[];
  dense: { dense: Enc; add: Enc; add_alpha: Enc; add_inplace: Enc; sub: Enc; sparse_mask: Described };
  scalars: Record<'mul' | 'rmul' | 'div' | 'neg' | 'mul_coalesced' | 'zero_', Described>;
  to_sparse: { dense: Enc; full: Described; rows: Described; zeros: Described; too_many_dims: string };
  errors: Record<string, string>;
}

const F = JSON.parse(readFileSync(new URL('./fixtures/sparse.json', import.meta.url), 'utf8')) as Fixture;

function rows(name: 'A' | 'B' | 'C', coalesced: boolean, contiguous: boolean): SparseTensor {
  const [i, v] = F.rows[name];
  let values = torch.tensor(v, { dtype: 'float32' });
  // The same values, column-major: PyTorch then concatenates instead of merging.
  if (!contiguous) values = values.t().contiguous().t();
  const s = torch.sparseCooTensor(torch.tensor(i), values, F.rows.size);
  return coalesced ? (s.coalesce() as SparseTensor) : s;
}

describe('sparse COO tensors match PyTorch 1.13', () => {
  it('has the generated fixtures', () => {
    expect(F.tensors.length).toBeGreaterThan(5);
    expect(F.adds.length).toBeGreaterThan(40);
  });

  for (const c of F.tensors) {
    it(`builds, prints, coalesces and densifies: ${c.name}`, () => {
      const values = decodeTensor(c.values);
      const indices = c.indices[0]!.length === 0 ? torch.zeros([1, 0], { dtype: 'int64' }) : torch.tensor(c.indices);
      const s = c.size === null ? torch.sparseCooTensor(indices, values) : torch.sparseCooTensor(indices, values, c.size);
      expect(`torch.${s.layout}`).toBe(c.layout); // PyTorch writes str(t.layout)
      expect(s.shape).toEqual(c.shape);
      expect(s.sparseDim()).toBe(c.sparse_dim);
      expect(s.denseDim()).toBe(c.dense_dim);
      expect(describeSparse(s)).toEqual(c.built);
      expect(describeSparse(s.coalesce())).toEqual(c.coalesced);
      expect(encodeTensor(s.toDense())).toEqual(c.dense);
      if (c.built.is_coalesced) expect(s.coalesce()).toBe(s);
    });
  }

  for (const c of F.adds) {
    const label = `${c.a}${c.a_coalesced ? '(coalesced)' : ''}${c.a_contiguous ? '' : '(column-major values)'} ${c.inplace ? '+=' : '+'} ${c.alpha}·${c.b}${c.b_coalesced ? '(coalesced)' : ''}`;
    it(`adds sparse to sparse: ${label}`, () => {
      const a = rows(c.a, c.a_coalesced, c.a_contiguous);
      const b = rows(c.b, c.b_coalesced, true);
      if (c.inplace) {
        a.add_(b, { alpha: c.alpha });
        expect(describeSparse(a)).toEqual(c.result);
      } else {
        expect(describeSparse(torch.add(a, b, { alpha: c.alpha }))).toEqual(c.result);
      }
    });
  }

  it('adds sparse into dense, out of place and in place, and masks dense by a sparse pattern', () => {
    const d = decodeTensor(F.dense.dense);
    const s = rows('A', false, true);
    expect(encodeTensor(d.add(s))).toEqual(F.dense.add);
    expect(encodeTensor(torch.add(d, s, { alpha: -2.5 }))).toEqual(F.dense.add_alpha);
    expect(encodeTensor(d.sub(s))).toEqual(F.dense.sub);
    const x = d.clone();
    x.add_(s, { alpha: 0.5 });
    expect(encodeTensor(x)).toEqual(F.dense.add_inplace);
    expect(describeSparse(d.sparseMask(s.coalesce()))).toEqual(F.dense.sparse_mask);
  });

  it('multiplies and divides by numbers, negates, and zeroes', () => {
    const s = rows('A', false, true);
    expect(describeSparse(s.mul(2.5))).toEqual(F.scalars.mul);
    expect(describeSparse(torch.mul(2.5, s))).toEqual(F.scalars.rmul);
    expect(describeSparse(s.div(4))).toEqual(F.scalars.div);
    expect(describeSparse(s.neg())).toEqual(F.scalars.neg);
    expect(describeSparse(s.coalesce().mul(3))).toEqual(F.scalars.mul_coalesced);
    const z = s.clone();
    z.zero_();
    expect(describeSparse(z)).toEqual(F.scalars.zero_);
    // zero_ replaced the clone's parts only.
    expect(s._nnz()).toBe(3);
  });

  it('converts dense to sparse (toSparse, all dims or the leading ones)', () => {
    const T = F.to_sparse;
    const x = decodeTensor(T.dense);
    expect(describeSparse(x.toSparse())).toEqual(T.full);
    expect(describeSparse(x.toSparse(1))).toEqual(T.rows);
    expect(describeSparse(torch.zeros(2, 2).toSparse())).toEqual(T.zeros);
    expect(() => x.toSparse(3)).toThrow(T.too_many_dims);
    const s = x.toSparse();
    expect(s.toSparse()).toBe(s);
  });

  it("fails with PyTorch's messages", () => {
    const E = F.errors;
    const s = rows('A', false, true);
    const i = torch.tensor([[0, 2, 0], [1, 0, 1]]);
    const v = torch.tensor([3, 4, 5], { dtype: 'float32' });
    expect(() => s.add(torch.ones(5, 2))).toThrow(E.sparse_plus_dense);
    expect(() => s.add(torch.sparseCooTensor(torch.tensor([[0]]), torch.ones(1, 2), [6, 2]))).toThrow(E.size_mismatch);
    expect(() => s.add(torch.sparseCooTensor(torch.tensor([[0], [1]]), torch.ones(1), [5, 2]))).toThrow(E.density_mismatch);
    expect(() => torch.sparseCooTensor(i, v, [1, 4])).toThrow(E.index_out_of_size);
    expect(() => torch.sparseCooTensor(torch.tensor([[0, -1]]), torch.ones(2), [3])).toThrow(E.negative_index);
    expect(() => torch.sparseCooTensor(i, torch.ones(2), [3, 4])).toThrow(E.nnz_mismatch);
    expect(() => torch.sparseCooTensor(torch.tensor([0, 1]), torch.ones(2), [3])).toThrow(E.indices_1d);
    expect(() => torch.sparseCooTensor(i, v, [3, 4, 5])).toThrow(E.ndim_mismatch);
    expect(() => s.indices()).toThrow(E.uncoalesced_indices);
    expect(() => s.values()).toThrow(E.uncoalesced_values);
  });

  it('refuses every other op by name, as a method and as a torch.* function', () => {
    const s = rows('A', false, true);
    expect(() => s.relu()).toThrow('op relu is not supported on sparse tensors');
    expect(() => torch.exp(s)).toThrow('op exp is not supported on sparse tensors');
    expect(() => s.sum()).toThrow('op sum is not supported on sparse tensors');
    expect(() => s.view(10)).toThrow('op view is not supported on sparse tensors');
    expect(() => s.numpy()).toThrow('op numpy is not supported on sparse tensors');
    expect(() => s.T).toThrow('op T is not supported on sparse tensors');
    expect(() => s.mul(torch.ones(5, 2))).toThrow('not supported on sparse tensors');
    expect(() => torch.cat([s, s])).toThrow('not supported on sparse tensors');
    expect(() => s.requiresGrad_()).toThrow('sparse tensors cannot require grad');
  });

  it('is a strided tensor elsewhere: layout, toDense, and the sparse-only methods refuse', () => {
    const d = torch.ones(2, 3);
    expect(d.layout).toBe('strided');
    expect(torch.strided).toBe('strided');
    expect(torch.sparseCoo).toBe('sparse_coo');
    expect(d.isSparse).toBe(false);
    expect(d.toDense()).toBe(d);
    expect(() => d.coalesce()).toThrow("coalesce() expects a sparse tensor (layout torch.sparse_coo), but this tensor's layout is torch.strided");
    expect(() => d._nnz()).toThrow('expects a sparse tensor');
  });

  it('releases its parts with it, inside tidy and by dispose', () => {
    const before = torch.memory().numTensors;
    const kept = torch.tidy(() => {
      const s = rows('A', false, true);
      const c = s.coalesce();
      s.add(c).mul(2);
      return torch.keep(c);
    });
    expect(torch.memory().numTensors).toBe(before + 3);
    kept.dispose();
    expect(torch.memory().numTensors).toBe(before);
  });
});
