/**
 * reclaim.ts: tensors nobody disposes are reclaimed under pressure, synchronously in Node, and
 * loops that free their tensors never pay for a collection.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as torch from '../src/index';
import { ReferenceBackend } from '../src/reference/backend';
import { viewOf } from '../src/ops/util';
import type { Backend } from '../src/backend';

const KiB = 1024;
let saved: ReturnType<typeof torch.setReclaimOptions>;
beforeEach(() => {
  saved = torch.setReclaimOptions({ threshold: 256 * KiB, enabled: true });
});
afterEach(() => {
  torch.setReclaimOptions(saved);
});

const reclaims = (): number => torch.memory().reclaim.reclaims;

describe('reclaiming unreachable tensors', () => {
  it('runs synchronously in Node', () => {
    expect(torch.memory().reclaim.mode).toBe('sync');
    torch.setReclaimOptions({ threshold: 1024 * 1024 * KiB });
    torch.reclaim();
    const before = torch.memory().numBytes;
    (() => {
      for (let i = 0; i < 300; i++) torch.ones(256); // 1 KiB each, dropped
    })();
    expect(torch.memory().numBytes - before).toBeGreaterThanOrEqual(300 * KiB);
    expect(torch.reclaim()).toBe(true);
    // All of them are gone, with no await (the nursery is watched before the collection).
    expect(torch.memory().numBytes - before).toBeLessThan(8 * KiB);
  });

  it('keeps a synchronous loop that disposes nothing bounded', () => {
    torch.setReclaimOptions({ threshold: 1024 * KiB });
    torch.reclaim();
    const base = torch.memory().numBytes;
    const a = torch.ones(1024); // 4 KiB
    const b = torch.ones(1024);
    let most = 0;
    const r0 = reclaims();
    for (let i = 0; i < 2000; i++) {
      a.add(b).mul(0.5).relu().sum(); // 12 KiB of garbage per iteration, 24 MiB in all
      most = Math.max(most, torch.memory().numBytes - base);
    }
    expect(reclaims() - r0).toBeGreaterThanOrEqual(15);
    // The threshold (1 MiB), one allocation past it, and a and b.
    expect(most).toBeLessThan(1024 * KiB + 32 * KiB);
    a.dispose();
    b.dispose();
  });

  it('never collects in a loop whose tensors are disposed or tidied', () => {
    torch.reclaim();
    const a = torch.ones(1024);
    const r0 = reclaims();
    for (let i = 0; i < 2000; i++) {
      torch.tidy(() => {
        a.add(1).mul(2);
      });
      const t = a.mul(3);
      t.dispose();
      using u = a.add(2);
      void u;
    }
    expect(reclaims()).toBe(r0);
    a.dispose();
  });

  it('a working set larger than the threshold costs a few collections, not one per step', () => {
    torch.reclaim();
    const r0 = reclaims();
    for (let step = 0; step < 50; step++) {
      // 2 MiB alive at once within each step, all freed by its end (as a tidy training step).
      const held: torch.Tensor[] = [];
      for (let i = 0; i < 64; i++) held.push(torch.ones(8192));
      for (const t of held) t.dispose();
    }
    expect(reclaims() - r0).toBeLessThanOrEqual(10);
  });

  it('enabled: false turns it off; tidy still frees', () => {
    torch.setReclaimOptions({ enabled: false });
    const r0 = reclaims();
    for (let i = 0; i < 500; i++) torch.ones(1024);
    expect(reclaims()).toBe(r0);
    torch.setReclaimOptions({ enabled: true });
    torch.reclaim();
  });

  it('refuses a bad threshold', () => {
    expect(() => torch.setReclaimOptions({ threshold: -1 })).toThrow(RangeError);
  });

  it('a backend out of memory gets one more try after a reclaim', () => {
    // A backend with 64 KiB of room: the dropped tensors fill it, a reclaim makes room again.
    const inner = new ReferenceBackend();
    let used = 0;
    const sizes = new Map<unknown, number>();
    let trimmed = 0;
    const tight: Backend = Object.create(inner, {
      name: { value: 'tight' },
      alloc: {
        value(bytes: number): unknown {
          if (used + bytes > 64 * KiB) throw new Error('tight: out of memory');
          used += bytes;
          const h = inner.alloc(bytes);
          sizes.set(h, bytes);
          return h;
        },
      },
      free: {
        value(h: unknown): void {
          used -= sizes.get(h)!;
          sizes.delete(h);
          inner.free(h as never);
        },
      },
      trim: {
        value(): void {
          trimmed++;
        },
      },
    });
    torch.setReclaimOptions({ threshold: 1024 * 1024 * KiB }); // pressure alone never reclaims here
    const r0 = reclaims();
    (() => {
      for (let i = 0; i < 300; i++) new torch.Tensor(torch.Storage.allocate(tight, 1024), [256], [1], 0, 'float32');
    })();
    expect(reclaims()).toBeGreaterThan(r0);
    expect(trimmed).toBeGreaterThan(0); // the backend gave back what it pooled before the retry
    expect(used).toBeLessThanOrEqual(64 * KiB);
    expect(() => torch.Storage.allocate(tight, 128 * KiB)).toThrow('tight: out of memory');
  });

  it('a collected tensor gives back the storage set_() gave it, and a disposed one nothing twice', () => {
    const src = torch.ones(64);
    const shared = src.storage;
    const old: torch.Storage[] = [];
    (() => {
      const t = torch.zeros(64);
      torch.reclaim(); // t is now watched by the finalizer
      old.push(t.storage);
      t.set_(src);
      const d = torch.zeros(64);
      torch.reclaim();
      d.dispose(); // watched, then disposed: the finalizer must not release it again
    })();
    expect(shared.refCount).toBe(2);
    expect(old[0]!.refCount).toBe(0);
    const before = torch.memory().numTensors;
    torch.reclaim();
    expect(shared.refCount).toBe(1);
    expect(torch.memory().numTensors).toBe(before - 1);
    src.dispose();
  });

  it("a kernel's view holds the tensor it was made from", () => {
    const t = torch.ones(4);
    const v = viewOf(t, [2, 2], [2, 1]) as { source?: unknown };
    expect(v.source).toBe(t);
    t.dispose();
  });
});
