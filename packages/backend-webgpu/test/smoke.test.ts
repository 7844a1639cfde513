import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import { backend, skipReason } from './gpu';

describe.skipIf(!backend)(`smoke ${skipReason}`, () => {
  it('adds', async () => {
    const a = torch.tensor([1, 2, 3, 3.5], { device: 'webgpu' } as never);
    const b = torch.tensor([10, 20, 30, 40], { device: 'webgpu' } as never);
    const c = a.add(b).mul(2).exp();
    const got = Array.from((await c.numpyAsync()) as Float32Array);
    [22, 44, 66, 87].map(Math.exp).forEach((want, i) => expect(Math.abs(got[i]! - want)).toBeLessThanOrEqual(Math.abs(want) * 2.4e-7));
  });
});
