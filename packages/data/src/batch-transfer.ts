/**
 * Batches from a worker to the main thread without copying them on the way: every tensor's elements
 * go in an ArrayBuffer that is transferred (moved), not cloned. The main thread then writes them into
 * a tensor of its own backend, the one copy a backend that owns its memory (WASM, GPU) needs anyway.
 */
import { Tensor } from '@x/tensor';
import { fromRawTensor, isRawTensor, toRawTensor } from './raw-tensor';

function isPlain(x: object): boolean {
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

/** `value` with every tensor replaced by its raw elements; their buffers are added to `transfer`. */
export async function encodeBatch(value: unknown, transfer: ArrayBuffer[]): Promise<unknown> {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Tensor) {
    const raw = await toRawTensor(value);
    transfer.push(raw.data.buffer as ArrayBuffer);
    return raw;
  }
  if (Array.isArray(value)) return Promise.all(value.map((v) => encodeBatch(v, transfer)));
  if (value instanceof Map) return new Map(await Promise.all([...value].map(async ([k, v]) => [k, await encodeBatch(v, transfer)] as const)));
  if (isPlain(value)) return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await encodeBatch(v, transfer)] as const)));
  return value;
}

/** The batch `encodeBatch` encoded, with tensors on this thread's default device. */
export function decodeBatch(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isRawTensor(value)) return fromRawTensor(value);
  if (Array.isArray(value)) return value.map(decodeBatch);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, decodeBatch(v)]));
  if (isPlain(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeBatch(v)]));
  return value;
}
