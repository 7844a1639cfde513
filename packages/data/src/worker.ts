/**
 * The entry a DataLoader worker thread runs (PyTorch's _worker_loop): rebuild the dataset as the main
 * thread sent it, seed the default generator with base seed + id, run workerInitFn, then answer each
 * task with a collated batch whose tensor buffers are transferred back, or with the error and its stack.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tensorNamespace from '@x/tensor';
import { manualSeed, Tensor } from '@x/tensor';
import { encodeBatch } from './batch-transfer';
import { defaultCollate, defaultConvert } from './collate';
import { getItemOf, type MapDataset } from './dataset';
import { importFunction, packageEntry } from './module-ref';
import { isFullEnough } from './single-process';
import { decodeState } from './state-decode';
import { serializeError, type FromWorker, type InitFnSpec, type ToWorker, type WorkerConfig } from './worker-protocol';
import { setWorkerInfo } from './worker-info';

type Collate = (samples: unknown) => unknown;

interface State {
  dataset: unknown;
  collate: Collate;
}

const config = workerData as WorkerConfig;
const port = parentPort!;

// @x/torch puts its namespace here when it is imported (in this thread: by a module of the dataset).
const TORCH = Symbol.for('@x/torch');

/**
 * What `torch` is in a workerInitFn sent as source text: @x/torch when this worker has imported it,
 * else @x/tensor's functions with `torch.utils.data` (this package), which say so when asked for more.
 */
async function workerTorch(): Promise<unknown> {
  const full = (globalThis as { [TORCH]?: unknown })[TORCH];
  if (full) return full;
  const partial: Record<string, unknown> = { ...tensorNamespace, utils: { data: await import(/* @vite-ignore */ packageEntry()) } };
  return new Proxy(partial, {
    get(target, key) {
      if (typeof key === 'symbol' || key in target || key === 'then') return target[key as string];
      throw new TypeError(
        `torch.${key} is not available in this DataLoader worker: no module of the dataset imports @x/torch here, so \`torch\` is @x/tensor ` +
          "(and torch.utils.data). Import @x/torch in the dataset's module, or pass workerInitFn as { module, export } naming an exported function",
      );
    },
  });
}

async function initFnOf(spec: InitFnSpec): Promise<(id: number, info: unknown) => unknown> {
  if ('module' in spec) {
    return importFunction<(id: number, info: unknown) => unknown>(spec, 'workerInitFn');
  }
  try {
    // The function came as its source text (functions cannot be posted): it sees its arguments, the globals and `torch`.
    return new Function('torch', `return (${spec.source});`)(await workerTorch()) as (id: number) => unknown;
  } catch (e) {
    throw new Error(`workerInitFn ${spec.name} could not be rebuilt from its source in the worker: ${(e as Error).message}`);
  }
}

/** The explanation added to a ReferenceError from a workerInitFn sent as source text. */
function sourceTextHint(e: ReferenceError, name: string): string {
  const missing = /^(\S+) is not defined/.exec(e.message)?.[1];
  const renamed = missing && /^__vi|^__vite_ssr_|^import_|_\d+$|\$\d*$/.test(missing)
    ? ` (${missing} looks like a name a bundler or test runner gave an import when it rewrote the code: write the function in plain JavaScript that Node runs as is, or export it)`
    : '';
  return (
    ` (workerInitFn ${name} was sent to the worker as its source text, so it sees only its arguments, the globals and \`torch\`, ` +
    `not the variables or imports of the module that defined it${renamed}: export it from the module you load the dataset with datasetFromModule from, ` +
    'or pass { module, export } naming an exported function)'
  );
}

async function init(): Promise<State> {
  if (config.backendSetup) {
    // the main thread's CPU backend, registered here (single-threaded) so the dataset's ops run on the same kernels
    const setUp = await importFunction<() => unknown>(config.backendSetup, "the CPU backend's workerSetup");
    await setUp();
  }
  // Unpickled before PyTorch's worker loop seeds anything; the constructor does not run again.
  const dataset = await decodeState(config.dataset);
  const seed = BigInt(config.baseSeed) + BigInt(config.id);
  manualSeed(seed);
  setWorkerInfo({ id: config.id, numWorkers: config.numWorkers, seed, dataset });
  let collate: Collate;
  if (config.collate === 'default') collate = defaultCollate as Collate;
  else if (config.collate === 'convert') collate = defaultConvert;
  else if (config.collate === 'none') collate = (s) => s;
  else {
    collate = await importFunction<Collate>(config.collate, 'collateFn');
  }
  if (config.initFn) {
    const fn = await initFnOf(config.initFn);
    try {
      await fn(config.id, { id: config.id, numWorkers: config.numWorkers, seed, dataset });
    } catch (e) {
      if (e instanceof ReferenceError && 'source' in config.initFn) e.message += sourceTextHint(e, config.initFn.name);
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
