/**
 * torch.save: writes PyTorch's own zip checkpoint format, which PyTorch reads back (1.13's
 * `torch.load(f, weights_only=True)` included) and this package's load() reads.
 */
import { itemSize } from '@x/tensor';
import { fileStem, writeFileAtomic, type PathLike } from './node-file';
import { pickleTorch } from './torch-pickle-save';
import { ZipWriter, type ZipWriterOptions } from './zip-writer';

export interface SaveOptions {
  /** The archive's top folder (PyTorch uses the file's name without extension; 'archive' for buffers). */
  archiveName?: string;
  /**
   * false: no warning when the object holds Python floats (an optimizer's lr), which PyTorch 1.13's
   * `weights_only=True` cannot read. The warning is printed once per program otherwise.
   */
  warnFloats?: boolean;
  /** @internal Lower only to exercise zip64 records in tests. */
  zip64Threshold?: ZipWriterOptions['zip64Threshold'];
}

let warnedFloats = false;

/**
 * Says once per program that a checkpoint holds Python floats, which PyTorch 1.13's weights_only
 * reader cannot read (2.0's can): there is no other faithful way to write a float in a pickle.
 */
function warnFloats(path: string, options: SaveOptions): void {
  if (warnedFloats || options.warnFloats === false) return;
  warnedFloats = true;
  console.warn(
    `UserWarning: this checkpoint holds Python floats (the first at ${path}). PyTorch 1.13's torch.load(f, weights_only=True) ` +
      "refuses them ('Weights only load failed. … WeightsUnpickler error: Unsupported operand 71', the BINFLOAT opcode) — as it refuses " +
      'its own optimizer state_dicts; PyTorch ≥ 2.0 reads them with weights_only=True, and 1.13 with weights_only=False for a file you trust.',
  );
}

async function writeCheckpoint(obj: unknown, sink: (chunk: Uint8Array) => Promise<void> | void, archiveName: string, options: SaveOptions): Promise<void> {
  const { pickle, storages, firstFloat, hasModule } = pickleTorch(obj);
  // A whole module never loads with weights_only=True, floats or not: no warning about floats there.
  if (firstFloat !== null && !hasModule) warnFloats(firstFloat, options);
  const zip = new ZipWriter(sink, { zip64Threshold: options.zip64Threshold });
  const dir = archiveName.replace(/[/\\]/g, '_') || 'archive';
  await zip.add(`${dir}/data.pkl`, pickle);
  await zip.add(`${dir}/byteorder`, new TextEncoder().encode('little'));
  for (const s of storages) {
    const nbytes = s.numel * itemSize(s.dtype);
    const bytes = (await s.storage.backend.read(s.storage.handle, 'uint8', 0, nbytes)) as Uint8Array;
    await zip.add(`${dir}/data/${s.key}`, bytes);
  }
  await zip.add(`${dir}/version`, new TextEncoder().encode('3\n'));
  await zip.finish();
}

/**
 * Saves obj — tensors, parameters, nested objects/Maps/arrays of data, state dicts — to path in
 * PyTorch's format. Atomic: the file appears complete or not at all.
 *
 * @example
 * await torch.save(model.stateDict(), 'model.pth');
 * // in Python: model.load_state_dict(torch.load('model.pth', weights_only=True))
 */
export async function save(obj: unknown, path: PathLike, options: SaveOptions = {}): Promise<void> {
  await writeFileAtomic(path, (sink) => writeCheckpoint(obj, sink, options.archiveName ?? fileStem(path), options));
}

/**
 * The bytes save() would write: for browsers, uploads and in-memory use.
 *
 * @example
 * const bytes = await torch.saveToBuffer({ step: 10, weights: w });
 */
export async function saveToBuffer(obj: unknown, options: SaveOptions = {}): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  await writeCheckpoint(obj, (c) => {
    // The zip writer hands out storage bytes it may not own: copy them.
    chunks.push(c.slice());
    total += c.length;
  }, options.archiveName ?? 'archive', options);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
