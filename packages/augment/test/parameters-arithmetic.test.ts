import { describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import { parameters as iap } from '../src/index';

registerWasmBackend();

describe('parameter arithmetic and FromLowerResolution (the pixel augmenters\' parameters)', () => {
  it('Add, Subtract and Multiply combine samples with a value drawn once, or per sample when elementwise', () => {
    expect(new iap.Multiply(new iap.Deterministic(2), 3).drawValues(4, 1)).toEqual([6, 6, 6, 6]);
    expect(new iap.Add(new iap.Deterministic(2), -0.5).drawValues(2, 1)).toEqual([1.5, 1.5]);
    const oneMinus = new iap.Subtract(1, new iap.Uniform(0.2, 0.4)).drawValues(100, 1);
    // One value drawn for the call: all samples alike, within 1 − [0.2, 0.4].
    expect(new Set(oneMinus).size).toBe(1);
    expect(oneMinus[0]).toBeGreaterThanOrEqual(0.6 - 1e-6);
    expect(oneMinus[0]).toBeLessThanOrEqual(0.8 + 1e-6);
    const elementwise = new iap.Multiply(new iap.Deterministic(1), new iap.Uniform(0, 1), true).drawValues(100, 1);
    expect(new Set(elementwise).size).toBeGreaterThan(90);
  });

  it('ForceSign flips the wrong signs', () => {
    const positive = new iap.ForceSign(new iap.Normal(0, 1), { positive: true }).drawValues(500, 2);
    expect(Math.min(...positive)).toBeGreaterThanOrEqual(0);
    const negative = new iap.ForceSign(new iap.Normal(0, 1), { positive: false }).drawValues(500, 2);
    expect(Math.max(...negative)).toBeLessThanOrEqual(0);
    expect(() => new iap.ForceSign(new iap.Normal(0, 1), { positive: true, mode: 'reroll' as never })).toThrow("ForceSign: only mode 'invert' is implemented (imgaug's 'reroll' is not), got \"reroll\"");
  });

  it('FromLowerResolution draws on a coarse grid and scales up by nearest neighbour', () => {
    const samples = new iap.FromLowerResolution(new iap.Uniform(0, 1), { sizePx: 4 }).drawSamples([16, 12, 2], 3);
    expect(samples.shape).toEqual([16, 12, 2]);
    // Rows 0–3 repeat row 0's values (16 / 4), columns 0–2 column 0's (12 / 4).
    const blocks = samples.reshape([4, 4, 4, 3, 2]);
    expect(Boolean(blocks.amax([1, 3]).eq(blocks.amin([1, 3])).all().item())).toBe(true);
    expect(new iap.FromLowerResolution(new iap.Uniform(0, 1), { sizePercent: 0.5 }).drawSamples([2, 10, 8, 1], 3).shape).toEqual([2, 10, 8, 1]);
    expect(() => new iap.FromLowerResolution(new iap.Uniform(0, 1))).toThrow("FromLowerResolution: expected either 'sizePercent' or 'sizePx', got neither");
    expect(() => new iap.FromLowerResolution(new iap.Uniform(0, 1), { sizePx: 2 }).drawSamples([4, 4], 1)).toThrow('FromLowerResolution can only generate samples of shape [H, W, C] or [N, H, W, C], requested was [4, 4]');
  });
});
