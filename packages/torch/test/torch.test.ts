import { describe, expect, it } from 'vitest';
import * as torch from '@x/torch';

describe('@x/torch', () => {
  it('registers the WASM backend as the default cpu backend', () => {
    const x = torch.ones(2, 2);
    expect(x.device).toBe('cpu');
    expect(x.backend.name).toBe('wasm');
    expect(torch.listBackends().map((b) => b.name)).toEqual(expect.arrayContaining(['wasm', 'reference']));
    expect(String(x.add(1))).toBe('tensor([[2., 2.],\n        [2., 2.]])');
    expect(torch.getNumThreads()).toBeGreaterThanOrEqual(1);
  });
  it('moves tensors between the two cpu backends on request', () => {
    const x = torch.arange(6).view(2, 3);
    torch.setBackend('reference');
    const y = torch.ones(3, { dtype: 'int64' });
    torch.setBackend('wasm');
    expect(y.backend.name).toBe('reference');
    expect(() => x.add(y)).toThrow("tensors live on two different cpu backends ('wasm' and 'reference')");
  });
});
