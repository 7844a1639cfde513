/**
 * pnpm bench augment: images per second through the seed's imgaug pipeline (Affine rotate, additive
 * Gaussian noise, Crop percent with keepSize) on 224² RGB images, through a DataLoader with 1 and 2
 * workers (batch 16), against imgaug 0.4 in a torch DataLoader with 1 and 2 workers (bench/imgaug_peer.py,
 * when /usr/bin/python3 can import imgaug: IMGAUG_SRC, default /work/imgaug/v0.4.0; said when not).
 * torchvision has no additive-noise or crop-and-resize-back transform, so there is no
 * vision.transforms row. Sides interleaved, ROUNDS rounds, medians, load average printed.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import * as torch from '@x/torch';
import { DataLoader, datasetFromModule } from '@x/data';
import { median } from '../timing';

const PYTHON = '/usr/bin/python3';
const PEER = fileURLToPath(new URL('../../imgaug_peer.py', import.meta.url));
const ROUNDS = Number(process.env.AUGMENT_BENCH_ROUNDS ?? 3);
const IMAGES = 256;

/** imgaug's images per second with `workers` worker processes, or a reason it cannot run. */
function peer(workers: number): number | string {
  const r = spawnSync(PYTHON, [PEER, String(IMAGES), String(workers)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) return (r.stderr.trim().split('\n').pop() ?? 'failed').slice(0, 200);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as number;
}

async function ours(workers: number): Promise<number> {
  const ds = await datasetFromModule(new URL('./images.mjs', import.meta.url), 'AugmentedImages', IMAGES);
  const loader = new DataLoader(ds as never, { batchSize: 16, numWorkers: workers });
  let n = 0;
  // The first pass starts the workers and compiles: not timed.
  for await (const batch of loader as AsyncIterable<torch.Tensor>) n += batch.shape[0]!;
  const t0 = performance.now();
  n = 0;
  for await (const batch of loader as AsyncIterable<torch.Tensor>) n += batch.shape[0]!;
  if (n !== IMAGES) throw new Error(`the loader gave ${n} images, not ${IMAGES}`);
  return IMAGES / ((performance.now() - t0) / 1000);
}

async function main(): Promise<void> {
  await torch.threadsReady();
  const load = (): string => os.loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`machine: ${os.cpus()[0]?.model ?? '?'} x${os.cpus().length}, node ${process.version}; load average at start ${load()}`);
  const rows: Record<string, { x: number[]; imgaug: (number | string)[] }> = { 1: { x: [], imgaug: [] }, 2: { x: [], imgaug: [] } };
  for (let round = 0; round < ROUNDS; round++) {
    for (const w of [1, 2]) {
      rows[w]!.x.push(await ours(w));
      rows[w]!.imgaug.push(peer(w));
    }
    console.log(`  round ${round + 1} of ${ROUNDS} done (load ${load()})`);
  }
  const table = [['case', '@x (img/s)', 'imgaug (img/s)', 'vs imgaug']];
  for (const w of [1, 2]) {
    const x = median(rows[w]!.x);
    const peers = rows[w]!.imgaug;
    const failed = peers.find((p) => typeof p === 'string');
    const ia = failed === undefined ? median(peers as number[]) : null;
    table.push([`seed pipeline, 224² RGB, ${w} worker${w > 1 ? 's' : ''}`, x.toFixed(0), ia === null ? '-' : ia.toFixed(0), ia === null ? '-' : `${(x / ia).toFixed(2)}x`]);
    if (failed !== undefined) console.log(`imgaug did not run: ${failed}`);
  }
  const widths = table[0]!.map((_, j) => Math.max(...table.map((r) => r[j]!.length)));
  for (const r of table) console.log(r.map((v, j) => (j === 0 ? v.padEnd(widths[j]!) : v.padStart(widths[j]!))).join('  '));
  console.log(`(medians of ${ROUNDS} interleaved rounds of ${IMAGES} images; vs imgaug above 1: @x is faster; load average at end ${load()})`);
  process.exit(0);
}

void main();
