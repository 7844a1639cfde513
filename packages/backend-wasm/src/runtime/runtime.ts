/**
 * The wasm runtime: one WebAssembly.Memory (shared when threads are possible), the compiled kernel
 * module, a heap allocator (main thread only) and a pool of worker threads that run kernel parts.
 *
 * Threads: `threads` counts the main thread; N threads = the main thread + N-1 workers. A job
 * (kernel id, args pointer, nparts) is posted through a shared control block (see control.ts);
 * all threads claim parts dynamically, the main thread included, so a job finishes even if the
 * workers are still starting or asleep. Jobs of one part run on the main thread directly.
 */
import {
  CONTROL_BYTES,
  CTL_ARGS,
  CTL_CLAIM,
  CTL_DONE,
  CTL_ERR,
  CTL_KERNEL,
  CTL_NPARTS,
  CTL_QUIT,
  CTL_READY,
  CTL_SEQ,
  CTL_WORDS,
  MAX_PARTS,
  MAX_WORKERS,
} from './control.js';
import { ABI_VERSION, ARGS_BYTES } from './args.js';
import { Heap, type HeapStats } from './memory.js';
import type { Platform, WorkerHandle } from './platform.js';

/** Exports of the kernel module (native/wasm/src/dispatch.c). */
export interface XExports {
  x_run(kernelId: number, args: number, part: number, nparts: number): number;
  x_abi_version(): number;
  x_kernel_count(): number;
  x_stack_size(): number;
  __stack_pointer: WebAssembly.Global;
  __heap_base: WebAssembly.Global;
  __data_end: WebAssembly.Global;
}


export type SimdMode = 'auto' | 'relaxed' | 'baseline';

export interface RuntimeOptions {
  /** Total threads including the main thread (default: min(hardware threads, 4)). */
  threads?: number;
  /**
   * 'auto' (default) uses the relaxed-SIMD build (fused multiply-add, ~15-20% faster matmul) where
   * the engine supports it; in Node 20 it switches V8's --experimental-wasm-relaxed-simd on for
   * that (process-wide; the feature ships enabled from Node 22). 'baseline' never does.
   */
  simd?: SimdMode;
  /** Folder (path or URL) holding x*.wasm, instead of the package's own wasm/ folder. */
  wasmDir?: string | URL;
  /** Force the single-threaded, non-shared-memory build. */
  singleThreaded?: boolean;
  /** Initial memory in bytes (rounded up to 64 KiB pages; default 16 MiB). */
  initialMemory?: number;
  /** Maximum memory in bytes (default 4 GiB, or 1 GiB where a 4 GiB reservation fails). */
  maximumMemory?: number;
  /** Atomics.load polls a worker makes before sleeping after a job (default 20000, ~0.1 ms). */
  workerSpin?: number;
}

const PAGE = 65536;
let warnedNoThreads = false;

/** A module using f32x4.relaxed_madd; validates only where relaxed SIMD is enabled. */
const RELAXED_PROBE = new Uint8Array([
  0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 8, 1, 0x60, 3, 0x7b, 0x7b, 0x7b, 1, 0x7b, 3, 2, 1, 0, 0x0a,
  0x0d, 1, 0x0b, 0, 0x20, 0, 0x20, 1, 0x20, 2, 0xfd, 0x85, 0x02, 0x0b,
]);
/** A module using f32x4.add; validates where SIMD128 is supported. */
const SIMD_PROBE = new Uint8Array([
  0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 8, 1, 0x60, 3, 0x7b, 0x7b, 0x7b, 1, 0x7b, 3, 2, 1, 0, 0x0a,
  0x0b, 1, 0x09, 0, 0x20, 0, 0x20, 1, 0xfd, 0xe4, 0x01, 0x0b,
]);

export function relaxedSimdSupported(): boolean {
  return WebAssembly.validate(RELAXED_PROBE);
}

interface Plan {
  file: string;
  shared: boolean;
  relaxed: boolean;
  threads: number;
}

