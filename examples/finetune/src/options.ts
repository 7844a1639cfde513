/** The command line, parsed by node:util's parseArgs: every choice is an option with a default. */
import { parseArgs } from 'node:util';
import { PROGRESS_MODES } from './progress';

/** A mistake on the command line: the program exits with 2, as argparse does. */
export class UsageError extends Error {}

const OPTIONS = {
  weights: { type: 'string', metavar: 'PATH', help: "the model's state dict saved by PyTorch (torch.save(model.state_dict(), PATH)); without it, random initialisation" },
  'hub-model': { type: 'string', metavar: 'NAME', help: "a @x/hub (timm) model instead of torchvision's resnet18, e.g. resnet34 or test_resnet, made with createModel(NAME, { numClasses, pretrained })" },
  data: { type: 'string', metavar: 'DIR', help: 'folder with the Fashion-MNIST IDX files (default: /usr/share/datasets/fashion-mnist, else the subset committed with examples/fashion-mnist)' },
  'per-class': { type: 'string', default: '250', metavar: 'N', help: 'training images per class written to the ImageFolder' },
  'val-per-class': { type: 'string', default: '50', metavar: 'N', help: 'validation images per class' },
  'image-size': { type: 'string', default: '112', metavar: 'N', help: 'transforms.Resize to N x N' },
  epochs: { type: 'string', default: '1', metavar: 'N', help: 'number of epochs' },
  'batch-size': { type: 'string', default: '16', metavar: 'N', help: 'input batch size' },
  lr: { type: 'string', default: '0.01', metavar: 'LR', help: 'learning rate of SGD (momentum 0.9)' },
  workers: { type: 'string', default: '0', metavar: 'N', help: 'DataLoader worker threads (0: load in the main thread)' },
  seed: { type: 'string', default: '0', metavar: 'N', help: 'random seed' },
  'output-dir': { type: 'string', default: 'output', metavar: 'DIR', help: 'where the ImageFolder, the fine-tuned model, the plot and results.json go' },
  'limit-batches': { type: 'string', metavar: 'N', help: 'stop each training and validation pass after N batches (quick checks)' },
  progress: { type: 'string', default: 'auto', metavar: 'MODE', help: `${PROGRESS_MODES.join(', ')}: auto draws a bar on a terminal and prints plain lines otherwise` },
  help: { type: 'boolean', short: 'h', help: 'show this help and exit' },
} as const;

function integer(name: string, raw: string, min: 0 | 1 = 1): number {
  if (/^\d+$/.test(raw) && Number(raw) >= min && Number.isSafeInteger(Number(raw))) return Number(raw);
  throw new UsageError(`--${name} expects ${min === 1 ? 'a positive' : 'a non-negative'} integer, got '${raw}'`);
}

function positive(name: string, raw: string): number {
  if (Number(raw) > 0 && Number.isFinite(Number(raw))) return Number(raw);
  throw new UsageError(`--${name} expects a positive number, got '${raw}'`);
}

function oneOf<T extends string>(name: string, raw: string, choices: readonly T[]): T {
  const found = choices.find((choice) => choice === raw);
  if (found === undefined) throw new UsageError(`--${name} expects one of ${choices.join(', ')}, got '${raw}'`);
  return found;
}

/** node:util's parseArgs, its errors as UsageErrors on one line (without the hint on positional arguments: there are none). */
function parse(argv: readonly string[]) {
  // argparse scripts' snake_case spellings work too: --batch_size=16 is --batch-size=16.
  const args = argv.map((arg) => arg.replace(/^--[^=]+/, (name) => name.replace(/_/g, '-')));
  try {
    return parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (e) {
    const [message] = (e as Error).message.split('. To specify a positional');
    throw new UsageError(message!.replace(/\s*\n\s*/g, ' '));
  }
}

/** Parses the arguments after the script's name, e.g. `['--weights', 'resnet18.pth', '--epochs', '1']`. */
export function parseOptions(argv: readonly string[]) {
  const values = parse(argv);
  const imageSize = integer('image-size', values['image-size']);
  // resnet18 halves the size five times before its average pool: below 32 pixels nothing is left to pool.
  if (imageSize < 32) throw new UsageError(`--image-size expects at least 32 (resnet18 downsamples by 32), got ${imageSize}`);
  const limit = values['limit-batches'];
  return {
    weights: values.weights ?? null, hubModel: values['hub-model'] ?? null, data: values.data ?? null,
    perClass: integer('per-class', values['per-class']), valPerClass: integer('val-per-class', values['val-per-class']), imageSize,
    epochs: integer('epochs', values.epochs), batchSize: integer('batch-size', values['batch-size']), lr: positive('lr', values.lr),
    workers: integer('workers', values.workers, 0), seed: integer('seed', values.seed, 0),
    outputDir: values['output-dir'], limitBatches: limit === undefined ? null : integer('limit-batches', limit), progress: oneOf('progress', values.progress, PROGRESS_MODES), help: values.help ?? false,
  };
}

export type Options = ReturnType<typeof parseOptions>;

/** The --help text: every option with its default. */
export function helpText(): string {
  const rows = Object.entries(OPTIONS).map(([name, o]) => [`  ${'short' in o ? `-${o.short}, ` : ''}--${name}${'metavar' in o ? ` ${o.metavar}` : ''}`, `${o.help}${'default' in o ? ` (default: ${o.default})` : ''}`] as const);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return `usage: pnpm start [options]

Fine-tunes resnet18 on four Fashion-MNIST classes: writes them as an ImageFolder of PNGs, freezes the
network, replaces fc with Linear(512, 4), trains fc only; writes the model, a plot and a results JSON.

options:
${rows.map(([left, right]) => left.padEnd(width) + right).join('\n')}`;
}
