/**
 * pnpm bench memory [--steps 2000] [--ops-steps 100000] [--batch 64,256] [--runs 3] [--torch-runs 1] [--loops cnn,ops]
 *
 * Resident memory of the seed's training loop written as PyTorch users write it (no tidy, dispose or
 * options on zeroGrad: @x reclaims what they drop), against the same loop in PyTorch (2 threads),
 * and its step time against the same loop written with tidy. Each run is a process of its own,
 * the @x runs interleaved (plain, tidy, plain, tidy, …); timings are medians over the runs, memory
 * figures the worst run. Then the 100,000-op loop (`a.add(b).mul(0.5).relu().sum()`, 64×64, no
 * dispose, synchronous) the same way. The rules checked (issue #13):
 *   - growth: RSS grows by less than 15 % + 64 MiB from step 50 to the last step;
 *   - peak: at most 1.5× PyTorch's peak RSS;
 *   - time (the training loop): the mean step time, reclaims included, within 5 % of the tidy loop's.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import * as pytorch from '../pytorch';
import type { MemorySideReport } from './side';

function option(name: string, fallback: string): string {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
}

const steps = Number(option('--steps', '2000'));
const opsSteps = Number(option('--ops-steps', '100000'));
const batches = option('--batch', '64,256').split(',').map(Number);
const runs = Number(option('--runs', '3'));
const torchRuns = Number(option('--torch-runs', '1'));
const loops = option('--loops', 'cnn,ops').split(',');

const load = (): string => os.loadavg().map((x) => x.toFixed(1)).join(' ');
const SIDE = fileURLToPath(new URL('./side.ts', import.meta.url));
const PEER = fileURLToPath(new URL('../../torch_peer_memory.py', import.meta.url));

function runSide(label: string, command: string, args: string[]): MemorySideReport | string {
  const started = performance.now();
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) return `${label} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n').slice(-5).join(' | ')}`;
  process.stderr.write(`  ${label}: ${((performance.now() - started) / 1000).toFixed(0)} s (load ${load()})\n`);
  return JSON.parse(line) as MemorySideReport;
}

const ours = (loop: string, mode: string, batch: number, n: number): MemorySideReport | string =>
  runSide(`@x ${loop} ${mode} batch ${batch}`, process.execPath, [...process.execArgv, SIDE, '--loop', loop, '--mode', mode, '--batch', String(batch), '--steps', String(n)]);
const theirs = (loop: string, batch: number, n: number): MemorySideReport | string =>
  runSide(`PyTorch ${loop} batch ${batch}`, '/usr/bin/python3', [PEER, '--loop', loop, '--batch', String(batch), '--steps', String(n), '--threads', '2']);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** RSS at the warm-up step (50), the largest after it, and the rule's allowance over it. */
function growth(r: MemorySideReport): { at50: number; maxAfter: number; grew: number; allowed: number; end: number } {
  const at50 = r.rss.find(([s]) => s >= r.warmup)?.[1] ?? r.rss[0]![1];
  const after = r.rss.filter(([s]) => s >= r.warmup).map(([, v]) => v);
  const maxAfter = Math.max(...after);
  return { at50, maxAfter, grew: maxAfter - at50, allowed: 0.15 * at50 + 64, end: r.rss[r.rss.length - 1]![1] };
}

interface Row {
  config: string;
  plain: MemorySideReport[];
  tidy: MemorySideReport[];
  torch: MemorySideReport[];
  failures: string[];
}

function measure(loop: string, batch: number, n: number, noTorch: string | null): Row {
  const row: Row = { config: loop === 'cnn' ? `CNN training, batch ${batch}, ${n} steps` : `64x64 add/mul/relu/sum, ${n} iterations`, plain: [], tidy: [], torch: [], failures: [] };
  for (let i = 0; i < runs; i++) {
    for (const [mode, into] of [['plain', row.plain], ['tidy', row.tidy]] as const) {
      const r = ours(loop, mode, batch, n);
      if (typeof r === 'string') row.failures.push(r);
      else into.push(r);
    }
    if (!noTorch && i < torchRuns) {
      const r = theirs(loop, batch, n);
      if (typeof r === 'string') row.failures.push(r);
      else row.torch.push(r);
    }
  }
  return row;
}

const f0 = (x: number): string => x.toFixed(0);
const f2 = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