function plan(platform: Platform, opts: RuntimeOptions): Plan {
  if (!WebAssembly.validate(SIMD_PROBE))
    throw new Error('@x/backend-wasm: this WebAssembly engine does not support SIMD128');
  const simd = opts.simd ?? 'auto';
  let relaxed = false;
  // flag-gated engines (Node 20): the flag takes effect for modules validated after it is set
  if (simd !== 'baseline' && !relaxedSimdSupported()) platform.enableRelaxedSimd?.();
  if (simd === 'relaxed') {
    if (!relaxedSimdSupported())
      throw new Error('@x/backend-wasm: relaxed SIMD was requested but the engine does not support it');
    relaxed = true;
  } else if (simd === 'auto') {
    relaxed = relaxedSimdSupported();
  }
  const hw = Math.max(1, platform.hardwareConcurrency());
  let threads = Math.max(1, Math.floor(opts.threads ?? Math.min(hw, 4)));
  let shared = !opts.singleThreaded;
  if (shared) {
    const sm = platform.sharedMemoryAvailable();
    if (!sm.ok) {
      shared = false;
      if (threads > 1 && !warnedNoThreads) {
        warnedNoThreads = true;
        console.warn(`@x/backend-wasm: running single-threaded because ${sm.reason ?? 'shared memory is unavailable'}`);
      }
    }
  }
  if (!shared) threads = 1;
  const file = `x${shared ? '' : '-st'}${relaxed ? '-relaxed' : ''}.wasm`;
  return { file, shared, relaxed, threads };
}

function createMemory(shared: boolean, opts: RuntimeOptions): { memory: WebAssembly.Memory; maxBytes: number } {
  const initial = Math.max(64, Math.ceil((opts.initialMemory ?? 16 * 1024 * 1024) / PAGE));
  const maxima = opts.maximumMemory !== undefined ? [Math.ceil(opts.maximumMemory / PAGE)] : [65536, 16384];
  let err: unknown;
  for (const maximum of maxima) {
    try {
      const memory = new WebAssembly.Memory({ initial: Math.min(initial, maximum), maximum, shared });
      return { memory, maxBytes: maximum * PAGE };
    } catch (e) {
      err = e;
    }
  }
  throw err;
}

export class Runtime {
  readonly memory: WebAssembly.Memory;
  readonly module: WebAssembly.Module;
  readonly exports: XExports;
  readonly heap: Heap;
  /** true when the memory is shared and worker threads can be used */
  readonly shared: boolean;
  /** true when the relaxed-SIMD (fused multiply-add) build is loaded */
  readonly relaxedSimd: boolean;
  /** name of the loaded wasm file */
  readonly wasmFile: string;
  /** The argument block (ARGS_BYTES, args.ts): kernels run one at a time, so one suffices. */
  readonly argsPtr: number;

  private readonly platform: Platform;
  private readonly ctl: number;
  private ctlView: Int32Array;
  private readonly workers: Array<{ handle: WorkerHandle; stack: number; slot: number }> = [];
  /** slots whose worker was told to quit but may not have exited yet (not reusable) */
  private readonly retiring = new Set<number>();
  private readonly canWait: boolean;
  private readonly stackSize: number;
  private readonly mainStackTop: number;
  private readonly spin: number;
  private seq = 0;
  private running = false;
  private workerErrors: string[] = [];

  /** @internal use createRuntime / createRuntimeSync */
  /** The package's main module as a file URL, where the platform has one (DataLoader workers import it). */
  entryModule(): string | undefined {
    return this.platform.entryModule?.();
  }

  constructor(platform: Platform, module: WebAssembly.Module, p: Plan, opts: RuntimeOptions) {
    this.platform = platform;
    this.module = module;
    this.shared = p.shared;
    this.relaxedSimd = p.relaxed;
    this.wasmFile = p.file;
    this.spin = opts.workerSpin ?? 20000;
    const { memory, maxBytes } = createMemory(p.shared, opts);
    this.memory = memory;
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    this.exports = instance.exports as unknown as XExports;
    const abi = this.exports.x_abi_version();
    if (abi !== ABI_VERSION)
      throw new Error(`@x/backend-wasm: ${p.file} has ABI ${abi}, the runtime expects ${ABI_VERSION}`);
    this.stackSize = this.exports.x_stack_size();
    this.mainStackTop = this.exports.__stack_pointer.value as number;
    this.heap = new Heap(memory, this.exports.__heap_base.value as number, maxBytes);
    this.ctl = this.heap.malloc(CONTROL_BYTES + 64);
    this.ctl = (this.ctl + 63) & ~63;
    this.ctlView = new Int32Array(memory.buffer, this.ctl, CTL_WORDS);
    this.ctlView.fill(0);
    this.argsPtr = this.heap.malloc(ARGS_BYTES);
    this.canWait = platform.mainThreadCanWait();
    this.setThreads(p.threads);
  }

  // ------------------------------------------------------------------ memory

