/**
 * PyTorch's CPU engine (at::mt19937, ATen/core/MT19937RNGEngine.h): the 32-bit Mersenne Twister
 * MT19937 seeded from the low 32 bits of the 64-bit seed with the reference init_genrand, and
 * PyTorch's bookkeeping (`left` counts down to the next twist, `next` indexes the state), which its
 * 5056-byte generator state stores.
 */

export const MT_N = 624;
const MT_M = 397;

export class MT19937 {
  /** The 624 words of the twister. */
  readonly state = new Uint32Array(MT_N);
  /** Draws left before the next twist, plus one (PyTorch's `left_`, 1 right after seeding). */
  left = 1;
  /** Index of the next word to temper (PyTorch's `next_`). */
  next = 0;
  /** The 64-bit seed this engine was seeded with (what initial_seed() reports). */
  seed = 0n;

  constructor(seed: bigint = 5489n) {
    this.reseed(seed);
  }

  /** mt19937(seed): init_genrand on the low 32 bits; the full seed is kept for initial_seed(). */
  reseed(seed: bigint): void {
    this.seed = BigInt.asUintN(64, seed);
    const s = this.state;
    let x = Number(this.seed & 0xffffffffn);
    s[0] = x;
    for (let j = 1; j < MT_N; j++) {
      x = (Math.imul(1812433253, (x ^ (x >>> 30)) >>> 0) + j) >>> 0;
      s[j] = x;
    }
    this.left = 1;
    this.next = 0;
  }

  /** Regenerates the 624 words (PyTorch's next_state). */
  private twist(): void {
    const s = this.state;
    for (let i = 0; i < MT_N; i++) {
      const y = (s[i]! & 0x80000000) | (s[i + 1 === MT_N ? 0 : i + 1]! & 0x7fffffff);
      const k = i + MT_M;
      s[i] = s[k >= MT_N ? k - MT_N : k]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.left = MT_N;
    this.next = 0;
  }

  /** The next 32-bit draw (PyTorch's generator->random()). */
  nextU32(): number {
    if (--this.left === 0) this.twist();
    let y = this.state[this.next++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** The next 64-bit draw as a bigint (random64(): the first 32-bit draw is the high word). */
  nextU64(): bigint {
    const hi = this.nextU32();
    const lo = this.nextU32();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** The low 53 bits of random64() as a number: (hi & 0x1fffff) * 2^32 + lo, exact. */
  nextU53(): number {
    const hi = this.nextU32();
    const lo = this.nextU32();
    return (hi & 0x1fffff) * 4294967296 + lo;
  }
}
