/**
 * End to end: builds the page with Vite, serves it with `vite preview` (cross-origin isolated), and
 * drives Debian's Chromium with playwright-core: once with WebGPU on (SwiftShader's Vulkan driver where
 * there is no GPU) and once with WebGPU off. Each time the loss must fall and the page must say which
 * backend ran. Skipped, with the reason printed, only where Chromium is not installed.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const root = fileURLToPath(new URL('..', import.meta.url));
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.log(`examples/browser end-to-end test SKIPPED: no Chromium at ${CHROMIUM} (install it: apt-get install -y chromium libvulkan1, or set CHROMIUM_PATH)`);
}

/** Flags that give headless Chromium a WebGPU adapter, on SwiftShader where there is no GPU. */
const WEBGPU_ON = ['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--enable-features=Vulkan,WebGPU', '--use-vulkan=swiftshader', '--use-angle=swiftshader'];
const WEBGPU_OFF = ['--disable-features=WebGPU'];
const STEPS = 30;

interface Outcome {
  state: string;
  backend: string;
  label: string;
  status: string;
  losses: number[];
  isolated: boolean;
  /** Pixels of the curve's colour on the canvas: the curve was drawn. */
  curvePixels: number;
  consoleErrors: string[];
}

/** How long a page may go without finishing a step (the first one includes compiling the shaders). */
const STALL_MS = 150_000;

/**
 * Waits until the page says done or error, failing only when training stops moving: SwiftShader runs
 * the shaders on the CPU, so the time a run takes depends on what else the machine is doing, but a
 * page that finishes no step for STALL_MS is stuck.
 */
