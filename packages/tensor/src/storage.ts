/**
 * Reference-counted storage. Views share one Storage; each live Tensor holds one reference, released
 * by `dispose()`, by a tidy scope, or by the FinalizationRegistry once the Tensor object is
 * unreachable (reclaim.ts makes that happen in time). The backend's memory is returned when the
 * count reaches zero.
 */
import type { Backend } from './backend';
import { beforeAllocate, reclaim, storageCreated, storageReleased } from './reclaim';

interface BackendUsage {
  storages: number;
  bytes: number;
}

const usage = new Map<string, BackendUsage>();

function usageOf(backend: Backend): BackendUsage {
  let u = usage.get(backend.name);
  if (!u) {
    u = { storages: 0, bytes: 0 };
    usage.set(backend.name, u);
  }
  return u;
}

export class Storage<H = unknown> {
  private refs = 0;
  private readonly usage: BackendUsage;

  constructor(
    readonly backend: Backend<H>,
    /** The backend's own handle (a pointer, a GPUBuffer, a typed array…). */
    readonly handle: H,
    readonly byteLength: number,
  ) {
    this.usage = usageOf(backend);
    this.usage.storages++;
    this.usage.bytes += byteLength;
    storageCreated(byteLength);
  }

  /**
   * A new storage from the backend. Past the pressure threshold, unreachable tensors are reclaimed
   * first; a backend out of memory gets one more try after a reclaim.
   */
  static allocate(backend: Backend, byteLength: number): Storage {
    beforeAllocate(byteLength);
    let handle: unknown;
    try {
      handle = backend.alloc(byteLength);
    } catch (e) {
      if (!reclaim()) throw e;
      backend.trim?.();
      handle = backend.alloc(byteLength);
    }
    return new Storage(backend, handle, byteLength);
  }

  retain(): void {
    this.refs++;
  }

  release(): void {
    if (--this.refs === 0) {
      this.usage.storages--;
      this.usage.bytes -= this.byteLength;
      storageReleased(this.byteLength);
      this.backend.free(this.handle);
    }
  }

  get refCount(): number {
    return this.refs;
  }
}

/** Live storages and bytes per backend name. */
export function storageUsage(): Map<string, Readonly<BackendUsage>> {
  return usage;
}
