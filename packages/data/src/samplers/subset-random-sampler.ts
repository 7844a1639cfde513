/** torch.utils.data.SubsetRandomSampler: the given indices in a random order. */
import { registerPythonTypeName, randperm, type Generator } from '@x/tensor';
import { isOptionsObject } from '../args';
import { Sampler, takeIndices } from './sampler';

/**
 * Each pass yields `indices[p]` for p in `randperm(indices.length, { generator })`.
 *
 * @example
 * new SubsetRandomSampler([0, 2, 4, 6], { generator });
 */
export class SubsetRandomSampler extends Sampler<number> {
  readonly indices: readonly number[];
  readonly generator: Generator | undefined;

  constructor(indices: Iterable<number> | ArrayLike<number>, generator?: Generator | { generator?: Generator }) {
    super();
    this.indices = Array.from(indices as ArrayLike<number>, Number);
    this.generator = isOptionsObject(generator) ? (generator as { generator?: Generator }).generator : (generator as Generator | undefined);
  }

  *[Symbol.iterator](): Iterator<number> {
    for (const p of takeIndices(randperm(this.indices.length, { generator: this.generator, device: 'cpu' }))) yield this.indices[p]!;
  }

  override get length(): number {
    return this.indices.length;
  }
}
registerPythonTypeName(SubsetRandomSampler, 'torch.utils.data.sampler.SubsetRandomSampler');
