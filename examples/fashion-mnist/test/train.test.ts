import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as torch from '@x/torch';
import { describe, expect, test } from 'vitest';
import { main } from '../src/cli';
import { chooseData, SUBSET_DIR } from '../src/data';
import { parseOptions } from '../src/options';
import { run } from '../src/train';

type Results = Awaited<ReturnType<typeof run>>;

const FILES = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'];

function tmp(name: string): string {
  return mkdtempSync(join(tmpdir(), `fashion-${name}-`));
}

/** A quick run on the committed subset: small batches, a few of them per pass. */
async function quick(dir: string, ...extra: string[]): Promise<{ results: Results; lines: string[] }> {
  const lines: string[] = [];
  const options = parseOptions(['--subset', '--epochs', '2', '--batch-size', '64', '--limit-batches', '3', '--output-dir', dir, '--progress', 'none', ...extra]);
  const results = await run(options, (l) => void lines.push(l));
  return { results, lines };
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

const losses = (r: Results): number[][] => r.epochs.map((e) => [e.trainLoss, e.valLoss, e.accuracy]);

const PYTHON = '/usr/bin/python3';
const noTorch = !existsSync(PYTHON) ? `${PYTHON} not found` : spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status !== 0 ? `${PYTHON} cannot import torch` : null;

describe('training on the committed subset', () => {
  test("prints the seed's lines, and the same seed gives the same losses (another seed does not)", async () => {
    const a = await quick(tmp('a'), '--seed', '0');
    const b = await quick(tmp('b'), '--seed', '0');
    const c = await quick(tmp('c'), '--seed', '1');
    expect(losses(a.results)).toEqual(losses(b.results));
    expect(losses(c.results)).not.toEqual(losses(a.results));
    const seedLines = a.lines.filter((l) => l.startsWith('Epoch: '));
    expect(seedLines).toHaveLength(4);
    expect(seedLines[0]).toMatch(/^Epoch: 1 \tTraining Loss: \d\.\d{6}$/);
    expect(seedLines[1]).toMatch(/^Epoch: 1 \tValidation Loss: \d\.\d{6}, Accuracy: 0\.\d{6}$/);
    expect(seedLines[2]).toBe(`Epoch: 2 \tTraining Loss: ${a.results.epochs[1]!.trainLoss.toFixed(6)}`);
    expect(a.lines[0]).toBe(`data: the small Fashion-MNIST subset committed with this example (6000 training / 1000 test images, --subset) from ${SUBSET_DIR}`);
    // Training lowers the loss even in six small steps.
    expect(a.results.epochs[1]!.trainLoss).toBeLessThan(a.results.epochs[0]!.trainLoss);
  });

  test('nothing accumulates from step to step: no more live tensors after epoch 3 than after epoch 2', async () => {
    // (The garbage collector can only lower the later count; a leak of the 8 gradients a step
    // would raise it by 24 here.)
    const { results } = await quick(tmp('leak'), '--epochs', '3');
    const [, second, third] = results.epochs;
    expect(third!.liveTensors).toBeLessThanOrEqual(second!.liveTensors);
  });

  test('worker threads (--workers 2) give exactly the batches, so the losses, of --workers 0', async () => {
    const w0 = await quick(tmp('w0'), '--epochs', '1');
    const w2 = await quick(tmp('w2'), '--epochs', '1', '--workers', '2');
    expect(losses(w2.results)).toEqual(losses(w0.results));
  });

  test('resume: 1 epoch, then --resume to 2, ends exactly where 2 epochs straight end (model, optimizer, epoch, random state)', async () => {
    const straight = await quick(tmp('straight'));
    const dir = tmp('resumed');
    const first = await quick(dir, '--epochs', '1');
    const ckpt = first.results.files.checkpoint;
    expect(ckpt).toBe(join(dir, 'FashionModel.ckpt.pth'));
    const second = await quick(dir, '--epochs', '2', '--resume', ckpt);
    expect(second.lines).toContain(`resumed from ${ckpt}: epoch 1 done, continuing with epoch 2`);
    expect(second.lines.filter((l) => l.startsWith('Epoch: ')).map((l) => l.split(' ')[1])).toEqual(['2', '2']);
    expect(losses(second.results)).toEqual(losses(straight.results));
    expect(second.results.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    const a = (await torch.load(straight.results.files.model)) as Record<string, torch.Tensor>;
    const b = (await torch.load(second.results.files.model)) as Record<string, torch.Tensor>;
    expect(Object.keys(b)).toEqual(['conv.0.weight', 'conv.0.bias', 'conv.4.weight', 'conv.4.bias', 'fc.0.weight', 'fc.0.bias', 'fc.2.weight', 'fc.2.bias']);
    for (const k of Object.keys(a)) expect(b[k]!.equal(a[k]!), k).toBe(true);
    // Resuming past --epochs trains nothing and says why.
    const done = await quick(dir, '--epochs', '2', '--resume', ckpt);
    expect(done.lines.join('\n')).toContain('nothing to train: the checkpoint has done 2 epochs and --epochs is 2 (the total count); give --epochs 3 or more to continue');
  });

  test('results JSON: options, backend, seed, data, and every epoch with its timing and memory', async () => {
    const dir = tmp('results');
    const { results } = await quick(dir, '--seed', '3');
    const saved = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Results;
    expect(saved).toEqual(JSON.parse(JSON.stringify(results)));
    expect(saved.finished).toBe(true);
    expect(saved.seed).toBe(3);
    expect(saved.backend).toEqual({ device: 'cpu', name: torch.backendFor('cpu').name, threads: torch.getNumThreads() });
    expect(saved.data).toEqual({ kind: 'subset', root: SUBSET_DIR, how: '--subset', train: 6000, test: 1000 });
    expect(saved.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    for (const e of saved.epochs) {
      expect(e.seconds).toBeCloseTo(e.trainSeconds + e.valSeconds, 6);
      expect(e.rssMiB).toBeGreaterThan(10);
      expect(e.liveTensors).toBeGreaterThan(8);
      expect(e.accuracy).toBeGreaterThanOrEqual(0);
      expect(e.accuracy).toBeLessThanOrEqual(1);
    }
    expect(saved.bestAccuracy).toBe(Math.max(...saved.epochs.map((e) => e.accuracy)));
    expect(saved.options.batchSize).toBe(64);
    expect(readFileSync(join(dir, 'training.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  test.skipIf(noTorch !== null)(`PyTorch loads the .pth into the seed's Net and reads the training checkpoint${noTorch ? ` (skipped: ${noTorch})` : ''}`, async () => {
    const dir = tmp('pytorch');
    const { results } = await quick(dir, '--epochs', '1');
    const script = `
import sys, torch, torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(1, 32, 5), nn.ReLU(), nn.MaxPool2d(2, stride=2), nn.Dropout(0.3),
                                  nn.Conv2d(32, 64, 5), nn.ReLU(), nn.MaxPool2d(2, stride=2), nn.Dropout(0.3))
        self.fc = nn.Sequential(nn.Linear(64 * 4 * 4, 512), nn.ReLU(), nn.Linear(512, 10))
    def forward(self, x):
        return self.fc(self.conv(x).view(-1, 64 * 4 * 4))
model = Net()
model.load_state_dict(torch.load(sys.argv[1], weights_only=True))
# 1.13's weights_only unpickler has no BINFLOAT opcode, so no optimizer state dict (lr, betas) loads with it
ckpt = torch.load(sys.argv[2])
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
opt.load_state_dict(ckpt['optimizer_state_dict'])
model.load_state_dict(ckpt['model_state_dict'])
print(ckpt['epoch'], len(ckpt['history']), float(ckpt['history'][0]['trainLoss']), int(opt.state_dict()['state'][0]['step']))
print(float(model.fc[2].bias.sum()))
`;
    const r = spawnSync(PYTHON, ['-c', script, results.files.model, results.files.checkpoint], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const [line1, line2] = r.stdout.trim().split('\n');
    expect(line1).toBe(`1 1 ${results.epochs[0]!.trainLoss} 3`);
    const sd = (await torch.load(results.files.model)) as Record<string, torch.Tensor>;
    expect(Number(line2)).toBeCloseTo(sd['fc.2.bias']!.sum().item() as number, 5);
  });
});

describe('data: the full dataset when found, a download when online, else the committed subset', () => {
  test('the subset is stratified: 600 training and 100 test images of each class', () => {
    for (const [file, perClass] of [['train-labels-idx1-ubyte.gz', 600], ['t10k-labels-idx1-ubyte.gz', 100]] as const) {
      const labels = gunzipSync(readFileSync(join(SUBSET_DIR, file))).subarray(8);
      const counts = new Array(10).fill(0);
      for (const l of labels) counts[l]++;
      expect(counts).toEqual(new Array(10).fill(perClass));
    }
  });

  test('search order, then a download, then the subset, each saying why', async () => {
    const empty = tmp('empty');
    const full = tmp('full');
    for (const f of FILES) copyFileSync(join(SUBSET_DIR, f), join(full, f));
    expect(await chooseData({ data: null, subset: false, download: true, searchPath: [empty, full] })).toEqual({ kind: 'full', root: full, how: 'found' });
    const env = { XDG_CACHE_HOME: tmp('cache') };
    const offline = await chooseData({ data: null, subset: false, download: true, env, searchPath: [empty], downloadInto: async () => { throw new Error('could not download train-images-idx3-ubyte.gz; tried http://x/ (fetch failed: ENOTFOUND)'); } });
    expect(offline).toEqual({
      kind: 'subset', root: SUBSET_DIR,
      how: `the full dataset is not available: no Fashion-MNIST in ${empty}; download failed: could not download train-images-idx3-ubyte.gz; tried http://x/ (fetch failed: ENOTFOUND)`,
    });
    const noDownload = await chooseData({ data: null, subset: false, download: false, env, searchPath: [empty] });
    expect(noDownload.how).toBe(`the full dataset is not available: no Fashion-MNIST in ${empty}; downloading is off (--no-download)`);
    const downloaded = await chooseData({
      data: null, subset: false, download: true, env, searchPath: [empty],
      downloadInto: async (root) => {
        const raw = join(root, 'FashionMNIST', 'raw');
        mkdirSync(raw, { recursive: true });
        for (const f of FILES) copyFileSync(join(SUBSET_DIR, f), join(raw, f));
      },
    });
    expect(downloaded).toMatchObject({ kind: 'full', root: join(env.XDG_CACHE_HOME, 'x', 'datasets'), how: 'downloaded' });
    const incomplete = await chooseData({ data: null, subset: false, download: true, env: { XDG_CACHE_HOME: tmp('cache') }, searchPath: [empty], downloadInto: async () => {} });
    expect(incomplete).toMatchObject({ kind: 'subset', how: expect.stringContaining('download failed: Dataset not found: FashionMNIST (train split) needs train-images-idx3-ubyte[.gz]') });
  });
});

describe('bad input: one clear error line naming the file, row or index; exit code 1; nothing hangs', () => {
  function dataDir(name: string, edit?: (file: string, bytes: Buffer) => Buffer | null): string {
    const dir = tmp(name);
    for (const f of FILES) {
      const bytes = readFileSync(join(SUBSET_DIR, f));
      const out = edit ? edit(f, bytes) : bytes;
      if (out !== null) writeFileSync(join(dir, f), out);
    }
    return dir;
  }
  const common = ['--epochs', '1', '--limit-batches', '1', '--progress', 'none'];

  test('a missing file', async () => {
    const dir = dataDir('missing', (f, b) => (f.startsWith('t10k-labels') ? null : b));
    const { code, err } = await cli('--data', dir, '--output-dir', tmp('o'), ...common);
    expect(code).toBe(1);
    expect(err).toBe(
      `error: Dataset not found: FashionMNIST (test split) needs t10k-labels-idx1-ubyte[.gz], looked in ${join(dir, 'FashionMNIST', 'raw')} and ${dir}. ` +
        "Use `await FashionMNIST.create(root, { download: true })` to download it, or point root at a folder that has the files (Debian's dataset-fashion-mnist package installs them in /usr/share/datasets/fashion-mnist).\n",
    );
  });

  test('a truncated .gz file, and a truncated IDX inside a whole .gz', async () => {
    const cut = dataDir('cut', (f, b) => (f.startsWith('train-images') ? b.subarray(0, b.length - 1000) : b));
    const r1 = await cli('--data', cut, '--output-dir', tmp('o'), ...common);
    expect(r1.code).toBe(1);
    expect(r1.err).toMatch(new RegExp(`^error: ${join(cut, 'train-images-idx3-ubyte.gz')} is truncated or corrupt: its gzip data could not be decompressed \\(.*\\); the file has \\d+ bytes\\n$`));
    const short = dataDir('short', (f, b) => (f.startsWith('t10k-images') ? gzipSync(gunzipSync(b).subarray(0, 16 + 999 * 784)) : b));
    const r2 = await cli('--data', short, '--output-dir', tmp('o'), ...common);
    expect(r2.code).toBe(1);
    expect(r2.err).toBe(`error: ${join(short, 't10k-images-idx3-ubyte.gz')} is truncated: its header says 1000x28x28 unsigned byte values, 784016 bytes with the header, but decompressed, it has 783232 bytes\n`);
  });

  test('a label out of range', async () => {
    const dir = dataDir('label', (f, b) => {
      if (!f.startsWith('train-labels')) return b;
      const raw = gunzipSync(b);
      raw[8 + 41] = 10;
      return gzipSync(raw);
    });
    const { code, err } = await cli('--data', dir, '--output-dir', tmp('o'), ...common);
    expect(code).toBe(1);
    expect(err).toBe(`error: ${join(dir, 'train-labels-idx1-ubyte.gz')}: label 10 at index 41 is out of range for FashionMNIST's 10 classes (0 … 9)\n`);
  });

  test('resuming from a file that is not a training checkpoint', async () => {
    const dir = tmp('notckpt');
    const model = join(dir, 'model.pth');
    const { results } = await quick(dir, '--epochs', '1', '--checkpoint', model);
    const r1 = await cli('--subset', '--output-dir', dir, '--resume', results.files.model, ...common);
    expect(r1.code).toBe(1);
    expect(r1.err).toBe(
      `error: --resume: ${model} is not a training checkpoint (a dict with epoch, model_state_dict and optimizer_state_dict): it is a model state dict, with no optimizer state to resume\n`,
    );
    const r2 = await cli('--subset', '--output-dir', dir, '--resume', join(dir, 'nope.pth'), ...common);
    expect(r2.err).toBe(`error: --resume: ${join(dir, 'nope.pth')} does not exist (a training checkpoint is written after every epoch as <checkpoint>.ckpt.pth)\n`);
  });

  test('an unknown device', async () => {
    const { code, err } = await cli('--subset', '--device', 'tpu', '--output-dir', tmp('o'), ...common);
    expect(code).toBe(1);
    expect(err).toMatch(/^error: .*tpu.*\n$/);
  });
});
