// Convolution and pooling against PyTorch's outputs (test/fixtures/conv.json) on the reference
// backend; packages/backend-wasm/test/conv.test.ts runs the same suite on the wasm backend.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';
import { runConvForward } from './conv-cases';

runConvForward('reference');

describe('integer convolutions', () => {
  it('refuse int64 sums past 2^53 (computed exactly in float64, so never rounded silently)', () => {
    const big = torch.full([1, 1, 3, 3], 2 ** 40, { dtype: 'int64' });
    const w = torch.full([1, 1, 3, 3], 2 ** 10, { dtype: 'int64' });
    expect(() => torch.conv2d(big, w)).toThrow('past 2^53');
    expect(torch.conv2d(big, torch.ones([1, 1, 3, 3], { dtype: 'int64' })).item()).toBe(9 * 2 ** 40);
  });
});
