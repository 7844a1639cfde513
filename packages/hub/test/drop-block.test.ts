/**
 * timm's DropBlock2d: square blocks dropped alike in every channel, the kept values scaled so the
 * mean is unchanged, and nothing dropped in eval mode or at rate 0.
 */
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import { registerWasmBackend } from '@x/backend-wasm';
import { DropBlock2d, dropBlock2d } from '../src/layers/index';

registerWasmBackend();

describe('DropBlock2d', () => {
  for (const blockSize of [3, 4]) {
    it(`drops ${blockSize}×${blockSize} blocks in all channels alike, keeping the mean (shape kept for an ${blockSize % 2 ? 'odd' : 'even'} block)`, () => {
      torch.manualSeed(0);
      const x = torch.ones(2, 3, 16, 16);
      const y = dropBlock2d(x, { dropProb: 0.3, blockSize });
      expect([...y.shape]).toEqual([2, 3, 16, 16]);
      const v = y.numpy() as Float32Array;
      const kept = v.filter((e) => e !== 0);
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.length).toBeLessThan(v.length);
      // one scale for every kept value: numel / kept
      expect(new Set(kept).size).toBe(1);
      expect(y.mean().item()).toBeCloseTo(1, 5);
      // every channel of a sample has the same mask
      const plane = 16 * 16;
      for (let n = 0; n < 2; n++) {
        const first = v.subarray(n * 3 * plane, n * 3 * plane + plane);
        for (let c = 1; c < 3; c++) expect(v.subarray((n * 3 + c) * plane, (n * 3 + c + 1) * plane)).toEqual(first);
      }
      // a dropped pixel lies in a fully dropped block: its zero row run is at least the block size long, or touches an edge
      const mask = [...v.subarray(0, plane)].map((e) => e === 0);
      for (let r = 0; r < 16; r++) {
        let run = 0;
        for (let c = 0; c <= 16; c++) {
          if (c < 16 && mask[r * 16 + c]) run++;
          else {
            if (run > 0 && c - run > 0 && c < 16) expect(run).toBeGreaterThanOrEqual(blockSize);
            run = 0;
          }
        }
      }
    });
  }

  it('is the identity in eval mode and at rate 0, and prints as timm', () => {
    const x = torch.randn(1, 2, 8, 8);
    const layer = new DropBlock2d({ dropProb: 0.5, blockSize: 3 });
    expect(String(layer)).toBe('DropBlock2d()');
    layer.eval();
    expect(layer.forward(x)).toBe(x);
    const off = new DropBlock2d({ dropProb: 0 });
    expect(off.forward(x)).toBe(x);
  });

  it('refuses an input that is not [N, C, H, W]', () => {
    expect(() => dropBlock2d(torch.ones(3, 8, 8), { dropProb: 0.1 })).toThrow('DropBlock2d: expected a 4-D input [N, C, H, W], got 3-D');
  });
});
