import { describe, expect, it } from 'vitest';
import v8 from 'node:v8';
import vm from 'node:vm';
import * as torch from '../src/index';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

async function collect(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 0));
  }
}

describe('memory', () => {
  it('tidy frees intermediates and keeps the result', () => {
    const before = torch.memory().numTensors;
    const x = torch.ones(3);
    const y = torch.tidy(() => x.mul(2).add(1).sub(0.5));
    expect(torch.memory().numTensors).toBe(before + 2);
    expect(y.tolist()).toEqual([2.5, 2.5, 2.5]);
    x.dispose();
    y.dispose();
    expect(torch.memory().numTensors).toBe(before);
  });

  it('a tidy scope spans await', async () => {
    const before = torch.memory().numTensors;
    const r = await torch.tidy(async () => {
      const a = torch.ones(4).mul(3);
      await new Promise((res) => setTimeout(res, 1));
      const b = a.add(1);
      await Promise.resolve();
      return { b, n: 1 };
    });
    expect(torch.memory().numTensors).toBe(before + 1);
    expect(r.b.tolist()).toEqual([4, 4, 4, 4]);
    r.b.dispose();
  });

  it('100k small ops in tidy: flat memory', () => {
    const base = torch.memory();
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
    const end = torch.memory();
    expect(end.numTensors).toBe(base.numTensors);
    expect(end.numBytes).toBe(base.numBytes);
  });

  it('100k small ops relying on the garbage collector: flat memory', async () => {
    await collect();
    const base = torch.memory();
    const a = torch.ones(2);
    let acc = torch.zeros(2);
    const peaks: number[] = [];
    for (let chunk = 0; chunk < 20; chunk++) {
      for (let i = 0; i < 5000; i++) acc = acc.add(a);
      await collect();
      peaks.push(torch.memory().numBytes);
    }
    expect(acc.tolist()).toEqual([100000, 100000]);
    // After each collection only a bounded number of tensors survive: no growth from chunk to chunk.
    expect(peaks[peaks.length - 1]! - base.numBytes).toBeLessThan(64 * 1024);
    expect(Math.max(...peaks.slice(5))).toBeLessThanOrEqual(Math.max(...peaks.slice(0, 5)) + 4096);
  });

  it('findLeaks lists what a scope leaked', () => {
    const { result, leaked } = torch.findLeaks(() => {
      const kept = torch.ones(2);
      torch.zeros(3); // leaked
      return kept;
    });
    expect(leaked.length).toBe(1);
    result.dispose();
    for (const t of leaked) (t as torch.Tensor).dispose();
  });

  it('using a disposed tensor is a clear error', () => {
    const x = torch.ones(2);
    x.dispose();
    expect(() => x.add(1)).toThrow('this tensor was disposed');
    {
      using y = torch.ones(1);
      expect(y.item()).toBe(1);
    }
  });
});
