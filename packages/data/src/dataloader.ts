/** torch.utils.data.DataLoader: batches from a dataset, in the calling thread or in worker threads. */
import { backendFor, registerPythonTypeName, pythonObjectRepr, signature, type Generator } from '@x/tensor';
import { checkBool, describe, lengthOf } from './args';
import { drawBaseSeed } from './base-seed';
import { defaultCollate, defaultConvert } from './collate';
import { isMapDataset, type MapDataset } from './dataset';
import { isIterableDataset, type IterableSource } from './iterable-dataset';
import { findExport } from './known-modules';
import type { LoaderPlan } from './loader-plan';
import { importFunction, isModuleRef, moduleSpecifier, type ModuleRef } from './module-ref';
import { MultiProcessIterator } from './multi-process';
import { BatchSampler } from './samplers/batch-sampler';
import { RandomSampler } from './samplers/random-sampler';
import type { SamplerLike } from './samplers/sampler';
import { SequentialSampler } from './samplers/sequential-sampler';
import { asyncBatches, syncBatches } from './single-process';
import type { WorkerInfo } from './worker-info';
import { WorkerPool } from './worker-pool';
import type { CollateSpec, InitFnSpec, WorkerConfig } from './worker-protocol';
import { encodeDataset } from './worker-source';

export type CollateFn<B = any> = (batch: any) => B;

/** DataLoader's keyword arguments, with PyTorch 1.13's defaults. */
export interface DataLoaderOptions<B = any> {
  /** Samples per batch (default 1); null turns auto-batching off: items come one by one, through defaultConvert. */
  batchSize?: number | null;
  /** A new random order every pass (a RandomSampler with `generator`). */
  shuffle?: boolean | null;
  /** The order of indices; mutually exclusive with shuffle. */
  sampler?: SamplerLike<number> | null;
  /** Yields lists of indices; mutually exclusive with batchSize, shuffle, sampler and dropLast. */
  batchSampler?: SamplerLike<number[]> | null;
  /** Worker threads reading batches (0: the calling thread). See the README, "Workers". */
  numWorkers?: number;
  /**
   * Puts a list of samples together (default: defaultCollate). With workers, a function runs in the
   * main thread on the samples the workers send; a `{ module, export }` runs in the workers.
   */
  collateFn?: CollateFn<B> | ModuleRef | null;
  /** Accepted for PyTorch code; there is no pinned memory to use on these backends, so it does nothing. */
  pinMemory?: boolean;
  /** Drop the last batch when it is smaller than batchSize. */
  dropLast?: boolean;
  /** Seconds to wait for a batch from the workers before failing (0: forever), as PyTorch. */
  timeout?: number;
  /**
   * Called in each worker with its id (and its WorkerInfo) after seeding and before the first batch.
   * A function exported by a module the workers know (the one `datasetFromModule` loaded) is
   * imported there, with everything its module imports; any other function is sent as its source
   * text and may use only its arguments, the globals and `torch`. `{ module, export }` names an
   * exported function explicitly. See the README, "Workers".
   */
  workerInitFn?: ((workerId: number, info: WorkerInfo) => unknown) | ModuleRef | null;
  /** PyTorch's multiprocessing_context; workers here are threads, so only null/undefined is accepted. */
  multiprocessingContext?: null;
  /** Draws the shuffle order and the workers' base seed. */
  generator?: Generator | null;
  /** Batches each worker works ahead (default 2; only with workers). */
  prefetchFactor?: number;
  /** Keep the workers between passes (only with workers). */
  persistentWorkers?: boolean;
  /** Accepted for PyTorch code; unused. */
  pinMemoryDevice?: string;
}

/**
 * PyTorch 1.13's signature. The values are checked below with PyTorch's own messages, so most
 * parameters take `any` here.
 */
const DATALOADER_SIGNATURE = signature(
  "DataLoader(object dataset, any batchSize=1, any shuffle=None, any sampler=None, any batchSampler=None, any numWorkers=0, any collateFn=None, any pinMemory=False, any dropLast=False, any timeout=0, any workerInitFn=None, any multiprocessingContext=None, Generator? generator=None, *, any prefetchFactor=2, any persistentWorkers=False, str pinMemoryDevice='')",
);

