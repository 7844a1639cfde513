/**
 * Batches read in the calling thread (numWorkers = 0), PyTorch's _SingleProcessDataLoaderIter:
 * synchronously for `for … of`, and with awaiting for `for await`, where getItem may return a Promise.
 */
import { settleMemory } from '@x/tensor';
import { getItemOf, type MapDataset } from './dataset';
import type { LoaderPlan } from './loader-plan';

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return typeof (x as { then?: unknown } | null)?.then === 'function';
}

function notSync(): never {
  throw new TypeError('the dataset returned a Promise: iterate the DataLoader with `for await (const batch of loader)`');
}

/** PyTorch's _IterableDatasetFetcher: whether the samples pulled for one batch make a batch. */
export function isFullEnough(samples: readonly unknown[], batchSize: number, dropLast: boolean): boolean {
  return samples.length > 0 && !(dropLast && samples.length < batchSize);
}

export function* syncBatches<B>(plan: LoaderPlan): Generator<B, void, undefined> {
  const collate = plan.collate;
  if (plan.kind === 'map') {
    const dataset = plan.dataset as MapDataset;
    const item = (i: number): unknown => {
      const s = getItemOf(dataset, i);
      return isThenable(s) ? notSync() : s;
    };
    for (const index of plan.indexSampler!) yield collate(typeof index === 'number' ? item(index) : (index as number[]).map(item)) as B;
    return;
  }
  const source = plan.dataset as Partial<Iterable<unknown>>;
  if (typeof source[Symbol.iterator] !== 'function') {
    throw new TypeError('this IterableDataset only has [Symbol.asyncIterator]: iterate the DataLoader with `for await`');
  }
  const it = source[Symbol.iterator]!();
  if (plan.batchSize === null) {
    for (let r = it.next(); !r.done; r = it.next()) yield collate(r.value) as B;
    return;
  }
  for (;;) {
    const samples: unknown[] = [];
    let r: IteratorResult<unknown> | undefined;
    while (samples.length < plan.batchSize && !(r = it.next()).done) samples.push(r.value);
    if (!isFullEnough(samples, plan.batchSize, plan.dropLast)) return;
    yield collate(samples) as B;
    if (r?.done) return;
  }
}

export async function* asyncBatches<B>(plan: LoaderPlan): AsyncGenerator<B, void, undefined> {
  const collate = await plan.collateAsync();
  if (plan.kind === 'map') {
    const dataset = plan.dataset as MapDataset;
    for (const index of plan.indexSampler!) {
      const samples = typeof index === 'number' ? await getItemOf(dataset, index) : await Promise.all((index as number[]).map((i) => getItemOf(dataset, i)));
      // Where finalizers run only between tasks (browsers), the step before may have left garbage
      // whose collection is pending: `for await` lets it run (a no-op in Node).
      await settleMemory();
      yield collate(samples) as B;
    }
    return;
  }
  const source = plan.dataset as Partial<Iterable<unknown> & AsyncIterable<unknown>>;
  const it: Iterator<unknown> | AsyncIterator<unknown> =
    typeof source[Symbol.asyncIterator] === 'function' ? source[Symbol.asyncIterator]!() : source[Symbol.iterator]!();
  if (plan.batchSize === null) {
    for (let r = await it.next(); !r.done; r = await it.next()) {
      await settleMemory();
      yield collate(r.value) as B;
    }
    return;
  }
  for (;;) {
    const samples: unknown[] = [];
    let r: IteratorResult<unknown> | undefined;
    while (samples.length < plan.batchSize && !(r = await it.next()).done) samples.push(r.value);
    if (!isFullEnough(samples, plan.batchSize, plan.dropLast)) return;
    await settleMemory();
    yield collate(samples) as B;
    if (r?.done) return;
  }
}
