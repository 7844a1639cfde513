import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';
import { unique } from '../src/ops/sort';
import { replay } from './indexing-fixtures';

const T = torch.tensor;

describe('sort fixtures (PyTorch 1.13)', () => replay('sort'));

function leaks(fn: () => unknown): number {
  const { result, leaked } = torch.findLeaks(fn);
  for (const r of Array.isArray(result) ? result : [result]) if (r instanceof torch.Tensor) r.dispose();
  return leaked.length;
}

describe('sort, topk, unique', () => {
  const x = T([[3, 1, 2], [9, -1, 4]], { dtype: 'float32' });

  it('positional and options spellings agree', () => {
    const [a, ai] = torch.sort(x, 0, true);
    const [b, bi] = x.sort({ dim: 0, descending: true });
    expect(a.equal(b) && ai.equal(bi)).toBe(true);
    expect(x.argsort(1).equal(torch.argsort(x, { dim: 1 }))).toBe(true);
    const [c, ci] = torch.topk(x, 2, 0, false);
    const [d, di] = x.topk(2, { dim: 0, largest: false });
    expect(c.equal(d) && ci.equal(di)).toBe(true);
  });

  it('results are contiguous whatever the dim', () => {
    for (const dim of [0, 1]) {
      const [v, i] = x.sort(dim);
      expect(v.isContiguous() && i.isContiguous()).toBe(true);
      const [tv, ti] = x.topk(1, dim);
      expect(tv.isContiguous() && ti.isContiguous()).toBe(true);
    }
  });

  it('values are the input gathered at the indices', () => {
    const r = torch.randn(4, 5, 6);
    for (const dim of [0, 1, 2]) {
      const [v, i] = r.sort(dim);
      expect(v.equal(r.gather(dim, i))).toBe(true);
      const [tv, ti] = r.topk(3, dim);
      expect(tv.equal(r.gather(dim, ti))).toBe(true);
    }
  });

  it('unique returns what was asked for, in PyTorch\'s order', () => {
    const u = T([3, 1, 3, 2]);
    expect(u.unique()).toBeInstanceOf(torch.Tensor);
    const withCounts = unique(u, { returnCounts: true }) as torch.Tensor[];
    const all = unique(u, { returnInverse: true, returnCounts: true }) as torch.Tensor[];
    expect(withCounts.length).toBe(2);
    expect(withCounts[1]!.equal(all[2]!)).toBe(true);
    // inverse indexes the unique values back into the input
    expect(all[0]!.index(all[1]!).equal(u)).toBe(true);
  });

  it('frees every temporary and refuses disposed inputs', () => {
    const r = torch.randn(3, 4);
    const positive = r.gt(0);
    const ints = positive.int();
    expect(leaks(() => r.sort(0))).toBe(0);
    expect(leaks(() => torch.argsort(r, 1))).toBe(0);
    expect(leaks(() => r.topk(2, 0))).toBe(0);
    expect(leaks(() => torch.topk(r, 4))).toBe(0);
    expect(leaks(() => unique(ints, { returnInverse: true, returnCounts: true }))).toBe(0);
    expect(leaks(() => unique(positive, { dim: 1, returnInverse: true }))).toBe(0);
    r.dispose();
    expect(() => r.sort()).toThrow('disposed');
    expect(() => r.topk(1)).toThrow('disposed');
    expect(() => r.unique()).toThrow('disposed');
  });
});
