/** roundHalfEven (one number) agrees with the round op (checked against PyTorch by the conformance fixtures) on halves, signs and non-finite values. */
import { describe, expect, it } from 'vitest';
import { roundHalfEven, round, tensor } from '../src/index';

describe('roundHalfEven', () => {
  it('equals torch.round elementwise, in float64', () => {
    const xs = [-3.5, -2.5, -1.5, -0.5, -0.49, 0, 0.5, 1.5, 2.5, 3.5, 2.4999, 7.5000001, 1e15 + 0.5, -0, Infinity, -Infinity];
    const expected = round(tensor(xs, { dtype: 'float64' })).tolist() as number[];
    expect(xs.map(roundHalfEven)).toEqual(expected);
    expect(Object.is(roundHalfEven(-0.4), -0)).toBe(true);
    expect(Number.isNaN(roundHalfEven(NaN))).toBe(true);
  });
});
