// The network built after torch.manualSeed(0) equals PyTorch 1.13's state_dict bit for bit
// (fixture: tools/gen_fashion_mnist_init_fixture.py), and leaves the generator where PyTorch's is.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import * as torch from '@x/torch';
import { Net } from '../src/net';

interface Entry { shape: number[]; sha256: string; first: string[]; sum: number }
const fixture = JSON.parse(readFileSync(new URL('./fixtures/init-seed0.json', import.meta.url), 'utf8')) as {
  state_dict: Record<string, Entry>;
  rng_state_after_sha256: string;
};

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

test("Net() after manualSeed(0) is PyTorch's state_dict, bit for bit", () => {
  torch.manualSeed(0);
  const net = new Net();
  const sd = net.stateDict();
  expect(Object.keys(sd)).toEqual(Object.keys(fixture.state_dict));
  for (const [name, e] of Object.entries(fixture.state_dict)) {
    const t = sd[name]!;
    expect(t.shape, name).toEqual(e.shape);
    const values = t.contiguous().numpy() as Float32Array;
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    const first = Array.from(new Uint32Array(bytes.slice(0, 32).buffer), (v) => v.toString(16).padStart(8, '0'));
    expect(first, name).toEqual(e.first.slice(0, first.length));
    expect(sha256(bytes), name).toBe(e.sha256);
  }
  expect(sha256(torch.getRngState().numpy() as Uint8Array)).toBe(fixture.rng_state_after_sha256);
});
