/** torch.utils.data.WeightedRandomSampler: indices drawn with probabilities proportional to weights. */
import { Tensor, type Generator } from '@x/tensor';
import { checkBool, parseArgs } from '../args';
import { multinomial } from './multinomial';
import { Sampler } from './sampler';

export interface WeightedRandomSamplerOptions {
  numSamples: number;
  replacement?: boolean;
  generator?: Generator;
}

/**
 * Each pass is `torch.multinomial(weights, numSamples, replacement, { generator })`; the weights need
 * not sum to one.
 *
 * @example
 * // Oversample class 1 three to one:
 * new WeightedRandomSampler(labels.map((y) => (y === 1 ? 3 : 1)), labels.length);
 */
export class WeightedRandomSampler extends Sampler<number> {
  readonly weights: Float64Array;
  readonly numSamples: number;
  readonly replacement: boolean;
  readonly generator: Generator | undefined;

  constructor(weights: ArrayLike<number> | Tensor, options: WeightedRandomSamplerOptions);
  constructor(weights: ArrayLike<number> | Tensor, numSamples: number, replacement?: boolean, generator?: Generator);
  constructor(weights: ArrayLike<number> | Tensor, ...args: unknown[]) {
    super();
    const o = parseArgs<WeightedRandomSamplerOptions>('WeightedRandomSampler', args, ['numSamples', 'replacement', 'generator']);
    const n = o.numSamples;
    if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) {
      throw new Error(`num_samples should be a positive integer value, but got num_samples=${String(n)}`);
    }
    this.numSamples = n;
    this.replacement = checkBool('replacement', o.replacement ?? true);
    this.generator = o.generator;
    if (weights instanceof Tensor) {
      if (weights.dim() !== 1) throw new Error(`weights should be a 1d sequence but given weights have shape (${weights.shape.join(', ')})`);
      this.weights = Float64Array.from(weights.to('float64').numpy() as Float64Array);
    } else {
      const nested = Array.from(weights as ArrayLike<unknown>).some((w) => typeof w !== 'number');
      if (nested) throw new Error('weights should be a 1d sequence of numbers');
      this.weights = Float64Array.from(weights);
    }
  }

  *[Symbol.iterator](): Iterator<number> {
    yield* multinomial(this.weights, this.numSamples, this.replacement, this.generator);
  }

  override get length(): number {
    return this.numSamples;
  }
}
