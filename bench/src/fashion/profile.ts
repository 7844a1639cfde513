/**
 * Where @x's Fashion-MNIST training step spends its time: reading a batch through the DataLoader
 * (per-image ToTensor and collate), forward, backward, and Adam's step, timed separately over
 * `--batches` batches (median ms each). `tsx src/fashion/profile.ts --batches 30 --data DIR`
 */
import * as torch from '@x/torch';
import { FashionCnn } from '../ours';
import { parseSideArgs } from './report';
import { median } from '../timing';

const { DataLoader, FashionMNIST } = torch.utils.data;
const args = parseSideArgs(process.argv.slice(2));
const at = process.argv.indexOf('--batches');
const count = at >= 0 ? Number(process.argv[at + 1]) : 30;
await torch.threadsReady();
torch.manualSeed(0);
const toTensor = (image: torch.Tensor): torch.Tensor => image.to(torch.float32).div(255).unsqueeze(0);
const loader = new DataLoader(new FashionMNIST(args.data, { train: true, transform: toTensor }), { batchSize: args.batchSize, shuffle: true, dropLast: true });
const model = new FashionCnn();
const criterion = new torch.nn.CrossEntropyLoss();
const optimizer = new torch.optim.Adam(model.parameters(), { lr: 1e-3 });
model.train();

const phases = { data: [] as number[], forward: [] as number[], backward: [] as number[], step: [] as number[] };
const it = (loader as unknown as Iterable<[torch.Tensor, torch.Tensor]>)[Symbol.iterator]();
for (let i = 0; i < count + 2; i++) {
  const t0 = performance.now();
  const r = torch.tidy(() => it.next());
  if (r.done) break;
  const [data, label] = r.value;
  const t1 = performance.now();
  optimizer.zeroGrad({ setToNone: false }); // as examples/fashion-mnist: in place, as PyTorch 1.13
  let t2 = 0;
  torch.tidy(() => {
    const loss = criterion.forward(model.forward(data), label) as torch.Tensor;
    loss.item(); // waits for the forward pass to finish
    t2 = performance.now();
    loss.backward();
  });
  const t3 = performance.now();
  optimizer.step();
  const t4 = performance.now();
  data.dispose();
  label.dispose();
  if (i < 2) continue; // warm-up
  phases.data.push(t1 - t0);
  phases.forward.push(t2 - t1);
  phases.backward.push(t3 - t2);
  phases.step.push(t4 - t3);
}
const total = Object.values(phases).reduce((s, xs) => s + median(xs), 0);
console.log(`@x step phases over ${phases.data.length} batches of ${args.batchSize} (median ms; ${torch.getNumThreads()} threads):`);
for (const [k, xs] of Object.entries(phases)) console.log(`  ${k.padEnd(8)} ${median(xs).toFixed(1).padStart(7)} ms  ${((100 * median(xs)) / total).toFixed(0).padStart(3)}%`);
console.log(`  total    ${total.toFixed(1).padStart(7)} ms per batch, ${((total * loader.length) / 1000).toFixed(1)} s per epoch of ${loader.length} batches`);
process.exit(0);
