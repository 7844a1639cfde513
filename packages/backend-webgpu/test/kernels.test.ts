/**
 * The kernels of this package against the reference backend (the semantics every backend must
 * match), on values chosen for their edges: random streams bit for bit, casts between every pair of
 * dtypes, int64 arithmetic beyond 2^53, half rounding, strided and broadcast views.
 */
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { DType, Tensor } from '@x/tensor';
import { backend, skipReason } from './gpu';

const GPU = { device: 'webgpu' } as const;
const CPU = { device: 'cpu' } as const;
const DTYPES: DType[] = ['float32', 'float16', 'bfloat16', 'int32', 'int64', 'uint8', 'bool'];

async function bits(t: Tensor): Promise<string[]> {
  const d = await t.numpyAsync();
  if (d instanceof BigInt64Array) return Array.from(d, String);
  if (t.dtype === 'float32' || t.dtype === 'float16' || t.dtype === 'bfloat16') {
    // compare float payloads exactly, NaN as NaN
    return Array.from(d as Float32Array, (v) => (Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : String(v)));
  }
  return Array.from(d as ArrayLike<number>, String);
}

describe.skipIf(!backend)(`webgpu kernels vs the reference backend ${skipReason}`, () => {
  it("uniform, randint (narrow and wide ranges), bernoulli give the CPU's Philox stream (setCpuRandomStream('philox')) bit for bit; normal to float32 tolerance", async () => {
    torch.setCpuRandomStream('philox');
    try {
      await compareStreams();
    } finally {
      torch.setCpuRandomStream('pytorch');
    }
  });

  async function compareStreams(): Promise<void> {
    for (const seed of [0, 1, 123456789, 2 ** 40 + 7]) {
      const draw = (device: 'webgpu' | 'cpu'): Tensor[] => {
        torch.manualSeed(seed);
        return [
          torch.rand([1000], { device }),
          torch.empty([777], { device }).uniform_(-0.3, 1.7),
          torch.randint(-5, 17, [500], { device }),
          torch.randint(-(2 ** 40), 2 ** 45, [500], { device }),
          torch.empty([300], { device, dtype: 'int64' }).random_(),
          torch.randint(0, 100, [100], { device, dtype: 'float32' }),
          torch.empty([1000], { device }).bernoulli_(0.3),
          torch.empty([257], { device, dtype: 'float16' }).bernoulli_(0.999),
          torch.empty([64], { device, dtype: 'uint8' }).bernoulli_(0),
          torch.empty([64], { device }).bernoulli_(1),
        ];
      };
      const g = draw('webgpu');
      const c = draw('cpu');
      for (let k = 0; k < g.length; k++) expect(await bits(g[k]!), `draw ${k} seed ${seed}`).toEqual(await bits(c[k]!));
      torch.manualSeed(seed);
      const gn = (await torch.randn([2000], GPU).mul(2).add(3).numpyAsync()) as Float32Array;
      torch.manualSeed(seed);
      const cn = (await torch.randn([2000], CPU).mul(2).add(3).numpyAsync()) as Float32Array;
      for (let i = 0; i < gn.length; i++) expect(Math.abs(gn[i]! - cn[i]!)).toBeLessThanOrEqual(1e-5 + 2e-6 * Math.abs(cn[i]!));
    }
  }

  it('casts every dtype to every other as the reference does (NaN, ±inf, wrap-around, rounding)', async () => {
    const values = [0, -0, 1, -1, 2.5, -2.5, 3.5, 255, 256, 257, -129, 65504, 65520, 1e10, -3e9, 2 ** 31, 2 ** 53 + 2, 1e-8, -7.75, 0.1];
    const specials = [NaN, Infinity, -Infinity];
    for (const from of DTYPES) {
      const src = from === 'bool' ? values.map((v) => v !== 0) : from.startsWith('float') || from === 'bfloat16' ? [...values, ...specials] : values;
      const cpu = torch.tensor(src as number[], { ...CPU, dtype: 'float32' }).to({ dtype: from });
      const gpu = cpu.to({ device: 'webgpu' });
      for (const to of DTYPES) {
        const want = await bits(cpu.to({ dtype: to }));
        const got = await bits(gpu.to({ dtype: to }));
        expect(got, `${from} -> ${to}`).toEqual(want);
      }
    }
  });

  it('int64 arithmetic is exact beyond 2^53 (add, mul, floor division, remainder, pow, comparisons, shifts of sign)', async () => {
    const a = [2n ** 62n + 12345n, -(2n ** 61n) - 3n, 9007199254740993n, -7n, 7n, 0n, -(2n ** 63n), 2n ** 63n - 1n, 12n, -12n];
    const b = [3n, -5n, 9007199254740993n, 2n, -2n, 7n, -1n, 2n ** 40n + 1n, 5n, 5n];
    const ops = ['add', 'sub', 'mul', 'floorDivide', 'remainder', 'fmod', 'maximum', 'minimum', 'eq', 'lt', 'ge', 'bitwiseAnd', 'bitwiseXor'] as const;
    const ca = torch.tensor(a as never, { ...CPU, dtype: 'int64' });
    const cb = torch.tensor(b as never, { ...CPU, dtype: 'int64' });
    const ga = ca.to({ device: 'webgpu' });
    const gb = cb.to({ device: 'webgpu' });
    for (const op of ops) {
      const f = (x: Tensor, y: Tensor): Tensor => (x as unknown as Record<string, (y: Tensor) => Tensor>)[op]!(y);
      expect(await bits(f(ga, gb)), op).toEqual(await bits(f(ca, cb)));
    }
    const small = torch.tensor([3, -3, 2, -1, 1, 0, 7], { ...CPU, dtype: 'int64' });
    const exps = torch.tensor([39, 39, 63, 1001, 5, 0, 22], { ...CPU, dtype: 'int64' });
    expect(await bits(small.to({ device: 'webgpu' }).pow(exps.to({ device: 'webgpu' })))).toEqual(await bits(small.pow(exps)));
    for (const op of ['neg', 'abs', 'sign', 'square', 'bitwiseNot'] as const) {
      expect(await bits((ga as unknown as Record<string, () => Tensor>)[op]!()), op).toEqual(await bits((ca as unknown as Record<string, () => Tensor>)[op]!()));
    }
  });

  it('elementwise ops read strided, permuted, offset and broadcast views without copies', async () => {
    torch.manualSeed(3);
    const base = torch.randn([4, 6, 5], CPU);
    const other = torch.randn([6, 1], CPU);
    const views = (x: Tensor, y: Tensor): Tensor[] => [
      x.permute([2, 0, 1]).narrow(1, 1, 2).add(y.t().unsqueeze(0).narrow(2, 0, 6).expand([5, 2, 6])),
      x.select(1, 3).mul(x.select(1, 0)).sub(2),
      torch.where(x.gt(0), x, y.expand([4, 6, 5])),
      x.transpose(0, 2).contiguous(),
      x.to({ dtype: 'float16' }).transpose(1, 2).to({ dtype: 'float32' }),
    ];
    const g = views(base.to({ device: 'webgpu' }), other.to({ device: 'webgpu' }));
    const c = views(base, other);
    for (let k = 0; k < g.length; k++) expect(await bits(g[k]!), `case ${k}`).toEqual(await bits(c[k]!));
  });

  it('float16 / bfloat16 round to nearest even when storing, and fill casts as the reference', async () => {
    const v = [1 + 2 ** -11, 1 + 3 * 2 ** -11, 65519, 65520, 2 ** -25, 3 * 2 ** -25, 1 + 2 ** -8, 1 + 3 * 2 ** -8, 1e-40];
    for (const dtype of ['float16', 'bfloat16'] as const) {
      const c = torch.tensor(v, CPU).to({ dtype });
      const g = torch.tensor(v, GPU).to({ dtype });
      expect(await bits(g)).toEqual(await bits(c));
      expect(await bits(torch.full([5], 1 + 3 * 2 ** -11, { ...GPU, dtype }))).toEqual(await bits(torch.full([5], 1 + 3 * 2 ** -11, { ...CPU, dtype })));
    }
    for (const dtype of ['int32', 'uint8', 'int64', 'bool'] as const) {
      for (const value of [3.7, -1.5, 300, -3e9]) {
        expect(await bits(torch.full([3], value, { ...GPU, dtype })), `${dtype} ${value}`).toEqual(await bits(torch.full([3], value, { ...CPU, dtype })));
      }
    }
  });

  it('refuses float64 with an Error that says why, and reads are async', async () => {
    expect(() => torch.zeros([2], { ...GPU, dtype: 'float64' })).toThrow(/WGSL has no 64-bit floats/);
    const t = torch.ones([2], GPU);
    expect(() => t.tolist()).toThrow(/await/);
    expect(Array.from((await t.numpyAsync()) as Float32Array)).toEqual([1, 1]);
  });
});
