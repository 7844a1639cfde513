/**
 * One real epoch on each side (issue 6): the seed's LeNet trained here for one epoch with Adam,
 * saved, gives the same held-out logits in PyTorch 1.13 (weights_only=True); trained in PyTorch for
 * one epoch on the same tensors, loaded here, gives PyTorch's logits. And the Adam state_dict saved
 * here drives torch.optim.Adam to the same next step. Data: the first 2,048 Fashion-MNIST training
 * images when Debian's dataset is installed, else a deterministic synthetic set (said so).
 * PyTorch's half (tools/train_epoch_check.py) runs when /usr/bin/python3 imports torch.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { noGrad } from '@x/autograd';
import { registerWasmBackend, threadsReady } from '@x/backend-wasm';
import { readIdxTensor } from '@x/data';
import * as nn from '@x/nn';
import { Adam } from '@x/optim';
import * as torch from '@x/tensor';
import { Tensor } from '@x/tensor';
import { load, registerParameterClass, save } from '../src/index';
import { TOOLS, tempDir, torchUnavailable } from './helpers';

registerWasmBackend();
await threadsReady();
registerParameterClass(nn.Parameter);
const noTorch = torchUnavailable();
if (noTorch !== null) console.log(`skipping the one-epoch PyTorch checks: ${noTorch}`);

const F = nn.functional;
const TRAIN = 2048;
const HELD_OUT = 64;
const BATCH = 64;
// FASHION_MNIST_DIR points elsewhere (or at nothing, to exercise the synthetic set).
const FASHION = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';

/** The seed's LeNet for 28x28 inputs, as tools/train_epoch_check.py's. */
class LeNet extends nn.Module {
  conv1 = new nn.Conv2d(1, 6, 5);
  conv2 = new nn.Conv2d(6, 16, 5);
  fc1 = new nn.Linear(16 * 4 * 4, 120);
  fc2 = new nn.Linear(120, 84);
  fc3 = new nn.Linear(84, 10);
  forward(x: Tensor): Tensor {
    let h = torch.maxPool2d(F.relu(this.conv1.forward(x)), 2);
    h = torch.maxPool2d(F.relu(this.conv2.forward(h)), 2);
    h = F.relu(this.fc1.forward(h.flatten(1)));
    h = F.relu(this.fc2.forward(h));
    return this.fc3.forward(h);
  }
}

interface Data {
  images: Tensor;
  labels: Tensor;
  heldOut: Tensor;
  heldOutLabels: Tensor;
  source: string;
}

/** Fashion-MNIST's first TRAIN + HELD_OUT training images scaled to [0, 1], or a synthetic stand-in. */
function data(): Data {
  const imagesFile = join(FASHION, 'train-images-idx3-ubyte.gz');
  const labelsFile = join(FASHION, 'train-labels-idx1-ubyte.gz');
  let images: Tensor;
  let labels: Tensor;
  let source: string;
  if (existsSync(imagesFile) && existsSync(labelsFile)) {
    images = readIdxTensor(imagesFile).narrow(0, 0, TRAIN + HELD_OUT).to('float32').div(255).unsqueeze(1);
    labels = readIdxTensor(labelsFile).narrow(0, 0, TRAIN + HELD_OUT).to('int64');
    source = `the first ${TRAIN + HELD_OUT} Fashion-MNIST training images (${FASHION})`;
  } else {
    // Ten classes, each a bright band at its own rows over uniform noise: learnable, deterministic.
    torch.manualSeed(0);
    labels = torch.randint(0, 10, [TRAIN + HELD_OUT]);
    const rows = torch.arange(28).view(1, 1, 28, 1);
    const band = rows.sub(labels.view(-1, 1, 1, 1).mul(2).add(4)).abs().le(1).to('float32');
    images = torch.rand([TRAIN + HELD_OUT, 1, 28, 28]).mul(0.5).add(band.mul(0.5)).expand(TRAIN + HELD_OUT, 1, 28, 28).contiguous();
    source = `a synthetic set (${FASHION} is absent: install Debian's dataset-fashion-mnist for the real one)`;
  }
  return {
    images: images.narrow(0, 0, TRAIN).contiguous(),
    labels: labels.narrow(0, 0, TRAIN).contiguous(),
    heldOut: images.narrow(0, TRAIN, HELD_OUT).contiguous(),
    heldOutLabels: labels.narrow(0, TRAIN, HELD_OUT).contiguous(),
    source,
  };
}

function python(...args: string[]): any {
  return JSON.parse(execFileSync('/usr/bin/python3', [join(TOOLS, 'train_epoch_check.py'), ...args], { encoding: 'utf8', timeout: 300000, maxBuffer: 256 << 20 }));
}

