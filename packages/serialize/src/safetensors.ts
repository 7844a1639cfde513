/**
 * safetensors, as the `safetensors.torch` module offers it: `save`/`load` for bytes, `saveFile`/
 * `loadFile` for files, and `safeOpen` to read tensors one at a time. Files are read tensor by tensor
 * (a large file is never held in memory twice) and written atomically.
 */
import { Tensor } from '@x/tensor';
import { asBytes, memorySource, type ByteSource } from './byte-source';
import { openFileSource, writeFileAtomic, type PathLike } from './node-file';
import { buildHeader, headerLength, parseHeader, tensorFromBytes, type SafetensorsHeader } from './safetensors-format';
import { tensorBytes } from './tensor-bytes';

export type TensorDict = Readonly<Record<string, Tensor>> | ReadonlyMap<string, Tensor>;

export interface SafetensorsLoadOptions {
  /** Device for the tensors (default 'cpu'). */
  device?: string;
}

function entriesOf(tensors: TensorDict): [string, Tensor][] {
  const entries = tensors instanceof Map ? [...tensors.entries()] : Object.entries(tensors as Record<string, Tensor>);
  for (const [name, t] of entries) {
    if (typeof name !== 'string' || name === '__metadata__') throw new TypeError(`safetensors: invalid tensor name ${JSON.stringify(name)}`);
    if (!(t instanceof Tensor)) throw new TypeError(`safetensors: '${name}' is not a Tensor`);
  }
  return entries;
}

async function writeSafetensors(tensors: TensorDict, metadata: Record<string, string> | undefined, sink: (b: Uint8Array) => Promise<void> | void): Promise<void> {
  const entries = entriesOf(tensors);
  const { header, order } = buildHeader(entries.map(([name, t]) => ({ name, dtype: t.dtype, shape: t.shape })), metadata);
  await sink(header);
  for (const i of order) await sink(await tensorBytes(entries[i]![1]));
}

/**
 * The safetensors bytes for a dict of tensors (each written contiguous; shared storage is not kept).
 *
 * @example
 * const bytes = await safetensors.save({ weight: w, bias: b }, { format: 'pt' });
 */
export async function save(tensors: TensorDict, metadata?: Record<string, string>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await writeSafetensors(tensors, metadata, (c) => void chunks.push(c.slice()));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Writes a safetensors file atomically.
 *
 * @example
 * await safetensors.saveFile(model.stateDict(), 'model.safetensors');
 */
export async function saveFile(tensors: TensorDict, path: PathLike, metadata?: Record<string, string>): Promise<void> {
  await writeFileAtomic(path, (sink) => writeSafetensors(tensors, metadata, sink));
}

/** An open safetensors file or buffer: its names and metadata at once, tensors on demand. */
export class SafeOpen {
  private constructor(
    private readonly source: ByteSource,
    private readonly header: SafetensorsHeader,
    private readonly device: string | undefined,
    private readonly closer: () => Promise<void>,
  ) {}

  static async open(source: ByteSource, device: string | undefined, closer: () => Promise<void> = async () => {}): Promise<SafeOpen> {
    try {
      const n = headerLength(await source.read(0, Math.min(8, source.size)), source.size);
      const header = parseHeader(await source.read(8, n), source.size - 8 - n);
      return new SafeOpen(source, header, device, closer);
    } catch (e) {
      await closer();
      throw e;
    }
  }

  /** Tensor names, in the order of their data. */
  keys(): string[] {
    return this.header.tensors.map((t) => t.name);
  }
  /** The `__metadata__` strings, or null. */
  metadata(): Record<string, string> | null {
    return this.header.metadata === null ? null : { ...this.header.metadata };
  }
  /** Reads one tensor. */
  async getTensor(name: string): Promise<Tensor> {
    const info = this.header.tensors.find((t) => t.name === name);
    if (info === undefined) throw new Error(`safetensors: no tensor named '${name}' (has ${this.keys().slice(0, 5).join(', ')}${this.header.tensors.length > 5 ? ', …' : ''})`);
    const bytes = await this.source.read(this.header.dataStart + info.begin, info.end - info.begin);
    return tensorFromBytes(info, bytes, this.device);
  }
  /** Every tensor, by name. */
  async loadAll(): Promise<Record<string, Tensor>> {
    const out: Record<string, Tensor> = {};
    try {
      for (const info of this.header.tensors) {
        const bytes = await this.source.read(this.header.dataStart + info.begin, info.end - info.begin);
        Object.defineProperty(out, info.name, { value: tensorFromBytes(info, bytes, this.device), enumerable: true, writable: true, configurable: true });
      }
    } catch (e) {
      for (const t of Object.values(out)) t.dispose();
      throw e;
    }
    return out;
  }
  async close(): Promise<void> {
    await this.closer();
  }
}

/**
 * Opens a safetensors file (or bytes) to read its keys, metadata and chosen tensors.
 *
 * @example
 * const f = await safetensors.safeOpen('model.safetensors');
 * const w = await f.getTensor('fc.weight');
 * await f.close();
 */
export async function safeOpen(path: PathLike | Uint8Array | ArrayBuffer, options: SafetensorsLoadOptions = {}): Promise<SafeOpen> {
  if (path instanceof Uint8Array || path instanceof ArrayBuffer) return SafeOpen.open(memorySource(asBytes(path)), options.device);
  const file = await openFileSource(path);
  return SafeOpen.open(file, options.device, () => file.close());
}

/**
 * Tensors from safetensors bytes.
 *
 * @example
 * const tensors = await safetensors.load(bytes);
 */
export async function load(bytes: Uint8Array | ArrayBuffer, options: SafetensorsLoadOptions = {}): Promise<Record<string, Tensor>> {
  const f = await SafeOpen.open(memorySource(asBytes(bytes)), options.device);
  return f.loadAll();
}

/**
 * Tensors from a safetensors file, read one tensor at a time.
 *
 * @example
 * model.loadStateDict(await safetensors.loadFile('model.safetensors'));
 */
export async function loadFile(path: PathLike, options: SafetensorsLoadOptions = {}): Promise<Record<string, Tensor>> {
  const f = await safeOpen(path, options);
  try {
    return await f.loadAll();
  } finally {
    await f.close();
  }
}

/** The metadata of safetensors bytes or a file, without reading tensors. */
export async function metadata(path: PathLike | Uint8Array | ArrayBuffer): Promise<Record<string, string> | null> {
  const f = await safeOpen(path);
  try {
    return f.metadata();
  } finally {
    await f.close();
  }
}
