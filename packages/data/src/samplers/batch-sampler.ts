/** torch.utils.data.BatchSampler: groups another sampler's indices into lists. */
import { registerPythonTypeName, signature } from '@x/tensor';
import { checkBool, checkPositiveInt, lengthOf } from '../args';
import { Sampler, type SamplerLike } from './sampler';

export interface BatchSamplerOptions {
  batchSize: number;
  dropLast: boolean;
}

/**
 * Yields lists of `batchSize` indices; the last one is shorter unless `dropLast`.
 * `length` is floor(n / batchSize) with dropLast, else ceil(n / batchSize).
 *
 * @example
 * [...new BatchSampler(new SequentialSampler(range10), 3, false)]; // [[0,1,2],[3,4,5],[6,7,8],[9]]
 */
/** PyTorch's signature; the values are checked below, with PyTorch's messages. */
const BATCH_SAMPLER_SIGNATURE = signature('BatchSampler(any sampler, any batchSize, any dropLast)');

export class BatchSampler extends Sampler<number[]> {
  readonly batchSize: number;
  readonly dropLast: boolean;

  constructor(sampler: SamplerLike<number>, options: BatchSamplerOptions);
  constructor(sampler: SamplerLike<number>, batchSize: number, dropLast: boolean, options?: Partial<BatchSamplerOptions>);
  constructor(readonly sampler: SamplerLike<number>, ...args: unknown[]) {
    super();
    const o = BATCH_SAMPLER_SIGNATURE.parse<BatchSamplerOptions>([sampler, ...args]);
    this.batchSize = checkPositiveInt('batch_size', o.batchSize);
    this.dropLast = checkBool('drop_last', o.dropLast);
  }

  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const idx of this.sampler) {
      batch.push(idx);
      if (batch.length === this.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) yield batch;
  }

  override get length(): number {
    const n = lengthOf(this.sampler, 'the sampler');
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }
}
registerPythonTypeName(BatchSampler, 'torch.utils.data.sampler.BatchSampler');