function fromValues(v: { shape: number[]; values: number[] }): Tensor {
  return torch.tensor(v.values, { dtype: 'float32' }).reshape(v.shape);
}

/** Largest |a - b| (float32 logits after conv/linear layers summed in different orders). */
function maxAbsDiff(a: Tensor, b: Tensor): number {
  expect(a.shape).toEqual(b.shape);
  const x = a.numpy();
  const y = b.numpy();
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(Number(x[i]) - Number(y[i])));
  return m;
}

function accuracy(logits: Tensor, labels: Tensor): number {
  return logits.argmax(1).eq(labels).to('float32').mean().item();
}

describe.skipIf(noTorch !== null)('one epoch, either side', () => {
  let d: Data;
  beforeAll(() => {
    d = data();
    console.log(`one-epoch data: ${d.source}`);
  });
  const dir = tempDir();
  const file = (n: string): string => join(dir, n);

  it('trained here with Adam for one epoch, saved: PyTorch (weights_only=True) gives the same held-out logits; the Adam state_dict continues in torch.optim.Adam', async () => {
    torch.manualSeed(0);
    const model = new LeNet();
    const opt = new Adam(model.parameters(), { lr: 1e-3 });
    let loss = NaN;
    for (let i = 0; i < TRAIN; i += BATCH) {
      loss = torch.tidy(() => {
        opt.zeroGrad();
        const l = F.crossEntropy(model.forward(d.images.narrow(0, i, BATCH)), d.labels.narrow(0, i, BATCH));
        l.backward();
        opt.step();
        return l.item();
      });
    }
    model.eval();
    const ours = noGrad(() => model.forward(d.heldOut));
    console.log(`trained here: last batch loss ${loss.toFixed(4)}, held-out accuracy ${accuracy(ours, d.heldOutLabels).toFixed(3)}`);
    await save(model.stateDict(), file('ours.pth'));
    await save(d.heldOut, file('held_out.pth'));
    const theirs = fromValues(python('logits', file('ours.pth'), file('held_out.pth')).logits);
    const diff = maxAbsDiff(theirs, ours);
    console.log(`ours → PyTorch: max |logit difference| ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(1e-5);

    // The optimizer's state_dict, saved here, loaded by torch.optim.Adam: one more step on each side.
    await save(opt.stateDict(), file('adam.pth'), { warnFloats: false });
    const batch = d.heldOut.narrow(0, 0, 16).contiguous();
    const batchLabels = d.heldOutLabels.narrow(0, 0, 16).contiguous();
    await save(batch, file('batch.pth'));
    await save(batchLabels, file('batch_labels.pth'));
    const r = python('step', file('ours.pth'), file('adam.pth'), file('batch.pth'), file('batch_labels.pth'));
    // 1.13 refuses its own optimizer state_dicts with weights_only=True: Python floats (lr, betas, eps).
    expect(r.weights_only_error).toMatch(/WeightsUnpickler error: Unsupported operand 71/);
    expect(r.steps).toEqual([...model.parameters()].map(() => TRAIN / BATCH));
    model.train();
    torch.tidy(() => {
      opt.zeroGrad();
      F.crossEntropy(model.forward(batch), batchLabels).backward();
      opt.step();
    });
    let worst = 0;
    for (const [name, p] of model.namedParameters()) worst = Math.max(worst, maxAbsDiff(fromValues(r.params[name]), p.detach()));
    console.log(`Adam step after loading our optimizer state in PyTorch: max |parameter difference| ${worst.toExponential(2)}`);
    expect(worst).toBeLessThanOrEqual(1e-6);
  }, 600000);

  it('trained in PyTorch for one epoch on the same tensors, loaded here: the same held-out logits', async () => {
    await save(d.images, file('images.pth'));
    await save(d.labels, file('labels.pth'));
    await save(d.heldOut, file('held_out.pth'));
    const r = python('train', file('images.pth'), file('labels.pth'), file('held_out.pth'), file('theirs.pth'));
    const model = new LeNet();
    const result = model.loadStateDict((await load(file('theirs.pth'))) as Record<string, Tensor>);
    expect(result.missingKeys).toEqual([]);
    const ours = noGrad(() => model.eval().forward(d.heldOut));
    const theirs = fromValues(r.logits);
    const diff = maxAbsDiff(ours, theirs);
    console.log(`PyTorch → ours: last batch loss ${Number(r.loss).toFixed(4)}, held-out accuracy ${accuracy(theirs, d.heldOutLabels).toFixed(3)}, max |logit difference| ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(1e-5);
  }, 600000);
});
