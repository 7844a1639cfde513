/**
 * pnpm --filter @x/bench bench:random [--before <git revision>]: the random fills the seed leans on,
 * timed in fresh processes — torch.rand(6400, 4096), torch.randn(6400, 4096) (26 M floats each, drawn
 * from PyTorch's CPU generator, the same numbers as PyTorch's) and building the seed's AlexNet (its ~58 M
 * parameters are uniform fills: kaiming_uniform_ and the bias bounds) — on @x (2 threads) and on
 * PyTorch (/usr/bin/python3, torch.set_num_threads(2)). With --before, also on the WASM kernels
 * committed at that revision (the same TypeScript, that revision's packages/backend-wasm/wasm/).
 * Each configuration runs `--runs` times (default 3), interleaved; the table shows the medians of the
 * wall time and of the CPU time of the whole process (all its threads), which a loaded machine
 * disturbs less.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './timing';

/** Milliseconds: wall and CPU (all threads of the process) of each measurement. */
interface Times {
  rand: number;
  randn: number;
  randnCpu: number;
  alexnet: number;
  randCpu: number;
  alexnetCpu: number;
}

const PYTHON = '/usr/bin/python3';
const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const PYTORCH = `
import json, time, torch, torch.nn as nn
torch.set_num_threads(2)
torch.rand(1000)
t0, c0 = time.perf_counter(), time.process_time()
x = torch.rand(6400, 4096)
t1, c1 = time.perf_counter(), time.process_time()
del x
t4, c4 = time.perf_counter(), time.process_time()
x = torch.randn(6400, 4096)
t5, c5 = time.perf_counter(), time.process_time()
del x
t2, c2 = time.perf_counter(), time.process_time()
conv = nn.Sequential(nn.Conv2d(1, 96, 11, 4), nn.ReLU(), nn.MaxPool2d(3, 2), nn.Conv2d(96, 256, 5, 1, 2), nn.ReLU(), nn.MaxPool2d(3, 2),
                     nn.Conv2d(256, 384, 3, 1, 1), nn.ReLU(), nn.Conv2d(384, 384, 3, 1, 1), nn.ReLU(), nn.Conv2d(384, 256, 3, 1, 1), nn.ReLU(),
                     nn.MaxPool2d(3, 2))
fc = nn.Sequential(nn.Linear(256 * 5 * 5, 4096), nn.ReLU(), nn.Dropout(0.5), nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(0.5), nn.Linear(4096, 10))
t3, c3 = time.perf_counter(), time.process_time()
print(json.dumps({"randn": (t5 - t4) * 1e3, "randnCpu": (c5 - c4) * 1e3, "rand": (t1 - t0) * 1e3, "alexnet": (t3 - t2) * 1e3, "randCpu": (c1 - c0) * 1e3, "alexnetCpu": (c3 - c2) * 1e3}))
`;

/** One measurement in this (fresh) process: @x through the built @x/torch. */
async function child(): Promise<void> {
  const torch = await import('@x/torch');
  torch.setNumThreads(2);
  await torch.threadsReady();
  torch.rand(1000).dispose(); // the module is compiled and the workers are up
  const { nn } = torch;
  const cpu = (since: NodeJS.CpuUsage): number => {
    const u = process.cpuUsage(since);
    return (u.user + u.system) / 1000;
  };
  let t = performance.now();
  let c = process.cpuUsage();
  const x = torch.rand(6400, 4096);
  const rand = performance.now() - t;
  const randCpu = cpu(c);
  x.dispose();
  t = performance.now();
  c = process.cpuUsage();
  const y = torch.randn(6400, 4096);
  const randn = performance.now() - t;
  const randnCpu = cpu(c);
  y.dispose();
  t = performance.now();
  c = process.cpuUsage();
  const conv = new nn.Sequential(
    new nn.Conv2d(1, 96, 11, 4), new nn.ReLU(), new nn.MaxPool2d(3, 2), new nn.Conv2d(96, 256, 5, 1, 2), new nn.ReLU(), new nn.MaxPool2d(3, 2),
    new nn.Conv2d(256, 384, 3, 1, 1), new nn.ReLU(), new nn.Conv2d(384, 384, 3, 1, 1), new nn.ReLU(), new nn.Conv2d(384, 256, 3, 1, 1), new nn.ReLU(),
    new nn.MaxPool2d(3, 2),
  );
  const fc = new nn.Sequential(
    new nn.Linear(256 * 5 * 5, 4096), new nn.ReLU(), new nn.Dropout(0.5), new nn.Linear(4096, 4096), new nn.ReLU(), new nn.Dropout(0.5), new nn.Linear(4096, 10),
  );
  const alexnet = performance.now() - t;
  const alexnetCpu = cpu(c);
  if ([...conv.parameters(), ...fc.parameters()].length !== 16) throw new Error('AlexNet has 16 parameter tensors');
  console.log(JSON.stringify({ rand, randn, alexnet, randCpu, randnCpu, alexnetCpu } satisfies Times));
}

