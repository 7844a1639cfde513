/**
 * One run of the memory benchmark in a process of its own (RSS is per process): prints one JSON line.
 *
 *   --loop cnn: the seed's training loop (the Fashion-MNIST CNN, Adam lr 1e-3, CrossEntropyLoss) over
 *     a DataLoader of random 28×28 uint8 images made into tensors per item as ToTensor does (shuffle,
 *     dropLast), for --steps steps of --batch images, cycling epochs.
 *     --mode plain: written as PyTorch users write it (no tidy, dispose or options on zeroGrad);
 *     --mode tidy: as examples/fashion-mnist was (tidy around next() and the step, disposes, zeroGrad
 *     in place): the baseline of the step time.
 *   --loop ops: `a.add(b).mul(0.5).relu().sum()` on 64×64 tensors, --steps times, synchronously,
 *     with (tidy) or without (plain) a tidy scope.
 */
import * as torch from '@x/torch';
import { FashionCnn } from '../ours';

const { DataLoader, Dataset } = torch.utils.data;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

export interface MemorySideReport {
  side: string;
  loop: 'cnn' | 'ops';
  mode: 'plain' | 'tidy';
  batch: number;
  steps: number;
  /** [step, RSS MiB] every `every` steps (and the last). */
  rss: [number, number][];
  /** The process's peak resident memory, MiB. */
  peakRssMiB: number;
  /** Mean wall milliseconds per step after the first `warmup` steps (reclaims included). */
  meanStepMs: number;
  warmup: number;
  /** The mean loss of the last 50 steps (it learns). */
  loss: number;
  /** @x's torch.memory().reclaim at the end. */
  reclaim?: unknown;
  numTensors?: number;
}

const loop = arg('--loop', 'cnn') as 'cnn' | 'ops';
const mode = arg('--mode', 'plain') as 'plain' | 'tidy';
const batch = Number(arg('--batch', '64'));
const steps = Number(arg('--steps', '2000'));
const warmup = Math.min(50, Math.floor(steps / 4));
const rssMiB = (): number => process.memoryUsage.rss() / 2 ** 20;

/** Random images, made into tensors per item as the seed's transforms.ToTensor() does. */
class RandomImages extends Dataset<[torch.Tensor, number]> {
  readonly images: torch.Tensor;
  readonly labels: Int32Array;
  constructor(readonly count: number) {
    super();
    this.images = torch.randint(0, 256, [count, 28, 28], { dtype: torch.uint8 });
    this.labels = Int32Array.from({ length: count }, (_, i) => (i * 7919) % 10);
  }
  get length(): number {
    return this.count;
  }
  getItem(i: number): [torch.Tensor, number] {
    return [this.images.select(0, i).to(torch.float32).div(255).unsqueeze(0), this.labels[i]!];
  }
}

async function cnn(): Promise<Omit<MemorySideReport, 'side' | 'loop' | 'mode' | 'batch' | 'steps' | 'warmup'>> {
  torch.manualSeed(0);
  const trainLoader = new DataLoader(new RandomImages(Math.min(60000, Math.max(batch * 64, 8192))), { batchSize: batch, shuffle: true, dropLast: true });
  const model = new FashionCnn();
  const criterion = new torch.nn.CrossEntropyLoss();
  const optimizer = new torch.optim.Adam(model.parameters(), { lr: 1e-3 });
  model.train();
  const rss: [number, number][] = [];
  const losses: number[] = [];
  let step = 0;
  let trainLoss = 0;
  let t0 = performance.now();
  const every = Math.max(1, Math.floor(steps / 400));
  const after = (loss: number, n: number): boolean => {
    step++;
    losses.push(loss);
    trainLoss += loss * n;
    if (step % every === 0 || step === steps || step === warmup) rss.push([step, rssMiB()]);
    if (step === warmup) t0 = performance.now();
    return step >= steps;
  };
  if (mode === 'plain') {
    // The seed's loop, as a PyTorch user writes it.
    for (;;) {
      for await (const [data, label] of trainLoader as unknown as AsyncIterable<[torch.Tensor, torch.Tensor]>) {
        optimizer.zeroGrad();
        const loss = criterion.forward(model.forward(data), label) as torch.Tensor;
        loss.backward();
        optimizer.step();
        if (after(loss.item(), data.size(0))) return done();
      }
    }
  }
  for (;;) {
    const it = (trainLoader as unknown as Iterable<[torch.Tensor, torch.Tensor]>)[Symbol.iterator]();
    for (;;) {
      const r = torch.tidy(() => it.next());
      if (r.done) break;
      const [data, label] = r.value;
      optimizer.zeroGrad({ setToNone: false });
      const loss = torch.tidy(() => {
        const l = criterion.forward(model.forward(data), label) as torch.Tensor;
        l.backward();
        return l;
      });
      optimizer.step();
      const value = loss.item();
      loss.dispose();
      data.dispose();
      label.dispose();
      if (after(value, batch)) {
        it.return?.();
        return done();
      }
    }
  }
  function done(): Omit<MemorySideReport, 'side' | 'loop' | 'mode' | 'batch' | 'steps' | 'warmup'> {
    const meanStepMs = (performance.now() - t0) / (steps - warmup);
    const tail = losses.slice(-50);
    return { rss, peakRssMiB: process.resourceUsage().maxRSS / 1024, meanStepMs, loss: tail.reduce((a, b) => a + b, 0) / tail.length };
  }
}

function ops(): Omit<MemorySideReport, 'side' | 'loop' | 'mode' | 'batch' | 'steps' | 'warmup'> {
  torch.manualSeed(0);
  const a = torch.randn([64, 64]);
  const b = torch.randn([64, 64]);
  const rss: [number, number][] = [];
  const every = Math.max(1, Math.floor(steps / 400));
  let t0 = performance.now();
  let last = 0;
  for (let step = 1; step <= steps; step++) {
    if (mode === 'plain') {
      a.add(b).mul(0.5).relu().sum();
    } else {
      torch.tidy(() => {
        a.add(b).mul(0.5).relu().sum();
      });
    }
    if (step % every === 0 || step === steps || step === warmup) rss.push([step, rssMiB()]);
    if (step === warmup) t0 = performance.now();
    if (step === steps) last = torch.tidy(() => a.add(b).mul(0.5).relu().sum().item());
  }
  const meanStepMs = (performance.now() - t0) / (steps - warmup);
  return { rss, peakRssMiB: process.resourceUsage().maxRSS / 1024, meanStepMs, loss: last };
}

await torch.threadsReady();
const result = loop === 'cnn' ? await cnn() : ops();
const m = torch.memory();
const report: MemorySideReport = {
  side: `@x (${torch.backendFor('cpu').name}, ${torch.getNumThreads()} threads)`,
  loop,
  mode,
  batch,
  steps,
  warmup,
  ...result,
  reclaim: m.reclaim,
  numTensors: m.numTensors,
};
console.log(JSON.stringify(report));
process.exit(0);
