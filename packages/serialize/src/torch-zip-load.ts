/**
 * Loads the zip format torch.save writes since PyTorch 1.6: `<name>/data.pkl` (the object, storages
 * as persistent ids), `<name>/data/<key>` (one record per storage), `<name>/byteorder`, `<name>/version`.
 * Only the storages the pickle names are read, one record at a time.
 */
import { itemSize, type Storage } from '@x/tensor';
import type { ByteSource } from './byte-source';
import { SerializationError, check } from './errors';
import { backendForLocation, type MapLocation } from './map-location';
import { unpickle } from './pickle-reader';
import { findTorchGlobal } from './torch-globals';
import { materializeTorch, type MaterializeOptions } from './torch-materialize';
import type { StorageRef } from './torch-pending';
import { createStorage, releaseUnused, storageFromPid } from './torch-storages';
import { ZipReader } from './zip-reader';

export interface TorchLoadOptions extends MaterializeOptions {
  mapLocation?: MapLocation;
}

/** The folder holding data.pkl: PyTorch names it after the file, so it is found, not assumed. */
function findPrefix(zip: ZipReader): string {
  const names = [...zip.entries.keys()];
  // A TorchScript archive has a data.pkl too, but pickles its compiled classes (__torch__.*).
  if (names.some((n) => /^([^/]*\/)?constants\.pkl$/.test(n) || /^([^/]*\/)?code\//.test(n))) {
    throw new SerializationError('this is a TorchScript archive (torch.jit.save), not a torch.save checkpoint: in PyTorch, load it with torch.jit.load and save its state_dict()');
  }
  const pkl = names.find((n) => /^[^/]*\/data\.pkl$/.test(n)) ?? names.find((n) => n === 'data.pkl');
  if (pkl !== undefined) return pkl.slice(0, pkl.length - 'data.pkl'.length);
  throw new SerializationError(`not a PyTorch checkpoint: the zip archive has no data.pkl (entries: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''})`);
}

export async function loadTorchZip(source: ByteSource, options: TorchLoadOptions = {}): Promise<unknown> {
  const zip = await ZipReader.open(source);
  const prefix = findPrefix(zip);
  let bigEndian = false;
  if (zip.has(`${prefix}byteorder`)) {
    const order = new TextDecoder().decode(await zip.read(`${prefix}byteorder`)).trim();
    check(order === 'little' || order === 'big', `unknown byte order '${order.slice(0, 20)}'`);
    bigEndian = order === 'big';
  }
  const pickle = await zip.read(`${prefix}data.pkl`);
  const refs = new Map<string, StorageRef>();
  // A storage is no larger than its record, and a record no larger than the archive allows (its
  // stored size, or a deflated one's bounded expansion).
  let largestRecord = 0;
  for (const e of zip.entries.values()) largestRecord = Math.max(largestRecord, e.size);
  const { value } = unpickle(pickle, { findGlobal: findTorchGlobal, persistentLoad: (pid) => storageFromPid(pid, refs, largestRecord) });
  const storages = new Map<string, Storage>();
  try {
    for (const ref of refs.values()) {
      const name = `${prefix}data/${ref.key}`;
      const entry = zip.entries.get(name);
      if (entry === undefined) throw new SerializationError(`the checkpoint names storage '${ref.key}' but has no record ${name}`);
      check(entry.size >= ref.numel * itemSize(ref.dtype), `the record ${name} holds ${entry.size} bytes, fewer than its ${ref.numel} ${ref.dtype} elements need`);
      const backend = backendForLocation(ref.location, options.mapLocation);
      storages.set(ref.key, createStorage(await zip.read(name), ref, backend, bigEndian));
    }
    return materializeTorch(value, storages, options);
  } finally {
    releaseUnused(storages.values());
  }
}
