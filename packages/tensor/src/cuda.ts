/**
 * torch.cuda and torch.backends.cudnn without CUDA: what a CPU build of PyTorch answers
 * (isAvailable() false, deviceCount() 0, seeding a no-op, cudnn flags settable and unused) until a
 * CUDA backend registers its runtime here. @x has none yet; the one DESIGN.md plans
 * (@x/backend-cuda) calls `registerCudaRuntime` when it loads on a machine with a CUDA GPU, and
 * registers its Backend for the 'cuda' device as any backend does; nothing else in @x needs to know
 * whether CUDA exists.
 */
import { deviceType, listBackends } from './registry';

/** What a CUDA backend tells torch.cuda about the machine. */
export interface CudaRuntime {
  /** How many CUDA devices the process can use (after CUDA_VISIBLE_DEVICES). */
  deviceCount(): number;
  /** Seeds the generator of every CUDA device (torch.cuda.manual_seed_all). */
  manualSeedAll?(seed: number | bigint): void;
  /** Seeds the current CUDA device's generator (torch.cuda.manual_seed). */
  manualSeed?(seed: number | bigint): void;
  /** The index of the current device (torch.cuda.current_device). */
  currentDevice?(): number;
  /** The name of a device, as nvidia-smi shows it (torch.cuda.get_device_name). */
  deviceName?(index: number): string;
  /** Waits for every kernel queued on the device (torch.cuda.synchronize). */
  synchronize?(): void | Promise<void>;
  /** Whether cuDNN is present, and its version as PyTorch reports it (e.g. 8500). */
  cudnnVersion?(): number | null;
}

let runtime: CudaRuntime | null = null;

/**
 * Installs (or with null removes) the CUDA runtime torch.cuda answers from: what a CUDA backend
 * calls when it loads. Returns the previous one.
 */
export function registerCudaRuntime(r: CudaRuntime | null): CudaRuntime | null {
  const before = runtime;
  runtime = r;
  return before;
}

function cudaBackendRegistered(): boolean {
  return listBackends().some((b) => deviceType(b.device) === 'cuda');
}

/** The error for work that needs CUDA where no CUDA backend is registered (PyTorch's CPU builds say "Torch not compiled with CUDA enabled"). */
export function noCudaError(what: string): Error {
  return new Error(
    `${what} needs CUDA, but no CUDA backend is registered (torch.cuda.isAvailable() is false): @x has no CUDA backend yet; for a GPU ` +
      "use 'webgpu' (`await registerWebGPUBackend()` from '@x/backend-webgpu'), or stay on the CPU " +
      "(model.to(torch.cuda.isAvailable() ? 'cuda' : 'cpu') runs anywhere)",
  );
}

/**
 * The device string for `.cuda(device)` ('cuda', 'cuda:1'), or noCudaError(what) where no backend
 * serves 'cuda'.
 */
export function cudaDevice(what: string, index?: number | string | { toString(): string } | null): string {
  if (!cudaBackendRegistered()) throw noCudaError(what);
  if (index === undefined || index === null) return 'cuda';
  if (typeof index === 'number') {
    if (!Number.isInteger(index) || index < 0) throw new Error(`${what}: a CUDA device index is a non-negative integer, got ${index}`);
    return `cuda:${index}`;
  }
  const s = String(index);
  if (deviceType(s) !== 'cuda') throw new Error(`${what}: Invalid device, must be cuda device, got ${s}`);
  return s;
}

/** torch.cuda: CUDA's state, answered by the registered CUDA runtime or, without one, as a CPU build of PyTorch does. */
export const cuda = {
  /** Whether a CUDA backend is registered and sees at least one device. */
  isAvailable(): boolean {
    return runtime !== null && cudaBackendRegistered() && runtime.deviceCount() > 0;
  },
  /** The number of CUDA devices (0 without a CUDA backend). */
  deviceCount(): number {
    return runtime !== null && cudaBackendRegistered() ? runtime.deviceCount() : 0;
  },
  /** Seeds every CUDA device's generator; without CUDA it does nothing, as in PyTorch. */
  manualSeedAll(seed: number | bigint): void {
    runtime?.manualSeedAll?.(seed);
  },
  /** Seeds the current CUDA device's generator; without CUDA it does nothing, as in PyTorch. */
  manualSeed(seed: number | bigint): void {
    runtime?.manualSeed?.(seed);
  },
  /** The current device's index. */
  currentDevice(): number {
    if (!cuda.isAvailable()) throw noCudaError('torch.cuda.currentDevice()');
    return runtime!.currentDevice?.() ?? 0;
  },
  /** A device's name. */
  getDeviceName(index = 0): string {
    if (!cuda.isAvailable()) throw noCudaError('torch.cuda.getDeviceName()');
    return runtime!.deviceName?.(index) ?? `cuda:${index}`;
  },
  /** Waits for the device's queued work; without CUDA there is none. */
  synchronize(): void | Promise<void> {
    return runtime?.synchronize?.();
  },
};

/** torch.backends: cuDNN's switches, settable as in PyTorch (a CUDA backend reads them; on the CPU they change nothing). */
export const backends = {
  cudnn: {
    /** Use only deterministic convolution algorithms. */
    deterministic: false,
    /** Let cuDNN benchmark algorithms and pick the fastest per shape. */
    benchmark: false,
    /** Use cuDNN at all. */
    enabled: true,
    /** Allow TF32 in cuDNN convolutions (PyTorch's allow_tf32). */
    allowTf32: true,
    /** Whether cuDNN is usable (false without a CUDA backend). */
    isAvailable(): boolean {
      return cuda.isAvailable() && (runtime?.cudnnVersion?.() ?? null) !== null;
    },
    /** cuDNN's version, or null without it (PyTorch's None). */
    version(): number | null {
      return cuda.isAvailable() ? (runtime?.cudnnVersion?.() ?? null) : null;
    },
  },
};
