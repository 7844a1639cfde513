/** @x on its default CPU backend (WASM, multithreaded). */
import * as torch from '@x/torch';
import type { Case } from './cases';
import { time } from './timing';

export const name = '@x (wasm)';

export function describe(): string {
  return `backend ${torch.ones(1).backend.name}, ${torch.getNumThreads()} threads`;
}

export function run(c: Case): number {
  torch.manualSeed(0);
  switch (c.kind) {
    case 'matmul': {
      const [M, K, N] = c.dims as [number, number, number];
      const a = torch.rand(M, K);
      const b = torch.rand(K, N);
      const t = time(() => torch.matmul(a, b).dispose());
      a.dispose();
      b.dispose();
      return t.median;
    }
    case 'add': {
      const a = torch.rand(c.dims[0]!);
      const b = torch.rand(c.dims[0]!);
      const t = time(() => a.add(b).dispose());
      a.dispose();
      b.dispose();
      return t.median;
    }
    case 'sum': {
      const a = torch.rand(c.dims[0]!);
      const t = time(() => a.sum().dispose());
      a.dispose();
      return t.median;
    }
    case 'tinyAdd': {
      const [count, size] = c.dims as [number, number];
      const a = torch.rand(size);
      const b = torch.rand(size);
      const t = time(() => {
        for (let i = 0; i < count; i++) a.add(b).dispose();
      }, { minRuns: 5 });
      a.dispose();
      b.dispose();
      return t.median;
    }
  }
}
