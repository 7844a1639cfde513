/** The seed's optimizer walkthrough (INVENTORY section 8), checked against PyTorch 1.13. */
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import * as optim from '@x/optim';
import { expectTensorClose, fixture, fromJSON, toJSON, toTensor, values, type FixtureTensor } from './helpers';

interface Walkthrough {
  before: FixtureTensor;
  afterStep: FixtureTensor;
  gradAfterZero: FixtureTensor;
  groupKeys: string[][];
  stateDictBefore: { state: Record<string, Record<string, FixtureTensor>>; param_groups: Record<string, unknown>[] };
  afterLoop: FixtureTensor;
  afterLoopRepr: string;
  momentumBuffer: FixtureTensor;
  stateDict: { state: Record<string, Record<string, FixtureTensor>>; param_groups: Record<string, unknown>[] };
  weight2: FixtureTensor;
  continued: FixtureTensor[][];
  repr: string;
}

const W = fixture<Walkthrough>('walkthrough.json');
const camel = (k: string): string => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

describe("the seed's SGD walkthrough", () => {
  const weight = toTensor(W.before, { requiresGrad: true });
  weight.grad = torch.ones([2, 2]);
  const optimizer = new optim.SGD([weight], { lr: 0.1, momentum: 0.9 });
  const weight2 = toTensor(W.weight2, { requiresGrad: true });

  it('one step moves each element by -lr·grad = -0.1 (the buffer starts as the gradient)', () => {
    optimizer.step();
    expect(values(weight)).toEqual((W.afterStep.data as number[]).map(Math.fround));
    const before = W.before.data as number[];
    values(weight).forEach((v, i) => expect(v - Math.fround(before[i]!)).toBeCloseTo(-0.1, 6));
    expect(values(weight.grad!)).toEqual([1, 1, 1, 1]);
  });

  it("zeroGrad() zeroes the gradient in place (PyTorch 1.13's default, as the seed); { setToNone: true } sets it to null", () => {
    const g = weight.grad!;
    optimizer.zeroGrad();
    expect(weight.grad).toBe(g);
    expect(values(weight.grad!)).toEqual((W.gradAfterZero.data as number[]).map(Math.fround));
    const other = torch.zeros(2, { requiresGrad: true });
    other.grad = torch.ones(2);
    const o = new optim.SGD([other], { lr: 0.1 });
    o.zeroGrad({ setToNone: true });
    expect(other.grad).toBeNull();
  });

  it('paramGroups holds the very tensor passed in, params first, then the defaults', () => {
    expect(optimizer.paramGroups[0]!.params[0]).toBe(weight);
    expect(optimizer.paramGroups[0]).toMatchObject({ lr: 0.1, momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: false });
    expect(Object.keys(optimizer.paramGroups[0]!)).toEqual(W.groupKeys[0]!.map(camel));
  });

  it('addParamGroup fills in the missing hyperparameters after the given ones', () => {
    optimizer.addParamGroup({ params: weight2, lr: 0.0001, nesterov: true });
    const g = optimizer.paramGroups[1]!;
    expect(Object.keys(g)).toEqual(W.groupKeys[1]!.map(camel));
    expect(g).toMatchObject({ lr: 0.0001, nesterov: true, momentum: 0.9, dampening: 0, weightDecay: 0 });
    expect(g.params).toEqual([weight2]);
  });

  it("stateDict() is PyTorch's: momentum_buffer keyed by index, params last, weight2 without state", () => {
    const sd = optimizer.stateDict();
    expect(sd.param_groups).toEqual(W.stateDictBefore.param_groups);
    expect(Object.keys(sd.state)).toEqual(['0']);
    expect(Object.keys(sd.state[0]!)).toEqual(['momentum_buffer']);
    expectTensorClose(sd.state[0]!.momentum_buffer as torch.Tensor, W.stateDictBefore.state['0']!.momentum_buffer!, 0, 0);
  });

  it('50 steps with a zero gradient decay the buffer to 0.9^50 and move the weight by -0.1·Σ0.9^k', () => {
    for (let i = 0; i < 50; i++) optimizer.step();
    const buf = optimizer.state.get(weight)!.momentum_buffer as torch.Tensor;
    expectTensorClose(buf, W.momentumBuffer, 1e-6, 0);
    expect(buf.numpy()[0]).toBeCloseTo(0.9 ** 50, 6);
    expectTensorClose(weight, W.afterLoop, 1e-6, 1e-6);
    expect(String(weight)).toBe(W.afterLoopRepr);
    const sd = optimizer.stateDict();
    expect(sd.param_groups).toEqual(W.stateDict.param_groups);
    expectTensorClose(sd.state[0]!.momentum_buffer as torch.Tensor, W.stateDict.state['0']!.momentum_buffer!, 1e-6, 0);
  });

  it("prints as PyTorch's repr", () => {
    expect(String(optimizer)).toBe(W.repr);
  });

  it('save (stateDict → JSON) and load into a fresh optimizer continue the trajectory bit for bit', () => {
    const saved = toJSON(optimizer.stateDict());
    const w1 = weight.detach().clone().requiresGrad_(true);
    const w2 = weight2.detach().clone().requiresGrad_(true);
    const fresh = new optim.SGD([w1], { lr: 0.1, momentum: 0.9 });
    fresh.addParamGroup({ params: [w2] });
    fresh.loadStateDict(fromJSON(saved));
    expect(Object.keys(fresh.paramGroups[1]!)).toEqual(['lr', 'nesterov', 'momentum', 'dampening', 'weightDecay', 'maximize', 'foreach', 'differentiable', 'params']);
    expect(fresh.paramGroups[1]!.lr).toBe(0.0001);
    weight.grad = torch.full([2, 2], 0.5);
    weight2.grad = torch.full([3, 3], -0.25);
    w1.grad = torch.full([2, 2], 0.5);
    w2.grad = torch.full([3, 3], -0.25);
    for (let i = 0; i < 10; i++) {
      optimizer.step();
      fresh.step();
      expect(values(w1)).toEqual(values(weight));
      expect(values(w2)).toEqual(values(weight2));
      expectTensorClose(weight, W.continued[i]![0]!, 1e-6, 1e-6);
      expectTensorClose(weight2, W.continued[i]![1]!, 1e-6, 1e-6);
    }
  });
});
