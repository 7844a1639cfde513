/**
 * pnpm bench: each case on @x, on tfjs-backend-wasm in this process, and on PyTorch (2 threads) when
 * /usr/bin/python3 has torch; prints the rates and how many times faster @x is than each peer. Then
 * WebGPU against WASM where Dawn finds an adapter (`pnpm bench webgpu`: those rows alone).
 * `pnpm bench memory`: resident memory of training loops left to the garbage collector (memory/main.ts).
 * `pnpm bench vision`: resnet18 and a JPEG pipeline against PyTorch, torchvision and ONNX Runtime (vision/main.ts).
 * `pnpm bench compare BEFORE`: this checkout's @x rows against another checkout's, interleaved (compare/main.ts).
 * `pnpm bench augment`: the seed's imgaug pipeline, images per second, 1 and 2 workers, against imgaug (augment/main.ts).
 */
import os from 'node:os';
import * as torch from '@x/torch';
import { CASES, rate, speedup } from './cases';
import { adamStep } from './optim';
import * as ours from './ours';
import * as pytorch from './pytorch';
import * as tfjs from './tfjs';
import * as webgpu from './webgpu';

function fmt(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

async function main(): Promise<void> {
  await tfjs.init();
  await torch.threadsReady();
  const noTorch = pytorch.unavailable();
  console.log(`machine: ${os.cpus()[0]?.model ?? '?'} x${os.cpus().length}, node ${process.version}`);
  console.log(`peers: ${tfjs.name} (same process)` + (noTorch ? `; PyTorch skipped: ${noTorch}` : `; PyTorch ${pytorch.version()} (2 threads)`));
  console.log(`@x: ${ours.describe()}`);
  const peer = noTorch ? null : pytorch.runAll(CASES);
  const torchTimes = peer?.times ?? null;
  if (peer) console.log(`PyTorch's BLAS: ${peer.blas}`);
  const header = ['case', 'unit', ours.name, tfjs.name, ...(torchTimes ? ['PyTorch'] : []), 'vs tfjs', ...(torchTimes ? ['vs PyTorch'] : [])];
  const rows: string[][] = [];
  for (const [i, c] of CASES.entries()) {
    const mine = ours.run(c);
    const theirs = tfjs.run(c);
    const pt = torchTimes?.[i];
    rows.push([
      c.name,
      c.unit,
      fmt(rate(c, mine)),
      theirs === null ? '-' : fmt(rate(c, theirs)),
      ...(pt !== undefined ? [fmt(rate(c, pt))] : []),
      theirs === null ? '-' : `${fmt(speedup(mine, theirs))}x`,
      ...(pt !== undefined ? [`${fmt(speedup(mine, pt))}x`] : []),
    ]);
  }
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const line = (r: string[]): string => r.map((v, j) => (j < 2 ? v.padEnd(widths[j]!) : v.padStart(widths[j]!))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  // One Adam step over the 582,026 parameters of the seed's Fashion-MNIST CNN (the optim issue).
  const adam = adamStep().median;
  const adamPeer = noTorch ? null : pytorch.adamStep();
  console.log(
    `Adam step, 582,026 params: @x ${fmt(adam * 1e3)} ms` +
      (adamPeer === null ? '' : `, PyTorch ${fmt(adamPeer * 1e3)} ms, vs PyTorch ${fmt(speedup(adam, adamPeer))}x`),
  );
  await printWebGPU();
  console.log('(vs X: how many times faster @x is; above 1 means faster. Each figure is a median of several runs.');
  console.log(" '-': tfjs has no PyTorch-style autograd to run the same program; its gradients are another API.)");
  for (const note of tfjs.notes) console.log(`tfjs conv rows: ${note}.`);
  process.exit(0);
}

/** WebGPU against WASM, with the adapter's name; skipped, saying why, where Dawn finds no adapter. */
async function printWebGPU(): Promise<void> {
  const gpu = await webgpu.init();
  if ('skip' in gpu) {
    console.log(`WebGPU rows skipped: ${gpu.skip}`);
    return;
  }
  console.log(`WebGPU: ${gpu.backend.adapterName} (Dawn, the 'webgpu' package) against @x (wasm)`);
  // Two significant digits below 0.1: on a software adapter (SwiftShader) the ratios are tiny.
  const ratio = (x: number): string => `${x < 0.1 ? x.toPrecision(2) : fmt(x)}x`;
  const rows = (await webgpu.runAll()).map((r) => [r.name, r.unit, fmt(r.webgpu), fmt(r.wasm), ratio(r.speedup)]);
  const header = ['case', 'unit', 'WebGPU', 'WASM', 'WebGPU vs WASM'];
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const line = (r: string[]): string => r.map((v, j) => (j < 2 ? v.padEnd(widths[j]!) : v.padStart(widths[j]!))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

// `pnpm bench webgpu` runs only the WebGPU rows; `pnpm bench memory` the memory benchmark (memory/main.ts).
if (process.argv.includes('memory')) {
  void import('./memory/main');
} else if (process.argv.includes('vision')) {
  void import('./vision/main');
} else if (process.argv.includes('augment')) {
  void import('./augment/main');
} else if (process.argv.includes('compare')) {
  void import('./compare/main');
} else if (process.argv.includes('webgpu')) {
  void (async () => {
    await torch.threadsReady();
    await printWebGPU();
    process.exit(0);
  })();
} else void main();
