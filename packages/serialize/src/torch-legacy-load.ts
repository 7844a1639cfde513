/**
 * Loads PyTorch's legacy format (torch.save before 1.6, or `_use_new_zipfile_serialization=False`):
 * five pickles back to back — magic number, protocol version, sys_info, the object (storages as
 * persistent ids), the list of storage keys — then each storage as an int64 element count and its
 * raw bytes, in that list's order.
 */
import { itemSize, type Storage } from '@x/tensor';
import { SerializationError, check } from './errors';
import { backendForLocation } from './map-location';
import { PyDict, unpickle, type UnpicklerHooks } from './pickle-reader';
import { findTorchGlobal } from './torch-globals';
import { materializeTorch } from './torch-materialize';
import type { StorageRef } from './torch-pending';
import { createStorage, releaseUnused, storageFromPid } from './torch-storages';
import type { TorchLoadOptions } from './torch-zip-load';

const MAGIC_NUMBER = 0x1950a86a20f9469cfc6cn;
const PROTOCOL_VERSION = 1001;

export async function loadTorchLegacy(bytes: Uint8Array, options: TorchLoadOptions = {}): Promise<unknown> {
  const dataOnly: UnpicklerHooks = { findGlobal: findTorchGlobal };
  const magic = unpickle(bytes, dataOnly, 0);
  check(magic.value === MAGIC_NUMBER, 'Invalid magic number; corrupt file? (not a PyTorch legacy checkpoint)');
  const protocol = unpickle(bytes, dataOnly, magic.end);
  check(protocol.value === PROTOCOL_VERSION, `Invalid protocol version: ${String(protocol.value)}`);
  const sysInfo = unpickle(bytes, dataOnly, protocol.end);
  if (sysInfo.value instanceof PyDict && sysInfo.value.map.get('little_endian') === false) {
    throw new SerializationError('this legacy checkpoint was written on a big-endian machine, which is not supported');
  }
  const refs = new Map<string, StorageRef>();
  const main = unpickle(bytes, { findGlobal: findTorchGlobal, persistentLoad: (pid) => storageFromPid(pid, refs, bytes.length) }, sysInfo.end);
  const keysPickle = unpickle(bytes, dataOnly, main.end);
  const keys = keysPickle.value;
  check(Array.isArray(keys) && keys.every((k) => typeof k === 'string'), 'the storage key list of this legacy checkpoint is damaged');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = keysPickle.end;
  const storages = new Map<string, Storage>();
  try {
    for (const key of keys as string[]) {
      const ref = refs.get(key);
      if (ref === undefined) throw new SerializationError(`the legacy checkpoint stores storage '${key}' that its object never names`);
      check(!storages.has(key), `storage '${key}' is stored twice`);
      check(pos + 8 <= bytes.length, `unexpected end of file: storage '${key}' is missing`);
      const numel = dv.getBigInt64(pos, true);
      pos += 8;
      check(numel === BigInt(ref.numel), `storage '${key}' records ${numel} elements but the object expects ${ref.numel}`);
      const nbytes = ref.numel * itemSize(ref.dtype);
      check(pos + nbytes <= bytes.length, `unexpected end of file: storage '${key}' needs ${nbytes} bytes, ${bytes.length - pos} remain`);
      storages.set(key, createStorage(bytes.subarray(pos, pos + nbytes), ref, backendForLocation(ref.location, options.mapLocation), false));
      pos += nbytes;
    }
    for (const key of refs.keys()) if (!storages.has(key)) throw new SerializationError(`storage '${key}' is missing from the legacy checkpoint`);
    return materializeTorch(main.value, storages, options);
  } finally {
    releaseUnused(storages.values());
  }
}
