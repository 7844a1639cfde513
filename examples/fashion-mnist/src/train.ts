/** Trains the CNN on Fashion-MNIST: cross-entropy, Adam, a validation pass after every epoch; resuming, a checkpoint every epoch, the plot and the results. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as torch from '@x/torch';
import { loadCheckpoint, saveCheckpoint, type TrainingState } from './checkpoint';
import { chooseData } from './data';
import { fashionSplit } from './datasets.mjs';
import { Net } from './net';
import type { Options } from './options';
import { renderChart } from './plot';
import { progress } from './progress';

const { DataLoader, datasetFromModule } = torch.utils.data;
type Split = ReturnType<typeof fashionSplit>;

/** Writes the whole file or nothing: the outputs are rewritten after every epoch and may be read meanwhile. */
function writeWhole(path: string, data: string | Uint8Array): void {
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
}

/** Trains up to `options.epochs` epochs (a resumed run counts those done), writes the outputs and resolves to the results. */
export async function run(options: Options, log: (line: string) => void = console.log) {
  torch.setDefaultDevice(options.device);
  torch.manualSeed(options.seed);

  const data = await chooseData(options);
  // With workers, each thread receives the split as it is and imports its module to find the transform.
  const split = (train: boolean) => (options.workers === 0 ? fashionSplit(data.root, train) : datasetFromModule<Split>(new URL('./datasets.mjs', import.meta.url), 'fashionSplit', data.root, train));
  const [trainData, testData] = [await split(true), await split(false)];
  log(`data: ${data.kind === 'full' ? 'Fashion-MNIST' : 'the small Fashion-MNIST subset committed with this example'} (${trainData.length} training / ${testData.length} test images, ${data.how}) from ${data.root}`);

  const workers = { numWorkers: options.workers, persistentWorkers: options.workers > 0 };
  const trainLoader = new DataLoader<[torch.Tensor, torch.Tensor]>(trainData, { batchSize: options.batchSize, shuffle: true, dropLast: true, ...workers });
  const testLoader = new DataLoader<[torch.Tensor, torch.Tensor]>(testData, { batchSize: options.batchSize, shuffle: false, ...workers });

  const model = new Net();
  const criterion = new torch.nn.CrossEntropyLoss();
  const optimizer = new torch.optim.Adam(model.parameters(), { lr: options.lr });

  const { epoch: done, history }: TrainingState = options.resume === null ? { epoch: 0, history: [] } : await loadCheckpoint(options.resume, model, optimizer);
  if (options.resume !== null) {
    log(`resumed from ${options.resume}: epoch ${done} done, continuing with epoch ${done + 1}`);
    if (done >= options.epochs) log(`nothing to train: the checkpoint has done ${done} epochs and --epochs is ${options.epochs} (the total count); give --epochs ${done + 1} or more to continue`);
  }
  const backend = { device: options.device, name: torch.backendFor(options.device).name, threads: torch.getNumThreads() };
  log(`backend: ${backend.name} on ${backend.device}, ${backend.threads} threads; seed ${options.seed}; batch ${options.batchSize}, lr ${options.lr}, ${options.workers} workers`);

  const files = { model: options.checkpoint, checkpoint: options.checkpoint.replace(/\.pth$/, '.ckpt.pth'), plot: join(options.outputDir, 'training.png'), results: join(options.outputDir, 'results.json') };
  for (const dir of [dirname(files.model), options.outputDir]) mkdirSync(dir, { recursive: true });
  const passLength = (loader: { length: number }): number => Math.min(loader.length, options.limitBatches ?? Infinity);

  async function train(epoch: number): Promise<number> {
    model.train();
    let [trainLoss, step] = [0, 0];
    const report = progress(`Epoch ${epoch} train`, passLength(trainLoader), options.progress);
    for await (const [data, label] of trainLoader) {
      optimizer.zeroGrad();
      const output = model.forward(data);
      const loss = criterion.forward(output, label);
      loss.backward();
      optimizer.step();
      trainLoss += loss.item() * data.size(0);
      report(++step, trainLoss / (step * options.batchSize));
      if (step === options.limitBatches) break;
    }
    trainLoss = trainLoss / trainData.length;
    log(`Epoch: ${epoch} \tTraining Loss: ${trainLoss.toFixed(6)}`);
    return trainLoss;
  }

  async function val(epoch: number): Promise<[number, number]> {
    model.eval();
    let [valLoss, correct, count, step] = [0, 0, 0, 0];
    const report = progress(`Epoch ${epoch} val  `, passLength(testLoader), options.progress);
    await torch.noGrad(async () => {
      for await (const [data, label] of testLoader) {
        const output = model.forward(data);
        const preds = torch.argmax(output, 1);
        const loss = criterion.forward(output, label);
        valLoss += loss.item() * data.size(0);
        correct += preds.eq(label).sum().item();
        count += label.size(0);
        report(++step, valLoss / count);
        if (step === options.limitBatches) break;
      }
    });
    valLoss = valLoss / testData.length;
    const acc = correct / count;
    log(`Epoch: ${epoch} \tValidation Loss: ${valLoss.toFixed(6)}, Accuracy: ${acc.toFixed(6)}`);
    return [valLoss, acc];
  }

  async function writeOutputs(finished: boolean) {
    const source = { kind: data.kind, root: data.root, how: data.how, train: trainData.length, test: testData.length };
    const results = { finished, options, backend, seed: options.seed, data: source, epochs: history, bestAccuracy: Math.max(0, ...history.map((e) => e.accuracy)), files };
    if (history.length > 0) writeWhole(files.plot, await renderChart(history));
    writeWhole(files.results, `${JSON.stringify(results, null, 2)}\n`);
    return results;
  }

  try {
    for (let epoch = done + 1; epoch <= options.epochs; epoch++) {
      const start = performance.now();
      const trainLoss = await train(epoch);
      const trainSeconds = (performance.now() - start) / 1000;
      const [valLoss, accuracy] = await val(epoch);
      const seconds = (performance.now() - start) / 1000;
      torch.reclaim(); // so that liveTensors counts only what is still reachable
      history.push({ epoch, trainLoss, valLoss, accuracy, seconds, trainSeconds, valSeconds: seconds - trainSeconds, rssMiB: process.memoryUsage().rss / 2 ** 20, liveTensors: torch.memory().numTensors });
      await saveCheckpoint(files.checkpoint, model, optimizer, { epoch, history });
      await writeOutputs(false);
    }
  } finally {
    await trainLoader.close();
    await testLoader.close();
  }
  await torch.save(model.stateDict(), files.model);
  const results = await writeOutputs(true);
  log(`saved the model to ${files.model} (torch.save(model.stateDict())), the training checkpoint to ${files.checkpoint}, the plot to ${files.plot}, the results to ${files.results}`);
  return results;
}
