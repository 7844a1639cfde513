/**
 * Reading fixtures/transforms.json (tools/gen_vision_transform_fixtures.py, real torchvision 0.14)
 * and comparing images: float outputs to float32 rounding, integer outputs within 1 where
 * torchvision itself rounds a float result.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Tensor } from '@x/tensor';
import type { RawImage } from '../../src/index';
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
export interface ParamStats {
  n: number;
  mean: number[];
  std: number[];
  min: number[];
  max: number[];
}
export interface Fixture {
  images: Record<string, EncodedTensor>;
  dims: Record<string, { dimensions: number[]; size: number[]; channels: number }>;
  functional: FunctionalCase[];
  reprs: ReprCase[];
  errors: ErrorCase[];
  params: Record<string, ParamStats>;
}

export const FIXTURE = JSON.parse(readFileSync(new URL('../fixtures/transforms.json', import.meta.url), 'utf8')) as Fixture;

export function image(key: string): Tensor {
  const enc = FIXTURE.images[key];
  if (enc === undefined) throw new Error(`no fixture image ${key}`);
  return decodeTensor(enc);
}

/** An HWC uint8 fixture image as the RawImage a decoder would give. */
export function rawImage(key: string): RawImage {
  const t = image(key);
  const [height, width, channels] = t.shape as [number, number, 1 | 2 | 3 | 4];
  return { data: t.contiguous().numpy() as Uint8Array, width, height, channels };
}

/** The positional arguments, then the keyword arguments as one options object (when there are any). */
export function callArgs(args: Value[], kw: Record<string, Value>): unknown[] {
  const opts = kwargs(kw);
  return Object.keys(opts).length > 0 ? [...args.map(value), opts] : args.map(value);
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
