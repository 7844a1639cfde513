/**
 * The entry a DataLoader worker thread runs (PyTorch's _worker_loop): seed the default generator with
 * base seed + id, build the dataset from its source, run workerInitFn, then answer each task with a
 * collated batch whose tensor buffers are transferred back, or with the error and its stack.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { manualSeed, Tensor } from '@x/tensor';
import { encodeBatch } from './batch-transfer';
import { defaultCollate, defaultConvert } from './collate';
import { getItemOf, type MapDataset } from './dataset';
import { importExport } from './module-ref';
import { isFullEnough } from './single-process';
import { serializeError, type FromWorker, type InitFnSpec, type ToWorker, type WorkerConfig } from './worker-protocol';
import { setWorkerInfo } from './worker-info';
import { decodeSource } from './worker-source';

type Collate = (samples: unknown) => unknown;

interface State {
  dataset: unknown;
  collate: Collate;
}

const config = workerData as WorkerConfig;
const port = parentPort!;

async function initFnOf(spec: InitFnSpec): Promise<(id: number, info: unknown) => unknown> {
  if ('module' in spec) {
    const f = await importExport(spec);
    if (typeof f !== 'function') throw new TypeError(`workerInitFn: the export '${spec.export ?? 'default'}' of ${String(spec.module)} is not a function`);
    return f as (id: number) => unknown;
  }
  try {
    // The function came as its source text (functions cannot be posted); it sees globals only.
    return new Function(`return (${spec.source});`)() as (id: number) => unknown;
  } catch (e) {
    throw new Error(`workerInitFn ${spec.name} could not be rebuilt from its source in the worker: ${(e as Error).message}`);
  }
}

async function init(): Promise<State> {
  const seed = BigInt(config.baseSeed) + BigInt(config.id);
  manualSeed(seed);
  const info = { id: config.id, numWorkers: config.numWorkers, seed, dataset: undefined as unknown };
  setWorkerInfo(info);
  const dataset = await decodeSource(config.dataset);
  setWorkerInfo({ ...info, dataset });
  let collate: Collate;
  if (config.collate === 'default') collate = defaultCollate as Collate;
  else if (config.collate === 'convert') collate = defaultConvert;
  else if (config.collate === 'none') collate = (s) => s;
  else {
    const f = await importExport(config.collate);
    if (typeof f !== 'function') throw new TypeError(`collateFn: the export '${config.collate.export ?? 'default'}' of ${String(config.collate.module)} is not a function`);
    collate = f as Collate;
  }
  if (config.initFn) {
    const fn = await initFnOf(config.initFn);
    try {
      await fn(config.id, { id: config.id, numWorkers: config.numWorkers, seed, dataset });
    } catch (e) {
      if (e instanceof ReferenceError && 'source' in config.initFn) {
        e.message += ` (workerInitFn ${config.initFn.name} was sent to the worker as source text, so it cannot use variables or imports of the module that defined it: pass { module, export } instead)`;
      }
      throw e;
    }
  }
  return { dataset, collate };
}

let iterator: Iterator<unknown> | AsyncIterator<unknown> | null = null;
let ended = false;

function datasetIterator(dataset: unknown): Iterator<unknown> | AsyncIterator<unknown> {
  const d = dataset as Partial<AsyncIterable<unknown> & Iterable<unknown>>;
  if (typeof d[Symbol.asyncIterator] === 'function') return d[Symbol.asyncIterator]!();
  if (typeof d[Symbol.iterator] === 'function') return d[Symbol.iterator]!();
  throw new TypeError('the worker\'s dataset is not iterable');
}

/** One batch (or one sample) from this worker's own iterator; undefined when it is exhausted (PyTorch's _IterableDatasetFetcher). */
async function nextFromIterable(state: State): Promise<{ value: unknown } | undefined> {
  if (ended) return undefined;
  iterator ??= datasetIterator(state.dataset);
  if (!config.autoCollation) {
    const r = await iterator.next();
    if (r.done) {
      ended = true;
      return undefined;
    }
    return { value: state.collate(r.value) };
  }
  const samples: unknown[] = [];
  while (samples.length < config.batchSize!) {
    const r = await iterator.next();
    if (r.done) {
      ended = true;
      break;
    }
    samples.push(r.value);
  }
  if (!isFullEnough(samples, config.batchSize!, config.dropLast)) return undefined;
  return { value: state.collate(samples) };
}

async function fetchMap(state: State, index: number[] | number): Promise<unknown> {
  const dataset = state.dataset as MapDataset;
  if (typeof index === 'number') return state.collate(await getItemOf(dataset, index));
  return state.collate(await Promise.all(index.map((i) => getItemOf(dataset, i))));
}

/** Frees the tensors default_collate made (it always makes new ones) once their elements are on their way. */
function disposeCollated(value: unknown): void {
  if (config.collate !== 'default') return;
  const walk = (v: unknown): void => {
    if (v instanceof Tensor) v.dispose();
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v instanceof Map) v.forEach(walk);
    else if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) Object.values(v).forEach(walk);
  };
  walk(value);
}

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  try {
    port.postMessage(message, transfer);
  } catch (e) {
    const err = new Error(`a batch holds a value that cannot be sent between threads: ${(e as Error).message}. Return tensors, typed arrays, numbers, strings, arrays, records or Maps from getItem/collateFn.`);
    port.postMessage({ type: 'error', id: message.id, error: serializeError(err) } satisfies FromWorker);
  }
}

async function send(id: number, batch: unknown): Promise<void> {
  const transfer: ArrayBuffer[] = [];
  const value = await encodeBatch(batch, transfer);
  if (config.autoCollation) disposeCollated(batch);
  post({ type: 'data', id, value }, transfer);
}

const ready = init();
// Tasks are answered one at a time, in the order they came, as PyTorch's worker loop does.
let chain: Promise<void> = Promise.resolve();

port.on('message', (msg: ToWorker) => {
  chain = chain.then(async () => {
    if (msg.type === 'reset') {
      iterator = null;
      ended = false;
      return;
    }
    try {
      const state = await ready;
      if (config.kind === 'iterable') {
        const r = await nextFromIterable(state);
        if (!r) return post({ type: 'end', id: msg.id });
        return await send(msg.id, r.value);
      }
      await send(msg.id, await fetchMap(state, msg.index!));
    } catch (e) {
      post({ type: 'error', id: msg.id, error: serializeError(e) });
    }
  });
});
// An init failure is reported with the first task; keep it from being an unhandled rejection meanwhile.
ready.catch(() => {});
