/**
 * Tensors as raw element arrays and back, for crossing a thread boundary: the elements in storage
 * form (float16/bfloat16 as their 16-bit patterns, so nothing is rounded on the way).
 */
import { empty, type DType, type StorageArray, type Tensor } from '@x/tensor';

const TAG = '__xDataTensor';

/** A copy of `source` in a SharedArrayBuffer, of the same element type. */
function sharedCopy(source: StorageArray): StorageArray {
  const buffer = new SharedArrayBuffer(Math.max(source.byteLength, 1));
  new Uint8Array(buffer).set(new Uint8Array(source.buffer, source.byteOffset, source.byteLength));
  if (source instanceof Float32Array) return new Float32Array(buffer, 0, source.length);
  if (source instanceof Float64Array) return new Float64Array(buffer, 0, source.length);
  if (source instanceof Int32Array) return new Int32Array(buffer, 0, source.length);
  if (source instanceof BigInt64Array) return new BigInt64Array(buffer, 0, source.length);
  if (source instanceof Uint16Array) return new Uint16Array(buffer, 0, source.length);
  return new Uint8Array(buffer, 0, source.length);
}

/** A tensor in a form a structured clone keeps: dtype, shape and its elements, row-major. */
export interface RawTensor {
  readonly [TAG]: true;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly data: StorageArray;
}

export function isRawTensor(x: unknown): x is RawTensor {
  return typeof x === 'object' && x !== null && (x as Record<string, unknown>)[TAG] === true;
}

/** The elements of t, row-major, in a fresh array that owns its whole ArrayBuffer (so it can be transferred). */
export async function toRawTensor(t: Tensor): Promise<RawTensor> {
  const c = t.contiguous();
  try {
    const read = await c.backend.read(c.storage.handle, c.dtype, c.offset, c.numel());
    return { [TAG]: true, dtype: t.dtype, shape: [...t.shape], data: ownsBuffer(read) ? read : (read.slice() as StorageArray) };
  } finally {
    if (c !== t) c.dispose();
  }
}

/** The elements of t (a CPU tensor) copied into shared memory, which every worker can read. */
export function toSharedRawTensor(t: Tensor): RawTensor {
  const c = t.contiguous();
  try {
    if (!c.backend.readSync) throw new Error(`a tensor on '${c.device}' cannot be sent to DataLoader workers: move it to the CPU first (t.to('cpu'))`);
    const view = c.backend.readSync(c.storage.handle, c.dtype, c.offset, c.numel());
    return { [TAG]: true, dtype: t.dtype, shape: [...t.shape], data: sharedCopy(view) };
  } finally {
    if (c !== t) c.dispose();
  }
}

/** A new tensor on the default device holding raw's elements. */
export function fromRawTensor(raw: RawTensor): Tensor {
  return tensorFromElements(raw.data, raw.shape, raw.dtype);
}

/** A new tensor of `shape` and `dtype` on the default device, its storage written from `data` in one copy. */
export function tensorFromElements(data: StorageArray, shape: readonly number[], dtype: DType): Tensor {
  const t = empty([...shape], { dtype });
  if (data.length > 0) t.backend.write(t.storage.handle, data, 0);
  return t;
}

function ownsBuffer(a: StorageArray): boolean {
  return a.buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength;
}
