/**
 * Reading values back. PyTorch's names are the synchronous forms (numpy(), tolist(), item()), which work
 * where the backend reads synchronously (the CPU backends); each has an …Async twin that works everywhere.
 *
 * Backends that read only asynchronously (WebGPU) run the ops whose result size depends on values
 * (nonzero, boolean masks, unique…) through `withHostCopies`: the async form reads the storages
 * the op needs first, then runs the same synchronous op, which finds the values on the host.
 */
import type { DataArray, DType, StorageArray } from '../dtype';
import { itemSize } from '../dtype';
import { bf16BitsToF32, f16BitsToF32 } from '../half';
import { numelOf } from '../shape';
import type { Storage } from '../storage';
import type { Tensor } from '../tensor';
import { contiguous } from './cast';
import { reclaimPending, settleMemory } from '../reclaim';

type Nested = number | boolean | Nested[];

interface HostCopy {
  readonly dtype: DType;
  readonly values: StorageArray;
}

/**
 * Storage contents read ahead by an async op, visible only while its synchronous part runs (they
 * are added and removed with no await in between, so concurrent async ops never see each other's).
 */
const hostCopies = new Map<Storage, HostCopy>();

function hostCopyOf(t: Tensor): HostCopy | undefined {
  const c = hostCopies.get(t.storage);
  return c !== undefined && c.dtype === t.dtype ? c : undefined;
}

/** Whether t's values can be read synchronously now: a CPU backend, or a host copy read ahead. */
export function canReadSync(t: Tensor): boolean {
  return t.backend.readSync !== undefined || hostCopyOf(t) !== undefined;
}

/**
 * Reads the storages of `tensors` that live on asynchronous backends, then runs `f` with them
 * readable synchronously: `await withHostCopies([mask], () => index(x, [mask]))`. The values are
 * those at the time of the call (reads are queued after every kernel already launched).
 */
export async function withHostCopies<R>(tensors: readonly Tensor[], f: () => R): Promise<R> {
  const copies = new Map<Storage, HostCopy>();
  for (const t of tensors) {
    t._live();
    if (t.backend.readSync || copies.has(t.storage)) continue;
    const length = Math.floor(t.storage.byteLength / itemSize(t.dtype));
    copies.set(t.storage, { dtype: t.dtype, values: await t.backend.read(t.storage.handle, t.dtype, 0, length) });
  }
  for (const [s, c] of copies) hostCopies.set(s, c);
  try {
    return f();
  } finally {
    for (const s of copies.keys()) hostCopies.delete(s);
  }
}

/** The elements of a strided view gathered from a host copy of its storage, row-major. */
function gatherHost(values: StorageArray, t: Tensor): StorageArray {
  const n = numelOf(t.shape);
  const out = new (values.constructor as new (n: number) => StorageArray)(n);
  const nd = t.shape.length;
  const pos = new Array<number>(nd).fill(0);
  let at = t.offset;
  for (let i = 0; i < n; i++) {
    (out as unknown as (number | bigint)[])[i] = values[at]!;
    for (let d = nd - 1; d >= 0; d--) {
      at += t.strides[d]!;
      if (++pos[d]! < t.shape[d]!) break;
      at -= t.strides[d]! * t.shape[d]!;
      pos[d] = 0;
    }
  }
  return out;
}

/** The error a synchronous read gives on a backend that reads asynchronously, naming what to await. */
export function syncReadError(t: Tensor, what: string, instead: string): Error {
  return new Error(
    `${what} needs the values on the host, and the ${t.device} backend ('${t.backend.name}') cannot read them synchronously: use '${instead}' instead`,
  );
}

/** The raw storage elements of a contiguous tensor, synchronously. */
function readStorage(t: Tensor, what = 't.numpy()', instead = 'await t.numpyAsync()'): StorageArray {
  const copy = hostCopyOf(t);
  if (copy) return copy.values.subarray(t.offset, t.offset + t.numel()) as StorageArray;
  const b = t.backend;
  if (!b.readSync) throw syncReadError(t, what, instead);
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

/** The storage elements of any view in row-major order, synchronously (a fresh array when copied). */
function readView(t: Tensor, what: string, instead: string): { raw: StorageArray; fresh: boolean } {
  t._live();
  const copy = hostCopyOf(t);
  if (copy) return { raw: gatherHost(copy.values, t), fresh: true };
  if (!t.backend.readSync) throw syncReadError(t, what, instead);
  const c = contiguous(t);
  try {
    return { raw: readStorage(c, what, instead), fresh: false };
  } finally {
    if (c !== t) c.dispose();
  }
}

/**
 * The storage elements of any view in row-major order, synchronously, unwidened (for device moves);
 * `what` and `instead` name the caller and its async form for the error on an asynchronous backend.
 */
export function readRaw(t: Tensor, what: string, instead: string): StorageArray {
  return readView(t, what, instead).raw;
}

/** A copy of the values in row-major order (float16/bfloat16 widened to float32; int64 as BigInt64Array). */
export function numpy(t: Tensor): DataArray {
  const { raw, fresh } = readView(t, 't.numpy()', 'await t.numpyAsync()');
  return widen(t.dtype, fresh ? raw : (raw.slice() as StorageArray));
}

export async function numpyAsync(t: Tensor): Promise<DataArray> {
  t._live();
  const values = t.backend.readSync ? numpy(t) : await readAsync(t);
  // Where finalizers only run between tasks (browsers) and a collection was asked for, a loop that
  // awaits its reads lets them run (reclaim.ts); in Node this never waits.
  if (reclaimPending()) await settleMemory();
  return values;
}

async function readAsync(t: Tensor): Promise<DataArray> {
  const c = contiguous(t);
  try {
    return widen(c.dtype, await c.backend.read(c.storage.handle, c.dtype, c.offset, c.numel()));
  } finally {
    if (c !== t) c.dispose();
  }
}

/**
 * Values as plain numbers (int64 converted; exact below 2^53), for printing and tolist. `what` and
 * `instead` name the caller and its async form for the error on an asynchronous backend.
 */
export function valuesSync(t: Tensor, what = 'reading values', instead = 'await t.numpyAsync()'): ArrayLike<number | bigint> {
  return widen(t.dtype, readView(t, what, instead).raw);
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

export function tolist(t: Tensor): Nested {
  return nest(valuesSync(t, 't.tolist()', 'await t.tolistAsync()'), t.shape, t.dtype);
}

export async function tolistAsync(t: Tensor): Promise<Nested> {
  return nest(await numpyAsync(t), t.shape, t.dtype);
}

function checkOneElement(t: Tensor): void {
  const n = numelOf(t.shape);
  if (n !== 1) throw new Error(`only one element tensors can be converted to Python scalars (got a Tensor with ${n} elements)`);
}

/** The value of a one-element tensor (bool as 0/1; int64 as a number). */
export function item(t: Tensor): number {
  checkOneElement(t);
  return Number(valuesSync(t, 't.item()', 'await t.itemAsync()')[0]);
}

export async function itemAsync(t: Tensor): Promise<number> {
  checkOneElement(t);
  return Number((await numpyAsync(t))[0]);
}