function ours(wasmDir?: string): Times {
  const env = { ...process.env };
  if (wasmDir === undefined) delete env.X_BACKEND_WASM_DIR;
  else env.X_BACKEND_WASM_DIR = wasmDir;
  const r = spawnSync(process.execPath, [...process.execArgv, SELF, '--child'], { env, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`the @x measurement failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Times;
}

function pytorch(): Times {
  const r = spawnSync(PYTHON, ['-c', PYTORCH], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the PyTorch measurement failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim()) as Times;
}

/** The WASM kernels committed at a revision, extracted to a temporary folder. */
function wasmAt(rev: string): string {
  const dir = mkdtempSync(join(os.tmpdir(), 'x-wasm-'));
  for (const f of ['x.wasm', 'x-relaxed.wasm', 'x-st.wasm', 'x-st-relaxed.wasm']) {
    writeFileSync(join(dir, f), execFileSync('git', ['-C', ROOT, 'show', `${rev}:packages/backend-wasm/wasm/${f}`], { maxBuffer: 1 << 26 }));
  }
  return dir;
}


function main(): void {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const runs = Number(flag('--runs') ?? 3);
  const before = flag('--before');
  const configs: [string, () => Times][] = [];
  if (before !== undefined) {
    const dir = wasmAt(before);
    configs.push([`@x, kernels of ${before}`, () => ours(dir)]);
  }
  configs.push(['@x', () => ours()]);
  const noTorch = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status !== 0;
  if (!noTorch) configs.push(['PyTorch ' + spawnSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' }).stdout.trim(), pytorch]);
  const samples = configs.map(() => [] as Times[]);
  for (let r = 0; r < runs; r++) configs.forEach(([, run], i) => samples[i]!.push(run()));
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`machine: ${os.cpus()[0]?.model ?? '?'} x${os.cpus().length}, node ${process.version}; load average ${load} (a shared machine: other jobs run beside these)`);
  console.log(`2 threads each; medians of ${runs} fresh processes per row, in ms (cpu: all threads of the process)${noTorch ? '; PyTorch skipped: /usr/bin/python3 has no torch' : ''}`);
  const keys = ['rand', 'randCpu', 'randn', 'randnCpu', 'alexnet', 'alexnetCpu'] as const;
  const heads = ['rand(6400, 4096) wall', 'cpu', 'randn(6400, 4096) wall', 'cpu', 'AlexNet() wall', 'cpu'];
  const rows = configs.map(([name], i) => [name, ...keys.map((k) => median(samples[i]!.map((t) => t[k])).toFixed(0))]);
  const widths = [Math.max(13, ...rows.map((r) => r[0]!.length)), ...heads.map((h) => h.length)];
  const line = (cells: string[]): string => cells.map((c, j) => (j === 0 ? c.padEnd(widths[0]!) : c.padStart(widths[j]!))).join('  ');
  console.log(line(['configuration', ...heads]));
  for (const r of rows) console.log(line(r));
  console.log('all runs [rand wall, cpu, randn wall, cpu, AlexNet wall, cpu]:', JSON.stringify(Object.fromEntries(configs.map(([n], i) => [n, samples[i]!.map((t) => keys.map((k) => Math.round(t[k])))]))));
}

if (process.argv.includes('--child')) await child();
else main();
