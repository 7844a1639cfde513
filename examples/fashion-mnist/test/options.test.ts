import { describe, expect, test } from 'vitest';
import { main } from '../src/cli';
import { helpText, parseOptions, UsageError } from '../src/options';
import { progress } from '../src/progress';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

describe('command line', () => {
  test("defaults are the recipe: 20 epochs, batch 256, Adam lr 1e-3, seed 0, no workers", () => {
    const o = parseOptions([]);
    expect(o).toEqual({
      epochs: 20, batchSize: 256, lr: 1e-3, workers: 0, seed: 0, data: null, subset: false, download: true, device: 'cpu', outputDir: 'output',
      checkpoint: 'output/FashionModel.pth', resume: null, limitBatches: null, progress: 'auto', help: false,
    });
  });

  test("every option, as --name value, --name=value and in argparse's snake_case", () => {
    const o = parseOptions(['--epochs', '3', '--batch_size=64', '--lr', '5e-4', '--workers', '2', '--seed=7', '--data', '/d', '--device', 'cpu',
      '--output-dir', '/tmp/o', '--checkpoint_path', '/tmp/m', '--resume', '/tmp/m.ckpt.pth', '--limit-batches', '4', '--progress', 'none', '--no-download']);
    expect(o).toMatchObject({ epochs: 3, batchSize: 64, lr: 5e-4, workers: 2, seed: 7, data: '/d', outputDir: '/tmp/o', checkpoint: '/tmp/m.pth', resume: '/tmp/m.ckpt.pth', limitBatches: 4, progress: 'none', download: false });
    expect(parseOptions(['--output_dir', 'runs']).checkpoint).toBe('runs/FashionModel.pth');
    expect(parseOptions(['--checkpoint', 'a/b.pth']).checkpoint).toBe('a/b.pth');
    expect(parseOptions(['--niter', '2']).epochs).toBe(2);
    expect(parseOptions(['--subset']).subset).toBe(true);
    expect(parseOptions(['-h']).help).toBe(true);
  });

  test.each([
    [['--epoch', '1'], "Unknown option '--epoch'"],
    [['-x'], "Unknown option '-x'"],
    [['data'], "Unexpected argument 'data'. This command does not take positional arguments"],
    [['--epochs'], "Option '--epochs <value>' argument missing"],
    [['--epochs', '--seed', '1'], "Option '--epochs' argument is ambiguous. Did you forget to specify the option argument for '--epochs'? To specify an option argument starting with a dash use '--epochs=-XYZ'."],
    [['--epochs', '0'], "--epochs expects a positive integer, got '0'"],
    [['--epochs', '1.5'], "--epochs expects a positive integer, got '1.5'"],
    [['--batch-size', 'ten'], "--batch-size expects a positive integer, got 'ten'"],
    [['--workers=-1'], "--workers expects a non-negative integer, got '-1'"],
    [['--seed', '99999999999999999999'], "--seed expects a non-negative integer, got '99999999999999999999'"],
    [['--limit-batches', '0'], "--limit-batches expects a positive integer, got '0'"],
    [['--lr', 'fast'], "--lr expects a positive number, got 'fast'"],
    [['--lr=-1'], "--lr expects a positive number, got '-1'"],
    [['--lr', ''], "--lr expects a positive number, got ''"],
    [['--progress', 'fancy'], "--progress expects one of auto, bar, lines, none; got 'fancy'"],
    [['--subset=yes'], "Option '--subset' does not take an argument"],
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
    for (const flag of ['--epochs N', '--batch-size N', '--lr LR', '--workers N', '--seed N', '--data DIR', '--subset', '--no-download', '--device DEVICE', '--output-dir DIR', '--checkpoint PATH', '--resume PATH', '--limit-batches N', '--progress MODE', '-h, --help']) {
      expect(out).toContain(`\n  ${flag} `);
    }
    expect(out).toContain('number of epochs in all: a resumed run continues up to it (default: 20)');
    expect(out).toContain('learning rate of Adam (default: 0.001)');
    expect(out).toContain('/usr/share/datasets/fashion-mnist');
  });

  test('a bad option exits with 2 and one error line that points at --help; nothing runs', async () => {
    const { code, out, err } = await cli('--epochs', 'many');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe("error: --epochs expects a positive integer, got 'many'\nusage: pnpm start [options]  (pnpm start -- --help lists them)\n");
    expect((await cli('--epochs', '--seed', '1')).err.split('\n')).toHaveLength(3); // the error line, the usage line, the final newline
  });

  test("a literal '--' (pnpm start -- --help) is skipped", async () => {
    expect((await cli('--', '--help')).code).toBe(0);
  });
});

describe('progress', () => {
  test('plain lines (not a terminal): one per quarter of the pass, never two for one batch', () => {
    let text = '';
    const report = progress('Epoch 1 train', 2, 'auto', { write: (t: string) => void (text += t), isTTY: false });
    report(1, 0.5);
    report(2, 0.25);
    expect(text.replace(/, [\d.]+s\n/g, '\n')).toBe('Epoch 1 train 1/2 batches, loss 0.5000\nEpoch 1 train 2/2 batches, loss 0.2500\n');
  });

  test('a bar on a terminal, redrawn in place, ending with a newline', () => {
    let text = '';
    const report = progress('Epoch 3 train', 4, 'auto', { write: (t: string) => void (text += t), isTTY: true });
    for (let i = 1; i <= 4; i++) report(i, 1 / i);
    expect(text.startsWith('\r[=====               ] Epoch 3 train 1/4 batches, loss 1.0000, ')).toBe(true);
    expect(text).toMatch(/\r\[={20}\] Epoch 3 train 4\/4 batches, loss 0\.2500, [\d.]+s\x1b\[K\n$/);
  });

  test("'none' writes nothing", () => {
    let text = '';
    progress('Epoch 1 val', 1, 'none', { write: (t: string) => void (text += t), isTTY: true })(1, 0.5);
    expect(text).toBe('');
  });
});
