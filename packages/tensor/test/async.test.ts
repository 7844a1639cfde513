// A backend without synchronous reads (as WebGPU): the sync forms name their async twins, the async
// forms give the sync forms' results, device moves, printing and item() work, and dtypes the backend
// refuses give its reason. The answers are compared with the same ops on the reference backend.
import { beforeAll, describe, expect, it } from 'vitest';
import * as torch from '../src/index';
import { AsyncReferenceBackend } from '@x/tensor/testing';

const DEV = 'asyncref';
beforeAll(() => torch.registerBackend(new AsyncReferenceBackend()));

const onDev = (t: torch.Tensor): torch.Tensor => t.to(DEV);
const list = async (t: torch.Tensor | torch.Tensor[]): Promise<unknown> =>
  Array.isArray(t) ? Promise.all(t.map((x) => x.tolistAsync())) : t.tolistAsync();

describe('sync forms on a backend without synchronous reads', () => {
  const x = (): torch.Tensor => onDev(torch.tensor([[1, 0, 3], [0, 5, 0]], { dtype: torch.float32 }));
  const cases: [string, (x: torch.Tensor) => unknown, string][] = [
    ['nonzero', (t) => t.nonzero(), 'await torch.nonzeroAsync(x)'],
    ['torch.nonzero', (t) => torch.nonzero(t), 'await torch.nonzeroAsync(x)'],
    ['maskedSelect', (t) => t.maskedSelect(t.gt(0)), 'await x.maskedSelectAsync(mask)'],
    ['index with a mask', (t) => t.index(t.gt(0)), 'await x.indexAsync(...indices)'],
    ['index with a 0-dim mask', (t) => t.index(torch.tensor(true, { device: DEV })), 'await x.indexAsync(...indices)'],
    ['indexPut_ with a mask', (t) => t.indexPut_([t.gt(0)], 1), 'await x.indexPutAsync_(indices, values)'],
    ['unique', (t) => t.unique(), 'await torch.uniqueAsync(x, options)'],
    ['repeatInterleave with tensor repeats', (t) => t.repeatInterleave(torch.tensor([1, 2], { device: DEV }), 0), 'await torch.repeatInterleaveAsync(x, repeats, dim)'],
    ['equal', (t) => t.equal(t), 'await torch.equalAsync(a, b)'],
    ['allclose', (t) => t.allclose(t), 'await torch.allcloseAsync(a, b, options)'],
    ['itemSync', (t) => t.index(0, 0).item(), 'await t.itemAsync()'],
    ['dataSync', (t) => t.numpy(), 'await t.numpyAsync()'],
    ['tolistSync', (t) => t.tolist(), 'await t.tolistAsync()'],
    ["to('cpu')", (t) => t.to('cpu'), "await t.toAsync('cpu')"],
  ];
  for (const [name, call, asyncForm] of cases) {
    it(`${name} names ${asyncForm}`, () => {
      expect(() => call(x())).toThrow(asyncForm);
      expect(() => call(x())).toThrow(`the ${DEV} backend ('async-reference') cannot read them synchronously`);
    });
  }
});

