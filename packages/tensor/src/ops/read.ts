/** Reading values back: data(), tolist(), item(), and their synchronous twins on CPU backends. */
import type { DataArray, DType, StorageArray } from '../dtype';
import { bf16BitsToF32, f16BitsToF32 } from '../half';
import { numelOf } from '../shape';
import type { Tensor } from '../tensor';
import { contiguous } from './cast';

type Nested = number | boolean | Nested[];

/** The raw storage elements of a contiguous tensor, synchronously. */
export function readStorage(t: Tensor): StorageArray {
  const b = t.backend;
  if (!b.readSync) {
    throw new Error(`the ${t.device} backend ('${b.name}') cannot read synchronously: use 'await t.data()' instead of t.dataSync()`);
  }
  return b.readSync(t.storage.handle, t.dtype, t.offset, t.numel());
}

function widen(dtype: DType, raw: StorageArray): DataArray {
  if (dtype === 'float16' || dtype === 'bfloat16') {
    const src = raw as Uint16Array;
    const out = new Float32Array(src.length);
    const conv = dtype === 'float16' ? f16BitsToF32 : bf16BitsToF32;
    for (let i = 0; i < src.length; i++) out[i] = conv(src[i]!);
    return out;
  }
  return raw as DataArray;
}

function withContiguous<R>(t: Tensor, f: (c: Tensor) => R): R {
  t._live();
  const c = contiguous(t);
  try {
    return f(c);
  } finally {
    if (c !== t) c.dispose();
  }
}

/** A copy of the values in row-major order (float16/bfloat16 widened to float32; int64 as BigInt64Array). */
export function dataSync(t: Tensor): DataArray {
  return withContiguous(t, (c) => widen(c.dtype, readStorage(c).slice() as StorageArray));
}

export async function data(t: Tensor): Promise<DataArray> {
  t._live();
  if (t.backend.readSync) return dataSync(t);
  const c = contiguous(t);
  try {
    return widen(c.dtype, await c.backend.read(c.storage.handle, c.dtype, c.offset, c.numel()));
  } finally {
    if (c !== t) c.dispose();
  }
}

/** Values as plain numbers (int64 converted; exact below 2^53), for printing and tolist. */
export function valuesSync(t: Tensor): ArrayLike<number | bigint> {
  return withContiguous(t, (c) => widen(c.dtype, readStorage(c)));
}

function nest(values: ArrayLike<number | bigint>, shape: readonly number[], dtype: DType): Nested {
  const conv = dtype === 'bool' ? (v: number | bigint) => v !== 0 : (v: number | bigint) => Number(v);
  if (shape.length === 0) return conv(values[0]!);
  let pos = 0;
  const build = (d: number): Nested[] => {
    const n = shape[d]!;
    const out = new Array<Nested>(n);
    for (let i = 0; i < n; i++) out[i] = d === shape.length - 1 ? conv(values[pos++]!) : build(d + 1);
    return out;
  };
  return build(0);
}

export function tolistSync(t: Tensor): Nested {
  return nest(valuesSync(t), t.shape, t.dtype);
}

export async function tolist(t: Tensor): Promise<Nested> {
  return nest(await data(t), t.shape, t.dtype);
}

function checkOneElement(t: Tensor): void {
  const n = numelOf(t.shape);
  if (n !== 1) throw new Error(`only one element tensors can be converted to Python scalars (got a Tensor with ${n} elements)`);
}

/** The value of a one-element tensor (bool as 0/1; int64 as a number). */
export function itemSync(t: Tensor): number {
  checkOneElement(t);
  return Number(valuesSync(t)[0]);
}

export async function item(t: Tensor): Promise<number> {
  checkOneElement(t);
  return Number((await data(t))[0]);
}