const noTorch = pytorch.unavailable();
console.log(`machine: ${os.cpus()[0]?.model ?? '?'} x${os.cpus().length}, node ${process.version}; load average at start ${load()}`);
console.log(`@x runs per configuration: ${runs} plain + ${runs} tidy, interleaved; PyTorch ${noTorch ? `skipped: ${noTorch}` : `${pytorch.version()}, 2 threads, ${torchRuns} run(s)`}`);
const rows: Row[] = [];
for (const loop of loops) {
  if (loop === 'cnn') for (const b of batches) rows.push(measure('cnn', b, steps, noTorch));
  else if (loop === 'ops') rows.push(measure('ops', 1, opsSteps, noTorch));
}
console.log(`load average at end ${load()}`);

const table = [['configuration', 'side', 'RSS@50 MiB', 'max RSS after 50', 'growth (allowed)', 'peak RSS', 'peak / PyTorch', 'step ms (mean)', 'vs tidy', 'reclaims (ms each)', 'rule']];
let allPass = true;
for (const row of rows) {
  const torchPeak = row.torch.length ? Math.max(...row.torch.map((r) => r.peakRssMiB)) : NaN;
  const tidyMs = row.tidy.length ? median(row.tidy.map((r) => r.meanStepMs)) : NaN;
  // The 100,000-op loop must be bounded by the same memory rules; its time is reported, not ruled.
  const timeRule = row.plain[0]?.loop !== 'ops';
  const line = (side: string, rs: MemorySideReport[], checks: boolean): void => {
    if (rs.length === 0) return;
    const gs = rs.map(growth);
    const worst = gs.reduce((a, b) => (b.grew - b.allowed > a.grew - a.allowed ? b : a));
    const peak = Math.max(...rs.map((r) => r.peakRssMiB));
    const ms = median(rs.map((r) => r.meanStepMs));
    const rec = rs[0]!.reclaim as { reclaims: number; milliseconds: number } | undefined;
    const verdicts: string[] = [];
    if (checks) {
      const okGrowth = worst.grew < worst.allowed;
      const okPeak = Number.isNaN(torchPeak) || peak <= 1.5 * torchPeak;
      const okTime = !timeRule || Number.isNaN(tidyMs) || ms <= 1.05 * tidyMs;
      verdicts.push(okGrowth ? 'growth ok' : 'GROWTH FAIL', okPeak ? 'peak ok' : 'PEAK FAIL', timeRule ? (okTime ? 'time ok' : 'TIME FAIL') : 'time: no rule');
      allPass &&= okGrowth && okPeak && okTime;
    }
    table.push([
      row.config,
      side,
      f0(worst.at50),
      f0(worst.maxAfter),
      `${f0(worst.grew)} (${f0(worst.allowed)})`,
      f0(peak),
      Number.isNaN(torchPeak) ? '-' : `${(peak / torchPeak).toFixed(2)}x`,
      f2(ms),
      Number.isNaN(tidyMs) ? '-' : `${((ms / tidyMs - 1) * 100).toFixed(1)} %`,
      rec && rec.reclaims ? `${rec.reclaims} (${(rec.milliseconds / rec.reclaims).toFixed(1)})` : '0',
      verdicts.join(', '),
    ]);
  };
  line('@x, no tidy', row.plain, true);
  line('@x, tidy', row.tidy, false);
  line(row.torch[0]?.side ?? 'PyTorch', row.torch, false);
  for (const f of row.failures) table.push([row.config, f, '', '', '', '', '', '', '', '', '']);
}
const widths = table[0]!.map((_, j) => Math.max(...table.map((r) => r[j]!.length)));
for (const r of table) console.log(r.map((v, j) => (j < 2 || j === r.length - 1 ? v.padEnd(widths[j]!) : v.padStart(widths[j]!))).join('  ').trimEnd());
console.log('(RSS in MiB. growth: the largest RSS after step 50 less the RSS at step 50, with the allowance 15 % of it + 64 MiB in');
console.log(' brackets; step ms: wall time per step after step 50, reclaims included, the median of the runs; memory: the worst run;');
console.log(' reclaims: full collections @x ran in the first run, and their mean cost.)');
console.log(allPass ? 'all rules hold' : 'some rule fails (see the rule column)');
process.exit(0);