describe('async forms give the results of the sync forms', () => {
  const data = [[1.5, 0, -3], [0, 5, Number.NaN]];
  const cpu = (): torch.Tensor => torch.tensor(data, { dtype: torch.float32 });
  const pairs: [string, (x: torch.Tensor) => torch.Tensor | torch.Tensor[], (x: torch.Tensor) => Promise<torch.Tensor | torch.Tensor[]>][] = [
    ['nonzero', (t) => t.nonzero(), (t) => t.nonzeroAsync()],
    ['nonzero asTuple', (t) => torch.nonzero(t, { asTuple: true }), (t) => torch.nonzeroAsync(t, { asTuple: true })],
    ['argwhere', (t) => torch.argwhere(t), (t) => torch.argwhereAsync(t)],
    ['maskedSelect (broadcast mask)', (t) => t.maskedSelect(t.index(0).gt(0)), (t) => t.maskedSelectAsync(t.index(0).gt(0))],
    ['maskedSelect (0-dim)', (t) => t.index(0, 0).maskedSelect(torch.tensor(true, { device: t.device })), (t) => t.index(0, 0).maskedSelectAsync(torch.tensor(true, { device: t.device }))],
    ['x[mask]', (t) => t.index(t.gt(0)), (t) => t.indexAsync(t.gt(0))],
    ['x[:, row mask]', (t) => t.index(':', torch.tensor([true, false, true], { device: t.device })), (t) => t.indexAsync(':', torch.tensor([true, false, true], { device: t.device }))],
    ['x[mask, index]', (t) => t.index(torch.tensor([false, true], { device: t.device }), torch.tensor([2, 0], { device: t.device })), (t) => t.indexAsync(torch.tensor([false, true], { device: t.device }), torch.tensor([2, 0], { device: t.device }))],
    ['x[True]', (t) => t.index(torch.tensor(true, { device: t.device })), (t) => t.indexAsync(torch.tensor(true, { device: t.device }))],
    ['x[False]', (t) => t.index(torch.tensor(false, { device: t.device })), (t) => t.indexAsync(torch.tensor(false, { device: t.device }))],
    ['x[0, 1:] (no mask)', (t) => t.index(0, '1:'), (t) => t.indexAsync(0, '1:')],
    ['indexPut_ with a mask', (t) => t.clone().indexPut_([t.isnan()], -1), (t) => t.clone().indexPutAsync_([t.isnan()], -1)],
    ['indexPut with a mask, accumulate', (t) => t.indexPut([t.gt(0)], torch.tensor([10, 20], { dtype: torch.float32, device: t.device }), true), (t) => t.indexPutAsync([t.gt(0)], torch.tensor([10, 20], { dtype: torch.float32, device: t.device }), true)],
    ['unique', (t) => t.unique(), (t) => t.uniqueAsync()],
    ['unique with inverse and counts', (t) => torch.unique(t, { returnInverse: true, returnCounts: true }), (t) => torch.uniqueAsync(t, { returnInverse: true, returnCounts: true })],
    ['unique along dim 1', (t) => torch.unique(t.nanToNum(), { dim: 1, returnCounts: true }), (t) => torch.uniqueAsync(t.nanToNum(), { dim: 1, returnCounts: true })],
    ['repeatInterleave with tensor repeats', (t) => t.repeatInterleave(torch.tensor([2, 0], { device: t.device }), 0), (t) => t.repeatInterleaveAsync(torch.tensor([2, 0], { device: t.device }), 0)],
    ['repeatInterleave flattened', (t) => torch.repeatInterleave(t, torch.tensor([1, 0, 2, 1, 1, 0], { device: t.device })), (t) => torch.repeatInterleaveAsync(t, torch.tensor([1, 0, 2, 1, 1, 0], { device: t.device }))],
    ['repeatInterleave of counts alone', () => torch.repeatInterleave(torch.tensor([2, 1])), (t) => torch.repeatInterleaveAsync(torch.tensor([2, 1], { device: t.device }))],
  ];
  for (const [name, sync, async] of pairs) {
    it(name, async () => {
      const want = await list(sync(cpu()));
      const got = await async(onDev(cpu()));
      for (const g of Array.isArray(got) ? got : [got]) expect(g.device).toBe(DEV);
      expect(await list(got)).toEqual(want);
    });
  }

  it('equal and allclose', async () => {
    const a = onDev(torch.tensor([1, 2, 3], { dtype: torch.float32 }));
    const b = onDev(torch.tensor([1, 2, 3.0000001], { dtype: torch.float32 }));
    expect(await a.equalAsync(a.clone())).toBe(true);
    expect(await torch.equalAsync(a, a.index('1:'))).toBe(false);
    expect(await torch.allcloseAsync(a, b)).toBe(true);
    expect(await a.allcloseAsync(b.add(1))).toBe(false);
  });

  it('concurrent async ops each see their own values', async () => {
    const a = onDev(torch.tensor([0, 1, 0, 1]));
    const b = onDev(torch.tensor([1, 1, 0, 0]));
    const [na, nb] = await Promise.all([torch.nonzeroAsync(a), torch.nonzeroAsync(b)]);
    expect(await na.tolistAsync()).toEqual([[1], [3]]);
    expect(await nb.tolistAsync()).toEqual([[0], [1]]);
  });

  it('errors keep PyTorch’s wording', async () => {
    const x = onDev(torch.ones([2, 3]));
    await expect(x.indexAsync(torch.tensor([true, false, true], { device: DEV }))).rejects.toThrow('The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [2, 3] at index 0');
    await expect(x.maskedSelectAsync(onDev(torch.ones([2, 3])))).rejects.toThrow('masked_select: expected BoolTensor for mask, but got Float');
    await expect(x.repeatInterleaveAsync(torch.tensor([1, -1], { device: DEV }), 0)).rejects.toThrow('repeats can not be negative');
  });
});