async function waitWhileProgressing(page: Page): Promise<void> {
  const started = Date.now();
  let steps = -1;
  let lastMove = started;
  for (;;) {
    const now = await page.evaluate(() => ({ state: document.body.dataset.state ?? '', steps: window.xLosses?.length ?? 0, status: document.getElementById('status')?.textContent ?? '' }));
    if (now.state === 'done' || now.state === 'error') return;
    if (now.steps !== steps) {
      steps = now.steps;
      lastMove = Date.now();
    } else if (Date.now() - lastMove > STALL_MS) {
      throw new Error(`the page finished no step for ${STALL_MS / 1000} s (${steps} of ${STEPS} done after ${((Date.now() - started) / 1000).toFixed(0)} s; state '${now.state}', status '${now.status}')`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function run(server: PreviewServer, flags: string[]): Promise<Outcome> {
  const env = { ...process.env } as Record<string, string>;
  if (existsSync(SWIFTSHADER_ICD) && !env.VK_ICD_FILENAMES) env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', ...flags], env });
  try {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    const url = server.resolvedUrls!.local[0]!;
    await page.goto(`${url}?steps=${STEPS}`);
    await waitWhileProgressing(page);
    return {
      ...(await page.evaluate(() => {
        const canvas = document.getElementById('loss') as HTMLCanvasElement;
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let curvePixels = 0;
        for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 2]! > 200 && pixels[i]! < 100) curvePixels++;
        return {
          state: document.body.dataset.state ?? '',
          backend: document.body.dataset.backend ?? '',
          label: document.getElementById('backend')!.textContent ?? '',
          status: document.getElementById('status')!.textContent ?? '',
          losses: window.xLosses ?? [],
          isolated: crossOriginIsolated,
          curvePixels,
        };
      })),
      consoleErrors,
    };
  } finally {
    await browser.close();
  }
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** The loss of the last steps is well below that of the first ones. */
function expectLossFalls(o: Outcome): void {
  expect(o.state, `page status: ${o.status}\nconsole errors: ${o.consoleErrors.join('\n')}`).toBe('done');
  expect(o.losses).toHaveLength(STEPS);
  for (const l of o.losses) expect(Number.isFinite(l)).toBe(true);
  const first = mean(o.losses.slice(0, 5));
  const last = mean(o.losses.slice(-5));
  console.log(`${o.backend}: ${o.label}; loss ${first.toFixed(4)} → ${last.toFixed(4)} (${o.status})`);
  expect(first).toBeGreaterThan(0.6); // about ln 2 at the start: two classes, no information yet
  expect(last).toBeLessThan(0.7 * first);
  expect(o.curvePixels).toBeGreaterThan(50);
}

describe.skipIf(!haveChromium)('examples/browser in Chromium', () => {
  let server: PreviewServer;
  const outcomes: Partial<Record<'webgpu' | 'wasm', Outcome>> = {};
  beforeAll(async () => {
    await build({ root, logLevel: 'warn' });
    server = await preview({ root, logLevel: 'warn', preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('trains on WebGPU where Chromium gives an adapter, and says so', async () => {
    const o = await run(server, WEBGPU_ON);
    outcomes.webgpu = o;
    const hint = `Chromium gave no WebGPU adapter (is libvulkan1 installed? VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? SWIFTSHADER_ICD})`;
    expect(o.backend, `${hint}; page: ${o.label}; ${o.status}`).toBe('webgpu');
    expect(o.label).toMatch(/^WebGPU \(.+\)$/);
    expectLossFalls(o);
  });

  it('falls back to WASM (threaded: the page is cross-origin isolated) with WebGPU disabled', async () => {
    const o = await run(server, WEBGPU_OFF);
    outcomes.wasm = o;
    expect(o.backend, `page status: ${o.status}`).toBe('wasm');
    expect(o.isolated).toBe(true);
    expect(o.label).toMatch(/^WASM, threaded — WebGPU unavailable: /);
    expectLossFalls(o);
  });

  it('memory: loops with no tidy or dispose that await a read each step stay bounded (WASM; docs/memory.md)', async () => {
    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', ...WEBGPU_OFF] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.resolvedUrls!.local[0]!}memory.html`);
      await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state ?? ''), undefined, { timeout: 300_000, polling: 250 });
      const m = await page.evaluate(() => window.xMemory);
      expect(m, `page errors: ${errors.join('\n')}`).toBeDefined();
      const { threshold, training, ops, reclaim } = m!;
      const MiB = 2 ** 20;
      const most = (xs: number[]): number => Math.max(...xs);
      console.log(
        `memory (browser, ${reclaim.mode}): training ${(training[0]! / MiB).toFixed(0)} → max ${(most(training) / MiB).toFixed(0)} MiB over ${training.length} steps; ` +
          `10,000 ops: max ${(most(ops) / MiB).toFixed(0)} MiB; ${reclaim.nudges} nudges, ${reclaim.collectionsSeen} collections seen`,
      );
      expect(reclaim.mode).toBe('async');
      expect(reclaim.collectionsSeen).toBeGreaterThan(2);
      // The training loop leaves ~3 MB of activations a step (120 MB in all), the op loop ~48 KiB an
      // iteration (480 MB): the engine collects later than Node's synchronous reclaim would, within
      // a few thresholds.
      expect(most(training)).toBeLessThan(training[0]! + 8 * threshold);
      expect(most(ops)).toBeLessThan(training[0]! + 8 * threshold);
    } finally {
      await browser.close();
    }
  });

  it('WebGPU and WASM follow the same loss curve (same seed, same data, float32 tolerance)', () => {
    const { webgpu: g, wasm: w } = outcomes;
    if (!g || !w) throw new Error('this check compares the two runs above: both must have finished');
    // The model and data are made on the CPU from the same seed, so the first losses agree to
    // float32 rounding; Adam's updates then amplify rounding differences slowly.
    for (let i = 0; i < STEPS; i++) {
      const tol = i < 10 ? 1e-4 : 2e-2;
      expect(Math.abs(g.losses[i]! - w.losses[i]!), `step ${i}: WebGPU ${g.losses[i]}, WASM ${w.losses[i]}`).toBeLessThanOrEqual(tol * w.losses[i]! + 1e-6);
    }
  });
});
