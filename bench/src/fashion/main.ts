/**
 * pnpm --filter @x/bench bench:fashion [--epochs N] [--data DIR] [--tfjs-epochs N] [--tfjs-batches N]: one training epoch of the seed's
 * Fashion-MNIST CNN (examples/fashion-mnist's recipe) on @x, on PyTorch with 2 threads (when
 * /usr/bin/python3 has torch) and on tfjs-layers over tfjs-backend-wasm, each in its own process,
 * one after the other; prints the epoch times (the median of epochs 2..N, the first being warm-up),
 * the peak and per-epoch RSS, and the ratios.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import * as pytorch from '../pytorch';
import type { SideReport } from './report';

function option(name: string, fallback: string): string {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
}

const epochs = Number(option('--epochs', '3'));
const data = option('--data', '/usr/share/datasets/fashion-mnist');
const sideArgs = ['--epochs', String(epochs), '--data', data];

function runSide(what: string, command: string, args: string[]): SideReport | string {
  const started = performance.now();
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) return `${what} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n').slice(-5).join(' | ')}`;
  process.stderr.write(`  ${what}: ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  return JSON.parse(line) as SideReport;
}

const tsSide = (file: string, extra: string[] = []): [string, string[]] => [process.execPath, [...process.execArgv, fileURLToPath(new URL(file, import.meta.url)), ...sideArgs, ...extra]];

/** tfjs trains this network ~5x slower than @x: fewer epochs (default 2) and batches (12) per epoch. */
function tfjsSide(extra: string[]): [string, string[]] {
  const [cmd, args] = tsSide('./tfjs.ts', ['--tfjs-batches', option('--tfjs-batches', '12'), ...extra]);
  const at = args.indexOf('--epochs');
  args[at + 1] = option('--tfjs-epochs', String(Math.min(epochs, 2)));
  return [cmd, args];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** The steady-state epoch time: the median of epochs 2..N (epoch 1 alone when N is 1). */
function epochTime(r: SideReport): number {
  const xs = r.epochs.map((e) => e.seconds);
  return median(xs.length > 1 ? xs.slice(1) : xs);
}

const load = (): string => os.loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`machine: ${os.cpus()[0]?.model ?? '?'} x${os.cpus().length}, node ${process.version}; load average at start ${load()}`);
console.log(`Fashion-MNIST training epochs (batch 256, Adam, 234 batches of the 60,000 images when the full set is given), ${epochs} epochs per side, data ${data}`);
const noTorch = pytorch.unavailable();
const sides: (SideReport | string)[] = [
  runSide('@x', ...tsSide('./ours.ts')),
  noTorch ? `PyTorch skipped: ${noTorch}` : runSide('PyTorch', '/usr/bin/python3', [fileURLToPath(new URL('../../fashion_torch.py', import.meta.url)), ...sideArgs, '--threads', '2']),
  runSide('tfjs', ...tfjsSide([])),
  runSide('tfjs stock', ...tfjsSide(['--stock'])),
];
console.log(`load average at end ${load()}`);

const rows = [['side', 'epoch 1 s', `epoch s (median 2..${epochs})`, 'peak RSS MiB', 'RSS after each epoch MiB', 'mean loss per epoch', 'notes']];
for (const s of sides) {
  if (typeof s === 'string') {
    rows.push([s, '', '', '', '', '', '']);
    continue;
  }
  rows.push([
    s.name,
    s.epochs[0]!.seconds.toFixed(1),
    epochTime(s).toFixed(1),
    s.peakRssMiB.toFixed(0),
    s.epochs.map((e) => e.rssMiB.toFixed(0)).join(' '),
    s.epochs.map((e) => e.loss.toFixed(3)).join(' '),
    `${s.detail}${s.cannotTrain ? `; cannot train: ${s.cannotTrain} (epochs are forward-only)` : ''}`,
  ]);
}
const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
for (const r of rows) console.log(r.map((v, j) => v.padEnd(widths[j]!)).join('  ').trimEnd());

const [ours, torch, ...tfjsSides] = sides;
if (typeof ours !== 'string') {
  const t = epochTime(ours);
  if (typeof torch !== 'string') {
    const ratio = t / epochTime(torch);
    console.log(`@x / PyTorch epoch time: ${ratio.toFixed(2)}x (target at most 1.5x: ${ratio <= 1.5 ? 'met' : 'missed'}); peak RSS ${(ours.peakRssMiB / torch.peakRssMiB).toFixed(2)}x`);
  }
  for (const tfjs of tfjsSides) {
    if (typeof tfjs === 'string') continue;
    const what = tfjs.cannotTrain ? `${tfjs.name}: it cannot train, so this compares @x's training epoch with its forward-only pass` : `${tfjs.name}, training`;
    console.log(`@x / tfjs epoch time: ${(t / epochTime(tfjs)).toFixed(2)}x (${what}); peak RSS ${(ours.peakRssMiB / tfjs.peakRssMiB).toFixed(2)}x`);
  }
  const later = ours.epochs.slice(1).map((e) => e.rssMiB);
  if (later.length > 1) console.log(`@x RSS from epoch 2 on: ${later.map((x) => x.toFixed(0)).join(', ')} MiB (spread ${(Math.max(...later) - Math.min(...later)).toFixed(0)} MiB)`);
}
console.log('(ratios below 1 mean @x is faster. Times are wall seconds on a shared machine: see the load averages.)');
