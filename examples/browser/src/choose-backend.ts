/**
 * Picks where the model runs: WebGPU when the browser gives an adapter, else the WASM backend (threaded
 * when the page is cross-origin isolated). Either way the result says which, and why not WebGPU.
 */
import { registerWasmBackend } from '@x/backend-wasm';
import { isAvailable, registerWebGPUBackend } from '@x/backend-webgpu';

export interface ChosenBackend {
  /** 'webgpu' or 'wasm': what the page reports and the end-to-end test checks. */
  readonly kind: 'webgpu' | 'wasm';
  /** The device string tensors are created on. */
  readonly device: string;
  /** For people: the backend and its adapter, or why WebGPU was not used. */
  readonly label: string;
}

/** Why WebGPU cannot be used here, or null when it can. */
async function webgpuMissing(): Promise<string | null> {
  if (!('gpu' in navigator) || !navigator.gpu) return 'this browser has no navigator.gpu';
  if (!(await isAvailable())) return 'navigator.gpu gave no adapter';
  return null;
}

export async function chooseBackend(): Promise<ChosenBackend> {
  const missing = await webgpuMissing();
  if (missing === null) {
    try {
      const b = await registerWebGPUBackend();
      return { kind: 'webgpu', device: b.device, label: `WebGPU (${b.adapterName})` };
    } catch (e) {
      return fallback(`WebGPU failed to start: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return fallback(`WebGPU unavailable: ${missing}`);
}

async function fallback(reason: string): Promise<ChosenBackend> {
  const b = await registerWasmBackend();
  const threads = crossOriginIsolated ? 'threaded' : 'single-threaded (page not cross-origin isolated)';
  return { kind: 'wasm', device: b.device, label: `WASM, ${threads} — ${reason}` };
}
