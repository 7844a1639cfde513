/**
 * imgaug's RNG over @x's Generator: every draw is an @x random op given `{ generator }`, so it runs on
 * the tensor backend. The seeding model is imgaug's: a seed makes a state, `derive()` makes child
 * states deterministically from a parent (drawing one seed from it), `copy()` replays a state, and
 * `state` can be saved and restored (deterministic mode).
 */
import { Generator, rand, randint, randn, randperm, type Tensor, tensor } from '@x/tensor';
import { workerSourceOf } from '../worker-source';
import { currentWorkerSeed, workerSeedFor } from './worker-key';

/** imgaug's seed range: seeds drawn for children are in [0, 2^31 - 1). */
export const SEED_MIN_VALUE = 0;
export const SEED_MAX_VALUE = 2 ** 31 - 1;

/** A saved position of a random state's stream (its seed and counter). */
export interface RandomStateSnapshot {
  /** The generator's state (PyTorch's CPU generator layout, Generator.getState). */
  readonly generator: Uint8Array;
  readonly workerSeed: bigint | null;
}

/** A shape for draws: a count, or dims. */
export type Size = number | readonly number[];

export function sizeDims(size: Size): number[] {
  const dims = typeof size === 'number' ? [size] : [...size];
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0) throw new Error(`Expected a size of non-negative integers, got ${JSON.stringify(size)}`);
  }
  return dims;
}