  malloc(bytes: number): number {
    return this.heap.malloc(bytes);
  }

  free(ptr: number): void {
    this.heap.free(ptr);
  }

  memoryStats(): HeapStats {
    return this.heap.stats();
  }

  /** Typed views over wasm memory. Recreate after any allocation: memory growth replaces the
   * buffer (and detaches it when the memory is not shared). */
  f32(ptr: number, n: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, n);
  }
  f64(ptr: number, n: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, n);
  }
  i32(ptr: number, n: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, n);
  }
  u32(ptr: number, n: number): Uint32Array {
    return new Uint32Array(this.memory.buffer, ptr, n);
  }
  i64(ptr: number, n: number): BigInt64Array {
    return new BigInt64Array(this.memory.buffer, ptr, n);
  }
  u8(ptr: number, n: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, ptr, n);
  }
  i8(ptr: number, n: number): Int8Array {
    return new Int8Array(this.memory.buffer, ptr, n);
  }
  i16(ptr: number, n: number): Int16Array {
    return new Int16Array(this.memory.buffer, ptr, n);
  }
  u16(ptr: number, n: number): Uint16Array {
    return new Uint16Array(this.memory.buffer, ptr, n);
  }
  dataView(): DataView {
    return new DataView(this.memory.buffer);
  }

  // ------------------------------------------------------------------ threads

  /** Total threads (main thread + workers). */
  get threads(): number {
    return this.workers.length + 1;
  }

  /** Workers that have finished starting. */
  get workersReady(): number {
    let n = 0;
    for (const w of this.workers) n += Atomics.load(this.ctlView, CTL_READY + w.slot);
    return n;
  }

  /** Sets the total thread count (1 = main thread only). Ignored beyond 1 without shared memory. */
  setThreads(n: number): void {
    if (this.running) throw new Error('setThreads: a job is running');
    const want = this.shared ? Math.min(MAX_WORKERS, Math.max(1, Math.floor(n)) - 1) : 0;
    const I = this.ctlView;
    while (this.workers.length > want) {
      const w = this.workers.pop()!;
      // The worker sees QUIT before it could claim any later job, so no job runs on it again;
      // its slot and stack are reused only after it has exited.
      Atomics.store(I, CTL_QUIT + w.slot, 1);
      Atomics.notify(I, CTL_SEQ);
      this.retiring.add(w.slot);
      void w.handle.terminate().then(
        () => {
          this.retiring.delete(w.slot);
          this.heap.free(w.stack);
        },
        () => this.retiring.delete(w.slot),
      );
    }
    while (this.workers.length < want) {
      let slot = 1;
      while (this.retiring.has(slot) || this.workers.some((w) => w.slot === slot)) slot++;
      if (slot > MAX_WORKERS) break;
      Atomics.store(I, CTL_QUIT + slot, 0);
      Atomics.store(I, CTL_READY + slot, 0);
      const stack = this.heap.malloc(this.stackSize);
      const handle = this.platform.spawnWorker(
        {
          module: this.module,
          memory: this.memory,
          ctl: this.ctl,
          stackTop: stack + this.stackSize,
          index: slot,
          spin: this.spin,
        },
        (msg) => {
          this.workerErrors.push(msg);
          console.warn(`@x/backend-wasm: ${msg}`);
        },
      );
      this.workers.push({ handle, stack, slot });
    }
  }

  /** Resolves once every worker has started (jobs do not need this: they run without them). */
  async ready(timeoutMs = 30000): Promise<void> {
    const t0 = Date.now();
    while (this.workersReady < this.workers.length) {
      if (this.workerErrors.length) throw new Error(`@x/backend-wasm: ${this.workerErrors[0]}`);
      if (Date.now() - t0 > timeoutMs) throw new Error('@x/backend-wasm: workers did not start in time');
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  /** Blocks (where the main thread may block, e.g. Node) until workers have started. */
  waitReadySync(timeoutMs = 30000): boolean {
    const t0 = Date.now();
    for (const w of this.workers) {
      for (;;) {
        if (Atomics.load(this.ctlView, CTL_READY + w.slot) === 1) break;
        const left = timeoutMs - (Date.now() - t0);
        if (left <= 0 || !this.canWait || this.workerErrors.length) return false;
        Atomics.wait(this.ctlView, CTL_READY + w.slot, 0, Math.min(left, 50));
      }
    }
    return true;
  }

  /**
   * A sensible part count for a job of `work` units (e.g. flops) where a part should have at
   * least `minPerPart` units: 1 (main thread only) for small jobs, else up to `perThread` parts
   * per thread (more parts than threads balance the load when a core is busy with other work,
   * since threads claim parts dynamically, at the price of some per-part overhead).
   */
  partsFor(work: number, minPerPart = 1 << 18, perThread = 1): number {
    const t = this.threads;
    if (t <= 1 || work < 2 * minPerPart) return 1;
    return Math.max(1, Math.min(t * perThread, Math.floor(work / minPerPart)));
  }

  /**
   * Runs kernel `kernelId` with the argument struct at byte offset `args`, split into `nparts`
   * parts spread over the threads (the main thread takes part in it and returns when all parts
   * are done). Throws if the kernel id is unknown or a part traps.
   */
  run(kernelId: number, args: number, nparts = 1): void {
    if (this.running) throw new Error('run: re-entrant call');
    nparts = Math.max(1, Math.min(MAX_PARTS, nparts | 0));
    const x = this.exports;
    if (nparts === 1 || this.workers.length === 0) {
      for (let p = 0; p < nparts; p++) {
        let rc: number;
        try {
          rc = x.x_run(kernelId, args, p, nparts);
        } catch (e) {
          this.resetStack();
          throw e;
        }
        if (rc !== 0) throw new Error(`@x/backend-wasm: kernel ${kernelId} failed (${rc})`);
      }
      return;
    }
    const I = this.ctlView;
    this.running = true;
    const seq = (this.seq = (this.seq + 1) | 0);
    const tag = (seq & 0xffff) << 16;
    I[CTL_KERNEL] = kernelId;
    I[CTL_ARGS] = args;
    I[CTL_NPARTS] = nparts;
    I[CTL_ERR] = 0;
    Atomics.store(I, CTL_DONE, 0);
    Atomics.store(I, CTL_CLAIM, tag);
    Atomics.store(I, CTL_SEQ, seq);
    Atomics.notify(I, CTL_SEQ);
    let err: unknown;
    let rcErr = 0;
    // take parts on the main thread too
    for (;;) {
      const w = Atomics.load(I, CTL_CLAIM);
      const p = w & 0xffff;
      if (p >= nparts) break;
      if (Atomics.compareExchange(I, CTL_CLAIM, w, w + 1) !== w) continue;
      try {
        const rc = x.x_run(kernelId, args, p, nparts);
        if (rc !== 0) rcErr = rc;
      } catch (e) {
        err ??= e;
        this.resetStack();
      }
      Atomics.add(I, CTL_DONE, 1);
    }
    // wait for the workers' parts
    let spins = 0;
    for (;;) {
      const d = Atomics.load(I, CTL_DONE);
      if (d >= nparts) break;
      if (this.canWait && ++spins > 2000) Atomics.wait(I, CTL_DONE, d, 100);
    }
    Atomics.store(I, CTL_CLAIM, tag | 0xffff); // close the job
    this.running = false;
    if (err !== undefined) throw err;
    const werr = I[CTL_ERR]!;
    if (rcErr !== 0 || werr !== 0)
      throw new Error(
        `@x/backend-wasm: kernel ${kernelId} failed (${rcErr || werr}${werr === -2 ? ': trap in a worker' : ''})`,
      );
  }

  /** A trap skips the epilogues that restore the stack pointer: put it back to the top. */
  private resetStack(): void {
    this.exports.__stack_pointer.value = this.mainStackTop;
  }

  /** Stops the workers. The runtime stays usable single-threaded. */
  dispose(): void {
    this.setThreads(1);
  }
}


/** Picks the build and compiles it asynchronously. */
export async function createRuntimeWith(platform: Platform, opts: RuntimeOptions = {}): Promise<Runtime> {
  const p = plan(platform, opts);
  const bytes = await platform.readWasm(p.file, opts.wasmDir);
  const module = await WebAssembly.compile(bytes);
  return new Runtime(platform, module, p, opts);
}

/** Synchronous creation (platforms with synchronous file access, i.e. Node). */
export function createRuntimeSyncWith(platform: Platform, opts: RuntimeOptions = {}): Runtime {
  if (!platform.readWasmSync) throw new Error(`@x/backend-wasm: ${platform.name} cannot load wasm synchronously`);
  const p = plan(platform, opts);
  const module = new WebAssembly.Module(platform.readWasmSync(p.file, opts.wasmDir));
  return new Runtime(platform, module, p, opts);
}
