/** torch.Generator: a seed and a Philox counter offset that each draw advances. */
import { pythonObjectRepr } from '../repr';

/** PyTorch's default CPU seed (c10::default_rng_seed_val). */
const DEFAULT_SEED = 67280421310721;

export class Generator {
  private seedLo = DEFAULT_SEED % 4294967296;
  private seedHi = Math.floor(DEFAULT_SEED / 4294967296);
  /** Philox counter where the next draw starts. */
  offset = 0;

  constructor(readonly device: string = 'cpu') {}

  /** Sets the seed and restarts the stream; returns this, as PyTorch does. */
  manualSeed(seed: number | bigint): this {
    const s = typeof seed === 'bigint' ? seed : BigInt(Math.trunc(seed));
    // Negative seeds wrap to 64-bit unsigned, as in PyTorch.
    const u = BigInt.asUintN(64, s);
    this.seedLo = Number(u & 0xffffffffn);
    this.seedHi = Number(u >> 32n);
    this.offset = 0;
    return this;
  }

  /** A fresh non-deterministic seed. */
  seed(): number {
    const s = Math.floor(Math.random() * 2 ** 52);
    this.manualSeed(s);
    return s;
  }

  initialSeed(): bigint {
    return (BigInt(this.seedHi) << 32n) | BigInt(this.seedLo);
  }

  /** The key halves and the counter offset for a draw of n values, advancing the stream past it. */
  reserve(n: number): { seedLo: number; seedHi: number; offset: number } {
    const start = this.offset;
    this.offset += n;
    return { seedLo: this.seedLo, seedHi: this.seedHi, offset: start };
  }

  getState(): { seedLo: number; seedHi: number; offset: number } {
    return { seedLo: this.seedLo, seedHi: this.seedHi, offset: this.offset };
  }

  setState(state: { seedLo: number; seedHi: number; offset: number }): this {
    this.seedLo = state.seedLo;
    this.seedHi = state.seedHi;
    this.offset = state.offset;
    return this;
  }

  /** What PyTorch prints for a generator: `<torch._C.Generator object at 0x…>`. */
  toString(): string {
    return pythonObjectRepr(this, 'torch._C.Generator');
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

export const defaultGenerator = new Generator();

/** torch.manual_seed */
export function manualSeed(seed: number | bigint): Generator {
  return defaultGenerator.manualSeed(seed);
}

/** torch.initial_seed */
export function initialSeed(): bigint {
  return defaultGenerator.initialSeed();
}

/** torch.seed */
export function seed(): number {
  return defaultGenerator.seed();
}
