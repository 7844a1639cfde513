/**
 * Reading fixtures/layers.json (tools/gen_nn_fixtures.py, real PyTorch 1.13) and turning its
 * calls into @x calls: layer constructors by class name, functional ops and init functions by
 * their PyTorch names in camelCase, keyword arguments as the trailing options object.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { DType, Tensor } from '@x/tensor';
import { decodeTensor, decodeValues, valuesMismatch, type EncodedTensor as Enc, type Tolerance } from '@x/tensor/testing';
import * as nn from '../src/index';

export type { Enc };
export type Value = Enc | number | string | boolean | null | Value[];

export interface ModuleStep {
  train: boolean;
  inputs: Enc[];
  output: Enc;
  upstream: Enc;
  grads: Record<string, Enc>;
}
export interface ModuleCase {
  name: string;
  ctor: string;
  args: Value[];
  kwargs: Record<string, Value>;
  dtype: DType;
  nonleaf: boolean;
  state: Record<string, Enc>;
  steps: ModuleStep[];
  after: Record<string, Enc>;
  repr: string;
}
export interface FunctionalCase {
  name: string;
  fn: string;
  args: Value[];
  kwargs: Record<string, Value>;
  output: Enc;
  upstream?: Enc;
  grads?: (Enc | null)[];
  after?: (Enc | null)[];
}
export interface ErrorCase {
  kind: 'module' | 'ctor' | 'functional' | 'init';
  ctor?: string;
  fn?: string;
  args: Value[];
  kwargs: Record<string, Value>;
  inputs?: Enc[];
  train?: boolean;
  shape?: number[];
  error: string;
}
export interface Stats {
  mean: number;
  std: number;
  min: number;
  max: number;
  zeros: number;
}
export interface InitCase {
  fn: string;
  shape: number[];
  args: Value[];
  kwargs: Record<string, Value>;
  stats: Stats;
  tol: { mean: number; std: number };
  bound?: [number, number];
  exact?: Enc;
}
export interface FreshCase {
  ctor: string;
  args: number[];
  kwargs: Record<string, Value>;
  param: string;
  shape: number[];
  stats: Stats;
  tol: { mean: number; std: number };
  bound?: [number, number];
}
export interface Fixture {
  torch: string;
  modules: ModuleCase[];
  functional: FunctionalCase[];
  reprs: { ctor: string; args: Value[]; kwargs: Record<string, Value>; repr: string }[];
  errors: ErrorCase[];
  init: InitCase[];
  fresh: FreshCase[];
  gains: [string, number | null, number][];
}

export const FIXTURE = JSON.parse(readFileSync(new URL('./fixtures/layers.json', import.meta.url), 'utf8')) as Fixture;

function isEnc(v: unknown): v is Enc {
  return typeof v === 'object' && v !== null && (v as Enc).tensor === true;
}

/** A fixture value as an @x argument: tensors decoded (leaves marked requiresGrad as requested). */
export function value(v: Value): unknown {
  if (isEnc(v)) return decodeTensor(v);
  if (Array.isArray(v)) return v.map(value);
  return v;
}

/** Positional arguments, then the keyword arguments as one options object (if any). */
export function callArgs(args: Value[], kwargs: Record<string, Value>): unknown[] {
  const pos = args.map(value);
  const kw = Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [k, value(v)]));
  return Object.keys(kw).length > 0 ? [...pos, kw] : pos;
}

export function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `new nn[ctor](...)` for the test models too. */
export function construct(ctor: string, args: Value[], kwargs: Record<string, Value>): nn.Module {
  const cls = (nn as unknown as Record<string, new (...a: unknown[]) => nn.Module>)[ctor];
  if (cls === undefined) throw new Error(`no layer nn.${ctor}`);
  return new cls(...callArgs(args, kwargs));
}

export function functional(fn: string): (...a: unknown[]) => Tensor {
  const f = (nn.functional as unknown as Record<string, (...a: unknown[]) => Tensor>)[camel(fn)];
  if (f === undefined) throw new Error(`no nn.functional.${camel(fn)}`);
  return f;
}

/** Runs a functional case: its output, the gradients of its arguments after backward with `upstream`, and the arguments it updates in place. */
export function runFunctionalCase(c: FunctionalCase): void {
  const args = callArgs(c.args, c.kwargs);
  const y = functional(c.fn)(...args);
  expectClose(y, c.output, 'output');
  if (c.upstream && !args.includes(y)) {
    y.backward(decodeTensor(c.upstream));
    c.grads!.forEach((g, i) => {
      if (g === null) return;
      const t = args[i] as Tensor;
      expect(t.grad, `gradient of argument ${i}`).not.toBeNull();
      expectClose(t.grad!, g, `gradient of argument ${i}`);
    });
  }
  c.after?.forEach((e, i) => {
    if (e !== null) expectClose(args[i] as Tensor, e, `argument ${i} after the call`);
  });
}

export function initFn(fn: string): (...a: unknown[]) => Tensor {
  const f = (nn.init as unknown as Record<string, (...a: unknown[]) => Tensor>)[camel(fn)];
  if (f === undefined) throw new Error(`no nn.init.${camel(fn)}`);
  return f;
}

export const TOL: Record<string, Tolerance> = {
  float32: { rtol: 2e-4, atol: 2e-5 },
  float64: { rtol: 1e-9, atol: 1e-10 },
};

/** Elementwise |actual − expected| ≤ atol + rtol·|expected| (same shape, NaN where NaN is expected). */
export function expectClose(actual: Tensor, expected: Enc, what: string, tol: Tolerance = TOL[expected.dtype] ?? TOL.float32!): void {
  expect([...actual.shape], `${what}: shape`).toEqual(expected.shape);
  expect(valuesMismatch(actual.detach().to('float64').numpy() as Float64Array, decodeValues(expected.data), tol), what).toBeNull();
}

/** Statistics of a tensor, in float64. */
export function statsOf(t: Tensor): Stats {
  const v = t.detach().to('float64').numpy() as Float64Array;
  const n = v.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let zeros = 0;
  for (const x of v) {
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
    if (x === 0) zeros++;
  }
  const mean = sum / n;
  let ss = 0;
  for (const x of v) ss += (x - mean) ** 2;
  return { mean, std: Math.sqrt(ss / (n - 1)), min, max, zeros: zeros / n };
}
