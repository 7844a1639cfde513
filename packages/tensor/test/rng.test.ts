import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';
import { loadRngFixtures, rngMismatch } from '../src/testing/index';

// The streams themselves are replayed by the conformance suite (runRngFixtures) on every CPU backend.
import { MT19937 } from '../src/random/mt19937';
import { CPU_STATE_BYTES } from '../src/random/generator';

describe('CPU generator (PyTorch mt19937)', () => {
  const fx = loadRngFixtures();

  it('the reference MT19937 stream: 10000th output of init_genrand(5489) is 4123659995', () => {
    const mt = new MT19937(5489n);
    let y = 0;
    for (let i = 0; i < 10000; i++) y = mt.nextU32();
    expect(y).toBe(4123659995);
  });

  it('initialSeed wraps negative seeds to 64-bit unsigned, as PyTorch', () => {
    torch.manualSeed(-1);
    expect(String(torch.initialSeed())).toBe(fx.states.initial_seed_minus_1);
  });

  it("getState after manualSeed(3) is PyTorch's 5056 bytes", async () => {
    torch.manualSeed(3);
    const s = torch.defaultGenerator.getState();
    expect(s.length).toBe(CPU_STATE_BYTES);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(s).digest('hex')).toBe(fx.states.seed3_sha256);
  });

  it('a state saved by PyTorch (with a cached normal) loads, and the draws after it are equal', () => {
    const g = new torch.Generator().setState(Buffer.from(fx.states.saved, 'base64'));
    expect(g.nextDoubleNormal).not.toBeNull();
    const t = torch.randn([5], { dtype: 'float64', generator: g });
    expect(rngMismatch(t, fx.states.after)).toBeNull();
    // and it round-trips through getState
    const again = new torch.Generator().setState(Buffer.from(fx.states.saved, 'base64'));
    expect(Buffer.from(again.getState()).toString('base64')).toBe(fx.states.saved);
  });

  it("setCpuRandomStream('philox'): the CPU draws the GPU backends' Philox stream, and back", () => {
    torch.setCpuRandomStream('philox');
    try {
      torch.manualSeed(3);
      const got = Array.from(torch.rand([8]).numpy() as Float32Array);
      expect(got).toEqual([...Array(8).keys()].map((i) => Math.fround(torch.philoxValue('uniform', false, 3, 0, i, 0, 1))));
    } finally {
      torch.setCpuRandomStream('pytorch');
    }
    expect(torch.getCpuRandomStream()).toBe('pytorch');
    expect(() => torch.setCpuRandomStream('mt' as 'philox')).toThrow("expected 'pytorch' or 'philox'");
  });

  it('refuses a state of the wrong size with PyTorch words', () => {
    expect(() => new torch.Generator().setState(new Uint8Array(16))).toThrow(/RNG state size/);
  });
});
