/**
 * Finding a WebGPU device: `navigator.gpu` in browsers, or a GPU object the caller passes (in Node,
 * `create([])` from the `webgpu` package, Dawn). Nothing here runs on import; every failure says
 * what is missing.
 */

/** The GPU entry point: navigator.gpu, or `create([])` from the `webgpu` package in Node. */
export type GpuEntry = Pick<GPU, 'requestAdapter'>;

function defaultGpu(): GpuEntry | undefined {
  const nav = (globalThis as { navigator?: { gpu?: GpuEntry } }).navigator;
  return nav?.gpu;
}

const NO_GPU_OBJECT =
  "WebGPU is not available: navigator.gpu is missing (this browser or runtime has no WebGPU). In Node, pass the GPU of the 'webgpu' package: import { create } from 'webgpu'; registerWebGPUBackend({ gpu: create([]) })";

/** Whether a WebGPU adapter can be obtained from `gpu` (default navigator.gpu). Never throws. */
export async function isAvailable(gpu: GpuEntry | undefined = defaultGpu()): Promise<boolean> {
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) !== null;
  } catch {
    return false;
  }
}

export interface AcquiredDevice {
  /** The entry point the adapter came from: held for the device's lifetime (Dawn destroys its instance when it is collected). */
  readonly gpu: GpuEntry;
  readonly adapter: GPUAdapter;
  readonly device: GPUDevice;
  /** The adapter's description (vendor, architecture, device, description), for benchmarks and errors. */
  readonly adapterName: string;
}

/** Requests an adapter and a device with the adapter's largest buffer limits. */
export async function acquireDevice(gpu: GpuEntry | undefined = defaultGpu(), options: GPURequestAdapterOptions = {}): Promise<AcquiredDevice> {
  if (!gpu) throw new Error(NO_GPU_OBJECT);
  const adapter = await gpu.requestAdapter(options);
  if (!adapter) {
    throw new Error(
      'WebGPU is present but requestAdapter() returned no adapter: there is no usable GPU (or it is blocklisted). ' +
        'Without a GPU, a software Vulkan driver works: install SwiftShader (e.g. Chromium\'s) and set VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json',
    );
  }
  const l = adapter.limits;
  const requiredLimits: Record<string, number> = {
    maxBufferSize: l.maxBufferSize,
    maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
    maxStorageBuffersPerShaderStage: l.maxStorageBuffersPerShaderStage,
    maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
    maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
    maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
  };
  const device = await adapter.requestDevice({ requiredLimits });
  const info = adapter.info as Partial<GPUAdapterInfo> | undefined;
  const adapterName = [info?.vendor, info?.architecture, info?.device, info?.description].filter((s) => s).join(' ') || 'unknown adapter';
  return { gpu, adapter, device, adapterName };
}

/** GPUBufferUsage / GPUMapMode / GPUShaderStage values (Node has no such globals unless the caller installs them). */
export const Usage = { MAP_READ: 1, COPY_SRC: 4, COPY_DST: 8, STORAGE: 128 } as const;
export const MAP_READ_MODE = 1;
export const COMPUTE_STAGE = 4;
