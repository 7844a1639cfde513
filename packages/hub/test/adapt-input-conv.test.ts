/**
 * adaptInputConv's rules, against loops written out here (timm's adapt_input_conv is checked on
 * real checkpoints in pretrained.test.ts): one channel sums RGB (or each group of 3 in a
 * space-to-depth stem), more channels repeat RGB and scale by 3 / inChans, and what cannot convert
 * says why.
 */
import { describe, expect, it } from 'vitest';
import { arange, randn } from '@x/tensor';
import { registerWasmBackend } from '@x/backend-wasm';
import { adaptInputConv } from '../src/index';

registerWasmBackend();

describe('adaptInputConv', () => {
  const w = randn([4, 3, 2, 2]);
  const at = (t: typeof w, ...i: number[]): number => t.index(...i).item() as number;

  it('1 channel: the sum over RGB', () => {
    const a = adaptInputConv(1, w);
    expect([...a.shape]).toEqual([4, 1, 2, 2]);
    for (let o = 0; o < 4; o++) for (let y = 0; y < 2; y++) for (let x = 0; x < 2; x++) expect(at(a, o, 0, y, x)).toBeCloseTo(at(w, o, 0, y, x) + at(w, o, 1, y, x) + at(w, o, 2, y, x), 5);
  });

  it('5 channels: RGB repeated, cut to 5, times 3/5', () => {
    const a = adaptInputConv(5, w);
    expect([...a.shape]).toEqual([4, 5, 2, 2]);
    for (let c = 0; c < 5; c++) expect(at(a, 2, c, 1, 0)).toBeCloseTo((at(w, 2, c % 3, 1, 0) * 3) / 5, 6);
  });

  it('3 channels: unchanged; the dtype is kept', () => {
    expect(adaptInputConv(3, w).equal(w)).toBe(true);
    const half = w.to('float16');
    expect(adaptInputConv(1, half).dtype).toBe('float16');
  });

  it('a space-to-depth stem (3k inputs) to 1 channel: the sum within each group of 3', () => {
    const s = arange(2 * 6).reshape([2, 6, 1, 1]).float();
    const a = adaptInputConv(1, s);
    expect([...a.shape]).toEqual([2, 2, 1, 1]);
    expect(a.flatten().tolist()).toEqual([0 + 1 + 2, 3 + 4 + 5, 6 + 7 + 8, 9 + 10 + 11]);
  });

  it('refuses what it cannot convert', () => {
    expect(() => adaptInputConv(2, randn([4, 4, 3, 3]))).toThrow('adaptInputConv: only 3-channel weights convert to 2 channels, these have 4');
    expect(() => adaptInputConv(1, randn([4, 3]))).toThrow('adaptInputConv: expected a 4-D Conv2d weight [out, in, kH, kW], got shape [4,3]');
    expect(() => adaptInputConv(0, w)).toThrow('adaptInputConv: expected a positive whole number of input channels, got 0');
  });
});
