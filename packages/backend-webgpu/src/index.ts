/**
 * @x/backend-webgpu: tensors on device 'webgpu', computed by WGSL compute kernels. Works in browsers
 * (navigator.gpu) and in Node with the `webgpu` package (Dawn). Importing registers nothing and never
 * throws: `await registerWebGPUBackend()` finds a device and registers the backend.
 *
 * @example
 * // Node
 * import { create, globals } from 'webgpu';
 * import { registerWebGPUBackend } from '@x/backend-webgpu';
 * await registerWebGPUBackend({ gpu: create([]) });
 * const x = torch.randn([1024, 1024], { device: 'webgpu' });
 * console.log(await x.sum().itemAsync());   // GPU tensors are read with await
 */
import { registerBackend } from '@x/tensor';
import { WebGPUBackend } from './backend';
import { acquireDevice, type GpuEntry } from './device';

export { WebGPUBackend } from './backend';
export { isAvailable } from './device';
export type { GpuEntry } from './device';

export interface WebGPUBackendOptions {
  /** The GPU entry point (default navigator.gpu); in Node, `create([])` from the `webgpu` package. */
  gpu?: GpuEntry;
  /** Adapter preference, passed to requestAdapter. */
  powerPreference?: GPUPowerPreference;
  /** Registry priority among backends of device 'webgpu' (default 10). */
  priority?: number;
}

/** Creates a backend on a new device; throws an Error naming what is missing when WebGPU is not available. */
export async function createWebGPUBackend(options: WebGPUBackendOptions = {}): Promise<WebGPUBackend> {
  const { gpu, adapter, device, adapterName } = await acquireDevice(options.gpu, options.powerPreference ? { powerPreference: options.powerPreference } : {});
  return new WebGPUBackend(device, adapterName, [gpu, adapter]);
}

/** Creates the backend (or uses the given one) and registers it for device 'webgpu'. Returns it. */
export async function registerWebGPUBackend(options: WebGPUBackendOptions & { backend?: WebGPUBackend } = {}): Promise<WebGPUBackend> {
  const b = options.backend ?? (await createWebGPUBackend(options));
  registerBackend(b, { priority: options.priority ?? 10 });
  return b;
}
