/**
 * The command line, as the seed's argparse chapter sets it up: every hyperparameter an option with a
 * default and a help line. Options are kebab-case (`--batch-size`); the seed's snake_case spellings
 * (`--batch_size`) are accepted too. A bad or unknown option is a UsageError naming it.
 */
import { join } from 'node:path';

export interface Options {
  epochs: number;
  batchSize: number;
  lr: number;
  workers: number;
  seed: number;
  /** A folder with Fashion-MNIST; null: search the usual places (see data-source.ts). */
  data: string | null;
  /** Skip the search and train on the small subset committed with this example. */
  subset: boolean;
  download: boolean;
  device: string;
  outputDir: string;
  /** The model's state dict goes here (`torch.save(model.stateDict(), checkpoint)`). */
  checkpoint: string;
  /** A training checkpoint (model, optimizer, epoch) to continue from. */
  resume: string | null;
  /** Stop each pass after this many batches (quick checks); null: whole passes. */
  limitBatches: number | null;
  /** Progress bar: 'auto' draws it on a terminal and prints plain lines otherwise. */
  progress: 'auto' | 'bar' | 'lines' | 'none';
  help: boolean;
}

/** A mistake on the command line: main prints it with a pointer to --help and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Kind = 'int' | 'positiveInt' | 'float' | 'string' | 'flag' | 'progress';

interface Spec {
  key: keyof Options;
  kind: Kind;
  metavar?: string;
  help: string;
  /** The default as shown by --help. */
  shown?: string;
  aliases?: string[];
}

const SPECS: Record<string, Spec> = {
  '--epochs': { key: 'epochs', kind: 'positiveInt', metavar: 'N', help: 'number of epochs to train for', aliases: ['--niter'] },
  '--batch-size': { key: 'batchSize', kind: 'positiveInt', metavar: 'N', help: 'input batch size' },
  '--lr': { key: 'lr', kind: 'float', metavar: 'LR', help: 'learning rate of Adam' },
  '--workers': { key: 'workers', kind: 'int', metavar: 'N', help: 'number of data loading worker threads (0: load in the main thread)', aliases: ['--num-workers'] },
  '--seed': { key: 'seed', kind: 'int', metavar: 'N', help: 'random seed: the same seed gives the same losses on the same backend', aliases: ['--manual-seed'] },
  '--data': { key: 'data', kind: 'string', metavar: 'DIR', help: 'folder with the Fashion-MNIST IDX files (.gz or not)', shown: 'search, see below', aliases: ['--data-root'] },
  '--subset': { key: 'subset', kind: 'flag', help: 'train on the small subset committed with this example (6,000 / 1,000 images)' },
  '--no-download': { key: 'download', kind: 'flag', help: 'never try to download Fashion-MNIST' },
  '--device': { key: 'device', kind: 'string', metavar: 'DEVICE', help: 'device to train on' },
  '--output-dir': { key: 'outputDir', kind: 'string', metavar: 'DIR', help: 'where the checkpoints, the plot and the results JSON go', aliases: ['--output'] },
  '--checkpoint': { key: 'checkpoint', kind: 'string', metavar: 'PATH', help: "where torch.save(model.stateDict()) writes the model (.pth); the resumable training checkpoint goes beside it as <name>.ckpt.pth", shown: '<output-dir>/FashionModel.pth', aliases: ['--checkpoint-path'] },
  '--resume': { key: 'resume', kind: 'string', metavar: 'PATH', help: 'continue from a training checkpoint (model, optimizer and epoch; written after every epoch)' },
  '--limit-batches': { key: 'limitBatches', kind: 'positiveInt', metavar: 'N', help: 'stop each training and validation pass after N batches (quick checks)', shown: 'whole passes' },
  '--progress': { key: 'progress', kind: 'progress', metavar: 'MODE', help: 'auto (a bar on a terminal, plain lines otherwise), bar, lines or none' },
  '--help': { key: 'help', kind: 'flag', help: 'show this help and exit', aliases: ['-h'] },
};

export function defaultOptions(): Options {
  return {
    epochs: 20,
    batchSize: 256,
    lr: 1e-3,
    workers: 0,
    seed: 0,
    data: null,
    subset: false,
    download: true,
    device: 'cpu',
    outputDir: 'output',
    checkpoint: '',
    resume: null,
    limitBatches: null,
    progress: 'auto',
    help: false,
  };
}

/** Every spelling of every option: the canonical one, its aliases, and snake_case forms. */
function lookupTable(): Map<string, [string, Spec]> {
  const table = new Map<string, [string, Spec]>();
  for (const [name, spec] of Object.entries(SPECS)) {
    for (const n of [name, ...(spec.aliases ?? [])]) {
      table.set(n, [name, spec]);
      table.set(n.replace(/(?<=\w)-/g, '_'), [name, spec]);
    }
  }
  return table;
}

