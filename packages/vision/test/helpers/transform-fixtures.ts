/**
 * Reading fixtures/transforms.json (tools/gen_vision_transform_fixtures.py, real torchvision 0.14)
 * and comparing images: float outputs to float32 rounding, integer outputs within 1 where
 * torchvision itself rounds a float result.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Tensor } from '@x/tensor';
import { decodeTensor, decodeValues, valuesMismatch, type EncodedTensor } from '@x/tensor/testing';

export type Value = EncodedTensor | number | string | boolean | null | Value[] | { [k: string]: Value };

export interface FunctionalCase {
  name: string;
  fn: string;
  image: string;
  args: Value[];
  kwargs: Record<string, Value>;
  output: EncodedTensor | EncodedTensor[];
  atol?: number;
}
export interface ReprCase {
  ctor: string;
  args: Value[];
  kwargs: Record<string, Value>;
  repr: string;
}
export interface ErrorCase {
  fn?: string;
  ctor?: string;
  image: string | null;
  args: Value[];
  kwargs: Record<string, Value>;
  error: string;
}
export interface Fixture {
  images: Record<string, EncodedTensor>;
  functional: FunctionalCase[];
  reprs: ReprCase[];
  errors: ErrorCase[];
  params: Record<string, Value>;
}

export const FIXTURE = JSON.parse(readFileSync(new URL('../fixtures/transforms.json', import.meta.url), 'utf8')) as Fixture;

export function image(key: string): Tensor {
  const enc = FIXTURE.images[key];
  if (enc === undefined) throw new Error(`no fixture image ${key}`);
  return decodeTensor(enc);
}

function isEnc(v: unknown): v is EncodedTensor {
  return typeof v === 'object' && v !== null && (v as EncodedTensor).tensor === true;
}

/** A fixture value as an @x argument, tensors decoded. */
export function value(v: Value): unknown {
  if (isEnc(v)) return decodeTensor(v);
  if (Array.isArray(v)) return v.map(value);
  return v;
}

export function kwargs(kw: Record<string, Value>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(kw).map(([k, v]) => [k, value(v)]));
}

/** Same shape and dtype; values equal to float32 rounding (float, or within `atol`) or within 1 (integer). */
export function expectImage(actual: Tensor, expected: EncodedTensor, what: string, atol?: number): void {
  expect([...actual.shape], `${what}: shape`).toEqual(expected.shape);
  expect(actual.dtype, `${what}: dtype`).toBe(expected.dtype);
  const integer = !expected.dtype.startsWith('float');
  const tol = integer ? { rtol: 0, atol: 1 } : atol !== undefined ? { rtol: 0, atol } : expected.dtype === 'float64' ? { rtol: 1e-10, atol: 1e-10 } : { rtol: 1e-5, atol: 2e-6 };
  expect(valuesMismatch(actual.to('float64').numpy() as Float64Array, decodeValues(expected.data), tol), what).toBeNull();
}
