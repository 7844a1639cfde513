/** torch.utils.data.RandomSampler: a shuffled order, or draws with replacement. */
import { empty, Generator, randint, randperm } from '@x/tensor';
import { checkBool, lengthOf, parseArgs } from '../args';
import { Sampler, takeIndices } from './sampler';

export interface RandomSamplerOptions {
  replacement?: boolean;
  /** How many indices one pass yields; the data source's length by default. */
  numSamples?: number;
  generator?: Generator;
}

/**
 * Without replacement, one pass is `randperm(n)` (repeated when `numSamples` exceeds n, then cut);
 * with replacement, `randint(0, n)` in chunks of 32, as PyTorch 1.13 draws them. With no generator a
 * fresh one is seeded from the default generator on every pass, so `torch.manualSeed` fixes the order.
 *
 * @example
 * new RandomSampler(ds, { generator: new torch.Generator().manualSeed(0) });
 * new RandomSampler(ds, true, 100); // 100 draws with replacement
 */
export class RandomSampler extends Sampler<number> {
  readonly replacement: boolean;
  readonly generator: Generator | undefined;
  private readonly numSamplesOption: number | undefined;

  constructor(dataSource: { readonly length: number }, options?: RandomSamplerOptions);
  constructor(dataSource: { readonly length: number }, replacement?: boolean, numSamples?: number, generator?: Generator);
  constructor(readonly dataSource: { readonly length: number }, ...args: unknown[]) {
    super();
    const o = parseArgs<RandomSamplerOptions>('RandomSampler', args, ['replacement', 'numSamples', 'generator']);
    this.replacement = checkBool('replacement', o.replacement ?? false);
    this.numSamplesOption = o.numSamples ?? undefined;
    this.generator = o.generator;
    const n = this.numSamples;
    if (!Number.isInteger(n) || n <= 0) throw new Error(`num_samples should be a positive integer value, but got num_samples=${n}`);
  }

  /** numSamples, or the data source's length when not given (read each time: a dataset may grow). */
  get numSamples(): number {
    return this.numSamplesOption ?? lengthOf(this.dataSource, 'the data source');
  }

  *[Symbol.iterator](): Iterator<number> {
    const n = lengthOf(this.dataSource, 'the data source');
    const generator = this.generator ?? passGenerator();
    const total = this.numSamples;
    if (this.replacement) {
      for (let i = 0; i < Math.floor(total / 32); i++) yield* takeIndices(randint(0, n, [32], { generator, device: 'cpu' }));
      yield* takeIndices(randint(0, n, [total % 32], { generator, device: 'cpu' }));
    } else {
      for (let i = 0; i < Math.floor(total / n); i++) yield* takeIndices(randperm(n, { generator, device: 'cpu' }));
      yield* takeIndices(randperm(n, { generator, device: 'cpu' })).slice(0, total % n);
    }
  }

  override get length(): number {
    return this.numSamples;
  }
}

/** PyTorch's RandomSampler without a generator: a new one seeded by one int64 draw from the default generator. */
export function passGenerator(): Generator {
  const t = empty([], { dtype: 'int64', device: 'cpu' }).random_();
  const seed = (t.numpy() as BigInt64Array)[0]!;
  t.dispose();
  return new Generator().manualSeed(seed);
}