function parseValue(name: string, spec: Spec, raw: string): Options[keyof Options] {
  switch (spec.kind) {
    case 'int':
    case 'positiveInt': {
      const positive = spec.kind === 'positiveInt';
      if (!/^[+-]?\d+$/.test(raw.trim()) || (positive && Number(raw) < 1) || (!positive && Number(raw) < 0)) {
        throw new UsageError(`${name} expects ${positive ? 'a positive' : 'a non-negative'} integer, got '${raw}'`);
      }
      const n = Number(raw);
      if (!Number.isSafeInteger(n)) throw new UsageError(`${name}: ${raw} is too large`);
      return n;
    }
    case 'float': {
      const x = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(x) || x <= 0) throw new UsageError(`${name} expects a positive number, got '${raw}'`);
      return x;
    }
    case 'progress':
      if (!['auto', 'bar', 'lines', 'none'].includes(raw)) throw new UsageError(`${name} expects one of auto, bar, lines, none; got '${raw}'`);
      return raw as Options['progress'];
    case 'string':
      if (raw === '') throw new UsageError(`${name} expects a value, got an empty string`);
      return raw;
    case 'flag':
      throw new Error('unreachable: flags take no value');
  }
}

/**
 * Parses argv (without node and the script). `--name value` and `--name=value` both work.
 *
 * @example
 * parseOptions(['--epochs', '1', '--data', '/usr/share/datasets/fashion-mnist', '--seed', '0']);
 */
export function parseOptions(argv: readonly string[]): Options {
  const options = defaultOptions();
  const table = lookupTable();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flagName = eq > 0 ? arg.slice(0, eq) : arg;
    const entry = table.get(flagName);
    if (!entry) {
      if (!arg.startsWith('-')) throw new UsageError(`unexpected argument '${arg}': every setting is an option such as --epochs 1`);
      const near = [...table.keys()].filter((k) => k.startsWith('--') && (k.startsWith(flagName) || flagName.startsWith(k)));
      throw new UsageError(`unknown option ${flagName}${near.length ? ` (did you mean ${near[0]}?)` : ''}`);
    }
    const [name, spec] = entry;
    if (spec.kind === 'flag') {
      if (eq > 0) throw new UsageError(`${name} takes no value, got '${arg.slice(eq + 1)}'`);
      if (spec.key === 'download') options.download = false;
      else (options[spec.key] as boolean) = true;
      continue;
    }
    let raw: string;
    if (eq > 0) raw = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`${name} needs a value (${spec.metavar ?? 'VALUE'})`);
      raw = next;
      i++;
    }
    (options as unknown as Record<string, unknown>)[spec.key] = parseValue(name, spec, raw);
  }
  if (options.subset && options.data !== null) throw new UsageError('--subset and --data name two different datasets: give one');
  if (options.checkpoint === '') options.checkpoint = join(options.outputDir, 'FashionModel.pth');
  return options;
}

/** The --help text: usage, every option with its default, and where the data is looked for. */
export function helpText(program = 'pnpm start'): string {
  const defaults = defaultOptions() as unknown as Record<string, unknown>;
  const rows = Object.entries(SPECS).map(([name, spec]) => {
    const left = `  ${[...(spec.aliases ?? []).filter((a) => a.length === 2), name].join(', ')}${spec.metavar ? ` ${spec.metavar}` : ''}`;
    const def = spec.kind === 'flag' ? '' : ` (default: ${spec.shown ?? String(defaults[spec.key])})`;
    return [left, `${spec.help}${def}`] as const;
  });
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  return [
    `usage: ${program} [options]`,
    '',
    "Trains the seed's CNN on Fashion-MNIST (chapter \"PyTorch实战\"): Adam, cross-entropy, one",
    'validation pass per epoch; writes the model, a training checkpoint, a plot and a results JSON.',
    '',
    'options:',
    ...rows.map(([l, r]) => `${l.padEnd(width)}${r}`),
    '',
    'Data: --data DIR, else the first of $FASHION_MNIST_DIR, the cache (~/.cache/x/datasets, or',
    "$XDG_CACHE_HOME/x/datasets) and Debian's /usr/share/datasets/fashion-mnist that has the files; else a",
    'download into the cache (unless --no-download); else, offline, the small subset committed with',
    'this example. The program says which it uses.',
    'Options also take the seed\'s snake_case spellings (--batch_size) and --name=value.',
  ].join('\n');
}
