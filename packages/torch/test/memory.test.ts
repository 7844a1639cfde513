import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import * as torch from '@x/torch';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

async function collect(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 0));
  }
}

const wasmBytes = (): number => torch.backendFor('cpu').bytesInUse?.() ?? NaN;

describe('memory on the WASM backend', () => {
  it('100k small ops inside tidy end where they started', () => {
    const base = torch.memory();
    const heap = wasmBytes();
    const a = torch.ones(2);
    let acc = torch.zeros(2);
    for (let i = 0; i < 100_000; i++) {
      const next = torch.tidy(() => acc.add(a).mul(1));
      acc.dispose();
      acc = next;
    }
    expect(acc.tolist()).toEqual([100000, 100000]);
    a.dispose();
    acc.dispose();
    expect(torch.memory().numTensors).toBe(base.numTensors);
    expect(torch.memory().numBytes).toBe(base.numBytes);
    expect(wasmBytes()).toBe(heap);
  });

  it('100k small ops left to the garbage collector stay flat', async () => {
    await collect();
    const heap0 = wasmBytes();
    const a = torch.ones(2);
    let acc = torch.zeros(2);
    const samples: number[] = [];
    for (let chunk = 0; chunk < 20; chunk++) {
      for (let i = 0; i < 5000; i++) acc = acc.add(a);
      await collect();
      samples.push(wasmBytes());
    }
    expect(acc.tolist()).toEqual([100000, 100000]);
    // The nursery (256 tensors) and the finalizer's lag bound what is alive at any time.
    expect(Math.max(...samples) - heap0).toBeLessThan(64 * 1024);
    expect(samples[samples.length - 1]!).toBeLessThanOrEqual(Math.max(...samples.slice(0, 5)) + 4096);
  });
});

/** The WASM heap: bytes handed out, and the size of its WebAssembly.Memory (which never shrinks). */
function heap(): { inUse: number; memoryBytes: number } {
  return (torch.backendFor('cpu') as unknown as { rt: { heap: { stats(): { inUse: number; memoryBytes: number } } } }).rt.heap.stats();
}
const MiB = 1024 * 1024;

class SeedCNN extends torch.nn.Module {
  conv = new torch.nn.Sequential(
    new torch.nn.Conv2d(1, 32, 5), new torch.nn.ReLU(), new torch.nn.MaxPool2d(2, { stride: 2 }), new torch.nn.Dropout(0.3),
    new torch.nn.Conv2d(32, 64, 5), new torch.nn.ReLU(), new torch.nn.MaxPool2d(2, { stride: 2 }), new torch.nn.Dropout(0.3),
  );
  fc = new torch.nn.Sequential(new torch.nn.Linear(64 * 4 * 4, 512), new torch.nn.ReLU(), new torch.nn.Linear(512, 10));
  forward(x: torch.Tensor): torch.Tensor {
    return this.fc.forward((this.conv.forward(x) as torch.Tensor).view(-1, 64 * 4 * 4)) as torch.Tensor;
  }
}

/** Random images made into tensors per item as ToTensor does. */
class RandomImages extends torch.utils.data.Dataset<[torch.Tensor, number]> {
  images = torch.randint(0, 256, [512, 28, 28], { dtype: torch.uint8 });
  get length(): number {
    return 512;
  }
  getItem(i: number): [torch.Tensor, number] {
    return [this.images.select(0, i).to(torch.float32).div(255).unsqueeze(0), i % 10];
  }
}

