/**
 * Getting a dataset into a worker thread. A thread cannot receive functions or class instances, so it
 * rebuilds the dataset from a WorkerSource: a module to import, an export, and arguments that survive
 * a structured clone. Tensors in the arguments travel once, in shared memory; datasets in them
 * travel as their own sources (a Subset of a TensorDataset, say).
 */
import { Tensor } from '@x/tensor';
import { isOptionsObject } from '@x/tensor';
import { describe } from './args';
import { importExport, instantiate, moduleSpecifier, type WorkerSource } from './module-ref';
import { fromRawTensor, isRawTensor, toSharedRawTensor, type RawTensor } from './raw-tensor';

const loadedFrom = new WeakMap<object, WorkerSource>();
const sharedCopies = new WeakMap<Tensor, RawTensor>();
const DATASET_TAG = '__xDataDataset';

/**
 * Loads a dataset from a module, here and in every DataLoader worker alike: `module`'s export
 * `exportName` is a class (constructed with `args`), a function (called with `args`; it may be async),
 * or the dataset object itself. This is the way to use `numWorkers > 0` with a dataset that holds
 * functions (a transform) or other things a thread cannot receive.
 *
 * @example
 * // datasets.ts
 * export function fashionTrain(root: string) {
 *   return new FashionMNIST(root, { train: true, transform: (img) => img.float().div(255).unsqueeze(0) });
 * }
 * // train.ts
 * const train = await datasetFromModule(new URL('./datasets.ts', import.meta.url), 'fashionTrain', '/data');
 * const loader = new DataLoader(train, { batchSize: 256, shuffle: true, numWorkers: 2 });
 */
export async function datasetFromModule<T = unknown>(module: string | URL, exportName = 'default', ...args: unknown[]): Promise<T> {
  const source: WorkerSource = { module: moduleSpecifier(module), export: exportName, args };
  const dataset = (await instantiate(await importExport(source), args)) as T;
  if (typeof dataset !== 'object' || dataset === null) {
    throw new TypeError(`datasetFromModule: ${source.module} export '${exportName}' gave ${describe(dataset)}, not a dataset`);
  }
  loadedFrom.set(dataset, source);
  return dataset;
}

/** How a worker rebuilds `dataset`: the source it was loaded from, else its own workerSource(). */
export function workerSourceOf(dataset: unknown): WorkerSource | undefined {
  if (typeof dataset !== 'object' || dataset === null) return undefined;
  return loadedFrom.get(dataset) ?? (dataset as { workerSource?: () => WorkerSource | undefined }).workerSource?.();
}

function cannotSend(what: string, path: string): Error {
  return new Error(
    `DataLoader workers cannot receive ${what} (at ${path}): threads get no functions or class instances. ` +
      'Load the dataset with `await datasetFromModule(moduleUrl, exportName, ...args)` so each worker imports it, ' +
      'or give its class a workerSource() method (see the @x/data README, "Workers").',
  );
}

/**
 * The dataset in the form posted to workers: an array as its (encoded) elements, anything else as
 * its worker source; an error that says what to do when it has none.
 */
export function encodeDataset(dataset: unknown): unknown {
  if (Array.isArray(dataset)) return encodeArg(dataset, 'dataset');
  const source = workerSourceOf(dataset);
  if (!source) throw cannotSend(describe(dataset), 'dataset');
  return encodeSource(source);
}

/** A WorkerSource in the form posted to workers (tensors shared, nested datasets as sources). */
export function encodeSource(source: WorkerSource, path = 'dataset'): unknown {
  return { [DATASET_TAG]: { module: moduleSpecifier(source.module), export: source.export ?? 'default', args: encodeArg(source.args ?? [], `${path}.args`) } };
}

function encodeArg(value: unknown, path: string): unknown {
  if (value === null || value === undefined || typeof value !== 'object') {
    if (typeof value === 'function') throw cannotSend(`a function (${value.name || 'anonymous'})`, path);
    if (typeof value === 'symbol') throw cannotSend('a symbol', path);
    return value;
  }
  if (value instanceof Tensor) {
    let raw = sharedCopies.get(value);
    if (!raw) sharedCopies.set(value, (raw = toSharedRawTensor(value)));
    return raw;
  }
  if (Array.isArray(value)) return value.map((v, i) => encodeArg(v, `${path}[${i}]`));
  if (value instanceof URL) return value.href;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof SharedArrayBuffer || value instanceof Date || value instanceof RegExp) return value;
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, encodeArg(v, `${path}.get(${String(k)})`)]));
  if (value instanceof Set) return new Set([...value].map((v) => encodeArg(v, `${path} (a Set)`)));
  const source = workerSourceOf(value);
  if (source) return encodeSource(source, path);
  if (isOptionsObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeArg(v, `${path}.${k}`)]));
  throw cannotSend(describe(value), path);
}

/** In a worker: the value an encoded argument stands for (tensors rebuilt, datasets built from their sources). */
export async function decodeSource(value: unknown): Promise<unknown> {
  if (value === null || typeof value !== 'object') return value;
  if (isRawTensor(value)) return fromRawTensor(value);
  if (Array.isArray(value)) return Promise.all(value.map(decodeSource));
  if (value instanceof Map) return new Map(await Promise.all([...value].map(async ([k, v]) => [k, await decodeSource(v)] as const)));
  if (value instanceof Set) return new Set(await Promise.all([...value].map(decodeSource)));
  if (!isOptionsObject(value)) return value;
  const tagged = value[DATASET_TAG] as (WorkerSource & { args: unknown[] }) | undefined;
  if (tagged) {
    const args = (await decodeSource(tagged.args)) as unknown[];
    const dataset = await instantiate(await importExport(tagged), args);
    if (typeof dataset === 'object' && dataset !== null) loadedFrom.set(dataset, tagged);
    return dataset;
  }
  return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await decodeSource(v)] as const)));
}
