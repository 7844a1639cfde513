import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';
import { index, indexPut_, slice, Slice } from '../src/ops/indexing';
import { replay } from './indexing-fixtures';

const T = torch.tensor;

describe('indexing fixtures (PyTorch 1.13)', () => replay('index'));
describe('indexPut_ fixtures (PyTorch 1.13)', () => replay('put'));

/** Live tensors (and bytes) created by fn that are neither returned nor disposed. */
function leaks(fn: () => unknown): number {
  const { result, leaked } = torch.findLeaks(fn);
  const returned = Array.isArray(result) ? result : [result];
  for (const r of returned) if (r instanceof torch.Tensor) r.dispose();
  return leaked.length;
}

describe('basic indexing makes views', () => {
  it('writes through x.index(0, ":1") reach x', () => {
    const x = torch.arange(6).reshape(2, 3);
    const before = x.clone();
    const v = x.index(0, ':1');
    v.add_(1);
    expect(x.index(0, 0).item()).toBe(before.index(0, 0).item() + 1);
    expect(x.index(1).equal(before.index(1))).toBe(true);
    expect(v.storage).toBe(x.storage);
    expect(v._base).toBe(x._base ?? x);
  });

  it('every basic entry kind keeps the storage and shares the version counter', () => {
    const x = torch.arange(24).reshape(2, 3, 4);
    for (const entries of [[1], [':', '1:3'], ['...', '::2'], [null, 0], ['-1:', null, 2]] as torch.IndexEntry[][]) {
      const v = x.index(...entries);
      expect(v.storage, JSON.stringify(entries)).toBe(x.storage);
      const version = x._version.value;
      v.fill_(0);
      expect(x._version.value, JSON.stringify(entries)).toBe(version + 1);
    }
  });

  it('a view of a view has the root as its base', () => {
    const x = torch.zeros(4, 4);
    const v = x.index('1:').index(':', 2);
    expect(v._base).toBe(x);
    v.fill_(3);
    expect(x.sum().item()).toBe(9);
  });

  it('slice objects and strings agree', () => {
    const x = torch.arange(20).reshape(4, 5);
    expect(x.index(slice(1, null, 2)).equal(x.index('1::2'))).toBe(true);
    expect(x.index(slice(3)).equal(x.index(':3'))).toBe(true);
    expect(x.index(':', slice(-3, -1)).equal(x.index(':', '-3:-1'))).toBe(true);
    expect(String(new Slice(1, null, 2))).toBe('1::2');
    expect(() => x.index(slice(null, null, -1))).toThrow('step must be greater than zero');
  });

  it('index tensors (and booleans, as in PyTorch) make copies', () => {
    const x = torch.arange(6).reshape(2, 3);
    const before = x.clone();
    for (const c of [x.index(T([1, 0])), x.index(true), x.index(T(true)), x.index(x.gt(2))]) {
      expect(c.storage).not.toBe(x.storage);
      expect(c._base).toBe(null);
      c.fill_(-1);
    }
    expect(x.equal(before)).toBe(true);
  });

  it('int32 index tensors index like int64 ones', () => {
    const x = torch.arange(24).reshape(2, 3, 4);
    const i64 = T([[2, 0], [1, 1]]);
    const i32 = i64.int();
    expect(x.index(':', i32).equal(x.index(':', i64))).toBe(true);
    const a = torch.zeros(3, 4);
    const b = torch.zeros(3, 4);
    a.indexPut_([i32.index(0)], 1);
    b.indexPut_([i64.index(0)], 1);
    expect(a.equal(b)).toBe(true);
  });
});

