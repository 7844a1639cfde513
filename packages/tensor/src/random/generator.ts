/**
 * torch.Generator. On the CPU backends it is PyTorch's CPU generator (CPUGeneratorImpl): an mt19937
 * engine, PyTorch's per-function algorithms (`cpu-distributions.ts`) and the cached second normal,
 * so `manualSeed(s)` gives PyTorch's numbers. GPU backends (WebGPU) draw from @x's counter-based
 * Philox stream under the same seed (a Philox offset the generator also keeps).
 */
import { pythonObjectRepr } from '../repr';
import type { CpuRandomState } from './cpu-distributions';
import { MT19937, MT_N } from './mt19937';

/** PyTorch's default CPU seed (c10::default_rng_seed_val). */
const DEFAULT_SEED = 67280421310721n;

/** Bytes of PyTorch's CPU generator state (CPUGeneratorImplState): get_state() returns these. */
export const CPU_STATE_BYTES = 5056;

// Field offsets of CPUGeneratorImplState (legacy_pod first), x86-64 layout.
const AT_SEED = 0;
const AT_LEFT = 8;
const AT_SEEDED = 12;
const AT_NEXT = 16;
const AT_STATE = 24;
const AT_NORMAL_X = AT_STATE + 8 * MT_N; // unused by PyTorch (written 0, never read): @x keeps the Philox offset here
const AT_NORMAL_Y = AT_NORMAL_X + 8;
const AT_NORMAL_IS_VALID = AT_NORMAL_X + 24;
const AT_FLOAT_NORMAL = AT_NORMAL_X + 32;
const AT_FLOAT_NORMAL_VALID = AT_FLOAT_NORMAL + 4;

export class Generator implements CpuRandomState {
  readonly mt = new MT19937(DEFAULT_SEED);
  nextDoubleNormal: number | null = null;
  nextFloatNormal: number | null = null;
  /** Philox counter where the next GPU draw starts. */
  offset = 0;

  constructor(readonly device: string = 'cpu') {}

  /** Sets the seed and restarts both streams; returns this, as PyTorch does. */
  manualSeed(seed: number | bigint): this {
    const s = typeof seed === 'bigint' ? seed : BigInt(Math.trunc(seed));
    // Negative seeds wrap to 64-bit unsigned, as in PyTorch.
    this.mt.reseed(BigInt.asUintN(64, s));
    this.nextDoubleNormal = null;
    this.nextFloatNormal = null;
    this.offset = 0;
    return this;
  }

  /** A fresh non-deterministic seed, set and returned (torch.seed()). */
  seed(): number {
    const s = Math.floor(Math.random() * 2 ** 52);
    this.manualSeed(s);
    return s;
  }

  initialSeed(): bigint {
    return this.mt.seed;
  }

  /** The Philox key halves and the counter offset for a GPU draw of n values, advancing the stream past it. */
  reserve(n: number): { seedLo: number; seedHi: number; offset: number } {
    const start = this.offset;
    this.offset += n;
    return { seedLo: Number(this.mt.seed & 0xffffffffn), seedHi: Number(this.mt.seed >> 32n), offset: start };
  }

  /**
   * The generator's state as PyTorch's get_state() lays it out (5056 bytes, CPUGeneratorImplState),
   * so `torch.Generator().set_state(torch.ByteTensor(bytes))` loads it in PyTorch. The Philox offset
   * of GPU draws rides in the legacy `normal_x` field, which PyTorch ignores.
   */
  getState(): Uint8Array {
    const bytes = new Uint8Array(CPU_STATE_BYTES);
    const v = new DataView(bytes.buffer);
    v.setBigUint64(AT_SEED, this.mt.seed, true);
    v.setInt32(AT_LEFT, this.mt.left, true);
    v.setInt32(AT_SEEDED, 1, true);
    v.setBigUint64(AT_NEXT, BigInt(this.mt.next), true);
    for (let i = 0; i < MT_N; i++) v.setUint32(AT_STATE + 8 * i, this.mt.state[i]!, true);
    v.setFloat64(AT_NORMAL_X, this.offset, true);
    if (this.nextDoubleNormal !== null) {
      v.setInt32(AT_NORMAL_IS_VALID, 1, true);
      v.setFloat64(AT_NORMAL_Y, this.nextDoubleNormal, true);
    }
    if (this.nextFloatNormal !== null) {
      v.setFloat32(AT_FLOAT_NORMAL, this.nextFloatNormal, true);
      bytes[AT_FLOAT_NORMAL_VALID] = 1;
    }
    return bytes;
  }

  /** Restores a state from getState() or from PyTorch's get_state() (its bytes, e.g. `bytes(g.get_state().numpy())`). */
  setState(state: Uint8Array | ArrayLike<number>): this {
    const bytes = state instanceof Uint8Array ? state : Uint8Array.from(state);
    if (bytes.length !== CPU_STATE_BYTES) throw new Error(`Expected either a THGeneratorState of size 1024 or a CPUGeneratorImplState of size ${CPU_STATE_BYTES} but found the input RNG state size to be ${bytes.length}`);
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const left = v.getInt32(AT_LEFT, true);
    const next = Number(v.getBigUint64(AT_NEXT, true));
    if (left < 1 || left > MT_N || next > MT_N) throw new Error('The invalid RNG state: left or next is out of range');
    this.mt.seed = v.getBigUint64(AT_SEED, true);
    this.mt.left = left;
    this.mt.next = next;
    for (let i = 0; i < MT_N; i++) this.mt.state[i] = v.getUint32(AT_STATE + 8 * i, true);
    const offset = v.getFloat64(AT_NORMAL_X, true);
    this.offset = Number.isSafeInteger(offset) && offset >= 0 ? offset : 0;
    this.nextDoubleNormal = v.getInt32(AT_NORMAL_IS_VALID, true) !== 0 ? v.getFloat64(AT_NORMAL_Y, true) : null;
    this.nextFloatNormal = bytes[AT_FLOAT_NORMAL_VALID] !== 0 ? v.getFloat32(AT_FLOAT_NORMAL, true) : null;
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

/** Which stream the CPU backends draw: PyTorch's CPU generator (the default) or @x's Philox stream, which GPU backends draw. */
export type CpuRandomStream = 'pytorch' | 'philox';
let cpuStream: CpuRandomStream = 'pytorch';

/**
 * Chooses what the CPU backends draw. 'pytorch' (the default): PyTorch's CPU generator, so a seed
 * gives PyTorch's numbers. 'philox': @x's counter-based Philox stream, the one GPU backends draw, so
 * a seed gives the same numbers on CPU and WebGPU (uniform, randint, bernoulli bit for bit; normal to
 * float32 rounding) but not PyTorch's.
 *
 * @example
 * torch.setCpuRandomStream('philox');
 * torch.manualSeed(0);
 * const a = torch.rand(3); // equals torch.rand(3, { device: 'webgpu' }) after the same seed
 */
export function setCpuRandomStream(stream: CpuRandomStream): void {
  if (stream !== 'pytorch' && stream !== 'philox') throw new Error(`setCpuRandomStream: expected 'pytorch' or 'philox', but got ${String(stream)}`);
  cpuStream = stream;
}

export function getCpuRandomStream(): CpuRandomStream {
  return cpuStream;
}

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
