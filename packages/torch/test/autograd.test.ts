import { describe, expect, it } from 'vitest';
import * as torch from '@x/torch';

describe('autograd through the umbrella, on the WASM backend', () => {
  it("runs the seed's example and prints as PyTorch", () => {
    const x = torch.ones(2, 2, { requiresGrad: true });
    expect(x.backend.name).toBe('wasm');
    const out = x.pow(2).mul(x.pow(2)).mul(3).mean();
    expect(String(out)).toBe('tensor(3., grad_fn=<MeanBackward0>)');
    out.backward();
    expect(x.grad!.tolist()).toEqual([[3, 3], [3, 3]]);
  });
  it('gradcheck passes for a small network on wasm', () => {
    torch.manualSeed(0);
    const w = torch.randn(4, 3, { dtype: torch.float64, requiresGrad: true });
    const b = torch.randn(3, { dtype: torch.float64, requiresGrad: true });
    const x = torch.randn(5, 4, { dtype: torch.float64 });
    const f = (w: torch.Tensor, b: torch.Tensor): torch.Tensor => x.matmul(w).add(b).tanh().logSoftmax(1).sum();
    expect(torch.autograd.gradcheck(f, [w, b])).toBe(true);
  });
  it('torch.noGrad and the optimizer-style update', () => {
    const p = torch.ones(3, { requiresGrad: true });
    p.mul(2).sum().backward();
    torch.noGrad(() => p.sub_(p.grad!.mul(0.5)));
    expect(p.tolist()).toEqual([0, 0, 0]);
    expect(p.requiresGrad).toBe(true);
  });
});
