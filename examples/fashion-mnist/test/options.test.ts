import { describe, expect, test } from 'vitest';
import { main } from '../src/cli';
import { defaultOptions, helpText, parseOptions, UsageError } from '../src/options';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

describe('command line', () => {
  test("defaults are the seed's recipe: 20 epochs, batch 256, Adam lr 1e-3, seed 0, no workers", () => {
    const o = parseOptions([]);
    expect(o).toMatchObject({ epochs: 20, batchSize: 256, lr: 1e-3, workers: 0, seed: 0, data: null, device: 'cpu', outputDir: 'output', resume: null, download: true });
    expect(o.checkpoint).toBe('output/FashionModel.pth');
  });

  test('every option, as --name value, --name=value and in the seed\'s snake_case', () => {
    const o = parseOptions(['--epochs', '3', '--batch_size=64', '--lr', '5e-4', '--workers', '2', '--seed=7', '--data', '/d', '--device', 'cpu',
      '--output-dir', '/tmp/o', '--checkpoint_path', '/tmp/m.pth', '--resume', '/tmp/m.ckpt.pth', '--limit-batches', '4', '--progress', 'none', '--no-download']);
    expect(o).toMatchObject({ epochs: 3, batchSize: 64, lr: 5e-4, workers: 2, seed: 7, data: '/d', outputDir: '/tmp/o', checkpoint: '/tmp/m.pth', resume: '/tmp/m.ckpt.pth', limitBatches: 4, progress: 'none', download: false });
    expect(parseOptions(['--output-dir', 'runs']).checkpoint).toBe('runs/FashionModel.pth');
    expect(parseOptions(['--niter', '2']).epochs).toBe(2);
    expect(parseOptions(['-h']).help).toBe(true);
  });

  test.each([
    [['--epoch', '1'], 'unknown option --epoch (did you mean --epochs?)'],
    [['--frobnicate'], 'unknown option --frobnicate'],
    [['data'], "unexpected argument 'data': every setting is an option such as --epochs 1"],
    [['--epochs'], '--epochs needs a value (N)'],
    [['--epochs', '--seed', '1'], '--epochs needs a value (N)'],
    [['--epochs', '0'], "--epochs expects a positive integer, got '0'"],
    [['--epochs', '1.5'], "--epochs expects a positive integer, got '1.5'"],
    [['--batch-size', 'ten'], "--batch-size expects a positive integer, got 'ten'"],
    [['--workers', '-1'], "--workers expects a non-negative integer, got '-1'"],
    [['--lr', 'fast'], "--lr expects a positive number, got 'fast'"],
    [['--lr', '-1'], "--lr expects a positive number, got '-1'"],
    [['--progress', 'fancy'], "--progress expects one of auto, bar, lines, none; got 'fancy'"],
    [['--subset=yes'], "--subset takes no value, got 'yes'"],
    [['--data', ''], '--data expects a value, got an empty string'],
    [['--subset', '--data', '/d'], '--subset and --data name two different datasets: give one'],
  ])('%j is refused: %s', (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(UsageError);
    expect(() => parseOptions(argv)).toThrow(message);
  });

  test('--help lists every option with its default and says where the data comes from', async () => {
    const { code, out, err } = await cli('--help');
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toBe(`${helpText()}\n`);
    for (const flag of ['--epochs N', '--batch-size N', '--lr LR', '--workers N', '--seed N', '--data DIR', '--device DEVICE', '--output-dir DIR', '--checkpoint PATH', '--resume PATH', '-h, --help']) expect(out).toContain(flag);
    expect(out).toContain('(default: 20)');
    expect(out).toContain('(default: 0.001)');
    expect(out).toContain('/usr/share/datasets/fashion-mnist');
    expect(Object.keys(defaultOptions()).length).toBeGreaterThan(10);
  });

  test('a bad option exits with 2 and one error line that points at --help; nothing runs', async () => {
    const { code, out, err } = await cli('--epochs', 'many');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe("error: --epochs expects a positive integer, got 'many'\nusage: pnpm start [options]  (pnpm start -- --help lists them)\n");
  });

  test("a literal '--' (pnpm start -- --help) is skipped", async () => {
    expect((await cli('--', '--help')).code).toBe(0);
  });
});

describe('progress', () => {
  test('plain lines (not a terminal): one per quarter of the pass, never two for one batch', async () => {
    const { Progress } = await import('../src/progress');
    let text = '';
    const p = new Progress('Epoch 1 train', 2, 'auto', { write: (t: string) => void (text += t), isTTY: false });
    p.update(1, 0.5);
    p.update(2, 0.25);
    expect(text.replace(/, [\d.]+s\n/g, '\n')).toBe('Epoch 1 train 1/2 batches, loss 0.5000\nEpoch 1 train 2/2 batches, loss 0.2500\n');
  });

  test('a bar on a terminal, redrawn in place, ending with a newline', async () => {
    const { Progress } = await import('../src/progress');
    let text = '';
    const p = new Progress('Epoch 3 train', 4, 'auto', { write: (t: string) => void (text += t), isTTY: true });
    for (let i = 1; i <= 4; i++) p.update(i, 1 / i);
    expect(text.startsWith('\rEpoch 3 train [')).toBe(true);
    expect(text).toMatch(/\rEpoch 3 train \[=+\] 4\/4 loss 0\.2500 [\d.]+s eta 0\.0s\x1b\[K\n$/);
  });
});
