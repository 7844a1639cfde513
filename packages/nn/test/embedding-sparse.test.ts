/**
 * The sparse gradient of F.embedding / nn.Embedding({ sparse: true }) against PyTorch 1.13
 * (tools/gen_sparse_fixtures.py): the node name, the printed .grad after one or several backward
 * passes (PyTorch's AccumulateGrad keeps repeats and concatenates), its coalesced form, the dense
 * gradient of the same lookups, and the mixing of dense and sparse gradients.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { decodeTensor, describeSparse, encodeTensor, type PlainTensor, type SparseDescription } from '@x/tensor/testing';
import '@x/autograd';
import * as nn from '../src/index';

const F = nn.functional;

type Enc = PlainTensor;
type Described = SparseDescription;
interface Case {
  name: string;
  weight: Enc;
  padding_idx: number | null;
  upstream: 'random' | 'sum';
  grad_fn: string;
  passes: { indices: number[] | number[][]; upstream: Enc | null; grad: Described }[];
  coalesced: Described;
  dense_grad: Enc;
}
interface Fixture {
  cases: Case[];
  mixed: {
    weight: Enc;
    sparse_then_dense: Enc;
    dense_then_sparse: Enc;
    one_backward: Enc;
    two_sparse_one_backward: { is_sparse: boolean; coalesced: Described };
    scale_grad_by_freq_error: string;
    zeroed: Described;
    after_zeroed: Described;
  };
  module_repr: string;
}

const FX = JSON.parse(readFileSync(new URL('./fixtures/embedding_sparse.json', import.meta.url), 'utf8')) as Fixture;

describe('nn.Embedding with sparse gradients matches PyTorch 1.13', () => {
  for (const c of FX.cases) {
    it(c.name, () => {
      const w = decodeTensor(c.weight).requiresGrad_();
      const wd = decodeTensor(c.weight).requiresGrad_();
      for (const pass of c.passes) {
        const index = torch.tensor(pass.indices);
        const options = { paddingIdx: c.padding_idx };
        const out = F.embedding(index, w, { ...options, sparse: true });
        const outDense = F.embedding(index, wd, options);
        expect(out.gradFn!.name).toBe(c.grad_fn);
        if (pass.upstream === null) {
          out.sum().backward();
          outDense.sum().backward();
        } else {
          out.backward(decodeTensor(pass.upstream));
          outDense.backward(decodeTensor(pass.upstream));
        }
        expect(describeSparse(w.grad!)).toEqual(pass.grad);
      }
      expect(describeSparse(w.grad!.coalesce())).toEqual(c.coalesced);
      expect(encodeTensor(wd.grad!)).toEqual(c.dense_grad);
      // The same sums as the dense gradient, added in another order (the sparse entries merge first).
      expect(w.grad!.toDense().allclose(decodeTensor(c.dense_grad), { rtol: 1e-6, atol: 1e-7 })).toBe(true);
    });
  }

  it('mixes dense and sparse gradients as AccumulateGrad and the input buffer do', () => {
    const M = FX.mixed;
    const make = (): Tensor => decodeTensor(M.weight).requiresGrad_();
    const lookup = (w: Tensor, idx: number[]): Tensor => F.embedding(torch.tensor(idx), w, { sparse: true }).sum();

    let w = make();
    lookup(w, [1, 3]).backward();
    w.mul(2).sum().backward();
    expect(w.grad!.isSparse).toBe(false);
    expect(encodeTensor(w.grad!)).toEqual(M.sparse_then_dense);

    w = make();
    w.mul(2).sum().backward();
    lookup(w, [1, 3]).backward();
    expect(encodeTensor(w.grad!)).toEqual(M.dense_then_sparse);

    w = make();
    lookup(w, [1, 3]).add(w.mul(2).sum()).backward();
    expect(encodeTensor(w.grad!)).toEqual(M.one_backward);

    w = make();
    lookup(w, [1, 3]).add(lookup(w, [4])).backward();
    expect(w.grad!.isSparse).toBe(M.two_sparse_one_backward.is_sparse);
    expect(describeSparse(w.grad!.coalesce())).toEqual(M.two_sparse_one_backward.coalesced);

    w = make();
    expect(() => F.embedding(torch.tensor([1, 3]), w, { sparse: true, scaleGradByFreq: true }).sum().backward()).toThrow(M.scale_grad_by_freq_error);
  });

  it('a zeroed sparse .grad (what zeroGrad({ setToNone: false }) does) drops its entries, and the next gradient replaces them', () => {
    const w = decodeTensor(FX.mixed.weight).requiresGrad_();
    F.embedding(torch.tensor([1, 3]), w, { sparse: true }).sum().backward();
    w.grad!.zero_();
    expect(describeSparse(w.grad!)).toEqual(FX.mixed.zeroed);
    F.embedding(torch.tensor([2]), w, { sparse: true }).sum().backward();
    expect(describeSparse(w.grad!)).toEqual(FX.mixed.after_zeroed);
  });

  it('nn.Embedding prints sparse=True and hands its weight a sparse gradient', () => {
    const e = new nn.Embedding(5, 2, { sparse: true, paddingIdx: 0 });
    expect(String(e)).toBe(FX.module_repr);
    const out = e.forward(torch.tensor([[0, 1], [4, 1]]));
    expect(out.gradFn!.name).toBe('EmbeddingBackward0');
    out.sum().backward();
    expect(e.weight.grad!.isSparse).toBe(true);
    expect(e.weight.grad!.coalesce()._indices().tolist()).toEqual([[1, 4]]);
  });
});