describe('indexPut_', () => {
  it('basic and advanced writes bump the version counter once', () => {
    const x = torch.zeros(3, 4);
    let v = x._version.value;
    x.indexPut_([0, ':'], 1);
    expect(x._version.value).toBe(v + 1);
    v = x._version.value;
    x.indexPut_(T([0, 2]), T([1, 2, 3, 4], { dtype: 'float32' }));
    expect(x._version.value).toBe(v + 1);
  });

  it('a single entry need not be wrapped in an array', () => {
    const a = torch.zeros(3, 2);
    const b = torch.zeros(3, 2);
    a.indexPut_(1, 5);
    b.indexPut_([1], 5);
    expect(a.equal(b)).toBe(true);
    expect(indexPut_).toBeTypeOf('function');
  });

  it('accumulate on basic entries adds (the value cast to x\'s dtype)', () => {
    const x = torch.ones(2, 3, { dtype: 'int64' });
    x.indexPut_([':', 1], T([2.9, 3.9]).reshape(2, 1).expand(2, 1).squeeze(1), true);
    const expected = torch.ones(2, 3, { dtype: 'int64' });
    expected.index(':', 1).add_(T([2, 3]));
    expect(x.equal(expected)).toBe(true);
  });

  it('a value overlapping the target is read before it is written', () => {
    const x = torch.arange(6, { dtype: 'float32' });
    const y = x.clone();
    x.indexPut_(T([1, 2, 3]), x.index('0:3'));
    y.indexPut_(T([1, 2, 3]), y.index('0:3').clone());
    expect(x.equal(y)).toBe(true);
    const p = torch.arange(6, { dtype: 'float32' });
    const q = p.clone();
    p.indexPut_('1:4', p.index('0:3'));
    q.indexPut_('1:4', q.index('0:3').clone());
    expect(p.equal(q)).toBe(true);
  });

  it('writes through a non-contiguous target', () => {
    const base = torch.zeros(4, 6);
    const x = base.t();
    x.indexPut_([T([5, 0]), '1:3'], 7);
    expect(base.index('1:3', 5).equal(torch.full([2], 7, { dtype: 'float32' }))).toBe(true);
    expect(base.index('1:3', 0).equal(torch.full([2], 7, { dtype: 'float32' }))).toBe(true);
    expect(base.sum().item()).toBe(28);
  });
});

describe('indexing errors and lifetimes', () => {
  it('rejects invalid entries', () => {
    const x = torch.zeros(2, 2);
    expect(() => x.index(1.5)).toThrow(TypeError);
    expect(() => x.index('a:b')).toThrow("invalid index 'a:b'");
    expect(() => x.index(undefined as unknown as number)).toThrow(TypeError);
    // PyTorch tolerates two ellipses; NumPy and @x refuse them.
    expect(() => x.index('...', 0, '...')).toThrow("an index can only have a single ellipsis ('...')");
  });

  it('refuses disposed tensors: the input, an index, a value', () => {
    const x = torch.zeros(3);
    const i = T([0]);
    i.dispose();
    expect(() => x.index(i)).toThrow('disposed');
    const v = T([1], { dtype: 'float32' });
    v.dispose();
    expect(() => x.indexPut_(T([0]), v)).toThrow('disposed');
    x.dispose();
    expect(() => x.index(0)).toThrow('disposed');
    expect(() => index(x, [':'])).toThrow('disposed');
  });

  it('frees every temporary', () => {
    const x = torch.arange(24, { dtype: 'float32' }).reshape(2, 3, 4);
    const i = T([[1, 0]]);
    const i0 = i.index(0);
    const j = T([3, 0]);
    const k = T([0, 1]);
    const bad = T([7]);
    const ones = torch.ones(1, 3);
    const m = x.gt(5);
    expect(leaks(() => x.index(':', i, j))).toBe(0);
    expect(leaks(() => x.index(m))).toBe(0);
    expect(leaks(() => x.index(true, '...', null))).toBe(0);
    expect(leaks(() => x.index(0, '1:'))).toBe(0);
    expect(leaks(() => void x.indexPut_([i0, ':', k], ones, true))).toBe(0);
    expect(leaks(() => void x.indexPut_([m], 2))).toBe(0);
    expect(leaks(() => void x.indexPut_([0, '1:'], 3))).toBe(0);
    expect(leaks(() => torch.maskedSelect(x, m))).toBe(0);
    expect(leaks(() => torch.nonzero(m))).toBe(0);
    expect(() => x.index(bad)).toThrow('out of bounds');
    expect(leaks(() => {
      try {
        x.index(k, bad);
      } catch {
        /* the error path frees too */
      }
    })).toBe(0);
  });

  it('the Tensor methods reach the same code', () => {
    const x = T([[1, 0], [0, 2]]);
    expect(x.nonzero().equal(torch.nonzero(x))).toBe(true);
    expect(x.maskedSelect(x.gt(0)).equal(torch.maskedSelect(x, x.gt(0)))).toBe(true);
  });
});
