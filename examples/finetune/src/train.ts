/** Fine-tunes the head: the ImageFolder with ImageNet's normalisation, SGD on fc's parameters only, a validation pass per epoch, the outputs. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as torch from '@x/torch';
import { fashionRoot, writeImageFolder } from './data';
import { finetuneHubModel, finetuneModel, headOf } from './model';
import type { Options } from './options';
import { renderChart } from './plot';
import { progressBar } from './progress';

const { DataLoader } = torch.utils.data;
const { datasets, transforms: T } = torch.vision;
type Batch = [torch.Tensor, torch.Tensor];

/** Writes the whole file or nothing, so that a reader never sees half of it. */
function writeWhole(path: string, data: string | Uint8Array): void {
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
}

export async function run(options: Options, log: (line: string) => void = console.log) {
  torch.manualSeed(options.seed);
  mkdirSync(options.outputDir, { recursive: true });
  const files = { images: join(options.outputDir, 'images'), model: join(options.outputDir, 'finetuned.pth'), check: join(options.outputDir, 'check.pth'), plot: join(options.outputDir, 'results.png'), results: join(options.outputDir, 'results.json') };

  const fashion = fashionRoot(options.data);
  const folders = await writeImageFolder(fashion, files.images, options.perClass, options.valPerClass);
  // The loader opens each PNG as RGB (the gray channel three times), as PIL's convert('RGB') does: resnet18 takes 3 channels.
  const transform = new T.Compose([new T.Resize(options.imageSize), new T.ToTensor(), new T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])]);
  const [trainData, valData] = [new datasets.ImageFolder(folders.train, { transform }), new datasets.ImageFolder(folders.val, { transform })];
  log(`data: ${trainData.length} training / ${valData.length} validation PNGs of ${trainData.classes.join(', ')} (Fashion-MNIST from ${fashion}) in ${files.images}`);
  const loaderOptions = { batchSize: options.batchSize, numWorkers: options.workers, persistentWorkers: options.workers > 0 };
  const trainLoader = new DataLoader<Batch>(trainData, { ...loaderOptions, shuffle: true });
  const valLoader = new DataLoader<Batch>(valData, { ...loaderOptions, shuffle: false });

  const arch = options.hubModel ?? 'resnet18';
  if (options.weights === null) log(`weights: none given (--weights PATH), so ${arch} starts from random initialisation`);
  const model = options.hubModel === null ? await finetuneModel(options.weights, trainData.classes.length) : await finetuneHubModel(options.hubModel, options.weights, trainData.classes.length);
  if (options.weights !== null) log(`weights: ${arch} loaded from ${options.weights}`);
  const head = headOf(model);
  const trainable = [...model.namedParameters()].filter(([, p]) => p.requiresGrad);
  const count = (params: torch.Tensor[]): number => params.reduce((n, p) => n + p.numel(), 0);
  const trainableCount = count(trainable.map(([, p]) => p));
  log(`trainable: ${trainable.map(([name, p]) => `${name} [${p.shape.join(', ')}]`).join(', ')}: ${trainableCount.toLocaleString('en')} of ${count([...model.parameters()]).toLocaleString('en')} parameters`);
  const fcBefore = { weight: head.weight.detach().clone(), bias: head.bias!.detach().clone() };

  const criterion = new torch.nn.CrossEntropyLoss();
  const optimizer = new torch.optim.SGD(trainable.map(([, p]) => p), { lr: options.lr, momentum: 0.9 });
  const passLength = (loader: { length: number }): number => Math.min(loader.length, options.limitBatches ?? Infinity);
  const batchLosses: number[] = [];

  async function train(epoch: number): Promise<number> {
    model.train();
    let [total, seen, step] = [0, 0, 0];
    const report = progressBar(`Epoch ${epoch} train`, passLength(trainLoader), options.progress);
    for await (const [inputs, labels] of trainLoader) {
      optimizer.zeroGrad();
      const loss = criterion.forward(model.forward(inputs), labels);
      loss.backward();
      optimizer.step();
      batchLosses.push(loss.item());
      total += loss.item() * inputs.size(0);
      seen += inputs.size(0);
      report(++step, total / seen);
      if (step === options.limitBatches) break;
    }
    log(`Epoch: ${epoch} \tTraining Loss: ${(total / seen).toFixed(6)}`);
    return total / seen;
  }

  async function validate(epoch: number) {
    model.eval();
    let [total, step] = [0, 0];
    const [predicted, actual]: number[][] = [[], []];
    const report = progressBar(`Epoch ${epoch} val  `, passLength(valLoader), options.progress);
    await torch.noGrad(async () => {
      for await (const [inputs, labels] of valLoader) {
        const outputs = model.forward(inputs);
        total += criterion.forward(outputs, labels).item() * inputs.size(0);
        predicted.push(...(torch.argmax(outputs, 1).tolist() as number[]));
        actual.push(...(labels.tolist() as number[]));
        report(++step, total / actual.length);
        if (step === options.limitBatches) break;
      }
    });
    const right = actual.map((label, i) => label === predicted[i]);
    const classAccuracy = trainData.classes.map((_, c) => right.filter((ok, i) => ok && actual[i] === c).length / Math.max(1, actual.filter((l) => l === c).length));
    const [valLoss, accuracy] = [total / actual.length, right.filter(Boolean).length / actual.length];
    log(`Epoch: ${epoch} \tValidation Loss: ${valLoss.toFixed(6)}, Accuracy: ${accuracy.toFixed(6)}`);
    return { valLoss, accuracy, classAccuracy };
  }

  const epochs = [];
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const start = performance.now();
      const trainLoss = await train(epoch);
      const trainSeconds = (performance.now() - start) / 1000;
      epochs.push({ epoch, trainLoss, ...(await validate(epoch)), trainSeconds, seconds: (performance.now() - start) / 1000 });
    }
    // The evidence for PyTorch (tools/finetune_roundtrip.py): the first validation batch, the logits this model gives it in eval mode, and fc before training.
    const [inputs, targets] = (await valLoader[Symbol.asyncIterator]().next()).value as Batch;
    const logits = torch.noGrad(() => model.forward(inputs));
    await torch.save({ inputs, targets, logits, fc_weight_before: fcBefore.weight, fc_bias_before: fcBefore.bias }, files.check);
  } finally {
    await trainLoader.close();
    await valLoader.close();
  }

  await torch.save(model.stateDict(), files.model);
  const last = epochs.at(-1)!;
  writeWhole(files.plot, await renderChart({ batchLosses, classes: trainData.classes, classAccuracy: last.classAccuracy, accuracy: last.accuracy }));
  const backend = { name: torch.backendFor('cpu').name, threads: torch.getNumThreads() };
  const results = {
    options, backend, data: { fashion, classes: trainData.classes, train: trainData.length, val: valData.length },
    trainable: { names: trainable.map(([name]) => name), count: trainableCount }, epochs, batchLosses, files,
  };
  writeWhole(files.results, `${JSON.stringify(results, null, 2)}\n`);
  log(`saved the model to ${files.model} (torch.save(model.stateDict())), the plot to ${files.plot}, the results to ${files.results}`);
  return results;
}
