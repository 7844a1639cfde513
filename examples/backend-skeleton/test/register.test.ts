// Registering the skeleton and using its device, as a user of the backend does.
import { expect, it } from 'vitest';
import * as torch from '@x/tensor';
import { SkeletonBackend } from '../src/index';

it('serves its device once registered', () => {
  torch.registerBackend(new SkeletonBackend());
  const x = torch.tensor([1, 2, 3], { device: 'skeleton' });
  const y = x.mul(2).add(1);
  expect(y.device).toBe('skeleton');
  expect(y.tolist()).toEqual([3, 5, 7]);
});
