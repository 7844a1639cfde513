/**
 * The seed's training program: train(epoch) and val(epoch) as the chapter writes them, around them
 * the data choice, resuming, checkpoints, the plot and the results file.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as torch from '@x/torch';
import { loadCheckpoint, saveCheckpoint, trainingCheckpointPath, type EpochRecord } from './checkpoint';
import { chooseData, describeChoice, type ChooseOptions, type DataChoice } from './data-source';
import { fashionSplit } from './datasets.mjs';
import { Net } from './net';
import type { Options } from './options';
import { writePlot } from './plot';
import { Progress, type ProgressStream } from './progress';
import { writeResults, type Results } from './results';

const { DataLoader, datasetFromModule } = torch.utils.data;
type Loader = InstanceType<typeof DataLoader>;
type Batch = [torch.Tensor, torch.Tensor];

export interface RunIO {
  /** Where the seed's lines and the reports go (default console.log). */
  log?: (line: string) => void;
  /** Where the progress bar goes (default process.stderr). */
  progressOut?: ProgressStream;
  /** For tests: replaces the download step of the data search. */
  downloadInto?: ChooseOptions['downloadInto'];
}

/** Python's '{:.6f}'.format(x) (and '{:6f}', whose width 6 never pads a 6-decimal number). */
function f6(x: number): string {
  return x.toFixed(6);
}

/** The batches of one pass, stopping after `limit` of them (--limit-batches) when it is given. */
async function* batchesOf(loader: Loader, limit: number | null): AsyncGenerator<Batch> {
  let n = 0;
  if (limit === 0) return;
  for await (const batch of loader as unknown as AsyncIterable<Batch>) {
    yield batch;
    if (limit !== null && ++n >= limit) return;
  }
}

function passLength(loader: Loader, limit: number | null): number {
  return limit === null ? loader.length : Math.min(limit, loader.length);
}

