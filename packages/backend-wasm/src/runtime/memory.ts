/**
 * Heap allocator over a WebAssembly.Memory, run on the main thread only (workers never allocate).
 *
 * - Small blocks (<= SMALL_MAX bytes) use size classes (16-byte steps up to 256 B, then 4 classes
 *   per power of two). Freed small blocks go to a per-class free list and are reused as is; new
 *   ones are carved from 64 KiB slabs taken from the large-block allocator.
 * - Large blocks are multiples of 4 KiB, kept in segregated free bins (4 bins per power of two),
 *   split on allocation and coalesced with free neighbours on release; a free block that touches
 *   the end of the heap is given back to the "wilderness" (the bump pointer).
 * - Every block starts 16-byte aligned (small) or 4096-byte aligned (large, relative to the
 *   heap base, which is itself 4096-aligned).
 * - The memory grows (memory.grow) geometrically when the wilderness is exhausted.
 * Block sizes are kept in JS maps, never in wasm memory, so a kernel writing out of bounds
 * cannot corrupt allocator state.
 */

const WASM_PAGE = 65536;
const SMALL_MAX = 32768;
const LARGE_ALIGN = 4096;
const SLAB = 65536;
const MIN_GROW = 16 * WASM_PAGE; // 1 MiB

/** Class index of a small size (1 .. SMALL_MAX). */
function smallClass(size: number): number {
  if (size <= 256) return (size + 15) >>> 4; // 1 .. 16 -> 16 .. 256 bytes
  // 4 classes per power of two above 256: sizes (1 + q/4) * 2^e
  const e = 31 - Math.clz32(size - 1); // 2^e < size <= 2^(e+1)
  const q = ((size - 1) >>> (e - 2)) - 3; // 1..4: smallest quarter step >= size
  return 16 + (e - 8) * 4 + q;
}

function classSize(cls: number): number {
  if (cls <= 16) return cls << 4;
  const k = cls - 17; // 0-based past 256
  const e = 8 + (k >>> 2);
  const q = (k & 3) + 1;
  return (1 << e) + q * (1 << (e - 2));
}

const NUM_SMALL_CLASSES = smallClass(SMALL_MAX) + 1;

/** Bin index for a large free block: 4 bins per power of two. */
function largeBin(size: number): number {
  const e = 31 - Math.clz32(size);
  const q = e >= 2 ? (size >>> (e - 2)) & 3 : 0;
  return e * 4 + q;
}

export interface HeapStats {
  /** Bytes handed out to live allocations (rounded to the block size). */
  inUse: number;
  /** Number of live allocations. */
  allocations: number;
  /** Bytes between the heap base and the wilderness (the part of memory the heap manages). */
  heapSize: number;
  /** Current size of the WebAssembly memory in bytes. */
  memoryBytes: number;
}

export class OutOfMemoryError extends Error {
  constructor(bytes: number, memoryBytes: number) {
    super(
      `@x/backend-wasm: out of memory allocating ${bytes} bytes ` +
        `(WebAssembly memory is ${memoryBytes} bytes and cannot grow further)`,
    );
    this.name = 'OutOfMemoryError';
  }
}

export class Heap {
  readonly memory: WebAssembly.Memory;
  readonly base: number;
  /** End of the managed region: everything in [top, memory end) is free wilderness. */
  private top: number;
  private readonly maxBytes: number;

  // small blocks
  private readonly smallFree: number[][] = [];
  private slabCur = 0;
  private slabEnd = 0;

  // large blocks: free bins and maps for coalescing
  private readonly bins: number[][] = [];
  private readonly freeStart = new Map<number, number>(); // start -> size
  private readonly freeEnd = new Map<number, number>(); // end -> start
  private readonly binPos = new Map<number, number>(); // start -> index inside its bin

  /** Live allocations: ptr -> encoded (small: -class, large: size). */
  private readonly live = new Map<number, number>();
  private inUse = 0;
  private growListeners: Array<() => void> = [];

  /**
   * @param memory the WebAssembly memory (shared or not)
   * @param base first byte the heap may use (e.g. the module's __heap_base)
   * @param maxBytes upper bound for the memory size (defaults to 4 GiB)
   */
  constructor(memory: WebAssembly.Memory, base: number, maxBytes = 4 * 1024 * 1024 * 1024) {
    this.memory = memory;
    this.base = (base + LARGE_ALIGN - 1) & ~(LARGE_ALIGN - 1);
    this.top = this.base;
    this.maxBytes = maxBytes;
    for (let i = 0; i < NUM_SMALL_CLASSES; i++) this.smallFree.push([]);
    for (let i = 0; i < 33 * 4; i++) this.bins.push([]);
  }

  /** Called after memory.grow (typed views over the old buffer length must be recreated). */
  onGrow(fn: () => void): void {
    this.growListeners.push(fn);
  }

