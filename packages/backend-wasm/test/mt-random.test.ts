// PyTorch's CPU generator fills in the WASM kernels (random_mt.c) against @x/tensor's definition
// (random/cpu-distributions.ts, run by the reference backend): the same values bit for bit and the
// engine left in the same state, across the kernels' block size and the normal_fill tail.
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import { registerWasmBackend, createWasmBackendSync } from '../src/index';

const wasmBackend = registerWasmBackend(createWasmBackendSync({ threads: 1 }));

const CALLS: [string, (n: number) => torch.Tensor][] = [
  ['rand float32', (n) => torch.rand([n])],
  ['uniform_(-3.3, 7.1) float32', (n) => torch.empty([n]).uniform_(-3.3, 7.1)],
  ['rand float64', (n) => torch.rand([n], { dtype: 'float64' })],
  ['uniform_(-2, 5) float64', (n) => torch.empty([n], { dtype: 'float64' }).uniform_(-2, 5)],
  ['randn float32', (n) => torch.randn([n])],
  ['normal_(2, 0.5) float32', (n) => torch.empty([n]).normal_(2, 0.5)],
  ['randint int64', (n) => torch.randint(-7, 1000003, [n])],
  ['randint int32', (n) => torch.randint(0, 10, [n], { dtype: 'int32' })],
  ['randint float32', (n) => torch.randint(0, 100, [n], { dtype: 'float32' })],
  ['bernoulli_ float32', (n) => torch.empty([n]).bernoulli_(0.3)],
  ['bernoulli_ float64', (n) => torch.empty([n], { dtype: 'float64' }).bernoulli_(0.7)],
];

function draw(backend: string, seed: number, f: () => torch.Tensor): [number[], string] {
  torch.setBackend(backend);
  torch.manualSeed(seed);
  torch.rand([5]); // start mid-stream
  const t = f();
  expect(t.backend.name).toBe(backend);
  const bytes = t.numpy() as ArrayLike<number | bigint> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number };
  const words = Array.from(new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
  t.dispose();
  return [words, Buffer.from(torch.defaultGenerator.getState()).toString('base64')];
}

describe('PyTorch CPU generator fills in the WASM kernels', () => {
  for (const [name, f] of CALLS) {
    it(`${name}: equal to the definition, bit for bit, and the engine ends in the same state`, () => {
      for (const n of [16, 17, 623, 625, 8191, 8193, 2 * 8192 + 9]) {
        const [want, wantState] = draw('reference', n, () => f(n));
        const [got, gotState] = draw(wasmBackend.name, n, () => f(n));
        expect(got.length).toBe(want.length);
        const bad = got.findIndex((v, i) => v !== want[i]);
        expect(bad, `${name} n=${n}: first difference at word ${bad}`).toBe(-1);
        expect(gotState).toBe(wantState);
      }
    });
  }

  it('draws into a view at an offset without touching its neighbours', () => {
    torch.setBackend(wasmBackend.name);
    const base = torch.zeros([40]);
    torch.manualSeed(1);
    base.narrow(0, 4, 32).uniform_();
    torch.manualSeed(1);
    const want = torch.rand([32]);
    expect(base.narrow(0, 4, 32).equal(want)).toBe(true);
    expect(base.narrow(0, 0, 4).tolist()).toEqual([0, 0, 0, 0]);
    expect(base.narrow(0, 36, 4).tolist()).toEqual([0, 0, 0, 0]);
  });
});
