/**
 * Storages of a PyTorch file: their persistent ids, checked against the file's size before anything
 * is allocated, and their bytes, copied once into a backend's memory.
 */
import { Storage, itemSize, type Backend, type DType } from '@x/tensor';
import { SerializationError, UnpicklingError, check } from './errors';
import { describePy } from './pickle-reader';
import { SUPPORTED_DTYPES } from './storage-types';
import { StorageType } from './torch-globals';
import { StorageRef } from './torch-pending';

/**
 * Reads a persistent id — ('storage', storage_type, key, location, numel) in zip files, with a sixth
 * view_metadata item in legacy ones — into a StorageRef, one per key. `maxBytes` bounds what a
 * storage may claim (the file's size).
 */
export function storageFromPid(pid: unknown, refs: Map<string, StorageRef>, maxBytes: number): StorageRef {
  check(Array.isArray(pid) && pid.length >= 5, () => `a persistent id must be a tuple ('storage', type, key, location, size), got ${describePy(pid)}`);
  const [typename, type, key, location, numel, view] = pid as unknown[];
  const tname = typename instanceof Uint8Array ? new TextDecoder().decode(typename) : typename;
  if (tname !== 'storage') throw new UnpicklingError(`only storages may be loaded by persistent id, got '${String(tname)}' (a pickled module or other object)`);
  if (!(type instanceof StorageType)) throw new SerializationError(`a storage's type must be a storage class such as torch.FloatStorage, got ${describePy(type)}`);
  if (type.dtype === null) {
    throw new SerializationError(`the file holds a tensor of dtype torch.${type.torchDType} (${type.qualname}), which @x does not support (supported: ${SUPPORTED_DTYPES.join(', ')})`);
  }
  check(typeof key === 'string' && key.length > 0, 'a storage key must be a non-empty str');
  check(typeof location === 'string', 'a storage location must be a str');
  const dtype: DType = type.dtype;
  check(typeof numel === 'number' && Number.isSafeInteger(numel) && numel >= 0, `storage '${key as string}' has an invalid size ${String(numel)}`);
  check((numel as number) * itemSize(dtype) <= maxBytes, () => `storage '${key as string}' claims ${numel as number} ${dtype} elements, more than the file's ${maxBytes} bytes can hold`);
  let ref = refs.get(key as string);
  if (ref === undefined) {
    ref = new StorageRef(key as string, dtype, numel as number, location as string);
    refs.set(key as string, ref);
  } else {
    check(ref.dtype === dtype, `storage '${key as string}' is viewed as both ${ref.dtype} and ${dtype}`);
    check(ref.numel === numel, `storage '${key as string}' is given two sizes, ${ref.numel} and ${numel as number}`);
  }
  if (view === undefined || view === null) return ref;
  // Legacy storage views: (view_key, offset, view_size) into the root storage.
  check(Array.isArray(view) && view.length === 3, 'a storage view must be (key, offset, size)');
  const [, viewOffset, viewSize] = view as unknown[];
  check(typeof viewOffset === 'number' && typeof viewSize === 'number' && Number.isSafeInteger(viewOffset) && Number.isSafeInteger(viewSize) && viewOffset >= 0 && viewSize >= 0 && viewOffset + viewSize <= ref.numel,
    `a storage view of '${key as string}' lies outside it`);
  return new StorageRef(ref.key, dtype, ref.numel, ref.location, viewOffset as number, viewSize as number);
}

/** Swaps each element's bytes in place (a file written on a big-endian machine). */
function swapBytes(b: Uint8Array, size: number): void {
  for (let i = 0; i + size <= b.length; i += size) {
    for (let lo = i, hi = i + size - 1; lo < hi; lo++, hi--) {
      const t = b[lo]!;
      b[lo] = b[hi]!;
      b[hi] = t;
    }
  }
}

/** A backend storage holding `bytes` (a ref's data as the file stores it). */
export function createStorage(bytes: Uint8Array, ref: StorageRef, backend: Backend, bigEndian: boolean): Storage {
  const size = itemSize(ref.dtype);
  const nbytes = ref.numel * size;
  check(bytes.length >= nbytes, `storage '${ref.key}' has ${bytes.length} bytes, fewer than its ${ref.numel} ${ref.dtype} elements need`);
  let data = bytes.subarray(0, nbytes);
  if (bigEndian && size > 1) {
    data = data.slice();
    swapBytes(data, size);
  }
  const storage = Storage.allocate(backend, Math.max(nbytes, size));
  if (nbytes > 0) backend.write(storage.handle, data, 0);
  return storage;
}

/** Frees storages that no tensor took (after an error, or never referenced). */
export function releaseUnused(storages: Iterable<Storage>): void {
  for (const s of storages) {
    if (s.refCount === 0) {
      s.retain();
      s.release();
    }
  }
}
