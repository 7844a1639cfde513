/** The command line, parsed by node:util's parseArgs: every hyperparameter is an option with a default. */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROGRESS_MODES } from './progress';

/** A mistake on the command line: the program exits with 2, as argparse does. */
export class UsageError extends Error {}

const OPTIONS = {
  epochs: { type: 'string', default: '20', metavar: 'N', help: 'number of epochs in all: a resumed run continues up to it' },
  'batch-size': { type: 'string', default: '256', metavar: 'N', help: 'input batch size' },
  lr: { type: 'string', default: '0.001', metavar: 'LR', help: 'learning rate of Adam' },
  workers: { type: 'string', default: '0', metavar: 'N', help: 'DataLoader worker threads (0: load in the main thread)' },
  seed: { type: 'string', default: '0', metavar: 'N', help: 'random seed: the same seed gives the same losses on the same backend' },
  data: { type: 'string', metavar: 'DIR', help: 'folder with the four Fashion-MNIST IDX files, .gz or not (default: search, see below)' },
  subset: { type: 'boolean', help: 'train on the small subset committed with this example (6,000 / 1,000 images)' },
  'no-download': { type: 'boolean', help: 'never try to download Fashion-MNIST' },
  device: { type: 'string', default: 'cpu', metavar: 'DEVICE', help: 'device to train on' },
  'output-dir': { type: 'string', default: 'output', metavar: 'DIR', help: 'where the plot training.png and results.json go' },
  checkpoint: { type: 'string', metavar: 'PATH', help: 'where torch.save(model.stateDict()) writes the model (default: <output-dir>/FashionModel.pth); the training checkpoint goes beside it as <name>.ckpt.pth' },
  resume: { type: 'string', metavar: 'PATH', help: 'continue from a training checkpoint (model, optimizer, epoch, history, random state)' },
  'limit-batches': { type: 'string', metavar: 'N', help: 'stop each training and validation pass after N batches (quick checks)' },
  progress: { type: 'string', default: 'auto', metavar: 'MODE', help: `${PROGRESS_MODES.join(', ')}: auto draws a bar on a terminal and prints plain lines otherwise` },
  help: { type: 'boolean', short: 'h', help: 'show this help and exit' },
} as const;

const ALIASES: Record<string, string> = { niter: 'epochs', 'checkpoint-path': 'checkpoint' };
/** argparse scripts' spellings work too: `--batch_size=64` is `--batch-size=64`, `--niter` is `--epochs`, `--checkpoint_path` is `--checkpoint`. */
const canonical = (arg: string): string => arg.replace(/^--([^=]+)/, (_, given: string) => `--${ALIASES[given.replace(/_/g, '-')] ?? given.replace(/_/g, '-')}`);

function integer(name: string, raw: string, min: 0 | 1): number {
  if (/^\d+$/.test(raw) && Number(raw) >= min && Number.isSafeInteger(Number(raw))) return Number(raw);
  throw new UsageError(`--${name} expects ${min === 1 ? 'a positive' : 'a non-negative'} integer, got '${raw}'`);
}

/** parseArgs' messages name the option: those of several lines are joined, and the hint on positional arguments (there are none) dropped. */
function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: argv.map(canonical), options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError((e as Error).message.split('. To specify a positional')[0]!.replace(/\s*\n\s*/g, ' '));
  }
}

/** Parses the arguments after the script's name, e.g. `['--epochs', '1', '--batch_size=64']`. */
export function parseOptions(argv: readonly string[]) {
  const values = parse(argv);
  const lr = Number(values.lr);
  if (!(lr > 0 && Number.isFinite(lr))) throw new UsageError(`--lr expects a positive number, got '${values.lr}'`);
  const progress = PROGRESS_MODES.find((mode) => mode === values.progress);
  if (progress === undefined) throw new UsageError(`--progress expects one of ${PROGRESS_MODES.join(', ')}; got '${values.progress}'`);
  if (values.subset && values.data !== undefined) throw new UsageError('--subset and --data name two different datasets: give one');
  const [outputDir, limit] = [values['output-dir'], values['limit-batches']];
  return {
    epochs: integer('epochs', values.epochs, 1), batchSize: integer('batch-size', values['batch-size'], 1), lr, workers: integer('workers', values.workers, 0), seed: integer('seed', values.seed, 0),
    data: values.data ?? null, subset: values.subset ?? false, download: !values['no-download'], device: values.device, outputDir,
    checkpoint: (values.checkpoint ?? join(outputDir, 'FashionModel')).replace(/(\.pth)?$/, '.pth'), resume: values.resume ?? null,
    limitBatches: limit === undefined ? null : integer('limit-batches', limit, 1), progress, help: values.help ?? false,
  };
}

export type Options = ReturnType<typeof parseOptions>;

/** The --help text: every option with its default, and where the data is looked for. */
export function helpText(): string {
  const rows = Object.entries(OPTIONS).map(([name, o]) => [`  ${'short' in o ? `-${o.short}, ` : ''}--${name}${'metavar' in o ? ` ${o.metavar}` : ''}`, `${o.help}${'default' in o ? ` (default: ${o.default})` : ''}`] as const);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return `usage: pnpm start [options]

Trains a CNN on Fashion-MNIST; writes the model, a training checkpoint, a plot and a results JSON.

options:
${rows.map(([left, right]) => left.padEnd(width) + right).join('\n')}

Data: --data DIR, else the first of $FASHION_MNIST_DIR, ~/.cache/x/datasets ($XDG_CACHE_HOME/x/datasets) and
/usr/share/datasets/fashion-mnist that has the files, else a download into the cache, else the subset.`;
}