function numel(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** A seed nobody chose, as imgaug draws one from numpy's global state when none is given. */
export function entropySeed(): number {
  return Math.floor(Math.random() * SEED_MAX_VALUE);
}

export class RandomState {
  private readonly generator: Generator;
  /** The worker seed mixed into this stream, or null while used outside DataLoader workers. */
  private workerSeed: bigint | null = null;
  /** The seed before any worker seed was mixed in. */
  protected baseSeed: bigint;

  /**
   * A state seeded with `seed` (an integer), or a fresh unpredictable one without.
   *
   * @example
   * const rs = new RandomState(42);
   * rs.uniform(0, 1, 3); // float32 tensor of 3 values in [0, 1)
   */
  constructor(seed?: number | bigint) {
    if (seed !== undefined && !(typeof seed === 'bigint' || Number.isInteger(seed))) {
      throw new Error(`Expected an integer seed, got ${String(seed)}`);
    }
    this.baseSeed = BigInt(seed ?? entropySeed());
    this.generator = new Generator().manualSeed(this.baseSeed);
  }

  /** The generator to draw from, re-keyed once per DataLoader worker so workers' streams differ. */
  private live(): Generator {
    const worker = currentWorkerSeed();
    if (worker !== this.workerSeed) {
      const offset = this.generator.offset;
      this.generator.manualSeed(worker === null ? this.baseSeed : this.seedInWorker(worker));
      this.generator.offset = offset;
      this.workerSeed = worker;
    }
    return this.generator;
  }

  /** This state's seed inside the DataLoader worker whose seed is `workerSeed`: both mixed. */
  protected seedInWorker(workerSeed: bigint): bigint {
    return workerSeedFor(this.baseSeed, workerSeed);
  }

  /** Restarts this state's stream from `seed`, in place (imgaug's `RNG.seed_`). */
  reseed(seed: number | bigint): this {
    if (!(typeof seed === 'bigint' || Number.isInteger(seed))) throw new Error(`Expected an integer seed, got ${String(seed)}`);
    this.baseSeed = BigInt(seed);
    this.generator.manualSeed(this.baseSeed);
    this.workerSeed = null;
    return this;
  }

  /** Where the stream is now; setting it back replays the same draws (deterministic mode). */
  get state(): RandomStateSnapshot {
    const g = this.live();
    return { generator: g.getState(), workerSeed: this.workerSeed };
  }

  set state(snapshot: RandomStateSnapshot) {
    this.generator.setState(snapshot.generator);
    this.workerSeed = snapshot.workerSeed;
  }

  /** An independent state at the same position: it draws what this one would draw next. */
  copy(): RandomState {
    const c = new RandomState(this.baseSeed);
    c.state = this.state;
    return c;
  }

  /** A child state seeded from one draw of this one (imgaug's `derive_rng_`); advances this state. */
  derive(): RandomState {
    return this.deriveMany(1)[0]!;
  }

  /** n child states: one seed drawn from this state, children seeded seed, seed+1, … (imgaug's `derive_rngs_`). */
  deriveMany(n: number): RandomState[] {
    const s = this.generateSeed();
    return Array.from({ length: n }, (_, i) => new RandomState(s + i));
  }

  /** Moves the stream on, so the next draws differ from a copy taken before (imgaug's `advance_`). */
  advance(): void {
    // one draw, as imgaug's advance_ (generator.random()): it moves PyTorch's CPU stream and the Philox one alike
    rand([1], { generator: this.live() }).dispose();
  }

  /** One seed in [SEED_MIN_VALUE, SEED_MAX_VALUE). */
  generateSeed(): number {
    return this.generateSeeds(1)[0]!;
  }

  generateSeeds(n: number): number[] {
    return Array.from(this.integers(SEED_MIN_VALUE, SEED_MAX_VALUE, n).numpy() as Int32Array);
  }

  /** float32 values uniform in [low, high). */
  uniform(low: number, high: number, size: Size): Tensor {
    return rand(sizeDims(size), { generator: this.live(), dtype: 'float32' }).mul(high - low).add(low);
  }

  /** float32 values from N(loc, scale²). */
  normal(loc: number, scale: number, size: Size): Tensor {
    return randn(sizeDims(size), { generator: this.live(), dtype: 'float32' }).mul(scale).add(loc);
  }

  /** int32 values uniform in [low, high) (high exclusive, as numpy's `integers`). */
  integers(low: number, high: number, size: Size): Tensor {
    if (!(high > low)) throw new Error(`integers: expected low < high, got low=${low}, high=${high}`);
    return randint(low, high, sizeDims(size), { generator: this.live(), dtype: 'int32' });
  }

  /** int32 values, 1 with probability p, else 0 (numpy's `binomial(1, p)`). */
  binomial(p: number, size: Size): Tensor {
    return this.uniform(0, 1, size).lt(p).to('int32');
  }

  /** float32 values from Laplace(loc, scale), by the inverse of its CDF. */
  laplace(loc: number, scale: number, size: Size): Tensor {
    // u in (-0.5, 0.5): x = loc - scale * sign(u) * ln(1 - 2|u|)
    const u = this.uniform(-0.5, 0.5, size);
    return u.sign().mul(u.abs().mul(-2).add(1).log()).mul(-scale).add(loc);
  }

  /**
   * int32 values from Poisson(lam). No op samples it, and the inverse-CDF search runs a different
   * number of steps per value, so this walks the CDF in a loop over one uniform draw per value.
   */
  poisson(lam: number, size: Size): Tensor {
    const dims = sizeDims(size);
    const u = this.uniform(0, 1, dims).numpy() as Float32Array;
    const out = new Int32Array(u.length);
    if (lam > 0) {
      for (let i = 0; i < u.length; i++) {
        let k = 0;
        let pk = Math.exp(-lam);
        let cdf = pk;
        // Past ~lam + 40·sqrt(lam) + 40 the remaining mass is below float precision.
        const limit = lam + 40 * Math.sqrt(lam) + 40;
        while (u[i]! >= cdf && k < limit) {
          k++;
          pk *= lam / k;
          cdf += pk;
        }
        out[i] = k;
      }
    }
    return tensor(out, { dtype: 'int32' }).reshape(dims);
  }

  /**
   * float32 values from N(loc, scale²) restricted to [low, high]: normal draws outside are drawn again
   * (a loop, since how many come back outside is itself random).
   */
  truncatedNormal(loc: number, scale: number, low: number, high: number, size: Size): Tensor {
    const dims = sizeDims(size);
    const n = numel(dims);
    const out = new Float32Array(n);
    let filled = 0;
    for (let round = 0; filled < n; round++) {
      if (round > 1000) throw new Error(`truncatedNormal: [${low}, ${high}] is too far in the tail of N(${loc}, ${scale}²) to sample by rejection`);
      const draws = this.normal(loc, scale, Math.max(n - filled, 16) * 2).numpy() as Float32Array;
      for (let i = 0; i < draws.length && filled < n; i++) {
        const v = draws[i]!;
        if (v >= low && v <= high) out[filled++] = v;
      }
    }
    return tensor(out, { dtype: 'float32' }).reshape(dims);
  }

  /**
   * float64 values from Gamma(shape, 1) by Marsaglia and Tsang's method (shape < 1 through
   * Gamma(shape + 1)·U^(1/shape)). No op samples it, and each value takes a random number of tries,
   * so this loops over batches of normal and uniform draws.
   */
  private gammaValues(shape: number, n: number): Float64Array {
    const boost = shape < 1;
    const d = (boost ? shape + 1 : shape) - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    const out = new Float64Array(n);
    let filled = 0;
    while (filled < n) {
      const m = Math.max(2 * (n - filled), 16);
      const z = this.normal(0, 1, m).numpy() as Float32Array;
      const u = this.uniform(0, 1, m).numpy() as Float32Array;
      for (let i = 0; i < m && filled < n; i++) {
        const v = (1 + c * z[i]!) ** 3;
        if (v <= 0) continue;
        if (Math.log(u[i]!) < 0.5 * z[i]! ** 2 + d - d * v + d * Math.log(v)) out[filled++] = d * v;
      }
    }
    if (boost) {
      const u = this.uniform(0, 1, n).numpy() as Float32Array;
      for (let i = 0; i < n; i++) out[i]! *= u[i]! ** (1 / shape);
    }
    return out;
  }

  /** float32 values from Beta(alpha, beta), as X / (X + Y) for X ~ Gamma(alpha), Y ~ Gamma(beta). */
  beta(alpha: number, beta: number, size: Size): Tensor {
    if (!(alpha > 0 && beta > 0)) throw new Error(`beta: expected alpha > 0 and beta > 0, got ${alpha} and ${beta}`);
    const dims = sizeDims(size);
    const n = numel(dims);
    const x = this.gammaValues(alpha, n);
    const y = this.gammaValues(beta, n);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = x[i]! / (x[i]! + y[i]!);
    return tensor(out, { dtype: 'float32' }).reshape(dims);
  }

  /** int32 indices into n options, uniform, or with probabilities p (which must sum to 1). */
  choiceIndices(n: number, size: Size, p?: readonly number[]): Tensor {
    if (p === undefined) return this.integers(0, n, size);
    const total = p.reduce((a, b) => a + b, 0);
    if (p.length !== n || p.some((v) => v < 0) || Math.abs(total - 1) > 1e-6) {
      throw new Error(`Expected ${n} non-negative probabilities summing to 1, got [${p.join(', ')}]`);
    }
    const cumulative = new Float32Array(n - 1);
    let acc = 0;
    for (let i = 0; i < n - 1; i++) cumulative[i] = acc += p[i]!;
    const u = this.uniform(0, 1, size);
    // index = how many cumulative bounds the draw passed
    return u.unsqueeze(-1).ge(tensor(cumulative, { dtype: 'float32' })).sum(-1).to('int32');
  }

  /** How a DataLoader worker rebuilds this state (@x/data's codec asks). */
  workerSource(): ReturnType<typeof workerSourceOf> {
    return workerSourceOf(this);
  }

  /** A random permutation of 0 … n-1 (int32). */
  permutation(n: number): Tensor {
    return randperm(n, { generator: this.live() }).to('int32');
  }
}
