/** torch.utils.data.SequentialSampler: 0, 1, …, n-1. */
import { registerPythonTypeName } from '@x/tensor';
import { lengthOf } from '../args';
import { Sampler } from './sampler';

/**
 * @example
 * [...new SequentialSampler(ds)]; // [0, 1, 2, …]
 */
export class SequentialSampler extends Sampler<number> {
  constructor(readonly dataSource: { readonly length: number }) {
    super();
  }

  *[Symbol.iterator](): Iterator<number> {
    const n = lengthOf(this.dataSource, 'the data source');
    for (let i = 0; i < n; i++) yield i;
  }

  override get length(): number {
    return lengthOf(this.dataSource, 'the data source');
  }
}
registerPythonTypeName(SequentialSampler, 'torch.utils.data.sampler.SequentialSampler');