/**
 * Iterates a dataset in batches, as PyTorch's DataLoader: `for await (const [x, y] of loader)`
 * always works; `for (const [x, y] of loader)` works when `numWorkers` is 0.
 *
 * @example
 * const loader = new DataLoader(trainSet, { batchSize: 256, shuffle: true, dropLast: true });
 * for (const [images, labels] of loader) { … }        // images [256, 1, 28, 28], labels [256] int64
 * loader.length;                                        // batches per pass (234 for 60000 / 256 with dropLast)
 *
 * const parallel = new DataLoader(trainSet, { batchSize: 256, numWorkers: 2 });
 * for await (const [images, labels] of parallel) { … }
 */
export class DataLoader<B = any> implements AsyncIterable<B>, Iterable<B> {
  readonly dataset: MapDataset | IterableSource | readonly unknown[];
  readonly batchSize: number | null;
  readonly dropLast: boolean;
  readonly sampler: SamplerLike<number> | undefined;
  readonly batchSampler: SamplerLike<number[]> | undefined;
  readonly numWorkers: number;
  readonly collateFn: CollateFn<B> | ModuleRef;
  readonly pinMemory: boolean;
  readonly timeout: number;
  readonly workerInitFn: ((workerId: number, info: WorkerInfo) => unknown) | ModuleRef | undefined;
  readonly generator: Generator | undefined;
  readonly prefetchFactor: number;
  readonly persistentWorkers: boolean;
  private readonly kind: 'map' | 'iterable';
  private loadedCollate: CollateFn<B> | undefined;
  private pool: WorkerPool | null = null;

