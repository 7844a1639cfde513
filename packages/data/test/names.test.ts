// console.log of a DataLoader, a dataset or a sampler prints what PyTorch's print() does:
// `<torch.utils.data.dataloader.DataLoader object at 0x…>`, not their fields (issue #12).
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import {
  BatchSampler, ConcatDataset, DataLoader, Dataset, IterableDataset, RandomSampler, SequentialSampler, Subset, SubsetRandomSampler, TensorDataset,
  WeightedRandomSampler,
} from '../src/index';

const at = (name: string): RegExp => new RegExp(`^<${name.replace(/\./g, '\\.')} object at 0x7f[0-9a-f]{10}>$`);

class MyDataset extends Dataset<number> {
  get length(): number {
    return 3;
  }
  getItem(i: number): number {
    return i;
  }
}
class Stream extends IterableDataset<number> {
  override *[Symbol.iterator](): Iterator<number> {
    yield 1;
  }
}

describe('printed data objects', () => {
  it("print as PyTorch's objects do, with their torch.utils.data module path", () => {
    const ds = new TensorDataset(torch.ones(4, 2));
    const dl = new DataLoader(ds, { batchSize: 2 });
    expect(inspect(dl)).toMatch(at('torch.utils.data.dataloader.DataLoader'));
    expect(String(dl)).toBe(inspect(dl));
    expect(inspect(ds)).toMatch(at('torch.utils.data.dataset.TensorDataset'));
    expect(inspect(dl.sampler)).toMatch(at('torch.utils.data.sampler.SequentialSampler'));
    expect(inspect(dl.batchSampler)).toMatch(at('torch.utils.data.sampler.BatchSampler'));
    expect(inspect(new RandomSampler(ds))).toMatch(at('torch.utils.data.sampler.RandomSampler'));
    expect(inspect(new SequentialSampler(ds))).toMatch(at('torch.utils.data.sampler.SequentialSampler'));
    expect(inspect(new BatchSampler(new SequentialSampler(ds), 2, false))).toMatch(at('torch.utils.data.sampler.BatchSampler'));
    expect(inspect(new SubsetRandomSampler([0]))).toMatch(at('torch.utils.data.sampler.SubsetRandomSampler'));
    expect(inspect(new WeightedRandomSampler([1, 2], 2))).toMatch(at('torch.utils.data.sampler.WeightedRandomSampler'));
    expect(inspect(new Subset(ds, [0]))).toMatch(at('torch.utils.data.dataset.Subset'));
    expect(inspect(new ConcatDataset([ds, ds]))).toMatch(at('torch.utils.data.dataset.ConcatDataset'));
    expect(inspect(new MyDataset())).toMatch(at('__main__.MyDataset'));
    expect(inspect(new Stream())).toMatch(at('__main__.Stream'));
    expect(torch.typename(dl)).toBe('torch.utils.data.dataloader.DataLoader');
  });
});
