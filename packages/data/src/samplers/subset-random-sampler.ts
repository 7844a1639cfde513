/** torch.utils.data.SubsetRandomSampler: the given indices in a random order. */
import { registerPythonTypeName, randperm, signature, type Generator } from '@x/tensor';
import { Sampler, takeIndices } from './sampler';

/**
 * Each pass yields `indices[p]` for p in `randperm(indices.length, { generator })`.
 *
 * @example
 * new SubsetRandomSampler([0, 2, 4, 6], { generator });
 */
const SUBSET_RANDOM_SAMPLER_SIGNATURE = signature('SubsetRandomSampler(any indices, Generator? generator=None)');

export class SubsetRandomSampler extends Sampler<number> {
  readonly indices: readonly number[];
  readonly generator: Generator | undefined;

  constructor(...args: [indices: Iterable<number> | ArrayLike<number>, generator?: Generator | null] | [indices: Iterable<number> | ArrayLike<number>, options: { generator?: Generator | null }]) {
    super();
    const o = SUBSET_RANDOM_SAMPLER_SIGNATURE.parse<{ indices: Iterable<number> | ArrayLike<number>; generator: Generator | null }>(args);
    this.indices = Array.from(o.indices as ArrayLike<number>, Number);
    this.generator = o.generator ?? undefined;
  }

  *[Symbol.iterator](): Iterator<number> {
    for (const p of takeIndices(randperm(this.indices.length, { generator: this.generator, device: 'cpu' }))) yield this.indices[p]!;
  }

  override get length(): number {
    return this.indices.length;
  }
}
registerPythonTypeName(SubsetRandomSampler, 'torch.utils.data.sampler.SubsetRandomSampler');