  /** Allocates `bytes` (>= 0); returns a 16-byte aligned byte offset (never 0). */
  malloc(bytes: number): number {
    if (!(bytes >= 0) || bytes > this.maxBytes) throw new RangeError(`malloc: bad size ${bytes}`);
    const size = bytes === 0 ? 1 : bytes;
    let ptr: number;
    let got: number;
    if (size <= SMALL_MAX) {
      const cls = smallClass(size);
      const list = this.smallFree[cls]!;
      got = classSize(cls);
      if (list.length > 0) {
        ptr = list.pop()!;
      } else {
        if (this.slabCur + got > this.slabEnd) {
          const slab = this.allocLarge(SLAB);
          this.slabCur = slab;
          this.slabEnd = slab + SLAB;
        }
        ptr = this.slabCur;
        this.slabCur += got;
      }
      this.live.set(ptr, -cls);
    } else {
      got = (size + LARGE_ALIGN - 1) & ~(LARGE_ALIGN - 1);
      ptr = this.allocLarge(got);
      this.live.set(ptr, got);
    }
    this.inUse += got;
    return ptr;
  }

  /** Releases a block returned by malloc. Throws on an unknown pointer or a double free. */
  free(ptr: number): void {
    const enc = this.live.get(ptr);
    if (enc === undefined) throw new Error(`free: ${ptr} is not a live allocation`);
    this.live.delete(ptr);
    if (enc < 0) {
      const cls = -enc;
      this.inUse -= classSize(cls);
      this.smallFree[cls]!.push(ptr);
    } else {
      this.inUse -= enc;
      this.freeLarge(ptr, enc);
    }
  }

  /** Size in bytes usable at ptr (the block size, >= the requested size). */
  usableSize(ptr: number): number {
    const enc = this.live.get(ptr);
    if (enc === undefined) throw new Error(`usableSize: ${ptr} is not a live allocation`);
    return enc < 0 ? classSize(-enc) : enc;
  }

  stats(): HeapStats {
    return {
      inUse: this.inUse,
      allocations: this.live.size,
      heapSize: this.top - this.base,
      memoryBytes: this.memory.buffer.byteLength,
    };
  }

  // ------------------------------------------------------------------ large blocks

  private allocLarge(size: number): number {
    // search bins from the block's own bin upwards
    let b = largeBin(size);
    const nb = this.bins.length;
    for (; b < nb; b++) {
      const bin = this.bins[b]!;
      if (bin.length === 0) continue;
      // blocks in higher bins always fit; in the first bin, scan for one that does
      for (let i = bin.length - 1; i >= 0; i--) {
        const start = bin[i]!;
        const bsize = this.freeStart.get(start)!;
        if (bsize >= size) {
          this.unlinkFree(start, bsize);
          if (bsize > size) this.linkFree(start + size, bsize - size);
          return start;
        }
      }
    }
    // wilderness
    const ptr = this.top;
    const end = ptr + size;
    this.ensure(end);
    this.top = end;
    return ptr;
  }

  private freeLarge(ptr: number, size: number): void {
    let start = ptr;
    let end = ptr + size;
    const prevStart = this.freeEnd.get(start);
    if (prevStart !== undefined) {
      const psize = this.freeStart.get(prevStart)!;
      this.unlinkFree(prevStart, psize);
      start = prevStart;
    }
    const nsize = this.freeStart.get(end);
    if (nsize !== undefined) {
      this.unlinkFree(end, nsize);
      end += nsize;
    }
    if (end === this.top) {
      this.top = start; // give back to the wilderness
    } else {
      this.linkFree(start, end - start);
    }
  }

  private linkFree(start: number, size: number): void {
    const bin = this.bins[largeBin(size)]!;
    this.binPos.set(start, bin.length);
    bin.push(start);
    this.freeStart.set(start, size);
    this.freeEnd.set(start + size, start);
  }

  private unlinkFree(start: number, size: number): void {
    const bin = this.bins[largeBin(size)]!;
    const i = this.binPos.get(start)!;
    const last = bin.pop()!;
    if (last !== start) {
      bin[i] = last;
      this.binPos.set(last, i);
    }
    this.binPos.delete(start);
    this.freeStart.delete(start);
    this.freeEnd.delete(start + size);
  }

  private ensure(end: number): void {
    const cur = this.memory.buffer.byteLength;
    if (end <= cur) return;
    if (end > this.maxBytes) throw new OutOfMemoryError(end - this.top, cur);
    let want = Math.max(end, cur + Math.max(MIN_GROW, Math.floor(cur / 4)));
    want = Math.min(want, this.maxBytes);
    const pages = Math.ceil((want - cur) / WASM_PAGE);
    const minPages = Math.ceil((end - cur) / WASM_PAGE);
    try {
      this.memory.grow(pages);
    } catch {
      try {
        this.memory.grow(minPages); // geometric growth failed: try the minimum
      } catch {
        throw new OutOfMemoryError(end - this.top, cur);
      }
    }
    for (const fn of this.growListeners) fn();
  }
}

/** @internal exported for tests */
export const _sizeClasses = { smallClass, classSize, SMALL_MAX };
