/**
 * WebGPU against WASM: matmul and the seed's Fashion-MNIST CNN step, the same program on device
 * 'webgpu' (Dawn, the `webgpu` package) and on 'cpu' (the WASM backend). Runs only where Dawn finds
 * an adapter; the rows carry the adapter's name. On SwiftShader (a CPU emulating a GPU) the numbers
 * are for the record; on a real GPU they are the point.
 */
import * as torch from '@x/torch';
import { createWebGPUBackend, registerWebGPUBackend, isAvailable, type WebGPUBackend } from '@x/backend-webgpu';
import { FashionCnn } from './ours';

export interface WebGPURow {
  name: string;
  unit: 'GFLOP/s' | 'ms';
  webgpu: number;
  wasm: number;
  /** How many times faster WebGPU is (>1: faster), from the median times. */
  speedup: number;
}

/**
 * Dawn's GPU object, held for the life of the process: the device does not keep it alive, and Dawn
 * aborts if it is garbage-collected while the device is in use.
 */
let gpu: GPU | undefined;

/** The registered backend, or why there is none (printed instead of the rows). */
export async function init(): Promise<{ backend: WebGPUBackend } | { skip: string }> {
  try {
    const dawn = await import('webgpu');
    gpu = dawn.create([]);
  } catch (e) {
    return { skip: `the 'webgpu' package (Dawn) did not load: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!(await isAvailable(gpu))) {
    return { skip: `Dawn found no WebGPU adapter (VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? 'unset'}; SwiftShader: /usr/lib/chromium/vk_swiftshader_icd.json)` };
  }
  const backend = await createWebGPUBackend({ gpu });
  await registerWebGPUBackend({ backend });
  return { backend };
}

/**
 * Median seconds of `step` after warm-up, each run ending with a one-element read of what it made:
 * a GPU runs asynchronously, and the read waits for its queue (on the CPU it costs nothing).
 */
async function timeAsync(step: () => torch.Tensor, options: { minRuns: number; budget: number }): Promise<number> {
  const once = async (): Promise<number> => {
    const t0 = performance.now();
    const out = step();
    await out.reshape(-1).index(0).itemAsync();
    out.dispose();
    return (performance.now() - t0) / 1000;
  };
  await once();
  await once();
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < options.minRuns || ((performance.now() - start) / 1000 < options.budget && samples.length < 50)) {
    samples.push(await torch.tidy(once));
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

async function matmul(n: number, device: string): Promise<number> {
  torch.manualSeed(0);
  const a = torch.rand(n, n).to(device);
  const b = torch.rand(n, n).to(device);
  const t = await timeAsync(() => torch.matmul(a, b), { minRuns: 5, budget: 1.5 });
  a.dispose();
  b.dispose();
  return t;
}

/** One forward+backward of the seed's CNN on a batch (cross-entropy loss; gradients zeroed after). */
async function cnnStep(batch: number, device: string): Promise<number> {
  torch.manualSeed(0);
  const net = new FashionCnn();
  net.to(device);
  net.train();
  const x = torch.randn(batch, 1, 28, 28).to(device);
  const y = torch.randint(0, 10, [batch]).to(device);
  const lossFn = new torch.nn.CrossEntropyLoss();
  const first = Array.from(net.parameters())[0]!;
  const t = await timeAsync(() => {
    net.zeroGrad();
    const loss = lossFn.forward(net.forward(x) as torch.Tensor, y);
    loss.backward();
    // The first conv's weight gradient is the last thing backward writes; reading a copy of it
    // waits for the GPU queue, which runs in order.
    return first.grad!.clone();
  }, { minRuns: 3, budget: 2 });
  x.dispose();
  y.dispose();
  return t;
}

export async function runAll(): Promise<WebGPURow[]> {
  const rows: WebGPURow[] = [];
  for (const n of [256, 1024]) {
    const [g, w] = [await matmul(n, 'webgpu'), await matmul(n, 'cpu')];
    const flops = 2 * n ** 3;
    rows.push({ name: `matmul ${n}x${n}`, unit: 'GFLOP/s', webgpu: flops / g / 1e9, wasm: flops / w / 1e9, speedup: w / g });
  }
  const batch = 64;
  const [g, w] = [await cnnStep(batch, 'webgpu'), await cnnStep(batch, 'cpu')];
  rows.push({ name: `Fashion-MNIST CNN fwd+bwd, batch ${batch}`, unit: 'ms', webgpu: g * 1e3, wasm: w * 1e3, speedup: w / g });
  return rows;
}
