/**
 * The memory check the end-to-end test drives (memory.html): loops written as PyTorch users write
 * them, with no tidy or dispose, on the WASM backend, each awaiting one read per step. It records
 * the WASM heap after every step in `window.xMemory`; the test checks it stays bounded while the
 * loops leave far more garbage than that behind (docs/memory.md, Browsers).
 */
import '@x/autograd';
import { registerWasmBackend } from '@x/backend-wasm';
import * as nn from '@x/nn';
import { Adam } from '@x/optim';
import * as torch from '@x/tensor';

export interface MemoryOutcome {
  threshold: number;
  /** The WASM heap's bytes in use after each step of the training loop, and every 250 ops of the op loop. */
  training: number[];
  ops: number[];
  reclaim: torch.ReclaimInfo;
}

declare global {
  interface Window {
    xMemory?: MemoryOutcome;
  }
}

/** A CNN with its forward written out layer by layer: every activation is garbage after the step. */
class Net extends nn.Module {
  conv = new nn.Conv2d(1, 16, 5);
  fc1 = new nn.Linear(16 * 12 * 12, 64);
  fc2 = new nn.Linear(64, 10);
  forward(x: torch.Tensor): torch.Tensor {
    const F = nn.functional;
    const h = F.maxPool2d(F.relu(this.conv.forward(x) as torch.Tensor), 2);
    return this.fc2.forward(F.relu(this.fc1.forward(h.view(-1, 16 * 12 * 12)) as torch.Tensor)) as torch.Tensor;
  }
}

async function main(): Promise<void> {
  const backend = await registerWasmBackend();
  const heap = (): number => (backend as unknown as { rt: { heap: { stats(): { inUse: number } } } }).rt.heap.stats().inUse;
  const threshold = 8 * 2 ** 20;
  torch.setReclaimOptions({ threshold });
  torch.manualSeed(0);
  const model = new Net();
  const criterion = new nn.CrossEntropyLoss();
  const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
  const training: number[] = [];
  for (let step = 0; step < 40; step++) {
    const data = torch.randn([32, 1, 28, 28]);
    const label = torch.randint(0, 10, [32]);
    optimizer.zeroGrad();
    const loss = criterion.forward(model.forward(data), label) as torch.Tensor;
    loss.backward();
    optimizer.step();
    await loss.itemAsync();
    training.push(heap());
  }
  const a = torch.randn([64, 64]);
  const b = torch.randn([64, 64]);
  const ops: number[] = [];
  for (let i = 0; i < 10000; i++) {
    await a.add(b).mul(0.5).relu().sum().itemAsync();
    if (i % 250 === 0) ops.push(heap());
  }
  window.xMemory = { threshold, training, ops, reclaim: torch.memory().reclaim };
  document.getElementById('status')!.textContent = 'done';
  document.body.dataset.state = 'done';
}

main().catch((e: unknown) => {
  document.getElementById('status')!.textContent = `error: ${e instanceof Error ? e.message : String(e)}`;
  document.body.dataset.state = 'error';
});
