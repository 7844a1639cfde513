/**
 * The safetensors format: an 8-byte little-endian header length N, N bytes of JSON
 * `{"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, "__metadata__": {str: str}}`,
 * then the tensors' bytes. The header is checked the way the reference implementation checks it:
 * bounded length, valid UTF-8 JSON, offsets that tile the data exactly, sizes that match shapes.
 */
import { Storage, Tensor, backendFor, contiguousStrides, itemSize, type DType } from '@x/tensor';
import { SerializationError, check } from './errors';

/** safetensors dtype names ↔ @x dtypes. */
const DTYPE_OF: Readonly<Record<string, DType>> = {
  F64: 'float64', F32: 'float32', F16: 'float16', BF16: 'bfloat16', I64: 'int64', I32: 'int32', U8: 'uint8', BOOL: 'bool',
};
export const SAFETENSORS_DTYPE: Readonly<Record<DType, string>> = Object.fromEntries(Object.entries(DTYPE_OF).map(([k, v]) => [v, k])) as Record<DType, string>;

/** The reference implementation's bound on the header. */
export const MAX_HEADER_BYTES = 100_000_000;

export interface TensorInfo {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** Byte range within the data section. */
  readonly begin: number;
  readonly end: number;
}

export interface SafetensorsHeader {
  /** Tensors in the order of their data. */
  readonly tensors: readonly TensorInfo[];
  readonly metadata: Record<string, string> | null;
  /** Where the data section starts in the file (8 + N). */
  readonly dataStart: number;
}

/** The header length from the first 8 bytes, checked against the file's size. */
export function headerLength(first8: Uint8Array, fileSize: number): number {
  check(fileSize >= 8 && first8.length >= 8, `not a safetensors file: ${fileSize} bytes is shorter than its 8-byte header length`);
  const n = new DataView(first8.buffer, first8.byteOffset, 8).getBigUint64(0, true);
  check(n <= BigInt(MAX_HEADER_BYTES), `corrupt safetensors file: a header of ${n} bytes is larger than the ${MAX_HEADER_BYTES}-byte limit`);
  check(n <= BigInt(fileSize - 8), `corrupt safetensors file: the header claims ${n} bytes but only ${fileSize - 8} follow`);
  return Number(n);
}

/** Parses and validates the JSON header; `dataLength` is the bytes after it. */
export function parseHeader(json: Uint8Array, dataLength: number): SafetensorsHeader {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch {
    throw new SerializationError('corrupt safetensors file: the header is not valid UTF-8');
  }
  check(text.startsWith('{'), 'corrupt safetensors file: the header is not a JSON object');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new SerializationError(`corrupt safetensors file: the header is not valid JSON (${(e as Error).message})`);
  }
  check(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed), 'corrupt safetensors file: the header is not a JSON object');
  let metadata: Record<string, string> | null = null;
  const tensors: TensorInfo[] = [];
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (value === null) continue;
      check(typeof value === 'object' && !Array.isArray(value) && Object.values(value as object).every((v) => typeof v === 'string'), 'corrupt safetensors file: __metadata__ must map strings to strings');
      metadata = { ...(value as Record<string, string>) };
      continue;
    }
    check(typeof value === 'object' && value !== null, `corrupt safetensors file: the entry '${name}' is not an object`);
    const { dtype, shape, data_offsets: offsets } = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    check(typeof dtype === 'string', `corrupt safetensors file: '${name}' has no dtype`);
    const ours = DTYPE_OF[dtype as string];
    if (ours === undefined) {
      throw new SerializationError(`tensor '${name}' has dtype ${String(dtype)}, which @x does not support (supported: ${Object.keys(DTYPE_OF).join(', ')})`);
    }
    check(Array.isArray(shape) && shape.length <= 64 && shape.every((d) => Number.isSafeInteger(d) && d >= 0), `corrupt safetensors file: '${name}' has an invalid shape`);
    check(Array.isArray(offsets) && offsets.length === 2 && offsets.every((d) => Number.isSafeInteger(d) && d >= 0) && offsets[0] <= offsets[1],
      `corrupt safetensors file: '${name}' has invalid data_offsets`);
    const [begin, end] = offsets as [number, number];
    check(end <= dataLength, `corrupt safetensors file: '${name}' ends at byte ${end} of a ${dataLength}-byte data section`);
    let nbytes = itemSize(ours);
    for (const d of shape as number[]) {
      nbytes *= d;
      check(nbytes <= dataLength, `corrupt safetensors file: '${name}' of shape [${(shape as number[]).join(', ')}] is larger than the data section`);
    }
    check(end - begin === nbytes, `corrupt safetensors file: '${name}' of shape [${(shape as number[]).join(', ')}] and dtype ${dtype as string} needs ${nbytes} bytes, its offsets give ${end - begin}`);
    tensors.push({ name, dtype: ours, shape: shape as number[], begin, end });
  }
  tensors.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let at = 0;
  for (const t of tensors) {
    check(t.begin === at, `corrupt safetensors file: the data of '${t.name}' starts at byte ${t.begin}, expected ${at} (tensors must tile the data without gaps or overlaps)`);
    at = t.end;
  }
  check(at === dataLength, `corrupt safetensors file: the tensors cover ${at} bytes of a ${dataLength}-byte data section`);
  return { tensors, metadata, dataStart: 8 + json.length };
}

/** A tensor on `device` holding `bytes` (exactly the tensor's data). */
export function tensorFromBytes(info: TensorInfo, bytes: Uint8Array, device: string | undefined): Tensor {
  const backend = backendFor(device ?? 'cpu');
  const size = itemSize(info.dtype);
  const storage = Storage.allocate(backend, Math.max(bytes.length, size));
  if (bytes.length > 0) backend.write(storage.handle, bytes, 0);
  return new Tensor(storage, info.shape.slice(), contiguousStrides(info.shape), 0, info.dtype);
}

/** Builds a header for tensors in the reference order (larger dtypes first, then by name, so data stays aligned). */
export function buildHeader(entries: readonly { name: string; dtype: DType; shape: readonly number[] }[], metadata: Record<string, string> | undefined): { header: Uint8Array; order: number[] } {
  const order = entries.map((_, i) => i);
  order.sort((a, b) => {
    const ea = entries[a]!;
    const eb = entries[b]!;
    return itemSize(eb.dtype) - itemSize(ea.dtype) || (ea.name < eb.name ? -1 : ea.name > eb.name ? 1 : 0);
  });
  const parts: string[] = [];
  if (metadata !== undefined) {
    for (const [k, v] of Object.entries(metadata)) if (typeof v !== 'string') throw new TypeError(`safetensors metadata values must be strings, but '${k}' is ${typeof v}`);
    parts.push(`"__metadata__":${JSON.stringify(metadata)}`);
  }
  let offset = 0;
  for (const i of order) {
    const e = entries[i]!;
    const n = e.shape.reduce((a, b) => a * b, 1) * itemSize(e.dtype);
    parts.push(`${JSON.stringify(e.name)}:{"dtype":"${SAFETENSORS_DTYPE[e.dtype]}","shape":[${e.shape.join(',')}],"data_offsets":[${offset},${offset + n}]}`);
    offset += n;
  }
  let json = `{${parts.join(',')}}`;
  json += ' '.repeat((8 - ((new TextEncoder().encode(json).length) % 8)) % 8);
  const body = new TextEncoder().encode(json);
  const header = new Uint8Array(8 + body.length);
  new DataView(header.buffer).setBigUint64(0, BigInt(body.length), true);
  header.set(body, 8);
  return { header, order };
}
