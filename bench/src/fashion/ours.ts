/**
 * @x's side of the Fashion-MNIST benchmark: examples/fashion-mnist's training pass (the seed's CNN,
 * Adam lr 1e-3, batch 256, shuffle, dropLast; FashionMNIST with a ToTensor transform read through a
 * DataLoader in the main thread), one JSON line with each epoch's seconds and RSS.
 */
import * as torch from '@x/torch';
import { FashionCnn } from '../ours';
import { parseSideArgs, peakRssMiB, rssMiB, type EpochReport, type SideReport } from './report';

const { DataLoader, FashionMNIST } = torch.utils.data;

const args = parseSideArgs(process.argv.slice(2));
await torch.threadsReady();
torch.manualSeed(0);
const toTensor = (image: torch.Tensor): torch.Tensor => image.to(torch.float32).div(255).unsqueeze(0);
const train = new FashionMNIST(args.data, { train: true, transform: toTensor });
const loader = new DataLoader(train, { batchSize: args.batchSize, shuffle: true, dropLast: true });
const model = new FashionCnn();
const criterion = new torch.nn.CrossEntropyLoss();
const optimizer = new torch.optim.Adam(model.parameters(), { lr: 1e-3 });
model.train();

const epochs: EpochReport[] = [];
for (let e = 0; e < args.epochs; e++) {
  const t0 = performance.now();
  let total = 0;
  let batches = 0;
  const it = (loader as unknown as Iterable<[torch.Tensor, torch.Tensor]>)[Symbol.iterator]();
  for (;;) {
    const r = torch.tidy(() => it.next());
    if (r.done) break;
    const [data, label] = r.value;
    optimizer.zeroGrad({ setToNone: false }); // as examples/fashion-mnist: in place, as PyTorch 1.13
    const loss = torch.tidy(() => {
      const l = criterion.forward(model.forward(data), label) as torch.Tensor;
      l.backward();
      return l;
    });
    optimizer.step();
    total += loss.item() as number;
    batches++;
    loss.dispose();
    data.dispose();
    label.dispose();
  }
  epochs.push({ seconds: (performance.now() - t0) / 1000, rssMiB: rssMiB(), loss: total / batches });
}
const report: SideReport = { name: '@x (wasm)', detail: `backend ${torch.backendFor('cpu').name}, ${torch.getNumThreads()} threads`, epochs, peakRssMiB: peakRssMiB() };
console.log(JSON.stringify(report));
process.exit(0);
