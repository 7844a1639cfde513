/** The messages between a DataLoader and its worker threads, and how errors cross the boundary. */
import type { ModuleRef } from './module-ref';
import type { EncodedState } from './state-format';

/** Where a worker's collation happens: PyTorch's default_collate or default_convert, a module's export, or nowhere (the main thread collates). */
export type CollateSpec = 'default' | 'convert' | 'none' | ModuleRef;

/**
 * workerInitFn as a worker can get it: a module export (given as `{ module, export }`, or a function
 * found among a known module's exports), or a function's source text, which the worker evaluates
 * where only its arguments, the globals and `torch` are defined.
 */
export type InitFnSpec = ModuleRef | { source: string; name: string };

/** What each worker is started with (Worker's workerData). */
export interface WorkerConfig {
  id: number;
  numWorkers: number;
  /** The loader's base seed for this worker pool, as a decimal string (it is an int64). */
  baseSeed: string;
  /** The dataset as it is in the main thread (its class and fields). */
  dataset: EncodedState;
  kind: 'map' | 'iterable';
  autoCollation: boolean;
  batchSize: number | null;
  dropLast: boolean;
  collate: CollateSpec;
  initFn: InitFnSpec | null;
  /** The main thread's CPU backend, as the worker sets it up before anything else (Backend.workerSetup). */
  backendSetup: ModuleRef | null;
}

export type ToWorker = { type: 'task'; id: number; index: number[] | number | null } | { type: 'reset' };

export interface SerializedError {
  name: string;
  message: string;
  stack: string;
}

export type FromWorker =
  | { type: 'data'; id: number; value: unknown }
  | { type: 'end'; id: number }
  | { type: 'error'; id: number; error: SerializedError };

export function serializeError(e: unknown): SerializedError {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack ?? `${e.name}: ${e.message}` };
  return { name: 'Error', message: String(e), stack: `thrown value: ${String(e)}` };
}

const BUILTIN: Record<string, ErrorConstructor> = { TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };

/**
 * The main thread's error for one raised in worker `workerId`, worded as PyTorch's ExceptionWrapper:
 * "Caught ValueError in DataLoader worker process 0.\nOriginal Traceback …". It keeps the
 * original's class where it is a built-in one, its stack in the message and `workerStack`, and
 * the original as `cause`.
 */
export function workerError(workerId: number, e: SerializedError): Error & { workerId: number; workerStack: string } {
  const Ctor = BUILTIN[e.name] ?? Error;
  const original = new Ctor(e.message);
  original.name = e.name;
  original.stack = e.stack;
  const err = new Ctor(`Caught ${e.name} in DataLoader worker ${workerId}.\nOriginal ${e.stack}`, { cause: original }) as Error & {
    workerId: number;
    workerStack: string;
  };
  err.workerId = workerId;
  err.workerStack = e.stack;
  return err;
}