  constructor(dataset: MapDataset | IterableSource | readonly unknown[], options?: DataLoaderOptions<B>);
  constructor(dataset: MapDataset | IterableSource | readonly unknown[], batchSize: number | null, options?: DataLoaderOptions<B>);
  constructor(dataset: MapDataset | IterableSource | readonly unknown[], batchSize: number | null, shuffle: boolean | null, options?: DataLoaderOptions<B>);
  constructor(dataset: MapDataset | IterableSource | readonly unknown[], ...args: unknown[]) {
    const o = DATALOADER_SIGNATURE.parse<DataLoaderOptions<B>>([dataset, ...args]);
    this.dataset = dataset;
    const numWorkers = o.numWorkers ?? 0;
    if (!Number.isInteger(numWorkers) || numWorkers < 0) {
      throw new Error('num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.');
    }
    const timeout = o.timeout ?? 0;
    if (typeof timeout !== 'number' || !(timeout >= 0)) throw new Error('timeout option should be non-negative');
    if (numWorkers === 0 && o.prefetchFactor !== undefined && o.prefetchFactor !== 2) {
      throw new Error('prefetch_factor option could only be specified in multiprocessing.let num_workers > 0 to enable multiprocessing.');
    }
    const prefetchFactor = o.prefetchFactor ?? 2;
    if (!Number.isInteger(prefetchFactor) || prefetchFactor <= 0) throw new Error(`prefetch_factor should be a positive integer, got ${prefetchFactor}`);
    const persistentWorkers = o.persistentWorkers ?? false;
    if (persistentWorkers && numWorkers === 0) throw new Error('persistent_workers option needs num_workers > 0');
    if (o.multiprocessingContext != null) {
      throw new Error('multiprocessing_context: DataLoader workers here are worker threads, there is no context to choose; leave it out');
    }

    let shuffle = o.shuffle ?? null;
    let batchSize = o.batchSize === undefined ? 1 : o.batchSize;
    let dropLast = checkBool('drop_last', o.dropLast ?? false);
    let sampler = o.sampler ?? undefined;
    let batchSampler = o.batchSampler ?? undefined;
    if (isMapDataset(dataset)) {
      this.kind = 'map';
      shuffle = Boolean(shuffle);
    } else if (isIterableDataset(dataset)) {
      this.kind = 'iterable';
      if (shuffle !== null && shuffle !== false) throw new Error(`DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=${String(shuffle)}`);
      if (sampler !== undefined) throw new Error(`DataLoader with IterableDataset: expected unspecified sampler option, but got sampler=${describe(sampler)}`);
      if (batchSampler !== undefined) throw new Error(`DataLoader with IterableDataset: expected unspecified batch_sampler option, but got batch_sampler=${describe(batchSampler)}`);
    } else {
      throw new TypeError(`DataLoader: expected a dataset (an object with getItem(i) and length, an array, or an IterableDataset), got ${describe(dataset)}`);
    }
    if (sampler !== undefined && shuffle) throw new Error('sampler option is mutually exclusive with shuffle');
    if (batchSampler !== undefined) {
      if (batchSize !== 1 || shuffle || sampler !== undefined || dropLast) {
        throw new Error('batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last');
      }
      batchSize = null;
      dropLast = false;
    } else if (batchSize === null && dropLast) {
      throw new Error('batch_size=None option disables auto-batching and is mutually exclusive with drop_last');
    }
    if (this.kind === 'map' && sampler === undefined) {
      sampler = shuffle ? new RandomSampler(dataset as MapDataset, { generator: o.generator ?? undefined }) : new SequentialSampler(dataset as MapDataset);
    }
    if (batchSize !== null && batchSampler === undefined && sampler !== undefined) batchSampler = new BatchSampler(sampler, batchSize, dropLast);
    if (batchSize !== null && this.kind === 'iterable') new BatchSampler([], batchSize, dropLast); // validates batchSize as PyTorch does

    this.batchSize = batchSize;
    this.dropLast = dropLast;
    this.sampler = sampler;
    this.batchSampler = batchSampler;
    this.numWorkers = numWorkers;
    this.collateFn = o.collateFn ?? ((batchSize !== null || batchSampler !== undefined ? defaultCollate : defaultConvert) as CollateFn<B>);
    this.pinMemory = checkBool('pin_memory', o.pinMemory ?? false);
    this.timeout = timeout;
    this.workerInitFn = o.workerInitFn ?? undefined;
    this.generator = o.generator ?? undefined;
    this.prefetchFactor = prefetchFactor;
    this.persistentWorkers = persistentWorkers;
    // Fail now, not at the first batch, when workers could not get the dataset (or workerInitFn).
    if (numWorkers > 0) {
      encodeDataset(dataset, { check: true });
      this.initFnSpec();
    }
  }

  /** Whether batches are collated lists of samples (PyTorch's _auto_collation). */
  private get autoCollation(): boolean {
    return this.batchSampler !== undefined || (this.kind === 'iterable' && this.batchSize !== null);
  }

  /** Batches in one pass: len(batch_sampler) (or len(sampler)); for an IterableDataset, from its length. */
  get length(): number {
    if (this.kind === 'iterable') {
      const n = lengthOf(this.dataset, 'this IterableDataset');
      if (this.batchSize === null) return n;
      return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
    }
    return lengthOf(this.autoCollation ? this.batchSampler : this.sampler, 'the sampler');
  }

  private plan(): LoaderPlan {
    const collateFn = this.collateFn;
    const loader = this;
    return {
      kind: this.kind,
      dataset: this.dataset,
      indexSampler: this.kind === 'map' ? (this.autoCollation ? this.batchSampler : this.sampler) : undefined,
      batchSize: this.kind === 'iterable' ? this.batchSize : this.autoCollation ? this.batchSize : null,
      dropLast: this.dropLast,
      generator: this.generator,
      get collate(): CollateFn<B> {
        if (!isModuleRef(collateFn)) return collateFn;
        if (loader.loadedCollate) return loader.loadedCollate;
        throw new TypeError('a collateFn given as { module, export } is loaded asynchronously: iterate with `for await`');
      },
      async collateAsync(): Promise<CollateFn<B>> {
        if (!isModuleRef(collateFn)) return collateFn;
        return (loader.loadedCollate = await importFunction<CollateFn<B>>(collateFn, 'collateFn'));
      },
    };
  }

