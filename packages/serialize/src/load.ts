/**
 * torch.load: reads PyTorch checkpoints — the zip format (PyTorch ≥ 1.6) and the legacy format —
 * without running code from the file. Like `weights_only=True`, only tensors, parameters, storages,
 * OrderedDicts, dtypes and plain data are rebuilt; anything else is refused with an error naming it.
 */
import { asBytes, memorySource, type ByteSource } from './byte-source';
import { SerializationError } from './errors';
import { openFileSource, type PathLike } from './node-file';
import { loadTorchLegacy } from './torch-legacy-load';
import { loadTorchZip, type TorchLoadOptions } from './torch-zip-load';

export type LoadOptions = TorchLoadOptions;

type Format = 'zip' | 'legacy';

function detect(head: Uint8Array, size: number): Format {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6)) return 'zip';
  if (head.length >= 2 && head[0] === 0x80 && head[1] >= 2) return 'legacy';
  if (head.length >= 262 && new TextDecoder().decode(head.subarray(257, 262)) === 'ustar') {
    throw new SerializationError("this is PyTorch's tar checkpoint format (before 0.4), which is not supported: load and re-save it with a newer PyTorch");
  }
  if (head.length >= 9 && head[8] === 0x7b) {
    const n = new DataView(head.buffer, head.byteOffset, 8).getBigUint64(0, true);
    if (n > 1n && n <= BigInt(size - 8)) throw new SerializationError('this looks like a safetensors file: load it with safetensors.loadFile / safetensors.load');
  }
  if (size === 0) throw new SerializationError('the file is empty');
  throw new SerializationError('not a PyTorch checkpoint: expected a zip archive written by torch.save, or the legacy pickle format');
}

async function loadFrom(source: ByteSource, readAll: () => Promise<Uint8Array>, options: LoadOptions): Promise<unknown> {
  const head = await source.read(0, Math.min(source.size, 512));
  return detect(head, source.size) === 'zip' ? loadTorchZip(source, options) : loadTorchLegacy(await readAll(), options);
}

/**
 * Loads a checkpoint from a path (or from bytes). Tensors go where the file says they were saved,
 * or where `mapLocation` says; state dicts come back as plain objects in PyTorch's key order (a dict
 * whose keys are not all names — e.g. an optimizer's per-parameter `state`, keyed by int — as a Map).
 *
 * @example
 * const sd = await torch.load('resnet18.pth', { mapLocation: 'cpu' });
 * model.loadStateDict(sd);
 */
export async function load(path: PathLike | Uint8Array | ArrayBuffer, options: LoadOptions = {}): Promise<unknown> {
  if (path instanceof Uint8Array || path instanceof ArrayBuffer) return loadFromBuffer(path, options);
  const file = await openFileSource(path);
  try {
    return await loadFrom(file, () => file.read(0, file.size), options);
  } finally {
    await file.close();
  }
}

/**
 * Loads a checkpoint from bytes (a fetch() response, a file input): for browsers.
 *
 * @example
 * const sd = await torch.loadFromBuffer(new Uint8Array(await (await fetch(url)).arrayBuffer()));
 */
export async function loadFromBuffer(bytes: Uint8Array | ArrayBuffer, options: LoadOptions = {}): Promise<unknown> {
  const b = asBytes(bytes);
  return loadFrom(memorySource(b), () => Promise.resolve(b), options);
}
