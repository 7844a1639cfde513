// model.to(device) onto a backend without synchronous reads (the reference kernels behind WebGPU's
// constraints: no readSync, no float64): forward, loss and backward run there and give the CPU's
// numbers; moving back needs `await t.toAsync('cpu')` / `await model.toAsync('cpu')`.
import { beforeAll, describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { AsyncReferenceBackend } from '@x/tensor/testing';
import '@x/autograd';
import * as nn from '../src/index';

const DEV = 'asyncref';

beforeAll(() => torch.registerBackend(new AsyncReferenceBackend()));

function model(): nn.Sequential {
  torch.manualSeed(7);
  return new nn.Sequential(new nn.Linear(3, 8), new nn.ReLU(), new nn.Linear(8, 4));
}

async function step(device: string): Promise<{ loss: number; grads: unknown[] }> {
  const net = model().to(device);
  for (const p of net.parameters()) expect(p.device).toBe(device);
  torch.manualSeed(1);
  const x = torch.randn(5, 3).to(device);
  const y = torch.tensor([0, 3, 1, 1, 2]).to(device);
  const loss = nn.functional.crossEntropy(net.forward(x) as Tensor, y);
  loss.backward();
  return { loss: await loss.itemAsync(), grads: await Promise.all([...net.parameters()].map((p) => p.grad!.tolistAsync())) };
}

describe('a model on a device that reads only asynchronously', () => {
  it('model.to(device), forward, cross-entropy and backward give the CPU numbers', async () => {
    const cpu = await step('cpu');
    const dev = await step(DEV);
    expect(dev.loss).toBeCloseTo(cpu.loss, 6);
    expect(dev.grads).toEqual(cpu.grads);
  });

  it('model.toAsync brings a model back to the CPU; model.to names it', async () => {
    const net = model().to(DEV);
    expect(() => model().to(DEV).to('cpu')).toThrow("await t.toAsync('cpu')");
    const before = await Promise.all([...net.parameters()].map((p) => p.tolistAsync()));
    const same = await net.toAsync('cpu');
    expect(same).toBe(net);
    for (const p of net.parameters()) expect(p.device).toBe('cpu');
    expect([...net.parameters()].map((p) => p.tolist())).toEqual(before);
  });

  it('parameters come back with toAsync; the sync move names it', async () => {
    const net = model().to(DEV);
    const w = [...net.parameters()][0]!;
    expect(() => w.to('cpu')).toThrow("await t.toAsync('cpu')");
    const back = await w.toAsync('cpu');
    expect(back.device).toBe('cpu');
    expect(back.tolist()).toEqual(await w.tolistAsync());
  });
});
