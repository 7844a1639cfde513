import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import * as torch from '@x/torch';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

async function collect(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 0));
  }
}

const wasmBytes = (): number => torch.backendFor('cpu').bytesInUse?.() ?? NaN;

describe('memory on the WASM backend', () => {
  it('100k small ops inside tidy end where they started', () => {
    const base = torch.memory();
    const heap = wasmBytes();
    const a = torch.ones(2);
    let acc = torch.zeros(2);
    for (let i = 0; i < 100_000; i++) {
      const next = torch.tidy(() => acc.add(a).mul(1));
      acc.dispose();
      acc = next;
    }
    expect(acc.tolist()).toEqual([100000, 100000]);
    a.dispose();
    acc.dispose();
    expect(torch.memory().numTensors).toBe(base.numTensors);
    expect(torch.memory().numBytes).toBe(base.numBytes);
    expect(wasmBytes()).toBe(heap);
  });

  it('100k small ops left to the garbage collector stay flat', async () => {
    await collect();
    const heap0 = wasmBytes();
    const a = torch.ones(2);
    let acc = torch.zeros(2);
    const samples: number[] = [];
    for (let chunk = 0; chunk < 20; chunk++) {
      for (let i = 0; i < 5000; i++) acc = acc.add(a);
      await collect();
      samples.push(wasmBytes());
    }
    expect(acc.tolist()).toEqual([100000, 100000]);
    // The nursery (256 tensors) and the finalizer's lag bound what is alive at any time.
    expect(Math.max(...samples) - heap0).toBeLessThan(64 * 1024);
    expect(samples[samples.length - 1]!).toBeLessThanOrEqual(Math.max(...samples.slice(0, 5)) + 4096);
  });
});
