import { registerWasmBackend } from '@x/backend-wasm';
import { describe, expect, it } from 'vitest';
import { augmenters as iaa, parameters as iap, RandomState } from '../src/index';
import { readFixture } from './helpers/core-fixtures';

registerWasmBackend();

interface Handled {
  handler: 'continuous' | 'discrete' | 'probability';
  arg: unknown;
  str: string;
}

interface Distribution {
  parameter: string;
  args: unknown[];
  options: Record<string, unknown>;
  mean: number;
  std: number;
  quantiles: number[];
  frequencies?: Record<string, number>;
}

const fixture = readFixture<{ handled: Handled[]; draws: number; quantiles: number[]; distributions: Distribution[] }>('core-parameters.json');

function tsArg(arg: unknown): unknown {
  if (typeof arg === 'object' && arg !== null && 'range' in arg) return (arg as { range: number[] }).range;
  if (typeof arg === 'object' && arg !== null && 'choice' in arg) return iaa.choice((arg as { choice: number[] }).choice);
  return arg;
}

const HANDLERS = { continuous: iap.handleContinuousParam, discrete: iap.handleDiscreteParam, probability: iap.handleProbabilityParam };

describe("imgaug's argument conventions", () => {
  for (const h of fixture.handled) {
    it(`handle_${h.handler}_param(${JSON.stringify(h.arg)}) is ${h.str}`, () => {
      expect(HANDLERS[h.handler](tsArg(h.arg), 'x').toString()).toBe(h.str);
    });
  }

  it('refuses an array that is not a range, pointing to choice for lists', () => {
    expect(() => iap.handleContinuousParam([1, 2, 3], 'rotate')).toThrow(/range \[a, b\] with exactly 2 entries, got 3 entries; for a list of choices use iap.choice/);
    expect(() => iap.handleDiscreteParam([1.5, 2], 'k', { allowFloats: false })).toThrow(/two integers/);
  });

  it('takes arrays as choice lists where imgaug takes lists but no ranges', () => {
    expect(iap.handleContinuousParam([1, 2, 3], 'x', { tupleToUniform: false }).toString()).toBe('Choice(a=[1, 2, 3], replace=True, p=None)');
  });

  it('names what was expected and what came for bad values', () => {
    expect(() => iap.handleContinuousParam('a', 'scale')).toThrow(/Expected number, a range \[a, b\] of numbers, a choice list \(iap.choice\(\[\.\.\.\]\)\), a StochasticParameter for scale, got "a"/);
    expect(() => iap.handleContinuousParam(-1, 'scale', { valueRange: [0, null] })).toThrow(/Parameter 'scale' is outside of the expected value range \(0 <= x\), got -1/);
    expect(() => iap.handleProbabilityParam(1.5, 'p')).toThrow(/interval \[0.0, 1.0\], got 1.5/);
    expect(() => iap.handleCategoricalStringParam('wrap2', 'mode', ['constant', 'edge'])).toThrow(/one of: constant, edge. Got: wrap2/);
  });

  it('turns strings into Deterministic and Choice, and ALL into every valid value', () => {
    expect(iap.handleCategoricalStringParam('edge', 'mode', ['constant', 'edge']).drawSample(1)).toBe('edge');
    const all = iap.handleCategoricalStringParam(iap.ALL, 'mode', ['constant', 'edge']);
    expect(new Set(all.drawValues(200, 1))).toEqual(new Set(['constant', 'edge']));
    expect(() => all.drawSamples(2, 1)).toThrow(/draws strings, which a tensor cannot hold: use drawValues/);
  });
});

function build(name: string, args: unknown[], options: Record<string, unknown>): iap.StochasticParameter {
  const decoded = args.map((a) => (typeof a === 'object' && a !== null && 'parameter' in a ? build(...((a as { parameter: [string, unknown[]] }).parameter), {}) : a));
  const ctor = (iap as unknown as Record<string, new (...a: unknown[]) => iap.StochasticParameter>)[name]!;
  return Object.keys(options).length > 0 ? new ctor(...decoded, options) : new ctor(...decoded);
}

