/**
 * The same seed gives PyTorch's data order (issue #22): DataLoader shuffling, RandomSampler with
 * replacement and randomSplit after torch.manualSeed(seed) equal PyTorch 1.13's
 * (test/fixtures/rng-order.json, from tools/gen_data_order_fixtures.py), and leave the global
 * generator where PyTorch leaves it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import * as torch from '@x/tensor';
import { DataLoader, RandomSampler, TensorDataset, randomSplit } from '../src/index';

interface OrderCase { kind: string; seed: number; n: number; batchSize?: number; epochs?: number[][]; randAfter?: number[]; order?: number[]; lengths?: number[]; indices?: number[][] }
const fx = JSON.parse(readFileSync(new URL('./fixtures/rng-order.json', import.meta.url), 'utf8')) as { cases: OrderCase[] };
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe("PyTorch's data order for a seed", () => {
  for (const c of fx.cases) {
    test(`${c.kind} n=${c.n} seed ${c.seed}`, () => {
      torch.manualSeed(c.seed);
      if (c.kind === 'loader') {
        const loader = new DataLoader(new TensorDataset(torch.arange(c.n)), { batchSize: c.batchSize!, shuffle: true });
        const epochs = [0, 1].map(() => [...loader].flatMap(([x]) => (x as torch.Tensor).tolist() as number[]));
        expect(epochs).toEqual(c.epochs);
        expect(Array.from(torch.rand(3).numpy() as Float32Array)).toEqual(c.randAfter!.map(Math.fround));
      } else if (c.kind === 'replacement') {
        expect([...new RandomSampler(range(c.n), { replacement: true, numSamples: 70 })]).toEqual(c.order);
      } else {
        expect(randomSplit(range(c.n), c.lengths!).map((s) => [...s.indices])).toEqual(c.indices);
      }
    });
  }
});
