/** The command line: its help, a bad option (exit 2, one `error:` line), a failure while running (exit 1, naming the file). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../src/cli';
import { SUBSET } from '../src/data';
import { parseOptions } from '../src/options';
import { progressBar } from '../src/progress';

const dir = mkdtempSync(join(tmpdir(), 'finetune-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let [out, err] = ['', ''];
  const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

describe('options', () => {
  test('defaults, and the snake_case spellings of argparse scripts', () => {
    expect(parseOptions([])).toMatchObject({ weights: null, data: null, perClass: 250, valPerClass: 50, imageSize: 112, epochs: 1, batchSize: 16, lr: 0.01, workers: 0, outputDir: 'output', limitBatches: null });
    expect(parseOptions(['--batch_size=8', '--per_class', '10', '--image-size', '64'])).toMatchObject({ batchSize: 8, perClass: 10, imageSize: 64 });
  });

  test('--help lists every option with its default; a leading -- (pnpm start -- --help) is skipped', async () => {
    const { code, out } = await cli('--', '--help');
    expect(code).toBe(0);
    expect(out).toMatch(/^usage: pnpm start \[options\]/);
    expect(out).toContain('--image-size N');
    expect(out).toContain('(default: 112)');
  });

  test.each([
    [['--epochs', '0'], "error: --epochs expects a positive integer, got '0'"],
    [['--lr', 'fast'], "error: --lr expects a positive number, got 'fast'"],
    [['--image-size', '16'], 'error: --image-size expects at least 32 (resnet18 downsamples by 32), got 16'],
    [['--workers=-1'], "error: --workers expects a non-negative integer, got '-1'"],
    [['--progress', 'loud'], "error: --progress expects one of auto, bar, lines, none, got 'loud'"],
    [['--frobnicate'], "error: Unknown option '--frobnicate'"],
  ])('%j exits with 2 and one error: line', async (argv, message) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err.split('\n')[0]).toBe(message);
    expect(err.split('\n')[1]).toMatch(/^usage: pnpm start/);
  });

  test('a missing weights file exits with 1, naming it', async () => {
    const missing = join(dir, 'no-such-resnet18.pth');
    const { code, err } = await cli('--weights', missing, '--data', SUBSET, '--per-class', '1', '--val-per-class', '1', '--output-dir', join(dir, 'out'));
    expect(code).toBe(1);
    expect(err).toBe(`error: --weights: ${missing} does not exist (save resnet18's weights in Python with torch.save(model.state_dict(), path))\n`);
  });

  test('a Fashion-MNIST folder without the files exits with 1, naming it', async () => {
    const { code, err } = await cli('--data', dir, '--output-dir', join(dir, 'out'));
    expect(code).toBe(1);
    expect(err).toMatch(/^error: .*/);
    expect(err).toContain(dir);
  });
});

describe('progress', () => {
  test('lines: one at each quarter of the pass; bar: redrawn in place, ending the line when done', () => {
    const [lines, bar]: string[][] = [[], []];
    const reportLines = progressBar('Epoch 1 train', 8, 'lines', { write: (t) => lines.push(t) });
    const reportBar = progressBar('Epoch 1 train', 2, 'bar', { write: (t) => bar.push(t) });
    for (let i = 1; i <= 8; i++) reportLines(i, 1 / i);
    reportBar(1, 0.5);
    reportBar(2, 0.25);
    expect(lines.map((l) => l.replace(/, [\d.]+s\n$/, ''))).toEqual(['Epoch 1 train 2/8, loss 0.5000', 'Epoch 1 train 4/8, loss 0.2500', 'Epoch 1 train 6/8, loss 0.1667', 'Epoch 1 train 8/8, loss 0.1250']);
    expect(bar[0]).toMatch(/^\rEpoch 1 train \|█{12} {12}\| 1\/2, loss 0\.5000, [\d.]+s\x1b\[K$/);
    expect(bar[1]).toMatch(/\|█{24}\| 2\/2, loss 0\.2500, [\d.]+s\x1b\[K\n$/);
  });
});
