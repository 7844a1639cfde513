// Gradients through the async forms of @x/tensor on a backend without synchronous reads (the
// reference kernels behind WebGPU's constraints): the same gradients as the sync forms on the CPU,
// and backward itself needs no read.
import { beforeAll, describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { AsyncReferenceBackend } from '@x/tensor/testing';
import '../src/index';

const DEV = 'asyncref';

beforeAll(() => torch.registerBackend(new AsyncReferenceBackend()));

const DATA = [[0.5, -1, 2], [-3, 4, -0.25]];
const leaf = (device: string): Tensor => torch.tensor(DATA, { dtype: torch.float32, device, requiresGrad: true });
/** A weighting that makes every gradient entry distinct. */
const weigh = (y: Tensor): Tensor => y.mul(torch.arange(1, y.numel() + 1, { dtype: torch.float32, device: y.device }).reshape(y.shape)).sum();

async function gradOf(device: string, f: (x: Tensor) => Tensor | Promise<Tensor>): Promise<unknown> {
  const x = leaf(device);
  weigh(await f(x)).backward();
  return x.grad!.tolistAsync();
}

describe('gradients of the async forms equal those of the sync forms', () => {
  const cases: [string, (x: Tensor) => Tensor, (x: Tensor) => Promise<Tensor>][] = [
    ['x[mask]', (x) => x.index(x.detach().gt(0)), (x) => x.indexAsync(x.detach().gt(0))],
    ['x[:, mask]', (x) => x.index(':', torch.tensor([true, false, true])), (x) => x.indexAsync(':', torch.tensor([true, false, true], { device: DEV }))],
    ['maskedSelect, broadcast mask', (x) => x.maskedSelect(torch.tensor([false, true, true])), (x) => x.maskedSelectAsync(torch.tensor([false, true, true], { device: DEV }))],
    ['repeatInterleave, tensor repeats', (x) => x.repeatInterleave(torch.tensor([3, 1]), 0), (x) => x.repeatInterleaveAsync(torch.tensor([3, 1], { device: DEV }), 0)],
    ['indexPut with a mask, into x', (x) => x.indexPut([x.detach().lt(0)], torch.tensor(0, { dtype: torch.float32 })), (x) => x.indexPutAsync([x.detach().lt(0)], torch.tensor(0, { dtype: torch.float32, device: DEV }))],
  ];
  for (const [name, sync, async] of cases) {
    it(name, async () => {
      const want = await gradOf('cpu', sync);
      expect(await gradOf(DEV, async)).toEqual(want);
    });
  }

  it('indexPut with a mask: the gradient of the values', async () => {
    const grads: unknown[] = [];
    for (const device of ['cpu', DEV]) {
      const x = torch.tensor(DATA, { dtype: torch.float32, device });
      const v = torch.tensor([10, 20, 30], { dtype: torch.float32, device, requiresGrad: true });
      const y = device === 'cpu' ? x.indexPut([x.gt(0)], v) : await x.indexPutAsync([x.gt(0)], v);
      weigh(y).backward();
      grads.push(await v.grad!.tolistAsync());
    }
    expect(grads[1]).toEqual(grads[0]);
  });
});
