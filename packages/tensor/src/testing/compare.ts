/**
 * Comparing our outputs with PyTorch's: same structure, same shape, same dtype, and values within
 * the tolerance of the dtype. Tolerances are stated here and nowhere else.
 */
import * as torch from '@x/tensor';
import type { DType, Tensor } from '@x/tensor';
import { decodeNumber, isEncodedTensor, type EncodedTensor } from './fixtures';

export interface Tolerance {
  rtol: number;
  atol: number;
}

/**
 * |actual - expected| <= atol + rtol * |expected|, per element; NaN must meet NaN, ±inf must meet the
 * same infinity. The sign of zero is not compared (torch.testing.assert_close does not either).
 *
 * - float32: rtol 1.3e-6, atol 1e-5, torch.testing's defaults for float32. Our kernels compute
 *   float32 through float64 (reference) or in float32 (wasm); PyTorch's CPU kernels use SLEEF's 1-ulp
 *   vector math and cascade summation. Both sides are within a few ulp (1 ulp = 1.2e-7 relative) of the
 *   exact result, so 1.3e-6 (about 10 ulp) separates rounding noise from wrong semantics.
 * - float64: rtol 1e-7, atol 1e-7 (torch.testing: 1e-7 / 1e-7).
 * - float16: rtol 1e-3, atol 1e-5 (torch.testing): half has an 11-bit significand (ulp 9.8e-4); both
 *   sides compute in float32 and round once, so results differ by at most one half-ulp step.
 * - bfloat16: rtol 1.6e-2, atol 1e-5 (torch.testing): 8-bit significand, ulp 7.8e-3.
 * - integers and bool: exact.
 */
export const TOLERANCES: Readonly<Record<DType, Tolerance>> = {
  float32: { rtol: 1.3e-6, atol: 1e-5 },
  float64: { rtol: 1e-7, atol: 1e-7 },
  float16: { rtol: 1e-3, atol: 1e-5 },
  bfloat16: { rtol: 1.6e-2, atol: 1e-5 },
  int32: { rtol: 0, atol: 0 },
  int64: { rtol: 0, atol: 0 },
  uint8: { rtol: 0, atol: 0 },
  bool: { rtol: 0, atol: 0 },
};

/**
 * Plain numbers a case returns (item(), numel(), equal(), allclose()): compared as float64 values,
 * booleans exactly.
 */
const NUMBER_TOLERANCE = TOLERANCES.float64;

function close(actual: number, expected: number, tol: Tolerance): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  if (!Number.isFinite(actual)) return false;
  return Math.abs(actual - expected) <= tol.atol + tol.rtol * Math.abs(expected);
}

function fmt(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

/**
 * Compares values elementwise within a tolerance: |actual − expected| ≤ atol + rtol·|expected|, NaN
 * meeting NaN and an infinity the same infinity. Returns the count and the first few mismatches, or
 * null when every value matches; a test framework's `expect(…).toBeNull()` reports the text.
 *
 * @example
 * valuesMismatch(t.numpy(), decodeValues(fixture.data), TOLERANCES.float32); // null
 */
export function valuesMismatch(actual: ArrayLike<number | bigint>, expected: ArrayLike<number>, tol: Tolerance): string | null {
  if (actual.length !== expected.length) return `${actual.length} values, expected ${expected.length}`;
  const bad: string[] = [];
  let count = 0;
  for (let i = 0; i < expected.length; i++) {
    const got = Number(actual[i]);
    if (close(got, expected[i]!, tol)) continue;
    count++;
    if (bad.length < 6) bad.push(`[${i}] got ${fmt(got)}, expected ${fmt(expected[i]!)}`);
  }
  return count === 0 ? null : `${count} of ${expected.length} values differ (rtol ${tol.rtol}, atol ${tol.atol}): ${bad.join('; ')}`;
}

/** Returns a description of the first mismatches, or null when the tensor matches. */
async function compareTensor(actual: unknown, expected: EncodedTensor, path: string): Promise<string | null> {
  if (!(actual instanceof torch.Tensor)) return `${path}: expected a tensor, got ${describeValue(actual)}`;
  const t = actual as Tensor;
  if (JSON.stringify(t.shape) !== JSON.stringify(expected.shape)) {
    return `${path}: shape [${t.shape.join(', ')}], expected [${expected.shape.join(', ')}]`;
  }
  if (t.dtype !== expected.dtype) return `${path}: dtype ${t.dtype}, expected ${expected.dtype}`;
  const raw = await t.numpyAsync();
  const tol = TOLERANCES[expected.dtype];
  const bad: string[] = [];
  let count = 0;
  const mismatch = (i: number, got: string, want: string): void => {
    count++;
    if (bad.length < 6) bad.push(`[${i}] got ${got}, expected ${want}`);
  };
  if (raw instanceof BigInt64Array) {
    // int64 exactly, beyond 2^53 too
    expected.data.forEach((v, i) => {
      const want = BigInt(decodeNumber(v) as number | bigint);
      if (raw[i] !== want) mismatch(i, String(raw[i]), String(want));
    });
  } else {
    const got = Array.from(raw as ArrayLike<number>, Number);
    expected.data.forEach((v, i) => {
      const want = Number(decodeNumber(v));
      if (!close(got[i]!, want, tol)) mismatch(i, fmt(got[i]!), fmt(want));
    });
  }
  const want = expected.data;
  if (count === 0) return null;
  return `${path}: ${count} of ${want.length} values differ (${expected.dtype}, rtol ${tol.rtol}, atol ${tol.atol}): ${bad.join('; ')}`;
}

/** How a mismatch message names a value: a tensor by shape and dtype. */
export function describeValue(v: unknown): string {
  if (v instanceof torch.Tensor) return `tensor of shape [${v.shape.join(', ')}] (${v.dtype})`;
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return `${typeof v} ${String(v)}`;
}

/** Compares an output against the fixture's expected value; null when equal. */
export async function compareOutput(actual: unknown, expected: unknown, path = 'out'): Promise<string | null> {
  if (isEncodedTensor(expected)) return compareTensor(actual, expected, path);
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected a list of ${expected.length}, got ${describeValue(actual)}`;
    if (actual.length !== expected.length) return `${path}: ${actual.length} outputs, expected ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const r = await compareOutput(actual[i], expected[i], `${path}[${i}]`);
      if (r) return r;
    }
    return null;
  }
  if (typeof expected === 'boolean') {
    return actual === expected ? null : `${path}: got ${describeValue(actual)}, expected ${expected}`;
  }
  if (typeof expected === 'number' || typeof expected === 'string') {
    const want = Number(decodeNumber(expected));
    if (typeof actual !== 'number') return `${path}: got ${describeValue(actual)}, expected the number ${want}`;
    return close(actual, want, NUMBER_TOLERANCE) ? null : `${path}: got ${actual}, expected ${want}`;
  }
  throw new Error(`${path}: cannot compare with fixture value ${JSON.stringify(expected)}`);
}
