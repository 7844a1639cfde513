import { describe, expect, it } from 'vitest';
import { coalesce, coalesced } from '../src/coalesce';

/** The coalesced dims as plain arrays. */
function dims(shape: number[], strides: (number[] | null)[], from?: number, to?: number, skip?: number) {
  const c = coalesce(shape, strides, coalesced(strides.length), from, to, skip);
  return { shape: Array.from(c.shape).slice(0, c.ndim), strides: c.strides.map((s) => Array.from(s).slice(0, c.ndim)), numel: c.numel };
}

/** Element offsets of a row-major walk over shape, for each operand: what coalescing must keep. */
function walk(shape: number[], strides: number[]): number[] {
  const out: number[] = [];
  const idx = shape.map(() => 0);
  const n = shape.reduce((a, b) => a * b, 1);
  for (let i = 0; i < n; i++) {
    out.push(idx.reduce((acc, x, d) => acc + x * strides[d]!, 0));
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
  }
  return out;
}

describe('coalesce', () => {
  it('makes a contiguous tensor one dim', () => {
    expect(dims([2, 3, 4], [[12, 4, 1], [12, 4, 1]])).toEqual({ shape: [24], strides: [[1], [1]], numel: 24 });
  });
  it('keeps a broadcast row apart from the rows it repeats over', () => {
    expect(dims([5, 3, 4], [[12, 4, 1], [0, 4, 1]])).toEqual({ shape: [5, 12], strides: [[12, 1], [0, 1]], numel: 60 });
  });
  it('treats a null operand as a scalar (stride 0 everywhere)', () => {
    expect(dims([3, 4], [[4, 1], null])).toEqual({ shape: [12], strides: [[1], [0]], numel: 12 });
  });
  it('does not merge a transposed operand', () => {
    expect(dims([3, 4], [[4, 1], [1, 3]])).toEqual({ shape: [3, 4], strides: [[4, 1], [1, 3]], numel: 12 });
  });
  it('drops size-1 dims whatever their strides', () => {
    expect(dims([1, 3, 1, 4], [[99, 4, 7, 1]])).toEqual({ shape: [12], strides: [[1]], numel: 12 });
  });
  it('counts zero-size dims in numel', () => {
    expect(dims([3, 0, 4], [[0, 4, 1]]).numel).toBe(0);
  });
  it('coalesces a range of dims and skips one', () => {
    // outer dims of a reduction over the last dim
    expect(dims([2, 3, 4], [[12, 4, 1]], 0, 2)).toEqual({ shape: [6], strides: [[4]], numel: 6 });
    // every dim but a scan's dim 1
    expect(dims([2, 3, 4], [[12, 4, 1]], 0, 3, 1)).toEqual({ shape: [2, 4], strides: [[12, 1]], numel: 8 });
  });
  it('visits the same elements in the same order as the dims it merged', () => {
    const shape = [2, 1, 3, 2, 2];
    const ops = [
      [12, 99, 4, 2, 1],
      [0, 0, 4, 2, 1],
      [6, 5, 1, 0, 3],
    ];
    const c = dims(shape, ops);
    ops.forEach((s, k) => expect(walk(c.shape, c.strides[k]!)).toEqual(walk(shape, s)));
  });
  it('writes into typed arrays, such as views of a backend argument memory', () => {
    const words = new Int32Array(3 * 16);
    const into = { ndim: 0, numel: 1, shape: words.subarray(0, 16), strides: [words.subarray(16, 32), words.subarray(32, 48)] };
    coalesce([5, 3, 4], [[12, 4, 1], [0, 4, 1]], into);
    expect(into.ndim).toBe(2);
    expect(Array.from(words.subarray(0, 2))).toEqual([5, 12]);
    expect(Array.from(words.subarray(16, 18))).toEqual([12, 1]);
    expect(Array.from(words.subarray(32, 34))).toEqual([0, 1]);
  });
  it('reuses its result object', () => {
    const into = coalesced(1);
    coalesce([2, 3], [[3, 1]], into);
    expect(coalesce([4, 5], [[1, 4]], into)).toBe(into);
    expect(Array.from(into.shape).slice(0, into.ndim)).toEqual([4, 5]);
  });
});
