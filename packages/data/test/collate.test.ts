import { describe, expect, test } from 'vitest';
import * as torch from '@x/tensor';
import { defaultCollate, defaultConvert } from '../src/index';

describe('defaultCollate', () => {
  test('tensors are stacked along a new first dim', () => {
    const out = defaultCollate([torch.zeros(2, 3), torch.ones(2, 3)]);
    expect(out.shape).toEqual([2, 2, 3]);
    expect(out.dtype).toBe('float32');
    expect(out.tolist()[1][0]).toEqual([1, 1, 1]);
  });
  test('numbers: integers to int64, any fraction to float64; booleans to bool; bigints to int64', () => {
    expect(defaultCollate([1, 2, 3]).dtype).toBe('int64');
    expect(defaultCollate([1.5, 2]).dtype).toBe('float64');
    expect(defaultCollate([1.5, 2]).tolist()).toEqual([1.5, 2]);
    expect(defaultCollate([true, false]).dtype).toBe('bool');
    expect(defaultCollate([1n, 2n]).dtype).toBe('int64');
  });
  test('samples that are arrays (tuples) collate position by position', () => {
    const [x, y] = defaultCollate([[torch.zeros(3), 1], [torch.ones(3), 2]]);
    expect(x.shape).toEqual([2, 3]);
    expect(y.dtype).toBe('int64');
    expect(y.tolist()).toEqual([1, 2]);
  });
  test('records and Maps key by key; strings stay a list', () => {
    const r = defaultCollate([{ x: torch.zeros(2), y: 0.5, name: 'a' }, { x: torch.ones(2), y: 1.5, name: 'b' }]);
    expect(r.x.shape).toEqual([2, 2]);
    expect(r.y.dtype).toBe('float64');
    expect(r.name).toEqual(['a', 'b']);
    const m = defaultCollate([new Map([['k', 1]]), new Map([['k', 2]])]);
    expect(m.get('k').tolist()).toEqual([1, 2]);
  });
  test('nested structures', () => {
    const [pair, t] = defaultCollate([[[1, 2.5], torch.zeros(1)], [[3, 4.5], torch.ones(1)]]);
    expect(pair[0].dtype).toBe('int64');
    expect(pair[1].dtype).toBe('float64');
    expect(t.shape).toEqual([2, 1]);
  });
  test('typed arrays stack like numpy arrays, keeping their dtype', () => {
    const out = defaultCollate([new Uint8Array([1, 2]), new Uint8Array([3, 4])]);
    expect(out.dtype).toBe('uint8');
    expect(out.shape).toEqual([2, 2]);
    expect(defaultCollate([new Float32Array(3), new Float32Array(3)]).dtype).toBe('float32');
  });
  test('errors as PyTorch', () => {
    expect(() => defaultCollate([[1, 2], [1]])).toThrow('each element in list of batch should be of equal size');
    expect(() => defaultCollate([null])).toThrow(/^default_collate: batch must contain tensors.*found null/);
    expect(() => defaultCollate([torch.zeros(3), torch.zeros(4)])).toThrow('stack expects each tensor to be equal size, but got [3] at entry 0 and [4] at entry 1');
    expect(() => defaultCollate([{ x: 1 }, { y: 2 }])).toThrow("default_collate: sample 1 has no key 'x'");
    expect(() => defaultCollate([1, 'a'])).toThrow('default_collate: sample 0 is a number but sample 1 is string');
  });
});

describe('defaultConvert', () => {
  test('typed arrays become tensors; other values are kept', () => {
    const out = defaultConvert({ a: new Float64Array([1, 2]), b: 3, c: ['s', new Int32Array([1])] });
    expect(out.a.dtype).toBe('float64');
    expect(out.b).toBe(3);
    expect(out.c[0]).toBe('s');
    expect(out.c[1].dtype).toBe('int32');
  });
});