describe('devices, printing and reads', () => {
  it('t.to(device), torch.tensor(data, { device }) and back with toAsync', async () => {
    const t = torch.tensor([[1, 2], [3, 4]], { dtype: torch.float32, device: DEV });
    expect(t.device).toBe(DEV);
    const moved = torch.arange(6, { dtype: torch.float32 }).view(2, 3).t().to(DEV);
    expect(await moved.tolistAsync()).toEqual([[0, 3], [1, 4], [2, 5]]);
    // A non-contiguous view moves off the device through the async read.
    const back = await moved.index(':', 1).toAsync('cpu');
    expect(back.device).toBe('cpu');
    expect(back.tolist()).toEqual([3, 4, 5]);
    expect((await t.toAsync({ device: 'cpu', dtype: torch.float64 })).tolist()).toEqual([[1, 2], [3, 4]]);
    expect((await t.toAsync(torch.int32)).device).toBe(DEV);
  });

  it('float64 is refused with the backend’s reason, and a float64 CPU tensor moves as float32 when asked', async () => {
    expect(() => torch.zeros([2], { dtype: torch.float64, device: DEV })).toThrow(
      "float64 tensors are not supported on the asyncref device ('async-reference' backend): float64 is refused to stand in for WebGPU",
    );
    expect(() => torch.ones([2], { dtype: torch.float64 }).to(DEV)).toThrow('float64 tensors are not supported');
    const f = torch.tensor([0.5, 1.5], { dtype: torch.float64 }).to({ device: DEV, dtype: torch.float32 });
    expect(f.dtype).toBe('float32');
    expect(await f.tolistAsync()).toEqual([0.5, 1.5]);
    expect(torch.backendSupportsDtype(torch.backendFor(DEV), 'float32')).toBe(true);
    expect(torch.backendSupportsDtype(torch.backendFor(DEV), 'float64')).toBe(false);
  });

  it('randperm needs no float64 on the device, and the seed repeats its permutation', async () => {
    // CPU backends draw PyTorch's CPU stream, other devices @x's Philox stream: the permutations differ.
    torch.manualSeed(3);
    const want = (await torch.randperm(50, { device: DEV }).tolistAsync()) as number[];
    expect([...want].sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
    torch.manualSeed(3);
    expect(await torch.randperm(50, { device: DEV }).tolistAsync()).toEqual(want);
  });

  it('bernoulli with tensor probabilities on a non-CPU device: 0 and 1 where p is, the mean near p', async () => {
    torch.manualSeed(5);
    const p = torch.tensor([0, 1, 0.25], { device: DEV }).expand([4000, 3]);
    const b = torch.bernoulli(p.contiguous());
    const cols = (await b.mean(0).tolistAsync()) as number[];
    expect(cols[0]).toBe(0);
    expect(cols[1]).toBe(1);
    expect(Math.abs(cols[2]! - 0.25)).toBeLessThan(0.03);
  });

  it('multinomial on a non-CPU device: with replacement the buckets follow p; without, distinct indices of nonzero p', async () => {
    torch.manualSeed(5);
    const p = torch.tensor([[0, 0.25, 0.75], [1, 0, 0]], { device: DEV });
    const drawn = (await torch.multinomial(p, 4000, true).tolistAsync()) as number[][];
    const share = drawn[0]!.filter((i) => i === 2).length / 4000;
    expect(drawn[0]!.includes(0)).toBe(false);
    expect(Math.abs(share - 0.75)).toBeLessThan(0.03);
    expect(drawn[1]!.every((i) => i === 0)).toBe(true);
    const picks = (await torch.multinomial(p.narrow(0, 0, 1), 2).tolistAsync()) as number[][];
    expect([...picks[0]!].sort()).toEqual([1, 2]);
  });

  it('exponential_ on a non-CPU device: -log(1 - u) / lambda from its uniform stream', async () => {
    torch.manualSeed(5);
    const x = torch.empty([20000], { device: DEV }).exponential_(2);
    const v = (await x.tolistAsync()) as number[];
    expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
    expect(Math.abs(v.reduce((a, b) => a + b, 0) / v.length - 0.5)).toBeLessThan(0.02);
  });

  it('logspace and linspace need no reads and no float64 on the device', async () => {
    const want = torch.logspace(0, 2, 5).tolist();
    expect(await torch.logspace(0, 2, 5, { device: DEV }).tolistAsync()).toEqual(want);
    expect(await torch.logspace(0, 3, 4, 2, { device: DEV }).tolistAsync()).toEqual([1, 2, 4, 8]);
  });

  it('printing and item()', async () => {
    const t = torch.tensor([1.5, 2], { device: DEV });
    expect(String(t)).toBe("tensor(<2 values on asyncref: await t.toStringAsync() to print them>, size=[2], dtype=torch.float32, device='asyncref')");
    expect(await t.toStringAsync()).toBe("tensor([1.5000, 2.0000], device='asyncref')");
    expect(await t.index(1).itemAsync()).toBe(2);
    await expect(t.itemAsync()).rejects.toThrow('only one element tensors can be converted to Python scalars');
  });
});
