/**
 * tfjs's side of the Fashion-MNIST benchmark: the same network in tfjs-layers 4.22 on
 * tfjs-backend-wasm 4.22 (Adam lr 1e-3, batch 256, shuffled, softmax cross-entropy). Stock
 * tfjs-backend-wasm cannot train it: it has no Conv2DBackpropFilter kernel (tfjs#8474). This side
 * registers one built from the backend's own kernels (../tfjs-training.ts, shared with the conv rows),
 * checked against tfjs-backend-cpu's first; without it (or if the check fails) it reports "cannot train"
 * and times forward passes only.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';
import { readIdx } from '@x/data';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { parseSideArgs, peakRssMiB, rssMiB, type EpochReport, type SideReport } from './report';
import { checkFilterKernel, registerConv2DBackpropFilter } from '../tfjs-training';

const args = parseSideArgs(process.argv.slice(2));
const stock = process.argv.includes('--stock');
await tf.setBackend('wasm');
await tf.ready();

function file(base: string): string {
  for (const folder of [join(args.data, 'FashionMNIST', 'raw'), args.data]) {
    for (const name of [base, `${base}.gz`]) if (existsSync(join(folder, name))) return join(folder, name);
  }
  throw new Error(`${base}[.gz] not found in ${args.data}`);
}
const images = readIdx(file('train-images-idx3-ubyte')).data as Uint8Array;
const labels = readIdx(file('train-labels-idx1-ubyte')).data as Uint8Array;
const count = labels.length;

const model = tfl.sequential({
  layers: [
    tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 5, activation: 'relu' }),
    tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
    tfl.layers.dropout({ rate: 0.3 }),
    tfl.layers.conv2d({ filters: 64, kernelSize: 5, activation: 'relu' }),
    tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
    tfl.layers.dropout({ rate: 0.3 }),
    tfl.layers.flatten(),
    tfl.layers.dense({ units: 512, activation: 'relu' }),
    tfl.layers.dense({ units: 10 }),
  ],
});
model.compile({ optimizer: tf.train.adam(1e-3), loss: (y: tf.Tensor, p: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, p) });

/** A shuffled pass's batches (dropLast), each as x [B, 28, 28, 1] in [0, 1] and one-hot y. */
function* batches(shuffle: boolean): Generator<[tf.Tensor4D, tf.Tensor2D]> {
  const order = Array.from({ length: count }, (_, i) => i);
  if (shuffle) for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const B = args.batchSize;
  for (let start = 0; start + B <= count; start += B) {
    const x = new Float32Array(B * 784);
    const y = new Int32Array(B);
    for (let b = 0; b < B; b++) {
      const i = order[start + b]!;
      for (let p = 0; p < 784; p++) x[b * 784 + p] = images[i * 784 + p]! / 255;
      y[b] = labels[i]!;
    }
    yield [tf.tensor4d(x, [B, 28, 28, 1]), tf.tidy(() => tf.oneHot(tf.tensor1d(y, 'int32'), 10) as tf.Tensor2D)];
  }
}

let cannotTrain: string | undefined;
if (stock) {
  // Try: the error is the evidence.
  const [x, y] = batches(false).next().value as [tf.Tensor4D, tf.Tensor2D];
  try {
    await model.trainOnBatch(x, y);
  } catch (e) {
    cannotTrain = `${(e as Error).message} (tfjs#8474)`;
  }
  tf.dispose([x, y]);
} else {
  registerConv2DBackpropFilter();
  const diff = await checkFilterKernel();
  if (!(diff < 1e-4)) cannotTrain = `the added Conv2DBackpropFilter disagrees with tfjs-backend-cpu's by ${diff}`;
}

// tfjs trains this network slowly (single-threaded in Node): time the first `--tfjs-batches` batches
// of each pass and scale to the whole pass; the report says so.
const limitAt = process.argv.indexOf('--tfjs-batches');
const limit = limitAt >= 0 ? Number(process.argv[limitAt + 1]) : 12;
const perEpoch = Math.floor(count / args.batchSize);
const timed = Math.min(limit, perEpoch);
const epochs: EpochReport[] = [];
for (let e = 0; e < args.epochs; e++) {
  const t0 = performance.now();
  let total = 0;
  let n = 0;
  for (const [x, y] of batches(true)) {
    if (n === timed) {
      tf.dispose([x, y]);
      break;
    }
    if (cannotTrain) {
      total += tf.tidy(() => tf.losses.softmaxCrossEntropy(y, model.predict(x) as tf.Tensor).dataSync()[0]!);
    } else {
      total += (await model.trainOnBatch(x, y)) as number;
    }
    n++;
    tf.dispose([x, y]);
  }
  epochs.push({ seconds: ((performance.now() - t0) / 1000) * (perEpoch / timed), rssMiB: rssMiB(), loss: total / n });
}
const report: SideReport = {
  name: `tfjs-layers 4.22 (wasm${stock ? ', stock' : ', + filter grad'})`,
  detail: `tfjs-backend-wasm ${tf.version_core} (1 thread), ${cannotTrain ? 'forward passes only' : 'Conv2DBackpropFilter added from its own transposes and Conv2D'}; epoch time scaled from ${timed} of ${perEpoch} batches; ${tf.memory().numTensors} live tensors after`,
  epochs,
  peakRssMiB: peakRssMiB(),
  ...(cannotTrain ? { cannotTrain } : {}),
};
console.log(JSON.stringify(report));
process.exit(0);