describe('loops written as PyTorch users write them (no tidy, no dispose), WASM backend', () => {
  it("the seed's training loop stays bounded, awaiting each step and synchronous", async () => {
    const saved = torch.setReclaimOptions({ threshold: 8 * MiB });
    try {
      torch.manualSeed(0);
      const model = new SeedCNN();
      const criterion = new torch.nn.CrossEntropyLoss();
      const optimizer = new torch.optim.Adam(model.parameters(), { lr: 1e-3 });
      const loader = new torch.utils.data.DataLoader(new RandomImages(), { batchSize: 16, shuffle: true, dropLast: true });
      const samples: number[] = [];
      const losses: number[] = [];
      for (let epoch = 0; epoch < 3; epoch++) {
        for await (const [data, label] of loader as unknown as AsyncIterable<[torch.Tensor, torch.Tensor]>) {
          optimizer.zeroGrad();
          const loss = criterion.forward(model.forward(data), label) as torch.Tensor;
          loss.backward();
          optimizer.step();
          losses.push(await loss.itemAsync());
          samples.push(heap().inUse);
        }
      }
      // Synchronous: the loader's sync iterator and item(), no await anywhere.
      for (let epoch = 0; epoch < 2; epoch++) {
        for (const [data, label] of loader as unknown as Iterable<[torch.Tensor, torch.Tensor]>) {
          optimizer.zeroGrad({ setToNone: false });
          const loss = criterion.forward(model.forward(data), label) as torch.Tensor;
          loss.backward();
          optimizer.step();
          losses.push(loss.item());
          samples.push(heap().inUse);
        }
      }
      expect(losses.length).toBe(160);
      expect(losses.every(Number.isFinite)).toBe(true);
      const early = Math.max(...samples.slice(0, 20));
      // Whatever the first 20 steps reached (the threshold's worth of garbage on top of the step's
      // own memory) is where it stays, to within one step's garbage, for 140 more steps.
      expect(Math.max(...samples.slice(20))).toBeLessThan(early + 4 * MiB);
      expect(torch.memory().reclaim.reclaims).toBeGreaterThan(0);
    } finally {
      torch.setReclaimOptions(saved);
    }
  });

  it('the 64x64 add/mul/relu/sum loop without dispose, synchronous, stays bounded', () => {
    const saved = torch.setReclaimOptions({ threshold: 8 * MiB });
    try {
      torch.reclaim();
      const a = torch.randn([64, 64]);
      const b = torch.randn([64, 64]);
      const base = heap().inUse;
      let most = 0;
      for (let i = 0; i < 20_000; i++) {
        a.add(b).mul(0.5).relu().sum();
        if (i % 100 === 0) most = Math.max(most, heap().inUse - base);
      }
      // 20,000 iterations leave 1 GB of garbage behind; the threshold keeps 8 MiB of it at most.
      expect(most).toBeLessThan(8 * MiB + 256 * 1024);
      a.dispose();
      b.dispose();
    } finally {
      torch.setReclaimOptions(saved);
    }
  });

  it('zeroGrad() frees the gradients it drops at once, unless someone read them', () => {
    const net = new torch.nn.Linear(256, 256); // 256 KiB of weight gradient
    const x = torch.randn([4, 256]);
    const opt = new torch.optim.SGD(net.parameters(), { lr: 0.1 });
    const step = (): void => {
      const loss = net.forward(x).sum();
      loss.backward();
      loss.dispose();
    };
    step();
    const withGrads = torch.memory().numBytes;
    opt.zeroGrad({ setToNone: true });
    expect(withGrads - torch.memory().numBytes).toBeGreaterThanOrEqual(256 * 1024 + 1024);
    step();
    const held = net.weight.grad!; // handed out: zeroGrad must leave it alive for its holder
    opt.zeroGrad({ setToNone: true });
    expect(net.weight.grad).toBe(null);
    expect(held.isDisposed).toBe(false);
    expect(held.sum().item()).toBeCloseTo(x.sum(0).sum().item() * 256, 1);
    held.dispose();
    // Module.zeroGrad follows the same rule.
    step();
    const before = torch.memory().numBytes;
    net.zeroGrad({ setToNone: true });
    expect(before - torch.memory().numBytes).toBeGreaterThanOrEqual(256 * 1024);
    for (const t of [x]) t.dispose();
  });

  it('a gradient replaced by accumulation is freed when only its parameter held it', () => {
    const w = torch.randn([128, 128], { requiresGrad: true });
    w.mul(2).sum().backward(); // .grad: a copy only w holds
    const first = w._grad!;
    w.mul(w).sum().backward(undefined, { createGraph: true }); // replaced by first + 2w, in the graph
    expect(first.isDisposed).toBe(true);
    const second = w._grad!;
    expect(second.requiresGrad).toBe(true);
    expect(second.sub(w.mul(2)).sub(2).abs().max().item()).toBeLessThan(1e-5);
    const read = w.grad!; // handed out
    w.mul(4).sum().backward();
    expect(read.isDisposed).toBe(false);
    const dense = torch.randn([8, 8], { requiresGrad: true });
    dense.mul(2).sum().backward();
    const g1 = dense._grad!;
    dense.grad = null; // the user's assignment drops it: freed, nobody read it
    expect(g1.isDisposed).toBe(true);
  });

  it('Sequential frees the tensors it passes between its layers; hooks and custom layers keep them', () => {
    const seq = new torch.nn.Sequential(new torch.nn.Linear(8, 8), new torch.nn.ReLU(), new torch.nn.Linear(8, 2));
    const x = torch.randn([4, 8]);
    const { result, leaked } = torch.findLeaks(() => seq.forward(x) as torch.Tensor);
    // The two intermediates are gone; the weight views F.linear makes are freed too.
    expect(leaked.filter((t) => !(t as torch.Tensor).isDisposed)).toEqual([]);
    (result as torch.Tensor).sum().backward(); // backward still has what it saved
    expect(seq.at(0).parameters().next().value.grad).not.toBe(null);

    let seen: torch.Tensor | null = null;
    const h = seq.at(1).registerForwardHook((_m, inputs) => {
      seen = inputs[0] as torch.Tensor;
    });
    seq.forward(x);
    expect(seen!.isDisposed).toBe(false); // a hook saw it: it may keep it
    h.remove();

    class Keeper extends torch.nn.Module {
      last: torch.Tensor | null = null;
      forward(t: torch.Tensor): torch.Tensor {
        this.last = t;
        return t.mul(2);
      }
    }
    const keeper = new Keeper();
    const seq2 = new torch.nn.Sequential(new torch.nn.Linear(8, 8), keeper, new torch.nn.ReLU());
    seq2.forward(x);
    expect(keeper.last!.isDisposed).toBe(false);
    x.dispose();
  });
});