function rssMiB(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

type Split = ReturnType<typeof fashionSplit>;

async function makeDatasets(choice: DataChoice, workers: number): Promise<[Split, Split]> {
  if (workers === 0) return [fashionSplit(choice.root, true), fashionSplit(choice.root, false)];
  // Worker threads receive the dataset as it is here and import its module to find the transform, toTensor, by name.
  const module = new URL('./datasets.mjs', import.meta.url);
  return [await datasetFromModule<Split>(module, 'fashionSplit', choice.root, true), await datasetFromModule<Split>(module, 'fashionSplit', choice.root, false)];
}

/**
 * Runs the program with parsed options: trains `options.epochs` epochs (counting those a resumed
 * checkpoint already did), printing the seed's lines, and writes the outputs. Resolves to the results.
 */
export async function run(options: Options, io: RunIO = {}): Promise<Results> {
  const log = io.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  torch.setDefaultDevice(options.device);
  torch.manualSeed(options.seed);

  const choice = await chooseData({ data: options.data, subset: options.subset, download: options.download, downloadInto: io.downloadInto });
  for (const note of choice.notes) log(`note: ${note}`);
  const [trainData, testData] = await makeDatasets(choice, options.workers);
  log(describeChoice(choice, trainData.length, testData.length));

  const trainLoader = new DataLoader(trainData, { batchSize: options.batchSize, shuffle: true, numWorkers: options.workers, dropLast: true, persistentWorkers: options.workers > 0 });
  const testLoader = new DataLoader(testData, { batchSize: options.batchSize, shuffle: false, numWorkers: options.workers, persistentWorkers: options.workers > 0 });

  const model = new Net();
  const criterion = new torch.nn.CrossEntropyLoss();
  const optimizer = new torch.optim.Adam(model.parameters(), { lr: options.lr });

  let history: EpochRecord[] = [];
  let firstEpoch = 1;
  if (options.resume !== null) {
    const resumed = await loadCheckpoint(options.resume, model, optimizer);
    history = resumed.history;
    firstEpoch = resumed.epoch + 1;
    torch.defaultGenerator.setState(resumed.rngState);
    log(`resumed from ${options.resume}: epoch ${resumed.epoch} done, continuing with epoch ${firstEpoch}`);
    if (firstEpoch > options.epochs) {
      log(`nothing to train: the checkpoint has done ${resumed.epoch} epochs and --epochs is ${options.epochs} (the total count); give --epochs ${resumed.epoch + 1} or more to continue`);
    }
  }
  log(`backend: ${torch.backendFor(options.device).name} on ${options.device}, ${torch.getNumThreads()} threads; seed ${options.seed}; batch ${options.batchSize}, lr ${options.lr}, ${options.workers} workers`);

  const checkpointFile = options.checkpoint.endsWith('.pth') ? options.checkpoint : `${options.checkpoint}.pth`;
  mkdirSync(options.outputDir, { recursive: true });
  mkdirSync(dirname(checkpointFile), { recursive: true });

  // 训练
  async function train(epoch: number): Promise<number> {
    model.train();
    let trainLoss = 0;
    const progress = new Progress(`Epoch ${epoch} train`, passLength(trainLoader, options.limitBatches), options.progress, io.progressOut);
    let done = 0;
    let seen = 0;
    for await (const [data, label] of batchesOf(trainLoader, options.limitBatches)) {
      optimizer.zeroGrad();
      const output = model.forward(data);
      const loss = criterion.forward(output, label) as torch.Tensor;
      loss.backward();
      optimizer.step();
      trainLoss += loss.item() * data.size(0);
      seen += data.size(0);
      progress.update(++done, trainLoss / seen);
    }
    trainLoss = trainLoss / trainData.length;
    log(`Epoch: ${epoch} \tTraining Loss: ${f6(trainLoss)}`);
    return trainLoss;
  }

  // 测试/验证
  async function val(epoch: number): Promise<[number, number]> {
    model.eval();
    let valLoss = 0;
    let correct = 0;
    let count = 0;
    const progress = new Progress(`Epoch ${epoch} val  `, passLength(testLoader, options.limitBatches), options.progress, io.progressOut);
    let done = 0;
    await torch.noGrad(async () => {
      for await (const [data, label] of batchesOf(testLoader, options.limitBatches)) {
        const output = model.forward(data);
        const preds = torch.argmax(output, 1);
        const loss = criterion.forward(output, label) as torch.Tensor;
        valLoss += loss.item() * data.size(0);
        correct += preds.eq(label).sum().item();
        count += label.size(0);
        progress.update(++done, valLoss / count);
      }
    });
    valLoss = valLoss / testData.length;
    const acc = correct / count;
    log(`Epoch: ${epoch} \tValidation Loss: ${f6(valLoss)}, Accuracy: ${f6(acc)}`);
    return [valLoss, acc];
  }

  const results = (finished: boolean): Results => ({
    finished,
    program: "examples/fashion-mnist (the seed's chapter PyTorch实战)",
    options: { ...options },
    backend: { device: options.device, name: torch.backendFor(options.device).name, threads: torch.getNumThreads() },
    node: process.version,
    seed: options.seed,
    data: { kind: choice.kind, root: choice.root, how: choice.how, train: trainData.length, test: testData.length },
    epochs: history,
    bestAccuracy: history.reduce((m, e) => Math.max(m, e.accuracy), 0),
    seconds: (performance.now() - started) / 1000,
    files: { model: checkpointFile, checkpoint: trainingCheckpointPath(checkpointFile), plot: `${options.outputDir}/training.png`, results: `${options.outputDir}/results.json` },
  });

  try {
    for (let epoch = firstEpoch; epoch <= options.epochs; epoch++) {
      const t0 = performance.now();
      const trainLoss = await train(epoch);
      const t1 = performance.now();
      const [valLoss, accuracy] = await val(epoch);
      const t2 = performance.now();
      // What is really alive: the tensors nobody disposed are reclaimed first (the count is then
      // the same after every epoch from the second on).
      torch.reclaim();
      history.push({ epoch, trainLoss, valLoss, accuracy, seconds: (t2 - t0) / 1000, trainSeconds: (t1 - t0) / 1000, valSeconds: (t2 - t1) / 1000, rssMiB: rssMiB(), liveTensors: torch.memory().numTensors });
      // After every epoch, so an interrupted run resumes from its last finished epoch, and a long
      // run's plot and results can be looked at while it goes on.
      await saveCheckpoint(trainingCheckpointPath(checkpointFile), { model, optimizer, epoch, history, rngState: torch.defaultGenerator.getState() });
      const partial = results(false);
      writePlot(partial.files.plot, history);
      writeResults(partial.files.results, partial);
    }
  } finally {
    await trainLoader.close();
    await testLoader.close();
  }

  await torch.save(model.stateDict(), checkpointFile);
  const out = results(true);
  writePlot(out.files.plot, history);
  writeResults(out.files.results, out);
  log(`saved the model to ${checkpointFile} (torch.save(model.stateDict())), the training checkpoint to ${out.files.checkpoint}, the plot to ${out.files.plot}, the results to ${out.files.results}`);
  return out;
}
