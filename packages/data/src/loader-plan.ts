/** What a DataLoader resolved its options to: the part its iterators read. */
import type { Generator } from '@x/tensor';
import type { SamplerLike } from './samplers/sampler';

export interface LoaderPlan {
  readonly kind: 'map' | 'iterable';
  readonly dataset: unknown;
  /** The batch sampler with auto-collation, else the sampler; undefined for an iterable dataset. */
  readonly indexSampler: SamplerLike<number | number[]> | undefined;
  /** null when auto-batching is off. */
  readonly batchSize: number | null;
  readonly dropLast: boolean;
  readonly generator: Generator | undefined;
  /** The collate function for the calling thread (throws if it is a module reference not yet loaded). */
  readonly collate: (batch: any) => unknown;
  /** The same, loading a module reference first. */
  collateAsync(): Promise<(batch: any) => unknown>;
}
