/**
 * Which backend serves which device. Several backends may serve one device ('cpu' has the reference
 * backend and the WASM one); the one with the highest priority wins unless `setBackend` picks.
 */
import type { Backend } from './backend';
import { missingKernels } from './optable';
import { ReferenceBackend } from './reference/backend';

interface Entry {
  backend: Backend;
  priority: number;
}

const byDevice = new Map<string, Entry[]>();
const chosen = new Map<string, Backend>();

/** Makes a backend available for its device. Registering the same name again replaces it. */
export function registerBackend(backend: Backend, options: { priority?: number } = {}): void {
  const missing = missingKernels(backend);
  if (missing.length > 0) {
    throw new Error(`backend '${backend.name}' cannot be registered: it does not implement the required kernels ${missing.join(', ')} (see the Backend interface in @x/tensor and docs/write-a-backend.md)`);
  }
  const list = byDevice.get(backend.device) ?? [];
  const rest = list.filter((e) => e.backend.name !== backend.name);
  rest.push({ backend, priority: options.priority ?? 0 });
  rest.sort((a, b) => b.priority - a.priority);
  byDevice.set(backend.device, rest);
  if (chosen.get(backend.device)?.name === backend.name) chosen.set(backend.device, backend);
}

/** Uses the named backend for its device from now on (e.g. setBackend('reference') for 'cpu'). */
export function setBackend(name: string): Backend {
  ensureReference();
  for (const list of byDevice.values()) {
    const e = list.find((x) => x.backend.name === name);
    if (e) {
      chosen.set(e.backend.device, e.backend);
      return e.backend;
    }
  }
  throw new Error(`no backend named '${name}' is registered (registered: ${listBackends().map((b) => b.name).join(', ')})`);
}

// The reference backend serves 'cpu' until a faster one registers: @x/tensor works alone.
let referenceRegistered = false;
function ensureReference(): void {
  if (referenceRegistered) return;
  referenceRegistered = true;
  registerBackend(new ReferenceBackend(), { priority: -100 });
}

export function listBackends(): Backend[] {
  ensureReference();
  return [...byDevice.values()].flat().map((e) => e.backend);
}

export function findBackend(name: string): Backend | undefined {
  return listBackends().find((b) => b.name === name);
}

/** Parses 'cpu', 'cuda:0', … to the device family name. */
export function deviceType(device: string): string {
  const i = device.indexOf(':');
  return i < 0 ? device : device.slice(0, i);
}

/** The backend that serves a device. */
export function backendFor(device: string): Backend {
  const type = deviceType(device);
  ensureReference();
  const pick = chosen.get(type) ?? byDevice.get(type)?.[0]?.backend;
  if (pick) return pick;
  const known = [...byDevice.keys()].join(', ') || 'none';
  // Hints name only what exists: a package that does not (a CUDA backend) would send users to npm for nothing.
  const hint =
    type === 'webgpu' ? " Register it first: `await registerWebGPUBackend()` from '@x/backend-webgpu'." :
    type === 'cuda' ? " @x has no CUDA backend yet; for a GPU use 'webgpu' (`await registerWebGPUBackend()` from '@x/backend-webgpu')." : '';
  throw new Error(`device '${device}' is not available: no backend serves it (available devices: ${known}).${hint}`);
}

let defaultDevice = 'cpu';
export function getDefaultDevice(): string {
  return defaultDevice;
}
export function setDefaultDevice(device: string): void {
  backendFor(device);
  defaultDevice = device;
}