function quantile(sorted: Float64Array, q: number): number {
  // numpy's default (linear) quantile
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (pos - lo);
}

describe("parameter distributions match imgaug's (moments, quantiles and frequencies of 200000 draws, seed 1)", () => {
  for (const d of fixture.distributions) {
    it(`${d.parameter}(${JSON.stringify(d.args)}${Object.keys(d.options).length ? `, ${JSON.stringify(d.options)}` : ''})`, () => {
      const values = Float64Array.from(build(d.parameter, d.args, d.options).drawSamples(fixture.draws, 1).numpy() as ArrayLike<number>);
      const n = values.length;
      const mean = values.reduce((a, b) => a + b, 0) / n;
      const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
      // Two independent samples of n: their means differ by about std·sqrt(2/n); 5 of those is a 1-in-a-million miss.
      const se = d.std * Math.sqrt(2 / n);
      expect(Math.abs(mean - d.mean)).toBeLessThan(5 * se + 1e-9);
      expect(Math.abs(std - d.std)).toBeLessThan(0.02 * d.std + 1e-9);
      const sorted = values.slice().sort();
      fixture.quantiles.forEach((q, i) => expect(Math.abs(quantile(sorted, q) - d.quantiles[i]!)).toBeLessThan(0.02 * d.std + (d.frequencies ? 1 : 0)));
      if (d.frequencies) {
        for (const [value, freq] of Object.entries(d.frequencies)) {
          const got = values.filter((v) => v === Number(value)).length / n;
          expect(Math.abs(got - freq)).toBeLessThan(0.005);
        }
      }
    });
  }
});

describe('drawing', () => {
  it('drawSamples has the requested shape, and int32 or float32 values as imgaug', () => {
    const u = new iap.Uniform(0, 1).drawSamples([2, 3], 1);
    expect(u.shape).toEqual([2, 3]);
    expect(u.dtype).toBe('float32');
    expect(new iap.DiscreteUniform(0, 3).drawSamples(5, 1).dtype).toBe('int32');
    expect(new iap.Deterministic(2).drawSamples(3, 1).tolist()).toEqual([2, 2, 2]);
    expect(new iap.DeterministicList([1, 2, 3]).drawSamples(5, 1).tolist()).toEqual([1, 2, 3, 1, 2]);
  });

  it('the same seed draws the same values; a random state moves on after each draw', () => {
    const p = new iap.Normal(0, 1);
    expect(p.drawValues(5, 7)).toEqual(p.drawValues(5, 7));
    expect(p.drawValues(5, 7)).not.toEqual(p.drawValues(5, 8));
    const rs = new RandomState(3);
    expect(p.drawValues(4, rs)).not.toEqual(p.drawValues(4, rs));
  });

  it('Choice without replacement never repeats, with weights too', () => {
    const c = new iap.Choice([1, 2, 3, 4, 5], { replace: false });
    for (let seed = 0; seed < 20; seed++) expect(new Set(c.drawValues(5, seed)).size).toBe(5);
    const w = new iap.Choice([1, 2, 3], { replace: false, p: [0.8, 0.1, 0.1] });
    expect(new Set(w.drawValues(3, 3)).size).toBe(3);
    expect(() => c.drawValues(6, 1)).toThrow(/cannot take 6 values without replacement from 5/);
  });

  it('Choice over parameters draws from the parameter picked', () => {
    const c = new iap.Choice([new iap.Deterministic(-1), new iap.Uniform(10, 20)]);
    const values = c.drawValues(400, 2);
    expect(values.every((v) => v === -1 || (v >= 10 && v < 20))).toBe(true);
    expect(values.filter((v) => v === -1).length).toBeGreaterThan(150);
  });

  it('Clip limits another parameter', () => {
    const values = new iap.Clip(new iap.Normal(0, 3), -1, 1).drawValues(1000, 1);
    expect(Math.min(...values)).toBe(-1);
    expect(Math.max(...values)).toBe(1);
  });
});
