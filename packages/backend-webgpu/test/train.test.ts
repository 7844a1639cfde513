/**
 * The seed tutorial's Fashion-MNIST CNN (shared/seed, "模型设计": Conv2d(1,32,5)-ReLU-MaxPool2d(2,2)-
 * Dropout(0.3)-Conv2d(32,64,5)-ReLU-MaxPool2d(2,2)-Dropout-Linear(1024,512)-ReLU-Linear(512,10),
 * CrossEntropyLoss, Adam lr 1e-3) trained for 20 steps on WebGPU and on the WASM backend from the same
 * seed on the same batches: the same initial weights (built on the CPU, then moved), the same dropout
 * masks (one Philox stream on both: setCpuRandomStream('philox')), so the losses must agree to float32 rounding.
 */
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import '@x/autograd';
import { createWasmBackend, registerWasmBackend } from '@x/backend-wasm';
import { readIdx } from '@x/data';
import * as nn from '@x/nn';
import { Adam } from '@x/optim';
import { backend, skipReason } from './gpu';

registerWasmBackend(await createWasmBackend({ singleThreaded: true }));
// One Philox stream on both devices (the CPU backends draw PyTorch's CPU generator by default).
torch.setCpuRandomStream('philox');

const DATA = '/usr/share/datasets/fashion-mnist';
const BATCH = 8;
const STEPS = 20;

class FashionCNN extends nn.Module {
  conv = new nn.Sequential(
    new nn.Conv2d(1, 32, 5), new nn.ReLU(), new nn.MaxPool2d(2, 2), new nn.Dropout(0.3),
    new nn.Conv2d(32, 64, 5), new nn.ReLU(), new nn.MaxPool2d(2, 2), new nn.Dropout(0.3),
  );
  fc = new nn.Sequential(new nn.Linear(64 * 4 * 4, 512), new nn.ReLU(), new nn.Linear(512, 10));
  forward(x: Tensor): Tensor {
    const features = this.conv.forward(x) as Tensor;
    return this.fc.forward(features.view(-1, 64 * 4 * 4)) as Tensor;
  }
}

/** The first BATCH * STEPS training images (scaled to [0, 1]) and labels, as CPU tensors. */
function batches(): { x: Tensor; y: Tensor }[] {
  const n = BATCH * STEPS;
  const images = readIdx(`${DATA}/train-images-idx3-ubyte.gz`);
  const labels = readIdx(`${DATA}/train-labels-idx1-ubyte.gz`);
  const pixels = Float32Array.from((images.data as Uint8Array).subarray(0, n * 784), (v) => v / 255);
  const classes = Array.from((labels.data as Uint8Array).subarray(0, n));
  const out: { x: Tensor; y: Tensor }[] = [];
  for (let s = 0; s < STEPS; s++) {
    out.push({
      x: torch.tensor(Array.from(pixels.subarray(s * BATCH * 784, (s + 1) * BATCH * 784))).reshape([BATCH, 1, 28, 28]),
      y: torch.tensor(classes.slice(s * BATCH, (s + 1) * BATCH), { dtype: 'int64' }),
    });
  }
  return out;
}

async function train(device: 'cpu' | 'webgpu', data: { x: Tensor; y: Tensor }[]): Promise<number[]> {
  torch.manualSeed(2024);
  const model = new FashionCNN().to(device);
  model.train();
  const criterion = new nn.CrossEntropyLoss();
  const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
  const losses: number[] = [];
  for (const { x, y } of data) {
    const loss = torch.tidy(() => {
      const l = criterion.forward(model.forward(x.to(device)), y.to(device)) as Tensor;
      optimizer.zeroGrad();
      l.backward();
      optimizer.step();
      return torch.keep(l.detach());
    });
    losses.push(await loss.itemAsync());
    loss.dispose();
  }
  return losses;
}

describe.skipIf(!backend)(`the seed's Fashion-MNIST CNN on webgpu and wasm ${skipReason}`, () => {
  it(`gives the same losses for ${STEPS} Adam steps (batch ${BATCH})`, async () => {
    const data = batches();
    const wasm = await train('cpu', data);
    const gpu = await train('webgpu', data);
    console.log(`[train] losses wasm:   ${wasm.map((v) => v.toFixed(6)).join(' ')}`);
    console.log(`[train] losses webgpu: ${gpu.map((v) => v.toFixed(6)).join(' ')}`);
    const worst = Math.max(...wasm.map((v, i) => Math.abs(v - gpu[i]!) / Math.abs(v)));
    console.log(`[train] largest relative difference ${worst.toExponential(2)}`);
    expect(wasm[STEPS - 1]).toBeLessThan(wasm[0]!);
    for (let i = 0; i < STEPS; i++) expect(Math.abs(gpu[i]! - wasm[i]!), `step ${i}`).toBeLessThanOrEqual(1e-4 * Math.abs(wasm[i]!) + 1e-5);
  }, 600_000);
});