  /** Batches in the calling thread; only when numWorkers is 0 (workers answer asynchronously). */
  [Symbol.iterator](): Iterator<B> {
    if (this.numWorkers > 0) {
      throw new TypeError(`this DataLoader has numWorkers=${this.numWorkers}, whose batches arrive asynchronously: iterate it with \`for await (const batch of loader)\``);
    }
    drawBaseSeed(this.generator); // drawn by every PyTorch iterator, so seeded runs consume the generator alike
    return syncBatches<B>(this.plan());
  }

  [Symbol.asyncIterator](): AsyncIterator<B> {
    const baseSeed = drawBaseSeed(this.generator);
    const plan = this.plan();
    if (this.numWorkers === 0) return asyncBatches<B>(plan);
    let pool = this.pool;
    if (pool && pool.alive) pool.reset();
    else pool = this.startPool(baseSeed, plan);
    if (this.persistentWorkers) this.pool = pool;
    const collate = this.collateFn;
    const collateInMain = isModuleRef(collate) || collate === defaultCollate || collate === defaultConvert ? null : collate;
    return new MultiProcessIterator<B>(plan, {
      pool,
      prefetchFactor: this.prefetchFactor,
      timeout: this.timeout,
      collateInMain,
      onEnd: (how) => {
        if (this.persistentWorkers && how !== 'failed' && this.pool === pool) return;
        if (this.pool === pool) this.pool = null;
        void pool.terminate();
      },
    });
  }

  /** Stops persistent workers now (they also stop when the process exits: idle workers never hold it). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.terminate();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private collateSpec(): CollateSpec {
    const c = this.collateFn;
    if (isModuleRef(c)) return { module: moduleSpecifier(c.module), export: c.export ?? 'default' };
    if (c === defaultCollate) return 'default';
    if (c === defaultConvert) return 'convert';
    return 'none';
  }

  private initFnSpec(): InitFnSpec | null {
    const f = this.workerInitFn;
    if (f === undefined) return null;
    if (isModuleRef(f)) return { module: moduleSpecifier(f.module), export: f.export ?? 'default' };
    if (typeof f !== 'function') throw new TypeError(`workerInitFn must be a function or { module, export }, got ${describe(f)}`);
    const exported = findExport(f);
    if (exported) return { module: exported.module, export: exported.name };
    const source = Function.prototype.toString.call(f);
    try {
      if (source.includes('[native code]')) throw new Error('it is a native or bound function');
      new Function(`return (${source});`);
    } catch (e) {
      throw new TypeError(
        `workerInitFn ${f.name || '(anonymous)'} cannot be sent to worker threads as source text (${(e as Error).message}): ` +
          'write it as a function expression or arrow function, export it from the module you load the dataset with datasetFromModule from, ' +
          'or pass { module, export } naming an exported function',
      );
    }
    return { source, name: f.name || '(anonymous)' };
  }

  private startPool(baseSeed: bigint, plan: LoaderPlan): WorkerPool {
    // The dataset as it is now, as PyTorch pickles it for each new set of workers.
    const dataset = encodeDataset(this.dataset);
    const configs: WorkerConfig[] = Array.from({ length: this.numWorkers }, (_, id) => ({
      id,
      numWorkers: this.numWorkers,
      baseSeed: baseSeed.toString(),
      dataset,
      kind: this.kind,
      autoCollation: this.autoCollation,
      batchSize: plan.batchSize,
      dropLast: this.dropLast,
      collate: this.collateSpec(),
      initFn: this.initFnSpec(),
      backendSetup: backendFor('cpu').workerSetup ?? null,
    }));
    return new WorkerPool(configs);
  }

  /** What PyTorch prints for a loader: `<torch.utils.data.dataloader.DataLoader object at 0x…>`. */
  toString(): string {
    return pythonObjectRepr(this);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
registerPythonTypeName(DataLoader, 'torch.utils.data.dataloader.DataLoader');

