import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';
import { diagonal, hstack, scatterAddInplace } from '../src/ops/join';
import { replay } from './indexing-fixtures';

const T = torch.tensor;

describe('join fixtures (PyTorch 1.13)', () => replay('join'));
describe('pad fixtures (PyTorch 1.13)', () => replay('pad'));

function leaks(fn: () => unknown): number {
  const { result, leaked } = torch.findLeaks(fn);
  for (const r of Array.isArray(result) ? result : [result]) if (r instanceof torch.Tensor) r.dispose();
  return leaked.length;
}

describe('views', () => {
  it('split, chunk and unbind return views of x', () => {
    const x = torch.zeros(4, 6);
    const pieces = [...torch.split(x, 2), ...x.split([1, 5], 1), ...torch.chunk(x, 3, 1), ...x.unbind(1)];
    for (const p of pieces) expect(p.storage).toBe(x.storage);
    x.split(3, 1)[1]!.fill_(1);
    expect(x.index(':', '3:').equal(torch.ones(4, 3))).toBe(true);
    expect(x.index(':', ':3').equal(torch.zeros(4, 3))).toBe(true);
  });

  it('diagonal is a view; diag of a matrix is a copy (as PyTorch)', () => {
    const m = torch.zeros(3, 3);
    diagonal(m).fill_(1);
    expect(m.equal(torch.eye(3))).toBe(true);
    const d = torch.diag(m);
    expect(d.storage).not.toBe(m.storage);
    d.fill_(5);
    expect(m.equal(torch.eye(3))).toBe(true);
  });

  it('flip never hands out negative strides', () => {
    const f = torch.flip(torch.arange(12).reshape(3, 4), [0, 1]);
    expect(f.isContiguous()).toBe(true);
    expect(f.stride().every((s) => s > 0)).toBe(true);
  });
});

describe('cat', () => {
  it('copies into a fresh contiguous tensor', () => {
    const a = torch.arange(6).reshape(2, 3);
    const out = torch.cat([a, a.t().t()], 1);
    expect(out.isContiguous()).toBe(true);
    expect(out.storage).not.toBe(a.storage);
    out.fill_(0);
    expect(a.sum().item()).toBe(15);
    expect(torch.concat).toBe(torch.cat);
  });

  it('refuses a tensor on another device and disposed inputs', () => {
    const a = torch.ones(2);
    const b = torch.ones(2);
    b.dispose();
    expect(() => torch.cat([a, b])).toThrow('disposed');
    expect(() => torch.stack([a, b])).toThrow('disposed');
    expect(() => hstack([b])).toThrow('disposed');
  });
});

describe('scatter and gather', () => {
  it('scatter_ (method) writes x in place and bumps its version', () => {
    const x = torch.zeros(3, 4);
    const idx = T([[0, 1, 2, 0]]);
    const src = torch.arange(1, 5, { dtype: 'float32' }).reshape(1, 4);
    const expected = torch.scatter(x, 0, idx, src);
    const v = x._version.value;
    x.scatter_(0, idx, src);
    expect(x.equal(expected)).toBe(true);
    expect(x._version.value).toBeGreaterThan(v);
    const w = x._version.value;
    x.scatterAdd_(0, idx, src);
    expect(x._version.value).toBe(w + 1);
    expect(x.equal(torch.scatterAdd(expected, 0, idx, src))).toBe(true);
  });

  it('scatterAdd_ with src aliasing x reads src before writing', () => {
    const x = torch.arange(6, { dtype: 'float32' });
    const copy = x.clone();
    const idx = T([5, 4, 3, 2, 1, 0]);
    scatterAddInplace(x, 0, idx, x);
    expect(x.equal(torch.scatterAdd(copy, 0, idx, copy.clone()))).toBe(true);
  });

  it('options object and string reduce agree', () => {
    const x = torch.full([2, 2], 2);
    const idx = torch.zeros(2, 2, { dtype: 'int64' });
    const src = torch.full([2, 2], 3);
    expect(torch.scatter(x, 0, idx, src, 'multiply').equal(x.scatter(0, idx, src, { reduce: 'multiply' }))).toBe(true);
  });

  it('frees every temporary', () => {
    const x = torch.arange(12, { dtype: 'float32' }).reshape(3, 4);
    const idx = T([[0, 1, 2, 0]]);
    const src = torch.ones(1, 4);
    const i1 = T([2, 0]);
    const xt = x.t();
    expect(leaks(() => torch.gather(x, 0, idx))).toBe(0);
    expect(leaks(() => torch.scatter(x, 0, idx, src, { reduce: 'multiply' }))).toBe(0);
    expect(leaks(() => torch.scatter(x, 0, idx, 1.5))).toBe(0);
    expect(leaks(() => torch.indexSelect(x, 1, i1))).toBe(0);
    expect(leaks(() => torch.take(xt, i1))).toBe(0);
    expect(leaks(() => torch.take(x, i1))).toBe(0);
  });
});

describe('method forms reach the same definitions', () => {
  const x = torch.arange(12, { dtype: 'float32' }).reshape(3, 4);
  it('variadic and array spellings', () => {
    expect(x.flip(0, 1).equal(torch.flip(x, [0, 1]))).toBe(true);
    expect(x.repeat(2, 1).equal(x.repeat([2, 1]))).toBe(true);
    expect(x.tile(2).equal(x.tile([1, 2]))).toBe(true);
    expect(x.roll(1, 0).equal(torch.roll(x, [1], [0]))).toBe(true);
    expect(x.triu(1).equal(torch.triu(x, 1))).toBe(true);
    expect(x.tril(-1).equal(torch.tril(x, -1))).toBe(true);
    expect(x.diag().equal(torch.diag(x))).toBe(true);
    expect(x.repeatInterleave(2, 1).equal(torch.repeatInterleave(x, 2, 1))).toBe(true);
    expect(x.gather(1, T([[0], [1], [2]])).equal(torch.gather(x, 1, T([[0], [1], [2]])))).toBe(true);
    expect(x.indexSelect(0, T([1])).equal(torch.indexSelect(x, 0, T([1])))).toBe(true);
    expect(x.take(T([3])).equal(torch.take(x, T([3])))).toBe(true);
  });
  it('pad takes the mode and value positionally or as options', () => {
    expect(torch.pad(x, [1, 1], { value: 2 }).equal(torch.pad(x, [1, 1], 'constant', 2))).toBe(true);
    expect(x.pad([1, 1], 'constant', 2).equal(torch.pad(x, [1, 1], 'constant', 2))).toBe(true);
    const img = x.reshape(1, 3, 4);
    expect(img.pad([1, 2], 'reflect').equal(torch.pad(img, [1, 2], { mode: 'reflect' }))).toBe(true);
  });
  it('pad, roll, repeat, triu free their temporaries', () => {
    const img = x.reshape(1, 1, 3, 4);
    const xt = x.t();
    const counts = T([1, 0, 2]);
    expect(leaks(() => torch.pad(img, [1, 1, 2, 0], 'circular'))).toBe(0);
    expect(leaks(() => torch.pad(img, [-1, 1, 2, 0]))).toBe(0);
    expect(leaks(() => torch.roll(xt, [1, 2], [0, 1]))).toBe(0);
    expect(leaks(() => torch.roll(xt, 5))).toBe(0);
    expect(leaks(() => x.repeat(2, 2))).toBe(0);
    expect(leaks(() => x.triu())).toBe(0);
    expect(leaks(() => torch.repeatInterleave(x, counts, 0))).toBe(0);
  });
});
