/**
 * Tensors nobody disposes on WebGPU: reclaimed under pressure, so GPU memory stays bounded in a
 * loop that awaits each step and in one that never awaits (SwiftShader is slow: small tensors, few steps).
 */
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import '@x/autograd';
import * as nn from '@x/nn';
import { SGD } from '@x/optim';
import { backend, skipReason } from './gpu';

const KiB = 1024;

describe.skipIf(!backend)(`memory on webgpu ${skipReason}`, () => {
  it('a loop that disposes nothing stays bounded, synchronous and awaiting', async () => {
    const saved = torch.setReclaimOptions({ threshold: 256 * KiB });
    try {
      expect(torch.memory().reclaim.mode).toBe('sync');
      const pool = backend!.runtime.pool;
      const a = torch.randn([32, 32]).to('webgpu');
      const b = torch.randn([32, 32]).to('webgpu');
      const inUse: number[] = [];
      for (let i = 0; i < 600; i++) {
        a.add(b).mul(0.5).relu().sum(); // 12 KiB of garbage per iteration, 7 MiB in all
        if (i % 20 === 0) inUse.push(pool.bytesInUse);
      }
      for (let i = 0; i < 200; i++) {
        const s = a.add(b).mul(0.5).relu().sum();
        if (i % 20 === 0) {
          await s.itemAsync();
          inUse.push(pool.bytesInUse);
        }
      }
      // The threshold (256 KiB), what reaches it before the check, and a and b.
      expect(Math.max(...inUse)).toBeLessThan(512 * KiB);
      expect(torch.memory().reclaim.reclaims).toBeGreaterThan(10);
      expect(pool.bytesInUse + pool.bytesPooled).toBeLessThan(2048 * KiB);
      a.dispose();
      b.dispose();
    } finally {
      torch.setReclaimOptions(saved);
    }
  });

  it('a small training loop without tidy or dispose stays bounded', async () => {
    const saved = torch.setReclaimOptions({ threshold: 256 * KiB });
    try {
      torch.manualSeed(0);
      const model = new nn.Sequential(new nn.Linear(16, 32), new nn.ReLU(), new nn.Linear(32, 4)).to('webgpu');
      const criterion = new nn.CrossEntropyLoss();
      const optimizer = new SGD(model.parameters(), { lr: 0.1 });
      const pool = backend!.runtime.pool;
      const inUse: number[] = [];
      for (let step = 0; step < 32; step++) {
        const x = torch.randn([64, 16]).to('webgpu');
        const y = torch.randint(0, 4, [64]).to('webgpu');
        optimizer.zeroGrad();
        const loss = criterion.forward(model.forward(x) as torch.Tensor, y) as torch.Tensor;
        loss.backward();
        optimizer.step();
        if (step % 8 === 7) await loss.itemAsync();
        inUse.push(pool.bytesInUse);
      }
      expect(Math.max(...inUse.slice(16))).toBeLessThan(Math.max(...inUse.slice(0, 16)) + 128 * KiB);
      expect(torch.memory().reclaim.reclaims).toBeGreaterThan(0);
    } finally {
      torch.setReclaimOptions(saved);
    }
  });
});
