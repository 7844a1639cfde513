/** @x on its default CPU backend (WASM, multithreaded). */
import * as torch from '@x/torch';
import type { Case } from './cases';
import { time } from './timing';

export const name = '@x (wasm)';

/** The seed's Fashion-MNIST network (issue 7's recipe). */
export class FashionCnn extends torch.nn.Module {
  conv = new torch.nn.Sequential(
    new torch.nn.Conv2d(1, 32, 5), new torch.nn.ReLU(), new torch.nn.MaxPool2d(2, 2), new torch.nn.Dropout(0.3),
    new torch.nn.Conv2d(32, 64, 5), new torch.nn.ReLU(), new torch.nn.MaxPool2d(2, 2), new torch.nn.Dropout(0.3),
  );
  fc = new torch.nn.Sequential(new torch.nn.Linear(64 * 4 * 4, 512), new torch.nn.ReLU(), new torch.nn.Linear(512, 10));
  forward(x: torch.Tensor): torch.Tensor {
    const h = this.conv.forward(x) as torch.Tensor;
    return this.fc.forward(h.view(-1, 64 * 4 * 4)) as torch.Tensor;
  }
}

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
    case 'mlpStep': {
      const [B, D, H1, H2, C] = c.dims as [number, number, number, number, number];
      const x = torch.randn(B, D);
      const target = torch.randint(0, C, [B]);
      const params = [torch.randn(D, H1).mul(0.05), torch.zeros(H1), torch.randn(H1, H2).mul(0.06), torch.zeros(H2), torch.randn(H2, C).mul(0.06), torch.zeros(C)].map((p) => p.requiresGrad_());
      const [w1, b1, w2, b2, w3, b3] = params as [torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor];
      const t = time(() => {
        torch.tidy(() => {
          const h1 = x.matmul(w1).add(b1).relu();
          const h2 = h1.matmul(w2).add(b2).relu();
          const logp = h2.matmul(w3).add(b3).logSoftmax(1);
          const loss = logp.gather(1, target.unsqueeze(1)).mean().neg();
          loss.backward();
        });
        for (const p of params) {
          p.grad?.dispose();
          p.grad = null;
        }
      }, { minRuns: 10 });
      return t.median;
    }
    case 'scalarChain': {
      const n = c.dims[0]!;
      const a = torch.tensor(1, { dtype: torch.float32, requiresGrad: true });
      const t = time(() => {
        torch.tidy(() => {
          let y = a;
          for (let i = 0; i < n; i++) y = y.mul(1.0001).add(0.0001);
          y.backward();
        });
        a.grad?.dispose();
        a.grad = null;
      }, { minRuns: 5 });
      return t.median;
    }
    case 'convStep': {
      const [N, C, H, W, O, K] = c.dims as [number, number, number, number, number, number];
      const conv = new torch.nn.Conv2d(C, O, K);
      const x = torch.randn(N, C, H, W);
      const t = time(() => {
        torch.tidy(() => conv.forward(x).sum().backward());
        conv.zeroGrad();
      }, { minRuns: 5 });
      return t.median;
    }
    case 'cnnStep': {
      const net = new FashionCnn();
      const x = torch.randn(c.dims[0]!, 1, 28, 28);
      const y = torch.randint(0, 10, [c.dims[0]!]);
      const lossFn = new torch.nn.CrossEntropyLoss();
      net.train();
      const t = time(() => {
        torch.tidy(() => lossFn.forward(net.forward(x) as torch.Tensor, y).backward());
        net.zeroGrad();
      }, { minRuns: 5 });
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
