import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

const T = torch.tensor;

describe('creation and dtype inference', () => {
  it('infers int64, float32 and bool as PyTorch does', () => {
    expect(T([5, 5, 3]).dtype).toBe('int64');
    expect(T([5.5, 3]).dtype).toBe('float32');
    expect(T([true, false]).dtype).toBe('bool');
    expect(T(3).shape).toEqual([]);
    expect(T(new Float64Array([1, 2])).dtype).toBe('float64');
  });
  it('rejects ragged nested arrays', () => {
    expect(() => T([[1, 2], [3]])).toThrow('expected sequence of length 2 at dim 1 (got 1)');
  });
  it('zeros/ones/full/eye/arange/linspace', () => {
    expect(torch.zeros(4, 3, { dtype: 'int64' }).tolist()).toEqual([[0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]]);
    expect(torch.ones([2, 2]).shape).toEqual([2, 2]);
    expect(torch.full([2], 7).dtype).toBe('int64');
    expect(torch.full([2], 7.5).tolist()).toEqual([7.5, 7.5]);
    expect(torch.eye(2, 3).tolist()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(torch.arange(0, 10, 3).tolist()).toEqual([0, 3, 6, 9]);
    expect(torch.arange(0, 1, 0.25).dtype).toBe('float32');
    expect(torch.linspace(0, 1, 3).tolist()).toEqual([0, 0.5, 1]);
    expect(() => torch.zeros(-1)).toThrow('negative dimension');
  });
  it('new* and *Like keep dtype and device', () => {
    const x = torch.zeros(2, { dtype: 'float64' });
    expect(x.newOnes(4, 3).dtype).toBe('float64');
    expect(x.newOnes(4, 3, { dtype: 'int32' }).dtype).toBe('int32');
    expect(torch.onesLike(x).dtype).toBe('float64');
    expect(x.newFull([2], 3).tolist()).toEqual([3, 3]);
  });
});

describe('type promotion', () => {
  it('follows torch.result_type', () => {
    expect(torch.resultType({ dtype: 'int32', ndim: 1 }, 2)).toBe('int32');
    expect(torch.resultType({ dtype: 'int32', ndim: 1 }, 2.5)).toBe('float32');
    expect(torch.resultType({ dtype: 'float16', ndim: 1 }, { dtype: 'float32', ndim: 0 })).toBe('float16');
    expect(torch.resultType({ dtype: 'int64', ndim: 1 }, { dtype: 'float64', ndim: 0 })).toBe('float64');
    expect(torch.resultType({ dtype: 'uint8', ndim: 1 }, { dtype: 'int32', ndim: 1 })).toBe('int32');
    expect(torch.promoteTypes('float16', 'bfloat16')).toBe('float32');
    expect(torch.resultType({ dtype: 'bool', ndim: 1 }, 1)).toBe('int64');
  });
  it('applies to ops', () => {
    expect(T([1, 2]).add(0.5).dtype).toBe('float32');
    expect(T([1, 2]).div(2).tolist()).toEqual([0.5, 1]);
    expect(T([1, 2], { dtype: 'int32' }).mul(2).dtype).toBe('int32');
    expect(T([1, 2]).gt(1).dtype).toBe('bool');
    expect(() => T([1, 2]).add_(0.5)).toThrow("result type Float can't be cast to the desired output type Long");
  });
});

describe('views share storage', () => {
  it('view, and writes through views', () => {
    const x = torch.arange(16, { dtype: 'float32' }).view(4, 4);
    const y = x.view(16);
    const z = x.view(-1, 8);
    expect(y.shape).toEqual([16]);
    expect(z.shape).toEqual([2, 8]);
    x.add_(1);
    expect((y.tolist() as number[])[0]).toBe(1);
    expect(() => x.t().view(16)).toThrow("view size is not compatible with input tensor's size and stride");
    expect(x.t().reshape(16).isContiguous()).toBe(true);
  });
  it('select/narrow/transpose/permute/expand/squeeze', () => {
    const x = torch.arange(6).view(2, 3);
    const row = x.select(0, 0);
    row.add_(10);
    expect(x.tolist()).toEqual([[10, 11, 12], [3, 4, 5]]);
    expect(x.narrow(1, 1, 2).tolist()).toEqual([[11, 12], [4, 5]]);
    expect(x.t().tolist()).toEqual([[10, 3], [11, 4], [12, 5]]);
    expect(x.t().isContiguous()).toBe(false);
    expect(x.unsqueeze(0).shape).toEqual([1, 2, 3]);
    expect(x.unsqueeze(-1).squeeze().shape).toEqual([2, 3]);
    expect(torch.tensor([1, 2, 3]).expand(2, 3).tolist()).toEqual([[1, 2, 3], [1, 2, 3]]);
    expect(x.permute(1, 0).shape).toEqual([3, 2]);
    expect(x.flatten().shape).toEqual([6]);
    expect(x.unflatten(1, [3, 1]).shape).toEqual([2, 3, 1]);
  });
  it('broadcasting as in the seed', () => {
    const a = torch.arange(1, 3).view(1, 2);
    const b = torch.arange(1, 4).view(3, 1);
    expect(a.add(b).tolist()).toEqual([[2, 3], [3, 4], [4, 5]]);
    expect(() => torch.ones(2, 3).add(torch.ones(2, 4))).toThrow(
      'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1',
    );
  });
});

describe('reductions', () => {
  const x = T([[1, 5, 3], [4, 2, 6]], { dtype: 'float32' });
  it('sum/mean/max/argmax with dim and keepdim', () => {
    expect(x.sum().item()).toBe(21);
    expect(x.sum(1).tolist()).toEqual([9, 12]);
    expect(x.sum({ dim: 0, keepdim: true }).shape).toEqual([1, 3]);
    expect(x.mean(0).tolist()).toEqual([2.5, 3.5, 4.5]);
    const [v, i] = x.max(1);
    expect(v.tolist()).toEqual([5, 6]);
    expect(i.tolist()).toEqual([1, 2]);
    expect(x.argmax().item()).toBe(5);
    expect(T([1, 2, 3]).sum().dtype).toBe('int64');
    expect(() => T([1, 2]).mean()).toThrow('mean(): could not infer output dtype');
  });
});

describe('matmul', () => {
  it('mm and its error', () => {
    const a = T([[1, 2], [3, 4]], { dtype: 'float32' });
    expect(a.mm(a).tolist()).toEqual([[7, 10], [15, 22]]);
    expect(a.matmul(a.t()).tolist()).toEqual([[5, 11], [11, 25]]);
    expect(() => torch.ones(2, 3).mm(torch.ones(4, 5))).toThrow('mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)');
  });
  it('batched broadcast', () => {
    const a = torch.ones(2, 1, 3, 4);
    const b = torch.ones(5, 4, 2);
    expect(a.matmul(b).shape).toEqual([2, 5, 3, 2]);
    expect(torch.ones(3).matmul(torch.ones(3, 2)).shape).toEqual([2]);
  });
});

describe('random', () => {
  it('same seed, same numbers', () => {
    torch.manualSeed(0);
    const a = torch.rand(5).tolist();
    torch.manualSeed(0);
    const b = torch.rand(5).tolist();
    expect(a).toEqual(b);
    const p = torch.randperm(10).tolist() as number[];
    expect([...p].sort((x, y) => x - y)).toEqual([...Array(10).keys()]);
    const r = torch.randint(0, 3, [1000]).tolist() as number[];
    expect(Math.min(...r)).toBe(0);
    expect(Math.max(...r)).toBe(2);
  });
  it('randperm is a permutation that the seed repeats (its values are PyTorch\'s: rng.test.ts)', () => {
    for (const seed of [0, 42]) {
      for (const n of [1, 7, 5000]) {
        torch.manualSeed(seed);
        const p = torch.randperm(n).tolist() as number[];
        expect([...p].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
        torch.manualSeed(seed);
        expect(torch.randperm(n).tolist()).toEqual(p);
      }
    }
  });
  it('normal has the right moments', () => {
    torch.manualSeed(1);
    const x = torch.randn(20000);
    expect(Math.abs(x.mean().item())).toBeLessThan(0.03);
    expect(Math.abs(x.std().item() - 1)).toBeLessThan(0.03);
  });
});

describe('reading and printing', () => {
  it('item, tolist, data, toString', async () => {
    expect(await T(3.5).itemAsync()).toBe(3.5);
    expect(await T([[1, 2]]).tolistAsync()).toEqual([[1, 2]]);
    expect(await T([1, 2]).numpyAsync()).toEqual(new BigInt64Array([1n, 2n]));
    expect(String(T([1, 1], { dtype: 'int32' }))).toBe('tensor([1, 1], dtype=torch.int32)');
    expect(() => T([1, 2]).item()).toThrow('only one element tensors can be converted to Python scalars');
  });
  it('half types round to nearest even', () => {
    expect(T([1 / 3], { dtype: 'float16' }).tolist()).toEqual([0.333251953125]);
    expect(T([1 / 3], { dtype: 'bfloat16' }).tolist()).toEqual([0.333984375]);
  });
});
