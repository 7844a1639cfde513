/**
 * pnpm bench vision: torchvision's resnet18, with the same weights on every side (PyTorch writes them
 * as a .pth, @x loads that file, ONNX Runtime runs PyTorch's export of the same model):
 *   - forward, eval mode, batch 8 at 224x224: @x, PyTorch (2 threads), ONNX Runtime for Node (2 threads)
 *   - one training step (forward, cross-entropy, backward, SGD with momentum): @x and PyTorch (ONNX
 *     Runtime's Node package runs inference only)
 *   - decoding and transforming 1,000 JPEGs (Resize 256, CenterCrop 224, ToTensor, Normalize) through
 *     ImageFolder and a DataLoader with 2 workers, batch 32: @x (sharp) and torchvision (PIL)
 * The sides run interleaved, ROUNDS rounds; each figure is the median of the rounds' medians, with the
 * load average printed beside them (a ratio taken on a busy machine is not a measurement).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import * as torch from '@x/torch';
import { DataLoader } from '@x/data';
import { median, time, timeAsync } from '../timing';

const { models, transforms, datasets } = torch.vision;
const PYTHON = '/usr/bin/python3';
const PEER = fileURLToPath(new URL('../../torch_peer_vision.py', import.meta.url));
const ROUNDS = Number(process.env.VISION_BENCH_ROUNDS ?? 3);
const BATCH = 8;
const JPEGS = 1000;

function peer(mode: string, dir: string): number {
  const r = spawnSync(PYTHON, [PEER, mode, dir], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`torch_peer_vision.py ${mode} failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as number;
}

/** 1,000 JPEGs of 320x240 in 10 class folders: smooth colour fields, like photographs to a decoder. */
async function writeJpegs(root: string): Promise<void> {
  const w = 320, h = 240;
  for (let i = 0; i < JPEGS; i++) {
    const dir = join(root, `class${i % 10}`);
    mkdirSync(dir, { recursive: true });
    const px = Buffer.alloc(w * h * 3);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const o = (y * w + x) * 3;
        px[o] = (x * 255) / w;
        px[o + 1] = (y * 255) / h;
        px[o + 2] = 128 + 127 * Math.sin((x + y) / 17 + i);
      }
    }
    await sharp(px, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 90 }).toFile(join(dir, `${i}.jpg`));
  }
}

async function ourLoader(root: string): Promise<number> {
  const transform = new transforms.Compose([
    new transforms.Resize(256),
    new transforms.CenterCrop(224),
    new transforms.ToTensor(),
    new transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
  ]);
  const loader = new DataLoader(new datasets.ImageFolder(root, { transform }) as never, { batchSize: 32, numWorkers: 2 });
  const t0 = performance.now();
  let n = 0;
  for await (const [x] of loader as AsyncIterable<[torch.Tensor, torch.Tensor]>) n += x.shape[0]!;
  if (n !== JPEGS) throw new Error(`the loader gave ${n} images, not ${JPEGS}`);
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<void> {
  await torch.threadsReady();
  const load = (): string => os.loadavg().map((x) => x.toFixed(1)).join(' ');
  const dir = mkdtempSync(join(os.tmpdir(), 'x-bench-vision-'));
  try {
    console.log(`machine: ${os.cpus()[0]?.model ?? '?'} x${os.cpus().length}, node ${process.version}; load average at start ${load()}`);
    peer('prepare', dir);
    const jpegs = join(dir, 'jpegs');
    await writeJpegs(jpegs);

    const model = await models.resnet18({ weights: join(dir, 'resnet18.pth') });
    const x = torch.rand([BATCH, 3, 224, 224]);
    const y = torch.randint(0, 1000, [BATCH]);
    const session = await ort.InferenceSession.create(join(dir, 'resnet18.onnx'), { intraOpNumThreads: 2, interOpNumThreads: 1 });
    const ortInput = new ort.Tensor('float32', x.numpy() as Float32Array, [BATCH, 3, 224, 224]);
    const lossFn = new torch.nn.CrossEntropyLoss();
    const optimizer = new torch.optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });

    const rows = { forward: { x: [] as number[], torch: [] as number[], ort: [] as number[] }, train: { x: [] as number[], torch: [] as number[] }, loader: { x: [] as number[], torch: [] as number[] } };
    for (let round = 0; round < ROUNDS; round++) {
      model.eval();
      rows.forward.x.push(time(() => torch.noGrad(() => model.forward(x)), { minRuns: 5, budget: 4 }).median);
      rows.forward.torch.push(peer('forward', dir));
      rows.forward.ort.push((await timeAsync(() => session.run({ input: ortInput }), { minRuns: 5, budget: 4 })).median);
      model.train();
      rows.train.x.push(
        time(() => {
          optimizer.zeroGrad();
          lossFn.forward(model.forward(x), y).backward();
          optimizer.step();
        }, { minRuns: 3, budget: 4 }).median,
      );
      rows.train.torch.push(peer('train', dir));
      rows.loader.x.push(await ourLoader(jpegs));
      rows.loader.torch.push(peer('loader', jpegs));
      console.log(`  round ${round + 1} of ${ROUNDS} done (load ${load()})`);
    }

    const ms = (s: number): string => (s * 1e3).toFixed(0);
    const ratio = (ours: number, theirs: number): string => `${(theirs / ours).toFixed(2)}x`;
    const fwd = median(rows.forward.x), fwdT = median(rows.forward.torch), fwdO = median(rows.forward.ort);
    const tr = median(rows.train.x), trT = median(rows.train.torch);
    const ld = median(rows.loader.x), ldT = median(rows.loader.torch);
    const table = [
      ['case', '@x', 'PyTorch', 'ONNX Runtime', 'vs PyTorch', 'vs ONNX Runtime'],
      [`resnet18 forward, batch ${BATCH}, 224² (ms)`, ms(fwd), ms(fwdT), ms(fwdO), ratio(fwd, fwdT), ratio(fwd, fwdO)],
      [`resnet18 training step, batch ${BATCH} (ms)`, ms(tr), ms(trT), '-', ratio(tr, trT), '-'],
      [`${JPEGS} JPEGs decoded + transformed, 2 workers (ms)`, ms(ld), ms(ldT), '-', ratio(ld, ldT), '-'],
    ];
    const widths = table[0]!.map((_, j) => Math.max(...table.map((r) => r[j]!.length)));
    for (const r of table) console.log(r.map((v, j) => (j === 0 ? v.padEnd(widths[j]!) : v.padStart(widths[j]!))).join('  '));
    console.log(`(medians of ${ROUNDS} interleaved rounds; vs X: how many times faster @x is, above 1 is faster; load average at end ${load()})`);
    console.log(`peers: PyTorch ${spawnSync(PYTHON, ['-c', 'import torch, torchvision; print(torch.__version__, torchvision.__version__)'], { encoding: 'utf8' }).stdout.trim()} (2 threads), onnxruntime-node ${ort.env.versions.node ?? ''} (2 intra-op threads)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

void main();
