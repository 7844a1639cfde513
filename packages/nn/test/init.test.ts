/**
 * nn.init and layers' default initialisation against PyTorch 1.13 (fixtures/layers.json): the
 * distributions, on any backend (GPU backends draw @x's Philox stream, not PyTorch's mt19937; on the
 * CPU the values themselves are PyTorch's, checked bit for bit in init-rng.test.ts). What must agree
 * here is the distribution: mean and standard deviation within the tolerances the generator states (six
 * standard errors of the difference of two independent samples of that size), bounds exactly
 * (uniform draws reach them, truncated ones never pass them), deterministic inits elementwise.
 */
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import '@x/autograd';
import * as nn from '../src/index';
import { callArgs, construct, expectClose, FIXTURE, type FreshCase, type InitCase, initFn, statsOf } from './layer-fixtures';
import { decodeTensor } from '@x/tensor/testing';

function checkStats(t: torch.Tensor, c: InitCase | FreshCase, uniform: boolean): void {
  const s = statsOf(t);
  expect(Math.abs(s.mean - c.stats.mean), `mean ${s.mean} vs PyTorch ${c.stats.mean}`).toBeLessThanOrEqual(c.tol.mean);
  expect(Math.abs(s.std - c.stats.std), `std ${s.std} vs PyTorch ${c.stats.std}`).toBeLessThanOrEqual(c.tol.std);
  if (c.bound) {
    const [lo, hi] = c.bound;
    const slack = 1e-6 * Math.max(1, Math.abs(hi - lo));
    expect(s.min).toBeGreaterThanOrEqual(lo - slack);
    expect(s.max).toBeLessThanOrEqual(hi + slack);
    // A large uniform draw comes within a small fraction of both ends (10⁴ draws miss 1% with probability ~e⁻¹⁰⁰).
    if (uniform && t.numel() >= 10000) expect(s.max - s.min).toBeGreaterThan(0.99 * (hi - lo));
  }
}

describe('nn.init matches the statistics of PyTorch 1.13', () => {
  it.each(FIXTURE.init.map((c) => [`${c.fn}(${c.shape.join('x')}, ${JSON.stringify(c.args)}, ${JSON.stringify(c.kwargs)})`, c] as const))('%s', (_n, c) => {
    const t = torch.empty(c.shape);
    const r = initFn(c.fn)(...callArgs([null, ...c.args], c.kwargs).map((a, i) => (i === 0 ? t : a)));
    expect(r).toBe(t);
    expect(t.requiresGrad).toBe(false);
    if (c.exact) {
      expectClose(t, c.exact, c.fn, { rtol: 0, atol: 0 });
      return;
    }
    checkStats(t, c, c.fn.includes('uniform'));
    if (c.fn === 'sparse_') {
      // Exactly ceil(sparsity·rows) zeros in every column.
      const sparsity = c.args[0] as number;
      const perColumn = t.eq(0).sum(0).tolist() as number[];
      expect(new Set(perColumn)).toEqual(new Set([Math.ceil(sparsity * c.shape[0]!)]));
      expect(statsOf(t).zeros).toBe(c.stats.zeros);
    }
    if (c.fn === 'orthogonal_') {
      const gain = (c.args[0] as number | undefined) ?? 1;
      const w = t.reshape(c.shape[0]!, -1).to('float64');
      const gram = w.shape[0]! >= w.shape[1]! ? w.t().matmul(w) : w.matmul(w.t());
      const eye = torch.eye(gram.shape[0]!, { dtype: 'float64' }).mul(gain * gain);
      expect(gram.sub(eye).abs().max().item()).toBeLessThan(1e-5 * gain * gain);
    }
  });

  it('calculateGain: PyTorch\'s table', () => {
    for (const [nl, param, gain] of FIXTURE.gains) expect(nn.init.calculateGain(nl, param), `${nl} ${param}`).toBeCloseTo(gain, 14);
  });

  it('calculateFanInAndFanOut', () => {
    expect(nn.init.calculateFanInAndFanOut(torch.empty(6, 1, 5, 5))).toEqual([25, 150]);
    expect(nn.init.calculateFanInAndFanOut(torch.empty(10, 4))).toEqual([4, 10]);
  });

  it('draws from the Generator it is given, reproducibly', () => {
    const a = nn.init.kaimingNormal_(torch.empty(3, 4), { generator: new torch.Generator().manualSeed(7) });
    const b = nn.init.kaimingNormal_(torch.empty(3, 4), { generator: new torch.Generator().manualSeed(7) });
    expect(a.tolist()).toEqual(b.tolist());
    torch.manualSeed(3);
    const c = nn.init.uniform_(torch.empty(5));
    torch.manualSeed(3);
    expect(nn.init.uniform_(torch.empty(5)).tolist()).toEqual(c.tolist());
  });

  it('runs without recording gradients on parameters that require them', () => {
    const w = new nn.Parameter(torch.empty(4, 3));
    nn.init.xavierUniform_(w);
    nn.init.orthogonal_(w);
    nn.init.truncNormal_(w, 0, 0.02);
    expect(w.gradFn).toBeNull();
    expect(w.isLeaf).toBe(true);
  });

  it('accepts keyword arguments as options and positionally', () => {
    const t = torch.empty(100, 100);
    nn.init.kaimingUniform_(t, 0, 'fan_out', 'relu');
    expect(t.abs().max().item()).toBeLessThanOrEqual(Math.sqrt(2) * Math.sqrt(3 / 100) + 1e-6);
    nn.init.uniform_(t, { a: 2, b: 3 });
    expect(t.min().item()).toBeGreaterThanOrEqual(2);
    nn.init.constant_(t, { val: 0.5 });
    expect(t.mean().item()).toBe(0.5);
  });
});

describe('fresh layers are initialised as PyTorch 1.13 initialises them', () => {
  it.each(FIXTURE.fresh.map((c) => [`${c.ctor}(${c.args.join(', ')}).${c.param}`, c] as const))('%s', (_n, c) => {
    const m = construct(c.ctor, c.args, c.kwargs);
    const p = new Map(m.namedParameters()).get(c.param)!;
    expect([...p.shape]).toEqual(c.shape);
    expect(p.requiresGrad).toBe(true);
    checkStats(p, c, c.ctor === 'Linear' || c.ctor === 'Bilinear');
  });

  it('Embedding zeroes its padding row; BatchNorm starts with running stats 0 and 1', () => {
    const e = new nn.Embedding(5, 3, { paddingIdx: 1 });
    expect(e.weight.select(0, 1).tolist()).toEqual([0, 0, 0]);
    const bn = new nn.BatchNorm2d(2);
    expect(bn.runningMean!.tolist()).toEqual([0, 0]);
    expect(bn.runningVar!.tolist()).toEqual([1, 1]);
    expect(bn.numBatchesTracked!.dtype).toBe('int64');
    expect(Object.keys(bn.stateDict())).toEqual(['weight', 'bias', 'running_mean', 'running_var', 'num_batches_tracked']);
    expect(decodeTensor({ tensor: true, dtype: 'float32', shape: [1], data: [0] }).shape).toEqual([1]);
  });
});
